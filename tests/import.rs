//! `slmscope import` end to end: formats, merging, summaries and files that must change nothing.

mod common;

use std::fs;

use common::{dump, import_recorded, recorded_hub_dir, run, stderr, stdout};
use serde_json::Value;

fn models_json(work: &std::path::Path, db: &str) -> Vec<Value> {
    let output = run(work, &["models", "--db", db, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str::<Vec<Value>>(&stdout(&output)).expect("models JSON parses")
}

#[test]
fn recorded_files_give_4712_models() {
    let Some(hub_dir) = recorded_hub_dir("recorded_files_give_4712_models") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("hub.db");
    import_recorded(work.path(), &hub_dir, &db);
    let models = models_json(work.path(), db.to_str().unwrap());
    assert_eq!(models.len(), 4712);
    let placeholder_dates = models
        .iter()
        .filter(|model| model["created_before_tracking"] == Value::Bool(true))
        .count();
    assert!(
        placeholder_dates > 0,
        "the snapshot has placeholder creation dates"
    );
    assert!(
        models.iter().all(|model| {
            let created = model["created_at"].as_str().unwrap_or("");
            !created.starts_with("2022-03-02T23:29:04")
                && !created.starts_with("2022-03-02T23:29:05")
        }),
        "the placeholder batch must never be stored as a date"
    );
    for model in &models {
        if model["params"].is_null() {
            assert_eq!(model["params_source"], "unknown", "{model}");
        } else {
            assert!(model["params"].as_u64().unwrap() > 0, "{model}");
        }
    }
}

#[test]
fn reimport_adds_nothing() {
    let Some(hub_dir) = recorded_hub_dir("reimport_adds_nothing") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("hub.db");
    import_recorded(work.path(), &hub_dir, &db);
    let before = dump(&db);
    let output = run(
        work.path(),
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            hub_dir.join("full-b.json").to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("added 0"), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("holds 4,712 models"),
        "{}",
        stdout(&output)
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn summary_plurals_in_french_and_english() {
    let work = tempfile::tempdir().unwrap();
    let one = work.path().join("one.json");
    fs::write(&one, r#"[{"id":"a/one"}]"#).unwrap();
    let two = work.path().join("two.json");
    fs::write(&two, r#"[{"id":"a/one"},{"id":"a/two"},{"id":"a/three"}]"#).unwrap();
    let import = |lang: &str, file: &std::path::Path| {
        let output = run(
            work.path(),
            &[
                "--lang",
                lang,
                "import",
                "--db",
                "c.db",
                file.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };

    let text = import("fr", &one);
    assert!(
        text.contains("lu 1, ajouté 1, mis à jour 0, inchangé 0, ignoré 0"),
        "{text}"
    );
    let text = import("fr", &two);
    assert!(
        text.contains("lus 3, ajoutés 2, mis à jour 0, inchangé 1, ignoré 0"),
        "{text}"
    );
    let text = import("en", &two);
    assert!(
        text.contains("read 3, added 0, updated 0, unchanged 3, skipped 0"),
        "{text}"
    );

    let output = run(work.path(), &["--lang", "fr", "report", "--db", "c.db"]);
    let report = stdout(&output);
    assert!(report.contains("(1 enregistrement, 1 ajouté)"), "{report}");
    assert!(
        report.contains("(3 enregistrements, 2 ajoutés)"),
        "{report}"
    );
    assert!(report.contains("(3 enregistrements, 0 ajouté)"), "{report}");
    let output = run(work.path(), &["--lang", "en", "report", "--db", "c.db"]);
    let report = stdout(&output);
    assert!(report.contains("(1 record, 1 added)"), "{report}");
    assert!(report.contains("(3 records, 0 added)"), "{report}");
}

#[test]
fn newest_record_wins_field_by_field() {
    let work = tempfile::tempdir().unwrap();
    let newer = work.path().join("newer.json");
    let older = work.path().join("older.json");
    let list = work.path().join("list.json");
    fs::write(
        &newer,
        r#"[{"id":"org/m-7B","lastModified":"2024-12-10T00:00:00.000Z","downloads":200,
            "safetensors":{"parameters":{"BF16":7000000000},"total":7000000000}}]"#,
    )
    .unwrap();
    fs::write(
        &older,
        r#"{"id":"org/m-7B","lastModified":"2024-12-01T00:00:00.000Z","downloads":100,"likes":5}"#,
    )
    .unwrap();
    fs::write(&list, r#"[{"id":"org/m-7B","downloads":300}]"#).unwrap();

    // The newer full record is imported first: the older one only fills the missing likes.
    let output = run(
        work.path(),
        &[
            "import",
            "--db",
            "c.db",
            newer.to_str().unwrap(),
            older.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let models = models_json(work.path(), "c.db");
    assert_eq!(models[0]["downloads"], 200);
    assert_eq!(models[0]["likes"], 5);
    assert_eq!(models[0]["params_source"], "safetensors");

    // A list record has no lastModified, so as the later import it wins, but it cannot erase
    // the safetensors count it does not carry.
    let output = run(
        work.path(),
        &["import", "--db", "c.db", list.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("merged"), "{}", stdout(&output));
    let models = models_json(work.path(), "c.db");
    assert_eq!(models[0]["downloads"], 300);
    assert_eq!(models[0]["params"], 7_000_000_000u64);
}

#[test]
fn json_lines_and_skips_reported() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("records.jsonl");
    fs::write(
        &file,
        "{\"id\":\"a/tiny-100M\",\"downloads\":1}\n{\"likes\":3}\n[1]\n{\"id\":\"b/big-70B\"}\n",
    )
    .unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(summary.contains("read 4, added 2"), "{summary}");
    assert!(summary.contains("skipped 2"), "{summary}");
    assert!(
        summary.contains("1 with no id or modelId field: record 2"),
        "{summary}"
    );
    assert!(
        summary.contains("1 that is not a JSON object: record 3"),
        "{summary}"
    );
    assert_eq!(models_json(work.path(), "c.db").len(), 2);
}

#[test]
fn truncated_file_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let good = work.path().join("good.json");
    fs::write(
        &good,
        r#"[{"id":"a/one","downloads":1},{"id":"a/two","downloads":2}]"#,
    )
    .unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", good.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let before = dump(&work.path().join("c.db"));

    let truncated = work.path().join("truncated.json");
    fs::write(
        &truncated,
        "[{\"id\":\"a/one\",\"downloads\":100},\n{\"id\":\"a/three\",\"downl",
    )
    .unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", truncated.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("truncated.json"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("nothing was imported"), "{message}");
    assert_eq!(dump(&work.path().join("c.db")), before);
}

#[test]
fn truncated_recorded_file_changes_nothing() {
    let Some(hub_dir) = recorded_hub_dir("truncated_recorded_file_changes_nothing") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("hub.db");
    import_recorded(work.path(), &hub_dir, &db);
    let before = dump(&db);
    let text = fs::read_to_string(hub_dir.join("list-b.json")).unwrap();
    let cut = work.path().join("list-b-cut.json");
    fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let output = run(
        work.path(),
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            cut.to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("list-b-cut.json: invalid JSON at line"),
        "{}",
        stderr(&output)
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn wrong_shape_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let good = work.path().join("good.json");
    fs::write(&good, r#"{"id":"a/one"}"#).unwrap();
    assert!(
        run(
            work.path(),
            &["import", "--db", "c.db", good.to_str().unwrap()]
        )
        .status
        .success()
    );
    let before = dump(&work.path().join("c.db"));

    for (name, text) in [
        ("number.json", "42"),
        ("string.json", "\"models\""),
        ("empty.json", ""),
    ] {
        let path = work.path().join(name);
        fs::write(&path, text).unwrap();
        let output = run(
            work.path(),
            &["import", "--db", "c.db", path.to_str().unwrap()],
        );
        assert!(!output.status.success(), "{name} was accepted");
        let message = stderr(&output);
        assert!(message.contains(name), "{message}");
        assert!(message.contains("expected Hub model records"), "{message}");
        assert_eq!(
            dump(&work.path().join("c.db")),
            before,
            "{name} changed the cache"
        );
    }
}

#[test]
fn one_bad_file_does_not_block_others() {
    let work = tempfile::tempdir().unwrap();
    let bad = work.path().join("bad.json");
    let good = work.path().join("good.json");
    fs::write(&bad, "[{").unwrap();
    fs::write(&good, r#"[{"id":"a/one"}]"#).unwrap();
    let output = run(
        work.path(),
        &[
            "import",
            "--db",
            "c.db",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.json"), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("holds 1 model"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn truncated_file_in_french() {
    let work = tempfile::tempdir().unwrap();
    let truncated = work.path().join("truncated.json");
    fs::write(
        &truncated,
        "[{\"id\":\"a/one\"},\n{\"id\":\"a/three\",\"downl",
    )
    .unwrap();
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "import",
            "--db",
            "c.db",
            truncated.to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("JSON invalide ligne 2"), "{message}");
    assert!(
        message.contains("(fin de fichier inattendue dans une chaîne) ;"),
        "{message}"
    );
    assert_eq!(message.matches("ligne 2").count(), 1, "{message}");
    assert!(!message.contains("EOF"), "{message}");
    assert!(!message.contains(" at line "), "{message}");
}

#[test]
fn truncated_file_position_given_once() {
    let work = tempfile::tempdir().unwrap();
    let truncated = work.path().join("truncated.json");
    fs::write(&truncated, "[{\"id\": \"a/b\",\n \"x\": }]").unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", truncated.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("invalid JSON at line 2, column 7 (expected value);"),
        "{message}"
    );
    assert_eq!(message.matches("line 2").count(), 1, "{message}");
}

#[test]
fn missing_file_named_in_french() {
    let work = tempfile::tempdir().unwrap();
    let output = run(
        work.path(),
        &["--lang", "fr", "import", "--db", "c.db", "absent.json"],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("impossible de lire absent.json : fichier ou dossier introuvable"),
        "{message}"
    );
    assert!(!message.contains("No such file"), "{message}");
    assert!(!message.contains("os error"), "{message}");
    assert!(
        message.contains("aucun fichier n'a été importé"),
        "{message}"
    );

    // With a cache that already exists, the failed files are listed and the cache stays.
    let good = work.path().join("good.json");
    fs::write(&good, r#"{"id":"a/b"}"#).unwrap();
    assert!(
        run(
            work.path(),
            &["import", "--db", "c.db", good.to_str().unwrap()]
        )
        .status
        .success()
    );
    let output = run(
        work.path(),
        &["--lang", "fr", "import", "--db", "c.db", "absent.json"],
    );
    assert!(
        stderr(&output).contains("ce fichier n'a pas été importé"),
        "{}",
        stderr(&output)
    );
    assert!(work.path().join("c.db").exists());
}

#[test]
fn new_cache_resolves_reference_sizes() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("opt.json");
    // facebook/opt-125m has no safetensors summary on the Hub; the reference set has its size.
    fs::write(
        &file,
        r#"[{"id":"facebook/opt-125m","downloads":5},{"id":"x/unlisted"}]"#,
    )
    .unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let models = models_json(work.path(), "c.db");
    assert_eq!(
        models.len(),
        2,
        "the reference set must not add model rows to an import"
    );
    let opt = models
        .iter()
        .find(|model| model["id"] == "facebook/opt-125m")
        .unwrap();
    assert_eq!(opt["params_source"], "reference");
    assert_eq!(opt["params"], 125_000_000u64);
    let unlisted = models
        .iter()
        .find(|model| model["id"] == "x/unlisted")
        .unwrap();
    assert_eq!(unlisted["params_source"], "unknown");
    assert!(unlisted["params"].is_null());
}

#[test]
fn failed_first_import_leaves_no_file() {
    let work = tempfile::tempdir().unwrap();
    let output = run(work.path(), &["import", "--db", "new.db", "absent.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no cache was created"),
        "{}",
        stderr(&output)
    );
    assert!(
        !work.path().join("new.db").exists(),
        "an empty cache was left behind"
    );
}

#[test]
fn piped_output_closed_early_is_quiet() {
    use std::io::Read;
    use std::process::Stdio;

    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("many.jsonl");
    let lines: Vec<String> = (0..3000)
        .map(|index| format!("{{\"id\":\"org/model-{index:05}-7B\",\"downloads\":{index}}}"))
        .collect();
    fs::write(&file, lines.join("\n")).unwrap();
    let output = run(
        work.path(),
        &["import", "--db", "c.db", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    for format in ["csv", "text", "json"] {
        let mut child = common::slmscope(work.path())
            .args(["models", "--db", "c.db", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut start = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut start).unwrap();
        let output = child.wait_with_output().unwrap();
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(!message.contains("Broken pipe"), "{format}: {message}");
        assert!(output.status.success(), "{format}: {message}");
    }
}

/// SHA-256 and length of `models --format json` after importing the six recorded files, as the
/// whole-file reader and the row-per-tag cache of schema version 4 produced it.
const RECORDED_MODELS_JSON_SHA256: &str =
    "3e8f6c8ebfb64443926c1f4760472a1c7d540181eda0e7faf61f151b3fcc6daf";
const RECORDED_MODELS_JSON_BYTES: usize = 9_724_469;

#[test]
fn recorded_models_json_is_unchanged() {
    use sha2::{Digest, Sha256};

    let Some(hub_dir) = recorded_hub_dir("recorded_models_json_is_unchanged") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("hub.db");
    import_recorded(work.path(), &hub_dir, &db);
    let output = run(
        work.path(),
        &["models", "--db", db.to_str().unwrap(), "--format", "json"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(output.stdout.len(), RECORDED_MODELS_JSON_BYTES);
    let digest: String = Sha256::digest(&output.stdout)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(digest, RECORDED_MODELS_JSON_SHA256);
}

/// Writes `count` synthetic records as JSON Lines and as one JSON array, and returns both paths.
fn synthetic_files(work: &std::path::Path, count: u32) -> (std::path::PathBuf, std::path::PathBuf) {
    let lines = work.join("synthetic.jsonl");
    let output = run(
        work,
        &[
            "synth",
            "--models",
            &count.to_string(),
            "--out",
            lines.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(&lines).unwrap();
    let array = work.join("synthetic.json");
    let records: Vec<&str> = text.lines().collect();
    fs::write(&array, format!("[\n{}\n]\n", records.join(",\n"))).unwrap();
    (lines, array)
}

fn import_one(work: &std::path::Path, db: &str, file: &std::path::Path) -> std::process::Output {
    run(work, &["import", "--db", db, file.to_str().unwrap()])
}

#[test]
fn json_lines_and_array_import_alike() {
    let work = tempfile::tempdir().unwrap();
    let (lines, array) = synthetic_files(work.path(), 50_000);

    let from_lines = import_one(work.path(), "lines.db", &lines);
    assert!(from_lines.status.success(), "{}", stderr(&from_lines));
    assert!(
        stdout(&from_lines).contains("read 50,000, added 50,000"),
        "{}",
        stdout(&from_lines)
    );
    let from_array = import_one(work.path(), "array.db", &array);
    assert!(from_array.status.success(), "{}", stderr(&from_array));
    assert!(
        stdout(&from_array).contains("read 50,000, added 50,000"),
        "{}",
        stdout(&from_array)
    );

    let models = |db: &str| {
        let output = run(work.path(), &["models", "--db", db, "--format", "json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        output.stdout
    };
    let lines_json = models("lines.db");
    assert!(lines_json.len() > 50_000 * 100, "every model is listed");
    assert!(lines_json == models("array.db"), "the two caches differ");
}

#[test]
fn truncated_large_array_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let (_, array) = synthetic_files(work.path(), 50_000);
    let good = work.path().join("good.json");
    fs::write(&good, r#"[{"id":"a/one","downloads":1}]"#).unwrap();
    let first = import_one(work.path(), "c.db", &good);
    assert!(first.status.success(), "{}", stderr(&first));
    let db = work.path().join("c.db");
    let before = dump(&db);

    // Cut inside the last record, after every earlier batch was written.
    let text = fs::read_to_string(&array).unwrap();
    let cut = work.path().join("cut.json");
    fs::write(&cut, &text[..text.len() - 40]).unwrap();
    let output = import_one(work.path(), "c.db", &cut);

    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("cut.json: invalid JSON at line 50001"),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");
    assert_eq!(dump(&db), before);
}
