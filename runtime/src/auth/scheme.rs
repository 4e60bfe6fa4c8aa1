//! The authentication schemes a client can use, and the credential value each one
//! puts into a request.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::credentials::Credentials;

/// How a client authenticates its requests.
///
/// Generated code marks where the credential goes with
/// [`Request::credential_header`](crate::Request::credential_header) or
/// [`Request::credential_query`](crate::Request::credential_query); the value put there
/// is, per variant: the JWT minted from the [`Credentials`] (App Store Connect), the key
/// (API key), the token (bearer) or `base64(username:password)` (basic; generated code
/// uses the prefix `"Basic "`).
///
/// `Debug` never shows a key, token or password: `Auth::ApiKey(<redacted>)`,
/// `Auth::Basic { username: "bob", password: <redacted> }`.
///
/// ```no_run
/// # async fn demo() -> Result<(), connector_runtime::Error> {
/// use connector_runtime::{Auth, Client, Method, Request};
///
/// let client = Client::builder()
///     .base_url("https://api.example.com")
///     .auth(Auth::api_key("my-key"))
///     .build()?;
/// let mut request = Request::new("List_Things", Method::GET, "/things");
/// request.query("top", 10).credential_query("code"); // sent as ?top=10&code=my-key
/// let things = client.execute::<serde_json::Value>(request).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub enum Auth {
    /// App Store Connect: ES256 JWTs minted from an API key, cached, re-minted once on a 401.
    AppStoreConnect(Credentials),
    /// An API key sent as is (in a header or a query parameter, as the operation says).
    ApiKey(String),
    /// An OAuth 2 access token (or any bearer token) the caller obtained.
    Bearer(String),
    /// HTTP basic authentication.
    Basic {
        /// The user name (must not contain `:`, which basic authentication cannot carry).
        username: String,
        /// The password.
        password: String,
    },
}

impl Auth {
    /// An API key sent as is.
    pub fn api_key(key: impl Into<String>) -> Self {
        Auth::ApiKey(key.into())
    }

    /// A bearer token (e.g. an OAuth 2 access token).
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(token.into())
    }

    /// HTTP basic authentication with this user name and password.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// The App Store Connect credentials, if this is [`Auth::AppStoreConnect`].
    pub(crate) fn app_store_connect(&self) -> Option<&Credentials> {
        match self {
            Auth::AppStoreConnect(credentials) => Some(credentials),
            _ => None,
        }
    }
}

/// `base64(username:password)`, the credentials of HTTP basic authentication (RFC 7617).
pub(crate) fn basic_value(username: &str, password: &str) -> String {
    STANDARD.encode(format!("{username}:{password}"))
}

impl From<Credentials> for Auth {
    fn from(credentials: Credentials) -> Self {
        Auth::AppStoreConnect(credentials)
    }
}

/// Stands in for a secret in `Debug` output.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::AppStoreConnect(credentials) => f
                .debug_tuple("Auth::AppStoreConnect")
                .field(credentials)
                .finish(),
            Auth::ApiKey(_) => f.debug_tuple("Auth::ApiKey").field(&Redacted).finish(),
            Auth::Bearer(_) => f.debug_tuple("Auth::Bearer").field(&Redacted).finish(),
            Auth::Basic { username, .. } => f
                .debug_struct("Auth::Basic")
                .field("username", username)
                .field("password", &Redacted)
                .finish(),
        }
    }
}
