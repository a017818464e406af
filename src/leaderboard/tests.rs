//! Reader tests on small hand-written fixtures of every format.

use std::path::Path;

use proptest::prelude::*;

use super::*;

fn parse(text: &str) -> LeaderboardFile {
    parse_leaderboard(Path::new("fixture"), text, ReadOptions::default())
        .unwrap_or_else(|error| panic!("{}", error.message(Lang::En)))
}

fn parse_error(text: &str) -> LeaderboardError {
    parse_leaderboard(Path::new("board.csv"), text, ReadOptions::default())
        .expect_err("the fixture is rejected")
}

fn scores(file: &LeaderboardFile, model: &str) -> Vec<(String, f64)> {
    file.rows
        .iter()
        .filter(|row| row.model == model)
        .map(|row| (row.benchmark.clone(), row.score))
        .collect()
}

const V2_HEADER: &str = "id,model_name,model_type,model_average_score,evaluations_ifeval_normalized_score,evaluations_bbh_normalized_score,evaluations_math_normalized_score,evaluations_gpqa_normalized_score,evaluations_musr_normalized_score,evaluations_mmlu_pro_normalized_score,features_is_moe,metadata_submission_date,metadata_params_billions,extra_notes";

#[test]
fn open_llm_v2_fixture() {
    let text = format!(
        "{V2_HEADER}\n\
         a,org/small-1.5B,chatmodels,20,30,21,5,2,8,14,FALSE,2024-09-18,1.544,x\n\
         b,org/unknown-size,pretrained,10,11,12,13,14,15,16,FALSE,,-1,\n\
         c,org/zero-size,basemergesandmoerges,10,11,12,,14,15,16,FALSE,,0,\n\
         d,org/moe,chatmodels,10,11,12,13,14,15,n/a,TRUE,,46.7,\n\
         e,org/bad-size,pretrained,10,11,12,13,14,15,16,FALSE,,seven,\n\
         f,,pretrained,10,11,12,13,14,15,16,FALSE,,7,\n\
         g,org/short-row,pretrained\n"
    );
    let file = parse(&text);

    assert_eq!(file.format, LeaderboardFormat::OpenLlmV2);
    assert_eq!(file.records, 7);
    assert_eq!(
        scores(&file, "org/small-1.5B"),
        vec![
            ("IFEval".to_string(), 30.0),
            ("BBH".to_string(), 21.0),
            ("MATH Lvl 5".to_string(), 5.0),
            ("GPQA".to_string(), 2.0),
            ("MUSR".to_string(), 8.0),
            ("MMLU-PRO".to_string(), 14.0),
            ("Open LLM Leaderboard v2 average".to_string(), 20.0),
        ]
    );
    let small = &file.rows[0];
    assert_eq!(small.params_total, Some(1_544_000_000));
    assert_eq!(small.params_active, None);
    assert_eq!(small.hub_id.as_deref(), Some("org/small-1.5B"));
    assert_eq!(small.link, None);
    assert_eq!(small.model_type, Some(ModelType::Chat));
    assert_eq!(small.date.as_deref(), Some("2024-09-18"));
    assert_eq!(small.source, "open-llm-leaderboard-v2");

    let unknown = file.rows.iter().find(|row| row.model == "org/unknown-size");
    assert_eq!(unknown.unwrap().params_total, None);
    assert_eq!(unknown.unwrap().date, None);
    let zero: Vec<_> = file
        .rows
        .iter()
        .filter(|row| row.model == "org/zero-size")
        .collect();
    // The empty MATH cell is a score not reported, not an error.
    assert_eq!(zero.len(), 6);
    assert_eq!(zero[0].params_total, None);
    assert_eq!(zero[0].model_type, Some(ModelType::Merged));
    let moe = file.rows.iter().find(|row| row.model == "org/moe").unwrap();
    assert_eq!(moe.model_type, Some(ModelType::Moe));
    assert_eq!(moe.params_total, Some(46_700_000_000));
    assert_eq!(scores(&file, "org/moe").len(), 6);

    assert_eq!(
        file.report.skipped,
        vec![
            Skip {
                location: Location::Line(5),
                reason: SkipReason::InvalidScore {
                    field: "evaluations_mmlu_pro_normalized_score".into(),
                    value: "n/a".into()
                },
            },
            Skip {
                location: Location::Line(6),
                reason: SkipReason::InvalidSize {
                    field: "metadata_params_billions".into(),
                    value: "seven".into()
                },
            },
            Skip {
                location: Location::Line(7),
                reason: SkipReason::MissingModel,
            },
            Skip {
                location: Location::Line(8),
                reason: SkipReason::FieldCount {
                    expected: 14,
                    found: 3
                },
            },
        ]
    );
    assert_eq!(file.report.unknown_columns, vec!["extra_notes".to_string()]);
}

