//! The `tracing` spans and events of request attempts.
//!
//! Each attempt gets an INFO span named `request` with the fields `operation`, `method`,
//! `path` (no query string, no host) and `attempt` (from 1), plus `status` and
//! `rate_limit_remaining` once the answer is in. Nothing here ever records a token, a
//! key, a header value or a full URL.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tracing::Span;
use tracing::field::Empty;
use url::Url;

use crate::error::Error;
use crate::rate_limit::RateLimit;
use crate::request::Request;
use crate::retry::RetryReason;

/// The span of attempt number `attempt` (from 1) of `request`, sent to `url`.
pub(crate) fn attempt_span(request: &Request, url: &Url, attempt: u32) -> Span {
    tracing::info_span!(
        "request",
        operation = request.operation(),
        method = %request.method(),
        path = url.path(),
        attempt,
        status = Empty,
        rate_limit_remaining = Empty,
    )
}

/// Records the answer's status and rate limit on `span` and logs the completed attempt.
pub(crate) fn answered(span: &Span, status: StatusCode, headers: &HeaderMap, elapsed: Duration) {
    span.record("status", status.as_u16());
    let remaining = RateLimit::from_headers(headers).map(|limit| limit.remaining);
    if let Some(remaining) = remaining {
        span.record("rate_limit_remaining", remaining);
    }
    span.in_scope(|| {
        tracing::info!(
            status = status.as_u16(),
            elapsed_ms = millis(elapsed),
            "answer received"
        );
    });
}

/// Logs an attempt that produced no answer (connection or timeout failure). Only the
/// innermost cause is shown: reqwest's own message contains the full URL.
pub(crate) fn failed(span: &Span, error: &Error, elapsed: Duration) {
    span.in_scope(|| {
        tracing::info!(
            elapsed_ms = millis(elapsed),
            timeout = error.is_timeout(),
            cause = %root_cause(error),
            "attempt failed without an answer"
        );
    });
}

/// The last error of the source chain below reqwest's error, e.g. `Connection refused
/// (os error 111)`.
fn root_cause(error: &Error) -> String {
    let below_reqwest = std::error::Error::source(error).and_then(|reqwest| reqwest.source());
    let Some(mut current) = below_reqwest else {
        return "no further detail".to_owned();
    };
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// Logs that the attempt of `span` is followed by a retry after `delay`.
pub(crate) fn retrying(span: &Span, reason: RetryReason, delay: Duration, retry: u32) {
    span.in_scope(|| {
        tracing::warn!(
            reason = %reason,
            delay_ms = millis(delay),
            retry,
            "retrying after a transient failure"
        );
    });
}

/// Logs that a retryable outcome is returned because the retry budget is spent.
pub(crate) fn giving_up(span: &Span, reason: RetryReason, retries: u32) {
    span.in_scope(|| {
        tracing::warn!(
            reason = %reason,
            retries,
            "not retrying: the retry policy's budget is spent"
        );
    });
}

/// Logs that a 401 made the client drop its token and send the request again.
pub(crate) fn reminting(span: &Span) {
    span.in_scope(|| {
        tracing::debug!("token rejected with 401; retrying once with a new one");
    });
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
