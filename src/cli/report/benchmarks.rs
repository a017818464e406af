//! The `benchmarks` section of `slmscope report` as text and CSV rows.

use std::io::{self, Write};

use crate::analysis::benchmark_report::SetReport;
use crate::analysis::format_params;
use crate::analysis::verdicts::{Entry, Verdicts};
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;
use crate::tui::format::signed;
use crate::tui::panes::benchmarks::score_text;

/// Columns the report's CSV adds after its eight common ones for the `benchmark` rows. The rows
/// of other sections leave them empty.
pub const CSV_COLUMNS: [&str; 17] = [
    "benchmark",
    "metric",
    "domain",
    "duplicates",
    "best_slm",
    "best_slm_params",
    "best_slm_score",
    "best_llm",
    "best_llm_params",
    "best_llm_score",
    "gap",
    "llms_beaten",
    "llms",
    "within_margin",
    "within_margin_params",
    "within_margin_score",
    "margin",
];

/// Characters of a model name in the text table.
const NAME_WIDTH: usize = 18;
/// Characters of the model name on the line of the smallest model within the margin, which
/// keeps that line within 100 columns for margins and scores of up to five characters.
const WITHIN_NAME_WIDTH: usize = 28;
/// Characters of a benchmark set's label in the text report.
const LABEL_WIDTH: usize = 60;
/// Columns the text section keeps within.
const TEXT_WIDTH: usize = 100;

/// Returns one CSV row per set and threshold. The common columns hold `benchmark`, the
/// threshold, the set's label as group, an empty class and the number of models as count. The
/// headline verdicts follow in the [`CSV_COLUMNS`], with an empty cell for a missing verdict.
pub fn csv_rows(sets: &[SetReport]) -> Vec<Vec<String>> {
    let number = |value: f64| value.to_string();
    let model_cells = |entry: Option<&Entry>| -> [String; 3] {
        match entry {
            Some(entry) => [
                clean_truncated(&entry.model, 200),
                entry
                    .params_total
                    .map(|total| total.to_string())
                    .unwrap_or_default(),
                number(entry.score),
            ],
            None => Default::default(),
        }
    };
    let mut rows = Vec::new();
    for set in sets {
        let label = clean_truncated(&set.set.label(), 200);
        for verdicts in &set.verdicts {
            let mut row = vec![
                "benchmark".to_string(),
                verdicts.threshold.to_string(),
                label.clone(),
                String::new(),
                set.models.to_string(),
                String::new(),
                String::new(),
                String::new(),
                clean_truncated(&set.set.benchmark, 200),
                clean_truncated(&set.set.metric, 200),
                clean_truncated(&set.set.domain, 200),
                set.set.duplicates.to_string(),
            ];
            row.extend(model_cells(verdicts.best_slm.as_ref()));
            row.extend(model_cells(verdicts.best_llm.as_ref()));
            row.push(verdicts.gap.map(number).unwrap_or_default());
            match verdicts.beats {
                Some(beats) => {
                    row.push(beats.beaten.to_string());
                    row.push(beats.llms.to_string());
                }
                None => row.extend([String::new(), String::new()]),
            }
            let within = verdicts.smallest_within_margin.as_ref();
            row.extend(model_cells(within.map(|within| &within.entry)));
            row.push(number(verdicts.margin));
            rows.push(row);
        }
    }
    rows
}

