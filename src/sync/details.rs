//! Fetching full model documents (`GET /api/models/{id}`) for chosen models, a few at a time:
//! they carry `config` (quantization settings, expert counts) and `model-index` evaluation
//! results, which list pages do not.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::hub::client::{HubClient, HubError};
use crate::hub::record::HubModel;

/// Requests in flight at once: enough to overlap latency, few enough to stay polite.
pub const CONCURRENCY: usize = 4;

/// The documents fetched and the ids that failed, each with its error.
#[derive(Debug, Default)]
pub struct Details {
    pub records: Vec<HubModel>,
    pub failures: Vec<(String, HubError)>,
}

/// Fetches the document of every id with at most `concurrency` requests in flight. A 401 stops
/// the remaining requests, because every other request would fail the same way; other errors
/// are collected per id. Documents come back in no particular order.
pub async fn fetch(client: Arc<HubClient>, ids: Vec<String>, concurrency: usize) -> Details {
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for id in ids {
        let client = client.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let Ok(_permit) = permits.acquire_owned().await else {
                return None;
            };
            Some((id.clone(), client.fetch_model(&id).await))
        });
    }

    let mut details = Details::default();
    while let Some(joined) = tasks.join_next().await {
        let Ok(Some((id, result))) = joined else {
            continue;
        };
        match result {
            Ok(record) => details.records.push(record),
            Err(error) => {
                let unauthorized = matches!(error, HubError::Unauthorized { .. });
                tracing::warn!(model = %id, error = %error, "model document not fetched");
                details.failures.push((id, error));
                if unauthorized {
                    permits.close();
                    tasks.abort_all();
                }
            }
        }
    }
    details
}
