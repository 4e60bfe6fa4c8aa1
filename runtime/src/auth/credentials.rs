//! The API key identity: key ID, issuer, private key and token settings.

use std::fmt;
use std::time::Duration;

use super::error::CredentialsError;
use super::key::PrivateKey;
use super::token::{self, Token};

/// Token lifetime used unless [`Credentials::with_lifetime`] says otherwise: 15 minutes.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// Longest lifetime App Store Connect accepts for ordinary tokens: 20 minutes.
pub const MAX_LIFETIME: Duration = Duration::from_secs(20 * 60);
/// Longest lifetime for tokens whose scope lists only `GET` requests: 180 days.
pub const MAX_SCOPED_LIFETIME: Duration = Duration::from_secs(180 * 24 * 60 * 60);
/// The `aud` claim of the App Store Connect API.
pub const DEFAULT_AUDIENCE: &str = "appstoreconnect-v1";
/// The `aud` claim of the Enterprise Program API.
pub const ENTERPRISE_AUDIENCE: &str = "apple-developer-enterprise-v1";

/// An App Store Connect API key and the settings of the tokens minted from it.
///
/// Cheap to clone. `Debug` shows the key ID and issuer ID but never the key.
#[derive(Clone)]
pub struct Credentials {
    key_id: String,
    issuer_id: Option<String>,
    key: PrivateKey,
    scope: Vec<String>,
    lifetime: Duration,
    audience: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("key_id", &self.key_id)
            .field("issuer_id", &self.issuer_id)
            .field("key", &self.key)
            .field("scope", &self.scope)
            .field("lifetime", &self.lifetime)
            .field("audience", &self.audience)
            .finish()
    }
}

impl Credentials {
    /// A team key: tokens carry `iss` = `issuer_id` (the issuer UUID shown in App Store
    /// Connect).
    pub fn team(key_id: impl Into<String>, issuer_id: impl Into<String>, key: PrivateKey) -> Self {
        Self::new(key_id.into(), Some(issuer_id.into()), key)
    }

    /// An individual key: tokens carry `sub` = `"user"` and no `iss`.
    pub fn individual(key_id: impl Into<String>, key: PrivateKey) -> Self {
        Self::new(key_id.into(), None, key)
    }

    fn new(key_id: String, issuer_id: Option<String>, key: PrivateKey) -> Self {
        Credentials {
            key_id,
            issuer_id,
            key,
            scope: Vec::new(),
            lifetime: DEFAULT_LIFETIME,
            audience: DEFAULT_AUDIENCE.to_owned(),
        }
    }

    /// Restricts tokens to these requests, e.g. `"GET /v1/apps?filter[platform]=IOS"`.
    ///
    /// Set the scope before calling [`Credentials::with_lifetime`] with a long lifetime.
    pub fn with_scope(mut self, scope: Vec<String>) -> Self {
        self.scope = scope;
        self
    }

    /// Sets the token lifetime (`exp - iat`), whole seconds.
    ///
    /// Tokens are minted with `iat` = now − 60 s (so a client clock up to a minute fast
    /// is tolerated; for lifetimes under 4 minutes the backdating is a quarter of the
    /// lifetime) and `exp` = `iat` + lifetime. `exp - iat` therefore equals the lifetime
    /// exactly, which is what Apple's 20-minute rule checks, and a fresh token stays
    /// usable for lifetime − 60 s.
    ///
    /// Refused: zero (under a second), more than 20 minutes unless the scope is
    /// non-empty and every entry starts with `GET `, and more than 180 days always.
    pub fn with_lifetime(mut self, lifetime: Duration) -> Result<Self, CredentialsError> {
        check_lifetime(lifetime, &self.scope)?;
        self.lifetime = lifetime;
        Ok(self)
    }

    /// Sets the `aud` claim; default `appstoreconnect-v1`, Enterprise uses
    /// `apple-developer-enterprise-v1` ([`ENTERPRISE_AUDIENCE`]).
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = audience.into();
        self
    }

    /// The key ID (`kid` header).
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The issuer ID of a team key; `None` for an individual key.
    pub fn issuer_id(&self) -> Option<&str> {
        self.issuer_id.as_deref()
    }

    /// The private key.
    pub fn private_key(&self) -> &PrivateKey {
        &self.key
    }

    /// The token scope (empty: unrestricted).
    pub fn scope(&self) -> &[String] {
        &self.scope
    }

    /// The token lifetime (`exp - iat`).
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// The `aud` claim.
    pub fn audience(&self) -> &str {
        &self.audience
    }

    /// Mints a new signed token now, without any caching. [`crate::Client`] caches
    /// tokens itself; use this for tooling or tests.
    pub fn mint_token(&self) -> Result<Token, CredentialsError> {
        token::mint(self, token::unix_now()?)
    }
}

/// Applies Apple's lifetime rules (see [`Credentials::with_lifetime`]).
pub(crate) fn check_lifetime(lifetime: Duration, scope: &[String]) -> Result<(), CredentialsError> {
    let refuse = |reason| Err(CredentialsError::InvalidLifetime { lifetime, reason });
    if lifetime.as_secs() == 0 {
        return refuse("it must be at least one second");
    }
    if lifetime > MAX_SCOPED_LIFETIME {
        return refuse("App Store Connect never accepts tokens living longer than 180 days");
    }
    let get_only = !scope.is_empty() && scope.iter().all(|entry| entry.starts_with("GET "));
    if lifetime > MAX_LIFETIME && !get_only {
        return refuse(
            "App Store Connect accepts at most 20 minutes unless the token has a scope made \
             only of `GET ...` entries (set it with with_scope before with_lifetime)",
        );
    }
    Ok(())
}
