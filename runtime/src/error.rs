//! The runtime's error type.

use crate::auth::CredentialsError;
use crate::rate_limit::RateLimit;
use crate::request::Request;

pub use crate::api_error::{ApiError, ApiErrorEntry, ApiErrorSource};

/// Everything that can go wrong while building a client or executing a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A request parameter failed validation before anything was sent.
    #[error("parameter `{parameter}` of {operation} {reason}; the request was not sent")]
    InvalidRequest {
        /// The operation (API call) being prepared.
        operation: &'static str,
        /// The offending parameter, header or body.
        parameter: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The request carries a credential but the client was built without [`Auth`].
    ///
    /// [`Auth`]: crate::Auth
    #[error(
        "{operation} needs credentials, but the client has none; call \
         ClientBuilder::auth(...) with an API key, bearer token or basic credentials \
         (or ClientBuilder::credentials(...) for App Store Connect)"
    )]
    MissingCredentials {
        /// The operation that needed a credential.
        operation: &'static str,
    },

    /// The base URL is built from a connection setting that was not given.
    #[error(
        "the base URL needs the connection parameter `{name}`; give it with \
         ClientBuilder::connection_parameter(\"{name}\", ...) or set ClientBuilder::base_url"
    )]
    MissingConnectionParameter {
        /// The setting's name.
        name: String,
    },

    /// The credentials could not produce a token.
    #[error("App Store Connect credentials are unusable: {0}")]
    Credentials(#[from] CredentialsError),

    /// The base URL given to the builder is unusable.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },

    /// The HTTP client could not be created (TLS setup or settings).
    #[error("could not create the HTTP client: {source}")]
    ClientBuild {
        /// The underlying error.
        source: reqwest::Error,
    },

    /// The request did not complete within the configured timeout.
    #[error(
        "{operation} timed out: {source}; raise ClientBuilder::timeout / connect_timeout \
         or check the network"
    )]
    Timeout {
        /// The operation that timed out.
        operation: &'static str,
        /// The underlying error.
        source: reqwest::Error,
    },

    /// The request could not be sent or its response could not be read.
    #[error("{operation} could not reach the server: {source}")]
    Transport {
        /// The operation that failed.
        operation: &'static str,
        /// The underlying error.
        source: reqwest::Error,
    },

    /// The answer's body stopped before it was complete: the connection closed or failed
    /// after the headers, before the declared `Content-Length` (or the last chunk) arrived.
    /// Requests that can be repeated safely (GET, HEAD, PUT, DELETE, OPTIONS) are retried
    /// as the [`RetryPolicy`](crate::RetryPolicy) allows.
    #[error(
        "{operation}: the HTTP {status} answer was cut short after {received} bytes{}: {source}",
        of_declared(*.declared)
    )]
    CutShort {
        /// The operation whose answer was cut short.
        operation: &'static str,
        /// HTTP status of the answer.
        status: u16,
        /// How many bytes of the body arrived.
        received: u64,
        /// The length the answer declared in `Content-Length`, if it declared one.
        declared: Option<u64>,
        /// The underlying error.
        source: reqwest::Error,
    },

    /// The answer's body is larger than the client reads into memory. Byte answers can be
    /// streamed instead, without a cap (`stream()` on the request).
    #[error(
        "{operation}: the HTTP {status} answer's body is over the {limit}-byte cap on bodies \
         read into memory{}; raise it with ClientBuilder::max_body_size, or stream byte \
         answers with `stream()`",
        declared_as(*.declared)
    )]
    BodyTooLarge {
        /// The operation whose answer was too large.
        operation: &'static str,
        /// HTTP status of the answer.
        status: u16,
        /// The cap, in bytes ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size)).
        limit: u64,
        /// The length the answer declared in `Content-Length`, if it declared one.
        declared: Option<u64>,
    },

    /// The server redirected to another scheme, host or port than the request's. Redirects
    /// are followed only within the origin, so nothing, and no credential, was sent there.
    #[error(
        "{operation}: the server redirected (HTTP {status}) to `{location}`, another origin \
         than the request's; the redirect was refused, so nothing was sent there and no \
         credential left the origin"
    )]
    ForeignRedirect {
        /// The operation that was redirected.
        operation: &'static str,
        /// HTTP status of the redirect (301, 302, 303, 307 or 308).
        status: u16,
        /// Where it pointed, resolved against the request's URL, without user name,
        /// password, query or fragment.
        location: String,
    },

    /// A streamed answer could not be written where it was sent.
    #[error("{operation}: could not write the answer: {source}")]
    Write {
        /// The operation whose answer was being written.
        operation: &'static str,
        /// The writer's error.
        source: std::io::Error,
    },

    /// App Store Connect answered with an error document.
    #[error(transparent)]
    Api(ApiError),

    /// The response body could not be decoded as expected.
    #[error(
        "{operation}: could not decode the HTTP {status} response body: {reason} \
         (body starts with: {snippet:?})"
    )]
    UndecodableBody {
        /// The operation whose response was undecodable.
        operation: &'static str,
        /// HTTP status of the response.
        status: u16,
        /// What the decoder reported.
        reason: String,
        /// The start of the body, at most 512 bytes, cut on a character boundary.
        snippet: String,
        /// The `X-Rate-Limit` of the response, if any.
        rate_limit: Option<RateLimit>,
    },

    /// A page's `links.next` points to another scheme, host or port than the client's
    /// base URL. Paging stopped there: nothing was sent to that URL.
    #[error(
        "{operation}: the next-page link `{url}` points outside the client's base URL          (another scheme, host or port); it was not followed and the token was not sent"
    )]
    ForeignNextLink {
        /// The operation being paged.
        operation: &'static str,
        /// The link, resolved against the base URL (user name and password removed).
        url: String,
    },

    /// A page's `links.next` cannot be followed: it is not a URL, or it points back to
    /// the page just fetched. Paging stopped there.
    #[error("{operation}: the next-page link `{url}` cannot be followed: {reason}")]
    InvalidNextLink {
        /// The operation being paged.
        operation: &'static str,
        /// The link as sent (at most 512 bytes of it).
        url: String,
        /// Why it cannot be followed.
        reason: String,
    },
}