/// Writes the section: a heading, then per set a line of counts, the smallest model within the
/// margin and one table row per threshold.
pub fn write_text(
    out: &mut impl Write,
    sets: &[SetReport],
    filtered: bool,
    lang: Lang,
) -> io::Result<()> {
    if sets.is_empty() {
        return writeln!(
            out,
            "{}",
            lang.pick(
                "Benchmarks: the cache contains no benchmark result",
                "Benchmarks : le cache ne contient aucun résultat de benchmark"
            )
        );
    }
    writeln!(
        out,
        "{}\n  {}",
        lang.pick(
            "Benchmarks: verdicts per benchmark and metric (a higher score is better)",
            "Benchmarks : verdicts par benchmark et métrique (un score plus haut est meilleur)"
        ),
        lang.pick(
            "an SLM is below the threshold, an LLM at or above it",
            "un SLM est sous le seuil, un LLM au seuil ou au-dessus"
        )
    )?;
    if filtered {
        write_filter_note(out, sets, lang)?;
    }
    writeln!(
        out,
        "  {}",
        lang.pick(
            "size frontier and ranking by score per billion parameters: --format json",
            "frontière des tailles et classement par score par milliard de paramètres : --format json"
        )
    )?;
    for set in sets {
        writeln!(out)?;
        write_set(out, set, lang)?;
    }
    Ok(())
}

/// States that the filters reach a result only through its linked Hub model, and what that
/// kept and left out.
fn write_filter_note(out: &mut impl Write, sets: &[SetReport], lang: Lang) -> io::Result<()> {
    let unlinked: usize = sets.iter().map(|set| set.unlinked).sum();
    let filtered_out: usize = sets.iter().map(|set| set.filtered_out).sum();
    let unlinked = lang.count(
        unlinked as u64,
        (
            "result without a linked model is not filtered",
            "results without a linked model are not filtered",
        ),
        (
            "résultat sans modèle lié n'est pas filtré",
            "résultats sans modèle lié ne sont pas filtrés",
        ),
    );
    let filtered_out = lang.count(
        filtered_out as u64,
        ("result is left out", "results are left out"),
        ("résultat est écarté", "résultats sont écartés"),
    );
    writeln!(
        out,
        "  {}\n    {unlinked}{} {filtered_out}",
        lang.pick(
            "filters: applied to a result through the Hub model linked to it",
            "filtres : appliqués à un résultat via le modèle du Hub qui lui est lié"
        ),
        lang.pick(";", " ;"),
    )
}

/// Writes one set: its heading, then the smallest model within the margin and the table.
fn write_set(out: &mut impl Write, set: &SetReport, lang: Lang) -> io::Result<()> {
    write_set_heading(out, set, lang)?;
    if set.models == 0 {
        return writeln!(
            out,
            "  {}",
            lang.pick(
                "no result of this set passes the filters",
                "aucun résultat de ce jeu ne passe les filtres"
            )
        );
    }
    if let Some(verdicts) = set.verdicts.first() {
        write_within_margin(out, verdicts, lang)?;
    }
    write_table(out, &set.verdicts, lang)
}

/// Writes the set's label and domain with its counts; the counts that are 0 are left out, except
/// the number of models.
fn write_set_heading(out: &mut impl Write, set: &SetReport, lang: Lang) -> io::Result<()> {
    let mut counts = vec![lang.count(
        set.models as u64,
        ("model", "models"),
        ("modèle", "modèles"),
    )];
    let first = set.verdicts.first();
    let extras = [
        (
            set.set.duplicates,
            ("duplicate folded", "duplicates folded"),
            ("doublon fusionné", "doublons fusionnés"),
        ),
        (
            first.map_or(0, |verdicts| verdicts.unknown_size),
            ("of unknown size", "of unknown size"),
            ("de taille inconnue", "de taille inconnue"),
        ),
        (
            first.map_or(0, |verdicts| verdicts.skipped_scores),
            (
                "NaN or infinite score skipped",
                "NaN or infinite scores skipped",
            ),
            (
                "score NaN ou infini ignoré",
                "scores NaN ou infinis ignorés",
            ),
        ),
        (
            set.filtered_out,
            ("left out by the filters", "left out by the filters"),
            ("écarté par les filtres", "écartés par les filtres"),
        ),
    ];
    for (count, english, french) in extras {
        if count > 0 {
            counts.push(lang.count(count as u64, english, french));
        }
    }
    let heading = format!(
        "{} [{}]{}",
        clean_truncated(&set.set.label(), LABEL_WIDTH),
        domain_label(&set.set.domain, lang),
        lang.pick(":", " :"),
    );
    let counts = counts.join(", ");
    // Long counts go on a line of their own rather than past the 100th column.
    if heading.chars().count() + 1 + counts.chars().count() <= TEXT_WIDTH {
        writeln!(out, "{heading} {counts}")?;
    } else {
        writeln!(out, "{heading}\n  {counts}")?;
    }
    Ok(())
}

