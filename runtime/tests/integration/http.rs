//! End-to-end behaviour of `Client::execute` against a local server.

use std::time::Duration;

use crate::common::{Reply, client, client_with, fast_retries, get, recorded, serve};
use connector_runtime::{ApiErrorSource, Client, Error, Method, RateLimit, Request};
use serde_json::{Value, json};

#[tokio::test]
async fn decodes_json_and_sends_the_expected_request() {
    let (base, log) = serve(|_, _| {
        Reply::json(200, json!({"data": [{"type": "apps", "id": "1"}]})).rate_limited(3599)
    })
    .await;
    let client = client(&format!("{base}/api/"));
    let mut request = get("Apps_List", "/v1/apps");
    request
        .query("fields[apps]", "name")
        .query("filter[name]", "A b");
    request.header("x-extra", "yes");

    let response = client.execute::<Value>(request).await.expect("200 decodes");
    assert_eq!(response.status, 200);
    assert_eq!(response.body["data"][0]["id"], "1");
    assert_eq!(
        response.rate_limit(),
        Some(RateLimit {
            limit: 3600,
            remaining: 3599
        })
    );

    let seen = recorded(&log);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, Method::GET);
    assert_eq!(seen[0].path, "/api/v1/apps");
    assert_eq!(
        seen[0].query.as_deref(),
        Some("fields%5Bapps%5D=name&filter%5Bname%5D=A%20b")
    );
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert_eq!(seen[0].header("x-extra"), Some("yes"));
    assert_eq!(
        seen[0].header("user-agent"),
        Some(concat!("connector-runtime/", env!("CARGO_PKG_VERSION")))
    );
    let token = client.bearer_token().await.expect("cached token");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    assert_eq!(client.minted_tokens(), 1);
}

#[tokio::test]
async fn decodes_typed_bodies_and_empty_bodies() {
    #[derive(serde::Deserialize)]
    struct Doc {
        data: Vec<u32>,
    }
    let (base, _log) = serve(|n, _| match n {
        0 => Reply::json(200, json!({"data": [1, 2, 3]})),
        _ => Reply::new(204, ""),
    })
    .await;
    let client = client(&base);
    let doc = client
        .execute::<Doc>(get("op", "/v1/a"))
        .await
        .expect("typed");
    assert_eq!(doc.into_body().data, vec![1, 2, 3]);
    let empty = client
        .execute::<()>(get("op", "/v1/b"))
        .await
        .expect("empty");
    assert_eq!(empty.status, 204);
}

#[tokio::test]
async fn error_document_becomes_api_error_with_all_fields() {
    let (base, _log) = serve(|_, _| {
        Reply::json(
            404,
            json!({"errors": [{
                "id": "7f1b", "status": "404", "code": "NOT_FOUND",
                "title": "The specified resource does not exist",
                "detail": "There is no resource of type 'apps' with id '42'",
                "source": {"parameter": "id"},
                "links": {"about": "https://developer.apple.com"},
                "meta": {"associatedErrors": {}}
            }, {
                "status": 404, "code": "NOT_FOUND.OTHER", "title": "Second",
                "source": {"pointer": "/data/id"}
            }]}),
        )
        .rate_limited(12)
    })
    .await;
    let error = client(&base)
        .execute::<Value>(get("Apps_Get", "/v1/apps/42"))
        .await
        .expect_err("404");
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        error.rate_limit(),
        Some(RateLimit {
            limit: 3600,
            remaining: 12
        })
    );
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.errors.len(), 2);
    let first = &api.errors[0];
    assert_eq!(first.id.as_deref(), Some("7f1b"));
    assert_eq!(
        (first.status.as_str(), first.code.as_str()),
        ("404", "NOT_FOUND")
    );
    assert_eq!(first.title, "The specified resource does not exist");
    assert_eq!(first.source, Some(ApiErrorSource::Parameter("id".into())));
    assert_eq!(
        first.links,
        Some(json!({"about": "https://developer.apple.com"}))
    );
    assert_eq!(first.meta, Some(json!({"associatedErrors": {}})));
    assert_eq!(api.errors[1].status, "404");
    assert_eq!(
        api.errors[1].source,
        Some(ApiErrorSource::Pointer("/data/id".into()))
    );
    assert_eq!(api.first_code(), Some("NOT_FOUND"));
    assert!(api.has_code("NOT_FOUND.OTHER"));
    let message = error.to_string();
    assert!(
        message.starts_with(
            "App Store Connect answered 404 NOT_FOUND: The specified resource does not exist - \
             There is no resource of type 'apps' with id '42' (source: parameter id); "
        ),
        "{message}"
    );
}

#[tokio::test]
async fn rate_limit_error_is_recognised() {
    let (base, log) = serve(|_, _| {
        Reply::json(
            429,
            json!({"errors": [{"status": "429", "code": "RATE_LIMIT_EXCEEDED",
            "title": "The request rate limit has been reached."}]}),
        )
        .rate_limited(0)
    })
    .await;
    let error = client_with(&base, fast_retries(1))
        .execute::<Value>(get("op", "/v1/apps"))
        .await
        .expect_err("429");
    assert!(error.is_rate_limited());
    assert_eq!(error.rate_limit().map(|limit| limit.remaining), Some(0));
    assert_eq!(recorded(&log).len(), 2, "one retry, then the last 429");
}

