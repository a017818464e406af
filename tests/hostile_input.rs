//! Hostile files against the Hub importer (`slmscope import`) and the leaderboard importer
//! (`slmscope import-benchmarks`): generated deep nesting, numbers out of range, NaN and
//! Infinity literals, duplicate keys, invalid UTF-8, truncation, wrong types in every field and
//! long strings. Each import must end in a processed file or in an error that names the file
//! and the place, and must leave a cache that passes `PRAGMA integrity_check`.
//!
//! The proptest runs use a fixed seed and a few hundred cases each, so that CI runs the same
//! cases every time.

mod common;

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use slmscope::cache::{Cache, FileImportError, OpenMode};
use slmscope::hub::reader::ReadError;
use slmscope::i18n::Lang;
use slmscope::leaderboard::{LeaderboardError, read_leaderboard};

/// Cases per property: enough to reach every generator branch many times, few enough for CI.
const CASES: u32 = 300;

fn config() -> Config {
    Config {
        cases: CASES,
        rng_seed: RngSeed::Fixed(0x5eed_5eed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Valid JSON scalars that readers get wrong: numbers beyond `u64` and `i64`, negative and
/// fractional counts, strings with escaped control characters, terminal escape sequences and a
/// surrogate pair.
const VALID_SCALARS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"-0",
    b"1.5",
    b"1e300",
    b"-1e300",
    b"1e-400",
    b"18446744073709551615",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"123456789012345678901234567890",
    b"true",
    b"false",
    b"null",
    b"\"\"",
    b"\"a/b\"",
    b"\"owner/model\"",
    b"\"2024-01-01T00:00:00.000Z\"",
    b"\"not a date\"",
    b"\"\\u0000\\u001b[2J\"",
    b"\"\\u001b]0;title\\u0007\"",
    b"\"\\ud83d\\ude00\"",
    b"\"manual\"",
    b"\"auto\"",
];

/// Tokens that are not JSON, or that serde_json rejects: a number beyond `f64`, NaN and Infinity
/// literals, leading zeros and signs, other languages' literals, invalid UTF-8, a lone
/// surrogate and raw control characters in a string.
const INVALID_SCALARS: &[&[u8]] = &[
    b"1e400",
    b"-1e400",
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b"nan",
    b"01",
    b"1.",
    b"+1",
    b"'single'",
    b"undefined",
    b"\"\xff\xfe\"",
    b"\"\xc3\"",
    b"\"\\ud800\"",
    b"\"\x1b]0;title\x07\"",
];

/// Generates a scalar: mostly valid ones, invalid tokens only when `invalid` is set (one in
/// ten), and long strings.
fn scalar(invalid: bool) -> BoxedStrategy<Vec<u8>> {
    let invalid_weight = if invalid { 2 } else { 0 };
    prop_oneof![
        18 => proptest::sample::select(VALID_SCALARS).prop_map(<[u8]>::to_vec),
        invalid_weight => proptest::sample::select(INVALID_SCALARS).prop_map(<[u8]>::to_vec),
        1 => (1usize..20_000).prop_map(|length| {
            let mut text = b"\"".to_vec();
            text.extend(std::iter::repeat_n(b'x', length));
            text.push(b'"');
            text
        }),
    ]
    .boxed()
}

/// Fields of a Hub record, read or not by slmscope; a record draws them with repetition, which
/// gives duplicate keys.
const HUB_FIELDS: &[&str] = &[
    "id",
    "modelId",
    "_id",
    "author",
    "downloads",
    "downloadsAllTime",
    "likes",
    "trendingScore",
    "pipeline_tag",
    "library_name",
    "tags",
    "createdAt",
    "lastModified",
    "gated",
    "private",
    "safetensors",
    "gguf",
    "config",
    "cardData",
    "model-index",
    "siblings",
    "sha",
];

/// Generates a JSON-like value: a scalar, or arrays and objects of scalars up to a few levels, with Hub
/// field names as keys so that nested shapes reach the record's readers.
fn value(invalid: bool) -> impl Strategy<Value = Vec<u8>> {
    scalar(invalid).prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| join(b"[", &items, b"]")),
            proptest::collection::vec((proptest::sample::select(HUB_FIELDS), inner), 0..6)
                .prop_map(|members| object(&members)),
        ]
    })
}

