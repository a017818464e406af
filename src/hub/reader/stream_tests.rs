//! The streaming reader against a whole-file parse with serde_json: both must give the same
//! records, skips and errors, whatever the chunk size cuts.

use std::io::Cursor;
use std::ops::ControlFlow;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use super::stream::read_stream_in_chunks;
use super::{FileRecords, ReadError, ReadEvent, Skip, SkipReason, hub_error_message, json_kind};
use crate::hub::record::HubModel;

/// Parses a whole file into memory with one serde_json stream of top-level values, the
/// reference the streaming reader must agree with.
fn whole_file(text: &str) -> Result<FileRecords, ReadError> {
    let path = Path::new("test.json");
    let mut values: Vec<(usize, Value)> = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let offset = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(value)) => {
                let rest = &text[offset..];
                let start = offset + (rest.len() - rest.trim_start().len());
                let line = 1 + text[..start].matches('\n').count();
                values.push((line, value));
            }
            Some(Err(error)) => {
                return Err(ReadError::Syntax {
                    path: path.to_path_buf(),
                    line: error.line(),
                    column: error.column(),
                    detail: error.to_string(),
                });
            }
        }
    }
    let elements: Vec<(usize, Value)> = match values.len() {
        0 => {
            return Err(ReadError::Shape {
                path: path.to_path_buf(),
                found: "nothing",
            });
        }
        1 => match values.pop().map(|(_, value)| value) {
            Some(Value::Array(items)) => (1..).zip(items).collect(),
            Some(Value::Object(object)) => {
                if let Some(message) = hub_error_message(&object) {
                    return Err(ReadError::HubError {
                        path: path.to_path_buf(),
                        message,
                    });
                }
                vec![(1, Value::Object(object))]
            }
            Some(other) => {
                return Err(ReadError::Shape {
                    path: path.to_path_buf(),
                    found: json_kind(&other),
                });
            }
            None => unreachable!("one value was parsed"),
        },
        _ => values,
    };
    let mut records = FileRecords::default();
    for (position, element) in elements {
        let outcome: Result<HubModel, SkipReason> = if element.is_object() {
            serde_json::from_value::<HubModel>(element)
                .map_err(|error| SkipReason::invalid_field(&error.to_string()))
                .and_then(|record| match record.repo_id() {
                    Some(_) => Ok(record),
                    None => Err(SkipReason::MissingId),
                })
        } else {
            Err(SkipReason::NotAnObject)
        };
        match outcome {
            Ok(record) => records.records.push(record),
            Err(reason) => records.skipped.push(Skip { position, reason }),
        }
    }
    Ok(records)
}

/// Streams `text` in chunks of `chunk_bytes` and batches of `batch_size`, applying restarts.
fn streamed(text: &str, chunk_bytes: usize, batch_size: usize) -> Result<FileRecords, ReadError> {
    let mut all = FileRecords::default();
    read_stream_in_chunks(
        Path::new("test.json"),
        Cursor::new(text.as_bytes()),
        batch_size,
        chunk_bytes,
        &mut |event| {
            match event {
                ReadEvent::Batch { records, .. } => {
                    all.records.extend(records.records);
                    all.skipped.extend(records.skipped);
                }
                ReadEvent::Restart => all = FileRecords::default(),
            }
            ControlFlow::Continue(())
        },
    )?;
    Ok(all)
}

/// Formats a read's outcome for comparison.
fn outcome(result: Result<FileRecords, ReadError>) -> String {
    match result {
        Ok(file) => format!("{:?} {:?}", file.records, file.skipped),
        Err(ReadError::Syntax {
            line,
            column,
            detail,
            ..
        }) => format!("syntax {line}:{column} {detail}"),
        Err(error) => format!("{error:?}"),
    }
}

fn assert_same(text: &str) {
    let expected = outcome(whole_file(text));
    for chunk_bytes in [1, 2, 3, 7, 64, 1 << 20] {
        for batch_size in [1, 3, 10_000] {
            assert_eq!(
                outcome(streamed(text, chunk_bytes, batch_size)),
                expected,
                "{text:?} in chunks of {chunk_bytes}, batches of {batch_size}"
            );
        }
    }
}

