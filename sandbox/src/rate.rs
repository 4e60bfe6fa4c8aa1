//! The per-key request budget of a rolling hour, reported in `X-Rate-Limit`.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::HeaderValue;

/// Apple's default hourly request limit per key.
pub(crate) const DEFAULT_HOURLY_LIMIT: u32 = 3600;

/// The span over which requests count against the limit.
const WINDOW: Duration = Duration::from_secs(3600);

/// How finely the window is counted: requests admitted within one second of the first of
/// them share a count, and come back together.
const BUCKET: Duration = Duration::from_secs(1);

/// A budget of `limit` requests in any rolling hour: a request spends one, and it comes
/// back an hour later. Requests are counted per second, so the record stays small however
/// many requests a long run sends.
#[derive(Debug)]
pub(crate) struct RateLimit {
    limit: u32,
    spent: Mutex<Spent>,
}

/// The requests inside the window: counts per second, oldest first, and their sum.
#[derive(Debug, Default)]
struct Spent {
    seconds: VecDeque<(Instant, u32)>,
    total: u32,
}

impl RateLimit {
    /// A full budget of `limit` requests.
    pub(crate) fn new(limit: u32) -> Self {
        RateLimit {
            limit,
            spent: Mutex::new(Spent::default()),
        }
    }

    /// Spends one request now: the remaining budget after it, or `None` when none was left.
    pub(crate) fn take(&self) -> Option<u32> {
        self.take_at(Instant::now())
    }

    /// Spends one request at `now`. A refused request spends nothing.
    fn take_at(&self, now: Instant) -> Option<u32> {
        let mut spent = self.spent.lock().unwrap_or_else(PoisonError::into_inner);
        while let Some(&(at, count)) = spent.seconds.front()
            && now.saturating_duration_since(at) >= WINDOW
        {
            spent.seconds.pop_front();
            spent.total -= count;
        }
        let used = spent.total;
        if used >= self.limit {
            return None;
        }
        match spent.seconds.back_mut() {
            Some((at, count)) if now.saturating_duration_since(*at) < BUCKET => *count += 1,
            _ => spent.seconds.push_back((now, 1)),
        }
        spent.total += 1;
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

    #[test]
    fn a_busy_second_is_one_count_that_comes_back_whole() {
        let rate = RateLimit::new(1000);
        let start = Instant::now();
        for n in 0..600 {
            rate.take_at(start + Duration::from_millis(n));
        }
        assert_eq!(rate.spent.lock().unwrap().seconds.len(), 1);
        assert_eq!(
            rate.take_at(start + Duration::from_secs(2)),
            Some(1000 - 601)
        );
        assert_eq!(rate.take_at(start + WINDOW), Some(1000 - 2));
    }
}