#[test]
fn open_llm_v1_fixture() {
    let text = "\u{feff}t,model,average,arc,hellaswag,mmlu,truthfulqa,winogrande,gsm8k,type,params_b,moe,date,fullname,url,new_column\n\
        🟢,gpt2,30,22,31,26,41,58,1,🟢 pretrained,0.137,TRUE,2023-06-01T00:00:00Z,gpt2,https://huggingface.co/gpt2,\n\
        \"💬\",org/chat-7b,60,59.98,83.31,64.16,42.15,78.37,37.83,\"💬 chat models (RLHF, DPO, IFT, ...)\",7,TRUE,,org/chat-7b,https://huggingface.co/org/chat-7b,z\n\
        ?,org/untyped,50,50,50,50,50,50,50,,0,FALSE,,  org/untyped  ,,\n";
    let file = parse(text);

    assert_eq!(file.format, LeaderboardFormat::OpenLlmV1);
    assert_eq!(file.records, 3);
    assert_eq!(file.rows.len(), 21);
    assert_eq!(file.report.skipped, vec![]);
    assert_eq!(file.report.unknown_columns, vec!["new_column".to_string()]);

    let gpt2 = &file.rows[0];
    assert_eq!(gpt2.benchmark, "ARC");
    assert_eq!(gpt2.score, 22.0);
    assert_eq!(gpt2.metric, "score (%)");
    assert_eq!(gpt2.params_total, Some(137_000_000));
    assert_eq!(gpt2.hub_id.as_deref(), Some("gpt2"));
    // v1's moe column is ignored: it is TRUE for dense models.
    assert_eq!(gpt2.model_type, Some(ModelType::Pretrained));
    assert_eq!(gpt2.link.as_deref(), Some("https://huggingface.co/gpt2"));

    let chat = file
        .rows
        .iter()
        .find(|row| row.model == "org/chat-7b")
        .unwrap();
    assert_eq!(chat.model_type, Some(ModelType::Chat));
    assert_eq!(chat.params_total, Some(7_000_000_000));
    assert_eq!(chat.date, None);
    assert_eq!(
        scores(&file, "org/chat-7b").last(),
        Some(&("Open LLM Leaderboard v1 average".to_string(), 60.0))
    );

    let untyped = file
        .rows
        .iter()
        .find(|row| row.model == "org/untyped")
        .unwrap();
    assert_eq!(untyped.model_type, None);
    assert_eq!(untyped.params_total, None);
    assert_eq!(untyped.link, None);
}

#[test]
fn open_llm_missing_score_column() {
    let error = parse_error(
        "model_name,metadata_params_billions,evaluations_bbh_normalized_score\nm,7,1\n",
    );

    let LeaderboardError::MissingColumns {
        format, columns, ..
    } = &error
    else {
        panic!("unexpected error {error:?}");
    };
    assert_eq!(*format, LeaderboardFormat::OpenLlmV2);
    assert_eq!(columns.len(), 6);
    assert!(columns.contains(&"model_average_score".to_string()));
    let english = error.message(Lang::En);
    assert!(english.contains("board.csv"), "{english}");
    assert!(english.contains("Open LLM Leaderboard v2"), "{english}");
    assert!(
        english.contains("evaluations_ifeval_normalized_score"),
        "{english}"
    );
    let french = error.message(Lang::Fr);
    assert!(french.contains("il manque"), "{french}");
}

