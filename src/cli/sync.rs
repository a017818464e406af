//! `slmscope sync`: fills the cache from the Hub API with a progress bar; Ctrl-C stops after the
//! page in flight and the same command continues from the stored cursor.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::cache::Cache;
use crate::hub::client::{ClientConfig, HubClient, HubError, ListQuery, RetryObserver, Sort};
use crate::hub::reader::FileRecords;
use crate::i18n::Lang;
use crate::sync::{self, SyncOutcome, SyncRequest, details};
use crate::tui::format::decimal;

/// The options of `slmscope sync`, as parsed.
pub struct SyncArgs<'a> {
    pub endpoint: Option<&'a str>,
    pub limit: Option<u64>,
    pub all: bool,
    pub search: Option<&'a str>,
    pub author: Option<&'a str>,
    pub pipeline_tag: Option<&'a str>,
    pub filters: &'a [String],
    pub sort: Option<Sort>,
    pub restart: bool,
    /// Continue the latest unfinished sync whatever its options.
    pub resume: bool,
    /// Fetch full documents of the N most downloaded cached models after the listing.
    pub details: Option<usize>,
    /// Fetch full documents of these models after the listing.
    pub details_ids: &'a [String],
}

pub fn run(db: &Path, args: &SyncArgs<'_>, lang: Lang) -> anyhow::Result<()> {
    let config = match args.endpoint {
        Some(endpoint) => ClientConfig::from_env_with_endpoint(endpoint),
        None => ClientConfig::from_env(),
    };
    let mut config = config.map_err(|error| anyhow!(error.message(lang)))?;

    // A resumed sync runs to the end of its listing unless a limit is given again.
    let limit = if args.all || (args.resume && args.limit.is_none()) {
        None
    } else {
        Some(args.limit.unwrap_or(sync::DEFAULT_LIMIT))
    };
    let progress = match limit {
        Some(limit) => ProgressBar::new(limit),
        None => ProgressBar::new_spinner(),
    };
    progress.set_style(progress_style(lang));
    progress.enable_steady_tick(Duration::from_millis(200));
    let waits = progress.clone();
    let observer: RetryObserver = Arc::new(move |event| {
        waits.set_message(event.message(lang));
    });
    config.observer = Some(observer);
    let client = Arc::new(HubClient::new(config).map_err(|error| anyhow!(error.message(lang)))?);

    let mut cache = super::open_for_writing(db, lang)?;

    let request = SyncRequest {
        query: ListQuery {
            search: args.search.map(str::to_string),
            author: args.author.map(str::to_string),
            pipeline_tag: args.pipeline_tag.map(str::to_string),
            filters: args.filters.to_vec(),
            sort: args.sort,
            ..ListQuery::default()
        },
        limit,
        resume: !args.restart,
        resume_latest: args.resume,
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let wants_details = args.details.is_some() || !args.details_ids.is_empty();
    if wants_details && !lists_models(args) {
        // Only documents were asked for: no listing of the default 10,000 models first.
        progress.finish_and_clear();
    } else {
        let cancel = Arc::new(AtomicBool::new(false));
        let outcome = runtime.block_on(async {
            let flag = cancel.clone();
            tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    flag.store(true, Ordering::SeqCst);
                }
            });
            let bar = progress.clone();
            let mut on_page = move |step: sync::SyncProgress| {
                bar.set_position(step.models);
                bar.set_message(format!("{} {}", lang.pick("page", "page"), step.pages));
            };
            sync::run(&client, &mut cache, &request, &cancel, &mut on_page).await
        });
        progress.finish_and_clear();

        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                super::discard_if_new_and_empty(cache, db);
                return Err(anyhow!(error.message(lang)));
            }
        };
        let (step, finished) = match outcome {
            SyncOutcome::Finished(step) => (step, true),
            SyncOutcome::Cancelled(step) => (step, false),
        };
        let models = cache
            .model_count()
            .map_err(|error| anyhow!(error.message(lang)))?;
        print_outcome(step, finished, models, db, lang);
        if !finished {
            return Ok(());
        }
    }
    fetch_details(&runtime, &client, &mut cache, args, lang)
}

