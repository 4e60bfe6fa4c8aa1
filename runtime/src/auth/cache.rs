//! Thread-safe reuse of one token until shortly before it expires.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Mutex;

use super::credentials::Credentials;
use super::error::CredentialsError;
use super::token::{self, Token};

/// Holds the current token. The lock is held while minting, so callers that need a
/// token at the same moment cause exactly one mint.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Option<Token>>,
    minted: AtomicU64,
}

impl TokenCache {
    /// The cached token if it is still reusable, else a freshly minted one.
    pub(crate) async fn token(&self, credentials: &Credentials) -> Result<Token, CredentialsError> {
        let mut slot = self.slot.lock().await;
        let now = token::unix_now()?;
        if let Some(cached) = slot.as_ref().filter(|cached| cached.is_reusable_at(now)) {
            return Ok(cached.clone());
        }
        let fresh = token::mint(credentials, now)?;
        self.minted.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(
            key_id = credentials.key_id(),
            "minted a new App Store Connect token"
        );
        *slot = Some(fresh.clone());
        Ok(fresh)
    }

    /// Drops `rejected` if it is still the cached token (so concurrent rejections of the
    /// same token cause a single re-mint). Returns whether it was dropped.
    pub(crate) async fn invalidate(&self, rejected: &str) -> bool {
        let mut slot = self.slot.lock().await;
        if slot
            .as_ref()
            .is_some_and(|cached| cached.as_str() == rejected)
        {
            *slot = None;
            true
        } else {
            false
        }
    }

    /// How many tokens this cache has minted so far.
    pub(crate) fn minted(&self) -> u64 {
        self.minted.load(Ordering::Relaxed)
    }
}
