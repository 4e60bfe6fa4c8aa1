//! Server behaviour: rate-limit header, injected faults, request log, shutdown.

use std::time::{Duration, Instant};

use crate::common::*;

fn remaining(answer: &Answer) -> u32 {
    let header = answer.headers["x-rate-limit"].to_str().expect("ascii");
    let (limit, rest) = header.split_once(';').expect("two fields");
    assert_eq!(limit, "user-hour-lim:3600");
    rest.strip_prefix("user-hour-rem:")
        .and_then(|r| r.strip_suffix(';'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected X-Rate-Limit: {header}"))
}

#[tokio::test]
async fn rate_limit_header_counts_down_on_every_answer() {
    let f = team_fixture().await;
    let token = f.team_token();
    let first = f.get("/v1/apps", Some(&token)).await;
    let second = f.get("/v1/apps/999", Some(&token)).await;
    let third = f.get("/v1/apps", None).await;
    assert_eq!(remaining(&first), 3599);
    assert_eq!(remaining(&second), 3598);
    assert_eq!(remaining(&third), 3597);
}

#[tokio::test]
async fn spent_budget_answers_429() {
    let f = team_fixture_with(|s| s.rate_limit(2)).await;
    let token = f.team_token();
    assert_eq!(f.get("/v1/apps", Some(&token)).await.status, 200);
    assert_eq!(f.get("/v1/apps", Some(&token)).await.status, 200);
    let over = f.get("/v1/apps", Some(&token)).await;
    assert_error(&over, 429, "RATE_LIMIT_EXCEEDED");
    assert_eq!(
        over.headers["x-rate-limit"],
        "user-hour-lim:2;user-hour-rem:0;"
    );
}

#[tokio::test]
async fn fail_next_429_with_retry_after_then_success() {
    let f = team_fixture().await;
    let token = f.team_token();
    f.sandbox.fail_next(429, 2, Some("2"));
    for _ in 0..2 {
        let answer = f.get("/v1/apps", Some(&token)).await;
        let entry = assert_error(&answer, 429, "RATE_LIMIT_EXCEEDED");
        assert_eq!(entry["title"], "The request rate limit has been reached.");
        assert_eq!(answer.headers["retry-after"], "2");
        assert!(answer.headers.contains_key("x-rate-limit"));
    }
    let ok = f.get("/v1/apps", Some(&token)).await;
    assert_eq!(ok.status, 200);
    let statuses: Vec<u16> = f.sandbox.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 429, 200]);
}

#[tokio::test]
async fn faults_apply_regardless_of_auth_and_path() {
    let f = team_fixture().await;
    f.sandbox.fail_next(503, 1, None);
    f.sandbox.fail_next(500, 1, None);
    let unavailable = f.get("/nowhere", None).await;
    assert_error(&unavailable, 503, "SERVICE_UNAVAILABLE");
    assert!(!unavailable.headers.contains_key("retry-after"));
    let unexpected = f.get("/v1/apps", Some(&f.team_token())).await;
    assert_error(&unexpected, 500, "UNEXPECTED_ERROR");
    let requests = f.sandbox.requests();
    assert!(!requests[0].authorized);
    assert!(requests[1].authorized);
    assert_not_authorized(&f.get("/v1/apps", None).await);
}

#[tokio::test]
async fn requests_are_recorded_with_decoded_query_and_no_token() {
    let f = team_fixture().await;
    let token = f.team_token();
    f.get(
        "/v1/apps?filter%5Bname%5D=Caf%C3%A9+Finder&limit=2",
        Some(&token),
    )
    .await;
    f.get("/v1/apps/1500000001", None).await;
    assert_eq!(f.sandbox.request_count(), 2);
    let requests = f.sandbox.requests();
    let first = &requests[0];
    assert_eq!(first.method, "GET");
    assert_eq!(first.path, "/v1/apps");
    assert_eq!(
        first.raw_query.as_deref(),
        Some("filter%5Bname%5D=Caf%C3%A9+Finder&limit=2")
    );
    assert_eq!(
        first.query,
        vec![
            ("filter[name]".to_owned(), "Café Finder".to_owned()),
            ("limit".to_owned(), "2".to_owned()),
        ]
    );
    assert!(first.authorized);
    assert_eq!(first.status, 200);
    assert_eq!(requests[1].status, 401);
    assert!(!requests[1].authorized);
    assert_eq!(requests[1].raw_query, None);
    let dump = format!("{requests:?}");
    assert!(!dump.contains(&token));
    let signature = token.rsplit('.').next().expect("signature");
    assert!(!dump.contains(signature));
    assert!(!dump.to_lowercase().contains("bearer"));
}

/// Polls until connecting to `addr` fails (the listener is closed) or two seconds pass.
async fn wait_until_closed(addr: std::net::SocketAddr) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let f = team_fixture().await;
    let addr = f.sandbox.addr();
    assert_eq!(f.get("/v1/apps", Some(&f.team_token())).await.status, 200);
    let Fixture {
        sandbox, client, ..
    } = f;
    drop(sandbox);
    assert!(
        wait_until_closed(addr).await,
        "listener still open after drop"
    );
    let url = format!("http://{addr}/v1/apps");
    assert!(client.get(url).send().await.is_err());
}

#[tokio::test]
async fn shutdown_closes_the_listener_before_returning() {
    let f = team_fixture().await;
    let addr = f.sandbox.addr();
    assert_eq!(f.get("/v1/apps", Some(&f.team_token())).await.status, 200);
    let started = Instant::now();
    f.sandbox.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "shutdown waited on keep-alive connections"
    );
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_concurrent_clients_on_a_multi_thread_runtime() {
    let f = team_fixture().await;
    let token = f.team_token();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (client, url, token) = (f.client.clone(), f.url("/v1/apps"), token.clone());
        tasks.spawn(async move {
            let response = client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("send");
            let header = response.headers()["x-rate-limit"]
                .to_str()
                .expect("ascii")
                .to_owned();
            (response.status().as_u16(), header)
        });
    }
    let mut remaining = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let (status, header) = joined.expect("task");
        assert_eq!(status, 200);
        remaining.push(header);
    }
    remaining.sort();
    let expected: Vec<String> = (3592..=3599)
        .map(|n| format!("user-hour-lim:3600;user-hour-rem:{n};"))
        .collect();
    assert_eq!(remaining, expected);
    assert_eq!(f.sandbox.request_count(), 8);
}