impl Error {
    /// The rate limit reported by the response that caused this error, if any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        match self {
            Error::Api(api) => api.rate_limit,
            Error::UndecodableBody { rate_limit, .. } => *rate_limit,
            _ => None,
        }
    }

    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::UndecodableBody { status, .. }
            | Error::CutShort { status, .. }
            | Error::BodyTooLarge { status, .. }
            | Error::ForeignRedirect { status, .. } => Some(*status),
            Error::Timeout { source, .. } | Error::Transport { source, .. } => {
                source.status().map(|status| status.as_u16())
            }
            _ => None,
        }
    }

    /// True if the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// True for HTTP 429 or an error document with code `RATE_LIMIT_EXCEEDED`.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
            || matches!(self, Error::Api(api) if api.has_code("RATE_LIMIT_EXCEEDED"))
    }

    /// The error document, if App Store Connect sent one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    pub(crate) fn invalid_request(
        operation: &'static str,
        parameter: &str,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidRequest {
            operation,
            parameter: parameter.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn from_reqwest(operation: &'static str, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout { operation, source }
        } else {
            Error::Transport { operation, source }
        }
    }

    /// Like [`Error::from_reqwest`], but without the URL when `request` carries its
    /// credential in the query string.
    pub(crate) fn from_reqwest_for(request: &Request, source: reqwest::Error) -> Error {
        let source = if request.credential_query_names().is_empty() {
            source
        } else {
            source.without_url()
        };
        Error::from_reqwest(request.operation(), source)
    }
}

/// ` of the N declared`, or nothing when the answer declared no length.
fn of_declared(declared: Option<u64>) -> String {
    declared.map_or_else(String::new, |length| {
        format!(" of the {length} it declared")
    })
}

/// ` (it declared N bytes)`, or nothing when the answer declared no length.
fn declared_as(declared: Option<u64>) -> String {
    declared.map_or_else(String::new, |length| {
        format!(" (it declared {length} bytes)")
    })
}
