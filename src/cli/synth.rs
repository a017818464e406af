//! `slmscope synth`: a file of synthetic Hub records for tests and benchmarks at scale.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::Lang;
use crate::sanitize::clean;

/// The arguments of `slmscope synth`.
pub struct SynthArgs<'a> {
    pub models: u64,
    pub seed: u64,
    pub out: &'a Path,
    pub force: bool,
}

/// Checks the arguments, then writes the records to a temporary file beside `out` and renames
/// it, so that an interrupted run never leaves a truncated file under the requested name.
pub fn run(args: &SynthArgs<'_>, lang: Lang) -> anyhow::Result<()> {
    check(args, lang)?;
    let directory = parent_directory(args.out);
    let path = clean(&args.out.display().to_string()).into_owned();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".slmscope-synth-");
    // A temporary file is private by default. The output gets the mode of a new file instead,
    // 0666 less the umask, as `File::create` gives it.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temporary = builder.tempfile_in(directory).map_err(|error| {
        anyhow!(
            "{} {}{} {}",
            lang.pick(
                "cannot create a temporary file in",
                "impossible de créer un fichier temporaire dans"
            ),
            clean(&directory.display().to_string()),
            lang.pick(":", " :"),
            crate::i18n::io_error(lang, &error)
        )
    })?;

    tracing::info!(models = args.models, seed = args.seed, out = %args.out.display(), "synth started");
    let started = Instant::now();
    let progress = progress_bar(args.models, lang);
    let mut update = |written: u64| progress.set_position(written);
    crate::synth::write_records(temporary.as_file(), args.seed, args.models, &mut update).map_err(
        |error| {
            anyhow!(
                "{} {path}{} {}",
                lang.pick("failed to write", "échec de l'écriture de"),
                lang.pick(":", " :"),
                crate::i18n::io_error(lang, &error)
            )
        },
    )?;
    progress.finish_and_clear();

    let persisted = if args.force {
        temporary.persist(args.out)
    } else {
        temporary.persist_noclobber(args.out)
    };
    persisted.map_err(|error| {
        anyhow!(
            "{} {path}{} {}",
            lang.pick("failed to write", "échec de l'écriture de"),
            lang.pick(":", " :"),
            crate::i18n::io_error(lang, &error.error)
        )
    })?;
    let bytes = std::fs::metadata(args.out)
        .map(|meta| meta.len())
        .unwrap_or(0);
    let elapsed = started.elapsed();
    tracing::info!(
        models = args.models,
        bytes,
        seconds = elapsed.as_secs_f64(),
        "synth finished"
    );
    println!(
        "{}",
        summary(args, &path, bytes, elapsed.as_secs_f64(), lang)
    );
    Ok(())
}

/// Rejects a count of 0, a missing output directory and an existing output file without
/// `--force`, naming the value and the fix.
fn check(args: &SynthArgs<'_>, lang: Lang) -> anyhow::Result<()> {
    if args.models == 0 {
        return Err(anyhow!(lang.pick(
            "--models: invalid number of records 0; give at least 1, such as --models 10000",
            "--models : nombre d'enregistrements invalide 0 ; donnez-en au moins 1, par exemple --models 10000"
        )));
    }
    let directory = parent_directory(args.out);
    let directory_text = clean(&directory.display().to_string()).into_owned();
    if !directory.is_dir() {
        return Err(anyhow!(match lang {
            Lang::En => format!(
                "--out: the directory {directory_text} does not exist; create it first or choose a file in an existing directory"
            ),
            Lang::Fr => format!(
                "--out : le dossier {directory_text} n'existe pas ; créez-le d'abord ou choisissez un fichier dans un dossier existant"
            ),
        }));
    }
    let path = clean(&args.out.display().to_string()).into_owned();
    if args.out.is_dir() {
        return Err(anyhow!(match lang {
            Lang::En => format!("--out: {path} is a directory; give the path of a file"),
            Lang::Fr => format!("--out : {path} est un dossier ; donnez le chemin d'un fichier"),
        }));
    }
    if args.out.exists() && !args.force {
        return Err(anyhow!(match lang {
            Lang::En => format!(
                "--out: {path} already exists; add --force to overwrite it, or choose another file"
            ),
            Lang::Fr => format!(
                "--out : {path} existe déjà ; ajoutez --force pour l'écraser, ou choisissez un autre fichier"
            ),
        }));
    }
    Ok(())
}

