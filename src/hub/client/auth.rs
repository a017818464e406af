//! The Hub endpoint and the access token, resolved the way huggingface_hub resolves them.
//!
//! Token lookup order: `HF_TOKEN`, then the legacy `HUGGING_FACE_HUB_TOKEN`, then the file at
//! `HF_TOKEN_PATH` (default `$HF_HOME/token`; `HF_HOME` defaults to `$XDG_CACHE_HOME/huggingface`,
//! else `~/.cache/huggingface`). Values are trimmed and an empty value counts as none.
//! `HF_HUB_DISABLE_IMPLICIT_TOKEN` turns the whole lookup off. The resolver reads variables
//! through a lookup function so that tests never touch the process environment.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use url::{Host, Origin, Url};

use super::error::{EndpointProblem, HubError};

/// The default Hub endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";

/// A Hub access token. Its `Debug` and `Display` never show the value; only the request
/// builder reads it, through [`Token::secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Creates a token from text: trimmed, `None` when empty. Fails when the value contains
    /// characters that an HTTP header cannot carry (the error names the source, never the value).
    pub fn new(text: &str, source: TokenSource) -> Result<Option<Token>, HubError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        if !trimmed.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(HubError::InvalidToken { origin: source });
        }
        Ok(Some(Token(trimmed.to_string())))
    }

    /// Returns the secret value, for the `Authorization` header only.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("<redacted>")
    }
}

/// The origin of a token, so that a rejected token can be traced to its setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// Given by the caller (a command-line option, for example).
    Explicit,
    /// An environment variable: `HF_TOKEN` or `HUGGING_FACE_HUB_TOKEN`.
    Env(&'static str),
    /// The token file.
    File(PathBuf),
}

impl TokenSource {
    /// Names the setting to fix, as the user knows it.
    pub fn describe(&self) -> String {
        match self {
            TokenSource::Explicit => "--token".to_string(),
            TokenSource::Env(name) => (*name).to_string(),
            TokenSource::File(path) => path.display().to_string(),
        }
    }
}

/// A token and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedToken {
    pub token: Token,
    pub source: TokenSource,
}

/// True for the values huggingface_hub reads as true in boolean variables.
fn is_true(value: Option<String>) -> bool {
    value.is_some_and(|value| {
        matches!(
            value.trim().to_ascii_uppercase().as_str(),
            "1" | "ON" | "YES" | "TRUE"
        )
    })
}

/// Resolves the token from environment variables and the token file. `lookup` returns a
/// variable's value (the process environment in production, a map in tests); `HOME` is read
/// through it too, to expand `~`.
pub fn resolve_token(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<ResolvedToken>, HubError> {
    if is_true(lookup("HF_HUB_DISABLE_IMPLICIT_TOKEN")) {
        return Ok(None);
    }
    for name in ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"] {
        let Some(value) = lookup(name) else {
            continue;
        };
        if let Some(token) = Token::new(&value, TokenSource::Env(name))? {
            return Ok(Some(ResolvedToken {
                token,
                source: TokenSource::Env(name),
            }));
        }
    }
    let Some(path) = token_path(lookup) else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(HubError::TokenFile { path, source }),
    };
    let source = TokenSource::File(path);
    Ok(Token::new(&text, source.clone())?.map(|token| ResolvedToken { token, source }))
}

/// Returns the token file: `HF_TOKEN_PATH`, else `$HF_HOME/token`, with `HF_HOME` defaulting to
/// `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`. `None` when no home is known.
pub fn token_path(lookup: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |name: &str| lookup(name).filter(|value| !value.is_empty());
    let home = || set("HOME").map(PathBuf::from);
    let expand = |value: String| -> Option<PathBuf> {
        match value.strip_prefix("~/") {
            Some(rest) => Some(home()?.join(rest)),
            None if value == "~" => home(),
            None => Some(PathBuf::from(value)),
        }
    };
    if let Some(path) = set("HF_TOKEN_PATH") {
        return expand(path);
    }
    let hf_home = match set("HF_HOME") {
        Some(value) => expand(value)?,
        None => match set("XDG_CACHE_HOME") {
            Some(cache) => expand(cache)?.join("huggingface"),
            None => home()?.join(".cache").join("huggingface"),
        },
    };
    Some(hf_home.join("token"))
}

/// The Hub's base URL, checked: `https`, or `http` on a loopback host only (a local mock or
/// proxy). Credentials, queries and fragments are rejected, and a trailing `/` is stripped.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: Url,
}

