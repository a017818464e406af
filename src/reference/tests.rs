use std::path::{Path, PathBuf};

use super::*;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;

const MODELS_HEADER_LINE: &str =
    "hub_id,organisation,params,size_word,release_date,pipeline_tag,source";
const GOOD_MODEL: &str = "Qwen/Qwen2.5-7B,Qwen,7610000000,flagship,2024-09-19,text-generation,https://huggingface.co/Qwen/Qwen2.5-7B";

const BENCHMARKS_HEADER_LINE: &str =
    "model,hub_id,benchmark,domain,metric,score,params_total,params_active,date,source";
const GOOD_BENCHMARK: &str = "Code Llama 7B,meta-llama/CodeLlama-7b-hf,HumanEval,code,pass@1,33.5,7000000000,,2023-08,https://arxiv.org/abs/2308.12950";

fn assets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Writes `lines`, one per line, to `file_name` inside `dir`.
fn write_file(dir: &tempfile::TempDir, file_name: &str, lines: &[&str]) -> PathBuf {
    let path = dir.path().join(file_name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Loads a models file whose line 3 is `bad_row` and returns the error.
fn load_bad_model(bad_row: &str) -> ReferenceError {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        &dir,
        MODELS_FILE,
        &[MODELS_HEADER_LINE, GOOD_MODEL, bad_row],
    );
    load_models(&path).unwrap_err()
}

/// Loads a benchmarks file whose line 3 is `bad_row` and returns the error.
fn load_bad_benchmark(bad_row: &str) -> ReferenceError {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        &dir,
        BENCHMARKS_FILE,
        &[BENCHMARKS_HEADER_LINE, GOOD_BENCHMARK, bad_row],
    );
    load_benchmarks(&path).unwrap_err()
}

/// Loads a models file whose line 3 is `bad_row` and returns the English error message.
fn model_error(bad_row: &str) -> String {
    load_bad_model(bad_row).to_string()
}

/// Loads a benchmarks file whose line 3 is `bad_row` and returns the English error message.
fn benchmark_error(bad_row: &str) -> String {
    load_bad_benchmark(bad_row).to_string()
}

/// Loads a models file whose header is `header` and returns the error.
fn load_bad_header(dir: &tempfile::TempDir, header: &str) -> ReferenceError {
    let path = write_file(dir, MODELS_FILE, &[header, GOOD_MODEL]);
    load_models(&path).unwrap_err()
}

/// Asserts that `message` names the file, line 3, the column and the value.
fn assert_names(message: &str, file_name: &str, column: &str, value: &str) {
    assert!(message.contains(&format!("{file_name}:3:")), "{message}");
    assert!(message.contains(column), "{message}");
    assert!(message.contains(&format!("{value:?}")), "{message}");
}

#[test]
fn real_assets_load() {
    let set = load_dir(&assets_dir()).unwrap();
    assert!(set.models.len() >= 60, "{} models", set.models.len());
    assert!(!set.benchmarks.is_empty());
}

#[test]
fn real_models_span_sizes_and_words() {
    let models = load_models(&assets_dir().join(MODELS_FILE)).unwrap();
    let smallest = models.iter().map(|model| model.params).min().unwrap();
    let largest = models.iter().map(|model| model.params).max().unwrap();
    assert!(smallest <= 150_000_000, "smallest {smallest}");
    assert!(largest >= 400_000_000_000, "largest {largest}");

    let has_word = |word: &str| models.iter().any(|model| model.size_word == word);
    assert!(has_word("small"));
    assert!(has_word("large"));
}

#[test]
fn real_benchmarks_mix_slm_and_llm() {
    let benchmarks = load_benchmarks(&assets_dir().join(BENCHMARKS_FILE)).unwrap();
    for domain in DOMAINS {
        let rows: Vec<_> = benchmarks
            .iter()
            .filter(|result| result.domain == domain)
            .collect();
        assert!(rows.len() >= 12, "{domain}: {} rows", rows.len());

        let small = rows
            .iter()
            .filter(|result| {
                result
                    .params_total
                    .is_some_and(|total| total < DEFAULT_THRESHOLD)
            })
            .count();
        let large = rows
            .iter()
            .filter(|result| {
                result
                    .params_total
                    .is_some_and(|total| total >= DEFAULT_THRESHOLD)
            })
            .count();
        assert!(small > 0, "{domain}: no row below 7B");
        assert!(large > 0, "{domain}: no row at or above 7B");
    }
}

