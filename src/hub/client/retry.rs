//! Retry policy, waiting and retry reporting.
//!
//! The policy follows huggingface_hub: 408, 429, 500, 502, 503 and 504, timeouts and network
//! errors are retried at most 5 times, waiting 1, 2, 4, 8 and 8 seconds (here with a little
//! random jitter on top); a 429 whose `RateLimit` says `r=0` waits `t + 1` seconds, and a numeric
//! `Retry-After` is honoured. Every wait goes through a [`Sleeper`], so tests can record the
//! requested waits with a [`ManualSleeper`] instead of sleeping.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use url::Url;

use super::error::{Transient, seconds, show};
use crate::i18n::Lang;

/// How often and how long to retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (5 in huggingface_hub).
    pub max_retries: u32,
    /// Base wait before retry 1, 2, …; the last value repeats.
    pub base_waits: Vec<Duration>,
    /// Random extra wait, as a share of the base wait: 0.25 waits between 1 and 1.25 times the
    /// base. 0 makes the waits exact.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base_waits: [1, 2, 4, 8, 8].map(Duration::from_secs).to_vec(),
            jitter: 0.25,
        }
    }
}

impl RetryPolicy {
    /// Returns the policy without jitter, for tests that check exact waits.
    pub fn exact() -> Self {
        RetryPolicy {
            jitter: 0.0,
            ..RetryPolicy::default()
        }
    }

    /// Returns the base wait before retry number `retry` (1-based).
    pub fn base_wait(&self, retry: u32) -> Duration {
        let index = (retry.max(1) - 1) as usize;
        self.base_waits
            .get(index)
            .or(self.base_waits.last())
            .copied()
            .unwrap_or(Duration::from_secs(1))
    }

    /// Returns the backoff wait before retry number `retry`, jitter included.
    pub fn backoff(&self, retry: u32) -> Duration {
        let base = self.base_wait(retry);
        let jitter = self.jitter.clamp(0.0, 1.0);
        if jitter == 0.0 {
            return base;
        }
        base.mul_f64(1.0 + jitter * fastrand::f64())
    }
}

/// Waits for a duration. The client never sleeps any other way.
pub trait Sleeper: Send + Sync {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// Real waiting on the tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests: records each requested wait and returns at once.
#[derive(Debug, Clone, Default)]
pub struct ManualSleeper {
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl ManualSleeper {
    pub fn new() -> Self {
        ManualSleeper::default()
    }

    /// Returns the waits requested so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().expect("sleep log").clone()
    }

    /// Returns the sum of the requested waits: the time a real run would have waited.
    pub fn total(&self) -> Duration {
        self.sleeps().iter().sum()
    }
}

impl Sleeper for ManualSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        self.sleeps.lock().expect("sleep log").push(duration);
        Box::pin(std::future::ready(()))
    }
}

/// The reason the client waits before another attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryReason {
    /// 429 with an empty bucket: waiting for the rate-limit window to reset.
    RateLimited { reset_secs: u64 },
    /// The server asked for this wait with `Retry-After`.
    RetryAfter { status: u16 },
    /// A retryable failure, waiting the backoff time.
    Failure(Transient),
}

/// One retry: reported to the observer and logged before the wait starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryEvent {
    pub url: Url,
    /// 1 for the first retry.
    pub retry: u32,
    pub max_retries: u32,
    pub wait: Duration,
    pub reason: RetryReason,
}

impl RetryEvent {
    /// True when the wait is the Hub's rate limit rather than a failure.
    pub fn is_rate_limit(&self) -> bool {
        matches!(
            self.reason,
            RetryReason::RateLimited { .. } | RetryReason::RetryAfter { status: 429 }
        )
    }

    /// Formats a short line for a progress bar, such as "waiting 43 s for the Hub rate limit
    /// (retry 1 of 5)".
    pub fn message(&self, lang: Lang) -> String {
        let wait = seconds(self.wait, lang);
        let (retry, max) = (self.retry, self.max_retries);
        match (&self.reason, lang) {
            (RetryReason::RateLimited { .. }, Lang::En) => {
                format!("waiting {wait} for the Hub rate limit (retry {retry} of {max})")
            }
            (RetryReason::RateLimited { .. }, Lang::Fr) => format!(
                "attente de {wait} pour la limite de requêtes du Hub (nouvel essai {retry} sur {max})"
            ),
            (RetryReason::RetryAfter { status }, Lang::En) => {
                format!("HTTP {status}: waiting {wait} as the Hub asked (retry {retry} of {max})")
            }
            (RetryReason::RetryAfter { status }, Lang::Fr) => format!(
                "HTTP {status} : attente de {wait} à la demande du Hub (nouvel essai {retry} sur {max})"
            ),
            (RetryReason::Failure(failure), Lang::En) => format!(
                "{}; retrying in {wait} (retry {retry} of {max})",
                failure.message(lang)
            ),
            (RetryReason::Failure(failure), Lang::Fr) => format!(
                "{} ; nouvel essai dans {wait} ({retry} sur {max})",
                failure.message(lang)
            ),
        }
    }

    pub(crate) fn url_for_log(&self) -> String {
        show(&self.url)
    }
}

/// Receives each retry event, for a progress bar or a channel. It runs on the request's task,
/// so it must return quickly.
pub type RetryObserver = Arc<dyn Fn(&RetryEvent) + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huggingface_hub_waits() {
        let policy = RetryPolicy::exact();
        let waits: Vec<u64> = (1..=6).map(|n| policy.backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
    }

    #[test]
    fn jitter_is_bounded() {
        let policy = RetryPolicy::default();
        for retry in 1..=5 {
            let base = policy.base_wait(retry);
            for _ in 0..50 {
                let wait = policy.backoff(retry);
                assert!(wait >= base, "{wait:?}");
                assert!(wait <= base.mul_f64(1.25), "{wait:?}");
            }
        }
    }

    #[test]
    fn manual_sleeper_records() {
        let sleeper = ManualSleeper::new();
        block_on(sleeper.sleep(Duration::from_secs(3)));
        block_on(sleeper.sleep(Duration::from_secs(4)));
        assert_eq!(sleeper.total(), Duration::from_secs(7));
    }

    fn block_on(future: Pin<Box<dyn Future<Output = ()> + Send + '_>>) {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future);
    }

    #[test]
    fn event_messages() {
        let event = RetryEvent {
            url: Url::parse("https://huggingface.co/api/models").unwrap(),
            retry: 1,
            max_retries: 5,
            wait: Duration::from_secs(43),
            reason: RetryReason::RateLimited { reset_secs: 42 },
        };
        assert!(event.is_rate_limit());
        assert_eq!(
            event.message(Lang::En),
            "waiting 43 s for the Hub rate limit (retry 1 of 5)"
        );
        assert!(event.message(Lang::Fr).contains("attente de 43 s"));
    }
}
