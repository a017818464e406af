//! The fuzzy search behind a pane's query. A list of up to [`SYNC_SEARCH_LIMIT`] ids is searched
//! at once on the UI thread. A longer one is searched on a worker thread, which sends back
//! [`Found`] values that the event loop applies between key presses. Each query change bumps a
//! generation counter shared with the worker, so a scan for an older query stops within
//! [`crate::analysis::search::CANCEL_CHECK_INTERVAL`] ids, and a result it already sent is
//! dropped.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::analysis::search::{IdTable, Matches, Query, narrows, search};

/// The maximum number of ids searched on the UI thread. A full scan of 100,000 synthetic ids takes 4
/// to 6 ms in a release build on a 2-core AMD EPYC machine (`cargo bench --bench search`), so a
/// scan of 20,000 ids takes about 1 ms there.
pub const SYNC_SEARCH_LIMIT: usize = 20_000;

/// The maximum number of cached results, which serve narrowing and going back with Backspace.
/// Each belongs to a query that the newest one extends, so they are usually a few shrinking sets.
const MAX_CACHED_RESULTS: usize = 16;

/// A query for the worker: the ids to test are those of the worker's table, or `candidates`
/// when given.
struct Request {
    generation: u64,
    query: Query,
    candidates: Option<Arc<Matches>>,
}

/// The matches of a finished scan, tagged with the generation of its request.
pub struct Found {
    pub generation: u64,
    pub query: Query,
    pub matches: Arc<Matches>,
}

/// A thread that runs one scan at a time, always the newest request. Dropping it makes the scan
/// in flight stale and waits for the thread to end.
struct SearchWorker {
    requests: Option<Sender<Request>>,
    results: Receiver<Found>,
    generation: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    fn spawn(ids: Arc<IdTable>, generation: Arc<AtomicU64>) -> std::io::Result<SearchWorker> {
        let (request_sender, requests) = mpsc::channel::<Request>();
        let (result_sender, results) = mpsc::channel();
        let latest = generation.clone();
        let thread = std::thread::Builder::new()
            .name("slmscope-search".to_string())
            .spawn(move || {
                while let Ok(mut request) = requests.recv() {
                    // Keys typed during the last scan queued requests: only the newest counts.
                    while let Ok(newer) = requests.try_recv() {
                        request = newer;
                    }
                    let is_stale = || latest.load(Ordering::Relaxed) != request.generation;
                    let Some(matches) = search(
                        &ids,
                        &request.query,
                        request.candidates.as_deref(),
                        is_stale,
                    ) else {
                        continue;
                    };
                    let found = Found {
                        generation: request.generation,
                        query: request.query,
                        matches: Arc::new(matches),
                    };
                    if result_sender.send(found).is_err() {
                        break;
                    }
                }
            })?;
        Ok(SearchWorker {
            requests: Some(request_sender),
            results,
            generation,
            thread: Some(thread),
        })
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        // Closing the channel ends the thread's loop once the stale scan stops.
        self.requests = None;
        let Some(thread) = self.thread.take() else {
            return;
        };
        if thread.join().is_err() {
            tracing::error!("the search thread panicked");
        }
    }
}

/// The effect of a query change on the listed matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryChange {
    /// The displayed matches did not change: the query is the displayed one, or its search runs
    /// on the worker and the previous matches stay until [`IdSearch::poll`] applies the new ones.
    Unchanged,
    /// Other matches are displayed now.
    Applied,
}

/// The matches of one query.
#[derive(Debug, Clone)]
struct QueryMatches {
    query: Query,
    matches: Arc<Matches>,
}

/// The fuzzy search over one id list, as a pane's query drives it.
pub struct IdSearch {
    ids: Arc<IdTable>,
    /// The generation of the newest query, bumped at each query change. A scan or result of
    /// another generation is stale.
    generation: Arc<AtomicU64>,
    /// The matches on screen. `None` when the query is blank or no search has finished yet.
    displayed: Option<QueryMatches>,
    /// The query the worker searches now, if any.
    pending: Option<Query>,
    /// Results of queries that the newest query extends (see [`narrows`]), at most
    /// [`MAX_CACHED_RESULTS`].
    cache: Vec<QueryMatches>,
    /// Started at the first search that runs off the UI thread.
    worker: Option<SearchWorker>,
    sync_limit: usize,
}

impl fmt::Debug for IdSearch {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("IdSearch")
            .field("ids", &self.ids.len())
            .field(
                "displayed",
                &self
                    .displayed
                    .as_ref()
                    .map(|displayed| displayed.query.text()),
            )
            .field("pending", &self.pending.as_ref().map(Query::text))
            .finish_non_exhaustive()
    }
}

impl IdSearch {
    /// Prepares the search of `ids`. No thread starts until a search needs one.
    pub fn new(ids: Arc<IdTable>) -> IdSearch {
        IdSearch::with_sync_limit(ids, SYNC_SEARCH_LIMIT)
    }