#[test]
fn csv_wrong_header_is_unknown_format() {
    let error = parse_error("name,size,accuracy\nm,7B,50\n");

    let LeaderboardError::UnknownFormat { found, .. } = &error else {
        panic!("unexpected error {error:?}");
    };
    assert_eq!(
        found,
        &FoundShape::CsvHeader("name,size,accuracy".to_string())
    );
    let french = error.message(Lang::Fr);
    assert!(
        french.contains("(en-tête CSV name,size,accuracy)"),
        "{french}"
    );
    assert!(!french.contains("header"), "{french}");
    let english = error.message(Lang::En);
    assert!(
        english.starts_with("board.csv: unknown leaderboard format"),
        "{english}"
    );
    assert!(
        english.contains("model,benchmark,metric,score"),
        "{english}"
    );
    let french = error.message(Lang::Fr);
    assert!(
        french.starts_with("board.csv : format de classement inconnu"),
        "{french}"
    );
}

#[test]
fn generic_fixture() {
    let text = "model,benchmark,metric,score,params,active_params,date,source,comment\n\
        Qwen/Qwen2.5-1.5B,GSM8K,accuracy (%),62.5,1.5B,,2024-09-19,qwen-blog,ok\n\
        My Model,HumanEval,pass@1 (%),40,7000000000,1_300_000_000,,,\n\
        closed-model,MMLU,accuracy (%),88,-1,0,,,\n\
        org/a,MMLU,accuracy (%),not-a-number,7B,,,,\n\
        org/b,MMLU,accuracy (%),50,7,,,,\n\
        org/c,,accuracy (%),50,7B,,,,\n\
        ,MMLU,accuracy (%),50,7B,,,,\n\
        org/d,MMLU,accuracy (%),,7B,,,,\n";
    let file = parse(text);

    assert_eq!(file.format, LeaderboardFormat::Generic);
    assert_eq!(file.records, 8);
    assert_eq!(file.rows.len(), 3);
    assert_eq!(file.report.unknown_columns, vec!["comment".to_string()]);

    let qwen = &file.rows[0];
    assert_eq!(qwen.hub_id.as_deref(), Some("Qwen/Qwen2.5-1.5B"));
    assert_eq!(qwen.params_total, Some(1_500_000_000));
    assert_eq!(qwen.params_active, None);
    assert_eq!(qwen.metric, "accuracy (%)");
    assert_eq!(qwen.date.as_deref(), Some("2024-09-19"));
    assert_eq!(qwen.source, "qwen-blog");
    let mine = &file.rows[1];
    assert_eq!(mine.hub_id, None);
    assert_eq!(mine.params_total, Some(7_000_000_000));
    assert_eq!(mine.params_active, Some(1_300_000_000));
    assert_eq!(
        mine.source, "generic-csv: fixture",
        "without a source, the file name is the source"
    );
    let closed = &file.rows[2];
    assert_eq!(closed.params_total, None);
    assert_eq!(closed.params_active, None);

    let reasons: Vec<(Location, SkipReason)> = file
        .report
        .skipped
        .iter()
        .map(|skip| (skip.location.clone(), skip.reason.clone()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (
                Location::Line(5),
                SkipReason::InvalidScore {
                    field: "score".into(),
                    value: "not-a-number".into()
                }
            ),
            (
                Location::Line(6),
                SkipReason::InvalidSize {
                    field: "params".into(),
                    value: "7".into()
                }
            ),
            (
                Location::Line(7),
                SkipReason::MissingField {
                    field: "benchmark".into()
                }
            ),
            (Location::Line(8), SkipReason::MissingModel),
            (
                Location::Line(9),
                SkipReason::MissingField {
                    field: "score".into()
                }
            ),
        ]
    );
}

#[test]
fn generic_without_metric_column() {
    let error = parse_error("model,benchmark,score\nm,b,1\n");

    let LeaderboardError::MissingColumns {
        format, columns, ..
    } = &error
    else {
        panic!("unexpected error {error:?}");
    };
    assert_eq!(*format, LeaderboardFormat::Generic);
    assert_eq!(columns, &vec!["metric".to_string()]);
}

