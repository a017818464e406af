//! The command line: argument parsing (with help in English or French), and one module per
//! subcommand. With no subcommand, slmscope opens the terminal UI on the cache.

mod errors_fr;
pub mod filter_args;
mod help_fr;
mod import;
mod import_benchmarks;
mod models;
mod reference;
pub mod report;
mod report_ab;
mod report_tools;
mod sync;
mod synth;
mod tour;
mod view;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::analysis::threshold::parse_threshold;
use crate::cache::{Cache, CacheError, OpenMode, ReferenceRows};
use crate::i18n::Lang;

/// Default cache path, relative to the working directory.
pub const DEFAULT_DB: &str = "cache.db";

#[derive(Debug, Parser)]
#[command(
    name = "slmscope",
    version,
    about = "Explore where small language models (SLM) end and large ones (LLM) begin on the Hugging Face Hub",
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// SQLite cache; `import`, `import-benchmarks`, `sync` and `build-reference` create it when it is missing [default: `cache` in the configuration file, else cache.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Configuration file [default: $SLMSCOPE_CONFIG, else $XDG_CONFIG_HOME/slmscope/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Language of screens and messages (default: `lang` in the configuration file, else from LC_ALL, LC_MESSAGES or LANG)
    #[arg(long, global = true, value_name = "LANG", ignore_case = true)]
    pub lang: Option<LangArg>,

    /// Initial threshold of the terminal UI, in parameters: 7B, 1.5b, 500M [default: `threshold` in the configuration file, else 7B]
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub threshold: Option<String>,

    /// Print help
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,

    /// Print version
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import Hub API JSON files (arrays, single records or JSON Lines) into the cache
    Import {
        /// Files recorded from GET /api/models or GET /api/models/{id}
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Import leaderboard result files (Open LLM Leaderboard v1 and v2 CSV, BigCodeBench and EvalPlus results.json, generic CSV) and link them to cached Hub models
    ImportBenchmarks {
        /// Leaderboard files; the format is detected from the content
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Set of BigCodeBench files, which their content does not state [default: read from a "full" or "hard" in the file name]
        #[arg(long, value_enum, value_name = "SET")]
        bigcodebench_set: Option<import_benchmarks::SetArg>,
    },
    /// List the cached models, one row per model
    Models {
        /// Keep only ids that fuzzy-match this text, best matches first
        #[arg(long, value_name = "TEXT")]
        query: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ModelsFormat::Text)]
        format: ModelsFormat,
        #[command(flatten)]
        filters: filter_args::FilterArgs,
    },
    /// Print the SLM/LLM split, tasks, tags and benchmark verdicts at one or more thresholds, without a terminal UI
    Report {
        /// Threshold in parameters (7B, 1.5b, 500M); repeat for several [default: 1B, 7B, 14B]
        #[arg(long = "threshold", value_name = "VALUE", allow_hyphen_values = true)]
        thresholds: Vec<String>,
        /// Two thresholds to compare, A then B (7B, 1.5b, 500M): the models that change class between them [default: 7B 14B]
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        compare: Vec<String>,
        /// Margin of the benchmark verdicts, in points of score from 0 to 100: the smallest model at most this far below the best score is reported [default: 5]
        #[arg(long, value_name = "POINTS", allow_hyphen_values = true)]
        margin: Option<String>,
        /// Output format; md gives Markdown tables to paste into slides
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        #[command(flatten)]
        filters: filter_args::FilterArgs,
    },
    /// Fill the cache from the Hub API, page by page; the same command continues an interrupted sync
    Sync {
        /// Hub API root [default: $HF_ENDPOINT, else https://huggingface.co]
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// Number of models to fetch [default: 10000]
        #[arg(long, value_name = "N", conflicts_with = "all")]
        limit: Option<u64>,
        /// Fetch every model the query lists
        #[arg(long)]
        all: bool,
        /// Keep models whose owner/name contains this text
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Keep models of this owner or organisation
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// Keep models of this task
        #[arg(long, value_name = "TASK")]
        pipeline_tag: Option<String>,
        /// Keep models with this tag (gguf, en, license:mit…); repeat to require several
        #[arg(long = "filter", value_name = "TAG")]
        filters: Vec<String>,
        /// Order of the listing, always descending
        #[arg(long, value_enum)]
        sort: Option<SortArg>,
        /// Start over instead of continuing an unfinished sync of the same query
        #[arg(long, conflicts_with = "resume")]
        restart: bool,
        /// Continue the most recent unfinished sync, whatever its options
        #[arg(long)]
        resume: bool,
        /// Then fetch the full document (config, model-index) of the N most downloaded models
        #[arg(long, value_name = "N")]
        details: Option<usize>,
        /// Then fetch the full document of this model; repeat for several
        #[arg(long = "details-id", value_name = "ID")]
        details_ids: Vec<String>,
    },
    /// Write synthetic Hub records (JSON Lines) drawn from distributions fitted to recorded Hub data, to test and measure slmscope at the scale of the whole Hub
    Synth {
        /// Number of records to write
        #[arg(long, value_name = "N")]
        models: u64,
        /// Seed of the random generator: the same seed and number of records give the same file
        #[arg(long, value_name = "SEED", default_value_t = crate::synth::DEFAULT_SEED)]
        seed: u64,
        /// File to write; its directory must exist
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Overwrite the file when it exists
        #[arg(long)]
        force: bool,
    },
    /// Present the study's four questions one step at a time, each pane under a caption computed from the cache, for a talk
    Tour {
        /// Starting threshold, in parameters: 7B, 1.5b, 500M [default: `threshold` in the configuration file, else 7B]
        #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
        threshold: Option<String>,
        /// Colour theme [default: high-contrast, whatever the configuration file says]
        #[arg(long, value_enum, value_name = "THEME")]
        theme: Option<tour::ThemeArg>,
    },
    /// Rebuild the reference set (models and benchmark results) in the cache from CSV files
    BuildReference {
        /// Folder holding reference_models.csv and benchmarks.csv
        #[arg(long, value_name = "DIR", default_value = "assets")]
        assets: PathBuf,
    },
}