#[test]
fn load_dir_missing_file_names_path() {
    let dir = tempfile::tempdir().unwrap();
    let message = load_dir(dir.path()).unwrap_err().to_string();
    assert!(message.contains(MODELS_FILE), "{message}");
    assert!(message.contains("failed to read"), "{message}");
}

#[test]
fn models_valid_rows_parse() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(&dir, MODELS_FILE, &[MODELS_HEADER_LINE, GOOD_MODEL]);
    let models = load_models(&path).unwrap();
    assert_eq!(models.len(), 1);
    assert_eq!(models[0].hub_id, "Qwen/Qwen2.5-7B");
    assert_eq!(models[0].params, 7_610_000_000);
    assert_eq!(models[0].release_date, "2024-09-19");
}

#[test]
fn models_wrong_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        &dir,
        MODELS_FILE,
        &[
            "hub_id,org,params,size_word,release_date,pipeline_tag,source",
            GOOD_MODEL,
        ],
    );
    let message = load_models(&path).unwrap_err().to_string();
    assert!(message.contains(&format!("{MODELS_FILE}:1:")), "{message}");
    assert!(message.contains("hub_id,org,params"), "{message}");
    assert!(message.contains(MODELS_HEADER_LINE), "{message}");
}

#[test]
fn models_missing_field_count() {
    let message = model_error("a/b,Org,100,small,2024-01-01,text-generation");
    assert!(message.contains(&format!("{MODELS_FILE}:3:")), "{message}");
    assert!(message.contains("found 6 fields, expected 7"), "{message}");
}

#[test]
fn models_empty_required_field() {
    let message = model_error("a/b,,100,small,2024-01-01,text-generation,https://example.org");
    assert_names(&message, MODELS_FILE, "organisation", "");
    assert!(message.contains("required"), "{message}");
}

#[test]
fn models_invalid_hub_id() {
    let message =
        model_error("gpt2,OpenAI,124000000,small,2019-02-14,text-generation,https://example.org");
    assert_names(&message, MODELS_FILE, "hub_id", "gpt2");
    assert!(message.contains("owner/name"), "{message}");
}

#[test]
fn models_zero_params() {
    let message = model_error("a/b,Org,0,small,2024-01-01,text-generation,https://example.org");
    assert_names(&message, MODELS_FILE, "params", "0");
    assert!(message.contains("greater than 0"), "{message}");
}

#[test]
fn models_params_with_unit() {
    let message = model_error("a/b,Org,1.7B,small,2024-01-01,text-generation,https://example.org");
    assert_names(&message, MODELS_FILE, "params", "1.7B");
    assert!(message.contains("1700000000"), "{message}");
}

#[test]
fn models_uppercase_size_word() {
    let message = model_error("a/b,Org,100,Small,2024-01-01,text-generation,https://example.org");
    assert_names(&message, MODELS_FILE, "size_word", "Small");
    assert!(message.contains("lowercase"), "{message}");
}

#[test]
fn models_invalid_dates() {
    for date in [
        "2024-02-30",
        "2024/01/01",
        "2024-01",
        "20240101",
        "yesterday",
    ] {
        let row = format!("a/b,Org,100,small,{date},text-generation,https://example.org");
        let message = model_error(&row);
        assert_names(&message, MODELS_FILE, "release_date", date);
        assert!(message.contains("YYYY-MM-DD"), "{message}");
    }
}

#[test]
fn models_http_source() {
    let message = model_error("a/b,Org,100,small,2024-01-01,text-generation,http://example.org");
    assert_names(&message, MODELS_FILE, "source", "http://example.org");
    assert!(message.contains("https://"), "{message}");
}

#[test]
fn models_duplicate_hub_id() {
    let duplicate = GOOD_MODEL.replace("Qwen/Qwen2.5-7B,", "qwen/qwen2.5-7b,");
    let message = model_error(&duplicate);
    assert!(message.contains(&format!("{MODELS_FILE}:3:")), "{message}");
    assert!(message.contains("duplicate hub_id"), "{message}");
    assert!(message.contains("\"qwen/qwen2.5-7b\""), "{message}");
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn benchmarks_valid_rows_parse() {
    let dir = tempfile::tempdir().unwrap();
    let closed = "GPT-4,,HumanEval,code,pass@1,67.0,,,2023-03,https://arxiv.org/abs/2303.08774";
    let path = write_file(
        &dir,
        BENCHMARKS_FILE,
        &[BENCHMARKS_HEADER_LINE, GOOD_BENCHMARK, closed],
    );
    let results = load_benchmarks(&path).unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0].hub_id.as_deref(),
        Some("meta-llama/CodeLlama-7b-hf")
    );
    assert_eq!(results[0].score, 33.5);
    assert_eq!(results[0].params_total, Some(7_000_000_000));
    assert_eq!(results[0].params_active, None);
    assert_eq!(results[1].hub_id, None);
    assert_eq!(results[1].params_total, None);
}

