//! ES256 JWT authentication as App Store Connect specifies it.

mod cache;
mod credentials;
mod env;
mod error;
mod key;
mod pem;
mod token;

#[cfg(test)]
mod tests;

pub(crate) use cache::TokenCache;
pub use credentials::{
    Credentials, DEFAULT_AUDIENCE, DEFAULT_LIFETIME, ENTERPRISE_AUDIENCE, MAX_LIFETIME,
    MAX_SCOPED_LIFETIME,
};
pub use env::{
    ENV_ISSUER_ID, ENV_KEY_ID, ENV_PRIVATE_KEY, ENV_PRIVATE_KEY_B64, ENV_PRIVATE_KEY_PATH,
};
pub use error::CredentialsError;
pub use key::PrivateKey;
pub use token::{BACKDATE_SECS, Token};