/// Sort orders of the Hub listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Downloads,
    Likes,
    #[value(name = "trendingScore")]
    TrendingScore,
    #[value(name = "createdAt")]
    CreatedAt,
    #[value(name = "lastModified")]
    LastModified,
}

impl From<SortArg> for crate::hub::client::Sort {
    fn from(sort: SortArg) -> Self {
        use crate::hub::client::Sort;
        match sort {
            SortArg::Downloads => Sort::Downloads,
            SortArg::Likes => Sort::Likes,
            SortArg::TrendingScore => Sort::TrendingScore,
            SortArg::CreatedAt => Sort::CreatedAt,
            SortArg::LastModified => Sort::LastModified,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelsFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    #[value(name = "md", alias = "markdown")]
    Md,
}

/// Finds `--lang VALUE` or `--lang=VALUE` before clap runs, so that help and parse errors can
/// already be in the right language.
fn explicit_lang(args: &[OsString]) -> Option<Lang> {
    match explicit_value(args, "--lang")?
        .to_ascii_lowercase()
        .as_str()
    {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Writes the error for a `--lang` value that names no supported language, or returns `None`
/// for any other error. The language asked for is unknown, so the message comes in both
/// languages, the one `lang` detected from the configuration and the locale first.
fn unsupported_lang_message(error: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::InvalidValue {
        return None;
    }
    let Some(ContextValue::String(argument)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !argument.starts_with("--lang") {
        return None;
    }
    let Some(ContextValue::String(value)) = error.get(ContextKind::InvalidValue) else {
        return None;
    };
    if value.is_empty() {
        return None;
    }
    let value = crate::sanitize::clean(value);
    let english = format!(
        "error: unsupported language {value:?} for --lang; choose en (English) or fr (French)"
    );
    let french = format!(
        "erreur : langue « {value} » non prise en charge pour --lang ; choisissez en (anglais) ou fr (français)"
    );
    Some(match lang {
        Lang::En => format!("{english}\n{french}\n"),
        Lang::Fr => format!("{french}\n{english}\n"),
    })
}

/// Finds the last `FLAG VALUE` or `FLAG=VALUE` before a `--`, ahead of clap.
fn explicit_value<'a>(args: &'a [OsString], flag: &str) -> Option<&'a str> {
    let mut iter = args.iter().filter_map(|arg| arg.to_str());
    let mut value = None;
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == flag {
            value = iter.next();
        } else if let Some(rest) = arg
            .strip_prefix(flag)
            .and_then(|rest| rest.strip_prefix('='))
        {
            value = Some(rest);
        }
    }
    value
}

/// Builds the clap command in the user's language.
pub fn command(lang: Lang) -> clap::Command {
    let command = Cli::command();
    match lang {
        Lang::En => command,
        Lang::Fr => help_fr::localize(command),
    }
}

/// Opens the cache for `import` and `sync`, creating it when missing. A new cache starts with
/// the reference set, so that official sizes resolve models the Hub gives no count for and the
/// Benchmarks tab has results to show; it adds no model rows.
pub fn open_for_writing(db: &Path, lang: Lang) -> anyhow::Result<Cache> {
    let message = |error: CacheError| anyhow::anyhow!(error.message(lang));
    let mut cache = Cache::open(db, OpenMode::CreateIfMissing).map_err(message)?;
    if cache.is_new() {
        let reference = crate::reference::embedded();
        cache
            .replace_reference(
                &reference.models,
                &reference.benchmarks,
                ReferenceRows::TablesOnly,
            )
            .map_err(message)?;
    }
    Ok(cache)
}

/// Removes a cache that this command created and that still contains no model, so that a failed
/// first import or sync leaves no empty file behind. Returns whether it was removed.
pub fn discard_if_new_and_empty(cache: Cache, db: &Path) -> bool {
    let empty = cache.is_new() && cache.model_count().is_ok_and(|count| count == 0);
    drop(cache);
    if !empty {
        return false;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
    tracing::info!(path = %db.display(), "removed the new, empty cache of a failed command");
    true
}

/// Parses the value of a size flag such as `--threshold`, with the error in the user's
/// language, after the flag's name.
pub fn threshold_arg(lang: Lang, flag: &str, text: &str) -> anyhow::Result<u64> {
    parse_threshold(text).map_err(|error| {
        let separator = lang.pick(": ", " : ");
        anyhow::anyhow!(
            "{flag}{separator}{}",
            crate::i18n::threshold_error(lang, &error)
        )
    })
}

/// Builds the error that ends an import when some of its files failed. It names them, in the
/// singular for one file.
pub fn not_imported(lang: Lang, names: &[String]) -> anyhow::Error {
    let lead = match (names.len(), lang) {
        (1, Lang::En) => "this file was not imported (see above):",
        (_, Lang::En) => "these files were not imported (see above):",
        (1, Lang::Fr) => "ce fichier n'a pas été importé (voir plus haut) :",
        (_, Lang::Fr) => "ces fichiers n'ont pas été importés (voir plus haut) :",
    };
    anyhow::anyhow!("{lead} {}", names.join(", "))
}

pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    run(args)
}

/// Runs slmscope with the process arguments and returns the exit code: 0 on success, 1 on an
/// error, 2 on a usage error.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let explicit_config = explicit_value(&args, "--config").map(PathBuf::from);
    let loaded = match &explicit_config {
        // A file named on the command line must exist; the default one may not.
        Some(path) => {
            Some(crate::config::load(path).unwrap_or_else(|| crate::config::missing(path)))
        }
        None => crate::config::default_path().and_then(|path| crate::config::load(&path)),
    };
    let config = loaded
        .as_ref()
        .map(|loaded| loaded.config.clone())
        .unwrap_or_default();
    let lang = Lang::detect(explicit_lang(&args).or(config.lang));
    let matches = match command(lang).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(error) => {
            if let Some(message) = unsupported_lang_message(&error, lang) {
                eprint!("{message}");
                return ExitCode::from(2);
            }
            let french = (lang == Lang::Fr && error.use_stderr())
                .then(|| errors_fr::render(&error))
                .flatten();
            match french {
                Some(message) => eprint!("{message}"),
                None => {
                    let _ = error.print();
                }
            }
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(2);
        }
    };

