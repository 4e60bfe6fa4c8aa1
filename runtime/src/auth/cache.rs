//! Thread-safe reuse of one token until shortly before it expires.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};

use tokio::sync::Mutex;

use super::credentials::Credentials;
use super::error::CredentialsError;
use super::token::{self, Token};

/// Holds the current token. Reading a reusable token takes a shared read lock and a
/// reference count; minting takes the mint lock, so callers that need a new token at the
/// same moment cause exactly one mint.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    current: RwLock<Option<Token>>,
    mint: Mutex<()>,
    minted: AtomicU64,
}

impl TokenCache {
    /// The cached token if it is still reusable, else a freshly minted one.
    pub(crate) async fn token(&self, credentials: &Credentials) -> Result<Token, CredentialsError> {
        if let Some(cached) = self.reusable(token::unix_now()?) {
            return Ok(cached);
        }
        let _minting = self.mint.lock().await;
        // Another caller may have minted while this one waited for the lock.
        let now = token::unix_now()?;
        if let Some(cached) = self.reusable(now) {
            return Ok(cached);
        }
        let fresh = token::mint(credentials, now)?;
        self.minted.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(
            key_id = credentials.key_id(),
            "minted a new App Store Connect token"
        );
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(fresh.clone());
        Ok(fresh)
    }

    /// The cached token, if it can still be used at `now`.
    fn reusable(&self, now: u64) -> Option<Token> {
        // A poisoned lock only means a thread panicked while replacing the token; the
        // slot still holds a whole token or none.
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|cached| cached.is_reusable_at(now))
            .cloned()
    }

    /// Drops `rejected` if it is still the cached token (so concurrent rejections of the
    /// same token cause a single re-mint). Returns whether it was dropped.
    pub(crate) async fn invalidate(&self, rejected: &str) -> bool {
        let _minting = self.mint.lock().await;
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        if current
            .as_ref()
            .is_some_and(|cached| cached.as_str() == rejected)
        {
            *current = None;
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
