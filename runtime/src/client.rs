//! The HTTP client generated code sends its requests through.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Credentials, Token, TokenCache};
use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::request::Request;
use crate::response::Response;
use crate::retry::RetryPolicy;

/// Base URL of the App Store Connect API.
pub const APP_STORE_CONNECT_URL: &str = "https://api.appstoreconnect.apple.com";

/// An App Store Connect API client: HTTP connection pool, base URL, credentials and
/// token cache. Cheap to clone (clones share all of it). `Debug` never shows keys or
/// tokens.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    credentials: Option<Credentials>,
    retry: RetryPolicy,
    tokens: TokenCache,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credentials", &self.inner.credentials)
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
        credentials: Option<Credentials>,
        retry: RetryPolicy,
    ) -> Self {
        Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials,
                retry,
                tokens: TokenCache::default(),
            }),
        }
    }

    /// The base URL request paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The configured credentials, if any.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.inner.credentials.as_ref()
    }

    /// The current token: the cached one if still good, else a freshly minted one.
    pub async fn bearer_token(&self) -> Result<String, Error> {
        Ok(self.token("bearer_token").await?.as_str().to_owned())
    }

    /// How many tokens this client (and its clones) has minted so far. Meant for tests
    /// and diagnostics: with caching it grows once per token lifetime, plus once per
    /// token rejected with HTTP 401.
    pub fn minted_tokens(&self) -> u64 {
        self.inner.tokens.minted()
    }

    /// The retry policy set with [`ClientBuilder::retry_policy`].
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// Sends `request` and decodes a 2xx JSON body into `T` (an empty body decodes as
    /// `null`). A 401 on a request carrying the JWT re-mints the token and retries once.
    /// Answers 429/502/503/504 and lost connections are retried as the client's
    /// [`RetryPolicy`] allows (honouring `Retry-After`); when it gives up, the last
    /// outcome is returned. Non-2xx answers become [`Error::Api`] (Apple's error
    /// document) or [`Error::UndecodableBody`].
    pub async fn execute<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Response<T>, Error> {
        let url = self.url_for(&request)?;
        self.execute_at(&request, &url).await
    }

    /// Drops `rejected` from the cache so the next request mints a new token.
    pub(crate) async fn invalidate_token(&self, rejected: &Token) {
        self.inner.tokens.invalidate(rejected.as_str()).await;
    }

    async fn token(&self, operation: &'static str) -> Result<Token, Error> {
        let credentials = self
            .credentials()
            .ok_or(Error::MissingCredentials { operation })?;
        Ok(self.inner.tokens.token(credentials).await?)
    }

    pub(crate) async fn token_for(&self, request: &Request) -> Result<Option<Token>, Error> {
        if request.uses_credentials() {
            Ok(Some(self.token(request.operation()).await?))
        } else {
            Ok(None)
        }
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

    pub(crate) async fn send(
        &self,
        request: &Request,
        url: &Url,
        token: Option<&Token>,
    ) -> Result<reqwest::Response, Error> {
        let operation = request.operation();
        let mut builder = self
            .inner
            .http
            .request(request.method().clone(), url.clone())
            .headers(headers_for(request, token)?);
        let form = request.form();
        if let Some(body) = request.body() {
            builder = builder.body(body.to_vec());
        } else if form.is_multipart() {
            builder = builder.multipart(form.multipart_form());
        } else if !form.is_empty() {
            builder = builder
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.urlencoded());
        }
        builder
            .send()
            .await
            .map_err(|source| Error::from_reqwest(operation, source))
    }
}

/// `Accept: application/json`, the request's headers, then its credential headers.
fn headers_for(request: &Request, token: Option<&Token>) -> Result<HeaderMap, Error> {
    let operation = request.operation();
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    for (name, value) in request.headers() {
        headers.insert(
            header_name(operation, name)?,
            header_value(operation, name, value.clone())?,
        );
    }
    if let Some(token) = token {
        for credential in request.credential_headers() {
            let text = format!(
                "{}{}{}",
                credential.prefix,
                token.as_str(),
                credential.suffix
            );
            let mut value = header_value(operation, credential.name, text)?;
            value.set_sensitive(true);
            headers.insert(header_name(operation, credential.name)?, value);
        }
    }
    Ok(headers)
}

fn header_name(operation: &'static str, name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::invalid_request(operation, name, "is not a valid HTTP header name"))
}

/// Builds a header value; the error never echoes the value (it may hold a token).
fn header_value(operation: &'static str, name: &str, value: String) -> Result<HeaderValue, Error> {
    HeaderValue::try_from(value).map_err(|_| {
        Error::invalid_request(
            operation,
            name,
            "has a value with characters not allowed in HTTP headers (e.g. a line break)",
        )
    })
}
