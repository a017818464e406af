//! The Hub's rate-limit headers: `RateLimit: "api";r=<remaining>;t=<seconds to reset>`,
//! `RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window seconds>` and `Retry-After`.
//! Header values are untrusted: anything that does not parse is ignored rather than an error.

use std::time::Duration;

use reqwest::header::HeaderMap;

/// The maximum wait a server may request through `RateLimit` or `Retry-After`. The Hub's window
/// is 5 minutes, so a larger value comes from a broken or hostile header and is clamped to this.
pub const MAX_SERVER_WAIT: Duration = Duration::from_secs(600);

/// The state of the API bucket as one response reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests left in the current window (`r`).
    pub remaining: u64,
    /// Seconds until the window resets (`t`).
    pub reset_secs: u64,
    /// The quota and window from `RateLimit-Policy`, when the response had one.
    pub policy: Option<RateLimitPolicy>,
}

/// `RateLimit-Policy`: `q` requests per window of `w` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitPolicy {
    pub quota: u64,
    pub window_secs: u64,
}

impl RateLimit {
    /// Reads `RateLimit` (and `RateLimit-Policy` when present) from response headers.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let value = headers.get("ratelimit")?.to_str().ok()?;
        let mut rate_limit = parse_rate_limit(value)?;
        rate_limit.policy = headers
            .get("ratelimit-policy")
            .and_then(|value| value.to_str().ok())
            .and_then(parse_policy);
        Some(rate_limit)
    }

    /// Returns the wait before the next request when the bucket is empty: the reset time plus
    /// one second, as huggingface_hub does, clamped to [`MAX_SERVER_WAIT`].
    pub fn wait_when_exhausted(&self) -> Option<Duration> {
        (self.remaining == 0)
            .then(|| Duration::from_secs(self.reset_secs.saturating_add(1)).min(MAX_SERVER_WAIT))
    }
}

/// Parses one `RateLimit` value. Several comma-separated items may appear; the one named `api`
/// wins, else the first one that has both `r` and `t`.
pub fn parse_rate_limit(value: &str) -> Option<RateLimit> {
    let mut first = None;
    for item in value.split(',') {
        let (name, params) = split_item(item);
        let (Some(remaining), Some(reset_secs)) = (param(&params, "r"), param(&params, "t")) else {
            continue;
        };
        let rate_limit = RateLimit {
            remaining,
            reset_secs,
            policy: None,
        };
        if name.as_deref() == Some("api") {
            return Some(rate_limit);
        }
        first.get_or_insert(rate_limit);
    }
    first
}

/// Parses one `RateLimit-Policy` value such as `"fixed window";"api";q=1000;w=300`.
pub fn parse_policy(value: &str) -> Option<RateLimitPolicy> {
    value.split(',').find_map(|item| {
        let (_, params) = split_item(item);
        Some(RateLimitPolicy {
            quota: param(&params, "q")?,
            window_secs: param(&params, "w")?,
        })
    })
}

/// Reads a numeric `Retry-After` in seconds, clamped to [`MAX_SERVER_WAIT`]. HTTP dates are
/// ignored, as huggingface_hub ignores them.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    let secs: u64 = value.parse().ok()?;
    Some(Duration::from_secs(secs).min(MAX_SERVER_WAIT))
}

/// Splits `"api";r=0;t=42` into the quoted name (the last bare string, so `"fixed window";"api"`
/// gives `api`) and the `key=value` parameters.
fn split_item(item: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut name = None;
    let mut params = Vec::new();
    for part in item.split(';') {
        let part = part.trim();
        match part.split_once('=') {
            Some((key, value)) => params.push((
                key.trim().to_ascii_lowercase(),
                value.trim().trim_matches('"').to_string(),
            )),
            None if !part.is_empty() => name = Some(part.trim_matches('"').to_string()),
            None => {}
        }
    }
    (name, params)
}

fn param(params: &[(String, String)], key: &str) -> Option<u64> {
    params
        .iter()
        .find(|(name, _)| name == key)
        .and_then(|(_, value)| value.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn hub_header() {
        let rate_limit = parse_rate_limit("\"api\";r=0;t=42").unwrap();
        assert_eq!(rate_limit.remaining, 0);
        assert_eq!(rate_limit.reset_secs, 42);
        assert_eq!(
            rate_limit.wait_when_exhausted(),
            Some(Duration::from_secs(43))
        );
        let open = parse_rate_limit("\"api\";r=17;t=3").unwrap();
        assert_eq!(open.wait_when_exhausted(), None);
    }

    #[test]
    fn several_items_prefer_api() {
        let rate_limit = parse_rate_limit("\"resolvers\";r=5;t=1, \"api\";r=2;t=9").unwrap();
        assert_eq!((rate_limit.remaining, rate_limit.reset_secs), (2, 9));
        let first = parse_rate_limit("\"other\";r=5;t=1").unwrap();
        assert_eq!(first.remaining, 5);
    }

    #[test]
    fn garbage_is_ignored() {
        assert_eq!(parse_rate_limit(""), None);
        assert_eq!(parse_rate_limit("\"api\";r=x;t=1"), None);
        assert_eq!(parse_rate_limit("\"api\";r=-1;t=1"), None);
        assert_eq!(parse_rate_limit("\"api\";t=1"), None);
    }

    #[test]
    fn huge_reset_is_clamped() {
        let rate_limit = parse_rate_limit("\"api\";r=0;t=18446744073709551615").unwrap();
        assert_eq!(rate_limit.wait_when_exhausted(), Some(MAX_SERVER_WAIT));
    }

    #[test]
    fn policy_and_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("RateLimit", HeaderValue::from_static("\"api\";r=499;t=300"));
        headers.insert(
            "RateLimit-Policy",
            HeaderValue::from_static("\"fixed window\";\"api\";q=500;w=300"),
        );
        let rate_limit = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(
            rate_limit.policy,
            Some(RateLimitPolicy {
                quota: 500,
                window_secs: 300
            })
        );
    }

    #[test]
    fn retry_after_numeric_only() {
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            "Retry-After",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), None);
        headers.insert("Retry-After", HeaderValue::from_static("99999999"));
        assert_eq!(retry_after(&headers), Some(MAX_SERVER_WAIT));
    }
}
