//! `slmscope import-benchmarks`: leaderboard result files into the cache, one transaction per
//! file, each result linked to a cached Hub model where a rule finds one.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::ValueEnum;

use crate::cache::{BenchmarkImport, LinkCounts};
use crate::i18n::Lang;
use crate::leaderboard::{
    BigCodeBenchSet, LeaderboardError, LeaderboardFile, LeaderboardFormat, ReadOptions,
    read_leaderboard_with,
};
use crate::sanitize::clean_truncated;

/// The BigCodeBench set of the files, which their content does not state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SetArg {
    Full,
    Hard,
}

impl From<SetArg> for BigCodeBenchSet {
    fn from(set: SetArg) -> BigCodeBenchSet {
        match set {
            SetArg::Full => BigCodeBenchSet::Full,
            SetArg::Hard => BigCodeBenchSet::Hard,
        }
    }
}

/// Skipped records listed per file; the log has them all.
const SHOWN_SKIPS: usize = 5;

/// Imports every file, reporting each one. A file that cannot be read as its format changes
/// nothing and the others are still imported. Fails when any file failed.
pub fn run(db: &Path, files: &[PathBuf], set: Option<SetArg>, lang: Lang) -> anyhow::Result<()> {
    let mut cache = super::open_for_writing(db, lang)?;
    let mut failed = Vec::new();
    let mut imported = 0;
    let mut total = BenchmarkImport::default();
    let created = cache.is_new();
    for file in files {
        let result = read(file, set, lang).and_then(|leaderboard| {
            cache
                .import_leaderboard(&file.display().to_string(), &leaderboard)
                .map(|summary| (leaderboard, summary))
                .map_err(|error| error.message(lang))
        });
        match result {
            Ok((leaderboard, summary)) => {
                imported += 1;
                print!("{}", file_report(file, &leaderboard, &summary, lang));
                total.stored += summary.stored;
                total.replaced += summary.replaced;
                total.folded += summary.folded;
                total.sizes_filled += summary.sizes_filled;
                total.links.id += summary.links.id;
                total.links.link += summary.links.link;
                total.links.name += summary.links.name;
                total.links.unmatched += summary.links.unmatched;
            }
            Err(message) => {
                tracing::error!(file = %file.display(), error = %message, "benchmark import failed");
                eprintln!("{} {message}", lang.pick("error:", "erreur :"));
                failed.push(file.display().to_string());
            }
        }
    }

    if imported == 0 && super::discard_if_new_and_empty(cache, db) {
        return Err(anyhow!(
            "{} {}",
            lang.pick(
                "no file was imported, so no cache was created:",
                "aucun fichier n'a été importé, donc aucun cache n'a été créé :"
            ),
            db.display()
        ));
    }
    if imported > 1 {
        println!("{}", total_line(imported, &total, db, lang));
    }
    if created && imported > 0 {
        println!("{}", created_line(db, lang));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(super::not_imported(lang, &failed))
    }
}

/// Reads a file, telling BigCodeBench files their set from the flag or, without it, from a
/// `full` or `hard` in the file name.
fn read(file: &Path, set: Option<SetArg>, lang: Lang) -> Result<LeaderboardFile, String> {
    let message = |error: LeaderboardError| error.message(lang);
    let named = set_from_name(file);
    let set = set.map(BigCodeBenchSet::from);
    if let (Some(flag), Some(name)) = (set, named) {
        if flag != name {
            return Err(set_conflict(file, flag, name, lang));
        }
    }
    let set = set.or(named);
    let leaderboard = read_leaderboard_with(
        file,
        ReadOptions {
            bigcodebench_set: set,
        },
    )
    .map_err(message)?;
    if leaderboard.rows.is_empty() {
        return Err(no_scores(file, &leaderboard, lang));
    }
    if leaderboard.format == LeaderboardFormat::BigCodeBench && set.is_none() {
        return Err(match lang {
            Lang::En => format!(
                "{}: cannot tell whether this BigCodeBench file is the full or the hard set, since both have the same shape; rerun with --bigcodebench-set full or --bigcodebench-set hard",
                file.display()
            ),
            Lang::Fr => format!(
                "{} : impossible de savoir si ce fichier BigCodeBench est l'ensemble complet ou difficile, car les deux ont la même forme ; relancez avec --bigcodebench-set full ou --bigcodebench-set hard",
                file.display()
            ),
        });
    }
    Ok(leaderboard)
}

