//! Reads the full tag list of the model a detail view shows, on a thread of its own: loaded
//! models keep only a summary of their tags, and a query must not stall the UI.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::cache::{Cache, OpenMode};
use crate::i18n::Lang;
use crate::model::Tag;

/// The tags of the model shown in a detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagList {
    /// The read is in progress.
    Loading,
    Loaded(Vec<Tag>),
    /// The message of the error that stopped the read, already in the UI language.
    Failed(String),
}

type FetchResult = (Box<str>, Result<Vec<Tag>, String>);

/// Fetches tag lists from the cache for the detail views. Drawing asks for the tags of the
/// model it shows; the first request for a model starts a read, and [`TagFetcher::poll`] takes
/// its result. Only the latest model's result is kept.
pub struct TagFetcher {
    cache_path: PathBuf,
    lang: Lang,
    state: RefCell<FetchState>,
}

#[derive(Default)]
struct FetchState {
    shown: Option<(Box<str>, TagList)>,
    worker: Option<Worker>,
}

struct Worker {
    requests: Sender<Box<str>>,
    results: Receiver<FetchResult>,
}

impl TagFetcher {
    pub fn new(cache_path: PathBuf, lang: Lang) -> TagFetcher {
        TagFetcher {
            cache_path,
            lang,
            state: RefCell::default(),
        }
    }

    /// Returns the tags of model `id` as far as they are known, starting a read when `id` is
    /// not the model asked for last.
    pub fn tags(&self, id: &str) -> TagList {
        let mut state = self.state.borrow_mut();
        if let Some((shown, list)) = &state.shown
            && **shown == *id
        {
            return list.clone();
        }
        let list = match self.send(&mut state, id) {
            Ok(()) => TagList::Loading,
            Err(message) => TagList::Failed(message),
        };
        state.shown = Some((id.into(), list.clone()));
        list
    }

    /// Takes the finished reads; true when the shown model's tags arrived.
    pub fn poll(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let FetchState { shown, worker } = &mut *state;
        let Some(worker) = worker else {
            return false;
        };
        let mut changed = false;
        while let Ok((id, result)) = worker.results.try_recv() {
            if let Some((shown_id, list)) = shown
                && *shown_id == id
            {
                *list = match result {
                    Ok(tags) => TagList::Loaded(tags),
                    Err(message) => TagList::Failed(message),
                };
                changed = true;
            }
        }
        changed
    }

    /// True while the shown model's tags are being read.
    pub fn is_waiting(&self) -> bool {
        matches!(self.state.borrow().shown, Some((_, TagList::Loading)))
    }

    fn send(&self, state: &mut FetchState, id: &str) -> Result<(), String> {
        if state.worker.is_none() {
            state.worker = Some(self.spawn()?);
        }
        let worker = state.worker.as_ref().expect("the worker was just started");
        worker.requests.send(id.into()).map_err(|_| {
            self.lang
                .pick(
                    "the tag reader stopped; see the log",
                    "le lecteur de tags s'est arrêté ; voir le journal",
                )
                .to_string()
        })
    }

    fn spawn(&self) -> Result<Worker, String> {
        let (requests, pending) = mpsc::channel::<Box<str>>();
        let (done, results) = mpsc::channel();
        let path = self.cache_path.clone();
        let lang = self.lang;
        std::thread::Builder::new()
            .name("slmscope-tags".to_string())
            .spawn(move || read_tags(&path, lang, &pending, &done))
            .map_err(|error| {
                tracing::error!(error = %error, "starting the tag reader failed");
                match lang {
                    Lang::En => format!("cannot read the tags: {error}"),
                    Lang::Fr => format!(
                        "impossible de lire les tags : {}",
                        crate::i18n::io_error(lang, &error)
                    ),
                }
            })?;
        Ok(Worker { requests, results })
    }
}

/// Answers requests until the UI drops its sender. Requests that a newer one replaced before
/// the read started are skipped.
fn read_tags(path: &Path, lang: Lang, pending: &Receiver<Box<str>>, done: &Sender<FetchResult>) {
    let cache = Cache::open(path, OpenMode::MustExist).map_err(|error| {
        tracing::error!(error = %error, "opening the cache to read tags failed");
        error.message(lang)
    });
    while let Ok(mut id) = pending.recv() {
        while let Ok(newer) = pending.try_recv() {
            id = newer;
        }
        let result = match &cache {
            Ok(cache) => cache.load_tags(&id).map_err(|error| {
                tracing::error!(error = %error, model = %id, "reading the tags of a model failed");
                error.message(lang)
            }),
            Err(message) => Err(message.clone()),
        };
        if done.send((id, result)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::hub::record::HubModel;

    fn wait_for(fetcher: &TagFetcher, id: &str) -> TagList {
        let start = Instant::now();
        while fetcher.is_waiting() && start.elapsed() < Duration::from_secs(10) {
            fetcher.poll();
            std::thread::sleep(Duration::from_millis(5));
        }
        fetcher.tags(id)
    }

    #[test]
    fn fetches_tags_of_cached_model() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let mut cache = Cache::open(&path, OpenMode::CreateIfMissing).unwrap();
        let record = HubModel {
            id: Some("org/tagged".to_string()),
            tags: Some(["gguf", "license:mit"].into_iter().collect()),
            ..HubModel::default()
        };
        let sync = cache.begin_sync("e", "q", false).unwrap();
        cache.store_page(sync.id, &[record], None).unwrap();
        drop(cache);

        let fetcher = TagFetcher::new(path, Lang::En);
        assert_eq!(fetcher.tags("org/tagged"), TagList::Loading);
        let TagList::Loaded(tags) = wait_for(&fetcher, "org/tagged") else {
            panic!("the tags were not read");
        };
        let values: Vec<&str> = tags.iter().map(|tag| tag.value.as_str()).collect();
        assert_eq!(values, ["mit", "gguf"], "tags are stored sorted by kind");

        // A model that is not cached has no tags.
        fetcher.tags("org/missing");
        assert_eq!(
            wait_for(&fetcher, "org/missing"),
            TagList::Loaded(Vec::new())
        );
    }

    #[test]
    fn missing_cache_fails_in_language() {
        let dir = tempfile::tempdir().unwrap();
        let fetcher = TagFetcher::new(dir.path().join("absent.db"), Lang::Fr);
        fetcher.tags("org/model");
        let TagList::Failed(message) = wait_for(&fetcher, "org/model") else {
            panic!("a missing cache was read");
        };
        assert!(!message.is_empty());
    }
}