    if cli.threshold.is_some() && cli.command.is_some() {
        eprintln!(
            "{}",
            lang.pick(
                "error: --threshold before a subcommand sets the terminal UI's threshold; put it after the subcommand, as in `slmscope report --threshold 3B`",
                "erreur : --threshold avant une sous-commande règle le seuil de l'interface ; placez-le après la sous-commande, comme dans `slmscope report --threshold 3B`"
            )
        );
        return ExitCode::from(2);
    }

    let log_path = crate::logging::default_log_path();
    let _log_guard = crate::logging::init(&log_path, config.log_level);
    crate::logging::install_panic_hook(log_path.clone(), lang);
    tracing::info!(command = ?cli.command.as_ref().map(command_name), "slmscope started");

    // Mistakes in the configuration file are reported and never stop the command.
    let config_notice = loaded.as_ref().and_then(|loaded| {
        let messages: Vec<String> = loaded
            .problems
            .iter()
            .map(|problem| problem.message(&loaded.path, lang))
            .collect();
        for message in &messages {
            eprintln!("{message}");
            tracing::warn!(%message, "configuration file mistake");
        }
        if messages.is_empty() {
            tracing::info!(path = %loaded.path.display(), "configuration file read");
        }
        messages.into_iter().next()
    });
    let db: PathBuf = cli
        .db
        .clone()
        .or_else(|| config.cache.clone())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB));
    let view_threshold = cli
        .threshold
        .clone()
        .or_else(|| config.threshold.map(|threshold| threshold.to_string()));

    let result = match cli.command {
        None => view::run(
            &db,
            lang,
            view_threshold.as_deref(),
            &log_path,
            config_notice,
            &config,
        ),
        Some(Command::Import { ref files }) => import::run(&db, files, lang),
        Some(Command::ImportBenchmarks {
            ref files,
            bigcodebench_set,
        }) => import_benchmarks::run(&db, files, bigcodebench_set, lang),
        Some(Command::Models {
            ref query,
            format,
            ref filters,
        }) => models::run(&db, query.as_deref(), format, filters, lang),
        Some(Command::Report {
            ref thresholds,
            ref compare,
            ref margin,
            format,
            ref filters,
        }) => report::run(
            &db,
            thresholds,
            compare,
            margin.as_deref(),
            format,
            filters,
            lang,
        ),
        Some(Command::Tour {
            ref threshold,
            theme,
        }) => tour::run(
            &db,
            lang,
            threshold.as_deref().or(view_threshold.as_deref()),
            theme,
            config.keymap.clone(),
        ),
        Some(Command::BuildReference { ref assets }) => reference::run(&db, assets, lang),
        Some(Command::Synth {
            models,
            seed,
            ref out,
            force,
        }) => synth::run(
            &synth::SynthArgs {
                models,
                seed,
                out,
                force,
            },
            lang,
        ),
        Some(Command::Sync {
            ref endpoint,
            limit,
            all,
            ref search,
            ref author,
            ref pipeline_tag,
            ref filters,
            sort,
            restart,
            resume,
            details,
            ref details_ids,
        }) => sync::run(
            &db,
            &sync::SyncArgs {
                endpoint: endpoint.as_deref(),
                limit,
                all,
                search: search.as_deref(),
                author: author.as_deref(),
                pipeline_tag: pipeline_tag.as_deref(),
                filters,
                sort: sort.map(Into::into),
                restart,
                resume,
                details,
                details_ids,
            },
            lang,
        ),
    };
    match result {
        // A view stopped by a signal has restored the terminal, so the status is the one a
        // shell gives a process killed by that signal.
        Ok(()) => match crate::tui::signals::received() {
            Some(signal) => ExitCode::from(128u8.saturating_add(signal as u8)),
            None => ExitCode::SUCCESS,
        },
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "command failed");
            eprintln!("{} {error:#}", lang.pick("error:", "erreur :"));
            ExitCode::FAILURE
        }
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Import { .. } => "import",
        Command::ImportBenchmarks { .. } => "import-benchmarks",
        Command::Models { .. } => "models",
        Command::Report { .. } => "report",
        Command::BuildReference { .. } => "build-reference",
        Command::Sync { .. } => "sync",
        Command::Synth { .. } => "synth",
        Command::Tour { .. } => "tour",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn not_imported_agrees_with_the_count() {
        let one = ["a.json".to_string()];
        let two = ["a.json".to_string(), "b.json".to_string()];
        assert_eq!(
            super::not_imported(Lang::Fr, &one).to_string(),
            "ce fichier n'a pas été importé (voir plus haut) : a.json"
        );
        assert_eq!(
            super::not_imported(Lang::Fr, &two).to_string(),
            "ces fichiers n'ont pas été importés (voir plus haut) : a.json, b.json"
        );
        assert_eq!(
            super::not_imported(Lang::En, &one).to_string(),
            "this file was not imported (see above): a.json"
        );
    }

    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_flag_found_before_parsing() {
        assert_eq!(
            explicit_lang(&args(&["slmscope", "--lang", "fr"])),
            Some(Lang::Fr)
        );
        assert_eq!(
            explicit_lang(&args(&["slmscope", "report", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(
            explicit_lang(&args(&["slmscope", "--lang", "FR"])),
            Some(Lang::Fr)
        );
        assert_eq!(explicit_lang(&args(&["slmscope", "report"])), None);
        assert_eq!(
            explicit_lang(&args(&["slmscope", "--", "--lang", "fr"])),
            None
        );
    }

    #[test]
    fn command_definition_valid() {
        command(Lang::En).debug_assert();
        command(Lang::Fr).debug_assert();
    }
}