/// Generates nesting thousands of levels deep, left open only when `invalid` is set.
fn deep_value(invalid: bool) -> impl Strategy<Value = Vec<u8>> {
    (1_000usize..5_000, any::<bool>(), any::<bool>()).prop_map(move |(depth, arrays, open)| {
        let closed = !(invalid && open);
        let (open, close): (&[u8], &[u8]) = if arrays {
            (b"[", b"]")
        } else {
            (b"{\"config\":", b"}")
        };
        let mut text = Vec::new();
        for _ in 0..depth {
            text.extend_from_slice(open);
        }
        text.extend_from_slice(b"1");
        if closed {
            for _ in 0..depth {
                text.extend_from_slice(close);
            }
        }
        text
    })
}

/// Generates a Hub record: an object with an id (often valid) and fields of any type, or something else
/// where a record belongs.
fn record(invalid: bool) -> impl Strategy<Value = Vec<u8>> {
    let id = prop_oneof![
        3 => (0u32..50).prop_map(|number| format!("\"owner/model-{number}\"").into_bytes()),
        1 => value(invalid),
    ];
    let fields = proptest::collection::vec(
        (
            proptest::sample::select(HUB_FIELDS),
            prop_oneof![12 => value(invalid), 1 => deep_value(invalid)],
        ),
        0..8,
    );
    prop_oneof![
        8 => (proptest::sample::select(&["id", "modelId", "_id"][..]), id, fields).prop_map(
            |(key, id, mut fields)| {
                fields.insert(0, (key, id));
                object(&fields)
            }
        ),
        1 => value(invalid),
        1 => deep_value(invalid),
    ]
}

/// Generates a whole file: a JSON array of records, JSON Lines, or one record. A third of the files may
/// contain invalid tokens, and a quarter are cut at a random byte or get one byte overwritten.
fn hub_file() -> impl Strategy<Value = Vec<u8>> {
    let records = prop_oneof![2 => Just(false), 1 => Just(true)]
        .prop_flat_map(|invalid| proptest::collection::vec(record(invalid), 0..12));
    let shaped = (records, 0u8..3).prop_map(|(records, shape)| match shape {
        0 => join(b"[", &records, b"]"),
        1 => {
            let mut text = Vec::new();
            for record in &records {
                text.extend_from_slice(record);
                text.push(b'\n');
            }
            text
        }
        _ => records.into_iter().next().unwrap_or_default(),
    });
    (
        shaped,
        any::<u8>(),
        any::<proptest::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(mut text, damage, place, byte)| {
            if !text.is_empty() {
                let index = place.index(text.len());
                match damage % 8 {
                    0 => text.truncate(index),
                    1 => text[index] = byte,
                    _ => {}
                }
            }
            text
        })
}

fn join(open: &[u8], items: &[Vec<u8>], close: &[u8]) -> Vec<u8> {
    let mut text = open.to_vec();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            text.push(b',');
        }
        text.extend_from_slice(item);
    }
    text.extend_from_slice(close);
    text
}

fn object(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let members: Vec<Vec<u8>> = members
        .iter()
        .map(|(key, value)| {
            let mut member = format!("\"{key}\":").into_bytes();
            member.extend_from_slice(value);
            member
        })
        .collect();
    join(b"{", &members, b"}")
}

