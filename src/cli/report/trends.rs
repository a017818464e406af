//! The `trends` section of `slmscope report` as text and CSV rows.

use std::io::{self, Write};

use crate::analysis::trends::report::{MIN_SYNCS, TrendsAt, TrendsReport};
use crate::analysis::trends::{CreationSplit, UsageRow};
use crate::i18n::Lang;

/// Label of the models whose creation date is the Hub's placeholder.
pub fn before_tracking_label(lang: Lang) -> &'static str {
    lang.pick(
        "before dates were recorded",
        "avant l'enregistrement des dates",
    )
}

/// Label of the models without a creation date.
pub fn no_date_label(lang: Lang) -> &'static str {
    lang.pick("no date", "sans date")
}

/// Writes the trends at every threshold: the split per creation month, the downloads by
/// creation month per class, and the downloads per sync.
pub fn write_text(out: &mut impl Write, trends: &TrendsReport, lang: Lang) -> io::Result<()> {
    let now = match &trends.now {
        Some(now) => {
            let source = lang.data_time_source(now.source);
            format!("{} ({source})", now.time.get(..10).unwrap_or(&now.time))
        }
        None => lang.pick("unknown", "inconnue").to_string(),
    };
    writeln!(
        out,
        "{} {now}",
        lang.pick(
            "Trends by creation month (UTC); data as of",
            "Tendances par mois de création (UTC) ; données au"
        )
    )?;
    for entry in &trends.thresholds {
        writeln!(out)?;
        write_threshold(out, entry, trends.syncs, lang)?;
    }
    Ok(())
}

fn write_threshold(
    out: &mut impl Write,
    entry: &TrendsAt,
    syncs: u64,
    lang: Lang,
) -> io::Result<()> {
    writeln!(
        out,
        "{} {}",
        lang.pick("Trends at", "Tendances au seuil"),
        entry.label
    )?;
    writeln!(
        out,
        "  {:<32} {:>7} {:>7} {:>7} {:>8}  {:>17}  {:>17}",
        "",
        "",
        "",
        "",
        "",
        lang.pick("SLM share, known", "part SLM, connus"),
        lang.pick("share of class dl", "part des tél."),
    )?;
    writeln!(
        out,
        "  {:<32} {:>7} {:>7} {:>7} {:>8}  {:>8} {:>8}  {:>8} {:>8}",
        lang.pick("created", "création"),
        lang.pick("models", "modèles"),
        "SLM",
        "LLM",
        lang.pick("unknown", "inconnus"),
        lang.pick("count", "nombre"),
        lang.pick("dl", "téléch."),
        "SLM",
        "LLM",
    )?;
    let rows = entry
        .monthly
        .months
        .iter()
        .zip(&entry.usage.months)
        .map(|(split, usage)| (split.month.to_string(), &split.split, &usage.usage))
        .chain([
            (
                before_tracking_label(lang).to_string(),
                &entry.monthly.before_tracking,
                &entry.usage.before_tracking,
            ),
            (
                no_date_label(lang).to_string(),
                &entry.monthly.no_date,
                &entry.usage.no_date,
            ),
        ]);
    for (label, split, usage) in rows {
        write_row(out, &label, split, usage, lang)?;
    }
    writeln!(
        out,
        "  {}",
        lang.pick(
            "SLM share, known: among models of known size, by count and by 30-day downloads (dl); share of class dl: the month's part of all SLM or LLM downloads",
            "part SLM, connus : parmi les modèles de taille connue, en nombre et en téléchargements sur 30 jours (tél.) ; part des tél. : la part du mois dans tous les téléchargements de SLM ou de LLM"
        )
    )?;
    let share = |value: Option<f64>| value.map(|v| lang.percent(v)).unwrap_or_else(|| "-".into());
    match &entry.usage.older_than_12_months {
        Some(older) => writeln!(
            out,
            "  {} SLM {}, LLM {}",
            lang.pick(
                "downloads of models older than 12 months:",
                "téléchargements des modèles de plus de 12 mois :"
            ),
            share(older.slm),
            share(older.llm)
        )?,
        None => writeln!(
            out,
            "  {}",
            lang.pick(
                "downloads of models older than 12 months: unknown, the data has no date",
                "téléchargements des modèles de plus de 12 mois : inconnus, les données n'ont pas de date"
            )
        )?,
    }
    match &entry.downloads_per_sync {
        Some(points) => {
            writeln!(
                out,
                "  {}",
                lang.pick(
                    "downloads in 30 days per sync, by current size:",
                    "téléchargements sur 30 jours par synchro, selon la taille actuelle :"
                )
            )?;
            for point in points {
                writeln!(
                    out,
                    "    {} #{} {:<9} {:>8} {} SLM {:>14} LLM {:>14} {} {:>14}",
                    point.time.get(..10).unwrap_or(&point.time),
                    point.sync_id,
                    lang.sync_status(&point.status),
                    lang.int(point.models),
                    lang.pick("models", "modèles"),
                    lang.int(point.slm.downloads),
                    lang.int(point.llm.downloads),
                    lang.pick("unknown", "inconnus"),
                    lang.int(point.unknown.downloads),
                )?;
            }
        }
        None => writeln!(
            out,
            "  {}",
            match lang {
                Lang::En => format!(
                    "downloads over time: need {MIN_SYNCS} syncs with recorded downloads, the cache holds {syncs}"
                ),
                Lang::Fr => format!(
                    "téléchargements dans le temps : il faut {MIN_SYNCS} synchros avec téléchargements, le cache en contient {syncs}"
                ),
            }
        )?,
    }
    Ok(())
}