/// Writes one row per threshold: the best SLM, the best LLM, the gap and the LLMs beaten.
fn write_table(out: &mut impl Write, verdicts: &[Verdicts], lang: Lang) -> io::Result<()> {
    writeln!(
        out,
        "  {:<6}  {:<32}  {:<32}  {:>7}  {:>11}",
        lang.pick("at", "seuil"),
        lang.pick("best SLM", "meilleur SLM"),
        lang.pick("best LLM", "meilleur LLM"),
        lang.pick("gap", "écart"),
        lang.pick("LLMs beaten", "LLM battus"),
    )?;
    for verdicts in verdicts {
        let beats = verdicts
            .beats
            .map(|beats| {
                format!(
                    "{}/{}",
                    lang.int(beats.beaten as u64),
                    lang.int(beats.llms as u64)
                )
            })
            .unwrap_or_else(|| "-".to_string());
        writeln!(
            out,
            "  {:<6}  {}  {}  {:>7}  {:>11}",
            format_params(verdicts.threshold),
            model_cell(verdicts.best_slm.as_ref(), lang),
            model_cell(verdicts.best_llm.as_ref(), lang),
            gap_text(verdicts, lang),
            beats,
        )?;
    }
    Ok(())
}

/// Writes the smallest model within the margin, which does not depend on the threshold.
fn write_within_margin(out: &mut impl Write, verdicts: &Verdicts, lang: Lang) -> io::Result<()> {
    let points = points_text(verdicts.margin, lang);
    let Some(within) = &verdicts.smallest_within_margin else {
        return match lang {
            Lang::En => writeln!(
                out,
                "  smallest within {points} of the best score: none of known size"
            ),
            Lang::Fr => writeln!(
                out,
                "  plus petit à {points} ou moins du meilleur score : aucun de taille connue"
            ),
        };
    };
    let entry = &within.entry;
    let model = format!(
        "{}, {}, {}",
        clean_truncated(&entry.model, WITHIN_NAME_WIDTH),
        entry.params_total.map(format_params).unwrap_or_default(),
        score_text(entry.score, lang)
    );
    let best = score_text(within.best_score, lang);
    match lang {
        Lang::En => writeln!(
            out,
            "  smallest within {points} of the best score {best}: {model}"
        ),
        Lang::Fr => writeln!(
            out,
            "  plus petit à {points} ou moins du meilleur score {best} : {model}"
        ),
    }
}

/// Formats a model as three aligned fields, name, size and score, 32 characters wide, or `-`
/// when there is none.
fn model_cell(entry: Option<&Entry>, lang: Lang) -> String {
    match entry {
        Some(entry) => format!(
            "{:<name$} {:>6} {:>6}",
            clean_truncated(&entry.model, NAME_WIDTH),
            entry.params_total.map(format_params).unwrap_or_default(),
            score_text(entry.score, lang),
            name = NAME_WIDTH,
        ),
        None => format!("{:<32}", "-"),
    }
}

/// Formats the gap with its sign, as the Benchmarks pane does, and the decimals of the larger
/// score, so that gaps on a 0–1 scale keep their digits. Returns `-` when a class is empty.
fn gap_text(verdicts: &Verdicts, lang: Lang) -> String {
    let (Some(gap), Some(slm), Some(llm)) = (verdicts.gap, &verdicts.best_slm, &verdicts.best_llm)
    else {
        return "-".to_string();
    };
    let larger = slm.score.abs().max(llm.score.abs());
    let places = if larger >= 10.0 {
        1
    } else if larger >= 1.0 {
        2
    } else {
        3
    };
    signed(lang, gap, places)
}

