//! The configuration file: every key applied, flags winning over it, and bad files reported with
//! the line, the key and the expected value while the command still runs with defaults.

mod common;

use std::fs;
use std::path::Path;

use common::{run, slmscope, stderr, stdout};

/// Imports two models into `name`: a 3B SLM and a 70B LLM at 7B.
fn cache(work: &Path, name: &str) {
    let file = work.join("hub.json");
    fs::write(
        &file,
        r#"[
        {"id":"o/small","pipeline_tag":"text-generation","downloads":10,
         "safetensors":{"parameters":{"BF16":3000000000},"total":3000000000}},
        {"id":"o/big","pipeline_tag":"text-generation","downloads":60,
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", name, file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn config(work: &Path, text: &str) {
    fs::write(work.join("config.toml"), text).unwrap();
}

#[test]
fn config_sets_cache_and_language() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "team.db");
    config(work.path(), "cache = \"team.db\"\nlang = \"fr\"\n");

    let output = run(work.path(), &["report", "--threshold", "7B"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("rapport slmscope : team.db, 2 modèles"),
        "{text}"
    );
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    assert!(!work.path().join("cache.db").exists());
}

#[test]
fn flags_win_over_config() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "team.db");
    cache(work.path(), "mine.db");
    config(work.path(), "cache = \"team.db\"\nlang = \"fr\"\n");

    let output = run(
        work.path(),
        &[
            "report",
            "--db",
            "mine.db",
            "--lang",
            "en",
            "--threshold",
            "7B",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("slmscope report: mine.db, 2 models"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn config_outranks_locale() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    config(work.path(), "lang = \"en\"\n");
    let output = slmscope(work.path())
        .env("LANG", "fr_FR.UTF-8")
        .args(["report", "--threshold", "7B"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("slmscope report: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn unsupported_lang_flag_in_both_languages() {
    let english =
        "error: unsupported language \"de\" for --lang; choose en (English) or fr (French)";
    let french = "erreur : langue « de » non prise en charge pour --lang ; choisissez en (anglais) ou fr (français)";
    for (locale, first) in [
        ("C", english),
        ("fr_FR.UTF-8", french),
        ("de_DE.UTF-8", english),
    ] {
        let work = tempfile::tempdir().unwrap();
        let output = slmscope(work.path())
            .env("LANG", locale)
            .args(["--lang", "de", "report", "--threshold", "3B"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{locale}");
        let message = stderr(&output);
        assert!(message.starts_with(first), "{locale}: {message}");
        assert!(message.contains(english), "{locale}: {message}");
        assert!(message.contains(french), "{locale}: {message}");
        assert!(!message.contains("possible values"), "{locale}: {message}");
    }
}

#[test]
fn german_locale_falls_back_to_english() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    let output = slmscope(work.path())
        .env("LANG", "de_DE.UTF-8")
        .args(["report", "--threshold", "7B"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("slmscope report: "),
        "{}",
        stdout(&output)
    );
    assert_eq!(stderr(&output), "", "no notice about the locale");
}

#[test]
fn bad_entries_reported_rest_applied() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "team.db");
    config(
        work.path(),
        "lang = \"de\"\ncache = \"team.db\"\ncolour = true\nlog_level = \"loud\"\n[keys]\nsort = \"q\"\n",
    );
    let output = run(work.path(), &["report", "--threshold", "7B"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The good key applied: the report reads team.db.
    assert!(
        stdout(&output).starts_with("slmscope report: team.db,"),
        "{}",
        stdout(&output)
    );
    let errors = stderr(&output);
    let config = work.path().join("config.toml");
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!(
                "configuration: {}, line 1: key `lang`: expected \"en\" or \"fr\", found \"de\"; the default is used",
                config.display()
            )
            .as_str(),
            format!(
                "configuration: {}, line 3: unknown key `colour`; the keys are threshold, lang, theme, mouse, cache, log_level, export_dir, keys; the line is ignored",
                config.display()
            )
            .as_str(),
            format!(
                "configuration: {}, line 4: key `log_level`: expected one of \"error\", \"warn\", \"info\", \"debug\", \"trace\", found \"loud\"; the default is used",
                config.display()
            )
            .as_str(),
            format!(
                "configuration: {}, line 6: key `keys.sort`: q is already bound to \"quit\" (Everywhere); choose another key; the built-in keys are kept",
                config.display()
            )
            .as_str(),
        ]
    );
}

#[test]
fn invalid_toml_keeps_defaults() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    cache(work.path(), "team.db");
    config(work.path(), "cache = \"team.db\"\nthreshold = [7B\n");
    let output = run(
        work.path(),
        &["report", "--threshold", "7B", "--lang", "fr"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("rapport slmscope : cache.db,"),
        "{}",
        stdout(&output)
    );
    let errors = stderr(&output);
    assert!(
        errors.contains(", ligne 2, colonne 16 : TOML invalide (liste non fermée"),
        "{errors}"
    );
    assert!(!errors.contains("unclosed"), "{errors}");
    assert!(
        errors.contains(
            "le fichier entier est ignoré et slmscope démarre avec ses valeurs par défaut"
        ),
        "{errors}"
    );
}

#[test]
fn missing_config_flag_file_reported() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    let output = run(
        work.path(),
        &["report", "--config", "nowhere.toml", "--threshold", "7B"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim_end(),
        "configuration: nowhere.toml: no such file; check the path given to --config; slmscope starts with its defaults"
    );
    // Without the flag, a missing default file is no mistake.
    let output = run(work.path(), &["report", "--threshold", "7B"]);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn log_level_from_config_unless_env() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    let log = work.path().join("slmscope.log");
    fs::remove_file(&log).ok();
    config(work.path(), "log_level = \"error\"\n");
    let output = run(work.path(), &["report", "--threshold", "7B"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(&log).unwrap_or_default();
    assert!(!text.contains("slmscope started"), "{text}");

    let output = slmscope(work.path())
        .env("SLMSCOPE_LOG", "info")
        .args(["report", "--threshold", "7B"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(&log).unwrap();
    assert!(text.contains("slmscope started"), "{text}");
}

#[test]
fn lang_flag_ignores_case() {
    let work = tempfile::tempdir().unwrap();
    cache(work.path(), "cache.db");
    for flag in ["FR", "Fr"] {
        let output = slmscope(work.path())
            .env("LANG", "C")
            .args(["--lang", flag, "report", "--threshold", "7B"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{flag}: {}", stderr(&output));
        assert!(
            stdout(&output).starts_with("rapport slmscope : cache.db"),
            "{flag}: {}",
            stdout(&output)
        );
    }
}
