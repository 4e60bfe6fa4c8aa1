//! What happens to every request before and after routing: recording, rate budget,
//! injected and random (chaos) faults, token verification, and the headers every answer carries.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::chaos::{ChaosEngine, Decision};
use crate::errors::ApiError;
use crate::faults::fault_error;
use crate::query::parse_pairs;
use crate::record::RecordedRequest;
use crate::scope::RequestTarget;
use crate::state::Shared;

/// The `X-Rate-Limit` header name.
pub(crate) const X_RATE_LIMIT: HeaderName = HeaderName::from_static("x-rate-limit");

/// Middleware run for every request, matched or not.
pub(crate) async fn pipeline(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let (index, authorized) = admit(&shared, &request);
    let remaining = shared.rate.take();
    let chaos = shared.chaos.as_ref().map(ChaosEngine::decide);
    let mut response = if let Some(fault) = shared.faults.pop() {
        fault.response()
    } else if let Some(answer) = chaos.as_ref().and_then(Decision::early_answer) {
        answer
    } else if !authorized {
        ApiError::not_authorized().into_response()
    } else if remaining.is_none() {
        fault_error(StatusCode::TOO_MANY_REQUESTS).into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(X_RATE_LIMIT, shared.rate.header(remaining.unwrap_or(0)));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    shared.log.finish(index, response.status().as_u16());
    match chaos {
        Some(decision) => decision.finish(response).await,
        None => response,
    }
}

/// Verifies the token and records the request; returns its log index and whether the
/// token passed.
fn admit(shared: &Shared, request: &Request) -> (usize, bool) {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let raw_query = request.uri().query().map(str::to_owned);
    let query = parse_pairs(raw_query.as_deref());
    let target = RequestTarget {
        method: &method,
        path: &path,
        query: &query,
    };
    let verdict = shared
        .verifier
        .verify(request.headers().get(AUTHORIZATION), &target, now());
    if let Err(rule) = &verdict {
        tracing::debug!(%rule, %method, %path, "bearer token rejected");
    }
    let authorized = verdict.is_ok();
    let index = shared.log.begin(RecordedRequest {
        method,
        path,
        raw_query,
        query,
        authorized,
        status: 0,
    });
    (index, authorized)
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}
