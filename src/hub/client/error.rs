//! Errors of the Hub client, each naming the request, the cause and what to do, in English and
//! French. None of them can hold the token: requests carry it in a header only, and the token
//! type never formats its value.

use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

use super::auth::TokenSource;
use crate::i18n::Lang;

/// The reason an endpoint or a redirect target was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointProblem {
    Unparsable(String),
    /// `http` to a host that is not on this machine: the token would travel in clear text.
    PlainHttp,
    Scheme(String),
    NoHost,
    Credentials,
    QueryOrFragment,
}

impl EndpointProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EndpointProblem::Unparsable(detail), Lang::En) => {
                format!("it is not a valid URL ({detail})")
            }
            (EndpointProblem::Unparsable(detail), Lang::Fr) => {
                format!("ce n'est pas une URL valide ({detail})")
            }
            (EndpointProblem::PlainHttp, Lang::En) => "plain http is allowed only to this machine (127.0.0.1, ::1 or localhost); anything else must use https so that the token and the data are not sent in clear text".into(),
            (EndpointProblem::PlainHttp, Lang::Fr) => "le http simple n'est permis que vers cette machine (127.0.0.1, ::1 ou localhost) ; toute autre adresse doit être en https pour que le jeton et les données ne circulent pas en clair".into(),
            (EndpointProblem::Scheme(scheme), Lang::En) => {
                format!("the scheme {scheme:?} is not supported; use https")
            }
            (EndpointProblem::Scheme(scheme), Lang::Fr) => {
                format!("le schéma {scheme:?} n'est pas pris en charge ; utilisez https")
            }
            (EndpointProblem::NoHost, Lang::En) => "it has no host".into(),
            (EndpointProblem::NoHost, Lang::Fr) => "elle n'a pas d'hôte".into(),
            (EndpointProblem::Credentials, Lang::En) => {
                "it holds a user name or password; put the token in HF_TOKEN instead".into()
            }
            (EndpointProblem::Credentials, Lang::Fr) => {
                "elle contient un nom d'utilisateur ou un mot de passe ; mettez plutôt le jeton dans HF_TOKEN".into()
            }
            (EndpointProblem::QueryOrFragment, Lang::En) => {
                "it has a query or a fragment; give the base URL only".into()
            }
            (EndpointProblem::QueryOrFragment, Lang::Fr) => {
                "elle a une requête ou un fragment ; donnez seulement l'URL de base".into()
            }
        }
    }
}

/// The Hub's description of an error, from `X-Error-Code` and `X-Error-Message` or an
/// `{"error": …}` body. The text is untrusted, so it is cleaned of control characters and cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerDetail {
    /// `X-Error-Code`, such as `RepoNotFound` or `GatedRepo` (letters only).
    pub code: Option<String>,
    pub message: Option<String>,
}

impl ServerDetail {
    fn suffix(&self) -> String {
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => format!(" [{code}: {message:?}]"),
            (Some(code), None) => format!(" [{code}]"),
            (None, Some(message)) => format!(" [{message:?}]"),
            (None, None) => String::new(),
        }
    }
}

/// A failure that is worth another try: the last one is kept when the retries run out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transient {
    /// 408, 429, 500, 502, 503 or 504.
    Status { status: u16, detail: ServerDetail },
    /// No complete response within the per-request timeout.
    Timeout { after: Duration },
    /// The connection failed, was reset or closed before a full response.
    Network { detail: String },
    /// A 200 whose body is not what the request returns (an HTML page, truncated JSON, a
    /// document of the wrong shape).
    InvalidBody { detail: String },
}

