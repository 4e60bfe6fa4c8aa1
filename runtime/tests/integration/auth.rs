//! Token handling of `Client`: verification by a server, 401 retry, caching.

use std::sync::Arc;

use crate::common::{Reply, client, credentials, get, recorded, serve};
use connector_runtime::{Client, Error};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Value, json};

fn bearer(seen: &crate::common::Recorded) -> String {
    seen.header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .expect("bearer token")
        .to_owned()
}

#[tokio::test]
async fn token_on_the_wire_verifies_with_the_public_key() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let credentials = credentials();
    let public = credentials.private_key().public_key_bytes().to_vec();
    let client = Client::builder()
        .base_url(&base)
        .credentials(credentials)
        .build()
        .expect("client");
    client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("ok");
    let token = bearer(&recorded(&log)[0]);
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&["appstoreconnect-v1"]);
    let claims =
        jsonwebtoken::decode::<Value>(&token, &DecodingKey::from_ec_der(&public), &validation)
            .expect("valid signature")
            .claims;
    assert_eq!(claims["iss"], "69a6de70-03db-47e3-e053-5b8c7c11a4d1");
    let header = jsonwebtoken::decode_header(&token).expect("header");
    assert_eq!(header.kid.as_deref(), Some("TESTKEY123"));
}

#[tokio::test]
async fn unauthorized_is_retried_once_with_a_new_token() {
    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(
            401,
            json!({"errors": [{"status": "401", "code": "NOT_AUTHORIZED",
            "title": "Authentication credentials are missing or invalid."}]}),
        ),
        _ => Reply::json(200, json!({"data": []})),
    })
    .await;
    let client = client(&base);
    let response = client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("retried");
    assert_eq!(response.status, 200);
    let seen = recorded(&log);
    assert_eq!(seen.len(), 2, "exactly one retry");
    assert_ne!(bearer(&seen[0]), bearer(&seen[1]), "fresh token on retry");
    assert_eq!(client.minted_tokens(), 2);
    assert_eq!(
        client.bearer_token().await.expect("token"),
        bearer(&seen[1])
    );
}

#[tokio::test]
async fn persistent_401_is_reported_after_one_retry() {
    let (base, log) = serve(|_, _| {
        Reply::json(
            401,
            json!({"errors": [{"status": "401", "code": "NOT_AUTHORIZED",
            "title": "nope"}]}),
        )
    })
    .await;
    let client = client(&base);
    let error = client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect_err("401");
    assert!(
        matches!(&error, Error::Api(api) if api.status == 401 && api.has_code("NOT_AUTHORIZED"))
    );
    assert_eq!(recorded(&log).len(), 2);
    assert_eq!(client.minted_tokens(), 2);
}

#[tokio::test]
async fn unauthenticated_requests_are_not_retried() {
    let (base, log) = serve(|_, _| Reply::json(401, json!({"errors": [{"code": "X"}]}))).await;
    let request = connector_runtime::Request::new("op", connector_runtime::Method::GET, "/v1/x");
    let error = client(&base)
        .execute::<Value>(request)
        .await
        .expect_err("401");
    assert_eq!(error.status(), Some(401));
    assert_eq!(recorded(&log).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_requests_mint_one_token() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({"ok": true}))).await;
    let client = Arc::new(client(&base));
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let client = Arc::clone(&client);
            tokio::spawn(async move {
                let path = format!("/v1/apps/{i}");
                client.execute::<Value>(get("op", &path)).await
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task").expect("request");
    }
    assert_eq!(client.minted_tokens(), 1);
    let seen = recorded(&log);
    assert_eq!(seen.len(), 100);
    let first = bearer(&seen[0]);
    assert!(seen.iter().all(|request| bearer(request) == first));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_401s_cause_a_single_re_mint() {
    // The server rejects the first token it ever sees and accepts any other.
    let first_token = std::sync::Mutex::new(None::<String>);
    let (base, log) = serve(move |_, request| {
        let token = bearer(request);
        let mut first = first_token.lock().expect("lock");
        if first.get_or_insert_with(|| token.clone()) == &token {
            Reply::json(401, json!({"errors": [{"code": "NOT_AUTHORIZED"}]}))
        } else {
            Reply::json(200, json!({}))
        }
    })
    .await;
    let client = Arc::new(client(&base));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.execute::<Value>(get("op", "/v1/apps")).await })
        })
        .collect();
    for task in tasks {
        task.await.expect("task").expect("succeeds after one retry");
    }
    assert_eq!(client.minted_tokens(), 2);
    assert!(recorded(&log).len() <= 40);
}

#[tokio::test]
async fn debug_output_never_contains_the_token() {
    let (base, _log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let client = client(&base);
    client
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect("ok");
    let token = client.bearer_token().await.expect("token");
    let debug = format!("{client:?}");
    assert!(!debug.contains(&token), "{debug}");
    assert!(!debug.contains(token.split('.').nth(2).expect("signature")));
    assert!(debug.contains("PrivateKey(<redacted>)"));
    assert!(debug.contains("TESTKEY123"));
}
