//! The per-key request budget of a rolling hour, reported in `X-Rate-Limit`.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::HeaderValue;

/// Apple's default hourly request limit per key.
pub(crate) const DEFAULT_HOURLY_LIMIT: u32 = 3600;

/// The span over which requests count against the limit.
const WINDOW: Duration = Duration::from_secs(3600);

/// A budget of `limit` requests in any rolling hour: a request spends one, and it comes
/// back an hour later.
#[derive(Debug)]
pub(crate) struct RateLimit {
    limit: u32,
    /// When each request still inside the window was admitted, oldest first.
    spent: Mutex<VecDeque<Instant>>,
}

impl RateLimit {
    /// A full budget of `limit` requests.
    pub(crate) fn new(limit: u32) -> Self {
        RateLimit {
            limit,
            spent: Mutex::new(VecDeque::new()),
        }
    }

    /// Spends one request now: the remaining budget after it, or `None` when none was left.
    pub(crate) fn take(&self) -> Option<u32> {
        self.take_at(Instant::now())
    }

    /// Spends one request at `now`. A refused request spends nothing.
    fn take_at(&self, now: Instant) -> Option<u32> {
        let mut spent = self.spent.lock().unwrap_or_else(PoisonError::into_inner);
        while spent
            .front()
            .is_some_and(|&at| now.saturating_duration_since(at) >= WINDOW)
        {
            spent.pop_front();
        }
        let used = u32::try_from(spent.len()).unwrap_or(u32::MAX);
        if used >= self.limit {
            return None;
        }
        spent.push_back(now);
        Some(self.limit - used - 1)
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

    #[test]
    fn requests_come_back_an_hour_after_they_were_spent() {
        let rate = RateLimit::new(2);
        let start = Instant::now();
        assert_eq!(rate.take_at(start), Some(1));
        assert_eq!(rate.take_at(start + Duration::from_secs(1800)), Some(0));
        assert_eq!(rate.take_at(start + Duration::from_secs(3599)), None);
        // The first request leaves the window; the refused one never entered it.
        assert_eq!(rate.take_at(start + WINDOW), Some(0));
        assert_eq!(rate.take_at(start + WINDOW), None);
        // The second leaves half an hour later.
        assert_eq!(
            rate.take_at(start + WINDOW + Duration::from_secs(1800)),
            Some(0)
        );
    }
}
