//! `slmscope import`: Hub API JSON files into the cache, one transaction per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cache::{ImportProgress, ImportSummary, MERGE_RULE};
use crate::hub::reader::Skip;
use crate::i18n::Lang;

/// Imports every file, reporting each one; a file that cannot be read changes nothing and the
/// others are still imported. Fails when any file failed.
pub fn run(db: &Path, files: &[PathBuf], lang: Lang) -> anyhow::Result<()> {
    let mut cache = super::open_for_writing(db, lang)?;
    // The bar measures bytes because the number of records is known only once a file is read.
    // The message counts the records of the current file.
    let sizes: Vec<u64> = files
        .iter()
        .map(|file| std::fs::metadata(file).map_or(0, |metadata| metadata.len()))
        .collect();
    let progress = ProgressBar::new(sizes.iter().sum());
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {binary_bytes}/{binary_total_bytes} {msg}")
            .expect("progress template is valid"),
    );

    let mut total = ImportSummary::default();
    let mut failed = Vec::new();
    let mut done_bytes = 0;
    for (file, size) in files.iter().zip(&sizes) {
        let name = file.display().to_string();
        let mut show = |step: ImportProgress| {
            progress.set_position(done_bytes + step.bytes.min(*size));
            progress.set_message(format!(
                "{name}: {}",
                lang.count(
                    step.records,
                    ("record", "records"),
                    ("enregistrement", "enregistrements")
                )
            ));
        };
        let result = cache.import_file(file, &name, &mut show);
        done_bytes += size;
        progress.set_position(done_bytes);
        match result {
            Ok(summary) => {
                progress.suspend(|| println!("{}", file_line(file, &summary, lang)));
                total.read += summary.read;
                total.added += summary.added;
                total.updated += summary.updated;
                total.unchanged += summary.unchanged;
                total.skipped_count += summary.skipped_count;
                total.skipped.extend(summary.skipped);
            }
            Err(error) => {
                let message = error.message(lang);
                tracing::error!(file = %file.display(), error = %message, "import failed");
                progress.suspend(|| eprintln!("{} {message}", lang.pick("error:", "erreur :")));
                failed.push(file.clone());
            }
        }
    }
    progress.finish_and_clear();

    let models = cache
        .model_count()
        .map_err(|error| anyhow!(error.message(lang)))?;
    if !failed.is_empty() && super::discard_if_new_and_empty(cache, db) {
        return Err(anyhow!(
            "{} {}",
            lang.pick(
                "no file was imported, so no cache was created:",
                "aucun fichier n'a été importé, donc aucun cache n'a été créé :"
            ),
            db.display()
        ));
    }
    println!("{}", total_line(&total, models, db, lang));
    if total.updated + total.unchanged > 0 {
        println!("{}", merge_rule_line(lang));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        let names: Vec<String> = failed
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        Err(super::not_imported(lang, &names))
    }
}

/// Formats the counts of a summary: `read 9, added 3, updated 1, unchanged 4, skipped 1`.
fn counts(summary: &ImportSummary, lang: Lang) -> String {
    // The French participles agree with the count they label: `ajouté 1`, `ajoutés 2`.
    let label = |count: usize, english: &'static str, french: (&'static str, &'static str)| {
        let count = count as u64;
        let word = lang.plural(count, (english, english), french);
        format!("{word} {}", lang.int(count))
    };
    [
        label(summary.read, "read", ("lu", "lus")),
        label(summary.added, "added", ("ajouté", "ajoutés")),
        label(summary.updated, "updated", ("mis à jour", "mis à jour")),
        label(summary.unchanged, "unchanged", ("inchangé", "inchangés")),
        label(summary.skipped_count, "skipped", ("ignoré", "ignorés")),
    ]
    .join(", ")
}

fn file_line(file: &Path, summary: &ImportSummary, lang: Lang) -> String {
    let separator = lang.pick(":", " :");
    let mut line = format!("{}{separator} {}", file.display(), counts(summary, lang));
    if !summary.skipped.is_empty() {
        let mut reasons = skip_reasons(&summary.skipped, lang);
        let unlisted = summary.skipped_count.saturating_sub(summary.skipped.len());
        if unlisted > 0 {
            reasons.push_str(&format!(
                "; {}",
                lang.count(
                    unlisted as u64,
                    (
                        "more skipped record not listed",
                        "more skipped records not listed"
                    ),
                    (
                        "autre enregistrement ignoré non détaillé",
                        "autres enregistrements ignorés non détaillés"
                    ),
                )
            ));
        }
        line.push_str(&format!(" ({reasons})"));
    }
    line
}

/// Groups skipped records by reason, listing the first positions of each.
fn skip_reasons(skipped: &[Skip], lang: Lang) -> String {
    const SHOWN_POSITIONS: usize = 5;
    let mut by_reason: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for skip in skipped {
        by_reason
            .entry(skip.reason.message(lang))
            .or_default()
            .push(skip.position);
    }
    by_reason
        .into_iter()
        .map(|(reason, positions)| {
            let mut shown: Vec<String> = positions
                .iter()
                .take(SHOWN_POSITIONS)
                .map(usize::to_string)
                .collect();
            if positions.len() > SHOWN_POSITIONS {
                shown.push("…".to_string());
            }
            format!(
                "{} {reason}{} {} {}",
                lang.int(positions.len() as u64),
                lang.pick(":", " :"),
                lang.pick("records", "enregistrements"),
                shown.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn total_line(total: &ImportSummary, models: u64, db: &Path, lang: Lang) -> String {
    let models = lang.count(models, ("model", "models"), ("modèle", "modèles"));
    match lang {
        Lang::En => format!(
            "total: {}; {} now holds {models}",
            counts(total, lang),
            db.display()
        ),
        Lang::Fr => format!(
            "total : {} ; {} contient maintenant {models}",
            counts(total, lang),
            db.display()
        ),
    }
}

fn merge_rule_line(lang: Lang) -> String {
    match lang {
        Lang::En => format!("records of a model already cached were merged: {MERGE_RULE}"),
        Lang::Fr => "les enregistrements d'un modèle déjà en cache ont été fusionnés : l'enregistrement au lastModified le plus récent l'emporte, sinon le dernier importé ; les champs qui lui manquent sont repris de l'autre".to_string(),
    }
}