#[tokio::test]
async fn non_json_error_is_undecodable_with_bounded_snippet() {
    let page = format!("<html>{}</html>", "é".repeat(1000));
    let (base, _log) = serve(move |_, _| Reply::new(500, page.clone()).rate_limited(7)).await;
    let error = client(&base)
        .execute::<Value>(get("Apps_List", "/v1/apps"))
        .await
        .expect_err("500");
    match &error {
        Error::UndecodableBody {
            operation,
            status,
            snippet,
            rate_limit,
            ..
        } => {
            assert_eq!((*operation, *status), ("Apps_List", 500));
            assert!(
                snippet.len() <= 512 && snippet.len() >= 510,
                "{}",
                snippet.len()
            );
            assert!(snippet.starts_with("<html>é"));
            assert_eq!(rate_limit.map(|limit| limit.remaining), Some(7));
        }
        other => panic!("expected UndecodableBody, got {other:?}"),
    }
    assert_eq!(error.status(), Some(500));
}

#[tokio::test]
async fn wrongly_shaped_success_body_is_undecodable() {
    let (base, _log) = serve(|_, _| Reply::json(200, json!({"data": "nope"}))).await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        data: Vec<u32>,
    }
    let error = client(&base)
        .execute::<Doc>(get("op", "/v1/x"))
        .await
        .expect_err("shape");
    assert!(
        matches!(error, Error::UndecodableBody { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn slow_server_times_out() {
    let (base, _log) =
        serve(|_, _| Reply::json(200, json!({})).delayed(Duration::from_secs(5))).await;
    let client = Client::builder()
        .base_url(&base)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let request = Request::new("Slow_Op", Method::GET, "/v1/slow");
    let error = client.execute::<Value>(request).await.expect_err("timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.to_string().contains("Slow_Op"), "{error}");
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .retry_policy(fast_retries(2))
        .build()
        .expect("client");
    let error = client
        .execute::<Value>(Request::new("op", Method::GET, "/v1/apps"))
        .await
        .expect_err("refused");
    assert!(
        matches!(
            error,
            Error::Transport {
                operation: "op",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn requests_without_credential_headers_send_no_token() {
    let (base, log) = serve(|_, _| Reply::json(200, json!(null))).await;
    let client = client(&base);
    let request = Request::new("op", Method::GET, "/v1/public");
    client.execute::<Option<Value>>(request).await.expect("ok");
    assert_eq!(recorded(&log)[0].header("authorization"), None);
    assert_eq!(client.minted_tokens(), 0);
}

#[tokio::test]
async fn nothing_is_sent_without_credentials_or_with_a_bad_path() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let bare = Client::builder().base_url(&base).build().expect("client");
    let error = bare
        .execute::<Value>(get("Needs_Auth", "/v1/apps"))
        .await
        .expect_err("no creds");
    assert!(matches!(
        error,
        Error::MissingCredentials {
            operation: "Needs_Auth"
        }
    ));
    let error = bare
        .execute::<Value>(Request::new("op", Method::GET, "/v1/apps/.."))
        .await
        .expect_err("dot segment");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(recorded(&log).is_empty());
}

#[tokio::test]
async fn json_body_is_sent() {
    let (base, log) = serve(|_, _| Reply::new(201, r#"{"ok":true}"#)).await;
    let client = client(&base);
    let mut request = Request::new("Create", Method::POST, "/v1/things");
    request
        .json_body(&json!({"data": {"type": "things"}}))
        .expect("body");
    let response = client.execute::<Value>(request).await.expect("created");
    assert_eq!(response.status, 201);
    let seen = recorded(&log);
    assert_eq!(seen[0].method, Method::POST);
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
}

/// A POST carrying a form with a file, which makes it `multipart/form-data`.
fn upload() -> Request {
    let mut request = Request::new("Upload", Method::POST, "/upload");
    request.credential_header("authorization", "Bearer ", "");
    request.form_field("title", "report");
    request.form_file("file", "report.csv", b"a,b\n1,2\n".to_vec());
    request
}

#[cfg(feature = "multipart")]
#[tokio::test]
async fn a_form_with_a_file_is_sent_as_multipart() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    client(&base)
        .execute::<Value>(upload())
        .await
        .expect("the form is sent");
    let seen = recorded(&log);
    assert_eq!(seen.len(), 1);
    let content_type = seen[0].header("content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
}

#[cfg(not(feature = "multipart"))]
#[tokio::test]
async fn a_multipart_form_is_refused_before_sending_without_the_feature() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let error = client(&base)
        .execute::<Value>(upload())
        .await
        .expect_err("nothing can encode the form");
    assert!(
        matches!(&error, Error::InvalidRequest { reason, .. } if reason.contains("`multipart` feature")),
        "{error}"
    );
    assert!(recorded(&log).is_empty(), "nothing reaches the server");
}