/// Returns the directory `out` is written in, which is the working directory for a bare file
/// name.
fn parent_directory(out: &Path) -> &Path {
    match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Builds the progress bar on stderr, hidden when stderr is not a terminal.
fn progress_bar(models: u64, lang: Lang) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let template = format!(
        "{{bar:30}} {{human_pos}}/{{human_len}} {} ({{per_sec:0}}, {} {{eta}})",
        lang.pick("records", "enregistrements"),
        lang.pick("left", "restant")
    );
    let progress = ProgressBar::with_draw_target(Some(models), target);
    progress
        .set_style(ProgressStyle::with_template(&template).expect("progress template is valid"));
    progress
}

fn summary(args: &SynthArgs<'_>, path: &str, bytes: u64, seconds: f64, lang: Lang) -> String {
    let records = lang.count(
        args.models,
        ("synthetic record", "synthetic records"),
        ("enregistrement synthétique", "enregistrements synthétiques"),
    );
    let megabytes = crate::tui::format::decimal(lang, bytes as f64 / 1e6, 1);
    let seconds = crate::tui::format::decimal(lang, seconds, 1);
    match lang {
        Lang::En => format!(
            "wrote {records} (seed {}) to {path}: {megabytes} MB in {seconds} s; import {} with `slmscope import {path}`",
            args.seed,
            lang.plural(args.models, ("it", "them"), ("", ""))
        ),
        Lang::Fr => format!(
            "{records} {} (graine {}) dans {path} : {megabytes} Mo en {seconds} s ; {} avec `slmscope import {path}`",
            lang.plural(args.models, ("", ""), ("écrit", "écrits")),
            args.seed,
            lang.plural(args.models, ("", ""), ("importez-le", "importez-les"))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(models: u64, out: &Path, force: bool) -> SynthArgs<'_> {
        SynthArgs {
            models,
            seed: 0,
            out,
            force,
        }
    }

    #[test]
    fn zero_models_rejected_in_both_languages() {
        let directory = tempfile::tempdir().unwrap();
        let out = directory.path().join("synthetic.jsonl");
        let english = check(&args(0, &out, false), Lang::En)
            .unwrap_err()
            .to_string();
        assert!(english.contains("--models"), "{english}");
        assert!(english.contains(" 0"), "{english}");
        assert!(english.contains("at least 1"), "{english}");
        let french = check(&args(0, &out, false), Lang::Fr)
            .unwrap_err()
            .to_string();
        assert!(french.contains("au moins 1"), "{french}");
    }

    #[test]
    fn missing_directory_named() {
        let directory = tempfile::tempdir().unwrap();
        let out = directory.path().join("missing").join("synthetic.jsonl");
        let english = check(&args(10, &out, false), Lang::En)
            .unwrap_err()
            .to_string();
        assert!(english.contains("missing"), "{english}");
        assert!(english.contains("does not exist"), "{english}");
        let french = check(&args(10, &out, false), Lang::Fr)
            .unwrap_err()
            .to_string();
        assert!(french.contains("n'existe pas"), "{french}");
    }

    #[test]
    fn existing_file_needs_force() {
        let directory = tempfile::tempdir().unwrap();
        let out = directory.path().join("synthetic.jsonl");
        std::fs::write(&out, "old").unwrap();
        let english = check(&args(10, &out, false), Lang::En)
            .unwrap_err()
            .to_string();
        assert!(english.contains("already exists"), "{english}");
        assert!(english.contains("--force"), "{english}");
        let french = check(&args(10, &out, false), Lang::Fr)
            .unwrap_err()
            .to_string();
        assert!(french.contains("existe déjà"), "{french}");
        assert!(check(&args(10, &out, true), Lang::En).is_ok());
    }

    #[test]
    fn directory_as_output_rejected() {
        let directory = tempfile::tempdir().unwrap();
        let error = check(&args(10, directory.path(), true), Lang::En)
            .unwrap_err()
            .to_string();
        assert!(error.contains("is a directory"), "{error}");
    }

    #[test]
    fn bare_file_name_written_in_working_directory() {
        assert_eq!(parent_directory(Path::new("out.jsonl")), Path::new("."));
        assert_eq!(parent_directory(Path::new("a/out.jsonl")), Path::new("a"));
    }
}
