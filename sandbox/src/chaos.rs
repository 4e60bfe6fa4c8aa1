//! Seeded random faults: every request may answer 429 or 503, lose its connection
//! mid-answer, or be answered late, with probabilities set by a [`Chaos`] configuration.
//!
//! Faults are drawn from one seeded generator shared by all connections, so a seed always
//! yields the same sequence of decisions (which request gets which one depends on the
//! order in which concurrent requests arrive).

use std::io;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::{StreamExt as _, stream};

use crate::faults::Fault;

/// The most bytes of an answer that a reset reads in order to cut it.
const MAX_CUT_BODY: usize = 1 << 20;

/// A reset answer is cut after at most this many body bytes.
const CUT_WITHIN: usize = 1024;

/// How long a reset answer pauses after its first bytes, so that hyper sends them before
/// the connection is closed.
const FLUSH_PAUSE: Duration = Duration::from_millis(2);

/// Why a [`ChaosBuilder`] was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChaosError {
    /// A probability is not a finite number between 0 and 1.
    #[error("the probability of {fault} must be a number from 0 to 1, not {value}")]
    InvalidProbability {
        /// The fault it was given for (`"rate_limited"`, `"unavailable"`, `"reset"` or `"slow"`).
        fault: &'static str,
        /// The value given.
        value: f64,
    },
    /// The faults' probabilities add up to more than 1 (a request gets at most one fault).
    #[error("the fault probabilities add up to {total}, more than 1")]
    TotalAboveOne {
        /// Their sum.
        total: f64,
    },
}

/// A validated chaos configuration, given to [`Sandbox::chaos`](crate::Sandbox::chaos).
///
/// Each request gets at most one fault, drawn with these probabilities:
/// - **rate-limited**: 429 `RATE_LIMIT_EXCEEDED`, with `Retry-After` absent or
///   0..=[`max_retry_after`](ChaosBuilder::max_retry_after) seconds;
/// - **unavailable**: 503 `SERVICE_UNAVAILABLE`, without `Retry-After`;
/// - **reset**: the request is served, then the connection is closed before the answer is
///   complete: for half of the resets before anything is sent (the client sees the
///   connection close before the message completes), for the other half after the status,
///   the headers and 0..=1024 bytes of the body (the client sees the body end early);
/// - **slow**: the request is served after a delay of 0..=[`max_delay`](ChaosBuilder::slow).
///
/// Queued faults ([`RunningSandbox::fail_next`](crate::RunningSandbox::fail_next)) come
/// first; chaos 429s and 503s are answered before the token is checked, like them.
///
/// ```
/// use std::time::Duration;
/// use app_store_connect_sandbox::Chaos;
///
/// let chaos = Chaos::builder(7)
///     .rate_limited(0.02)
///     .unavailable(0.02)
///     .reset(0.01)
///     .slow(0.01, Duration::from_millis(300))
///     .build()?;
/// assert_eq!(chaos.seed(), 7);
/// # Ok::<(), app_store_connect_sandbox::ChaosError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Chaos {
    seed: u64,
    rate_limited: f64,
    unavailable: f64,
    reset: f64,
    slow: f64,
    max_retry_after: u32,
    max_delay: Duration,
}

/// Collects a [`Chaos`] configuration; [`build`](ChaosBuilder::build) validates it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChaosBuilder {
    chaos: Chaos,
}

impl Chaos {
    /// Starts a configuration drawing from a generator seeded with `seed`, with every
    /// probability 0, `Retry-After` at most 1 s and slow answers at most 1 s late.
    pub fn builder(seed: u64) -> ChaosBuilder {
        ChaosBuilder {
            chaos: Chaos {
                seed,
                rate_limited: 0.0,
                unavailable: 0.0,
                reset: 0.0,
                slow: 0.0,
                max_retry_after: 1,
                max_delay: Duration::from_secs(1),
            },
        }
    }

    /// The generator's seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Probability of a 429 answer.
    pub fn rate_limited(&self) -> f64 {
        self.rate_limited
    }