#[test]
fn benchmarks_wrong_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(&dir, BENCHMARKS_FILE, &[MODELS_HEADER_LINE, GOOD_MODEL]);
    let message = load_benchmarks(&path).unwrap_err().to_string();
    assert!(
        message.contains(&format!("{BENCHMARKS_FILE}:1:")),
        "{message}"
    );
    assert!(message.contains(BENCHMARKS_HEADER_LINE), "{message}");
}

#[test]
fn benchmarks_empty_required_field() {
    let message =
        benchmark_error("X,,,code,pass@1,10,1000,,2023-08,https://arxiv.org/abs/2308.12950");
    assert_names(&message, BENCHMARKS_FILE, "benchmark", "");
}

#[test]
fn benchmarks_unknown_domain() {
    let message = benchmark_error(
        "X,,HumanEval,coding,pass@1,10,1000,,2023-08,https://arxiv.org/abs/2308.12950",
    );
    assert_names(&message, BENCHMARKS_FILE, "domain", "coding");
    assert!(message.contains("code, medical or nli"), "{message}");
}

#[test]
fn benchmarks_score_out_of_range() {
    for score in ["100.5", "-1"] {
        let row = format!("X,,HumanEval,code,pass@1,{score},1000,,2023-08,https://example.org");
        let message = benchmark_error(&row);
        assert_names(&message, BENCHMARKS_FILE, "score", score);
        assert!(message.contains("between 0 and 100"), "{message}");
    }
}

#[test]
fn benchmarks_score_not_a_number() {
    let message =
        benchmark_error("X,,HumanEval,code,pass@1,33.5%,1000,,2023-08,https://example.org");
    assert_names(&message, BENCHMARKS_FILE, "score", "33.5%");
}

#[test]
fn benchmarks_zero_params() {
    let message = benchmark_error("X,,HumanEval,code,pass@1,10,0,,2023-08,https://example.org");
    assert_names(&message, BENCHMARKS_FILE, "params_total", "0");
}

#[test]
fn benchmarks_active_above_total() {
    let message =
        benchmark_error("X,,HumanEval,code,pass@1,10,1000,2000,2023-08,https://example.org");
    assert_names(&message, BENCHMARKS_FILE, "params_active", "2000");
    assert!(message.contains("cannot exceed"), "{message}");
}

#[test]
fn benchmarks_active_without_total() {
    let message = benchmark_error("X,,HumanEval,code,pass@1,10,,2000,2023-08,https://example.org");
    assert_names(&message, BENCHMARKS_FILE, "params_active", "2000");
    assert!(message.contains("params_total"), "{message}");
}

#[test]
fn benchmarks_invalid_hub_id() {
    let message =
        benchmark_error("X,not a repo,HumanEval,code,pass@1,10,1000,,2023-08,https://example.org");
    assert_names(&message, BENCHMARKS_FILE, "hub_id", "not a repo");
}

#[test]
fn benchmarks_invalid_dates() {
    for date in ["2023-13", "2023", "2023-08-32", "Aug 2023"] {
        let row = format!("X,,HumanEval,code,pass@1,10,1000,,{date},https://example.org");
        let message = benchmark_error(&row);
        assert_names(&message, BENCHMARKS_FILE, "date", date);
        assert!(message.contains("YYYY-MM"), "{message}");
    }
}

#[test]
fn benchmarks_source_without_scheme() {
    let message =
        benchmark_error("X,,HumanEval,code,pass@1,10,1000,,2023-08,arxiv.org/abs/2308.12950");
    assert_names(
        &message,
        BENCHMARKS_FILE,
        "source",
        "arxiv.org/abs/2308.12950",
    );
}

/// Asserts that the French `message` names the file, line 3, the column and the value.
fn assert_names_fr(message: &str, file_name: &str, column: &str, value: &str) {
    assert!(message.contains(&format!("{file_name}:3 : ")), "{message}");
    assert!(message.contains(column), "{message}");
    assert!(message.contains(&format!("{value:?}")), "{message}");
}