#[test]
fn generic_quoted_multiline_field_keeps_lines() {
    let text = "model,benchmark,metric,score\n\"org/a\",\"Long\nname\",m,1\norg/b,B,m,bad\n";
    let file = parse(text);

    assert_eq!(file.rows[0].benchmark, "Long\nname");
    assert_eq!(file.report.skipped[0].location, Location::Line(4));
}

#[test]
fn generic_bad_dates_and_active_counts_are_skipped() {
    let text = "model,benchmark,metric,score,params,active_params,date\n\
                a,B,m,1,7B,,2024-05\n\
                b,B,m,1,7B,,2024-05-05T12:22:44Z\n\
                c,B,m,1,7B,,not-a-date\n\
                d,B,m,1,7B,,2024-13-01\n\
                e,B,m,1,7B,14B,2024\n\
                f,B,m,1,47B,13B,2024\n";
    let file = parse(text);

    let models: Vec<&str> = file.rows.iter().map(|row| row.model.as_str()).collect();
    assert_eq!(models, ["a", "b", "f"]);
    let reasons: Vec<String> = file
        .report
        .skipped
        .iter()
        .map(|skip| skip.reason.message(Lang::En))
        .collect();
    assert_eq!(
        reasons,
        [
            "date: invalid date \"not-a-date\", expected YYYY, YYYY-MM or YYYY-MM-DD",
            "date: invalid date \"2024-13-01\", expected YYYY, YYYY-MM or YYYY-MM-DD",
            "active_params \"14B\" is larger than params \"7B\"; an active count is at most the total",
        ]
    );
}

#[test]
fn crlf_line_ends_keep_lines() {
    let text = "model,benchmark,metric,score\r\norg/a,A,m,1\r\norg/b,B,m,bad\r\n,C,m,2\r\n";
    let file = parse(text);

    assert_eq!(file.rows.len(), 1);
    assert_eq!(file.report.skipped[0].location, Location::Line(3));
    assert_eq!(file.report.skipped[1].location, Location::Line(4));
}

#[test]
fn csv_unclosed_quote_skips_record() {
    // The csv crate reads an unclosed quote to the end of the file, so the record comes out
    // with too few fields rather than as a syntax error.
    let file = parse("model,benchmark,metric,score\n\"org/a,B,m,1\norg/b,B,m,2\n");

    assert_eq!(file.rows, vec![]);
    assert_eq!(file.report.skipped.len(), 1);
    assert_eq!(file.report.skipped[0].location, Location::Line(2));
}

const BIGCODEBENCH: &str = r#"{
  "Small-Coder-1B": {
    "link": "https://huggingface.co/org/small-coder-1b",
    "open-data": "Full",
    "pass@1": {"instruct": null, "complete": 21.4},
    "prompted": false, "moe": false, "size": 1.3, "act_param": 1.3,
    "date": "2024-02-29", "prefill": true
  },
  "Big-MoE": {
    "link": "https://huggingface.co/org/big-moe/tree/main",
    "pass@1": {"instruct": 36.8, "complete": 47.6, "reasoning": 3},
    "prompted": true, "moe": true, "size": 16, "act_param": 2.4, "date": "2024-06-17",
    "license": "mit"
  },
  "Closed": {
    "link": "https://example.com/closed",
    "pass@1": {"instruct": 50.1, "complete": "n/a"},
    "prompted": true, "moe": false, "size": null, "act_param": null, "date": null
  },
  "Unknown-Size": {
    "link": null, "pass@1": {"complete": 10}, "prompted": false, "size": -1, "act_param": 0
  },
  "Bad-Size": {"link": null, "pass@1": {"complete": 10}, "size": "7B"},
  "No-Scores": {"link": null, "size": 7},
  "Not-An-Object": 12
}"#;