    /// Prepares the search of `ids`, searching on the UI thread when there are at most
    /// `sync_limit` of them.
    pub fn with_sync_limit(ids: Arc<IdTable>, sync_limit: usize) -> IdSearch {
        IdSearch {
            ids,
            generation: Arc::new(AtomicU64::new(0)),
            displayed: None,
            pending: None,
            cache: Vec::new(),
            worker: None,
            sync_limit,
        }
    }

    pub fn ids(&self) -> &IdTable {
        &self.ids
    }

    /// Returns the searched table, for another search over the same ids.
    pub fn shared_ids(&self) -> &Arc<IdTable> {
        &self.ids
    }

    /// Returns the matches on screen, or `None` when every id is listed.
    pub fn matches(&self) -> Option<&Matches> {
        self.displayed
            .as_ref()
            .map(|displayed| displayed.matches.as_ref())
    }

    /// Returns the matches on screen as shared, so that a caller can tell new matches from
    /// the ones it already read by pointer.
    pub fn shared_matches(&self) -> Option<&Arc<Matches>> {
        self.displayed.as_ref().map(|displayed| &displayed.matches)
    }

    /// Returns the query of the matches on screen.
    pub fn displayed_query(&self) -> Option<&Query> {
        self.displayed.as_ref().map(|displayed| &displayed.query)
    }

    /// True while the worker searches a query whose matches are not displayed yet.
    pub fn is_searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Searches `text` (see [`Query`]). A blank query lists every id, and a query whose result
    /// is cached is displayed at once. Otherwise the search tests only the smallest cached
    /// match set of a query that `text` extends, and runs on the worker for a long id list.
    pub fn set_query(&mut self, text: &str) -> QueryChange {
        let query = Query::new(text);
        if self.pending.as_ref() == Some(&query) {
            // Only surrounding whitespace changed, so the running search still applies.
            return QueryChange::Unchanged;
        }
        let generation = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        self.pending = None;
        self.cache
            .retain(|cached| narrows(cached.query.text(), query.text()));

        if query.is_empty() {
            return match self.displayed.take() {
                Some(_) => QueryChange::Applied,
                None => QueryChange::Unchanged,
            };
        }
        if self.displayed_query() == Some(&query) {
            return QueryChange::Unchanged;
        }
        if let Some(cached) = self.cache.iter().find(|cached| cached.query == query) {
            self.displayed = Some(cached.clone());
            return QueryChange::Applied;
        }

        // `query` extends every cached query, so each cached match set contains every match of
        // `query`. The smallest one leaves the fewest ids to test.
        let candidates = self
            .cache
            .iter()
            .min_by_key(|cached| cached.matches.len())
            .map(|cached| cached.matches.clone());
        if self.ids.len() <= self.sync_limit {
            let matches = search(&self.ids, &query, candidates.as_deref(), || false)
                .expect("a scan that is never stale always finishes");
            self.show(query, Arc::new(matches));
            return QueryChange::Applied;
        }
        let request = Request {
            generation,
            query: query.clone(),
            candidates,
        };
        match self.send(request) {
            Ok(()) => self.pending = Some(query),
            Err(error) => {
                tracing::error!(error = %error, "cannot start the search thread; searching on the UI thread");
                let matches = search(&self.ids, &query, None, || false)
                    .expect("a scan that is never stale always finishes");
                self.show(query, Arc::new(matches));
                return QueryChange::Applied;
            }
        }
        QueryChange::Unchanged
    }

    fn send(&mut self, request: Request) -> std::io::Result<()> {
        if self.worker.is_none() {
            self.worker = Some(SearchWorker::spawn(
                self.ids.clone(),
                self.generation.clone(),
            )?);
        }
        let worker = self.worker.as_ref().expect("the worker was just started");
        let sender = worker
            .requests
            .as_ref()
            .expect("open until the worker drops");
        sender
            .send(request)
            .map_err(|_| std::io::Error::other("the search thread has ended"))
    }

    /// Displays the matches of `query` and caches them for later queries.
    fn show(&mut self, query: Query, matches: Arc<Matches>) {
        let result = QueryMatches { query, matches };
        self.cache.push(result.clone());
        if self.cache.len() > MAX_CACHED_RESULTS {
            let largest = (0..self.cache.len())
                .max_by_key(|&index| self.cache[index].matches.len())
                .expect("the cache is not empty");
            self.cache.remove(largest);
        }
        self.displayed = Some(result);
    }

    /// Applies the result of the newest query if the worker sent it, and returns whether other
    /// matches are displayed. Results of older queries are dropped.
    pub fn poll(&mut self) -> bool {
        let mut applied = false;
        loop {
            let Some(worker) = &self.worker else {
                return applied;
            };
            match worker.results.try_recv() {
                Ok(found) => applied |= self.apply(found),
                Err(TryRecvError::Empty) => return applied,
                Err(TryRecvError::Disconnected) => {
                    tracing::error!("the search thread ended unexpectedly");
                    self.worker = None;
                    return applied;
                }
            }
        }
    }

