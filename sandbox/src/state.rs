//! State shared by the server task and the [`RunningSandbox`](crate::RunningSandbox) handle.

use crate::auth::Verifier;
use crate::catalog::App;
use crate::chaos::ChaosEngine;
use crate::faults::FaultQueue;
use crate::rate::RateLimit;
use crate::record::RequestLog;

/// Everything a request handler may read or update.
pub(crate) struct Shared {
    /// Token verification for the configured key.
    pub(crate) verifier: Verifier,
    /// The served apps, in catalog order.
    pub(crate) apps: Vec<App>,
    /// Default page size of listings.
    pub(crate) page_size: usize,
    /// `http://127.0.0.1:PORT`, used for absolute links.
    pub(crate) base_url: String,
    /// The base of `links.next` URLs (normally the same as `base_url`).
    pub(crate) next_link_base: String,
    /// Every request received.
    pub(crate) log: RequestLog,
    /// Injected failures.
    pub(crate) faults: FaultQueue,
    /// The `X-Rate-Limit` budget.
    pub(crate) rate: RateLimit,
    /// Random faults, when configured.
    pub(crate) chaos: Option<ChaosEngine>,
}
