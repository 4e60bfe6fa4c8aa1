//! The [`Sandbox`] builder: which key to trust, which apps to serve, how to page.

use std::fmt;

use crate::auth::{Identity, Verifier};
use crate::catalog::{App, sample_apps};
use crate::chaos::Chaos;
use crate::paging::MAX_LIMIT;
use crate::rate::DEFAULT_HOURLY_LIMIT;
use crate::{RunningSandbox, SandboxError, server};

/// Default number of apps per listing page (small, so clients must follow `links.next`).
pub const DEFAULT_PAGE_SIZE: usize = 3;

/// Configures a sandbox; [`start`](Sandbox::start) runs it.
pub struct Sandbox {
    pub(crate) verifier: Verifier,
    pub(crate) apps: Vec<App>,
    pub(crate) page_size: usize,
    pub(crate) hourly_limit: u32,
    pub(crate) next_link_base: Option<String>,
    pub(crate) chaos: Option<Chaos>,
    pub(crate) record_requests: bool,
}

impl Sandbox {
    /// A sandbox trusting a team key: tokens must carry `kid` = `key_id` and
    /// `iss` = `issuer_id`, signed by the key whose SPKI PEM is `public_key_pem`.
    pub fn team(
        key_id: impl Into<String>,
        issuer_id: impl Into<String>,
        public_key_pem: &str,
    ) -> Result<Sandbox, SandboxError> {
        let identity = Identity::Team {
            issuer_id: issuer_id.into(),
        };
        Self::with_identity(key_id.into(), identity, public_key_pem)
    }

    /// A sandbox trusting an individual key: tokens must carry `kid` = `key_id`,
    /// `sub` = `"user"` and no `iss`.
    pub fn individual(
        key_id: impl Into<String>,
        public_key_pem: &str,
    ) -> Result<Sandbox, SandboxError> {
        Self::with_identity(key_id.into(), Identity::Individual, public_key_pem)
    }

    fn with_identity(
        key_id: String,
        identity: Identity,
        public_key_pem: &str,
    ) -> Result<Sandbox, SandboxError> {
        Ok(Sandbox {
            verifier: Verifier::new(key_id, identity, public_key_pem)?,
            apps: sample_apps(),
            page_size: DEFAULT_PAGE_SIZE,
            hourly_limit: DEFAULT_HOURLY_LIMIT,
            next_link_base: None,
            chaos: None,
            record_requests: true,
        })
    }

    /// The apps to serve, in listing order (default: [`sample_apps`]).
    pub fn apps(mut self, apps: Vec<App>) -> Self {
        self.apps = apps;
        self
    }

    /// Apps per listing page when the request has no `limit` (default 3; clamped to 1..=200).
    pub fn page_size(mut self, n: usize) -> Self {
        self.page_size = n.clamp(1, MAX_LIMIT);
        self
    }

    /// The request budget of a rolling hour reported in `X-Rate-Limit` (default 3600).
    /// Once spent, requests answer 429 `RATE_LIMIT_EXCEEDED` until the oldest ones are an
    /// hour old.
    pub fn rate_limit(mut self, requests_per_hour: u32) -> Self {
        self.hourly_limit = requests_per_hour;
        self
    }

    /// The base of the absolute `links.next` URLs of listings, instead of the sandbox's own
    /// `http://127.0.0.1:PORT` (e.g. `http://127.0.0.2:9`), to test that clients refuse to
    /// follow a next link to another host. Other links keep the sandbox's own base.
    pub fn next_link_base(mut self, base_url: impl Into<String>) -> Self {
        self.next_link_base = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Injects random faults (429, 503, cut answers, late answers) drawn from a seeded
    /// generator, as `chaos` configures; see [`Chaos`].
    pub fn chaos(mut self, chaos: Chaos) -> Self {
        self.chaos = Some(chaos);
        self
    }

    /// Whether every request is kept for [`RunningSandbox::requests`] (default `true`).
    /// Long runs turn it off so that the log does not grow; requests are still counted
    /// by [`RunningSandbox::request_count`].
    pub fn record_requests(mut self, record: bool) -> Self {
        self.record_requests = record;
        self
    }

    /// Binds `127.0.0.1:0` and serves on the current tokio runtime until the returned
    /// handle is shut down or dropped.
    pub async fn start(self) -> Result<RunningSandbox, SandboxError> {
        server::start(self).await
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("key_id", &self.verifier.key_id())
            .field("identity", self.verifier.identity())
            .field("apps", &self.apps.len())
            .field("page_size", &self.page_size)
            .field("hourly_limit", &self.hourly_limit)
            .field("next_link_base", &self.next_link_base)
            .field("chaos", &self.chaos)
            .field("record_requests", &self.record_requests)
            .finish()
    }
}