/// Builds the error for a file of which no score could be read, with the first reason.
fn no_scores(file: &Path, leaderboard: &LeaderboardFile, lang: Lang) -> String {
    let first = leaderboard.report.skipped.first().map(|skip| {
        format!(
            "{}{} {}",
            clean_truncated(&skip.location.describe(lang), 60),
            lang.pick(":", " :"),
            clean_truncated(&skip.reason.message(lang), 160)
        )
    });
    let records = lang.count(
        leaderboard.records as u64,
        ("record", "records"),
        ("enregistrement", "enregistrements"),
    );
    match (lang, first) {
        (Lang::En, Some(first)) => format!(
            "{}: no score could be read from its {records}, so nothing was imported; the first was skipped at {first}. Fix the file and import it again",
            file.display()
        ),
        (Lang::Fr, Some(first)) => format!(
            "{} : aucun score n'a pu être lu dans {} {records}, donc rien n'a été importé ; le premier a été ignoré à la {first}. Corrigez le fichier et importez-le de nouveau",
            file.display(),
            lang.plural(leaderboard.records as u64, ("", ""), ("son", "ses"))
        ),
        (Lang::En, None) => format!(
            "{}: the file holds no score, so nothing was imported",
            file.display()
        ),
        (Lang::Fr, None) => format!(
            "{} : le fichier ne contient aucun score, donc rien n'a été importé",
            file.display()
        ),
    }
}

/// Builds the error for a `--bigcodebench-set` that contradicts the file name, which would
/// store one set's scores under the other set's benchmarks.
fn set_conflict(file: &Path, flag: BigCodeBenchSet, name: BigCodeBenchSet, lang: Lang) -> String {
    let word = |set: BigCodeBenchSet| match set {
        BigCodeBenchSet::Full => "full",
        BigCodeBenchSet::Hard => "hard",
    };
    match lang {
        Lang::En => format!(
            "{}: the file name says the {} set but --bigcodebench-set says {}; nothing was imported. Drop the flag if the name is right, or rename the file",
            file.display(),
            word(name),
            word(flag)
        ),
        Lang::Fr => format!(
            "{} : le nom du fichier indique l'ensemble {} mais --bigcodebench-set indique {} ; rien n'a été importé. Retirez l'option si le nom est juste, ou renommez le fichier",
            file.display(),
            word(name),
            word(flag)
        ),
    }
}

/// Returns the BigCodeBench set the file's benchmark names carry.
fn leaderboard_set(leaderboard: &LeaderboardFile) -> Option<BigCodeBenchSet> {
    let name = &leaderboard.rows.first()?.benchmark;
    if name.starts_with("BigCodeBench-Hard-") {
        Some(BigCodeBenchSet::Hard)
    } else if name.starts_with("BigCodeBench-Full-") {
        Some(BigCodeBenchSet::Full)
    } else {
        None
    }
}

/// Returns the set a file name states: `hard` or `full` as a word of the name, in any case.
fn set_from_name(file: &Path) -> Option<BigCodeBenchSet> {
    let stem = file.file_stem()?.to_str()?.to_ascii_lowercase();
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    match (words.contains(&"hard"), words.contains(&"full")) {
        (true, false) => Some(BigCodeBenchSet::Hard),
        (false, true) => Some(BigCodeBenchSet::Full),
        _ => None,
    }
}

