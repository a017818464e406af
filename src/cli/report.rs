//! `slmscope report`: the numbers the panes show, as text, JSON, CSV or Markdown.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::anyhow;

use super::ReportFormat;
use super::filter_args::FilterArgs;
use super::models::ignore_broken_pipe;
use crate::analysis::benchmark_report::DEFAULT_MARGIN;
use crate::analysis::filter::{Filter, UnknownSizes};
use crate::analysis::report::{Report, Shares, ThresholdReport};
use crate::analysis::{ClassTotals, Index};
use crate::cache::{Cache, OpenMode};
use crate::i18n::Lang;
use crate::model::ParamSource;
use crate::sanitize::clean_truncated;

mod benchmarks;
mod markdown;
mod trends;

/// Thresholds reported when none is given: 1B, 7B and 14B.
pub const DEFAULT_THRESHOLDS: [u64; 3] = [1_000_000_000, 7_000_000_000, 14_000_000_000];

/// Thresholds A and B of the A/B comparison when `--compare` is not given: 7B and 14B.
pub const DEFAULT_COMPARE: [u64; 2] = [7_000_000_000, 14_000_000_000];

/// How many pipeline_tags the text report lists per threshold.
const TEXT_TASKS: usize = 12;

/// Columns every row of the report's CSV starts with; the `benchmark` rows add
/// [`benchmarks::CSV_COLUMNS`].
const CSV_COLUMNS: [&str; 8] = [
    "section",
    "threshold",
    "group",
    "class",
    "count",
    "downloads",
    "model_share",
    "download_share",
];

pub fn run(
    db: &Path,
    thresholds: &[String],
    compare: &[String],
    margin: Option<&str>,
    format: ReportFormat,
    filters: &FilterArgs,
    lang: Lang,
) -> anyhow::Result<()> {
    let filter = filters.to_filter(lang)?;
    let margin = match margin {
        Some(text) => margin_arg(lang, text)?,
        None => DEFAULT_MARGIN,
    };
    let thresholds: Vec<u64> = if thresholds.is_empty() {
        DEFAULT_THRESHOLDS.to_vec()
    } else {
        let mut parsed: Vec<u64> = Vec::new();
        for text in thresholds {
            let threshold = super::threshold_arg(lang, "--threshold", text)?;
            // `--threshold 7B --threshold 7000000000` gives one section, not two.
            if !parsed.contains(&threshold) {
                parsed.push(threshold);
            }
        }
        parsed
    };
    let [a, b] = match compare {
        [a, b] => [
            super::threshold_arg(lang, "--compare", a)?,
            super::threshold_arg(lang, "--compare", b)?,
        ],
        _ => DEFAULT_COMPARE,
    };
    let cache =
        Cache::open(db, OpenMode::MustExist).map_err(|error| anyhow!(error.message(lang)))?;
    let models = cache
        .load_models()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let provenance = cache
        .load_provenance()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let history = cache
        .load_download_history()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let results = cache
        .load_benchmarks()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let cached = models.len();
    let cached_synthetic = models.iter().filter(|model| model.synthetic).count() as u64;
    let models = filter.retain(models);
    super::filter_args::warn_if_nothing_kept(&filter, models.len(), cached, lang);
    let kept_models: Option<HashSet<String>> =
        (!filter.is_empty()).then(|| models.iter().map(|model| model.id.to_string()).collect());
    let reference = cache
        .load_reference()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let index = Index::build(models);
    let report = Report::build(&index, &thresholds, &reference, provenance, &history)
        .with_filter(&filter, cached as u64, cached_synthetic)
        .with_comparison(&index, a, b)
        .with_benchmarks(&results, margin, kept_models.as_ref());

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match format {
        ReportFormat::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        ReportFormat::Csv => write_csv(&mut out, &report),
        ReportFormat::Text => write_text(&mut out, &report, db, lang),
        ReportFormat::Md => markdown::write(&mut out, &report, db, lang),
    }
    .and_then(|()| out.flush());
    ignore_broken_pipe(result)
}

