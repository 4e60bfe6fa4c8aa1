//! A typed client for the whole [App Store Connect API]: every operation of Apple's OpenAPI
//! definition (`openapi.json` beside this crate's manifest, version 3.7.0), generated at
//! build time.
//!
//! Each operation is a method of [`Client`] named after the snake_case of its operationId
//! (`apps_getCollection` is [`Client::apps_get_collection`]); required parameters are
//! arguments, optional ones are set by name on the returned request, and `send` sends it.
//! Listings also have `pages`, `items` and `collect_all`, which follow `links.next`.
//! Requests are signed with an ES256 token made from your API key, exactly as Apple
//! specifies, cached and renewed shortly before it expires.
//!
//! ```no_run
//! use app_store_connect_api::operations::apps_get_collection::{FieldsApps, Sort};
//! use app_store_connect_api::{Client, Credentials};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // ASC_KEY_ID, ASC_ISSUER_ID (absent for an individual key) and ASC_PRIVATE_KEY_PATH.
//! let client = Client::new(Credentials::from_env()?)?;
//! let apps = client
//!     .apps_get_collection()
//!     .filter_name(["Weather"])
//!     .sort([Sort::NameDescending])
//!     .fields_apps([FieldsApps::Name, FieldsApps::BundleId])
//!     .limit(50)
//!     .send()
//!     .await?;
//! for app in &apps.body.data {
//!     let name = app.attributes.as_ref().and_then(|a| a.name.as_deref());
//!     println!("{}: {name:?}", app.id);
//! }
//! let one = client.apps_get_instance("1234567890").send().await?;
//! println!("{:?}", one.body.data.attributes);
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

include!(concat!(env!("OUT_DIR"), "/app_store_connect_api.rs"));