#[test]
fn bigcodebench_fixture() {
    let file = parse(BIGCODEBENCH);

    assert_eq!(file.format, LeaderboardFormat::BigCodeBench);
    assert_eq!(file.records, 7);
    assert_eq!(
        scores(&file, "Small-Coder-1B"),
        vec![("BigCodeBench-Complete".to_string(), 21.4)]
    );
    let small = file
        .rows
        .iter()
        .find(|row| row.model == "Small-Coder-1B")
        .unwrap();
    assert_eq!(small.params_total, Some(1_300_000_000));
    assert_eq!(small.params_active, Some(1_300_000_000));
    assert_eq!(small.hub_id.as_deref(), Some("org/small-coder-1b"));
    assert_eq!(small.model_type, None);
    assert_eq!(small.metric, "pass@1 (%)");
    assert_eq!(small.source, "bigcodebench");

    let moe = file.rows.iter().find(|row| row.model == "Big-MoE").unwrap();
    assert_eq!(moe.hub_id.as_deref(), Some("org/big-moe"));
    assert_eq!(moe.params_active, Some(2_400_000_000));
    assert_eq!(moe.model_type, Some(ModelType::Moe));
    assert_eq!(scores(&file, "Big-MoE").len(), 2);

    let closed = file.rows.iter().find(|row| row.model == "Closed").unwrap();
    assert_eq!(closed.hub_id, None);
    assert_eq!(closed.params_total, None);
    assert_eq!(closed.model_type, Some(ModelType::Chat));
    assert_eq!(closed.date, None);
    assert_eq!(
        scores(&file, "Closed"),
        vec![("BigCodeBench-Instruct".to_string(), 50.1)]
    );

    let unknown = file
        .rows
        .iter()
        .find(|row| row.model == "Unknown-Size")
        .unwrap();
    assert_eq!(unknown.params_total, None);
    assert_eq!(unknown.params_active, None);

    assert_eq!(file.rows.len(), 5);
    let skipped: Vec<(String, SkipReason)> = file
        .report
        .skipped
        .iter()
        .map(|skip| match &skip.location {
            Location::Key(key) => (key.clone(), skip.reason.clone()),
            Location::Line(_) => panic!("JSON skips are located by key"),
        })
        .collect();
    // serde_json sorts object keys, so entries come in key order.
    assert_eq!(
        skipped,
        vec![
            (
                "Bad-Size".to_string(),
                SkipReason::InvalidSize {
                    field: "size".into(),
                    value: "\"7B\"".into()
                }
            ),
            (
                "Closed".to_string(),
                SkipReason::InvalidScore {
                    field: "pass@1.complete".into(),
                    value: "\"n/a\"".into()
                }
            ),
            (
                "No-Scores".to_string(),
                SkipReason::InvalidEntry {
                    detail: "no pass@1 object".into()
                }
            ),
            (
                "Not-An-Object".to_string(),
                SkipReason::InvalidEntry {
                    detail: "not a JSON object".into()
                }
            ),
        ]
    );
    assert_eq!(
        file.report.unknown_columns,
        vec!["license".to_string(), "pass@1.reasoning".to_string()]
    );
}

#[test]
fn bigcodebench_set_names_benchmarks() {
    let hard = parse_leaderboard(
        Path::new("hard.json"),
        BIGCODEBENCH,
        ReadOptions {
            bigcodebench_set: Some(BigCodeBenchSet::Hard),
        },
    )
    .unwrap();
    let full = parse_leaderboard(
        Path::new("full.json"),
        BIGCODEBENCH,
        ReadOptions {
            bigcodebench_set: Some(BigCodeBenchSet::Full),
        },
    )
    .unwrap();

    assert_eq!(
        scores(&hard, "Big-MoE"),
        vec![
            ("BigCodeBench-Hard-Complete".to_string(), 47.6),
            ("BigCodeBench-Hard-Instruct".to_string(), 36.8),
        ]
    );
    assert_eq!(
        scores(&full, "Small-Coder-1B"),
        vec![("BigCodeBench-Full-Complete".to_string(), 21.4)]
    );
}

