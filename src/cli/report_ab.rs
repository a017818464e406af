//! The `ab` section of `slmscope report`: the A/B comparison of two thresholds as CSV rows and
//! as text.

use std::io::{self, Write};

use crate::analysis::compare::Comparison;
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;

/// How many tasks with changing models the text report lists.
const TEXT_TASKS: usize = 12;
/// How many changing models the text report lists.
const TEXT_MODELS: usize = 20;

/// Returns the class a changing model has at B: SLM when B is the larger threshold.
fn class_at_b(comparison: &Comparison) -> &'static str {
    if comparison.raises() { "slm" } else { "llm" }
}

/// Writes the comparison in the report's long CSV form. `ab_split` rows give the split at A and
/// at B; `ab_moved`, `ab_task` and `ab_model` rows, whose threshold column is `A-B`, name the
/// class the changing models have at B. In `ab_task` rows `model_share` is the share of the
/// task's models of known size; in `ab_model` rows `count` is the model's parameter count.
pub fn write_csv_rows<W: Write>(
    writer: &mut super::report::ReportCsv<W>,
    comparison: &Comparison,
) -> io::Result<()> {
    for split in [&comparison.at_a, &comparison.at_b] {
        let threshold = split.threshold.to_string();
        for (class, totals) in [
            ("slm", split.slm),
            ("llm", split.llm),
            ("unknown", split.unknown),
        ] {
            writer.write_record([
                "ab_split",
                &threshold,
                "all",
                class,
                &totals.count.to_string(),
                &totals.downloads.to_string(),
                &format!("{:.6}", split.model_share(totals)),
                &format!("{:.6}", split.download_share(totals)),
            ])?;
        }
    }

    let pair = format!("{}-{}", comparison.a, comparison.b);
    let class = class_at_b(comparison);
    writer.write_record([
        "ab_moved",
        &pair,
        "all",
        class,
        &comparison.moved.count.to_string(),
        &comparison.moved.downloads.to_string(),
        "",
        "",
    ])?;
    for task in &comparison.tasks {
        writer.write_record([
            "ab_task",
            &pair,
            &clean_truncated(task.pipeline_tag.as_deref().unwrap_or(""), 200),
            class,
            &task.moved.count.to_string(),
            &task.moved.downloads.to_string(),
            &format!("{:.6}", task.share_of_known),
            "",
        ])?;
    }
    for model in &comparison.models {
        writer.write_record([
            "ab_model",
            &pair,
            &clean_truncated(&model.id, 200),
            class,
            &model.params_total.to_string(),
            &model.downloads.map(|d| d.to_string()).unwrap_or_default(),
            "",
            "",
        ])?;
    }
    Ok(())
}

/// Writes the comparison as text: the direction, the counts at A and at B, the tasks with the
/// most changing models and the first [`TEXT_MODELS`] changing models.
pub fn write_text(out: &mut impl Write, comparison: &Comparison, lang: Lang) -> io::Result<()> {
    let (a, b) = (&comparison.a_label, &comparison.b_label);
    let (lo, hi) = (format_params(comparison.lo), format_params(comparison.hi));
    let (from, to) = if comparison.raises() {
        ("LLM", "SLM")
    } else {
        ("SLM", "LLM")
    };
    let equal = comparison.lo == comparison.hi;
    match lang {
        Lang::En => {
            writeln!(out, "A/B comparison: A {a}, B {b}")?;
            if equal {
                writeln!(out, "  A and B are equal: no model changes class")?;
            } else {
                writeln!(
                    out,
                    "  models from {lo} up to, not including, {hi} are {from}s at A and {to}s at B"
                )?;
            }
            writeln!(
                out,
                "  models changing class: {} ({} in 30 days)",
                lang.int(comparison.moved.count),
                lang.count(
                    comparison.moved.downloads,
                    ("download", "downloads"),
                    ("téléchargement", "téléchargements")
                )
            )?;
        }
        Lang::Fr => {
            writeln!(out, "Comparaison A/B : A {a}, B {b}")?;
            if equal {
                writeln!(
                    out,
                    "  A et B sont égaux : aucun modèle ne change de classe"
                )?;
            } else {
                writeln!(
                    out,
                    "  les modèles de {lo} inclus à {hi} exclu sont des {from} au seuil A et des {to} au seuil B"
                )?;
            }
            writeln!(
                out,
                "  modèles qui changent de classe : {} ({} sur 30 jours)",
                lang.int(comparison.moved.count),
                lang.count(
                    comparison.moved.downloads,
                    ("download", "downloads"),
                    ("téléchargement", "téléchargements")
                )
            )?;
        }
    }
    let at_a = format!("A {a}");
    let at_b = format!("B {b}");
    writeln!(out, "  {:<10} {at_a:>10} {at_b:>10}", "")?;
    let rows = [
        ("SLM", comparison.at_a.slm.count, comparison.at_b.slm.count),
        ("LLM", comparison.at_a.llm.count, comparison.at_b.llm.count),
        (
            lang.pick("unknown", "inconnus"),
            comparison.at_a.unknown.count,
            comparison.at_b.unknown.count,
        ),
    ];
    for (label, at_a, at_b) in rows {
        writeln!(
            out,
            "  {label:<10} {:>10} {:>10}",
            lang.int(at_a),
            lang.int(at_b)
        )?;
    }

    writeln!(out)?;
    write_tasks(out, comparison, lang)?;
    writeln!(out)?;
    write_models(out, comparison, lang)
}