/// Formats the margin in points, without trailing zeros: `5 points`, `2.5 points`, `1 point`.
fn points_text(margin: f64, lang: Lang) -> String {
    let number = margin.to_string();
    match lang {
        Lang::En if margin == 1.0 => format!("{number} point"),
        Lang::En => format!("{number} points"),
        // French puts the singular below 2: `0 point`, `1,5 point`.
        Lang::Fr if margin < 2.0 => format!("{} point", number.replace('.', ",")),
        Lang::Fr => format!("{} points", number.replace('.', ",")),
    }
}

/// Names a task family in the user's language; an unknown one is shown as stored, cleaned.
pub(super) fn domain_label(domain: &str, lang: Lang) -> String {
    match domain {
        "code" => "code".to_string(),
        "medical" => lang.pick("medical", "médical").to_string(),
        "nli" => "nli".to_string(),
        "general" => lang.pick("general", "général").to_string(),
        other => clean_truncated(other, 20),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(model: &str, score: f64) -> Entry {
        Entry {
            model: model.to_string(),
            params_total: Some(1_000_000_000),
            params_active: None,
            score,
        }
    }

    fn verdicts(slm: Option<f64>, llm: Option<f64>) -> Verdicts {
        let best_slm = slm.map(|score| entry("slm", score));
        let best_llm = llm.map(|score| entry("llm", score));
        Verdicts {
            threshold: 7_000_000_000,
            margin: 5.0,
            scored: 2,
            skipped_scores: 0,
            unknown_size: 0,
            slms: 1,
            llms: 1,
            gap: slm.zip(llm).map(|(slm, llm)| slm - llm),
            best_slm,
            best_llm,
            beats: None,
            smallest_within_margin: None,
            per_billion: Vec::new(),
            frontier: Vec::new(),
        }
    }

    #[test]
    fn gap_keeps_the_digits_of_its_scale() {
        assert_eq!(
            gap_text(&verdicts(Some(62.0), Some(75.0)), Lang::En),
            "\u{2212}13.0"
        );
        assert_eq!(
            gap_text(&verdicts(Some(80.5), Some(75.0)), Lang::En),
            "+5.5"
        );
        assert_eq!(
            gap_text(&verdicts(Some(0.853), Some(0.9)), Lang::En),
            "\u{2212}0.047"
        );
        assert_eq!(
            gap_text(&verdicts(Some(0.853), Some(0.9)), Lang::Fr),
            "\u{2212}0,047"
        );
        assert_eq!(gap_text(&verdicts(Some(5.0), Some(5.0)), Lang::En), "0.00");
        assert_eq!(gap_text(&verdicts(None, Some(75.0)), Lang::En), "-");
    }

    #[test]
    fn points_agree_in_number() {
        assert_eq!(points_text(5.0, Lang::En), "5 points");
        assert_eq!(points_text(1.0, Lang::En), "1 point");
        assert_eq!(points_text(0.0, Lang::En), "0 points");
        assert_eq!(points_text(2.5, Lang::En), "2.5 points");
        assert_eq!(points_text(1.5, Lang::Fr), "1,5 point");
        assert_eq!(points_text(2.0, Lang::Fr), "2 points");
    }

    #[test]
    fn model_cell_is_32_wide() {
        let cell = model_cell(
            Some(&entry("a-model-name-longer-than-the-column", 61.3)),
            Lang::En,
        );
        assert_eq!(cell, "a-model-name-long…     1B   61.3");
        assert_eq!(cell.chars().count(), 32);
        assert_eq!(model_cell(None, Lang::En).chars().count(), 32);
    }

    #[test]
    fn domains_in_both_languages() {
        assert_eq!(domain_label("medical", Lang::Fr), "médical");
        assert_eq!(domain_label("general", Lang::Fr), "général");
        assert_eq!(domain_label("law\u{1b}[31m", Lang::En), "law");
    }
}