/// Parses `--margin`: a finite number of points from 0 to 100, with a decimal point or comma.
/// The error, in `lang`, names the flag, the value and the fix.
fn margin_arg(lang: Lang, text: &str) -> anyhow::Result<f64> {
    let number = text.trim().replace(',', ".").parse::<f64>().ok();
    let message = match number {
        // `abs` turns -0 into 0, which the range admits.
        Some(margin) if (0.0..=100.0).contains(&margin) => return Ok(margin.abs()),
        Some(margin) if margin.is_finite() => lang.pick(
            "it must be from 0 to 100 points; give a number such as 5 or 2.5",
            "elle doit être comprise entre 0 et 100 points ; donnez un nombre, par exemple 5 ou 2,5",
        ),
        _ => lang.pick(
            "expected a number of points from 0 to 100, such as 5 or 2.5",
            "attendu un nombre de points de 0 à 100, par exemple 5 ou 2,5",
        ),
    };
    let invalid = lang.pick("invalid margin", "marge invalide");
    let separator = lang.pick(": ", " : ");
    Err(anyhow!(
        "--margin{separator}{invalid} {text:?}{separator}{message}"
    ))
}

/// The report's CSV writer. Every record is padded with empty cells to the full header, so the
/// sections that use fewer columns than the `benchmark` rows still give a rectangular table.
pub(super) struct ReportCsv<W: Write> {
    writer: csv::Writer<W>,
    width: usize,
}

impl<W: Write> ReportCsv<W> {
    /// Writes the header of every column.
    fn new(out: W) -> io::Result<ReportCsv<W>> {
        let mut writer = csv::Writer::from_writer(out);
        let header: Vec<&str> = CSV_COLUMNS
            .iter()
            .chain(benchmarks::CSV_COLUMNS.iter())
            .copied()
            .collect();
        writer.write_record(&header)?;
        Ok(ReportCsv {
            writer,
            width: header.len(),
        })
    }

