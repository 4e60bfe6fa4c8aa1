//! Injected failures: the next N requests answer with an Apple-shaped error.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;

/// One injected failure.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    status: StatusCode,
    retry_after: Option<HeaderValue>,
}

impl Fault {
    /// A failure answering `status`, with `Retry-After` when given.
    pub(crate) fn new(status: StatusCode, retry_after: Option<HeaderValue>) -> Fault {
        Fault {
            status,
            retry_after,
        }
    }

    /// The Apple-shaped error answer, with `Retry-After` when configured.
    pub(crate) fn response(&self) -> Response {
        let mut response = fault_error(self.status).into_response();
        if let Some(value) = &self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, value.clone());
        }
        response
    }
}

/// Queued faults, each with how many requests it still applies to.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    queue: Mutex<VecDeque<(Fault, usize)>>,
}

impl FaultQueue {
    /// Queues `times` failures with `status` (an invalid status becomes 500).
    pub(crate) fn push(&self, status: u16, times: usize, retry_after: Option<&str>) {
        if times == 0 {
            return;
        }
        let status = StatusCode::from_u16(status).unwrap_or_else(|_| {
            tracing::warn!(status, "fail_next: invalid HTTP status, using 500");
            StatusCode::INTERNAL_SERVER_ERROR
        });
        let retry_after = retry_after.and_then(|text| {
            let value = HeaderValue::from_str(text).ok();
            if value.is_none() {
                tracing::warn!("fail_next: Retry-After is not a valid header value, omitted");
            }
            value
        });
        self.lock()
            .push_back((Fault::new(status, retry_after), times));
    }

    /// Takes the next pending fault, if any.
    pub(crate) fn pop(&self) -> Option<Fault> {
        let mut queue = self.lock();
        let (fault, left) = queue.front_mut()?;
        let fault = fault.clone();
        *left -= 1;
        if *left == 0 {
            queue.pop_front();
        }
        Some(fault)
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<(Fault, usize)>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `(status, code, title, detail)` of the errors Apple answers with, by status.
const APPLE_ERRORS: &[(u16, &str, &str, &str)] = &[
    (
        400,
        "PARAMETER_ERROR.INVALID",
        "A parameter has an invalid value",
        "The request could not be processed.",
    ),
    (
        403,
        "FORBIDDEN_ERROR",
        "This request is forbidden for security reasons",
        "The API key in use does not allow this request",
    ),
    (
        404,
        "NOT_FOUND",
        "The specified resource does not exist",
        "The path provided does not match a defined resource type.",
    ),
    (
        409,
        "ENTITY_ERROR",
        "The provided entity is invalid",
        "The request conflicts with the current state of the resource.",
    ),
    (
        422,
        "ENTITY_UNPROCESSABLE",
        "The request entity is not processable",
        "The request entity could not be processed.",
    ),
    (
        429,
        "RATE_LIMIT_EXCEEDED",
        "The request rate limit has been reached.",
        "We've received too many requests for this API. Please wait and try again or slow down your request rate.",
    ),
    (
        503,
        "SERVICE_UNAVAILABLE",
        "The service is currently unavailable",
        "The service is temporarily unavailable. Please try again later.",
    ),
];

/// Used for any other status (Apple answers 5xx as UNEXPECTED_ERROR).
const UNEXPECTED: (&str, &str, &str) = (
    "UNEXPECTED_ERROR",
    "An unexpected error occurred.",
    "An unexpected error occurred on the server side. If this issue continues, contact us at https://developer.apple.com/contact/.",
);

/// The error entry Apple answers with for `status`.
pub(crate) fn fault_error(status: StatusCode) -> ApiError {
    if status == StatusCode::UNAUTHORIZED {
        return ApiError::not_authorized();
    }
    let (code, title, detail) = APPLE_ERRORS
        .iter()
        .find(|entry| entry.0 == status.as_u16())
        .map(|&(_, code, title, detail)| (code, title, detail))
        .unwrap_or(UNEXPECTED);
    ApiError::new(status, code, title, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_consumed_in_order() {
        let queue = FaultQueue::default();
        queue.push(429, 2, Some("3"));
        queue.push(503, 1, None);
        queue.push(500, 0, None);
        let statuses: Vec<u16> = std::iter::from_fn(|| queue.pop())
            .map(|f| f.status.as_u16())
            .collect();
        assert_eq!(statuses, vec![429, 429, 503]);
    }

    #[test]
    fn rate_limit_fault_has_apple_code_and_retry_after() {
        let queue = FaultQueue::default();
        queue.push(429, 1, Some("7"));
        let response = queue.pop().expect("fault").response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[RETRY_AFTER], "7");
        assert_eq!(
            fault_error(StatusCode::TOO_MANY_REQUESTS).code,
            "RATE_LIMIT_EXCEEDED"
        );
        assert_eq!(
            fault_error(StatusCode::INTERNAL_SERVER_ERROR).code,
            "UNEXPECTED_ERROR"
        );
        assert_eq!(
            fault_error(StatusCode::SERVICE_UNAVAILABLE).code,
            "SERVICE_UNAVAILABLE"
        );
    }

    #[test]
    fn invalid_status_becomes_500() {
        let queue = FaultQueue::default();
        queue.push(42, 1, None);
        assert_eq!(
            queue.pop().expect("fault").status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