#[test]
fn header_error_english_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_bad_header(&dir, "hub_id,org");
    let path = dir.path().join(MODELS_FILE);
    let expected = format!(
        "{}:1: invalid header \"hub_id,org\": expected exactly \"{MODELS_HEADER_LINE}\"; fix the first line of the file",
        path.display()
    );
    assert_eq!(error.message(Lang::En), expected);
    assert_eq!(error.to_string(), expected);
}

#[test]
fn header_error_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_bad_header(&dir, "hub_id,org");
    let path = dir.path().join(MODELS_FILE);
    let expected = format!(
        "{}:1 : en-tête invalide \"hub_id,org\" : attendu exactement \"{MODELS_HEADER_LINE}\" ; corrigez la première ligne du fichier",
        path.display()
    );
    assert_eq!(error.message(Lang::Fr), expected);
}

#[test]
fn invalid_value_english_unchanged() {
    let error = load_bad_model(
        "gpt2,OpenAI,124000000,small,2019-02-14,text-generation,https://example.org",
    );
    let message = error.message(Lang::En);
    let expected = ": invalid hub_id \"gpt2\": expected a Hub repository id of the form owner/name, such as Qwen/Qwen2.5-7B";
    assert!(message.ends_with(expected), "{message}");
    assert_eq!(message, error.to_string());
}