/// Entries shaped like the EvalPlus leaderboard's `results.json`
/// (github.com/evalplus/evalplus.github.io): `size` in billions, null for closed models, and
/// links that often point outside the Hub.
const EVALPLUS: &str = r#"{
  "CodeQwen1.5-7B-Chat": {
    "link": "https://huggingface.co/Qwen/CodeQwen1.5-7B-Chat",
    "open-data": "NONE",
    "pass@1": {"humaneval": 83.5, "humaneval+": 78.7, "mbpp": 79.4, "mbpp+": 69.0},
    "prompted": true,
    "size": 7
  },
  "CodeGen-2B": {
    "link": "https://arxiv.org/abs/2203.13474",
    "open-data": "Full",
    "pass@1": {"humaneval": 24.4, "humaneval+": 22.6, "mbpp": null, "mbpp+": null},
    "prompted": false,
    "size": 2.0
  },
  "GPT 4o (Aug 2024)": {
    "link": "https://platform.openai.com/docs/models/",
    "open-data": "NONE",
    "pass@1": {"humaneval": 92.7, "humaneval+": 87.2, "mbpp": 87.6, "mbpp+": 72.2},
    "prompted": true,
    "size": null
  },
  "Zero-Size": {"link": 7, "pass@1": {"humaneval": 1}, "size": 0}
}"#;

#[test]
fn evalplus_fixture() {
    let file = parse(EVALPLUS);

    assert_eq!(file.format, LeaderboardFormat::EvalPlus);
    assert_eq!(file.records, 4);
    assert_eq!(
        scores(&file, "CodeQwen1.5-7B-Chat"),
        vec![
            ("HumanEval".to_string(), 83.5),
            ("HumanEval+".to_string(), 78.7),
            ("MBPP".to_string(), 79.4),
            ("MBPP+".to_string(), 69.0),
        ]
    );
    let qwen = file
        .rows
        .iter()
        .find(|row| row.model == "CodeQwen1.5-7B-Chat")
        .unwrap();
    assert_eq!(qwen.hub_id.as_deref(), Some("Qwen/CodeQwen1.5-7B-Chat"));
    assert_eq!(qwen.params_total, Some(7_000_000_000));
    assert_eq!(qwen.model_type, Some(ModelType::Chat));
    assert_eq!(qwen.source, "evalplus");

    let codegen = scores(&file, "CodeGen-2B");
    assert_eq!(codegen.len(), 2);
    let codegen_row = file
        .rows
        .iter()
        .find(|row| row.model == "CodeGen-2B")
        .unwrap();
    assert_eq!(codegen_row.hub_id, None);
    assert_eq!(codegen_row.params_total, Some(2_000_000_000));
    let gpt = file
        .rows
        .iter()
        .find(|row| row.model == "GPT 4o (Aug 2024)")
        .unwrap();
    assert_eq!(gpt.params_total, None);

    assert_eq!(file.rows.len(), 10);
    assert_eq!(
        file.report.skipped,
        vec![Skip {
            location: Location::Key("Zero-Size".into()),
            reason: SkipReason::InvalidEntry {
                detail: "link is a number, expected a string".into()
            }
        }]
    );
    assert_eq!(file.report.unknown_columns, Vec::<String>::new());
}

#[test]
fn truncated_json_is_an_error() {
    let truncated = &EVALPLUS[..EVALPLUS.len() / 2];
    let error = parse_leaderboard(Path::new("results.json"), truncated, ReadOptions::default())
        .expect_err("a truncated file is rejected");

    let LeaderboardError::JsonSyntax { line, .. } = &error else {
        panic!("unexpected error {error:?}");
    };
    assert!(*line > 1);
    let english = error.message(Lang::En);
    assert!(
        english.starts_with("results.json: invalid JSON at line"),
        "{english}"
    );
    assert!(english.contains("truncated"), "{english}");
    let french = error.message(Lang::Fr);
    assert!(french.contains("tronqué"), "{french}");
}