/// Formats the lines printed for one imported file.
fn file_report(
    file: &Path,
    leaderboard: &LeaderboardFile,
    summary: &BenchmarkImport,
    lang: Lang,
) -> String {
    let int = |count: usize| lang.int(count as u64);
    let format = match (leaderboard.format, leaderboard_set(leaderboard)) {
        (LeaderboardFormat::BigCodeBench, Some(set)) => format!(
            "{} ({})",
            leaderboard.format.describe(lang),
            match (set, lang) {
                (BigCodeBenchSet::Full, Lang::En) => "full set",
                (BigCodeBenchSet::Hard, Lang::En) => "hard set",
                (BigCodeBenchSet::Full, Lang::Fr) => "ensemble complet",
                (BigCodeBenchSet::Hard, Lang::Fr) => "ensemble difficile",
            }
        ),
        (format, _) => format.describe(lang).to_string(),
    };
    let new = summary.stored - summary.replaced;
    let mut changes = match lang {
        Lang::En => format!("{} new, {} replaced", int(new), int(summary.replaced)),
        Lang::Fr => format!(
            "{}, {}",
            lang.count(new as u64, ("", ""), ("nouveau", "nouveaux")),
            lang.count(summary.replaced as u64, ("", ""), ("remplacé", "remplacés"))
        ),
    };
    if summary.removed > 0 {
        changes.push_str(&match lang {
            Lang::En => format!(
                ", {} removed because the file no longer lists their model",
                int(summary.removed)
            ),
            Lang::Fr => format!(
                ", {} {} car le fichier ne liste plus leur modèle",
                int(summary.removed),
                lang.plural(summary.removed as u64, ("", ""), ("retiré", "retirés"))
            ),
        });
    }
    let mut lines = vec![match lang {
        Lang::En => format!(
            "{}: {format}, {}, {} stored ({changes})",
            file.display(),
            lang.count(leaderboard.records as u64, ("record", "records"), ("", "")),
            lang.count(summary.stored as u64, ("score", "scores"), ("", "")),
        ),
        Lang::Fr => format!(
            "{} : {format}, {}, {} ({changes})",
            file.display(),
            lang.count(
                leaderboard.records as u64,
                ("", ""),
                ("enregistrement", "enregistrements")
            ),
            lang.count(
                summary.stored as u64,
                ("", ""),
                ("score enregistré", "scores enregistrés")
            ),
        ),
    }];

    if summary.folded > 0 {
        lines.push(format!(
            "  {}",
            lang.count(
                summary.folded as u64,
                (
                    "score of a model evaluated more than once was folded into its best score",
                    "scores of a model evaluated more than once were folded into its best score",
                ),
                (
                    "score d'un modèle évalué plusieurs fois a été réuni en son meilleur score",
                    "scores d'un modèle évalué plusieurs fois ont été réunis en son meilleur score",
                ),
            )
        ));
    }

    let skipped = &leaderboard.report.skipped;
    if !skipped.is_empty() {
        lines.push(format!(
            "  {}{}",
            lang.count(
                skipped.len() as u64,
                ("record skipped", "records skipped"),
                ("enregistrement ignoré", "enregistrements ignorés")
            ),
            lang.pick(":", " :")
        ));
        for skip in skipped.iter().take(SHOWN_SKIPS) {
            lines.push(format!(
                "    {}{} {}",
                clean_truncated(&skip.location.describe(lang), 60),
                lang.pick(":", " :"),
                clean_truncated(&skip.reason.message(lang), 160)
            ));
        }
        if skipped.len() > SHOWN_SKIPS {
            lines.push(format!(
                "    {} {} {}",
                lang.pick("and", "et"),
                int(skipped.len() - SHOWN_SKIPS),
                lang.pick("more, listed in the log", "autres, listés dans le journal")
            ));
        }
        for skip in skipped {
            tracing::info!(
                file = %file.display(),
                location = %skip.location.describe(Lang::En),
                reason = %skip.reason.message(Lang::En),
                "leaderboard record skipped"
            );
        }
    }

    let unknown = &leaderboard.report.unknown_columns;
    if !unknown.is_empty() {
        let names: Vec<String> = unknown
            .iter()
            .map(|name| clean_truncated(name, 40))
            .collect();
        lines.push(format!(
            "  {}{} {}",
            lang.pick("columns not used", "colonnes non utilisées"),
            lang.pick(":", " :"),
            names.join(", ")
        ));
    }

    lines.push(format!("  {}", links_line(&summary.links, lang)));
    if summary.sizes_filled > 0 {
        lines.push(format!(
            "  {}",
            lang.count(
                summary.sizes_filled as u64,
                (
                    "cached model of unknown size now takes the leaderboard's size",
                    "cached models of unknown size now take the leaderboard's size",
                ),
                (
                    "modèle du cache de taille inconnue prend la taille du classement",
                    "modèles du cache de taille inconnue prennent la taille du classement",
                ),
            )
        ));
    }

    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// `linked to cached Hub models: 120 by id, 4 by link, 30 by name; 2,302 not matched`.
fn links_line(links: &LinkCounts, lang: Lang) -> String {
    let int = |count: usize| lang.int(count as u64);
    match lang {
        Lang::En => format!(
            "linked to cached Hub models: {} by id, {} by link, {} by name; {} not matched ({} the leaderboard's size)",
            int(links.id),
            int(links.link),
            int(links.name),
            int(links.unmatched),
            lang.plural(links.unmatched as u64, ("it keeps", "they keep"), ("", ""))
        ),
        Lang::Fr => format!(
            "reliés à des modèles du Hub en cache : {} par id, {} par lien, {} par nom ; {} sans correspondance ({} la taille du classement)",
            int(links.id),
            int(links.link),
            int(links.name),
            int(links.unmatched),
            lang.plural(
                links.unmatched as u64,
                ("", ""),
                ("il garde", "ils gardent")
            )
        ),
    }
}

/// Formats the note printed when the command created the cache, which has no Hub model to link
/// to yet.
fn created_line(db: &Path, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} did not exist, so it was created with the scores alone; it holds no Hub model to link them to yet. Import Hub data (import or sync) into it and the scores are linked as the models arrive, or pass the cache you meant with --db",
            db.display()
        ),
        Lang::Fr => format!(
            "{} n'existait pas : il a été créé avec les seuls scores, et ne contient encore aucun modèle du Hub auquel les relier. Importez-y des données du Hub (import ou sync) et les scores seront reliés à l'arrivée des modèles, ou donnez le bon cache avec --db",
            db.display()
        ),
    }
}

