//! Retries of `Client::execute`: which outcomes are retried, how long it waits, and
//! when it gives up.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::{Reply, client_with, fast_retries, get, recorded, serve};
use connector_runtime::{Client, Error, Method, Request, RetryPolicy};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn unavailable() -> Reply {
    Reply::json(
        503,
        json!({"errors": [{"status": "503", "code": "SERVICE_UNAVAILABLE",
            "title": "The service is unavailable."}]}),
    )
    .rate_limited(41)
}

fn too_many() -> Reply {
    Reply::json(
        429,
        json!({"errors": [{"status": "429", "code": "RATE_LIMIT_EXCEEDED",
            "title": "The request rate limit has been reached."}]}),
    )
}

fn request(method: Method) -> Request {
    let mut request = Request::new("Op", method, "/v1/things");
    request.credential_header("authorization", "Bearer ", "");
    request
}

#[tokio::test]
async fn rate_limit_with_retry_after_zero_is_retried_under_the_default_policy() {
    let (base, log) = serve(|n, _| match n {
        0 => too_many().header("retry-after", "0"),
        _ => Reply::json(200, json!({"data": []})),
    })
    .await;
    let client = client_with(&base, RetryPolicy::default());
    let started = Instant::now();
    let response = client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("retried");
    assert_eq!(response.status, 200);
    assert_eq!(recorded(&log).len(), 2);
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "Retry-After 0 is not a 500 ms backoff"
    );
}

#[tokio::test]
async fn rate_limit_without_retry_after_is_retried_with_backoff() {
    let (base, log) = serve(|n, _| match n {
        0 => too_many(),
        _ => Reply::json(200, json!({"data": []})),
    })
    .await;
    let response = client_with(&base, fast_retries(4))
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("retried");
    assert_eq!(response.status, 200);
    assert_eq!(recorded(&log).len(), 2);
}

#[tokio::test]
async fn persistent_503_gives_up_after_max_retries_with_the_last_answer() {
    let (base, log) = serve(|_, _| unavailable()).await;
    let policy = fast_retries(3);
    let started = Instant::now();
    let error = client_with(&base, policy)
        .execute::<Value>(get("Apps_List", "/v1/apps"))
        .await
        .expect_err("gives up");
    assert!(started.elapsed() < policy.max_elapsed);
    assert_eq!(recorded(&log).len(), 4, "max_retries + 1 attempts");
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status, 503);
    assert_eq!(error.rate_limit().map(|limit| limit.remaining), Some(41));
}

#[tokio::test]
async fn a_wait_past_max_elapsed_is_not_started() {
    let (base, log) = serve(|_, _| unavailable().header("retry-after", "1")).await;
    let policy = fast_retries(4)
        .with_max_delay(Duration::from_secs(5))
        .with_max_elapsed(Duration::from_millis(300));
    let started = Instant::now();
    let error = client_with(&base, policy)
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect_err("gives up at once");
    assert_eq!(error.status(), Some(503));
    assert_eq!(recorded(&log).len(), 1);
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn retry_after_is_capped_at_max_delay() {
    let (base, log) = serve(|n, _| match n {
        0 => unavailable().header("retry-after", "3600"),
        1 => Reply::new(502, "").header("retry-after", "Wed, 21 Oct 2099 07:28:00 GMT"),
        2 => Reply::new(504, "").header("retry-after", "soon"),
        _ => Reply::json(200, json!({})),
    })
    .await;
    let started = Instant::now();
    client_with(&base, fast_retries(4))
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("retried past 503, 502 and 504");
    assert_eq!(recorded(&log).len(), 4);
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn post_and_patch_answers_are_never_retried() {
    for method in [Method::POST, Method::PATCH] {
        let (base, log) = serve(|_, _| unavailable()).await;
        let mut request = request(method.clone());
        request.json_body(&json!({"data": {}})).expect("body");
        let error = client_with(&base, fast_retries(4))
            .execute::<Value>(request)
            .await
            .expect_err("503");
        assert_eq!(error.status(), Some(503));
        assert_eq!(recorded(&log).len(), 1, "{method} is not retried");
    }
}

#[tokio::test]
async fn put_and_delete_answers_are_retried() {
    for method in [Method::PUT, Method::DELETE] {
        let (base, log) = serve(|n, _| match n {
            0 => Reply::new(502, "bad gateway"),
            _ => Reply::new(204, ""),
        })
        .await;
        let response = client_with(&base, fast_retries(4))
            .execute::<()>(request(method.clone()))
            .await
            .expect("retried");
        assert_eq!(response.status, 204);
        assert_eq!(recorded(&log).len(), 2, "{method}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let (base, log) = serve(|_, _| Reply::new(500, "oops")).await;
    let error = client_with(&base, fast_retries(4))
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect_err("500");
    assert_eq!(error.status(), Some(500));
    assert_eq!(recorded(&log).len(), 1);
}

#[tokio::test]
async fn the_401_re_mint_does_not_use_the_retry_budget() {
    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(
            401,
            json!({"errors": [{"status": "401", "code": "NOT_AUTHORIZED",
            "title": "no"}]}),
        ),
        1 => unavailable(),
        _ => Reply::json(200, json!({})),
    })
    .await;
    let client = client_with(&base, fast_retries(1));
    client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("401, 503, then 200");
    assert_eq!(recorded(&log).len(), 3);
    assert_eq!(client.minted_tokens(), 2);

    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(401, json!({"errors": []})),
        _ => Reply::json(200, json!({})),
    })
    .await;
    client_with(&base, RetryPolicy::none())
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("the re-mint works without retries");
    assert_eq!(recorded(&log).len(), 2);
}