#[test]
fn invalid_value_in_french() {
    let error = load_bad_model(
        "gpt2,OpenAI,124000000,small,2019-02-14,text-generation,https://example.org",
    );
    let message = error.message(Lang::Fr);
    assert_names_fr(&message, MODELS_FILE, "hub_id", "gpt2");
    let expected = " : valeur invalide \"gpt2\" dans la colonne hub_id : attendu un identifiant de dépôt du Hub de la forme propriétaire/nom, par exemple Qwen/Qwen2.5-7B";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn unparsable_value_in_french() {
    let error = load_bad_model("a/b,Org,1.7B,small,2024-01-01,text-generation,https://example.org");
    let message = error.message(Lang::Fr);
    assert_names_fr(&message, MODELS_FILE, "params", "1.7B");
    assert!(
        message.contains("attendu un nombre entier de paramètres sans unité ni séparateur"),
        "{message}"
    );
}

#[test]
fn every_check_has_french_text() {
    let cases = [
        (
            load_bad_model("a/b,,100,small,2024-01-01,text-generation,https://example.org"),
            MODELS_FILE,
            "organisation",
            "",
            "le champ est obligatoire ; remplissez-le",
        ),
        (
            load_bad_model("a/b,Org,0,small,2024-01-01,text-generation,https://example.org"),
            MODELS_FILE,
            "params",
            "0",
            "doit être supérieur à 0 ; laissez le champ vide",
        ),
        (
            load_bad_model("a/b,Org,100,Small,2024-01-01,text-generation,https://example.org"),
            MODELS_FILE,
            "size_word",
            "Small",
            "en minuscules",
        ),
        (
            load_bad_model("a/b,Org,100,small,2024-01-01,Text Generation,https://example.org"),
            MODELS_FILE,
            "pipeline_tag",
            "Text Generation",
            "identifiant de tâche du Hub",
        ),
        (
            load_bad_model("a/b,Org,100,small,2024-02-30,text-generation,https://example.org"),
            MODELS_FILE,
            "release_date",
            "2024-02-30",
            "au format AAAA-MM-JJ",
        ),
        (
            load_bad_model("a/b,Org,100,small,2024-01-01,text-generation,http://example.org"),
            MODELS_FILE,
            "source",
            "http://example.org",
            "attendu une URL https://",
        ),
        (
            load_bad_benchmark("X,,HumanEval,coding,pass@1,10,1000,,2023-08,https://example.org"),
            BENCHMARKS_FILE,
            "domain",
            "coding",
            "attendu code, medical ou nli",
        ),
        (
            load_bad_benchmark("X,,HumanEval,code,pass@1,100.5,1000,,2023-08,https://example.org"),
            BENCHMARKS_FILE,
            "score",
            "100.5",
            "attendu un pourcentage entre 0 et 100",
        ),
        (
            load_bad_benchmark("X,,HumanEval,code,pass@1,33.5%,1000,,2023-08,https://example.org"),
            BENCHMARKS_FILE,
            "score",
            "33.5%",
            "écrit avec un point décimal",
        ),
        (
            load_bad_benchmark("X,,HumanEval,code,pass@1,10,,2000,2023-08,https://example.org"),
            BENCHMARKS_FILE,
            "params_active",
            "2000",
            "params_active exige params_total",
        ),
        (
            load_bad_benchmark("X,,HumanEval,code,pass@1,10,1000,2000,2023-08,https://example.org"),
            BENCHMARKS_FILE,
            "params_active",
            "2000",
            "ne peut pas dépasser params_total",
        ),
        (
            load_bad_benchmark("X,,HumanEval,code,pass@1,10,1000,,Aug 2023,https://example.org"),
            BENCHMARKS_FILE,
            "date",
            "Aug 2023",
            "au format AAAA-MM ou AAAA-MM-JJ",
        ),
    ];
    for (error, file_name, column, value, french) in cases {
        let message = error.message(Lang::Fr);
        assert_names_fr(&message, file_name, column, value);
        assert!(message.contains(french), "{message}");
        assert!(!message.contains("expected"), "{message}");
    }
}

#[test]
fn duplicate_hub_id_english_unchanged() {
    let duplicate = GOOD_MODEL.replace("Qwen/Qwen2.5-7B,", "qwen/qwen2.5-7b,");
    let message = load_bad_model(&duplicate).message(Lang::En);
    let expected = ":3: duplicate hub_id \"qwen/qwen2.5-7b\", already listed on line 2; keep one row per Hub repository";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn duplicate_hub_id_in_french() {
    let duplicate = GOOD_MODEL.replace("Qwen/Qwen2.5-7B,", "qwen/qwen2.5-7b,");
    let message = load_bad_model(&duplicate).message(Lang::Fr);
    assert_names_fr(&message, MODELS_FILE, "hub_id", "qwen/qwen2.5-7b");
    let expected = ":3 : hub_id \"qwen/qwen2.5-7b\" en double, déjà présent à la ligne 2 ; gardez une seule ligne par dépôt du Hub";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn malformed_row_english_unchanged() {
    let message = model_error("a/b,Org,100,small,2024-01-01,text-generation");
    let expected = ":3: malformed CSV record: found 6 fields, expected 7; give every row one field per header column, and quote fields that contain commas";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn malformed_row_in_french() {
    let message = load_bad_model("a/b,Org,100,small,2024-01-01,text-generation").message(Lang::Fr);
    assert!(
        message.contains(&format!("{MODELS_FILE}:3 : ")),
        "{message}"
    );
    let expected = " : enregistrement CSV mal formé : 6 champs trouvés, 7 attendus ; donnez à chaque ligne un champ par colonne de l'en-tête et mettez entre guillemets les champs qui contiennent une virgule";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn malformed_row_single_field() {
    let error = load_bad_model("a/b");
    let english = error.message(Lang::En);
    let french = error.message(Lang::Fr);
    assert!(english.contains("found 1 field, expected 7;"), "{english}");
    assert!(french.contains("1 champ trouvé, 7 attendus ;"), "{french}");
}

#[test]
fn invalid_utf8_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MODELS_FILE);
    let mut bytes = format!("{MODELS_HEADER_LINE}\n{GOOD_MODEL}\n").into_bytes();
    bytes.extend_from_slice(
        b"a/b,Org\xff,100,small,2024-01-01,text-generation,https://example.org\n",
    );
    std::fs::write(&path, bytes).unwrap();
    let error = load_models(&path).unwrap_err();
    let english = error.message(Lang::En);
    let french = error.message(Lang::Fr);
    assert!(
        english.contains(&format!(
            "{MODELS_FILE}:3: malformed CSV record: invalid UTF-8; save the file as UTF-8"
        )),
        "{english}"
    );
    let expected = format!(
        "{MODELS_FILE}:3 : enregistrement CSV mal formé : UTF-8 invalide ; enregistrez le fichier en UTF-8"
    );
    assert!(french.contains(&expected), "{french}");
}

#[test]
fn missing_file_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let message = load_dir(dir.path()).unwrap_err().message(Lang::Fr);
    assert!(message.starts_with("impossible de lire "), "{message}");
    assert!(message.contains(MODELS_FILE), "{message}");
    let expected = " ; vérifiez que le fichier existe et qu'il est lisible";
    assert!(message.ends_with(expected), "{message}");
}

#[test]
fn models_path_is_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(MODELS_FILE)).unwrap();
    let error = load_dir(dir.path()).unwrap_err();
    assert!(matches!(error, ReferenceError::Io { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.starts_with("failed to read "), "{message}");
    assert!(message.contains(MODELS_FILE), "{message}");
}
