//! The generated code for `fixtures/service.swagger.json`: security schemes, connection
//! parameters, a host built from them, and policies that set headers and query parameters.

#[allow(
    dead_code,
    reason = "the fixture's API is larger than what these tests call"
)]
mod service {
    include!("../golden/service.rs");
}

use connector_runtime::{Auth, Error};
use service::{Client, Connection};

fn connection() -> Connection {
    Connection {
        region: Some("eu".to_owned()),
        api_key: Some("k-123".to_owned()),
        account: Some("42".to_owned()),
    }
}

fn client() -> Client {
    Client::with_connection(connection())
        .auth(Auth::api_key("k-123"))
        .build()
        .unwrap()
}

#[test]
fn the_host_comes_from_the_connection() {
    assert_eq!(
        client().runtime().base_url().as_str(),
        "https://eu.example.com/api"
    );
    let missing = Client::builder().build().unwrap_err();
    assert!(
        matches!(&missing, Error::MissingConnectionParameter { name } if name == "region"),
        "{missing:?}"
    );
    let explicit = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    assert_eq!(
        explicit.runtime().base_url().as_str(),
        "http://127.0.0.1:9/"
    );
}

#[test]
fn security_schemes_place_the_credential() {
    let list = client().list_things().build().unwrap();
    assert!(list.uses_credentials());
    let debug = format!("{list:?}");
    assert!(
        debug.contains("X-Api-Key"),
        "the API key header is the credential: {debug}"
    );
    let add = client().add_thing("bolt").build().unwrap();
    assert!(format!("{add:?}").contains("key"), "{add:?}");
    assert_eq!(
        add.encoded_query(),
        "name=bolt",
        "the key is added only when sending"
    );
    assert!(format!("{:?}", client().with_basic().build().unwrap()).contains("Authorization"));
    assert!(!client().public().build().unwrap().uses_credentials());
}

#[test]
fn policies_set_headers_and_query_parameters_from_the_connection_and_the_call() {
    let request = client().list_things().x_trace("t-1").build().unwrap();
    let headers = request.headers();
    assert!(
        headers.contains(&("X-Tenant", "default-tenant".to_owned())),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("X-Account", "acct-42".to_owned())),
        "{headers:?}"
    );
    assert_eq!(request.encoded_query(), "trace=t-1");

    let bare = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let request = bare.list_things().build().unwrap();
    assert!(
        !request
            .headers()
            .iter()
            .any(|(name, _)| *name == "X-Account"),
        "no account, no header"
    );
    assert_eq!(
        request.encoded_query(),
        "",
        "no trace header, no trace parameter"
    );
}

#[test]
fn secret_connection_parameters_are_hidden_from_debug() {
    let debug = format!("{:?}", connection());
    assert!(!debug.contains("k-123"), "{debug}");
    assert!(debug.contains("eu"), "{debug}");
    assert!(!format!("{:?}", client()).contains("k-123"));
}

#[test]
fn the_client_documents_how_to_authenticate() {
    let golden = include_str!("../golden/service.rs");
    assert!(golden.contains("an API key in the `X-Api-Key` header (`Auth::api_key`)"));
    assert!(golden.contains("OAuth 2; obtain an access token and give it as `Auth::bearer`"));
}

#[tokio::test]
async fn x_ms_pageable_operations_follow_their_next_link() {
    use axum::extract::{Query, State};
    use std::collections::HashMap;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route(
            "/api/events",
            axum::routing::get(|State(base): State<String>, Query(query): Query<HashMap<String, String>>| async move {
                let page: u32 = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
                let next = (page < 3).then(|| format!("{base}/api/events?page={}", page + 1));
                axum::Json(serde_json::json!({"value": [{"id": format!("e{page}")}], "@odata.nextLink": next}))
            }),
        )
        .with_state(base.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder()
        .base_url(format!("{base}/api"))
        .build()
        .unwrap();
    let events = client.list_events().collect_all(0).await.unwrap();
    let ids: Vec<_> = events.into_iter().map(|event| event.id.unwrap()).collect();
    assert_eq!(ids, ["e1", "e2", "e3"]);
}

#[test]
fn routed_operations_go_to_their_new_path() {
    let request = client().get_item("a b").build().unwrap();
    assert_eq!(request.path(), "/v2/42/items('a%20b')");
    let bare = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let missing = bare.get_item("x").build().unwrap_err();
    assert!(
        matches!(&missing, Error::MissingConnectionParameter { name } if name == "account"),
        "{missing:?}"
    );
}
