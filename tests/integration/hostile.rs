//! The generated client against servers that misbehave on purpose: each answer is judged
//! by the definition, each failure names its real cause, and no token leaves the origin.

use std::time::{Duration, Instant};

use app_store_connect::runtime::{ClientBuilder, RetryPolicy};
use app_store_connect::{Client, Credentials, Error};
use app_store_connect_sandbox::TestKey;
use app_store_connect_sandbox::hostile::{HostileServer, Misbehaviour};
use futures_util::StreamExt as _;

use crate::common::{ISSUER_ID, private_key};

/// Two retries, a few milliseconds apart.
const RETRIES: u32 = 2;
/// The client's whole-request timeout.
const TIMEOUT: Duration = Duration::from_secs(1);

/// A client for `server` with [`RETRIES`] fast retries and a [`TIMEOUT`].
fn client_for(server: &HostileServer) -> Client {
    client_with(server, |builder| builder)
}

/// As [`client_for`], with more settings.
fn client_with(
    server: &HostileServer,
    configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>,
) -> Client {
    let key = TestKey::generate("HOSTILE123").unwrap();
    let retries = RetryPolicy::default()
        .with_max_retries(RETRIES)
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20));
    let builder = Client::builder()
        .credentials(Credentials::team(&key.key_id, ISSUER_ID, private_key(&key)))
        .base_url(server.base_url())
        .retry_policy(retries)
        .timeout(TIMEOUT);
    configure(builder).build().unwrap()
}

async fn start(misbehaviour: Misbehaviour) -> HostileServer {
    HostileServer::start(misbehaviour).await.unwrap()
}

/// Lists apps once and returns the error.
async fn list_error(client: &Client) -> Error {
    client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .expect_err("the server misbehaves")
}

#[tokio::test]
async fn an_empty_body_where_a_document_is_promised_is_refused() {
    let server = start(Misbehaviour::json("")).await;
    let error = list_error(&client_for(&server)).await;
    assert!(
        matches!(error, Error::UndecodableBody { status: 200, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("the body is empty"), "{error}");
}

#[tokio::test]
async fn members_of_the_wrong_type_are_refused_with_their_json_path() {
    let server = start(Misbehaviour::wrong_types()).await;
    let error = list_error(&client_for(&server)).await;
    let message = error.to_string();
    assert!(message.contains("at `data[0].id`"), "{message}");
    assert!(message.contains("invalid type: integer"), "{message}");
}

#[tokio::test]
async fn a_body_cut_short_is_retried_then_named() {
    let server = start(Misbehaviour::CutShort { declared: 1000 }).await;
    let error = list_error(&client_for(&server)).await;
    let Error::CutShort {
        status,
        received,
        declared,
        ..
    } = &error
    else {
        panic!("expected CutShort, got {error:?}");
    };
    assert_eq!((*status, *received, *declared), (200, 500, Some(1000)));
    assert!(
        error
            .to_string()
            .contains("cut short after 500 bytes of the 1000 it declared"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 1 + RETRIES as usize);
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_nothing_goes_there() {
    let elsewhere = start(Misbehaviour::json("{}")).await;
    let location = format!("{}/v1/apps?token=secret", elsewhere.base_url());
    let server = start(Misbehaviour::Redirect { location }).await;
    let error = list_error(&client_for(&server)).await;
    let Error::ForeignRedirect {
        status, location, ..
    } = &error
    else {
        panic!("expected ForeignRedirect, got {error:?}");
    };
    assert_eq!(*status, 302);
    assert_eq!(*location, format!("{}/v1/apps", elsewhere.base_url()));
    assert!(error.to_string().contains("another origin"), "{error}");
    assert!(
        elsewhere.requests().is_empty(),
        "{:?}",
        elsewhere.requests()
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a refused redirect is not retried"
    );
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_while_it_arrives() {
    const CAP: u64 = 4 * 1024 * 1024;
    let server = start(Misbehaviour::Huge {
        bytes: 300 * 1024 * 1024,
        declared: false,
    })
    .await;
    let client = client_with(&server, |builder| builder.max_body_size(CAP));
    let error = list_error(&client).await;
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                limit: CAP,
                declared: None,
                status: 200,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("4194304-byte cap"), "{error}");
    // The client hung up at the cap: the server got no further than the socket buffers.
    assert!(server.body_bytes_sent() < CAP + 16 * 1024 * 1024);
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused_before_reading() {
    let server = start(Misbehaviour::Huge {
        bytes: 300 * 1024 * 1024,
        declared: true,
    })
    .await;
    let client = client_with(&server, |builder| builder.max_body_size(1024 * 1024));
    let error = list_error(&client).await;
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                declared: Some(314_572_800),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("it declared 314572800 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn resets_are_retried_then_reported_as_transport_errors() {
    let server = start(Misbehaviour::Reset).await;
    let error = list_error(&client_for(&server)).await;
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(server.requests().len(), 1 + RETRIES as usize);
}

#[tokio::test]
async fn garbage_html_and_broken_text_are_undecodable_with_the_start_of_the_body() {
    let answers = [
        (Misbehaviour::garbage(), "<<garbage>>"),
        (Misbehaviour::html_error(), "<html>Oops"),
        (Misbehaviour::invalid_utf8(), "{\u{fffd}\u{fffd}"),
    ];
    for (misbehaviour, snippet_start) in answers {
        let server = start(misbehaviour).await;
        let error = list_error(&client_for(&server)).await;
        let Error::UndecodableBody { snippet, .. } = &error else {
            panic!("expected UndecodableBody, got {error:?}");
        };
        assert!(snippet.starts_with(snippet_start), "{snippet:?}");
    }
}

#[tokio::test]
async fn deeply_nested_json_is_refused_without_a_crash() {
    let server = start(Misbehaviour::deep_json()).await;
    let error = list_error(&client_for(&server)).await;
    assert!(
        matches!(error, Error::UndecodableBody { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_401_remints_the_token_once_then_stops() {
    let server = start(Misbehaviour::unauthorized()).await;
    let client = client_for(&server);
    let error = list_error(&client).await;
    assert_eq!(error.status(), Some(401), "{error:?}");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(client.runtime().minted_tokens(), 2);
}

#[tokio::test]
async fn a_javascript_next_link_ends_the_pages_with_an_error() {
    let server = start(Misbehaviour::javascript_next_link()).await;
    let pages: Vec<_> = client_for(&server)
        .apps_and_app_metadata_list_apps()
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    let error = pages[1].as_ref().expect_err("the link is refused");
    assert!(
        matches!(
            error,
            Error::ForeignNextLink { .. } | Error::InvalidNextLink { .. }
        ),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn silent_and_dripping_servers_end_at_the_timeout() {
    for misbehaviour in [
        Misbehaviour::Silent,
        Misbehaviour::DripHeaders {
            interval: Duration::from_millis(50),
        },
    ] {
        let server = start(misbehaviour.clone()).await;
        let started = Instant::now();
        let error = list_error(&client_for(&server)).await;
        assert!(error.is_timeout(), "{misbehaviour:?}: {error:?}");
        assert!(started.elapsed() < TIMEOUT * 3, "{:?}", started.elapsed());
    }
}

#[tokio::test]
async fn no_error_shows_the_token() {
    let server = start(Misbehaviour::CutShort { declared: 64 }).await;
    let client = client_for(&server);
    let error = list_error(&client).await;
    let token = client.runtime().bearer_token().await.unwrap();
    let seen = server.requests();
    assert!(
        seen[0].contains(&token),
        "the token was sent to its own origin"
    );
    assert!(!format!("{error} {error:?}").contains(&token));
}