/// Runs `PRAGMA integrity_check` on the cache file and returns its single line.
fn integrity(db: &Path) -> String {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// Counts the rows of `table` in the cache.
fn count_rows(db: &Path, table: &str) -> i64 {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

/// Imports `bytes` as a Hub file into a new cache and checks the outcome: a summary whose counts
/// add up, or an error naming the file (and the line for syntax and size errors) that left
/// nothing in the cache.
fn check_hub_import(bytes: &[u8]) -> Result<(), TestCaseError> {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("hostile.json");
    std::fs::write(&file, bytes).unwrap();
    let db = work.path().join("cache.db");
    let mut cache = Cache::open(&db, OpenMode::CreateIfMissing).unwrap();

    match cache.import_file(&file, "hostile.json", &mut |_| {}) {
        Ok(summary) => {
            prop_assert_eq!(
                summary.read,
                summary.added + summary.updated + summary.unchanged + summary.skipped_count
            );
            prop_assert!(summary.skipped.len() <= summary.skipped_count);
            drop(cache);
            prop_assert_eq!(count_rows(&db, "imports"), 1);
        }
        Err(error) => {
            for lang in [Lang::En, Lang::Fr] {
                let message = error.message(lang);
                prop_assert!(message.contains("hostile.json"), "{}", message);
                let names_line = matches!(
                    error,
                    FileImportError::Read(ReadError::Syntax { .. } | ReadError::TooLarge { .. })
                );
                if names_line {
                    let line = lang.pick("line", "ligne");
                    prop_assert!(message.contains(line), "{}", message);
                }
            }
            prop_assert!(
                matches!(error, FileImportError::Read(_)),
                "a hostile file must fail as a read error, not a cache error: {:?}",
                error
            );
            drop(cache);
            prop_assert_eq!(count_rows(&db, "imports"), 0, "a failed file is not listed");
            prop_assert_eq!(
                count_rows(&db, "models"),
                0,
                "a failed file stores no model"
            );
        }
    }
    prop_assert_eq!(integrity(&db), "ok");
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn hub_import_survives_hostile_files(bytes in hub_file()) {
        check_hub_import(&bytes)?;
    }
}

/// Fixed hostile files that the generators reach only by chance.
#[test]
fn hub_import_survives_fixed_hostile_files() {
    let mut deep_array = "[".repeat(100_000).into_bytes();
    deep_array.extend("]".repeat(100_000).bytes());
    let mut deep_in_record = b"[{\"id\":\"a/b\",\"config\":".to_vec();
    deep_in_record.extend("[".repeat(100_000).bytes());
    deep_in_record.extend("]".repeat(100_000).bytes());
    deep_in_record.extend(b"}]");
    let long_id = format!("{{\"id\":\"{}\"}}", "x".repeat(1 << 20)).into_bytes();
    let many_non_records = format!("[{}1]", "1,".repeat(200_000)).into_bytes();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("whitespace", b" \n\t\r\n".to_vec()),
        ("byte order mark", b"\xef\xbb\xbf[]".to_vec()),
        ("lone bracket", b"[".to_vec()),
        ("deep array", deep_array),
        ("deep field", deep_in_record),
        ("long id", long_id),
        ("many non-records", many_non_records),
        ("NaN downloads", b"[{\"id\":\"a/b\",\"downloads\":NaN}]".to_vec()),
        (
            "huge numbers",
            b"[{\"id\":\"a/b\",\"downloads\":1e400,\"likes\":-99999999999999999999,\"safetensors\":{\"total\":18446744073709551616}}]"
                .to_vec(),
        ),
        (
            "duplicate keys",
            b"{\"id\":\"a/b\",\"id\":\"c/d\",\"downloads\":1,\"downloads\":\"x\"}".to_vec(),
        ),
        ("invalid UTF-8 id", b"[{\"id\":\"a/\xff\"}]".to_vec()),
        ("invalid UTF-8 outside strings", b"[{\"id\":\"a/b\"}\xff]".to_vec()),
        ("NUL bytes", vec![0; 4096]),
    ];
    for (name, bytes) in files {
        if let Err(failure) = check_hub_import(&bytes) {
            panic!("{name}: {failure}");
        }
    }
}

/// Many records that are not objects produce a bounded skip list with the full count.
#[test]
fn hub_import_bounds_skip_list() {
    let count = 3 * slmscope::cache::MAX_LISTED_SKIPS;
    let text = format!("[{}{{\"id\":\"a/b\"}}]", "1,".repeat(count));
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("numbers.json");
    std::fs::write(&file, text).unwrap();
    let mut cache = Cache::open(&work.path().join("cache.db"), OpenMode::CreateIfMissing).unwrap();

    let summary = cache
        .import_file(&file, "numbers.json", &mut |_| {})
        .unwrap();

    assert_eq!(summary.added, 1);
    assert_eq!(summary.skipped_count, count);
    assert_eq!(summary.skipped.len(), slmscope::cache::MAX_LISTED_SKIPS);
}

/// Columns of the three CSV formats: the required ones, then optional ones.
const CSV_FORMATS: &[(&[&str], &[&str])] = &[
    (
        &[
            "model_name",
            "metadata_params_billions",
            "evaluations_ifeval_normalized_score",
            "evaluations_bbh_normalized_score",
            "evaluations_math_normalized_score",
            "evaluations_gpqa_normalized_score",
            "evaluations_musr_normalized_score",
            "evaluations_mmlu_pro_normalized_score",
            "model_average_score",
        ],
        &[
            "model_type",
            "features_is_moe",
            "metadata_submission_date",
            "id",
            "unknown column",
        ],
    ),
    (
        &[
            "model",
            "params_b",
            "arc",
            "hellaswag",
            "mmlu",
            "truthfulqa",
            "winogrande",
            "gsm8k",
            "average",
        ],
        &["fullname", "type", "date", "url", "moe", "unknown column"],
    ),
    (
        &["model", "benchmark", "metric", "score"],
        &[
            "params",
            "active_params",
            "date",
            "source",
            "unknown column",
        ],
    ),
];

/// Generates a CSV header: a format's required columns and some optional ones, or in one case in eight a
/// random part of them, which misses required columns.
fn csv_header() -> impl Strategy<Value = Vec<&'static str>> {
    (proptest::sample::select(CSV_FORMATS), 0u8..8).prop_flat_map(|((required, optional), mode)| {
        let all: Vec<&'static str> = required.iter().chain(optional.iter()).copied().collect();
        if mode == 0 {
            proptest::sample::subsequence(all.clone(), 0..=all.len()).boxed()
        } else {
            proptest::sample::subsequence(optional.to_vec(), 0..=optional.len())
                .prop_map(move |extra| {
                    let mut columns = required.to_vec();
                    columns.extend(extra);
                    columns
                })
                .boxed()
        }
    })
}

