//! What the runtime writes to `tracing`: the attempt spans and events are there, and no
//! secret is, even at TRACE level.

mod common;

use std::io;
use std::sync::{Arc, Mutex};

use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::{Reply, fast_retries, get, recorded, serve};
use connector_runtime::{Auth, Client, Credentials, Method, PrivateKey, Request, RetryPolicy};
use serde_json::{Value, json};
use tracing_subscriber::fmt::format::FmtSpan;

/// Everything the subscriber writes, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("buffer")).into_owned()
    }
}

/// A fresh P-256 key as the PEM text of an `AuthKey_<KEYID>.p8` file, and its body.
fn pem_key() -> (String, String) {
    let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).expect("key");
    let body = STANDARD.encode(pair.to_pkcs8v1().expect("pkcs8").as_ref());
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(64)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect();
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    );
    (pem, body)
}

/// Installs a TRACE-level fmt subscriber for the whole test binary, writing into the
/// returned buffer. Global, so tasks on any thread are captured too.
fn capture_everything() -> Captured {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("only test of this binary");
    captured
}

/// Fails if any part of a token sent, the Authorization header, the key or the query
/// string shows up in `output`.
fn assert_no_secrets(output: &str, sent: &[common::Recorded], pem_body: &str) {
    for seen in sent {
        let token = seen
            .header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "));
        for part in token.expect("bearer token").split('.') {
            assert!(!output.contains(part), "a token part leaked: {part}");
        }
    }
    assert!(!output.contains("Bearer"), "Authorization value leaked");
    assert!(!output.to_lowercase().contains("authorization"));
    assert!(!output.contains("PRIVATE KEY"));
    assert!(!output.contains(&pem_body[..64]));
    assert!(!output.contains(&pem_body[pem_body.len() - 40..]));
    assert!(!output.contains("filter"), "the query string is not logged");
}

#[tokio::test]
async fn traces_show_attempts_but_never_secrets() {
    let captured = capture_everything();

    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(401, json!({"errors": []})),
        1 => Reply::new(503, "").header("retry-after", "0"),
        _ => Reply::json(200, json!({"data": []})).rate_limited(3597),
    })
    .await;
    let (pem, pem_body) = pem_key();
    let key = PrivateKey::from_pem(&pem).expect("PEM key");
    let client = Client::builder()
        .base_url(&base)
        .credentials(Credentials::team(
            "TRACEKEY42",
            "69a6de70-03db-47e3-e053-5b8c7c11a4d1",
            key,
        ))
        .retry_policy(fast_retries(2))
        .build()
        .expect("client");
    let mut request = get("Apps_List", "/v1/apps");
    request.query("filter[name]", "secret-free");
    client
        .execute::<Value>(request)
        .await
        .expect("401, 503, 200");

    let output = captured.text();
    eprintln!("{output}");
    assert_no_secrets(&output, &recorded(&log), &pem_body);

    for expected in [
        "request{operation=\"Apps_List\" method=GET path=\"/v1/apps\" attempt=1",
        "attempt=2",
        "attempt=3",
        "status=401",
        "status=503",
        "status=200",
        "rate_limit_remaining=3597",
        "reason=HTTP 503 Service Unavailable",
        "delay_ms=0",
        "token rejected with 401",
        "minted a new App Store Connect token",
    ] {
        assert!(
            output.contains(expected),
            "missing `{expected}` in:\n{output}"
        );
    }

    api_key_in_query_is_never_traced(&base, &captured).await;
}

/// Sends a request with an API key in its query string, answered and unanswered, and
/// checks that the key is nowhere in the trace.
async fn api_key_in_query_is_never_traced(base: &str, captured: &Captured) {
    const KEY: &str = "trace-k3y-s3cret";
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    for base_url in [base, closed.as_str()] {
        let client = Client::builder()
            .base_url(base_url)
            .auth(Auth::api_key(KEY))
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("client");
        let mut request = Request::new("Things_List", Method::GET, "/v1/things");
        request.credential_query("code");
        let _ = client.execute::<Value>(request).await;
    }
    let output = captured.text();
    assert!(output.contains("operation=\"Things_List\""), "{output}");
    assert!(
        output.contains("attempt failed without an answer"),
        "{output}"
    );
    assert!(
        !output.contains(KEY) && !output.contains("code="),
        "{output}"
    );
}
