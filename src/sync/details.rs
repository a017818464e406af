//! Fetching full model documents (`GET /api/models/{id}`) for chosen models, a few at a time:
//! they carry `config` (quantization settings) and `model-index` evaluation results, which list
//! pages do not. The repository's `config.json` is read too, for the expert layout that gives
//! mixture-of-experts models an active parameter count.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::hub::client::{HubClient, HubError};
use crate::hub::record::HubModel;
use crate::params::MoeConfig;

/// Requests in flight at once: enough to overlap latency, few enough to stay polite.
pub const CONCURRENCY: usize = 4;

/// The documents fetched and the ids that failed, each with its error.
#[derive(Debug, Default)]
pub struct Details {
    pub records: Vec<HubModel>,
    pub failures: Vec<(String, HubError)>,
}

/// Reads the expert layout from the repository's `config.json`. A missing or unreadable file
/// (gated repositories return 401 for files) only leaves the active count unknown.
async fn expert_layout(client: &HubClient, record: &HubModel) -> Option<MoeConfig> {
    let id = record.repo_id()?;
    match client.fetch_config_json(id).await {
        Ok(config) => config.as_ref().and_then(MoeConfig::from_config_json),
        Err(error) => {
            tracing::debug!(model = %id, error = %error, "config.json not read");
            None
        }
    }
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
            let result = match client.fetch_model(&id).await {
                Ok(mut record) => {
                    record.moe = expert_layout(&client, &record).await;
                    Ok(record)
                }
                Err(error) => Err(error),
            };
            Some((id, result))
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
