//! A loopback App Store Connect API double.
//!
//! The sandbox verifies real ES256 bearer tokens by Apple's rules (header `alg`/`kid`/`typ`,
//! `aud`, `iss` or `sub`, `iat`/`exp`, lifetime, `scope`, signature) and serves `GET /v1/apps`
//! and `GET /v1/apps/{id}` as JSON:API documents, with Apple's error documents, cursor paging,
//! `X-Rate-Limit` headers and injectable faults. It lets an App Store Connect client run
//! against `127.0.0.1` without Apple credentials.
//!
//! ```
//! use app_store_connect_sandbox::{Sandbox, TestKey};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), app_store_connect_sandbox::SandboxError> {
//! let key = TestKey::generate("2X9R4HXF34")?;
//! let sandbox = Sandbox::team(&key.key_id, "57246542-96fe-1a63-e053-0824d011072a", &key.public_key_pem)?
//!     .page_size(3)
//!     .start()
//!     .await?;
//! assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

mod apps;
mod auth;
mod catalog;
mod chaos;
mod claims;
mod config;
mod documents;
mod errors;
mod faults;
pub mod hostile;
mod keys;
mod listing;
mod paging;
mod pipeline;
mod query;
mod rate;
mod record;
mod running;
mod sandbox_error;
mod scope;
mod server;
mod state;

pub use catalog::{App, sample_apps};
pub use chaos::{Chaos, ChaosBuilder, ChaosError};
pub use config::{DEFAULT_PAGE_SIZE, Sandbox};
pub use keys::TestKey;
pub use record::RecordedRequest;
pub use running::RunningSandbox;
pub use sandbox_error::SandboxError;
