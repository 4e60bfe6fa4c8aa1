//! The non-JWT auth schemes on the wire: API keys in headers and query strings, bearer
//! tokens, basic credentials; no 401 retry for them; no key in errors.

use std::time::Duration;

use crate::common::{Reply, credentials, recorded, serve};
use connector_runtime::{Auth, Client, Error, Method, Request, RetryPolicy};
use serde_json::{Value, json};

/// A key with characters that need encoding in a query string.
const KEY: &str = "k3y/with+odd=chars";
const KEY_IN_QUERY: &str = "k3y%2Fwith%2Bodd%3Dchars";

fn client(base_url: &str, auth: Auth) -> Client {
    Client::builder()
        .base_url(base_url)
        .auth(auth)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn get(path: &str) -> Request {
    Request::new("op", Method::GET, path)
}

/// A base URL on 127.0.0.1 where nothing listens.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    format!("http://{}", listener.local_addr().expect("address"))
}

fn assert_hides_key(error: &Error) {
    let shown = format!("{error} | {error:?}");
    assert!(!shown.contains("k3y"), "the key leaked: {shown}");
    assert!(!shown.contains("?"), "a query string leaked: {shown}");
}

#[tokio::test]
async fn api_key_header_arrives_as_the_header() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let mut request = get("/v1/things");
    request.credential_header("x-api-key", "", "");
    client(&base, Auth::api_key(KEY))
        .execute::<Value>(request)
        .await
        .expect("ok");
    let seen = recorded(&log);
    assert_eq!(seen[0].header("x-api-key"), Some(KEY));
    assert_eq!(seen[0].query, None);
}

#[tokio::test]
async fn api_key_query_arrives_after_the_other_pairs() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let mut request = get("/v1/things");
    request
        .query("b", "2")
        .credential_query("code")
        .query("a", "x y");
    let shown = format!("{request:?}");
    client(&base, Auth::api_key(KEY))
        .execute::<Value>(request)
        .await
        .expect("ok");
    let query = recorded(&log)[0].query.clone().expect("query");
    assert_eq!(query, format!("b=2&a=x%20y&code={KEY_IN_QUERY}"));
    assert!(
        shown.contains("\"code\"") && !shown.contains("k3y"),
        "{shown}"
    );
}

#[tokio::test]
async fn bearer_and_basic_fill_the_authorization_header() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let mut bearer = get("/v1/a");
    bearer.credential_header("authorization", "Bearer ", "");
    let mut basic = get("/v1/b");
    basic.credential_header("authorization", "Basic ", "");
    let bearer_client = client(&base, Auth::bearer("t"));
    bearer_client.execute::<Value>(bearer).await.expect("ok");
    let basic_client = client(&base, Auth::basic("Aladdin", "open sesame"));
    basic_client.execute::<Value>(basic).await.expect("ok");
    let seen = recorded(&log);
    assert_eq!(seen[0].header("authorization"), Some("Bearer t"));
    assert_eq!(
        seen[1].header("authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(bearer_client.bearer_token().await.expect("value"), "t");
    assert_eq!(
        basic_client.bearer_token().await.expect("value"),
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
}

#[tokio::test]
async fn unauthorized_api_key_is_not_retried() {
    let (base, log) = serve(|_, _| Reply::json(401, json!({"errors": [{"code": "NO"}]}))).await;
    let mut request = get("/v1/things");
    request.credential_header("x-api-key", "", "");
    let client = client(&base, Auth::api_key(KEY));
    let error = client.execute::<Value>(request).await.expect_err("401");
    assert_eq!(error.status(), Some(401));
    assert_eq!(recorded(&log).len(), 1, "a fixed key is sent once");
    assert_eq!(client.minted_tokens(), 0);
}

#[tokio::test]
async fn transport_errors_of_credential_query_requests_hide_the_key() {
    let mut request = get("/v1/things");
    request.query("a", 1).credential_query("code");
    let client = client(&closed_port(), Auth::api_key(KEY));
    let error = client.execute::<Value>(request).await.expect_err("refused");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_hides_key(&error);
}

#[tokio::test]
async fn timeouts_of_credential_query_requests_hide_the_key() {
    let (base, _log) =
        serve(|_, _| Reply::json(200, json!({})).delayed(Duration::from_secs(5))).await;
    let client = Client::builder()
        .base_url(&base)
        .auth(Auth::api_key(KEY))
        .timeout(Duration::from_millis(50))
        .build()
        .expect("client");
    let mut request = get("/v1/things");
    request.credential_query("code");
    let error = client.execute::<Value>(request).await.expect_err("timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert_hides_key(&error);
}

#[tokio::test]
async fn echoed_keys_in_next_links_are_replaced_not_repeated() {
    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(
            200,
            json!({"data": [1], "links": {"next": format!("/v1/things?cursor=2&code={KEY_IN_QUERY}")}}),
        ),
        _ => Reply::json(200, json!({"data": [2]})),
    })
    .await;
    let mut first = get("/v1/things");
    first.credential_query("code");
    let items = client(&base, Auth::api_key(KEY))
        .collect_all::<Value>(Ok(first), 0)
        .await
        .expect("two pages");
    assert_eq!(items, vec![json!(1), json!(2)]);
    let seen = recorded(&log);
    assert_eq!(
        seen[1].query.as_deref(),
        Some(format!("cursor=2&code={KEY_IN_QUERY}").as_str())
    );
}

#[tokio::test]
async fn requests_with_credentials_need_an_auth() {
    let client = Client::builder()
        .base_url(closed_port())
        .build()
        .expect("client");
    let mut request = get("/v1/things");
    request.credential_query("code");
    let error = client.execute::<Value>(request).await.expect_err("no auth");
    assert!(matches!(
        error,
        Error::MissingCredentials { operation: "op" }
    ));
    assert!(error.to_string().contains("ClientBuilder::auth"), "{error}");
    assert!(matches!(
        client.bearer_token().await,
        Err(Error::MissingCredentials { .. })
    ));
}

#[test]
fn accessors_report_the_scheme_and_debug_hides_it() {
    let api = client("http://127.0.0.1:9", Auth::api_key(KEY));
    assert!(matches!(api.auth(), Some(Auth::ApiKey(_))));
    assert!(api.credentials().is_none());
    assert!(!format!("{api:?}").contains("k3y"), "{api:?}");
    let builder = Client::builder().auth(Auth::basic("bob", "pa55"));
    assert!(!format!("{builder:?}").contains("pa55"), "{builder:?}");
    let asc = Client::builder()
        .auth(credentials())
        .build()
        .expect("client");
    assert_eq!(asc.credentials().map(|c| c.key_id()), Some("TESTKEY123"));
    assert!(matches!(asc.auth(), Some(Auth::AppStoreConnect(_))));
    let replaced = Client::builder()
        .credentials(credentials())
        .auth(Auth::bearer("t"))
        .build()
        .expect("client");
    assert!(replaced.credentials().is_none());
}