    /// Displays `found` if it belongs to the newest query, and returns whether it did.
    fn apply(&mut self, found: Found) -> bool {
        let newest = found.generation == self.generation.load(Ordering::Relaxed);
        if !newest || self.pending.is_none() {
            return false;
        }
        self.pending = None;
        self.show(found.query, found.matches);
        true
    }

    /// Waits up to `timeout` for the newest result and applies it. Returns whether it did.
    #[cfg(test)]
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.is_searching() {
            let Some(worker) = &self.worker else {
                return false;
            };
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match worker.results.recv_timeout(left) {
                Ok(found) => _ = self.apply(found),
                Err(_) => return false,
            }
        }
        true
    }

    /// Searches lists of any length on the worker, for tests of the asynchronous path on small
    /// lists.
    #[cfg(test)]
    pub fn search_all_off_thread(&mut self) {
        self.sync_limit = 0;
    }

    /// Returns the generation of the newest query, for tests that send their own results.
    #[cfg(test)]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Relaxed)
    }

    /// Applies `found` as if the worker had sent it.
    #[cfg(test)]
    pub fn deliver(&mut self, found: Found) -> bool {
        self.apply(found)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn table() -> Arc<IdTable> {
        Arc::new(IdTable::from_raw([
            "Qwen/Qwen2.5-7B-Instruct",
            "Qwen/Qwen2.5-72B",
            "meta-llama/Llama-3.1-8B",
            "microsoft/phi-4",
        ]))
    }

    fn displayed(search: &IdSearch) -> Option<Vec<u32>> {
        search.matches().map(|matches| matches.indices().to_vec())
    }

    #[test]
    fn short_list_is_searched_at_once() {
        let mut search = IdSearch::new(table());
        assert_eq!(search.set_query("qwen 7"), QueryChange::Applied);
        assert!(!search.is_searching());
        assert_eq!(displayed(&search), Some(vec![0, 1]));
        assert_eq!(search.displayed_query().map(Query::text), Some("qwen 7"));
        assert_eq!(search.set_query("qwen 7 "), QueryChange::Unchanged);
        assert_eq!(search.set_query(""), QueryChange::Applied);
        assert_eq!(displayed(&search), None);
        assert_eq!(search.set_query(" "), QueryChange::Unchanged);
    }

    #[test]
    fn cached_results_return_and_narrow() {
        let mut search = IdSearch::new(table());
        search.set_query("q");
        search.set_query("qw");
        search.set_query("qwen 72");
        assert_eq!(displayed(&search), Some(vec![1]));
        assert_eq!(search.cache.len(), 3, "q, qw and qwen 72 are cached");

        search.set_query("qw");
        assert_eq!(displayed(&search), Some(vec![0, 1]));
        assert_eq!(search.cache.len(), 2, "qwen 72 does not narrow qw");

        search.set_query("m");
        assert!(search.cache.iter().all(|cached| cached.query.text() == "m"));
    }

    #[test]
    fn cache_is_bounded() {
        let mut search = IdSearch::new(table());
        let query: String = "q".repeat(MAX_CACHED_RESULTS + 4);
        for end in 1..=query.len() {
            search.set_query(&query[..end]);
        }
        assert_eq!(search.cache.len(), MAX_CACHED_RESULTS);
    }

    #[test]
    fn long_list_is_searched_on_the_worker() {
        let mut search = IdSearch::with_sync_limit(table(), 0);
        assert_eq!(search.set_query("llama"), QueryChange::Unchanged);
        assert!(search.is_searching());
        assert_eq!(
            displayed(&search),
            None,
            "nothing is listed before the result"
        );
        assert!(search.wait(Duration::from_secs(10)));
        assert!(!search.is_searching());
        assert_eq!(displayed(&search), Some(vec![2]));
    }

    #[test]
    fn trailing_space_keeps_the_running_search() {
        let mut search = IdSearch::with_sync_limit(table(), 0);
        search.set_query("phi");
        let generation = search.generation();
        assert_eq!(search.set_query("phi "), QueryChange::Unchanged);
        assert_eq!(
            search.generation(),
            generation,
            "the scan was not cancelled"
        );
        assert!(search.wait(Duration::from_secs(10)));
        assert_eq!(displayed(&search), Some(vec![3]));
    }

    #[test]
    fn result_of_older_query_is_dropped() {
        let mut search = IdSearch::with_sync_limit(table(), 0);
        search.set_query("qwen");
        let older = search.generation();
        search.set_query("phi");
        let query = Query::new("qwen");
        let matches = crate::analysis::search::search(&table(), &query, None, || false).unwrap();
        let stale = Found {
            generation: older,
            query,
            matches: Arc::new(matches),
        };
        assert!(!search.deliver(stale));
        assert!(search.is_searching());
        assert!(search.wait(Duration::from_secs(10)));
        assert_eq!(displayed(&search), Some(vec![3]));
    }

    #[test]
    fn dropping_stops_the_worker() {
        let mut search = IdSearch::with_sync_limit(table(), 0);
        search.set_query("qwen");
        let generation = search.generation.clone();
        drop(search);
        assert!(
            generation.load(Ordering::Relaxed) > 1,
            "the scan in flight was made stale"
        );
    }
}
