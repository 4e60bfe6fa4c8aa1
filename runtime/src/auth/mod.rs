//! Authentication: the schemes a client can use ([`Auth`]: App Store Connect JWTs, API
//! keys, bearer tokens, basic credentials) and the ES256 JWTs App Store Connect expects.

mod cache;
mod credentials;
mod env;
mod error;
mod key;
mod pem;
mod scheme;
mod secret;
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
pub use scheme::Auth;
pub(crate) use scheme::basic_value;
pub(crate) use secret::Secret;
pub use token::{BACKDATE_SECS, Token};