/// Cells that trouble a CSV reader: quotes, separators and line breaks inside cells, and formula
/// text.
const CSV_CELLS: &[&[u8]] = &[
    b"",
    b"owner/model",
    b"\"quoted, with comma\"",
    b"\"unclosed",
    b"a\"b",
    b"\"line\nbreak\"",
    b"7.2",
    b"-1",
    b"0",
    b"=cmd|'/c calc'!A0",
];

/// Generates a CSV cell: a scalar (quoted or not), a long cell, an embedded newline or quote, and invalid
/// tokens when `invalid` is set.
fn csv_cell(invalid: bool) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => score(),
        6 => scalar(invalid),
        2 => proptest::sample::select(CSV_CELLS).prop_map(<[u8]>::to_vec),
        1 => (1usize..100_000).prop_map(|length| vec![b'9'; length]),
    ]
}

/// Generates a plausible score or size: a finite number in a leaderboard's range.
fn score() -> impl Strategy<Value = Vec<u8>> {
    (-10.0f64..1000.0).prop_map(|number| number.to_string().into_bytes())
}

/// Generates a CSV file: a header, then records of as many cells as the header or, one in eight, of any
/// count. A third of the files may contain invalid tokens, and a quarter are cut at a random
/// byte.
fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    let invalid = prop_oneof![2 => Just(false), 1 => Just(true)];
    let header_and_rows = (csv_header(), invalid).prop_flat_map(|(header, invalid)| {
        let width = header.len();
        let row_width = prop_oneof![7 => Just(width), 1 => 0..width + 3];
        let row = row_width
            .prop_flat_map(move |width| proptest::collection::vec(csv_cell(invalid), width));
        (Just(header), proptest::collection::vec(row, 0..20))
    });
    (header_and_rows, 0u8..4, any::<proptest::sample::Index>()).prop_map(
        |((header, rows), truncate, place)| {
            let mut text = header.join(",").into_bytes();
            for row in rows {
                text.push(b'\n');
                for (index, cell) in row.iter().enumerate() {
                    if index > 0 {
                        text.push(b',');
                    }
                    text.extend_from_slice(cell);
                }
            }
            if truncate == 0 && !text.is_empty() {
                let index = place.index(text.len());
                text.truncate(index);
            }
            text
        },
    )
}

/// Model names as keys of a `results.json`: empty, a Hub id, an escape sequence.
const MODEL_KEYS: &[&[u8]] = &[b"\"GPT-4o\"", b"\"\"", b"\"a/b\"", b"\"\\u001b[31mred\""];

/// Generates a BigCodeBench or EvalPlus `results.json`: an object of model entries with hostile fields,
/// invalid tokens in a third of the files, and a quarter of the files cut at a random byte.
fn leaderboard_json() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![2 => Just(false), 1 => Just(true)].prop_flat_map(leaderboard_json_with)
}

fn leaderboard_json_with(invalid: bool) -> impl Strategy<Value = Vec<u8>> {
    const ENTRY_FIELDS: &[&str] = &[
        "link",
        "size",
        "act_param",
        "moe",
        "prompted",
        "date",
        "open-data",
        "pass@1",
    ];
    const SCORES: &[&str] = &[
        "complete",
        "instruct",
        "humaneval",
        "humaneval+",
        "mbpp",
        "mbpp+",
    ];
    let score = prop_oneof![3 => score(), 1 => value(invalid)];
    let scores = proptest::collection::vec((proptest::sample::select(SCORES), score), 0..5)
        .prop_map(|scores| {
            let members: Vec<Vec<u8>> = scores
                .iter()
                .map(|(key, value)| {
                    let mut member = format!("\"{key}\":").into_bytes();
                    member.extend_from_slice(value);
                    member
                })
                .collect();
            join(b"{", &members, b"}")
        });
    let entry = (
        scores,
        proptest::collection::vec(
            (
                proptest::sample::select(ENTRY_FIELDS),
                // Deep nesting anywhere rejects the whole file, so it is rarer here.
                prop_oneof![60 => value(invalid), 1 => deep_value(invalid)],
            ),
            0..6,
        ),
    )
        .prop_map(|(scores, fields)| {
            let mut members = vec![("pass@1", scores)];
            members.extend(fields);
            object(&members)
        });
    let key = prop_oneof![
        proptest::sample::select(MODEL_KEYS).prop_map(<[u8]>::to_vec),
        (0u32..20).prop_map(|number| format!("\"model {number}\"").into_bytes()),
    ];
    let entries =
        proptest::collection::vec((key, prop_oneof![6 => entry, 1 => value(invalid)]), 0..10)
            .prop_map(|entries| {
                let members: Vec<Vec<u8>> = entries
                    .into_iter()
                    .map(|(mut key, value)| {
                        key.push(b':');
                        key.extend(value);
                        key
                    })
                    .collect();
                join(b"{", &members, b"}")
            });
    let file = prop_oneof![12 => entries, 1 => value(invalid), 1 => deep_value(invalid)];
    (file, 0u8..4, any::<proptest::sample::Index>()).prop_map(|(mut text, truncate, place)| {
        if truncate == 0 && !text.is_empty() {
            let index = place.index(text.len());
            text.truncate(index);
        }
        text
    })
}