    /// Writes one record, then empty cells up to the header's width.
    pub(super) fn write_record<I, T>(&mut self, record: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut fields = 0;
        for field in record {
            self.writer.write_field(field)?;
            fields += 1;
        }
        debug_assert!(fields <= self.width, "a CSV record wider than the header");
        for _ in fields..self.width {
            self.writer.write_field("")?;
        }
        // An empty record ends the one the fields above started.
        self.writer.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// CSV in long form, one row per number: section, threshold, group, class, count, downloads,
/// model_share, download_share. Shares are empty where they do not apply. The `benchmark` rows,
/// one per set and threshold, also fill the [`benchmarks::CSV_COLUMNS`].
fn write_csv(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let mut writer = ReportCsv::new(out)?;
    if report.filters.active {
        for (name, value) in filter_rows(&report.filters.criteria) {
            writer.write_record(["filter", "", name, &value, "", "", "", ""])?;
        }
        let cache_models = report.filters.cache_models.to_string();
        writer.write_record(["filter", "", "cache_models", "", &cache_models, "", "", ""])?;
    }
    for bin in &report.histogram {
        writer.write_record([
            "histogram".to_string(),
            String::new(),
            format!("{}-{}", bin.lower_params, bin.upper_params),
            String::new(),
            bin.count.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ])?;
    }
    let share = |value: Option<f64>| value.map(|v| format!("{v:.6}")).unwrap_or_default();
    for step in &report.sweep {
        let threshold = step.threshold.to_string();
        writer.write_record([
            "sweep",
            &threshold,
            "all",
            "slm",
            &step.slm.to_string(),
            "",
            &share(step.slm_share_of_known),
            &share(step.slm_download_share_of_known),
        ])?;
        writer.write_record([
            "sweep",
            &threshold,
            "all",
            "llm",
            &step.llm.to_string(),
            "",
            "",
            "",
        ])?;
    }
    for entry in &report.thresholds {
        let threshold = entry.threshold.to_string();
        for (class, shares) in [
            ("slm", &entry.slm),
            ("llm", &entry.llm),
            ("unknown", &entry.unknown),
        ] {
            writer.write_record([
                "split",
                &threshold,
                "all",
                class,
                &shares.count.to_string(),
                &shares.downloads.to_string(),
                &format!("{:.6}", shares.model_share),
                &format!("{:.6}", shares.download_share),
            ])?;
        }
        for modality in &entry.modalities {
            let parts = [modality.slm, modality.llm, modality.unknown];
            write_class_rows(
                &mut writer,
                "modality",
                &threshold,
                modality.modality.as_str(),
                parts,
            )?;
        }
        for task in &entry.tasks {
            let group = clean_truncated(task.pipeline_tag.as_deref().unwrap_or(""), 200);
            write_class_rows(
                &mut writer,
                "task",
                &threshold,
                &group,
                [task.slm, task.llm, task.unknown],
            )?;
        }
        for (class, tags) in [("slm", &entry.top_tags.slm), ("llm", &entry.top_tags.llm)] {
            for tag in tags {
                writer.write_record([
                    "top_tag",
                    &threshold,
                    &clean_truncated(&tag.tag, 200),
                    class,
                    &tag.count.to_string(),
                    "",
                    "",
                    "",
                ])?;
            }
        }
    }
    for row in trends::csv_rows(&report.trends) {
        writer.write_record(&row)?;
    }
    if let Some(comparison) = &report.ab {
        super::report_ab::write_csv_rows(&mut writer, comparison)?;
    }
    super::report_tools::write_csv_rows(&mut writer, &report.suggestions, &report.agreement)?;
    for row in benchmarks::csv_rows(&report.benchmarks) {
        writer.write_record(&row)?;
    }
    writer.flush()
}

/// Writes one row per class (slm, llm, unknown) with its count and downloads and no shares.
pub(super) fn write_class_rows<W: Write>(
    writer: &mut ReportCsv<W>,
    section: &str,
    threshold: &str,
    group: &str,
    parts: [ClassTotals; 3],
) -> io::Result<()> {
    for (class, totals) in ["slm", "llm", "unknown"].into_iter().zip(parts) {
        writer.write_record([
            section,
            threshold,
            group,
            class,
            &totals.count.to_string(),
            &totals.downloads.to_string(),
            "",
            "",
        ])?;
    }
    Ok(())
}

/// The noun pairs (English, French) of the counts the report writes, each `(singular, plural)`.
pub(crate) const MODELS: ((&str, &str), (&str, &str)) =
    (("model", "models"), ("modèle", "modèles"));
pub(crate) const DOWNLOADS: ((&str, &str), (&str, &str)) = (
    ("download", "downloads"),
    ("téléchargement", "téléchargements"),
);

fn write_text(out: &mut impl Write, report: &Report, db: &Path, lang: Lang) -> io::Result<()> {
    match lang {
        Lang::En => writeln!(
            out,
            "slmscope report: {}, {} ({} of known size, {} unknown), {} in 30 days",
            db.display(),
            lang.count(report.models, MODELS.0, MODELS.1),
            lang.int(report.known),
            lang.int(report.unknown),
            lang.count(report.downloads, DOWNLOADS.0, DOWNLOADS.1)
        )?,
        Lang::Fr => writeln!(
            out,
            "rapport slmscope : {}, {} ({} de taille connue, {} de taille inconnue), {} sur 30 jours",
            db.display(),
            lang.count(report.models, MODELS.0, MODELS.1),
            lang.int(report.known),
            lang.int(report.unknown),
            lang.count(report.downloads, DOWNLOADS.0, DOWNLOADS.1)
        )?,
    }
    write_synthetic_warning(out, report, lang)?;
    write_filters(out, report, lang)?;
    let sources: Vec<String> = report
        .params_sources
        .iter()
        .map(|(source, count)| {
            let source =
                ParamSource::parse(source).map_or(*source, |source| lang.param_source(source));
            format!("{source} {}", lang.int(*count))
        })
        .collect();
    writeln!(
        out,
        "{} {}",
        lang.pick(
            "parameter counts from:",
            "origine des nombres de paramètres :"
        ),
        sources.join(", ")
    )?;
    write_provenance(out, report, lang)?;
    for entry in &report.thresholds {
        writeln!(out)?;
        write_threshold(out, entry, lang)?;
    }
    writeln!(out)?;
    write_sweep(out, report, lang)?;
    writeln!(out)?;
    super::report_tools::write_suggestions(out, &report.suggestions, lang)?;
    writeln!(out)?;
    super::report_tools::write_agreement(out, &report.agreement, lang)?;
    writeln!(out)?;
    trends::write_text(out, &report.trends, lang)?;
    if let Some(comparison) = &report.ab {
        writeln!(out)?;
        super::report_ab::write_text(out, comparison, lang)?;
    }
    writeln!(out)?;
    benchmarks::write_text(out, &report.benchmarks, report.filters.active, lang)
}

/// Warns in one line when the report counts synthetic records, or when the cache contains some
/// that the filters leave out.
fn write_synthetic_warning(out: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    let counted = report.synthetic_models;
    let cached = report.filters.cache_synthetic_models;
    if counted > 0 {
        let count = lang.int(counted);
        return match (lang, counted) {
            (Lang::En, 1) => writeln!(
                out,
                "warning: 1 of these models is a synthetic record generated by slmscope synth, not a real Hub model"
            ),
            (Lang::En, _) => writeln!(
                out,
                "warning: {count} of these models are synthetic records generated by slmscope synth, not real Hub models"
            ),
            (Lang::Fr, 1) => writeln!(
                out,
                "attention : 1 de ces modèles est un enregistrement synthétique généré par slmscope synth, pas un vrai modèle du Hub"
            ),
            (Lang::Fr, _) => writeln!(
                out,
                "attention : {count} de ces modèles sont des enregistrements synthétiques générés par slmscope synth, pas de vrais modèles du Hub"
            ),
        };
    }
    if cached > 0 {
        let count = lang.int(cached);
        return match (lang, cached) {
            (Lang::En, 1) => writeln!(
                out,
                "warning: the cache holds 1 synthetic record generated by slmscope synth; the filters leave it out of these numbers"
            ),
            (Lang::En, _) => writeln!(
                out,
                "warning: the cache holds {count} synthetic records generated by slmscope synth; the filters leave them out of these numbers"
            ),
            (Lang::Fr, 1) => writeln!(
                out,
                "attention : le cache contient 1 enregistrement synthétique généré par slmscope synth ; les filtres l'excluent de ces chiffres"
            ),
            (Lang::Fr, _) => writeln!(
                out,
                "attention : le cache contient {count} enregistrements synthétiques générés par slmscope synth ; les filtres les excluent de ces chiffres"
            ),
        };
    }
    Ok(())
}

/// Writes the filter line: `none`, or the criteria and how many cached models they kept.
fn write_filters(out: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    let filters = &report.filters;
    let label = lang.pick("filters:", "filtres :");
    if !filters.active {
        return writeln!(
            out,
            "{label} {}",
            lang.pick(
                "none (every cached model)",
                "aucun (tous les modèles du cache)"
            )
        );
    }
    let description = clean_truncated(&filters.criteria.short_description(lang), 300);
    match lang {
        Lang::En => writeln!(
            out,
            "{label} {description} ({} of {} cached {})",
            lang.int(report.models),
            lang.int(filters.cache_models),
            lang.plural(filters.cache_models, MODELS.0, MODELS.1)
        ),
        Lang::Fr => writeln!(
            out,
            "{label} {description} ({} sur {} du cache)",
            lang.int(report.models),
            lang.count(filters.cache_models, MODELS.0, MODELS.1)
        ),
    }
}

/// Lists the set criteria as `(name, value)` pairs, in the spelling of the CLI flags.
fn filter_rows(filter: &Filter) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    let mut text = |name: &'static str, value: &Option<String>| {
        if let Some(value) = value {
            rows.push((name, clean_truncated(value, 200)));
        }
    };
    text("task", &filter.task);
    text("library", &filter.library);
    text("author", &filter.author);
    if let Some(day) = filter.created_after {
        rows.push(("created_after", day.to_string()));
    }
    if let Some(min) = filter.min_params {
        rows.push(("min_params", min.to_string()));
    }
    if let Some(max) = filter.max_params {
        rows.push(("max_params", max.to_string()));
    }
    for (set, kind) in [
        (filter.exclude_quantized, "quantized"),
        (filter.exclude_merged, "merged"),
        (filter.exclude_gguf, "gguf"),
    ] {
        if set {
            rows.push(("exclude", kind.to_string()));
        }
    }
    if filter.unknown_sizes == UnknownSizes::Exclude {
        rows.push(("unknown", "exclude".to_string()));
    }
    rows
}

