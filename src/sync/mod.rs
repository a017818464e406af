//! Filling the cache from the Hub API. Pages are fetched one after another, and each is stored
//! in one transaction together with the cursor of the page that follows it. A sync stopped at
//! any point (Ctrl-C, `kill -9`, a network failure) therefore resumes after its last stored page.

pub mod details;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use thiserror::Error;
use url::Url;

use crate::cache::{Cache, CacheError, SyncStatus};
use crate::hub::client::{HubClient, HubError, ListQuery};
use crate::i18n::Lang;

/// Models a sync fetches when no limit is given.
pub const DEFAULT_LIMIT: u64 = 10_000;

/// Request of a sync: what to fetch and how to start.
#[derive(Debug, Clone)]
pub struct SyncRequest {
    pub query: ListQuery,
    /// Stop after this many models; `None` fetches every model the query lists.
    pub limit: Option<u64>,
    /// Continue an unfinished sync of the same query instead of starting over.
    pub resume: bool,
    /// Continue the most recent unfinished sync of the endpoint, whatever its query; `query` is
    /// then ignored.
    pub resume_latest: bool,
}

/// Progress reported after each stored page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    pub pages: u64,
    pub models: u64,
    /// True when the sync continued from a stored cursor.
    pub resumed: bool,
}

/// End state of a sync run that returned no error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    /// The last page was stored, or the limit was reached.
    Finished(SyncProgress),
    /// The cancel flag was raised; the stored cursor lets the same command continue.
    Cancelled(SyncProgress),
}

#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum SyncError {
    Hub(#[from] HubError),
    Cache(#[from] CacheError),
    /// The Hub sent a next link equal to the page just fetched, which would loop forever.
    RepeatedCursor {
        url: String,
    },
    /// A stored cursor that is not a URL (the cache was edited by hand).
    InvalidCursor {
        value: String,
    },
    /// `--resume` found no unfinished sync of the endpoint.
    NothingToResume {
        endpoint: String,
    },
}

impl SyncError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SyncError::Hub(error), _) => error.message(lang),
            (SyncError::Cache(error), _) => error.message(lang),
            (SyncError::RepeatedCursor { url }, Lang::En) => format!(
                "the Hub sent the same next page twice ({url}); the sync stopped to avoid a loop. Run it again later, or with --restart."
            ),
            (SyncError::RepeatedCursor { url }, Lang::Fr) => format!(
                "le Hub a renvoyé deux fois la même page suivante ({url}) ; la synchronisation s'est arrêtée pour éviter une boucle. Relancez-la plus tard, ou avec --restart."
            ),
            (SyncError::InvalidCursor { value }, Lang::En) => format!(
                "the stored cursor {value:?} is not a URL; run the sync again with --restart"
            ),
            (SyncError::InvalidCursor { value }, Lang::Fr) => format!(
                "le curseur enregistré {value:?} n'est pas une URL ; relancez la synchronisation avec --restart"
            ),
            (SyncError::NothingToResume { endpoint }, Lang::En) => format!(
                "no unfinished sync of {endpoint} to resume; start one with `slmscope sync` and its options"
            ),
            (SyncError::NothingToResume { endpoint }, Lang::Fr) => format!(
                "aucune synchronisation inachevée de {endpoint} à reprendre ; lancez-en une avec `slmscope sync` et ses options"
            ),
        }
    }
}

/// The query as stored with a sync: the first page's path and query string, without the host,
/// so that the same options against the same endpoint find the same unfinished sync.
fn query_key(first_page: &Url) -> String {
    match first_page.query() {
        Some(query) => format!("{}?{query}", first_page.path()),
        None => first_page.path().to_string(),
    }
}

/// Runs one sync to its end, its limit, an error, or until `cancel` is raised. `on_page` is
/// called after each stored page.
pub async fn run(
    client: &HubClient,
    cache: &mut Cache,
    request: &SyncRequest,
    cancel: &Arc<AtomicBool>,
    on_page: &mut dyn FnMut(SyncProgress),
) -> Result<SyncOutcome, SyncError> {
    run_observed(client, cache, request, cancel, &mut |_| {}, on_page).await
}