/// Prints how the listing ended and how many models the cache now holds.
fn print_outcome(step: sync::SyncProgress, finished: bool, models: u64, db: &Path, lang: Lang) {
    let pages = |count: u64| lang.count(count, ("page", "pages"), ("page", "pages"));
    let models_text = |count: u64| lang.count(count, ("model", "models"), ("modèle", "modèles"));
    let resumed = match (step.resumed, lang) {
        (false, _) => "",
        (true, Lang::En) => " (resumed)",
        (true, Lang::Fr) => " (reprise)",
    };
    match (finished, lang) {
        (true, Lang::En) => println!(
            "sync finished{resumed}: {}, {}; {} now holds {}",
            pages(step.pages),
            models_text(step.models),
            db.display(),
            models_text(models)
        ),
        (true, Lang::Fr) => println!(
            "synchronisation terminée{resumed} : {}, {} ; {} contient maintenant {}",
            pages(step.pages),
            models_text(step.models),
            db.display(),
            models_text(models)
        ),
        (false, Lang::En) => println!(
            "sync stopped after {} ({}); run the same command again to continue",
            pages(step.pages),
            models_text(step.models)
        ),
        (false, Lang::Fr) => println!(
            "synchronisation arrêtée après {} ({}) ; relancez la même commande pour continuer",
            pages(step.pages),
            models_text(step.models)
        ),
    }
}

/// True when the options ask for a listing; `--details` and `--details-id` alone do not.
fn lists_models(args: &SyncArgs<'_>) -> bool {
    args.limit.is_some()
        || args.all
        || args.resume
        || args.search.is_some()
        || args.author.is_some()
        || args.pipeline_tag.is_some()
        || !args.filters.is_empty()
        || args.sort.is_some()
}

/// Fetches and stores the full documents `--details` and `--details-id` ask for.
fn fetch_details(
    runtime: &tokio::runtime::Runtime,
    client: &Arc<HubClient>,
    cache: &mut Cache,
    args: &SyncArgs<'_>,
    lang: Lang,
) -> anyhow::Result<()> {
    let mut ids: Vec<String> = args.details_ids.to_vec();
    if let Some(count) = args.details {
        let mut models = cache
            .load_models()
            .map_err(|error| anyhow!(error.message(lang)))?;
        models.sort_by_key(|model| std::cmp::Reverse(model.downloads().unwrap_or(0)));
        ids.extend(
            models
                .into_iter()
                .take(count)
                .map(|model| model.id.to_string()),
        );
    }
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }

    let progress = ProgressBar::new(ids.len() as u64);
    progress.set_message(
        lang.pick("model documents", "documents de modèles")
            .to_string(),
    );
    let details = runtime.block_on(details::fetch(client.clone(), ids, details::CONCURRENCY));
    progress.finish_and_clear();

    let fetched = details.records.len();
    let records = FileRecords {
        records: details.records,
        skipped: Vec::new(),
    };
    cache
        .import_records("sync --details", &records)
        .map_err(|error| anyhow!(error.message(lang)))?;
    match lang {
        Lang::En => println!(
            "model documents: {} stored, {} failed",
            lang.int(fetched as u64),
            lang.int(details.failures.len() as u64)
        ),
        Lang::Fr => println!(
            "documents de modèles : {} {}, {} en échec",
            lang.int(fetched as u64),
            lang.plural(fetched as u64, ("", ""), ("stocké", "stockés")),
            lang.int(details.failures.len() as u64)
        ),
    }
    for (id, error) in details.failures.iter().take(5) {
        eprintln!("  {}: {}", crate::sanitize::clean(id), error.message(lang));
    }
    match details.failures.first() {
        None => Ok(()),
        Some((_, error @ HubError::Unauthorized { .. })) => Err(anyhow!(error.message(lang))),
        Some(_) => Err(anyhow!(
            "{}",
            lang.count(
                details.failures.len() as u64,
                (
                    "model document could not be fetched (see above)",
                    "model documents could not be fetched (see above)"
                ),
                (
                    "document de modèle n'a pas pu être récupéré (voir plus haut)",
                    "documents de modèles n'ont pas pu être récupérés (voir plus haut)"
                ),
            )
        )),
    }
}