fn total_line(files: usize, total: &BenchmarkImport, db: &Path, lang: Lang) -> String {
    let int = |count: usize| lang.int(count as u64);
    match lang {
        Lang::En => format!(
            "{}: {} stored in {}; {} linked to cached Hub models, {} not matched",
            lang.count(files as u64, ("file", "files"), ("", "")),
            lang.count(total.stored as u64, ("score", "scores"), ("", "")),
            db.display(),
            int(total.links.linked()),
            int(total.links.unmatched)
        ),
        Lang::Fr => format!(
            "{} : {} dans {} ; {} {} à des modèles du Hub en cache, {} sans correspondance",
            lang.count(files as u64, ("", ""), ("fichier", "fichiers")),
            lang.count(
                total.stored as u64,
                ("", ""),
                ("score enregistré", "scores enregistrés")
            ),
            db.display(),
            int(total.links.linked()),
            lang.plural(total.links.linked() as u64, ("", ""), ("relié", "reliés")),
            int(total.links.unmatched)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_from_name_reads_whole_words() {
        let set = |name: &str| set_from_name(Path::new(name));
        assert_eq!(set("bigcodebench-hard.json"), Some(BigCodeBenchSet::Hard));
        assert_eq!(
            set("/x/BigCodeBench_Full.json"),
            Some(BigCodeBenchSet::Full)
        );
        assert_eq!(set("results.json"), None);
        assert_eq!(set("hardware-full.json"), Some(BigCodeBenchSet::Full));
        assert_eq!(set("full-and-hard.json"), None);
    }
}
