//! The sync the `S` key starts. A thread of its own owns a tokio runtime, a Hub client and two
//! cache connections. It stores listing pages like `slmscope sync` and sends [`SyncMsg`] values
//! back, which the event loop applies between key presses.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
#[cfg(test)]
use std::time::Duration;

use crate::analysis::Index;
use crate::cache::{Cache, OpenMode};
use crate::hub::client::{ClientConfig, Endpoint, HubClient, ListQuery, RetryObserver, Sort};
use crate::i18n::Lang;
use crate::model::{Provenance, SyncHistory};
use crate::sync::{self, SyncOutcome, SyncProgress, SyncRequest};

use super::panes::search::SearchState;

/// Returns the request of the `S` key: the most downloaded models up to the CLI's default limit,
/// resuming an unfinished sync of the same query. `slmscope sync --sort downloads` sends the
/// same query, so either one continues the other.
pub fn default_request() -> SyncRequest {
    SyncRequest {
        query: ListQuery {
            sort: Some(Sort::Downloads),
            ..ListQuery::default()
        },
        limit: Some(sync::DEFAULT_LIMIT),
        resume: true,
        resume_latest: false,
    }
}

/// The settings a sync starts from.
#[derive(Debug, Clone)]
pub struct SyncSettings {
    /// The cache the UI shows; it must exist.
    pub cache_path: PathBuf,
    /// The Hub endpoint; `None` reads `HF_ENDPOINT` like `slmscope sync`.
    pub endpoint: Option<String>,
    /// The language of the messages sent back.
    pub lang: Lang,
    pub request: SyncRequest,
}

/// The models of the cache after a stored page, prepared off the UI thread.
pub struct Refresh {
    pub index: Index,
    /// A fresh Search pane over `index`, without query or selection.
    pub search: SearchState,
    /// The download history and provenance with the sync's new rows; `None` when reloading
    /// them failed, which is logged.
    pub history: Option<(Vec<SyncHistory>, Provenance)>,
}

/// What the sync thread reports, in order: `Started`, then `Page` and `Waiting` in any number,
/// then exactly one of `Done` and `Failed`.
pub enum SyncMsg {
    /// The registered sync. A resumed one carries the pages and models already stored.
    Started(SyncProgress),
    /// A stored page. `refresh` is `None` when reloading the models failed, which is logged.
    Page {
        progress: SyncProgress,
        refresh: Option<Box<Refresh>>,
    },
    /// A wait of the client before a retry (rate limit or transient failure), in the settings'
    /// language.
    Waiting(String),
    Done(SyncOutcome),
    /// The message of the error that stopped the sync, in the settings' language. The full
    /// error is in the log.
    Failed(String),
}

