//! Configuration of a [`Client`] (or of a generated client wrapping one).

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use url::Url;

use crate::auth::{Auth, Credentials};
use crate::client::Client;
use crate::connection::ConnectionParameters;
use crate::error::Error;
use crate::redirect;
use crate::retry::RetryPolicy;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default cap on a body read into memory: 64 MiB, far above App Store Connect's largest
/// JSON documents (a page of 200 resources with everything included is a few MiB).
pub const DEFAULT_MAX_BODY_SIZE: u64 = 64 * 1024 * 1024;
/// Default `User-Agent` header.
pub const DEFAULT_USER_AGENT: &str = concat!("connector-runtime/", env!("CARGO_PKG_VERSION"));

/// Builds a [`Client`] and converts it into `C` (a generated client wrapping it).
pub struct ClientBuilder<C = Client> {
    base_url: String,
    auth: Option<Auth>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    retry_policy: RetryPolicy,
    max_body_size: u64,
    connection: ConnectionParameters,
    base_url_template: Option<String>,
    base_url_given: bool,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("retry_policy", &self.retry_policy)
            .field("max_body_size", &self.max_body_size)
            .field("connection_parameters", &self.connection)
            .field("base_url_template", &self.base_url_template)
            .finish()
    }
}

impl<C> ClientBuilder<C> {
    /// Starts a builder whose base URL defaults to `default_base_url`.
    pub fn new(default_base_url: &str) -> Self {
        ClientBuilder {
            base_url: default_base_url.to_owned(),
            auth: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            retry_policy: RetryPolicy::default(),
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            connection: ConnectionParameters::default(),
            base_url_template: None,
            base_url_given: false,
            client: PhantomData,
        }
    }

    /// Overrides the base URL: an absolute `http` or `https` URL, optionally with a path
    /// prefix (`http://127.0.0.1:8080/api`) to which request paths are appended.
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        url.as_ref().clone_into(&mut self.base_url);
        self.base_url_given = true;
        self
    }

    /// Builds the base URL from connection parameters (`{name}` placeholders) unless
    /// [`ClientBuilder::base_url`] is called; generated clients set it when the connector
    /// names its host per connection.
    pub fn base_url_template(mut self, template: impl Into<String>) -> Self {
        self.base_url_template = Some(template.into());
        self
    }

    /// Sets a connection parameter: a value the connector's policies send in headers or
    /// query parameters, or build the base URL from. Values never appear in `Debug`.
    pub fn connection_parameter(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.connection.insert(name.into(), value.into());
        self
    }

    /// Sets the App Store Connect API key used to sign tokens; the same as
    /// `auth(Auth::AppStoreConnect(credentials))`.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.auth(Auth::AppStoreConnect(credentials))
    }

    /// Sets how requests authenticate (replacing credentials set earlier): an
    /// [`Auth`], or [`Credentials`] for App Store Connect.
    pub fn auth(mut self, auth: impl Into<Auth>) -> Self {
        self.auth = Some(auth.into());
        self
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, reading the body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the `User-Agent` header (default `connector-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets how transient failures (429, 502, 503, 504, lost connections) are retried
    /// (default [`RetryPolicy::default`]; [`RetryPolicy::none`] turns retries off).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Caps the size of a body read into memory (default [`DEFAULT_MAX_BODY_SIZE`], 64 MiB):
    /// a longer answer fails with [`Error::BodyTooLarge`] once the cap is reached, or at
    /// once when its `Content-Length` says so. Streamed byte answers (`stream()`) are not
    /// capped.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_size = bytes;
        self
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Validates the settings and creates the client.
    pub fn build(self) -> Result<C, Error> {
        let base_url = match (&self.base_url_template, self.base_url_given) {
            (Some(template), false) => parse_base_url(&self.connection.fill(template)?)?,
            _ => parse_base_url(&self.base_url)?,
        };
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .redirect(redirect::same_origin_policy())
            .build()
            .map_err(|source| Error::ClientBuild { source })?;
        Ok(C::from(Client::from_parts(
            http,
            base_url,
            self.auth,
            self.retry_policy,
            self.max_body_size,
            self.connection,
        )))
    }
}

/// Checks that `text` is an absolute http(s) URL usable as a base.
fn parse_base_url(text: &str) -> Result<Url, Error> {
    let refuse = |reason: &str| Error::InvalidBaseUrl {
        url: text.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(text).map_err(|error| {
        refuse(&format!(
            "{error}; give an absolute URL such as https://api.appstoreconnect.apple.com"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse(
            "the scheme must be https (or http for a local server)",
        ));
    }
    if url.host().is_none() {
        return Err(refuse("the URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            "user names and passwords in the URL are not supported; set them with \
             ClientBuilder::auth(Auth::basic(...))",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("the base URL must not have a query or a fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        match parse_base_url(text) {
            Err(Error::InvalidBaseUrl { url, reason }) => {
                assert_eq!(url, text);
                reason
            }
            other => panic!("expected InvalidBaseUrl for {text}, got {other:?}"),
        }
    }

    #[test]
    fn accepts_http_and_https_with_prefixes() {
        for ok in [
            "https://api.appstoreconnect.apple.com",
            "http://127.0.0.1:8080/",
            "http://127.0.0.1:8080/api",
            "http://[::1]:1/x/",
        ] {
            assert!(parse_base_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_unusable_urls() {
        assert!(reason("api.appstoreconnect.apple.com").contains("absolute URL"));
        assert!(reason("ftp://example.com").contains("scheme"));
        assert!(reason("https://user:pw@example.com").contains("passwords"));
        assert!(reason("https://example.com/?a=b").contains("query"));
        assert!(reason("").contains("absolute URL"));
    }

    struct Generated(Client);

    impl From<Client> for Generated {
        fn from(client: Client) -> Self {
            Generated(client)
        }
    }

    #[test]
    fn builds_wrapping_clients_and_defaults_to_apple() {
        let generated = ClientBuilder::<Generated>::new("https://api.appstoreconnect.apple.com")
            .base_url("http://127.0.0.1:9/api")
            .timeout(Duration::from_secs(1))
            .connect_timeout(Duration::from_secs(1))
            .user_agent("test-agent")
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("builds");
        assert_eq!(generated.0.base_url().as_str(), "http://127.0.0.1:9/api");
        assert!(generated.0.credentials().is_none());
        assert!(generated.0.auth().is_none());
        assert_eq!(generated.0.retry_policy(), RetryPolicy::none());
        let apple = Client::builder().build().expect("builds");
        assert_eq!(
            apple.base_url().as_str(),
            "https://api.appstoreconnect.apple.com/"
        );
        assert_eq!(apple.retry_policy(), RetryPolicy::default());
    }

    #[test]
    fn build_reports_bad_url() {
        let result = ClientBuilder::<Client>::new("not a url").build();
        assert!(matches!(result, Err(Error::InvalidBaseUrl { .. })));
    }
}