    /// Probability of a 503 answer.
    pub fn unavailable(&self) -> f64 {
        self.unavailable
    }

    /// Probability of an answer cut mid-body.
    pub fn reset(&self) -> f64 {
        self.reset
    }

    /// Probability of a late answer.
    pub fn slow(&self) -> f64 {
        self.slow
    }

    /// The longest `Retry-After` of a 429, in seconds.
    pub fn max_retry_after(&self) -> u32 {
        self.max_retry_after
    }

    /// The longest delay of a slow answer.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }
}

impl ChaosBuilder {
    /// Probability that a request answers 429 `RATE_LIMIT_EXCEEDED`.
    pub fn rate_limited(mut self, probability: f64) -> Self {
        self.chaos.rate_limited = probability;
        self
    }

    /// The longest `Retry-After` of a 429, in seconds (default 1). Each 429 carries none
    /// or one of `0..=seconds`, all equally likely.
    pub fn max_retry_after(mut self, seconds: u32) -> Self {
        self.chaos.max_retry_after = seconds;
        self
    }

    /// Probability that a request answers 503 `SERVICE_UNAVAILABLE`.
    pub fn unavailable(mut self, probability: f64) -> Self {
        self.chaos.unavailable = probability;
        self
    }

    /// Probability that a request's answer is cut mid-body and its connection closed.
    pub fn reset(mut self, probability: f64) -> Self {
        self.chaos.reset = probability;
        self
    }

    /// Probability that a request is answered late, after a uniformly random delay of at
    /// most `max_delay`.
    pub fn slow(mut self, probability: f64, max_delay: Duration) -> Self {
        self.chaos.slow = probability;
        self.chaos.max_delay = max_delay;
        self
    }

    /// Checks that every probability is within 0..=1 and that they add up to at most 1.
    pub fn build(self) -> Result<Chaos, ChaosError> {
        let chaos = self.chaos;
        let probabilities = [
            ("rate_limited", chaos.rate_limited),
            ("unavailable", chaos.unavailable),
            ("reset", chaos.reset),
            ("slow", chaos.slow),
        ];
        if let Some(&(fault, value)) = probabilities
            .iter()
            .find(|(_, value)| !(0.0..=1.0).contains(value))
        {
            return Err(ChaosError::InvalidProbability { fault, value });
        }
        let total: f64 = probabilities.iter().map(|(_, value)| value).sum();
        // Tolerates rounding, e.g. 0.7 + 0.2 + 0.1.
        if total > 1.0 + 1e-9 {
            return Err(ChaosError::TotalAboveOne { total });
        }
        Ok(chaos)
    }
}

/// What chaos does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Served normally.
    Pass,
    /// 429, with `Retry-After: seconds` when `Some`.
    RateLimited(Option<u32>),
    /// 503.
    Unavailable,
    /// Served, then the connection is closed before the answer is complete.
    Reset {
        /// How many body bytes are sent (fewer when the body is shorter).
        at_most: usize,
        /// Whether the head and those bytes go out before the connection is closed;
        /// otherwise nothing is sent.
        flush: bool,
    },
    /// Served after `delay`.
    Slow(Duration),
}

impl Decision {
    /// The answer sent instead of running the request, for 429 and 503.
    pub(crate) fn early_answer(&self) -> Option<Response> {
        let fault = match self {
            Decision::RateLimited(retry_after) => Fault::new(
                StatusCode::TOO_MANY_REQUESTS,
                retry_after.map(HeaderValue::from),
            ),
            Decision::Unavailable => Fault::new(StatusCode::SERVICE_UNAVAILABLE, None),
            Decision::Pass | Decision::Reset { .. } | Decision::Slow(_) => return None,
        };
        Some(fault.response())
    }

    /// The answer as sent: delayed when slow, cut when reset, else unchanged.
    pub(crate) async fn finish(self, response: Response) -> Response {
        match self {
            Decision::Slow(delay) => {
                tokio::time::sleep(delay).await;
                response
            }
            Decision::Reset { at_most, flush } => cut(response, at_most, flush).await,
            Decision::Pass | Decision::RateLimited(_) | Decision::Unavailable => response,
        }
    }
}

