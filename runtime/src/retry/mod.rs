//! Retrying answers and failures that are likely to go away: how long to wait and when
//! to give up.

mod after;
mod classify;

use std::time::{Duration, Instant};

pub(crate) use after::retry_after;
pub(crate) use classify::{RetryReason, reason_for_error, reason_for_status};

/// How [`Client::execute`](crate::Client::execute) (and everything built on it, such as
/// paging) retries answers 429, 502, 503, 504 and lost connections.
///
/// The default ([`RetryPolicy::default`]) allows **4 retries** (5 attempts), waits a
/// random delay up to **500 ms × 2ⁿ** before retry *n* (n = 0, 1, 2, …; "full jitter"),
/// never waits more than **30 s** at once, and gives up once the next wait would end
/// more than **120 s** after the first attempt. A `Retry-After` header sent with the
/// answer replaces the random delay (still capped at `max_delay`). When it gives up,
/// the last answer or failure is returned as if there had been no retries.
///
/// Only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) are retried after
/// an answer or a lost connection; POST and PATCH are retried only when the connection
/// could not be opened, so the request certainly never left. Timeouts are never retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Most retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// Upper bound of the random delay before the first retry; doubles with each retry.
    pub base_delay: Duration,
    /// Longest single wait, whether random or asked for by `Retry-After`.
    pub max_delay: Duration,
    /// No retry is made if its wait would end later than this after the first attempt.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 4 retries, 500 ms base delay, 30 s longest wait, 120 s in all.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (a 401 still re-mints an App Store Connect token once).
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Sets the most retries after the first attempt.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the time after the first attempt past which no retry is started.
    pub fn with_max_elapsed(mut self, max_elapsed: Duration) -> Self {
        self.max_elapsed = max_elapsed;
        self
    }

    /// Sets the upper bound of the random delay before the first retry.
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// Sets the longest single wait.
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// The wait before retry `n` (from 0): `retry_after` capped at `max_delay` if the
    /// server asked for one, else uniform in `[0, min(max_delay, base_delay × 2ⁿ)]`.
    pub(crate) fn delay(&self, n: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(asked) => asked.min(self.max_delay),
            None => random_up_to(self.backoff_cap(n)),
        }
    }

    /// `min(max_delay, base_delay × 2ⁿ)`, without overflow.
    pub(crate) fn backoff_cap(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n).unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }
}

/// A uniformly random duration in `[0, cap]`, at nanosecond resolution.
fn random_up_to(cap: Duration) -> Duration {
    let cap = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(fastrand::u64(0..=cap))
}

/// The retries left for one call: counts them and watches the elapsed time.
#[derive(Debug)]
pub(crate) struct Budget {
    policy: RetryPolicy,
    started: Instant,
    retries: u32,
}

impl Budget {
    /// Starts counting now, at the first attempt.
    pub(crate) fn start(policy: RetryPolicy) -> Self {
        Budget {
            policy,
            started: Instant::now(),
            retries: 0,
        }
    }

    /// Retries made so far.
    pub(crate) fn retries(&self) -> u32 {
        self.retries
    }

    /// The wait before the next retry, or `None` if the budget does not allow one
    /// (all retries used, or the wait would end past `max_elapsed`).
    pub(crate) fn next_delay(&mut self, retry_after: Option<Duration>) -> Option<Duration> {
        if self.retries >= self.policy.max_retries {
            return None;
        }
        let delay = self.policy.delay(self.retries, retry_after);
        if self.started.elapsed().saturating_add(delay) > self.policy.max_elapsed {
            return None;
        }
        self.retries += 1;
        Some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn defaults_are_documented_values() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_retries, 4);
        assert_eq!(policy.base_delay, 500 * MS);
        assert_eq!(policy.max_delay, Duration::from_secs(30));
        assert_eq!(policy.max_elapsed, Duration::from_secs(120));
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }

    #[test]
    fn setters_set() {
        let policy = RetryPolicy::none()
            .with_max_retries(2)
            .with_base_delay(MS)
            .with_max_delay(3 * MS)
            .with_max_elapsed(4 * MS);
        assert_eq!(
            policy,
            RetryPolicy {
                max_retries: 2,
                base_delay: MS,
                max_delay: 3 * MS,
                max_elapsed: 4 * MS
            }
        );
    }

    #[test]
    fn jitter_stays_within_the_doubling_cap() {
        let policy = RetryPolicy::default()
            .with_base_delay(10 * MS)
            .with_max_delay(50 * MS);
        assert_eq!(policy.backoff_cap(0), 10 * MS);
        assert_eq!(policy.backoff_cap(2), 40 * MS);
        assert_eq!(policy.backoff_cap(3), 50 * MS);
        assert_eq!(policy.backoff_cap(64), 50 * MS, "no overflow");
        for n in 0..8 {
            for _ in 0..200 {
                assert!(policy.delay(n, None) <= policy.backoff_cap(n));
            }
        }
        let spread: Vec<Duration> = (0..50).map(|_| policy.delay(2, None)).collect();
        assert!(spread.iter().any(|d| *d != spread[0]), "delays are random");
    }

    #[test]
    fn huge_settings_do_not_overflow() {
        let policy = RetryPolicy::default()
            .with_base_delay(Duration::MAX)
            .with_max_delay(Duration::MAX);
        assert_eq!(policy.backoff_cap(31), Duration::MAX);
        let _ = policy.delay(40, None);
    }

    #[test]
    fn retry_after_replaces_jitter_and_is_capped() {
        let policy = RetryPolicy::default().with_max_delay(2 * MS);
        assert_eq!(policy.delay(0, Some(MS)), MS);
        assert_eq!(policy.delay(0, Some(Duration::from_secs(7))), 2 * MS);
        assert_eq!(policy.delay(3, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn budget_counts_retries() {
        let mut budget = Budget::start(RetryPolicy::default().with_max_retries(2));
        assert_eq!(
            budget.next_delay(Some(Duration::ZERO)),
            Some(Duration::ZERO)
        );
        assert!(budget.next_delay(Some(Duration::ZERO)).is_some());
        assert_eq!(budget.next_delay(Some(Duration::ZERO)), None);
        assert_eq!(budget.retries(), 2);
        assert!(
            Budget::start(RetryPolicy::none())
                .next_delay(None)
                .is_none()
        );
    }

    #[test]
    fn budget_refuses_waits_past_max_elapsed() {
        let policy = RetryPolicy::default().with_max_elapsed(Duration::from_secs(1));
        let mut budget = Budget::start(policy);
        assert_eq!(budget.next_delay(Some(Duration::from_secs(2))), None);
        assert_eq!(budget.retries(), 0, "a refused retry is not counted");
        assert!(budget.next_delay(Some(10 * MS)).is_some());
    }
}
