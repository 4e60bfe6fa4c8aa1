//! The hourly request budget reported in `X-Rate-Limit`.

use std::sync::atomic::{AtomicU32, Ordering};

use axum::http::HeaderValue;

/// Apple's default hourly request limit per key.
pub(crate) const DEFAULT_HOURLY_LIMIT: u32 = 3600;

/// A request budget that counts down with every request and never refills (a sandbox lives
/// far shorter than an hour).
#[derive(Debug)]
pub(crate) struct RateLimit {
    limit: u32,
    remaining: AtomicU32,
}

impl RateLimit {
    /// A full budget of `limit` requests.
    pub(crate) fn new(limit: u32) -> Self {
        RateLimit {
            limit,
            remaining: AtomicU32::new(limit),
        }
    }

    /// Spends one request: the remaining budget after it, or `None` when none was left.
    pub(crate) fn take(&self) -> Option<u32> {
        self.remaining
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .ok()
            .map(|before| before - 1)
    }

    /// `user-hour-lim:LIMIT;user-hour-rem:REMAINING;`
    pub(crate) fn header(&self, remaining: u32) -> HeaderValue {
        let text = format!("user-hour-lim:{};user-hour-rem:{remaining};", self.limit);
        HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("user-hour-lim:0;"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_counts_down_and_runs_out() {
        let rate = RateLimit::new(2);
        assert_eq!(rate.take(), Some(1));
        assert_eq!(rate.take(), Some(0));
        assert_eq!(rate.take(), None);
        assert_eq!(rate.header(0), "user-hour-lim:2;user-hour-rem:0;");
    }
}
