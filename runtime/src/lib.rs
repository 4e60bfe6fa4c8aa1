//! Runtime for generated API clients (App Store Connect and other connectors).
//!
//! Generated code builds a [`Request`] per call (path encoded with
//! [`encode::path_segment`], parameters checked with [`validate`]) and hands it to
//! [`Client::execute`], which fills in the client's credential, sends it with reqwest
//! (rustls), decodes the JSON answer into a [`Response`] and turns error documents into
//! [`Error::Api`].
//!
//! The credential comes from the client's [`Auth`] and goes where the request says
//! ([`Request::credential_header`], [`Request::credential_query`]): an ES256 JWT minted
//! from App Store Connect [`Credentials`] (cached, re-minted shortly before expiry, and
//! re-minted once when the server answers 401), an API key, a bearer token, or basic
//! credentials. A credential sent in the query string appears only in the URL actually
//! sent, never in errors or traces.
//!
//! Answers 429/502/503/504 and lost connections are retried with jittered exponential
//! backoff and `Retry-After` as the [`RetryPolicy`] allows. Lists are followed page by
//! page with [`Client::pages`], [`Client::items`] and [`Client::collect_all`], which
//! only follow `links.next` on the base URL's origin. Every attempt is a `tracing` span
//! named `request` (fields `operation`, `method`, `path`, `attempt`, `status`,
//! `rate_limit_remaining`); tokens, keys, passwords, header values and query strings
//! are never logged.
//!
//! ```no_run
//! # async fn demo() -> Result<(), connector_runtime::Error> {
//! use connector_runtime::{Client, Credentials, Method, Request};
//!
//! let client = Client::builder()
//!     .credentials(Credentials::from_env()?)
//!     .build()?;
//! let mut request = Request::new("List_Apps", Method::GET, "/v1/apps");
//! request
//!     .query("fields[apps]", "name")
//!     .credential_header("authorization", "Bearer ", "");
//! let apps = client.execute::<serde_json::Value>(request).await?;
//! println!("{:?} {}", apps.rate_limit(), apps.body);
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod api_error;
pub mod auth;
mod body;
mod builder;
mod client;
mod connection;
mod credential_query;
mod deferred;
mod download;
pub mod encode;
pub mod enums;
mod error;
mod execute;
mod form;
pub mod meta;
pub mod model;
pub mod one_of;
pub mod operation;
mod paging;
pub mod parameter;
mod pending;
mod rate_limit;
mod redirect;
mod request;
pub mod response;
mod retry;
mod send;
mod trace;
pub mod validate;

pub use auth::{Auth, Credentials, CredentialsError, PrivateKey, Token};
pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
};
pub use client::{APP_STORE_CONNECT_URL, Client};
pub use deferred::{Deferred, DeferredError};
pub use download::ByteStream;
pub use error::{ApiError, ApiErrorEntry, ApiErrorSource, Error};
pub use paging::{Page, Stream};
pub use pending::{Items, Pages, Sending};
pub use rate_limit::RateLimit;
pub use request::Request;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use response::Response;
pub use retry::RetryPolicy;
pub use url::Url;

/// What the macros of generated code refer to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