/// A running sync: the receiving end of its messages, its cancel flag and its thread.
/// Dropping it cancels the sync and waits for the thread to end.
pub struct SyncTask {
    receiver: Receiver<SyncMsg>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl SyncTask {
    /// Starts the sync on a new thread. Errors only when the thread cannot be created; every
    /// later failure arrives as [`SyncMsg::Failed`].
    pub fn spawn(settings: SyncSettings) -> std::io::Result<SyncTask> {
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let thread = std::thread::Builder::new()
            .name("slmscope-sync".to_string())
            .spawn(move || {
                tracing::info!(cache = %settings.cache_path.display(), "sync from the terminal UI started");
                let last = match run(&settings, &flag, &sender) {
                    Ok(outcome) => SyncMsg::Done(outcome),
                    Err(message) => SyncMsg::Failed(message),
                };
                // The UI may have quit already; nobody is left to tell.
                let _ = sender.send(last);
            })?;
        Ok(SyncTask {
            receiver,
            cancel,
            thread: Some(thread),
        })
    }

    /// A task without a thread, fed through the returned sender: for tests of the UI state.
    #[cfg(test)]
    pub fn detached() -> (SyncTask, Sender<SyncMsg>) {
        let (sender, receiver) = mpsc::channel();
        let task = SyncTask {
            receiver,
            cancel: Arc::new(AtomicBool::new(false)),
            thread: None,
        };
        (task, sender)
    }

    /// Asks the sync to stop; it ends as [`SyncOutcome::Cancelled`] within about 100 ms, after
    /// the page being stored if any.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// Returns a pending message without waiting.
    pub fn try_recv(&self) -> Result<SyncMsg, TryRecvError> {
        self.receiver.try_recv()
    }

    /// Waits up to `timeout` for the next message.
    #[cfg(test)]
    pub fn recv_timeout(&self, timeout: Duration) -> Result<SyncMsg, mpsc::RecvTimeoutError> {
        self.receiver.recv_timeout(timeout)
    }
}

impl Drop for SyncTask {
    fn drop(&mut self) {
        self.cancel();
        let Some(thread) = self.thread.take() else {
            return;
        };
        if thread.join().is_err() {
            tracing::error!("the sync thread panicked");
        }
    }
}

/// Runs the sync to its end on this thread. On failure, logs the full error and returns the
/// message for the user.
fn run(
    settings: &SyncSettings,
    cancel: &Arc<AtomicBool>,
    sender: &Sender<SyncMsg>,
) -> Result<SyncOutcome, String> {
    let lang = settings.lang;
    let fail = |message: String, detail: &dyn std::fmt::Display| {
        tracing::error!(error = %detail, "sync from the terminal UI failed");
        message
    };

    let mut config = ClientConfig::from_env().map_err(|error| fail(error.message(lang), &error))?;
    if let Some(endpoint) = &settings.endpoint {
        config.endpoint =
            Endpoint::parse(endpoint).map_err(|error| fail(error.message(lang), &error))?;
    }
    let waits = sender.clone();
    let observer: RetryObserver = Arc::new(move |event| {
        let _ = waits.send(SyncMsg::Waiting(event.message(lang)));
    });
    config.observer = Some(observer);
    let client = HubClient::new(config).map_err(|error| fail(error.message(lang), &error))?;

    // `run_observed` borrows the writer for the whole sync, so `on_page` reloads through a reader.
    let open = || {
        Cache::open(&settings.cache_path, OpenMode::MustExist)
            .map_err(|error| fail(error.message(lang), &error))
    };
    let mut writer = open()?;
    let reader = open()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            let message = match lang {
                Lang::En => format!("cannot start the sync: {error}"),
                Lang::Fr => format!(
                    "impossible de lancer la synchronisation : {}",
                    crate::i18n::io_error(lang, &error)
                ),
            };
            fail(message, &error)
        })?;

    let mut on_start = |progress: SyncProgress| {
        let _ = sender.send(SyncMsg::Started(progress));
    };
    let mut on_page = |progress: SyncProgress| {
        let refresh = reload(&reader).map(Box::new);
        let _ = sender.send(SyncMsg::Page { progress, refresh });
    };
    let outcome = runtime.block_on(sync::run_observed(
        &client,
        &mut writer,
        &settings.request,
        cancel,
        &mut on_start,
        &mut on_page,
    ));
    match outcome {
        Ok(outcome) => {
            tracing::info!(?outcome, "sync from the terminal UI ended");
            Ok(outcome)
        }
        Err(error) => Err(fail(error.message(lang), &error)),
    }
}

/// Loads every cached model and prepares the panes' data, or logs why it could not.
fn reload(cache: &Cache) -> Option<Refresh> {
    match cache.load_models() {
        Ok(models) => {
            let index = Index::build(models);
            let search = SearchState::new(index.models());
            let history = cache
                .load_download_history()
                .and_then(|history| Ok((history, cache.load_provenance()?)))
                .inspect_err(|error| {
                    tracing::error!(error = %error, "reloading the download history during a sync failed");
                })
                .ok();
            Some(Refresh {
                index,
                search,
                history,
            })
        }
        Err(error) => {
            tracing::error!(error = %error, "reloading the models during a sync failed");
            None
        }
    }
}