/// Writes one row per slider step: the SLM share of models and of downloads among known sizes.
fn write_sweep(out: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        lang.pick(
            "Sweep: SLM share among models of known size at every step",
            "Balayage : part des SLM parmi les modèles de taille connue à chaque cran"
        )
    )?;
    writeln!(
        out,
        "  {:>6} {:>9} {:>9} {:>9} {:>11}",
        lang.pick("step", "cran"),
        "SLM",
        "LLM",
        lang.pick("models", "modèles"),
        lang.pick("downloads", "téléch."),
    )?;
    let share = |value: Option<f64>| value.map(|v| lang.percent(v)).unwrap_or_else(|| "-".into());
    for step in &report.sweep {
        writeln!(
            out,
            "  {:>6} {:>9} {:>9} {:>9} {:>11}",
            step.label,
            lang.int(step.slm),
            lang.int(step.llm),
            share(step.slm_share_of_known),
            share(step.slm_download_share_of_known),
        )?;
    }
    Ok(())
}

/// Writes one line per imported file and sync, so the numbers can be traced to their data.
fn write_provenance(out: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    let provenance = &report.provenance;
    if provenance.imports.is_empty()
        && provenance.syncs.is_empty()
        && provenance.leaderboards.is_empty()
    {
        return writeln!(
            out,
            "{}",
            lang.pick(
                "data: no imported file and no sync (reference set only)",
                "données : aucun fichier importé ni synchronisation (jeu de référence seul)"
            )
        );
    }
    writeln!(
        out,
        "{}",
        lang.pick(
            "data, oldest first:",
            "données, des plus anciennes aux plus récentes :"
        )
    )?;
    for import in &provenance.imports {
        writeln!(
            out,
            "  {} {} ({}, {} {})",
            import
                .imported_at
                .get(..19)
                .unwrap_or(&import.imported_at)
                .replace('T', " "),
            clean_truncated(&import.file, 80),
            lang.count(
                import.records,
                ("record", "records"),
                ("enregistrement", "enregistrements")
            ),
            lang.int(import.added),
            lang.plural(import.added, ("added", "added"), ("ajouté", "ajoutés")),
        )?;
    }
    for sync in &provenance.syncs {
        writeln!(
            out,
            "  {} sync {} {} ({}, {})",
            sync.started_at
                .get(..19)
                .unwrap_or(&sync.started_at)
                .replace('T', " "),
            clean_truncated(&sync.endpoint, 60),
            clean_truncated(&sync.query, 80),
            lang.sync_status(&sync.status),
            lang.count(sync.models, MODELS.0, MODELS.1),
        )?;
    }
    for leaderboard in &provenance.leaderboards {
        writeln!(
            out,
            "  {} {} {} ({}, {}, {})",
            leaderboard
                .imported_at
                .get(..19)
                .unwrap_or(&leaderboard.imported_at)
                .replace('T', " "),
            lang.pick("benchmarks", "benchmarks"),
            clean_truncated(&leaderboard.file, 80),
            clean_truncated(&leaderboard.format, 40),
            lang.count(leaderboard.stored, ("score", "scores"), ("score", "scores")),
            lang.count(
                leaderboard.skipped,
                ("skipped", "skipped"),
                ("ignoré", "ignorés")
            ),
        )?;
    }
    Ok(())
}