/// `response` with its status and headers, but a body that ends in an error after
/// `at_most` bytes: hyper then closes the connection without finishing the answer. Unless
/// `flush`, the error follows at once, before hyper has written anything.
async fn cut(response: Response, at_most: usize, flush: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    // An unreadable or huge body is cut at its start.
    let bytes = axum::body::to_bytes(body, MAX_CUT_BODY)
        .await
        .unwrap_or_default();
    let sent = bytes.slice(..at_most.min(bytes.len()));
    parts.headers.remove(CONTENT_LENGTH);
    let first = stream::iter([Ok::<Bytes, io::Error>(sent)]);
    let failure = stream::once(async move {
        if flush {
            tokio::time::sleep(FLUSH_PAUSE).await;
        }
        Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "sandbox chaos: connection reset mid-answer",
        ))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(failure)))
}

/// A [`Chaos`] configuration and its generator, shared by all connections.
#[derive(Debug)]
pub(crate) struct ChaosEngine {
    chaos: Chaos,
    rng: Mutex<fastrand::Rng>,
}

impl ChaosEngine {
    /// A generator seeded with the configuration's seed.
    pub(crate) fn new(chaos: Chaos) -> Self {
        ChaosEngine {
            rng: Mutex::new(fastrand::Rng::with_seed(chaos.seed)),
            chaos,
        }
    }

    /// Draws the fate of the next request.
    pub(crate) fn decide(&self) -> Decision {
        let mut rng = self.rng.lock().unwrap_or_else(PoisonError::into_inner);
        let chaos = &self.chaos;
        let mut draw = rng.f64();
        if draw < chaos.rate_limited {
            // `max_retry_after + 1` stands for "no header".
            let seconds = rng.u32(0..=chaos.max_retry_after.saturating_add(1));
            let retry_after = (seconds <= chaos.max_retry_after).then_some(seconds);
            return Decision::RateLimited(retry_after);
        }
        draw -= chaos.rate_limited;
        if draw < chaos.unavailable {
            return Decision::Unavailable;
        }
        draw -= chaos.unavailable;
        if draw < chaos.reset {
            return Decision::Reset {
                at_most: rng.usize(0..=CUT_WITHIN),
                flush: rng.bool(),
            };
        }
        draw -= chaos.reset;
        if draw < chaos.slow {
            let most = u64::try_from(chaos.max_delay.as_micros()).unwrap_or(u64::MAX);
            return Decision::Slow(Duration::from_micros(rng.u64(0..=most)));
        }
        Decision::Pass
    }
}

#[cfg(test)]
mod tests {
    use axum::http::header::RETRY_AFTER;
    use axum::response::IntoResponse;

    use super::*;

    fn sample(chaos: &Chaos, n: usize) -> Vec<Decision> {
        let engine = ChaosEngine::new(chaos.clone());
        (0..n).map(|_| engine.decide()).collect()
    }

    fn busy(seed: u64) -> Chaos {
        Chaos::builder(seed)
            .rate_limited(0.1)
            .max_retry_after(2)
            .unavailable(0.1)
            .reset(0.1)
            .slow(0.1, Duration::from_millis(40))
            .build()
            .expect("valid")
    }