/// Reads `bytes` as a leaderboard file and imports what it gives into a new cache, checking that
/// an error names the file (and the line for syntax errors) and that the cache stays intact.
fn check_leaderboard_import(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let db = work.path().join("cache.db");
    let mut cache = Cache::open(&db, OpenMode::CreateIfMissing).unwrap();

    match read_leaderboard(&file) {
        Ok(leaderboard) => {
            let summary = cache.import_leaderboard(name, &leaderboard);
            prop_assert!(summary.is_ok(), "{:?}", summary.err());
        }
        Err(error) => {
            for lang in [Lang::En, Lang::Fr] {
                let message = error.message(lang);
                prop_assert!(message.contains(name), "{}", message);
                if matches!(error, LeaderboardError::JsonSyntax { .. }) {
                    let line = lang.pick("line", "ligne");
                    prop_assert!(message.contains(line), "{}", message);
                }
            }
        }
    }
    drop(cache);
    prop_assert_eq!(integrity(&db), "ok");
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn leaderboard_csv_survives_hostile_files(bytes in csv_file()) {
        check_leaderboard_import("board.csv", &bytes)?;
    }

    #[test]
    fn leaderboard_json_survives_hostile_files(bytes in leaderboard_json()) {
        check_leaderboard_import("results.json", &bytes)?;
    }
}

/// `slmscope import` and `slmscope import-benchmarks` on hostile files: each ends with exit code
/// 0 or 1 and a message naming the file, never with a panic, and a long skip list is cut with
/// a count of the rest.
#[test]
fn cli_imports_report_hostile_files() {
    let work = tempfile::tempdir().unwrap();
    let non_records = work.path().join("numbers.json");
    let count = 2 * slmscope::cache::MAX_LISTED_SKIPS;
    std::fs::write(
        &non_records,
        format!("[{}{{\"id\":\"a/b\"}}]", "1,".repeat(count)),
    )
    .unwrap();
    let deep = work.path().join("deep.json");
    std::fs::write(
        &deep,
        format!("{}1{}", "[".repeat(50_000), "]".repeat(50_000)),
    )
    .unwrap();
    let nan = work.path().join("nan.json");
    std::fs::write(&nan, b"[{\"id\":\"a/b\",\"downloads\":NaN}]").unwrap();
    let board = work.path().join("board.csv");
    std::fs::write(
        &board,
        b"model,benchmark,metric,score\na/b,x,y,1e400\n\xff,x,y,NaN\n",
    )
    .unwrap();
    let db = work.path().join("cache.db");
    let db = db.to_str().unwrap();

    for (command, file, expected_code) in [
        ("import", &non_records, 0),
        ("import", &deep, 0),
        ("import", &nan, 1),
        ("import-benchmarks", &board, 1),
    ] {
        let output = common::run(work.path(), &[command, "--db", db, file.to_str().unwrap()]);
        let text = format!("{}{}", common::stdout(&output), common::stderr(&output));
        assert_eq!(
            output.status.code(),
            Some(expected_code),
            "{command} {text}"
        );
        assert!(!text.contains("panicked"), "{text}");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(text.contains(name), "{text}");
    }
    let output = common::run(
        work.path(),
        &["import", "--db", db, non_records.to_str().unwrap()],
    );
    let text = common::stdout(&output);
    assert!(text.contains("skipped 2,000"), "{text}");
    assert!(
        text.contains("1,000 more skipped records not listed"),
        "{text}"
    );
    assert_eq!(integrity(Path::new(db)), "ok");
}