/// A port where nothing listens yet, and a server that starts there after `delay` and
/// counts the requests it answers.
async fn late_server(delay: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        let listener = TcpListener::bind(address).await.expect("rebind the port");
        let router = axum::Router::new().fallback(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { axum::Json(json!({})) }
        });
        axum::serve(listener, router).await
    });
    (format!("http://{address}"), seen)
}

#[tokio::test]
async fn refused_connections_are_retried_even_for_post() {
    for method in [Method::GET, Method::POST] {
        let (base, seen) = late_server(Duration::from_millis(100)).await;
        let policy = RetryPolicy::default()
            .with_max_retries(40)
            .with_base_delay(Duration::from_millis(20))
            .with_max_delay(Duration::from_millis(40))
            .with_max_elapsed(Duration::from_millis(1500));
        let client = Client::builder()
            .base_url(&base)
            .retry_policy(policy)
            .build()
            .expect("client");
        let started = Instant::now();
        let response = client
            .execute::<Value>(Request::new("op", method.clone(), "/v1/apps"))
            .await
            .expect("retried until the server is up");
        assert_eq!(response.status, 200, "{method}");
        assert!(
            started.elapsed() >= Duration::from_millis(100),
            "the first attempt was refused"
        );
        assert_eq!(
            seen.load(Ordering::SeqCst),
            1,
            "refused attempts never arrive"
        );
    }
}

/// A raw HTTP/1.1 server that reads each request and closes the first `drop_first`
/// connections without answering (reset if `reset`); later ones get `200 {}`.
async fn hanging_up_server(drop_first: usize, reset: bool) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(answer_or_hang_up(stream, n >= drop_first, reset));
        }
    });
    (format!("http://{address}"), seen)
}

async fn answer_or_hang_up(mut stream: TcpStream, answer: bool, reset: bool) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => request.extend_from_slice(&buffer[..read]),
        }
    }
    if answer {
        let reply = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
        let _ = stream.write_all(reply.as_bytes()).await;
    } else if reset {
        let _ = stream.set_zero_linger();
    }
}

#[tokio::test]
async fn lost_connections_are_retried_for_get_only() {
    for reset in [false, true] {
        let (base, seen) = hanging_up_server(1, reset).await;
        let client = client_with(&base, fast_retries(2));
        client
            .execute::<Value>(get("op", "/v1/apps"))
            .await
            .expect("GET is retried after the server hung up");
        assert_eq!(seen.load(Ordering::SeqCst), 2, "reset: {reset}");

        let (base, seen) = hanging_up_server(1, reset).await;
        let mut post = request(Method::POST);
        post.json_body(&json!({})).expect("body");
        let error = client_with(&base, fast_retries(2))
            .execute::<Value>(post)
            .await
            .expect_err("POST may have been received: not retried");
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        assert_eq!(seen.load(Ordering::SeqCst), 1, "reset: {reset}");
    }
}
