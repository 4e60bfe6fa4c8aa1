//! A tiny scripted HTTP server on 127.0.0.1 for the integration tests.
//!
//! The server runs as a task of the test's Tokio runtime, so it stops when the test ends.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, Response, StatusCode};
use connector_runtime::{Client, Credentials, PrivateKey, RetryPolicy};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Option<Duration>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: None,
        }
    }

    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Reply::new(status, body.to_string()).header("content-type", "application/json")
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn rate_limited(self, remaining: u64) -> Self {
        self.header(
            "x-rate-limit",
            format!("user-hour-lim:3600;user-hour-rem:{remaining};"),
        )
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

pub type Log = Arc<Mutex<Vec<Recorded>>>;

/// Starts a server answering request number `n` (from 0) with `respond(n, &request)`.
/// Returns its base URL (`http://127.0.0.1:PORT`) and the log of requests.
pub async fn serve<F>(respond: F) -> (String, Log)
where
    F: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
{
    let log: Log = Arc::default();
    let respond = Arc::new(respond);
    let router_log = Arc::clone(&log);
    let router = Router::new().fallback(move |request: Request<Body>| {
        let log = Arc::clone(&router_log);
        let respond = Arc::clone(&respond);
        async move { answer(&log, respond.as_ref(), request).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}"), log)
}

async fn answer<F>(log: &Log, respond: &F, request: Request<Body>) -> Response<Body>
where
    F: Fn(usize, &Recorded) -> Reply,
{
    let recorded = Recorded {
        method: request.method().clone(),
        path: request.uri().path().to_owned(),
        query: request.uri().query().map(str::to_owned),
        headers: request.headers().clone(),
    };
    let reply = {
        let mut log = log.lock().expect("log lock");
        let reply = respond(log.len(), &recorded);
        log.push(recorded);
        reply
    };
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response =
        Response::builder().status(StatusCode::from_u16(reply.status).expect("status"));
    for (name, value) in reply.headers {
        response = response.header(name, value);
    }
    response.body(Body::from(reply.body)).expect("response")
}

/// Team credentials with a fresh throwaway key.
pub fn credentials() -> Credentials {
    Credentials::team(
        "TESTKEY123",
        "69a6de70-03db-47e3-e053-5b8c7c11a4d1",
        PrivateKey::generate().expect("generate key"),
    )
}

/// A client for `base_url` with fresh credentials.
pub fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(credentials())
        .build()
        .expect("client builds")
}

/// Retries quickly: up to `max_retries`, waits of at most 5 ms, 1 s in all.
pub fn fast_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(max_retries)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
        .with_max_elapsed(Duration::from_secs(1))
}

/// A client for `base_url` with fresh credentials and `policy`.
pub fn client_with(base_url: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(credentials())
        .retry_policy(policy)
        .build()
        .expect("client builds")
}

/// A GET request carrying the JWT in `Authorization: Bearer`.
pub fn get(operation: &'static str, path: &str) -> connector_runtime::Request {
    let mut request =
        connector_runtime::Request::new(operation, connector_runtime::Method::GET, path);
    request.credential_header("authorization", "Bearer ", "");
    request
}

/// Requests the log recorded so far.
pub fn recorded(log: &Log) -> Vec<Recorded> {
    log.lock().expect("log lock").clone()
}
