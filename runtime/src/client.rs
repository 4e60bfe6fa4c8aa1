//! The HTTP client generated code sends its requests through.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Auth, Credentials, Secret, Token, TokenCache, basic_value};
use crate::builder::ClientBuilder;
use crate::connection::ConnectionParameters;
use crate::error::Error;
use crate::request::Request;
use crate::response::Response;
use crate::retry::RetryPolicy;

/// Base URL of the App Store Connect API.
pub const APP_STORE_CONNECT_URL: &str = "https://api.appstoreconnect.apple.com";

/// An API client: HTTP connection pool, base URL, [`Auth`] and App Store Connect token
/// cache. Cheap to clone (clones share all of it). `Debug` never shows keys, tokens or
/// passwords.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    auth: Option<Auth>,
    retry: RetryPolicy,
    max_body_size: u64,
    tokens: TokenCache,
    connection: ConnectionParameters,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("auth", &self.inner.auth)
            .field("retry_policy", &self.inner.retry)
            .field("minted_tokens", &self.minted_tokens())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder defaulting to `https://api.appstoreconnect.apple.com`.
    pub fn builder() -> ClientBuilder<Client> {
        ClientBuilder::new(APP_STORE_CONNECT_URL)
    }

    pub(crate) fn from_parts(
        http: reqwest::Client,
        base_url: Url,
        auth: Option<Auth>,
        retry: RetryPolicy,
        max_body_size: u64,
        connection: ConnectionParameters,
    ) -> Self {
        Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                retry,
                max_body_size,
                tokens: TokenCache::default(),
                connection,
            }),
        }
    }

    /// The value of a connection parameter given to the builder, if any.
    pub fn connection_parameter(&self, name: &str) -> Option<&str> {
        self.inner.connection.get(name)
    }

    /// The cap on a body read into memory; see [`ClientBuilder::max_body_size`].
    ///
    /// [`ClientBuilder::max_body_size`]: crate::ClientBuilder::max_body_size
    pub fn max_body_size(&self) -> u64 {
        self.inner.max_body_size
    }

    /// The base URL request paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The App Store Connect credentials, if the client authenticates with
    /// [`Auth::AppStoreConnect`]; `None` for every other scheme.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.auth().and_then(Auth::app_store_connect)
    }

    /// How the client authenticates, if it was given credentials.
    pub fn auth(&self) -> Option<&Auth> {
        self.inner.auth.as_ref()
    }

    /// The credential value requests carry. For App Store Connect the current token:
    /// the cached one if still good, else a freshly minted one. For the other schemes
    /// the fixed value: the API key, the bearer token, or `base64(username:password)`
    /// for basic authentication. [`Error::MissingCredentials`] without [`Auth`].
    pub async fn bearer_token(&self) -> Result<String, Error> {
        Ok(self.secret("bearer_token").await?.as_str().to_owned())
    }

    /// How many tokens this client (and its clones) has minted so far. Meant for tests
    /// and diagnostics: with caching it grows once per token lifetime, plus once per
    /// token rejected with HTTP 401. Always 0 unless the client uses
    /// [`Auth::AppStoreConnect`].
    pub fn minted_tokens(&self) -> u64 {
        self.inner.tokens.minted()
    }

    /// The retry policy set with [`ClientBuilder::retry_policy`].
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// Sends `request` and decodes a 2xx JSON body into `T` (an empty body decodes as
    /// `null`). A 401 on a request carrying an App Store Connect JWT re-mints the token
    /// and retries once (a 401 with any other [`Auth`] is returned as is).
    /// Answers 429/502/503/504 and lost connections are retried as the client's
    /// [`RetryPolicy`] allows (honouring `Retry-After`); when it gives up, the last
    /// outcome is returned. Non-2xx answers become [`Error::Api`] (Apple's error
    /// document) or [`Error::UndecodableBody`]; a redirect to another origin is
    /// [`Error::ForeignRedirect`], a body over the cap [`Error::BodyTooLarge`] and one that
    /// stops early [`Error::CutShort`].
    pub async fn execute<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Response<T>, Error> {
        let url = self.url_for(&request)?;
        self.execute_at(&request, &url, |_, body| crate::response::json(body))
            .await
    }

    /// Drops `rejected` from the cache so the next request mints a new token.
    pub(crate) async fn invalidate_token(&self, rejected: &Token) {
        self.inner.tokens.invalidate(rejected.as_str()).await;
    }

    /// The credential value: a (cached) JWT for App Store Connect, else the fixed one.
    async fn secret(&self, operation: &'static str) -> Result<Secret, Error> {
        let auth = self.auth().ok_or(Error::MissingCredentials { operation })?;
        Ok(match auth {
            Auth::AppStoreConnect(credentials) => {
                Secret::Jwt(self.inner.tokens.token(credentials).await?)
            }
            Auth::ApiKey(value) | Auth::Bearer(value) => Secret::Fixed(value.clone()),
            Auth::Basic { username, password } => Secret::Fixed(basic_value(username, password)),
        })
    }

    /// The credential value for `request`, if it carries one.
    pub(crate) async fn secret_for(&self, request: &Request) -> Result<Option<Secret>, Error> {
        if request.uses_credentials() {
            Ok(Some(self.secret(request.operation()).await?))
        } else {
            Ok(None)
        }
    }

    /// The shared HTTP connection pool.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// Base URL + request path + encoded query.
    pub(crate) fn url_for(&self, request: &Request) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        let base_path = url.path().trim_end_matches('/');
        let path = request.path();
        let joined = if path.starts_with('/') {
            format!("{base_path}{path}")
        } else {
            format!("{base_path}/{path}")
        };
        url.set_path(&joined);
        if url.path() != joined {
            return Err(Error::invalid_request(
                request.operation(),
                "path",
                format!(
                    "`{path}` would be rewritten by URL parsing (a `.`/`..` segment or an \
                     unencoded character); encode path parameters with encode::path_segment"
                ),
            ));
        }
        let query = request.encoded_query();
        url.set_query(Some(query.as_str()).filter(|query| !query.is_empty()));
        Ok(url)
    }
}
