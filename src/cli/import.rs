//! `slmscope import`: Hub API JSON files into the cache, one transaction per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use std::fmt;

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::cache::{ImportProgress, ImportSummary, MERGE_RULE};
use crate::hub::reader::{Skip, SkipReason};
use crate::i18n::Lang;
use crate::tui::format::{decimal, elide_middle};

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
    let all_bytes: u64 = sizes.iter().sum();
    let several = files.len() > 1;
    // The line must fit the terminal, or each redraw leaves a wrapped copy behind. The bar
    // narrows first, down to a minimum, so that the message keeps MESSAGE_ROOM columns. The
    // message then gets what the bar and the widest byte counts leave, one column short of the
    // edge.
    let terminal_width = crossterm::terminal::size().map_or(80, |(width, _)| usize::from(width));
    let bytes_width = bytes_progress(lang, all_bytes, all_bytes, several)
        .chars()
        .count();
    let bar_width = terminal_width
        .saturating_sub(bytes_width + 2 + MESSAGE_ROOM + 1)
        .clamp(MIN_BAR_WIDTH, MAX_BAR_WIDTH);
    let message_width = terminal_width.saturating_sub(bar_width + bytes_width + 2 + 1);
    let progress = ProgressBar::new(all_bytes);
    progress.set_style(progress_style(lang, several, bar_width));

    let mut total = ImportSummary::default();
    let mut failed = Vec::new();
    let mut done_bytes = 0;
    for (index, (file, size)) in files.iter().zip(&sizes).enumerate() {
        let name = file.display().to_string();
        let place = several.then_some((index + 1, files.len()));
        let mut show = |step: ImportProgress| {
            progress.set_position(done_bytes + step.bytes.min(*size));
            progress.set_message(progress_message(
                &name,
                place,
                step.records,
                lang,
                message_width,
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

/// Columns of the progress bar itself, narrowed on a narrow terminal to leave the message
/// `MESSAGE_ROOM` columns.
const MAX_BAR_WIDTH: usize = 30;
const MIN_BAR_WIDTH: usize = 10;
const MESSAGE_ROOM: usize = 50;

/// Builds the progress bar's style: the bar, the bytes read of the total in the language's
/// binary units, then the message. indicatif's own byte keys write English units with a decimal
/// point, so the byte counts are a key of their own. With `several` files the byte counts are
/// those of all files, labelled as the total.
fn progress_style(lang: Lang, several: bool, bar_width: usize) -> ProgressStyle {
    let bytes = move |state: &ProgressState, out: &mut dyn fmt::Write| {
        let total = state.len().unwrap_or(0);
        // A failed write only loses this frame's text, which the next tick draws again.
        let _ = out.write_str(&bytes_progress(lang, state.pos(), total, several));
    };
    ProgressStyle::with_template(&format!("{{bar:{bar_width}}} {{bytes}} {{msg}}"))
        .expect("progress template is valid")
        .with_key("bytes", bytes)
}

/// Writes bytes read of a total: `37.6 MiB / 178.8 MiB`, `37,6 Mio / 178,8 Mio`, after `total`
/// when the total is that of several files.
fn bytes_progress(lang: Lang, done: u64, total: u64, several: bool) -> String {
    let counts = format!("{} / {}", binary_size(lang, done), binary_size(lang, total));
    if several {
        format!("total {counts} ·")
    } else {
        counts
    }
}

/// Writes a byte count in binary units with one decimal: `512 B`, `37.6 MiB` in English,
/// `512 o`, `37,6 Mio` in French (octets, with a no-break space before the unit).
fn binary_size(lang: Lang, bytes: u64) -> String {
    let (units, space) = match lang {
        Lang::En => (["B", "KiB", "MiB", "GiB", "TiB"], ' '),
        Lang::Fr => (["o", "Kio", "Mio", "Gio", "Tio"], '\u{a0}'),
    };
    let mut value = bytes as f64;
    let mut unit = 0;
    // 1023.96 KiB would print as 1024.0 KiB, so the next unit starts where one decimal rounds up.
    while value >= 1023.95 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        return format!("{}{space}{}", lang.int(bytes), units[0]);
    }
    format!("{}{space}{}", decimal(lang, value, 1), units[unit])
}

/// Writes the progress message in at most `width` characters: the file's place among several
/// (`2/3`), the file, and the records read from it so far. A name too long loses its middle.
fn progress_message(
    name: &str,
    place: Option<(usize, usize)>,
    records: u64,
    lang: Lang,
    width: usize,
) -> String {
    let place = place.map_or(String::new(), |(number, count)| {
        format!("{number}/{count} ")
    });
    let records = format!(
        "{} {}",
        lang.pick(":", " :"),
        lang.count(
            records,
            ("record", "records"),
            ("enregistrement", "enregistrements")
        )
    );
    let name_width = width.saturating_sub(place.chars().count() + records.chars().count());
    format!("{place}{}{records}", elide_middle(name, name_width))
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

/// Groups skipped records by reason, listing the first positions of each:
/// `2 with no id or modelId field: records 2, 5; 1 that is not a JSON object: record 3`.
fn skip_reasons(skipped: &[Skip], lang: Lang) -> String {
    const SHOWN_POSITIONS: usize = 5;
    let mut by_reason: BTreeMap<String, (&SkipReason, Vec<usize>)> = BTreeMap::new();
    for skip in skipped {
        by_reason
            .entry(skip.reason.message(lang))
            .or_insert_with(|| (&skip.reason, Vec::new()))
            .1
            .push(skip.position);
    }
    by_reason
        .into_values()
        .map(|(reason, positions)| {
            let count = positions.len() as u64;
            let mut shown: Vec<String> = positions
                .iter()
                .take(SHOWN_POSITIONS)
                .map(usize::to_string)
                .collect();
            if positions.len() > SHOWN_POSITIONS {
                shown.push("…".to_string());
            }
            format!(
                "{} {}{} {} {}",
                lang.int(count),
                skip_clause(reason, count, lang),
                lang.pick(":", " :"),
                lang.plural(
                    count,
                    ("record", "records"),
                    ("enregistrement", "enregistrements")
                ),
                shown.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes why `count` records were skipped, as a clause after their count that agrees with it:
/// `that is not a JSON object`, `qui ne sont pas des objets JSON`.
fn skip_clause(reason: &SkipReason, count: u64, lang: Lang) -> String {
    match reason {
        SkipReason::NotAnObject => lang
            .plural(
                count,
                ("that is not a JSON object", "that are not JSON objects"),
                (
                    "qui n'est pas un objet JSON",
                    "qui ne sont pas des objets JSON",
                ),
            )
            .to_string(),
        SkipReason::MissingId => lang
            .pick("with no id or modelId field", "sans champ id ni modelId")
            .to_string(),
        SkipReason::InvalidField(_) => {
            format!(
                "{} {}",
                lang.pick("with an", "avec un"),
                reason.message(lang)
            )
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn skips(reason: SkipReason, positions: &[usize]) -> Vec<Skip> {
        positions
            .iter()
            .map(|&position| Skip {
                position,
                reason: reason.clone(),
            })
            .collect()
    }

    #[test]
    fn skip_reasons_agree_with_count() {
        let one = skips(SkipReason::MissingId, &[1]);
        assert_eq!(
            skip_reasons(&one, Lang::En),
            "1 with no id or modelId field: record 1"
        );
        assert_eq!(
            skip_reasons(&one, Lang::Fr),
            "1 sans champ id ni modelId : enregistrement 1"
        );
        let three = skips(SkipReason::NotAnObject, &[1, 2, 3]);
        assert_eq!(
            skip_reasons(&three, Lang::En),
            "3 that are not JSON objects: records 1, 2, 3"
        );
        assert_eq!(
            skip_reasons(&three, Lang::Fr),
            "3 qui ne sont pas des objets JSON : enregistrements 1, 2, 3"
        );
        let single = skips(SkipReason::NotAnObject, &[4]);
        assert_eq!(
            skip_reasons(&single, Lang::Fr),
            "1 qui n'est pas un objet JSON : enregistrement 4"
        );
    }

    #[test]
    fn skip_reasons_list_five_positions() {
        let many = skips(SkipReason::MissingId, &[1, 2, 3, 4, 5, 6]);
        assert_eq!(
            skip_reasons(&many, Lang::En),
            "6 with no id or modelId field: records 1, 2, 3, 4, 5, …"
        );
        let invalid = skips(SkipReason::invalid_field("expected a string"), &[7]);
        assert_eq!(
            skip_reasons(&invalid, Lang::En),
            "1 with an invalid field: expected a string: record 7"
        );
    }

    #[test]
    fn bytes_progress_per_language() {
        let done = 39_426_457; // 37.6 MiB
        let total = 187_527_004; // 178.8 MiB
        assert_eq!(
            bytes_progress(Lang::En, done, total, false),
            "37.6 MiB / 178.8 MiB"
        );
        assert_eq!(
            bytes_progress(Lang::Fr, done, total, false),
            "37,6\u{a0}Mio / 178,8\u{a0}Mio"
        );
    }

    #[test]
    fn binary_size_units() {
        assert_eq!(binary_size(Lang::En, 0), "0 B");
        assert_eq!(binary_size(Lang::Fr, 512), "512\u{a0}o");
        assert_eq!(binary_size(Lang::En, 1023), "1,023 B");
        assert_eq!(binary_size(Lang::En, 1024), "1.0 KiB");
        assert_eq!(binary_size(Lang::En, 1024 * 1024 - 1), "1.0 MiB");
        assert_eq!(
            binary_size(Lang::Fr, 3 * 1024 * 1024 * 1024),
            "3,0\u{a0}Gio"
        );
    }

    #[test]
    fn progress_message_colon_per_language() {
        assert_eq!(
            progress_message("a.json", None, 2, Lang::En, 80),
            "a.json: 2 records"
        );
        assert_eq!(
            progress_message("a.json", None, 1_200, Lang::Fr, 80),
            "a.json : 1\u{202f}200 enregistrements"
        );
    }

    #[test]
    fn progress_message_fits_its_width() {
        let name = "/data/hub/recordings/2026-12-05/models-page-0001-to-0400.jsonl";
        let message = progress_message(name, Some((2, 3)), 1_200, Lang::En, 40);
        assert_eq!(message.chars().count(), 40, "{message}");
        assert!(message.starts_with("2/3 /data/hub/"), "{message}");
        assert!(message.ends_with(".jsonl: 1,200 records"), "{message}");
        assert!(message.contains('…'), "{message}");
    }

    #[test]
    fn several_files_label_the_total() {
        assert_eq!(
            bytes_progress(Lang::En, 1024, 2048, true),
            "total 1.0 KiB / 2.0 KiB ·"
        );
        assert_eq!(
            bytes_progress(Lang::En, 1024, 2048, false),
            "1.0 KiB / 2.0 KiB"
        );
    }
}