impl Transient {
    /// One-line description, used in retry logs and in the final error.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Transient::Status { status, detail }, Lang::En) => {
                format!("HTTP {status}{}", detail.suffix())
            }
            (Transient::Status { status, detail }, Lang::Fr) => {
                format!("HTTP {status}{}", detail.suffix())
            }
            (Transient::Timeout { after }, Lang::En) => {
                format!("timed out after {}", seconds(*after, lang))
            }
            (Transient::Timeout { after }, Lang::Fr) => {
                format!("délai dépassé après {}", seconds(*after, lang))
            }
            (Transient::Network { detail }, Lang::En) => format!("network error ({detail})"),
            (Transient::Network { detail }, Lang::Fr) => format!("erreur réseau ({detail})"),
            (Transient::InvalidBody { detail }, Lang::En) => {
                format!("the answer is not valid Hub JSON ({detail})")
            }
            (Transient::InvalidBody { detail }, Lang::Fr) => {
                format!("la réponse n'est pas du JSON valide du Hub ({detail})")
            }
        }
    }
}

/// Formats a duration as whole seconds, or milliseconds below one second.
pub(crate) fn seconds(duration: Duration, lang: Lang) -> String {
    if duration < Duration::from_secs(1) {
        return format!("{} ms", duration.as_millis());
    }
    let secs = duration.as_secs_f64();
    let text = if secs.fract() < 0.05 {
        format!("{secs:.0}")
    } else {
        format!("{secs:.1}")
    };
    match lang {
        Lang::En => format!("{text} s"),
        Lang::Fr => format!("{} s", text.replace('.', ",")),
    }
}

#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum HubError {
    /// `HF_ENDPOINT` (or a redirect target) is not a URL the client may use.
    InvalidEndpoint {
        endpoint: String,
        problem: EndpointProblem,
    },
    /// The token file exists but cannot be read.
    TokenFile {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The token contains characters that an HTTP header cannot carry.
    InvalidToken { origin: TokenSource },
    /// A model id that is not `owner/name` (or a bare legacy name).
    InvalidModelId { id: String },
    /// The HTTP client could not be set up (TLS roots, for instance).
    Setup { detail: String },
    /// 401: a bad token, or, without a token, a private or missing repository.
    Unauthorized {
        url: String,
        token: Option<TokenSource>,
        detail: ServerDetail,
    },
    /// 403: the token lacks a permission, or the repository is disabled.
    Forbidden { url: String, detail: ServerDetail },
    /// 404: no such repository, revision or route.
    NotFound { url: String, detail: ServerDetail },
    /// Another status that retrying cannot fix, such as 400.
    Status {
        url: String,
        status: u16,
        detail: ServerDetail,
    },
    /// A redirect without a usable `Location`, or to a URL the client refuses.
    Redirect { url: String, location: String },
    /// More redirects than the client follows.
    TooManyRedirects { url: String, limit: u32 },
    /// Every attempt failed with a retryable error.
    RetriesExhausted {
        url: String,
        attempts: u32,
        last: Transient,
    },
}

impl HubError {
    /// True for errors that another run later may not hit (the retries ran out); false for those
    /// that need a change of settings or input.
    pub fn is_transient(&self) -> bool {
        matches!(self, HubError::RetriesExhausted { .. })
    }