fn write_threshold(out: &mut impl Write, entry: &ThresholdReport, lang: Lang) -> io::Result<()> {
    match lang {
        Lang::En => writeln!(
            out,
            "Threshold {}: a model is an LLM when it has at least {} parameters",
            entry.label,
            lang.int(entry.threshold)
        )?,
        Lang::Fr => writeln!(
            out,
            "Seuil {} : un modèle est un LLM s'il a au moins {} paramètres",
            entry.label,
            lang.int(entry.threshold)
        )?,
    }
    writeln!(
        out,
        "  {:<10} {:>9} {:>8}   {:>16} {:>8}",
        "",
        lang.pick("models", "modèles"),
        "%",
        lang.pick("downloads", "téléch."),
        "%"
    )?;
    let unknown_label = lang.pick("unknown", "inconnus");
    for (label, shares) in [
        ("SLM", &entry.slm),
        ("LLM", &entry.llm),
        (unknown_label, &entry.unknown),
    ] {
        write_shares(out, label, shares, lang)?;
    }
    if let Some(share) = entry.slm_share_of_known {
        writeln!(
            out,
            "  {} {}",
            lang.pick(
                "SLM share of models of known size:",
                "part des SLM parmi les tailles connues :"
            ),
            lang.percent(share)
        )?;
    }

    let share = |value: Option<f64>| value.map(|v| lang.percent(v)).unwrap_or_else(|| "-".into());
    let slm_share = lang.pick("SLM share", "part SLM");
    writeln!(out)?;
    writeln!(
        out,
        "  {:<34} {:>8} {:>8} {:>9} {:>9}",
        lang.pick("modality", "modalité"),
        "SLM",
        "LLM",
        unknown_label,
        slm_share
    )?;
    for modality in &entry.modalities {
        writeln!(
            out,
            "  {:<34} {:>8} {:>8} {:>9} {:>9}",
            lang.modality(modality.modality),
            lang.int(modality.slm.count),
            lang.int(modality.llm.count),
            lang.int(modality.unknown.count),
            share(modality.slm_share_of_known)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "  {:<34} {:>8} {:>8} {:>9} {:>9}",
        "pipeline_tag", "SLM", "LLM", unknown_label, slm_share
    )?;
    for task in entry.tasks.iter().take(TEXT_TASKS) {
        let name = task
            .pipeline_tag
            .as_deref()
            .map(|name| clean_truncated(name, 34))
            .unwrap_or_else(|| lang.pick("(none)", "(aucune)").to_string());
        writeln!(
            out,
            "  {:<34} {:>8} {:>8} {:>9} {:>9}",
            name,
            lang.int(task.slm.count),
            lang.int(task.llm.count),
            lang.int(task.unknown.count),
            share(task.slm_share_of_known)
        )?;
    }
    if entry.tasks.len() > TEXT_TASKS {
        writeln!(
            out,
            "  {} {}",
            lang.int((entry.tasks.len() - TEXT_TASKS) as u64),
            lang.pick(
                "more tasks in --format json or csv",
                "autres tâches avec --format json ou csv"
            )
        )?;
    }
    for (label, tags) in [("SLM", &entry.top_tags.slm), ("LLM", &entry.top_tags.llm)] {
        let listed: Vec<String> = tags
            .iter()
            .map(|tag| {
                format!(
                    "{} ({})",
                    clean_truncated(&tag.tag, 40),
                    lang.int(tag.count)
                )
            })
            .collect();
        writeln!(
            out,
            "  {} {label}{} {}",
            lang.pick("top use tags,", "tags d'usage les plus fréquents,"),
            lang.pick(":", " :"),
            if listed.is_empty() {
                "-".to_string()
            } else {
                listed.join(", ")
            }
        )?;
    }
    Ok(())
}

fn write_shares(out: &mut impl Write, label: &str, shares: &Shares, lang: Lang) -> io::Result<()> {
    writeln!(
        out,
        "  {:<10} {:>9} {:>8}   {:>16} {:>8}",
        label,
        lang.int(shares.count),
        lang.percent(shares.model_share),
        lang.int(shares.downloads),
        lang.percent(shares.download_share)
    )
}
