//! The `suggestions` and `agreement` sections of `slmscope report` as text and CSV rows.

use std::io::{self, Write};

use crate::analysis::agreement::AgreementReport;
use crate::analysis::format_params;
use crate::analysis::suggest::{SuggestionDetails, SuggestionReport};
use crate::i18n::Lang;

/// Writes the CSV rows of both sections in the report's long form. A suggestion row has the
/// threshold, the method as group and, when there is no threshold, the reason as class. An
/// agreement row has the count of agreeing (`agree`) or sided (`sided`) models and the share in
/// `model_share`. An `agreement_best` row gives one best range as `from-to`.
pub fn write_csv_rows<W: Write>(
    writer: &mut super::report::ReportCsv<W>,
    suggestions: &[SuggestionReport],
    agreement: &AgreementReport,
) -> io::Result<()> {
    for suggestion in suggestions {
        writer.write_record([
            "suggestion",
            &suggestion
                .threshold
                .map(|threshold| threshold.to_string())
                .unwrap_or_default(),
            suggestion.method,
            suggestion.unavailable.unwrap_or(""),
            "",
            "",
            "",
            "",
        ])?;
    }
    let share = |value: Option<f64>| value.map(|v| format!("{v:.6}")).unwrap_or_default();
    for entry in &agreement.thresholds {
        let threshold = entry.threshold.to_string();
        writer.write_record([
            "agreement",
            &threshold,
            "publishers",
            "agree",
            &entry.agree.to_string(),
            "",
            &share(entry.share),
            "",
        ])?;
        writer.write_record([
            "agreement",
            &threshold,
            "publishers",
            "sided",
            &agreement.sided.to_string(),
            "",
            "",
            "",
        ])?;
    }
    if let Some(best) = &agreement.best {
        for range in &best.ranges {
            writer.write_record([
                "agreement_best",
                &best.threshold.to_string(),
                &format!("{}-{}", range.from, range.to),
                "agree",
                &best.agree.to_string(),
                "",
                &share(Some(best.share)),
                "",
            ])?;
        }
    }
    Ok(())
}

/// Writes one line per suggestion: the threshold and what it separates, or why there is none.
pub fn write_suggestions(
    out: &mut impl Write,
    suggestions: &[SuggestionReport],
    lang: Lang,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        lang.pick(
            "Suggested thresholds, from the sizes alone",
            "Seuils suggérés, d'après les tailles seules"
        )
    )?;
    for suggestion in suggestions {
        let name = match suggestion.method {
            "natural_breaks" => lang.pick(
                "natural breaks (Jenks/Otsu on log10 params)",
                "ruptures naturelles (Jenks/Otsu sur log10 params)",
            ),
            _ => lang.pick(
                "density valley (KDE of log10 params, 100M to 1T)",
                "creux de densité (KDE de log10 params, 100M à 1T)",
            ),
        };
        let text = match (&suggestion.label, suggestion.below, suggestion.above) {
            (Some(label), Some(below), Some(above)) => {
                let (below, above) = (format_params(below), format_params(above));
                let between = match (&suggestion.details, lang) {
                    (Some(SuggestionDetails::DensityValley { depth, .. }), Lang::En) => format!(
                        "between peaks at {below} and {above}, {} deep",
                        lang.percent(*depth)
                    ),
                    (Some(SuggestionDetails::DensityValley { depth, .. }), Lang::Fr) => format!(
                        "entre les pics à {below} et {above}, profond de {}",
                        lang.percent(*depth)
                    ),
                    (_, Lang::En) => format!("between {below} and {above}"),
                    (_, Lang::Fr) => format!("entre {below} et {above}"),
                };
                format!("{label}, {between}")
            }
            _ => unavailable_text(suggestion.unavailable, lang).to_string(),
        };
        writeln!(out, "  {name}{} {text}", lang.pick(":", " :"))?;
    }
    Ok(())
}

fn unavailable_text(reason: Option<&str>, lang: Lang) -> &'static str {
    match reason {
        Some("no_known_sizes") => lang.pick(
            "none: no model of known size",
            "aucun : aucun modèle de taille connue",
        ),
        Some("one_size") => lang.pick(
            "none: every model of known size has the same count",
            "aucun : tous les modèles de taille connue ont le même nombre",
        ),
        _ => lang.pick(
            "none: the density has no valley between 100M and 1T",
            "aucun : la densité n'a pas de creux entre 100M et 1T",
        ),
    }
}

/// Writes the agreement at each reported threshold and the best thresholds.
pub fn write_agreement(
    out: &mut impl Write,
    agreement: &AgreementReport,
    lang: Lang,
) -> io::Result<()> {
    match lang {
        Lang::En => writeln!(
            out,
            "Agreement with publishers' size words: {} with a small word, {} with a large word, {} with neither",
            lang.count(
                agreement.small,
                ("reference model", "reference models"),
                ("", "")
            ),
            lang.int(agreement.large),
            lang.int(agreement.unsided)
        )?,
        Lang::Fr => writeln!(
            out,
            "Accord avec les mots de taille des éditeurs : {} avec un mot petit, {} avec un mot grand, {} sans l'un ni l'autre",
            lang.count(
                agreement.small,
                ("", ""),
                ("modèle de référence", "modèles de référence")
            ),
            lang.int(agreement.large),
            lang.int(agreement.unsided)
        )?,
    }
    let Some(best) = &agreement.best else {
        return Ok(());
    };
    let sided = agreement.sided;
    for entry in &agreement.thresholds {
        writeln!(
            out,
            "  {} {}{} {}/{} ({})",
            lang.pick("at", "à"),
            entry.label,
            lang.pick(":", " :"),
            entry.agree,
            sided,
            lang.percent(entry.share.unwrap_or(0.0))
        )?;
    }
    let ranges: Vec<String> = best
        .ranges
        .iter()
        .map(|range| lang.agreement_range(range.from, range.to))
        .collect();
    writeln!(
        out,
        "  {} {}{} {}/{} ({}), {} {}",
        lang.pick("best", "meilleur"),
        best.label,
        lang.pick(":", " :"),
        best.agree,
        sided,
        lang.percent(best.share),
        lang.pick("for thresholds", "pour les seuils"),
        ranges.join(lang.pick("; ", " ; "))
    )
}
