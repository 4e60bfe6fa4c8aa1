//! Sending one request: the attempts, the App Store Connect 401 re-mint and the retries
//! between them.

use std::time::{Instant, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tracing::{Instrument as _, Span};
use url::Url;

use crate::auth::{Secret, Token};
use crate::body;
use crate::client::Client;
use crate::error::Error;
use crate::pending::Sending;
use crate::redirect;
use crate::request::Request;
use crate::response::{self, Response};
use crate::retry::{self, Budget, RetryReason};
use crate::trace;

/// The raw outcome of one attempt that got an answer.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    /// The body, read whole; empty while `open` holds it.
    pub(crate) body: Bytes,
    /// A successful answer whose body is still to be read, when the caller streams it.
    pub(crate) open: Option<reqwest::Response>,
}

/// Whether a successful answer's body is read whole or left open for streaming. Error
/// answers are always read whole, to be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SuccessBody {
    Read,
    Open,
}

impl Client {
    /// [`Client::execute`] for a request that may have failed to build (then nothing is
    /// sent), as a named future: what generated requests' `send` returns.
    pub fn send_json<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Result<Request, Error>,
    ) -> Sending<Response<T>> {
        let client = self.clone();
        Sending::new(async move { client.execute(request?).await })
    }

    /// [`Client::execute_text`] for a request that may have failed to build.
    pub fn send_text(&self, request: Result<Request, Error>) -> Sending<Response<String>> {
        let client = self.clone();
        Sending::new(async move { client.execute_text(request?).await })
    }

    /// [`Client::execute_bytes`] for a request that may have failed to build.
    pub fn send_bytes(&self, request: Result<Request, Error>) -> Sending<Response<Vec<u8>>> {
        let client = self.clone();
        Sending::new(async move { client.execute_bytes(request?).await })
    }

    /// [`Client::execute_with`] for a request that may have failed to build.
    pub fn send_with<T: Send + 'static>(
        &self,
        request: Result<Request, Error>,
        decode: impl FnOnce(StatusCode, &[u8]) -> Result<T, String> + Send + 'static,
    ) -> Sending<Response<T>> {
        let client = self.clone();
        Sending::new(async move { client.execute_with(request?, decode).await })
    }

    /// Sends `request` (retrying as the policy allows) and decodes a successful body with
    /// `decode`, given the status and the bytes; error answers are decoded as usual. Generated
    /// code uses it for bodies that are not one JSON type (several success statuses, text,
    /// bytes).
    ///
    /// # Errors
    ///
    /// As [`Client::execute`]; a `decode` failure is [`Error::UndecodableBody`].
    pub async fn execute_with<T>(
        &self,
        request: Request,
        decode: impl FnOnce(StatusCode, &[u8]) -> Result<T, String>,
    ) -> Result<Response<T>, Error> {
        let url = self.url_for(&request)?;
        self.execute_at(&request, &url, decode).await
    }

    /// Sends `request` and returns the successful body as bytes.
    ///
    /// # Errors
    ///
    /// As [`Client::execute`].
    pub async fn execute_bytes(&self, request: Request) -> Result<Response<Vec<u8>>, Error> {
        let url = self.url_for(&request)?;
        let answer = self
            .send_with_retries(&request, &url, SuccessBody::Read)
            .await?;
        let body = answer.body;
        let response = response::decode_with(
            request.operation(),
            answer.status,
            answer.headers,
            &body,
            |_, _| Ok(()),
        )?;
        Ok(Response {
            status: response.status,
            headers: response.headers,
            body: Vec::from(body),
        })
    }

    /// Sends `request` and returns the successful body as UTF-8 text.
    ///
    /// # Errors
    ///
    /// As [`Client::execute`]; a body that is not UTF-8 is [`Error::UndecodableBody`].
    pub async fn execute_text(&self, request: Request) -> Result<Response<String>, Error> {
        self.execute_with(request, |_, bytes| response::text(bytes))
            .await
    }

    /// Sends `request` to `url` (retrying as the policy allows) and decodes the last
    /// outcome, a successful body with `decode`.
    pub(crate) async fn execute_at<T>(
        &self,
        request: &Request,
        url: &Url,
        decode: impl FnOnce(StatusCode, &[u8]) -> Result<T, String>,
    ) -> Result<Response<T>, Error> {
        let answer = self
            .send_with_retries(request, url, SuccessBody::Read)
            .await?;
        response::decode_with(
            request.operation(),
            answer.status,
            answer.headers,
            &answer.body,
            decode,
        )
    }

    /// Attempts until an outcome is final: not retryable, or the budget is spent.
    pub(crate) async fn send_with_retries(
        &self,
        request: &Request,
        url: &Url,
        success: SuccessBody,
    ) -> Result<Answer, Error> {
        let mut budget = Budget::start(self.retry_policy());
        let mut reminted = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = trace::attempt_span(request, url, attempt);
            let secret = self.secret_for(request).instrument(span.clone()).await?;
            let outcome = self
                .attempt(request, url, secret.as_ref(), success, &span)
                .await;
            if !reminted && let Some(rejected) = rejected_token(&outcome, secret.as_ref()) {
                reminted = true;
                trace::reminting(&span);
                self.invalidate_token(rejected).await;
                continue;
            }
            let Some(reason) = retry_reason(request, &outcome) else {
                return outcome;
            };
            let asked = outcome
                .as_ref()
                .ok()
                .and_then(|answer| retry::retry_after(&answer.headers, SystemTime::now()));
            let Some(delay) = budget.next_delay(asked) else {
                trace::giving_up(&span, reason, budget.retries());
                return outcome;
            };
            trace::retrying(&span, reason, delay, budget.retries());
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt inside `span`: send, read the body (unless `success` leaves a
    /// successful one open), log the outcome.
    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        secret: Option<&Secret>,
        success: SuccessBody,
        span: &Span,
    ) -> Result<Answer, Error> {
        let started = Instant::now();
        let outcome = self
            .send_and_read(request, url, secret, success)
            .instrument(span.clone())
            .await;
        match &outcome {
            Ok(answer) => trace::answered(span, answer.status, &answer.headers, started.elapsed()),
            Err(error) => trace::failed(span, error, started.elapsed()),
        }
        outcome
    }

    async fn send_and_read(
        &self,
        request: &Request,
        url: &Url,
        secret: Option<&Secret>,
        success: SuccessBody,
    ) -> Result<Answer, Error> {
        let mut answer = self.send(request, url, secret).await?;
        let status = answer.status();
        let headers = std::mem::take(answer.headers_mut());
        if success == SuccessBody::Open && status.is_success() {
            return Ok(Answer {
                status,
                headers,
                body: Bytes::new(),
                open: Some(answer),
            });
        }
        if let Some(refused) = redirect::refused(request.operation(), url, status, &headers) {
            return Err(refused);
        }
        let body = body::read_whole(request, answer, self.max_body_size()).await?;
        Ok(Answer {
            status,
            headers,
            body,
            open: None,
        })
    }
}

/// The App Store Connect token a 401 answer rejected, if the attempt carried one. Fixed
/// secrets (API keys, bearer tokens, basic credentials) are never re-sent.
fn rejected_token<'a>(
    outcome: &Result<Answer, Error>,
    secret: Option<&'a Secret>,
) -> Option<&'a Token> {
    match outcome {
        Ok(answer) if answer.status == StatusCode::UNAUTHORIZED => secret.and_then(Secret::jwt),
        _ => None,
    }
}

fn retry_reason(request: &Request, outcome: &Result<Answer, Error>) -> Option<RetryReason> {
    match outcome {
        Ok(answer) => retry::reason_for_status(request.method(), answer.status),
        Err(error) => retry::reason_for_error(request.method(), error),
    }
}