    /// Formats the error in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (HubError::InvalidEndpoint { endpoint, problem }, Lang::En) => format!(
                "refusing Hub endpoint {endpoint:?}: {}. Use https://huggingface.co or an https mirror, in HF_ENDPOINT or --endpoint.",
                problem.message(lang)
            ),
            (HubError::InvalidEndpoint { endpoint, problem }, Lang::Fr) => format!(
                "point d'accès du Hub {endpoint:?} refusé : {}. Utilisez https://huggingface.co ou un miroir en https, dans HF_ENDPOINT ou --endpoint.",
                problem.message(lang)
            ),
            (HubError::TokenFile { path, source }, Lang::En) => format!(
                "cannot read the Hub token file {}: {source}. Fix its permissions, point HF_TOKEN_PATH at another file, or set HF_TOKEN.",
                path.display()
            ),
            (HubError::TokenFile { path, source }, Lang::Fr) => format!(
                "impossible de lire le fichier de jeton du Hub {} : {}. Corrigez ses droits, désignez un autre fichier avec HF_TOKEN_PATH ou réglez HF_TOKEN.",
                path.display(),
                crate::i18n::io_error(Lang::Fr, source)
            ),
            (HubError::InvalidToken { origin }, Lang::En) => format!(
                "invalid Hub token from {}: it contains spaces or control characters, so it cannot be sent. Copy it again from your Hugging Face settings.",
                origin.describe()
            ),
            (HubError::InvalidToken { origin }, Lang::Fr) => format!(
                "jeton du Hub invalide issu de {} : il contient des espaces ou des caractères de contrôle et ne peut pas être envoyé. Recopiez-le depuis vos réglages Hugging Face.",
                origin.describe()
            ),
            (HubError::InvalidModelId { id }, Lang::En) => format!(
                "invalid model id {:?}: expected owner/name with letters, digits, '-', '_' or '.', such as google-bert/bert-base-uncased.",
                crate::sanitize::clean_truncated(id, 200)
            ),
            (HubError::InvalidModelId { id }, Lang::Fr) => format!(
                "identifiant de modèle invalide {:?} : attendu propriétaire/nom avec des lettres, chiffres, « - », « _ » ou « . », comme google-bert/bert-base-uncased.",
                crate::sanitize::clean_truncated(id, 200)
            ),
            (HubError::Setup { detail }, Lang::En) => {
                format!("cannot set up the HTTP client: {detail}")
            }
            (HubError::Setup { detail }, Lang::Fr) => {
                format!("impossible de préparer le client HTTP : {detail}")
            }
            (
                HubError::Unauthorized {
                    url,
                    token: Some(source),
                    detail,
                },
                Lang::En,
            ) => format!(
                "the Hub rejected the token from {} (401 on {}){}: it is wrong, expired or revoked. Create a new token in your Hugging Face settings and set HF_TOKEN, or unset it to browse public models anonymously.",
                source.describe(),
                url,
                detail.suffix()
            ),
            (
                HubError::Unauthorized {
                    url,
                    token: Some(source),
                    detail,
                },
                Lang::Fr,
            ) => format!(
                "le Hub a refusé le jeton issu de {} (401 sur {}){} : il est faux, expiré ou révoqué. Créez un nouveau jeton dans vos réglages Hugging Face et réglez HF_TOKEN, ou retirez-le pour parcourir les modèles publics anonymement.",
                source.describe(),
                url,
                detail.suffix()
            ),
            (
                HubError::Unauthorized {
                    url,
                    token: None,
                    detail,
                },
                Lang::En,
            ) => format!(
                "the Hub asks for a token (401 on {}){}: without one it answers 401 for private and missing repositories alike. Check the model id, or set HF_TOKEN to a token that can read it.",
                url,
                detail.suffix()
            ),
            (
                HubError::Unauthorized {
                    url,
                    token: None,
                    detail,
                },
                Lang::Fr,
            ) => format!(
                "le Hub demande un jeton (401 sur {}){} : sans jeton, il répond 401 aussi bien pour un dépôt privé que pour un dépôt absent. Vérifiez l'identifiant du modèle ou réglez HF_TOKEN avec un jeton qui peut le lire.",
                url,
                detail.suffix()
            ),
            (HubError::Forbidden { url, detail }, Lang::En) => format!(
                "access denied by the Hub (403 on {}){}: the token lacks the permission, or the repository is disabled. Use a token with read access; a disabled repository cannot be read.",
                url,
                detail.suffix()
            ),
            (HubError::Forbidden { url, detail }, Lang::Fr) => format!(
                "accès refusé par le Hub (403 sur {}){} : le jeton n'a pas la permission, ou le dépôt est désactivé. Utilisez un jeton avec un droit de lecture ; un dépôt désactivé ne peut pas être lu.",
                url,
                detail.suffix()
            ),
            (HubError::NotFound { url, detail }, Lang::En) => format!(
                "not found on the Hub (404 on {}){}: check the model id and the endpoint (HF_ENDPOINT).",
                url,
                detail.suffix()
            ),
            (HubError::NotFound { url, detail }, Lang::Fr) => format!(
                "introuvable sur le Hub (404 sur {}){} : vérifiez l'identifiant du modèle et le point d'accès (HF_ENDPOINT).",
                url,
                detail.suffix()
            ),
            (
                HubError::Status {
                    url,
                    status,
                    detail,
                },
                Lang::En,
            ) => format!(
                "the Hub answered HTTP {status} on {}{}; retrying would not help. Check the query options and the endpoint (HF_ENDPOINT).",
                url,
                detail.suffix()
            ),
            (
                HubError::Status {
                    url,
                    status,
                    detail,
                },
                Lang::Fr,
            ) => format!(
                "le Hub a répondu HTTP {status} sur {}{} ; réessayer n'y changerait rien. Vérifiez les options de la requête et le point d'accès (HF_ENDPOINT).",
                url,
                detail.suffix()
            ),
            (HubError::Redirect { url, location }, Lang::En) => format!(
                "the Hub redirected {} to {:?}, which the client does not follow (missing, invalid, or plain http to another machine).",
                url,
                crate::sanitize::clean_truncated(location, 200)
            ),
            (HubError::Redirect { url, location }, Lang::Fr) => format!(
                "le Hub a redirigé {} vers {:?}, que le client ne suit pas (absente, invalide, ou en http simple vers une autre machine).",
                url,
                crate::sanitize::clean_truncated(location, 200)
            ),
            (HubError::TooManyRedirects { url, limit }, Lang::En) => format!(
                "more than {limit} redirects from {}; the repository may have been renamed in a loop. Try the new id directly.",
                url
            ),
            (HubError::TooManyRedirects { url, limit }, Lang::Fr) => format!(
                "plus de {limit} redirections depuis {} ; le dépôt a peut-être été renommé en boucle. Essayez directement le nouvel identifiant.",
                url
            ),
            (
                HubError::RetriesExhausted {
                    url,
                    attempts,
                    last,
                },
                Lang::En,
            ) => format!(
                "the Hub request {} failed {attempts} times; last: {}. The Hub or the network may be down or rate-limiting: run the command again later.",
                url,
                last.message(lang)
            ),
            (
                HubError::RetriesExhausted {
                    url,
                    attempts,
                    last,
                },
                Lang::Fr,
            ) => format!(
                "la requête au Hub {} a échoué {attempts} fois ; dernière erreur : {}. Le Hub ou le réseau est peut-être en panne ou limite les requêtes : relancez la commande plus tard.",
                url,
                last.message(lang)
            ),
        }
    }
}

/// Formats a URL for the user: cleaned, because a pagination link is untrusted, and cut short.
pub(crate) fn show(url: &url::Url) -> String {
    crate::sanitize::clean_truncated(url.as_str(), 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_format() {
        assert_eq!(seconds(Duration::from_millis(200), Lang::En), "200 ms");
        assert_eq!(seconds(Duration::from_secs(43), Lang::En), "43 s");
        assert_eq!(seconds(Duration::from_millis(2500), Lang::Fr), "2,5 s");
    }

    #[test]
    fn messages_in_both_languages() {
        let url = "https://huggingface.co/api/models/a/b".to_string();
        let error = HubError::Unauthorized {
            url,
            token: Some(TokenSource::Env("HF_TOKEN")),
            detail: ServerDetail {
                code: None,
                message: Some("Invalid credentials in Authorization header".into()),
            },
        };
        let english = error.message(Lang::En);
        assert!(
            english.contains("HF_TOKEN") && english.contains("401"),
            "{english}"
        );
        assert!(english.contains("Invalid credentials"), "{english}");
        assert!(error.message(Lang::Fr).contains("jeton"));
        assert_eq!(error.to_string(), english);
    }
}
