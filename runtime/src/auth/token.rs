//! Minting ES256 JWTs exactly as App Store Connect expects them.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, Header};
use serde::Serialize;

use super::credentials::{Credentials, check_lifetime};
use super::error::CredentialsError;

/// How far `iat` is set in the past, so a client clock up to a minute fast is tolerated.
pub const BACKDATE_SECS: u64 = 60;

/// A signed JWT. `Debug` never shows the token text. Clones share the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    value: Arc<str>,
    issued_at: u64,
    expires_at: u64,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("value", &"<redacted>")
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl Token {
    /// The compact JWT (`header.payload.signature`) to send as `Bearer <token>`.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The `iat` claim, seconds since the Unix epoch.
    pub fn issued_at(&self) -> u64 {
        self.issued_at
    }

    /// The `exp` claim, seconds since the Unix epoch.
    pub fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// True while the token can still be reused at `now`: it must have more than
    /// 2 minutes, or a fifth of its lifetime if that is smaller, left.
    pub(crate) fn is_reusable_at(&self, now: u64) -> bool {
        let lifetime = self.expires_at.saturating_sub(self.issued_at);
        let margin = (lifetime / 5).min(120);
        now.saturating_add(margin) < self.expires_at
    }
}

#[derive(Serialize)]
struct Claims<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    iss: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
    iat: u64,
    exp: u64,
    aud: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    scope: &'a [String],
}

/// Current time in whole seconds since the Unix epoch.
pub(crate) fn unix_now() -> Result<u64, CredentialsError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| CredentialsError::ClockBeforeEpoch)
}

/// Mints a token as of `now`.
///
/// `iat` is `now` minus [`BACKDATE_SECS`] (at most a quarter of the lifetime, so short
/// lifetimes still yield a token valid now) and `exp` is `iat + lifetime`: `exp - iat`
/// equals the configured lifetime, which therefore stays within Apple's 20-minute rule.
pub(crate) fn mint(credentials: &Credentials, now: u64) -> Result<Token, CredentialsError> {
    check_lifetime(credentials.lifetime(), credentials.scope())?;
    let lifetime = credentials.lifetime().as_secs();
    let issued_at = now.saturating_sub(BACKDATE_SECS.min(lifetime / 4));
    let expires_at = issued_at.saturating_add(lifetime);
    let issuer = credentials.issuer_id();
    let claims = Claims {
        iss: issuer,
        sub: issuer.is_none().then_some("user"),
        iat: issued_at,
        exp: expires_at,
        aud: credentials.audience(),
        scope: credentials.scope(),
    };
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(credentials.key_id().to_owned());
    header.typ = Some("JWT".to_owned());
    // Select aws-lc-rs explicitly so a workspace that also enables jsonwebtoken's
    // `rust_crypto` feature does not end up without a provider. Failure means a
    // provider is already installed, which is fine.
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
    let value = jsonwebtoken::encode(&header, &claims, credentials.private_key().encoding_key())
        .map_err(|source| CredentialsError::Signing { source })?;
    Ok(Token {
        value: value.into(),
        issued_at,
        expires_at,
    })
}