/// Builds the progress bar's style: the models listed so far, the rate and the time left in the
/// user's language. indicatif's own `{pos}`, `{per_sec}` and `{eta}` keys write English words
/// and numbers, so each is a key of its own.
fn progress_style(lang: Lang) -> ProgressStyle {
    // A failed write only loses this frame's text, which the next tick draws again.
    let models = move |state: &ProgressState, out: &mut dyn fmt::Write| {
        let _ = out.write_str(&models_listed(lang, state.pos()));
    };
    let rate = move |state: &ProgressState, out: &mut dyn fmt::Write| {
        let _ = out.write_str(&models_per_second(lang, state.per_sec()));
    };
    let eta = move |state: &ProgressState, out: &mut dyn fmt::Write| {
        let _ = out.write_str(&time_left(lang, state.eta()));
    };
    ProgressStyle::with_template("{spinner} {bar:30} {models} · {rate} · {eta} · {msg}")
        .expect("progress template is valid")
        .with_key("models", models)
        .with_key("rate", rate)
        .with_key("eta", eta)
}

/// Writes the models listed so far: `1,000 models`, `1 000 modèles`.
fn models_listed(lang: Lang, count: u64) -> String {
    lang.count(count, ("model", "models"), ("modèle", "modèles"))
}

/// Writes a rate per second with at most one decimal: `1,261/s` and `7.5/s` in English,
/// `1 261/s` and `7,5/s` in French. Rates of 10 or more drop the decimal, which adds nothing
/// at that size.
fn models_per_second(lang: Lang, per_second: f64) -> String {
    let per_second = if per_second.is_finite() {
        per_second.max(0.0)
    } else {
        0.0
    };
    if per_second >= 9.95 {
        format!("{}/s", lang.int(per_second.round() as u64))
    } else {
        format!("{}/s", decimal(lang, per_second, 1))
    }
}

/// Writes the estimated time left: `ETA 2s`, `ETA 3m 05s`, `ETA 1h 02m` in English,
/// `reste 2 s`, `reste 3 min 05 s`, `reste 1 h 02 min` in French.
fn time_left(lang: Lang, left: Duration) -> String {
    let seconds = left.as_secs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let nbsp = '\u{a0}';
    match lang {
        Lang::En if hours > 0 => format!("ETA {hours}h {minutes:02}m"),
        Lang::En if minutes > 0 => format!("ETA {minutes}m {seconds:02}s"),
        Lang::En => format!("ETA {seconds}s"),
        Lang::Fr if hours > 0 => format!("reste {}{nbsp}h {minutes:02}{nbsp}min", lang.int(hours)),
        Lang::Fr if minutes > 0 => format!("reste {minutes}{nbsp}min {seconds:02}{nbsp}s"),
        Lang::Fr => format!("reste {seconds}{nbsp}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_listed_per_language() {
        assert_eq!(models_listed(Lang::En, 1000), "1,000 models");
        assert_eq!(models_listed(Lang::En, 1), "1 model");
        assert_eq!(models_listed(Lang::Fr, 1000), "1\u{202f}000 modèles");
        assert_eq!(models_listed(Lang::Fr, 0), "0 modèle");
    }

    #[test]
    fn rate_has_at_most_one_decimal() {
        assert_eq!(models_per_second(Lang::En, 1260.5614), "1,261/s");
        assert_eq!(models_per_second(Lang::Fr, 1260.5614), "1\u{202f}261/s");
        assert_eq!(models_per_second(Lang::En, 7.46), "7.5/s");
        assert_eq!(models_per_second(Lang::Fr, 7.46), "7,5/s");
        assert_eq!(models_per_second(Lang::En, 9.96), "10/s");
        assert_eq!(models_per_second(Lang::En, f64::INFINITY), "0.0/s");
    }

    #[test]
    fn time_left_per_language() {
        assert_eq!(time_left(Lang::En, Duration::from_secs(2)), "ETA 2s");
        assert_eq!(time_left(Lang::En, Duration::from_secs(185)), "ETA 3m 05s");
        assert_eq!(time_left(Lang::En, Duration::from_secs(3720)), "ETA 1h 02m");
        assert_eq!(
            time_left(Lang::Fr, Duration::from_secs(2)),
            "reste 2\u{a0}s"
        );
        assert_eq!(
            time_left(Lang::Fr, Duration::from_secs(185)),
            "reste 3\u{a0}min 05\u{a0}s"
        );
        assert_eq!(
            time_left(Lang::Fr, Duration::from_secs(3720)),
            "reste 1\u{a0}h 02\u{a0}min"
        );
    }
}