fn write_row(
    out: &mut impl Write,
    label: &str,
    split: &CreationSplit,
    usage: &UsageRow,
    lang: Lang,
) -> io::Result<()> {
    let share = |value: Option<f64>| value.map(|v| lang.percent(v)).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "  {:<32} {:>7} {:>7} {:>7} {:>8}  {:>8} {:>8}  {:>8} {:>8}",
        label,
        lang.int(split.models),
        lang.int(split.slm.count),
        lang.int(split.llm.count),
        lang.int(split.unknown.count),
        share(split.slm_share_of_known),
        share(split.slm_download_share_of_known),
        share(usage.slm_share_of_class),
        share(usage.llm_share_of_class),
    )
}

/// Returns the CSV rows of the trends, in the report's long form: `section, threshold, group,
/// class, count, downloads, model_share, download_share`.
///
/// - `trend_month`: group is the month, `before_tracking` or `no_date`; the SLM row carries the
///   SLM share of known sizes by count and by downloads.
/// - `trend_usage`: the class's downloads in that group and their share of the class's total.
/// - `trend_older`: the share of the class's downloads held by models older than 12 months.
/// - `trend_sync`: group is the sync's time, with the class's models and downloads.
pub fn csv_rows(trends: &TrendsReport) -> Vec<[String; 8]> {
    let share = |value: Option<f64>| value.map(|v| format!("{v:.6}")).unwrap_or_default();
    let mut rows = Vec::new();
    for entry in &trends.thresholds {
        let threshold = entry.threshold.to_string();
        let groups = entry
            .monthly
            .months
            .iter()
            .zip(&entry.usage.months)
            .map(|(split, usage)| (split.month.to_string(), &split.split, &usage.usage))
            .chain([
                (
                    "before_tracking".to_string(),
                    &entry.monthly.before_tracking,
                    &entry.usage.before_tracking,
                ),
                (
                    "no_date".to_string(),
                    &entry.monthly.no_date,
                    &entry.usage.no_date,
                ),
            ]);
        for (group, split, usage) in groups {
            for (class, totals) in [
                ("slm", split.slm),
                ("llm", split.llm),
                ("unknown", split.unknown),
            ] {
                let (model_share, download_share) = if class == "slm" {
                    (
                        share(split.slm_share_of_known),
                        share(split.slm_download_share_of_known),
                    )
                } else {
                    (String::new(), String::new())
                };
                rows.push([
                    "trend_month".to_string(),
                    threshold.clone(),
                    group.clone(),
                    class.to_string(),
                    totals.count.to_string(),
                    totals.downloads.to_string(),
                    model_share,
                    download_share,
                ]);
            }
            for (class, downloads, of_class) in [
                ("slm", usage.slm_downloads, usage.slm_share_of_class),
                ("llm", usage.llm_downloads, usage.llm_share_of_class),
            ] {
                rows.push([
                    "trend_usage".to_string(),
                    threshold.clone(),
                    group.clone(),
                    class.to_string(),
                    String::new(),
                    downloads.to_string(),
                    String::new(),
                    share(of_class),
                ]);
            }
        }
        if let Some(older) = &entry.usage.older_than_12_months {
            for (class, value) in [("slm", older.slm), ("llm", older.llm)] {
                rows.push([
                    "trend_older".to_string(),
                    threshold.clone(),
                    "older_than_12_months".to_string(),
                    class.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    share(value),
                ]);
            }
        }
        for point in entry.downloads_per_sync.iter().flatten() {
            for (class, totals) in [
                ("slm", point.slm),
                ("llm", point.llm),
                ("unknown", point.unknown),
            ] {
                rows.push([
                    "trend_sync".to_string(),
                    threshold.clone(),
                    point.time.clone(),
                    class.to_string(),
                    totals.count.to_string(),
                    totals.downloads.to_string(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    rows
}
