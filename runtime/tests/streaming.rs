//! Answers streamed as they arrive: a 200 MB download does not need 200 MB of memory, the
//! bytes arrive whole and in order, and error answers are still decoded.

use std::convert::Infallible;

use axum::Router;
use axum::body::Body;
use axum::http::StatusCode;
use axum::routing::get;
use bytes::Bytes;
use connector_runtime::{Client, Error, Method, Request};
use futures_util::StreamExt as _;

const CHUNK: usize = 1 << 20;

/// Serves `GET /download?mb=N`: N chunks of 1 MiB, chunk `i` filled with the byte `i`;
/// `GET /cut` sends a few bytes, then breaks the connection; `GET /missing` answers an App
/// Store Connect error document.
async fn serve() -> String {
    let router = Router::new()
        .route(
            "/download",
            get(|query: axum::extract::RawQuery| async move {
                let mb: usize = query
                    .0
                    .and_then(|query| query.strip_prefix("mb=")?.parse().ok())
                    .unwrap_or(1);
                let chunks = futures_util::stream::iter(0..mb).map(|index| {
                    Ok::<_, Infallible>(Bytes::from(vec![(index % 251) as u8; CHUNK]))
                });
                Body::from_stream(chunks)
            }),
        )
        .route(
            "/cut",
            get(|| async {
                let first = futures_util::stream::iter([Ok(Bytes::from_static(b"first bytes"))]);
                // The pause lets the head and the first bytes leave before the break.
                let broken = futures_util::stream::once(async {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    Err(std::io::Error::other("the server stopped mid-body"))
                });
                Body::from_stream(first.chain(broken))
            }),
        )
        .route(
            "/missing",
            get(|| async {
                let document = r#"{"errors": [{"status": "404", "code": "NOT_FOUND", "title": "Not found", "detail": "No such report."}]}"#;
                (StatusCode::NOT_FOUND, document)
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .build()
        .expect("client builds")
}

/// The process's peak resident memory so far, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Counts bytes and checks each chunk's filler without keeping anything.
struct CheckingSink {
    written: usize,
}

impl tokio::io::AsyncWrite for CheckingSink {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buffer: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        for (offset, byte) in buffer.iter().enumerate() {
            let expected = (((self.written + offset) / CHUNK) % 251) as u8;
            assert_eq!(*byte, expected, "byte {} is wrong", self.written + offset);
        }
        self.written += buffer.len();
        std::task::Poll::Ready(Ok(buffer.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn two_hundred_megabytes_stream_in_bounded_memory() {
    let base = serve().await;
    let before = peak_rss();
    let mut request = Request::new("Download", Method::GET, "/download");
    request.query("mb", "200");
    let response = client(&base)
        .execute_stream(request)
        .await
        .expect("the answer starts");
    let mut sink = CheckingSink { written: 0 };
    let written = response
        .body
        .write_to(&mut sink)
        .await
        .expect("the body arrives");
    assert_eq!(written, 200 * CHUNK as u64);
    assert_eq!(sink.written, 200 * CHUNK);
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let growth = after.saturating_sub(before);
        eprintln!("peak RSS grew by {} MiB", growth >> 20);
        assert!(growth < 30 << 20, "peak RSS grew by {} MiB", growth >> 20);
    }
}

#[tokio::test]
async fn chunks_arrive_in_order_as_a_stream() {
    let base = serve().await;
    let mut request = Request::new("Download", Method::GET, "/download");
    request.query("mb", "3");
    let mut body = client(&base)
        .execute_stream(request)
        .await
        .expect("the answer starts")
        .body;
    let mut all = Vec::new();
    while let Some(chunk) = body.next().await {
        all.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(all.len(), 3 * CHUNK);
    assert!(all[..CHUNK].iter().all(|byte| *byte == 0));
    assert!(all[2 * CHUNK..].iter().all(|byte| *byte == 2));
}

#[tokio::test]
async fn an_error_answer_is_decoded_not_streamed() {
    let base = serve().await;
    let request = Request::new("Download", Method::GET, "/missing");
    match client(&base).execute_stream(request).await {
        Err(Error::Api(error)) => {
            assert_eq!(error.status, 404);
            assert_eq!(error.errors[0].code, "NOT_FOUND");
        }
        other => panic!("expected the API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_cut_short_ends_the_stream_with_the_bytes_received() {
    let base = serve().await;
    let request = Request::new("Download", Method::GET, "/cut");
    let body = client(&base)
        .execute_stream(request)
        .await
        .expect("the answer starts")
        .body;
    let items: Vec<Result<Bytes, Error>> = body.collect().await;
    let (last, first) = items.split_last().expect("items");
    let received: usize = first
        .iter()
        .map(|chunk| chunk.as_ref().expect("a chunk").len())
        .sum();
    assert_eq!(received, b"first bytes".len());
    match last {
        Err(Error::CutShort {
            status: 200,
            received: 11,
            declared: None,
            ..
        }) => {}
        other => panic!("expected CutShort after 11 bytes, got {other:?}"),
    }
}