#[test]
fn same_as_whole_file_on_valid_shapes() {
    for text in [
        r#"[{"id":"a/b","downloads":3},{"id":"c/d","likes":1}]"#,
        "[ ]",
        "[]",
        "\n\n  [\n {\"id\":\"a/b\"} ,\n 1 , \"x\", null, [2], {\"likes\":2}\n]\n\n",
        r#"{"id":"a/b","safetensors":{"parameters":{"BF16":10},"total":10}}"#,
        "\n\n{\"id\":\"a/b\"}\n",
        "{\"id\":\"a/b\"}\n{\"likes\":2}\n\n{\"modelId\":\"c/d\"}\n",
        "{\"id\":\"a/b\"}{\"id\":\"c/d\"}",
        "{\n  \"id\": \"a/b\"\n}\n{\n  \"id\": \"c/d\",\n  \"tags\": [\"en\", 3]\n}\n",
        "[1]\n{\"id\":\"a/b\"}\n",
        "[{\"id\":\"a/b\"}]\n[{\"id\":\"c/d\"}]\n",
        "1\n{\"id\":\"a/b\"}",
        "\"text\"\n{\"id\":\"a/b\"}",
        "null {\"id\":\"a/b\"}",
        r#"[{"id":"a/b","id":"c/d"}]"#,
        r#"[{"id":42},{"id":"ok/model","downloads":"many","gated":"manual"}]"#,
        r#"{"error":"Invalid credentials in Authorization header"}"#,
        "{\"error\":\"x\"}\n{\"id\":\"a/b\"}",
        r#"{"error":"x","id":null}"#,
        r#"[{"id":"é/ü","author":"\u00e9\n","tags":["a\"b","c\\d"]}]"#,
        "42",
        "\"models\"",
        "null",
        "true",
        "",
        "  \n ",
    ] {
        assert_same(text);
    }
}

#[test]
fn same_as_whole_file_on_syntax_errors() {
    for text in [
        "[{\"id\":\"a/b\"},\n{\"id\":\"c",
        "[{",
        "[",
        "[\n",
        "[1,",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[1]x",
        "[1] 2",
        "{\"id\":\"a/b\"} x",
        "{\"id\":\"a/b\"}\n{\"id\"",
        "1x",
        "12 3x",
        "tru",
        "[tru]",
        "{\"id\":\"a/b\",}",
        "]",
        "}",
        "[{\"id\":\"a/b\"}]]",
        "[\"unterminated]",
        "[\"bad escape \\q\"]",
        "[\"control \u{1} char\"]",
        "\n\n\n   [1, {\"a\":\n\n  }]",
    ] {
        assert_same(text);
    }
}

#[test]
fn recorded_file_cut_anywhere_matches_whole_file() {
    let text = "[{\"id\":\"org/m-7B\",\"downloads\":12,\"tags\":[\"en\",\"license:mit\"]},\n \
                {\"id\":\"org/n\",\"lastModified\":\"2024-12-01T00:00:00.000Z\",\"likes\":1.5e3},\n \
                {\"modelId\":\"x/y\",\"gguf\":{\"total\":123}}]\n";
    for end in 0..=text.len() {
        if text.is_char_boundary(end) {
            let cut = &text[..end];
            let expected = outcome(whole_file(cut));
            for chunk_bytes in [1, 5, 1 << 20] {
                assert_eq!(
                    outcome(streamed(cut, chunk_bytes, 2)),
                    expected,
                    "{cut:?} in chunks of {chunk_bytes}"
                );
            }
        }
    }
}

#[test]
fn invalid_utf8_is_a_syntax_error() {
    let bytes = b"[{\"id\":\"a/b\"},\n{\"id\":\"c/d\",\"x\":\"\xff\"}]";
    for chunk_bytes in [1, 1 << 20] {
        let result = read_stream_in_chunks(
            Path::new("test.json"),
            Cursor::new(&bytes[..]),
            10,
            chunk_bytes,
            &mut |_| ControlFlow::Continue(()),
        );
        let Err(ReadError::Syntax { line, detail, .. }) = result else {
            panic!("expected a syntax error, got {result:?}");
        };
        assert_eq!(line, 2);
        assert!(detail.contains("invalid unicode code point"), "{detail}");
    }
}