fn write_tasks(out: &mut impl Write, comparison: &Comparison, lang: Lang) -> io::Result<()> {
    let moving: Vec<_> = comparison
        .tasks
        .iter()
        .filter(|task| task.moved.count > 0)
        .collect();
    writeln!(
        out,
        "  {:<34} {:>8} {:>20}",
        "pipeline_tag",
        lang.pick("changing", "changent"),
        lang.pick("of known sizes", "part tailles connues"),
    )?;
    if moving.is_empty() {
        return writeln!(out, "  -");
    }
    for task in moving.iter().take(TEXT_TASKS) {
        let name = task
            .pipeline_tag
            .as_deref()
            .map(|name| clean_truncated(name, 34))
            .unwrap_or_else(|| lang.pick("(none)", "(aucune)").to_string());
        writeln!(
            out,
            "  {name:<34} {:>8} {:>20}",
            lang.int(task.moved.count),
            lang.percent(task.share_of_known)
        )?;
    }
    if moving.len() > TEXT_TASKS {
        writeln!(
            out,
            "  {} {}",
            lang.int((moving.len() - TEXT_TASKS) as u64),
            lang.pick(
                "more tasks with changing models in --format json or csv, which list every task",
                "autres tâches où des modèles changent avec --format json ou csv, qui listent toutes les tâches"
            )
        )?;
    }
    Ok(())
}

fn write_models(out: &mut impl Write, comparison: &Comparison, lang: Lang) -> io::Result<()> {
    let total = comparison.models.len();
    let listed = total.min(TEXT_MODELS);
    match lang {
        Lang::En => writeln!(
            out,
            "  Models that change class, the most downloaded first ({listed} of {}):",
            lang.int(total as u64)
        )?,
        Lang::Fr => writeln!(
            out,
            "  Modèles qui changent de classe, les plus téléchargés d'abord ({listed} sur {}) :",
            lang.int(total as u64)
        )?,
    }
    writeln!(
        out,
        "  {:>7} {:>12}  {:<24} id",
        "params",
        lang.pick("downloads", "téléch."),
        "pipeline_tag"
    )?;
    for model in comparison.models.iter().take(TEXT_MODELS) {
        let downloads = model
            .downloads
            .map(|downloads| lang.int(downloads))
            .unwrap_or_else(|| "-".to_string());
        let task = model
            .pipeline_tag
            .as_deref()
            .map(|task| clean_truncated(task, 24))
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "  {:>7} {downloads:>12}  {task:<24} {}",
            format_params(model.params_total),
            clean_truncated(&model.id, 96)
        )?;
    }
    if total > TEXT_MODELS {
        writeln!(
            out,
            "  {} {}",
            lang.int((total - TEXT_MODELS) as u64),
            lang.pick(
                "more models in --format json or csv",
                "autres modèles avec --format json ou csv"
            )
        )?;
    }
    Ok(())
}