/// Like [`run`], and also calls `on_start` once the sync is registered in the cache, with the
/// pages and models a resumed sync already stored (zero for a new one), before any request.
pub async fn run_observed(
    client: &HubClient,
    cache: &mut Cache,
    request: &SyncRequest,
    cancel: &Arc<AtomicBool>,
    on_start: &mut dyn FnMut(SyncProgress),
    on_page: &mut dyn FnMut(SyncProgress),
) -> Result<SyncOutcome, SyncError> {
    let mut query = request.query.clone();
    if let Some(limit) = request.limit {
        query.page_size = query
            .page_size
            .min(limit.clamp(1, u64::from(u32::MAX)) as u32);
    }
    let first_page = client.first_page_url(&query);
    let endpoint = client.endpoint().as_str().to_string();
    let key = if request.resume_latest {
        cache
            .latest_unfinished_sync(&endpoint)?
            .ok_or_else(|| SyncError::NothingToResume {
                endpoint: endpoint.clone(),
            })?
    } else {
        query_key(&first_page)
    };
    let state = cache.begin_sync(&endpoint, &key, request.resume || request.resume_latest)?;
    let mut progress = SyncProgress {
        pages: state.pages,
        models: state.models,
        resumed: state.resumed,
    };
    on_start(progress);
    let mut url = match &state.next_url {
        Some(stored) => {
            client.next_url(&Url::parse(stored).map_err(|_| SyncError::InvalidCursor {
                value: stored.clone(),
            })?)
        }
        None => first_page,
    };

    loop {
        if cancel.load(Ordering::SeqCst) {
            cache.end_sync(state.id, SyncStatus::Cancelled)?;
            return Ok(SyncOutcome::Cancelled(progress));
        }
        if request.limit.is_some_and(|limit| progress.models >= limit) {
            cache.end_sync(state.id, SyncStatus::Finished)?;
            return Ok(SyncOutcome::Finished(progress));
        }

        let page = match fetch_unless_cancelled(client, &url, cancel).await {
            Some(Ok(page)) => page,
            Some(Err(error)) => {
                tracing::error!(sync = state.id, error = %error, "sync failed");
                cache.end_sync(state.id, SyncStatus::Failed)?;
                return Err(error.into());
            }
            None => {
                cache.end_sync(state.id, SyncStatus::Cancelled)?;
                return Ok(SyncOutcome::Cancelled(progress));
            }
        };
        if page.next.as_ref() == Some(&url) {
            cache.end_sync(state.id, SyncStatus::Failed)?;
            return Err(SyncError::RepeatedCursor {
                url: url.to_string(),
            });
        }

        let mut records = page.records;
        let mut next = page.next;
        if let Some(limit) = request.limit {
            let remaining = (limit - progress.models) as usize;
            if records.len() >= remaining {
                records.truncate(remaining);
                next = None;
            }
        }
        cache.store_page(state.id, &records, next.as_ref().map(Url::as_str))?;
        progress.pages += 1;
        progress.models += records.len() as u64;
        on_page(progress);

        match next {
            Some(next_url) => url = next_url,
            None => {
                tracing::info!(
                    sync = state.id,
                    pages = progress.pages,
                    models = progress.models,
                    "sync finished"
                );
                return Ok(SyncOutcome::Finished(progress));
            }
        }
    }
}

/// Fetches a page, giving up as soon as `cancel` is raised (checked every 100 ms) so that a
/// long rate-limit wait does not delay Ctrl-C. Returns `None` when cancelled.
async fn fetch_unless_cancelled(
    client: &HubClient,
    url: &Url,
    cancel: &Arc<AtomicBool>,
) -> Option<Result<crate::hub::client::Page, HubError>> {
    let watch = async {
        while !cancel.load(Ordering::SeqCst) {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    tokio::select! {
        page = client.fetch_page(url) => Some(page),
        () = watch => None,
    }
}
