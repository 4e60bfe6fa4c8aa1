//! A loopback server that misbehaves on purpose, for testing how clients hold up: each
//! [`Misbehaviour`] is one way a broken server or network spoils an answer. Every
//! connection gets the same misbehaviour, so retries meet it again, and every request's
//! head is recorded.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The most of a request head that is read and recorded.
const MOST_HEAD_BYTES: usize = 64 * 1024;
/// The size of each write of a long body.
const CHUNK_BYTES: usize = 64 * 1024;

/// One way of answering badly.
#[derive(Debug, Clone)]
pub enum Misbehaviour {
    /// An answer as given: status, `Content-Type` and body (with its `Content-Length`).
    Answer {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type`.
        content_type: String,
        /// The body.
        body: Vec<u8>,
    },
    /// `200` declaring a `Content-Length` of `declared` bytes, sending half of them, then
    /// closing the connection.
    CutShort {
        /// The declared length.
        declared: usize,
    },
    /// `302` with this `Location` (and an empty body).
    Redirect {
        /// Where the redirect points.
        location: String,
    },
    /// `200` with a body of `bytes` bytes, with a `Content-Length` when `declared`, else
    /// ended by closing the connection. Writing stops when the client hangs up.
    Huge {
        /// The body's length.
        bytes: u64,
        /// Whether the length is declared up front.
        declared: bool,
    },
    /// The connection is reset (TCP RST) once the request has arrived.
    Reset,
    /// The request is read and never answered.
    Silent,
    /// A status line, then one byte of a header every `interval`, forever.
    DripHeaders {
        /// The pause between two bytes.
        interval: Duration,
    },
}

impl Misbehaviour {
    /// `status` with `body` as `content_type`.
    pub fn answer(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Misbehaviour {
        Misbehaviour::Answer {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
        }
    }

    /// `200` with `body` as `application/json`.
    pub fn json(body: impl Into<String>) -> Misbehaviour {
        Misbehaviour::answer(200, "application/json", body.into())
    }

    /// `200` with a listing whose first app has a number for its `id` and a list for its
    /// name, where the definition says strings.
    pub fn wrong_types() -> Misbehaviour {
        Misbehaviour::json(
            r#"{"data":[{"type":"apps","id":12,"attributes":{"name":["a"]}}],"links":{"self":"x"}}"#,
        )
    }

    /// `200` with `<<garbage>>` as JSON.
    pub fn garbage() -> Misbehaviour {
        Misbehaviour::json("<<garbage>>")
    }

    /// `500` with an HTML page, as a proxy in front of a server might send.
    pub fn html_error() -> Misbehaviour {
        Misbehaviour::answer(500, "text/html", "<html>Oops</html>")
    }

    /// `200` with bytes that are not UTF-8.
    pub fn invalid_utf8() -> Misbehaviour {
        Misbehaviour::answer(200, "application/json", vec![b'{', 0xff, 0xfe])
    }

    /// `200` with 100,000 nested arrays.
    pub fn deep_json() -> Misbehaviour {
        Misbehaviour::json("[".repeat(100_000))
    }

    /// `401` with Apple's error document, whatever the token.
    pub fn unauthorized() -> Misbehaviour {
        Misbehaviour::answer(
            401,
            "application/json",
            r#"{"errors":[{"status":"401","code":"NOT_AUTHORIZED","title":"no"}]}"#,
        )
    }

    /// `200` with an empty page whose `links.next` is a `javascript:` URL.
    pub fn javascript_next_link() -> Misbehaviour {
        Misbehaviour::json(r#"{"data":[],"links":{"self":"x","next":"javascript:alert(1)"}}"#)
    }
}

/// A running misbehaving server on `127.0.0.1`; it stops, with every connection it holds,
/// when dropped.
#[derive(Debug)]
pub struct HostileServer {
    address: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    body_bytes_sent: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl HostileServer {
    /// Starts a server on a free port of `127.0.0.1` that answers every request with
    /// `misbehaviour`.
    ///
    /// # Errors
    ///
    /// When no port can be bound.
    pub async fn start(misbehaviour: Misbehaviour) -> io::Result<HostileServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let body_bytes_sent = Arc::new(AtomicU64::new(0));
        let connection = Connection {
            misbehaviour: Arc::new(misbehaviour),
            requests: Arc::clone(&requests),
            body_bytes_sent: Arc::clone(&body_bytes_sent),
        };
        let task = tokio::spawn(accept(listener, connection));
        Ok(HostileServer {
            address,
            requests,
            body_bytes_sent,
            task,
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The heads (request line and headers) of the requests received so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many body bytes the server has managed to write, over all connections.
    pub fn body_bytes_sent(&self) -> u64 {
        self.body_bytes_sent.load(Ordering::Relaxed)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What each connection needs.
#[derive(Debug, Clone)]
struct Connection {
    misbehaviour: Arc<Misbehaviour>,
    requests: Arc<Mutex<Vec<String>>>,
    body_bytes_sent: Arc<AtomicU64>,
}

/// Accepts connections until aborted; aborting drops the set, which ends every connection.
async fn accept(listener: TcpListener, connection: Connection) {
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        let connection = connection.clone();
        connections.spawn(async move {
            // A client that hangs up early is what some misbehaviours are about.
            let _ = connection.serve(stream).await;
        });
        while connections.try_join_next().is_some() {}
    }
}

impl Connection {
    /// Reads one request head, records it and misbehaves.
    async fn serve(&self, mut stream: TcpStream) -> io::Result<()> {
        let head = read_head(&mut stream).await?;
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(head);
        match &*self.misbehaviour {
            Misbehaviour::Answer {
                status,
                content_type,
                body,
            } => {
                let head = head_of(*status, content_type, Some(body.len() as u64));
                stream.write_all(head.as_bytes()).await?;
                self.write_body(&mut stream, body).await
            }
            Misbehaviour::CutShort { declared } => {
                let head = head_of(200, "application/json", Some(*declared as u64));
                stream.write_all(head.as_bytes()).await?;
                let half = padded_document(*declared / 2);
                self.write_body(&mut stream, &half).await
            }
            Misbehaviour::Redirect { location } => {
                let head = format!(
                    "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\
                     Connection: close\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await
            }
            Misbehaviour::Huge { bytes, declared } => {
                let head = head_of(200, "application/json", declared.then_some(*bytes));
                stream.write_all(head.as_bytes()).await?;
                self.write_long_body(&mut stream, *bytes).await
            }
            Misbehaviour::Reset => stream.set_zero_linger(),
            Misbehaviour::Silent => std::future::pending().await,
            Misbehaviour::DripHeaders { interval } => drip(&mut stream, *interval).await,
        }
    }

    async fn write_body(&self, stream: &mut TcpStream, body: &[u8]) -> io::Result<()> {
        stream.write_all(body).await?;
        self.body_bytes_sent
            .fetch_add(body.len() as u64, Ordering::Relaxed);
        stream.flush().await
    }

    /// `bytes` bytes of a JSON document that never ends, chunk by chunk.
    async fn write_long_body(&self, stream: &mut TcpStream, bytes: u64) -> io::Result<()> {
        let chunk = vec![b' '; CHUNK_BYTES];
        stream.write_all(b"{").await?;
        let mut left = bytes.saturating_sub(1);
        while left > 0 {
            let length = usize::try_from(left).map_or(CHUNK_BYTES, |left| left.min(CHUNK_BYTES));
            self.write_body(stream, &chunk[..length]).await?;
            left -= length as u64;
        }
        Ok(())
    }
}

/// The status line and headers of an answer that closes the connection after it.
fn head_of(status: u16, content_type: &str, length: Option<u64>) -> String {
    let length = length.map_or_else(String::new, |length| {
        format!("Content-Length: {length}\r\n")
    });
    format!(
        "HTTP/1.1 {status} Misbehaving\r\nContent-Type: {content_type}\r\n{length}\
         Connection: close\r\n\r\n"
    )
}

/// The start of a JSON:API document, padded to `length` bytes.
fn padded_document(length: usize) -> Vec<u8> {
    let mut body = br#"{"data":[{"type":"apps","id":"1"}],"padding":""#.to_vec();
    body.resize(length.max(body.len()), b' ');
    body.truncate(length);
    body
}

/// Reads up to the blank line that ends a request head (or [`MOST_HEAD_BYTES`]).
async fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") && head.len() < MOST_HEAD_BYTES {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        head.extend_from_slice(&buffer[..read]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// A status line, then a header one byte at a time.
async fn drip(stream: &mut TcpStream, interval: Duration) -> io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nX-Drip: ").await?;
    loop {
        tokio::time::sleep(interval).await;
        stream.write_all(b"a").await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_documents_have_the_asked_length() {
        for length in [0, 5, 40, 1000] {
            assert_eq!(padded_document(length).len(), length);
        }
        assert!(padded_document(1000).starts_with(b"{\"data\""));
    }

    #[test]
    fn heads_declare_the_length_only_when_known() {
        assert!(head_of(200, "application/json", Some(7)).contains("Content-Length: 7\r\n"));
        assert!(!head_of(200, "text/html", None).contains("Content-Length"));
    }
}
