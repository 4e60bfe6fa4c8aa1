//! Building [`Credentials`] from `ASC_*` environment variables.

use super::credentials::Credentials;
use super::error::CredentialsError;
use super::key::PrivateKey;

/// Key ID variable (required).
pub const ENV_KEY_ID: &str = "ASC_KEY_ID";
/// Issuer ID variable (absent or empty: individual key).
pub const ENV_ISSUER_ID: &str = "ASC_ISSUER_ID";
/// Path of `AuthKey_<KEYID>.p8`.
pub const ENV_PRIVATE_KEY_PATH: &str = "ASC_PRIVATE_KEY_PATH";
/// PEM text of the key.
pub const ENV_PRIVATE_KEY: &str = "ASC_PRIVATE_KEY";
/// Base64 of the key file (or of its DER).
pub const ENV_PRIVATE_KEY_B64: &str = "ASC_PRIVATE_KEY_B64";

impl Credentials {
    /// Reads credentials from the process environment; see [`Credentials::from_lookup`].
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads credentials through `lookup` (a variable name to its value):
    /// `ASC_KEY_ID` (required), `ASC_ISSUER_ID` (absent or empty: individual key) and
    /// the key from the first set of `ASC_PRIVATE_KEY_PATH`, `ASC_PRIVATE_KEY` (PEM text)
    /// and `ASC_PRIVATE_KEY_B64`. Empty values count as unset; values are trimmed.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        let get = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let key_id = get(ENV_KEY_ID).ok_or(CredentialsError::MissingEnv { name: ENV_KEY_ID })?;
        let key = if let Some(path) = get(ENV_PRIVATE_KEY_PATH) {
            PrivateKey::from_pem_file(path)?
        } else if let Some(pem) = get(ENV_PRIVATE_KEY) {
            PrivateKey::from_pem(&pem)?
        } else if let Some(b64) = get(ENV_PRIVATE_KEY_B64) {
            PrivateKey::from_base64(&b64)?
        } else {
            return Err(CredentialsError::NoKeyGiven);
        };
        Ok(match get(ENV_ISSUER_ID) {
            Some(issuer_id) => Credentials::team(key_id, issuer_id, key),
            None => Credentials::individual(key_id, key),
        })
    }
}