    #[test]
    fn probabilities_out_of_range_are_refused() {
        for value in [-0.1, 1.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let error = Chaos::builder(1).reset(value).build().unwrap_err();
            assert!(
                matches!(error, ChaosError::InvalidProbability { fault: "reset", .. }),
                "{value}: {error}"
            );
        }
        let error = Chaos::builder(1)
            .slow(2.0, Duration::ZERO)
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("slow"), "{error}");
    }

    #[test]
    fn probabilities_must_add_up_to_at_most_one() {
        let error = Chaos::builder(1)
            .rate_limited(0.6)
            .unavailable(0.5)
            .build()
            .unwrap_err();
        assert!(matches!(error, ChaosError::TotalAboveOne { total } if (total - 1.1).abs() < 1e-9));
        let full = Chaos::builder(1)
            .rate_limited(0.7)
            .unavailable(0.2)
            .reset(0.1)
            .build();
        assert!(full.is_ok(), "rounding is tolerated: {full:?}");
    }

    #[test]
    fn the_same_seed_draws_the_same_decisions() {
        assert_eq!(sample(&busy(42), 500), sample(&busy(42), 500));
        assert_ne!(sample(&busy(42), 500), sample(&busy(43), 500));
    }

    #[test]
    fn no_probabilities_means_no_faults_and_certainty_means_always() {
        let calm = Chaos::builder(5).build().expect("valid");
        assert!(sample(&calm, 1000).iter().all(|d| *d == Decision::Pass));
        let always = Chaos::builder(5).unavailable(1.0).build().expect("valid");
        assert!(
            sample(&always, 1000)
                .iter()
                .all(|d| *d == Decision::Unavailable)
        );
    }

    #[test]
    fn every_fault_shows_up_within_its_bounds() {
        let decisions = sample(&busy(9), 4000);
        let count = |f: fn(&Decision) -> bool| decisions.iter().filter(|d| f(d)).count();
        for n in [
            count(|d| matches!(d, Decision::RateLimited(_))),
            count(|d| matches!(d, Decision::Unavailable)),
            count(|d| matches!(d, Decision::Reset { .. })),
            count(|d| matches!(d, Decision::Slow(_))),
        ] {
            // 10% of 4000, give or take far more than the binomial spread (~19).
            assert!((300..=500).contains(&n), "{n}");
        }
        assert!(count(|d| matches!(d, Decision::RateLimited(None))) > 0);
        assert!(count(|d| matches!(d, Decision::RateLimited(Some(2)))) > 0);
        assert!(decisions.iter().all(|d| match d {
            Decision::RateLimited(Some(s)) => *s <= 2,
            Decision::Slow(delay) => *delay <= Duration::from_millis(40),
            _ => true,
        }));
    }

    #[tokio::test]
    async fn answers_are_429_503_or_cut() {
        let limited = Decision::RateLimited(Some(1)).early_answer().expect("429");
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers()[RETRY_AFTER], "1");
        let bare = Decision::RateLimited(None).early_answer().expect("429");
        assert!(bare.headers().get(RETRY_AFTER).is_none());
        let unavailable = Decision::Unavailable.early_answer().expect("503");
        assert_eq!(unavailable.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(Decision::Pass.early_answer().is_none());

        for flush in [false, true] {
            let whole = "0123456789".into_response();
            let cut = Decision::Reset { at_most: 4, flush }.finish(whole).await;
            assert_eq!(cut.status(), StatusCode::OK);
            let error = axum::body::to_bytes(cut.into_body(), 100)
                .await
                .expect_err("the body ends in an error");
            assert!(error.to_string().contains("reset"), "{error}");
        }
    }

    #[tokio::test]
    async fn a_reset_closes_the_connection_before_the_answer_is_complete() {
        let key = crate::TestKey::generate("CHAOSKEY01").expect("key");
        let chaos = Chaos::builder(3).reset(1.0).build().expect("valid");
        let sandbox = crate::Sandbox::individual(&key.key_id, &key.public_key_pem)
            .expect("sandbox")
            .chaos(chaos)
            .start()
            .await
            .expect("starts");
        let http = reqwest::Client::new();
        let url = format!("{}/v1/apps", sandbox.base_url());
        let (mut before_head, mut mid_body) = (0, 0);
        for _ in 0..8 {
            match http.get(&url).send().await {
                Ok(answer) => {
                    assert!(answer.bytes().await.is_err(), "the body must end early");
                    mid_body += 1;
                }
                Err(error) => {
                    assert!(!error.is_timeout(), "{error}");
                    before_head += 1;
                }
            }
        }
        // Seed 3 draws both kinds of reset in its first eight decisions.
        assert!(
            before_head > 0 && mid_body > 0,
            "{before_head} / {mid_body}"
        );
        assert_eq!(sandbox.request_count(), 8);
        sandbox.shutdown().await;
    }
}
