//! A typed client for Apple's [App Store Connect API], generated at build time from the
//! App Store Connect connector definition (`apiDefinition.swagger.json` and
//! `apiProperties.json` at the root of this crate).
//!
//! Every operation of the connector is a method of [`Client`] named after its operationId.
//! Required parameters are arguments; optional ones are set by name on the returned request
//! builder and checked against the definition's bounds before anything is sent. Requests are
//! signed with an ES256 JSON Web Token made from your API key, exactly as Apple specifies,
//! cached and renewed shortly before it expires.
//!
//! ```no_run
//! use app_store_connect::operations::apps_and_app_metadata_list_apps::Sort;
//! use app_store_connect::{Client, Credentials};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // ASC_KEY_ID, ASC_ISSUER_ID (absent for an individual key) and ASC_PRIVATE_KEY_PATH.
//! let client = Client::new(Credentials::from_env()?)?;
//! let apps = client
//!     .apps_and_app_metadata_list_apps()
//!     .filter_name("Weather")
//!     .sort(Sort::NameDescending)
//!     .limit_builds(10)
//!     .send()
//!     .await?;
//! for app in &apps.body.data {
//!     let name = app.attributes.as_ref().and_then(|a| a.name.as_deref());
//!     println!("{}: {name:?}", app.id.as_deref().unwrap_or("?"));
//! }
//! if let Some(limit) = apps.rate_limit() {
//!     println!("{} of {} requests left this hour", limit.remaining, limit.limit);
//! }
//! let one = client.apps_and_app_metadata_read_app_information("1234567890").send().await?;
//! println!("{:?}", one.body.data);
//! # Ok(())
//! # }
//! ```
//!
//! [App Store Connect API]: https://developer.apple.com/documentation/appstoreconnectapi

#![warn(missing_docs)]

pub use connector_runtime::{
    self as runtime, ApiError, ApiErrorEntry, ApiErrorSource, Auth, Credentials, CredentialsError,
    Error, PrivateKey, RateLimit, Response,
};

/// The loopback App Store Connect double, for tests and demos without Apple credentials.
#[cfg(feature = "sandbox")]
pub use app_store_connect_sandbox as sandbox;

/// The README's examples, compiled as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

include!(concat!(env!("OUT_DIR"), "/app_store_connect.rs"));