#[test]
fn json_of_another_shape_is_unknown() {
    for (text, found, french) in [
        (
            "[1, 2]",
            FoundShape::JsonValue("an array"),
            "(JSON\u{a0}: une liste)",
        ),
        (
            r#"{"m": {"pass@1": {"accuracy": 3}}}"#,
            FoundShape::JsonWithoutScores,
            "(un objet JSON sans score pass@1",
        ),
        (
            r#"{"m": {"size": 7}}"#,
            FoundShape::JsonWithoutScores,
            "(un objet JSON sans score pass@1",
        ),
    ] {
        let error = parse_error(text);
        let LeaderboardError::UnknownFormat { found: actual, .. } = &error else {
            panic!("unexpected error {error:?} for {text}");
        };
        assert_eq!(actual, &found, "{text}");
        let message = error.message(Lang::Fr);
        assert!(message.contains(french), "{message}");
    }
}

#[test]
fn empty_text_is_an_error() {
    assert!(matches!(parse_error(""), LeaderboardError::Empty { .. }));
    assert!(matches!(
        parse_error("\u{feff}\n \n"),
        LeaderboardError::Empty { .. }
    ));
}

#[test]
fn skip_reasons_in_both_languages() {
    let reason = SkipReason::InvalidSize {
        field: "params".into(),
        value: "7".into(),
    };
    assert!(
        reason
            .message(Lang::En)
            .contains("invalid parameter count \"7\"")
    );
    assert!(
        reason
            .message(Lang::Fr)
            .contains("nombre de paramètres invalide \"7\"")
    );
    assert_eq!(Location::Line(4).describe(Lang::Fr), "ligne 4");
    assert_eq!(Location::Key("M".into()).describe(Lang::En), "key \"M\"");
}

#[test]
fn hub_ids_from_names_and_links() {
    assert_eq!(
        hub_id_from_name(" org/model-1.5B ").as_deref(),
        Some("org/model-1.5B")
    );
    assert_eq!(hub_id_from_name("GPT 4o (Aug 2024)"), None);
    assert_eq!(hub_id_from_name("a/b/c"), None);
    assert_eq!(hub_id_from_name("/model"), None);
    assert_eq!(
        hub_id_from_link("https://huggingface.co/org/model/blob/main/README.md").as_deref(),
        Some("org/model")
    );
    assert_eq!(
        hub_id_from_link("https://huggingface.co/datasets/org/data"),
        None
    );
    assert_eq!(hub_id_from_link("https://huggingface.co/gpt2"), None);
    assert_eq!(hub_id_from_link("https://example.com/org/model"), None);
    assert_eq!(hub_id_from_link("not a url"), None);
}

#[test]
fn model_types_from_leaderboard_words() {
    use open_llm::model_type_from_words;

    for (words, expected) in [
        ("🟢 pretrained", ModelType::Pretrained),
        ("pretrained", ModelType::Pretrained),
        (
            "🟩 continuously pretrained",
            ModelType::ContinuouslyPretrained,
        ),
        ("continuouslypretrained", ModelType::ContinuouslyPretrained),
        (
            "🔶 fine-tuned on domain-specific datasets",
            ModelType::FineTuned,
        ),
        ("fine-tunedondomain-specificdatasets", ModelType::FineTuned),
        ("💬 chat models (RLHF, DPO, IFT, ...)", ModelType::Chat),
        ("chatmodels", ModelType::Chat),
        ("🤝 base merges and moerges", ModelType::Merged),
        ("basemergesandmoerges", ModelType::Merged),
        ("multimodal", ModelType::Multimodal),
        ("❓other", ModelType::Other),
        ("something new", ModelType::Other),
    ] {
        assert_eq!(model_type_from_words(words), expected, "{words}");
    }
}

proptest! {
    #[test]
    fn billions_round_to_parameters(tenths in 1u64..1_000_000) {
        let billions = tenths as f64 / 10.0;
        prop_assert_eq!(params_from_billions(billions), Ok(Some(tenths * 100_000_000)));
    }

    #[test]
    fn generic_sizes_with_units(count in 1u64..2_000, unit in prop::sample::select(vec![("M", 1_000_000u64), ("B", 1_000_000_000)])) {
        let text = format!("model,benchmark,metric,score,params\norg/m,B,m,1,{count}{}\n", unit.0);
        let file = parse(&text);
        prop_assert_eq!(file.rows[0].params_total, Some(count * unit.1));
    }
}