impl Endpoint {
    /// Parses and checks an endpoint such as `https://huggingface.co` or `http://127.0.0.1:8080`.
    pub fn parse(text: &str) -> Result<Endpoint, HubError> {
        let trimmed = text.trim().trim_end_matches('/');
        let invalid = |problem| HubError::InvalidEndpoint {
            endpoint: crate::sanitize::clean_truncated(trimmed, 200),
            problem,
        };
        let url = Url::parse(trimmed)
            .map_err(|error| invalid(EndpointProblem::Unparsable(error.to_string())))?;
        if !url.username().is_empty() || url.password().is_some() {
            // The message must not echo the credentials.
            return Err(HubError::InvalidEndpoint {
                endpoint: format!("{}://…@{}", url.scheme(), url.host_str().unwrap_or("")),
                problem: EndpointProblem::Credentials,
            });
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(EndpointProblem::QueryOrFragment));
        }
        check_scheme(&url).map_err(invalid)?;
        Ok(Endpoint { url })
    }

    /// Returns the endpoint as text, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// Returns the scheme, host and port that the token may be sent to.
    pub fn origin(&self) -> Origin {
        self.url.origin()
    }

    /// True when the endpoint is on this machine.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.url)
    }

    /// Appends `segments` to the endpoint's path, each percent-encoded on its own, so a `/`
    /// between segments stays a separator and is never sent as `%2F`.
    pub fn join(&self, segments: &[&str]) -> Url {
        let mut url = self.url.clone();
        {
            let mut path = url
                .path_segments_mut()
                .expect("an http(s) endpoint has a path");
            path.pop_if_empty();
            path.extend(segments);
        }
        url
    }

    /// Moves `url` onto this endpoint: same path (under the endpoint's path prefix) and query,
    /// with the endpoint's scheme, host and port. Pagination links need it because the Hub
    /// writes them with its own host even behind a mirror.
    pub fn rewrite(&self, url: &Url) -> Url {
        if url.origin() == self.origin() {
            return url.clone();
        }
        let prefix = self.url.path().trim_end_matches('/');
        let path = url.path();
        let mut rewritten = self.url.clone();
        if prefix.is_empty() || path.starts_with(&format!("{prefix}/")) {
            rewritten.set_path(path);
        } else {
            rewritten.set_path(&format!("{prefix}{path}"));
        }
        rewritten.set_query(url.query());
        rewritten
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Endpoint({})", self.as_str())
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// Reads `HF_ENDPOINT` through `lookup`; the default Hub when unset or empty.
pub fn endpoint_from(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Endpoint, HubError> {
    match lookup("HF_ENDPOINT").filter(|value| !value.trim().is_empty()) {
        Some(value) => Endpoint::parse(&value),
        None => Endpoint::parse(DEFAULT_ENDPOINT),
    }
}

/// Rejects anything but `https`, or `http` to a loopback host.
pub(crate) fn check_scheme(url: &Url) -> Result<(), EndpointProblem> {
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if url.host().is_some() => {
            if is_loopback(url) {
                Ok(())
            } else {
                Err(EndpointProblem::PlainHttp)
            }
        }
        "http" | "https" => Err(EndpointProblem::NoHost),
        other => Err(EndpointProblem::Scheme(other.to_string())),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(address)) => IpAddr::V4(address).is_loopback(),
        Some(Host::Ipv6(address)) => IpAddr::V6(address).is_loopback(),
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Reads a token file directly (used by callers that take `--token-file`).
pub fn read_token_file(path: &Path) -> Result<Option<Token>, HubError> {
    let text = std::fs::read_to_string(path).map_err(|source| HubError::TokenFile {
        path: path.to_path_buf(),
        source,
    })?;
    Token::new(&text, TokenSource::File(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn env_order_and_trimming() {
        let lookup = env(&[
            ("HF_TOKEN", "  hf_first\n"),
            ("HUGGING_FACE_HUB_TOKEN", "hf_second"),
        ]);
        let resolved = resolve_token(&lookup).unwrap().unwrap();
        assert_eq!(resolved.token.secret(), "hf_first");
        assert_eq!(resolved.source, TokenSource::Env("HF_TOKEN"));

        let lookup = env(&[("HF_TOKEN", "  "), ("HUGGING_FACE_HUB_TOKEN", "hf_second")]);
        let resolved = resolve_token(&lookup).unwrap().unwrap();
        assert_eq!(resolved.token.secret(), "hf_second");
        assert_eq!(resolved.source, TokenSource::Env("HUGGING_FACE_HUB_TOKEN"));
    }

    #[test]
    fn file_paths() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().display().to_string();
        std::fs::create_dir_all(dir.path().join(".cache/huggingface")).unwrap();
        std::fs::write(dir.path().join(".cache/huggingface/token"), "hf_file\n").unwrap();
        let resolved = resolve_token(&env(&[("HOME", &home)])).unwrap().unwrap();
        assert_eq!(resolved.token.secret(), "hf_file");

        std::fs::write(dir.path().join("custom"), "hf_custom").unwrap();
        let lookup = env(&[("HOME", &home), ("HF_TOKEN_PATH", "~/custom")]);
        let resolved = resolve_token(&lookup).unwrap().unwrap();
        assert_eq!(resolved.token.secret(), "hf_custom");

        let lookup = env(&[("XDG_CACHE_HOME", "/xdg"), ("HOME", &home)]);
        assert_eq!(
            token_path(&lookup),
            Some(PathBuf::from("/xdg/huggingface/token"))
        );
        let lookup = env(&[("HF_HOME", "/hf"), ("XDG_CACHE_HOME", "/xdg")]);
        assert_eq!(token_path(&lookup), Some(PathBuf::from("/hf/token")));
    }

    #[test]
    fn missing_or_empty_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().display().to_string();
        assert_eq!(resolve_token(&env(&[("HOME", &home)])).unwrap(), None);
        std::fs::write(dir.path().join("token"), " \n").unwrap();
        let lookup = env(&[("HF_HOME", &home)]);
        assert_eq!(resolve_token(&lookup).unwrap(), None);
    }

    #[test]
    fn disable_implicit_token() {
        let lookup = env(&[("HF_TOKEN", "hf_x"), ("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")]);
        assert_eq!(resolve_token(&lookup).unwrap(), None);
        let lookup = env(&[("HF_TOKEN", "hf_x"), ("HF_HUB_DISABLE_IMPLICIT_TOKEN", "0")]);
        assert!(resolve_token(&lookup).unwrap().is_some());
    }

    #[test]
    fn token_is_redacted_and_checked() {
        let token = Token::new("hf_secret", TokenSource::Explicit)
            .unwrap()
            .unwrap();
        assert!(!format!("{token:?} {token}").contains("hf_secret"));
        let error = Token::new("hf_bad\u{7}x", TokenSource::Env("HF_TOKEN")).unwrap_err();
        assert!(error.to_string().contains("HF_TOKEN"));
        assert!(!error.to_string().contains("hf_bad"));
    }

    #[test]
    fn endpoint_rules() {
        assert_eq!(
            Endpoint::parse("https://huggingface.co/").unwrap().as_str(),
            "https://huggingface.co"
        );
        assert!(Endpoint::parse("http://127.0.0.1:8080").is_ok());
        assert!(Endpoint::parse("http://localhost:8080").is_ok());
        assert!(Endpoint::parse("http://[::1]:8080").is_ok());
        for refused in [
            "http://huggingface.co",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "https://user:pw@hub.example",
            "https://hub.example/?x=1",
            "not a url",
        ] {
            let error = Endpoint::parse(refused).unwrap_err();
            assert!(
                matches!(error, HubError::InvalidEndpoint { .. }),
                "{refused}"
            );
            assert!(!error.to_string().contains("pw@"), "{error}");
        }
        let lookup = env(&[("HF_ENDPOINT", "https://mirror.example/")]);
        assert_eq!(
            endpoint_from(&lookup).unwrap().as_str(),
            "https://mirror.example"
        );
        assert_eq!(endpoint_from(&env(&[])).unwrap().as_str(), DEFAULT_ENDPOINT);
    }

    #[test]
    fn join_and_rewrite() {
        let endpoint = Endpoint::parse("https://mirror.example/hf").unwrap();
        assert_eq!(
            endpoint
                .join(&["api", "models", "google-bert", "bert-base-uncased"])
                .as_str(),
            "https://mirror.example/hf/api/models/google-bert/bert-base-uncased"
        );
        let next = Url::parse("https://huggingface.co/api/models?limit=2&cursor=abc").unwrap();
        assert_eq!(
            endpoint.rewrite(&next).as_str(),
            "https://mirror.example/hf/api/models?limit=2&cursor=abc"
        );
        let plain = Endpoint::parse("http://127.0.0.1:9").unwrap();
        assert_eq!(
            plain.rewrite(&next).as_str(),
            "http://127.0.0.1:9/api/models?limit=2&cursor=abc"
        );
    }
}