#[test]
fn restart_discards_the_array_records() {
    let mut events = Vec::new();
    read_stream_in_chunks(
        Path::new("test.json"),
        Cursor::new(&b"[{\"id\":\"a/b\"}]\n{\"id\":\"c/d\"}\n"[..]),
        1,
        1 << 20,
        &mut |event| {
            events.push(match event {
                ReadEvent::Batch { records, .. } => format!(
                    "batch {:?} {:?}",
                    records
                        .records
                        .iter()
                        .map(|record| record.repo_id().unwrap_or_default().to_string())
                        .collect::<Vec<_>>(),
                    records.skipped
                ),
                ReadEvent::Restart => "restart".to_string(),
            });
            ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert_eq!(
        events,
        [
            r#"batch ["a/b"] []"#,
            "restart",
            r#"batch [] [Skip { position: 1, reason: NotAnObject }]"#,
            r#"batch ["c/d"] []"#,
        ]
    );
}

#[test]
fn batches_report_bytes_read() {
    let text = "{\"id\":\"a/b\"}\n{\"id\":\"c/d\"}\n{\"id\":\"e/f\"}\n";
    let mut seen = Vec::new();
    read_stream_in_chunks(
        Path::new("test.jsonl"),
        Cursor::new(text.as_bytes()),
        2,
        4,
        &mut |event| {
            if let ReadEvent::Batch {
                records,
                bytes_read,
            } = event
            {
                seen.push((records.records.len(), bytes_read));
            }
            ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert_eq!(seen, [(2, 25), (1, 39)]);
}

#[test]
fn consumer_can_stop_the_read() {
    let text = "{\"id\":\"a/b\"}\n{\"id\":\"c/d\"}\n{\"id\":\"e/f\"}\n";
    let mut batches = 0;
    let result = read_stream_in_chunks(
        Path::new("test.jsonl"),
        Cursor::new(text.as_bytes()),
        1,
        1 << 20,
        &mut |_| {
            batches += 1;
            ControlFlow::Break(())
        },
    );
    assert!(result.is_ok());
    assert_eq!(batches, 1);
}

/// Pieces of JSON, valid and not, that random files are made of.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    " ",
    "\n",
    "1",
    "-2.5",
    "\"x\"",
    "null",
    "tru",
    "{\"id\":\"a/b\"}",
    "{\"id\":\"c/d\",\"downloads\":7,\"tags\":[\"en\",\"license:mit\"]}",
    "{\"likes\":2}",
    "{\"id\":42}",
    "{\"error\":\"denied\"}",
    "\"id\"",
    "\"é\"",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_files_match_whole_file(
        pieces in proptest::collection::vec(0..PIECES.len(), 0..24),
        chunk_bytes in 1usize..9,
        batch_size in 1usize..4,
    ) {
        let text: String = pieces.iter().map(|&index| PIECES[index]).collect();
        prop_assert_eq!(
            outcome(streamed(&text, chunk_bytes, batch_size)),
            outcome(whole_file(&text)),
            "{:?}", text
        );
    }
}

#[test]
fn byte_order_mark_is_skipped() {
    for text in [
        "[{\"id\":\"a/b\"},{\"id\":\"c/d\"}]",
        "{\"id\":\"a/b\"}\n{\"id\":\"c/d\"}\n",
        "[{\"id\":\"a/b\"}]\n{\"id\":\"c/d\"}\n",
    ] {
        let marked = format!("\u{feff}{text}");
        for chunk_bytes in [1, 2, 3, 4, 64] {
            assert_eq!(
                outcome(streamed(&marked, chunk_bytes, 10)),
                outcome(whole_file(text)),
                "{marked:?} in chunks of {chunk_bytes}"
            );
        }
    }
    // Only a mark at the start of the file is skipped.
    let inner = "{\"id\":\"a/b\"}\n\u{feff}{\"id\":\"c/d\"}\n";
    assert!(outcome(streamed(inner, 64, 10)).starts_with("syntax 2:1"));
}
