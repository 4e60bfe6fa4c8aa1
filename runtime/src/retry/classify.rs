//! Which answers and failures are worth retrying, and for which methods.

use std::error::Error as StdError;
use std::fmt;
use std::io;

use reqwest::{Method, StatusCode};

use crate::error::Error;

/// Why an attempt is retried; shown in the trace event announcing the retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryReason {
    /// The server answered 429, 502, 503 or 504.
    Status(StatusCode),
    /// The connection could not be opened, so nothing was sent.
    ConnectFailed,
    /// The connection was reset or closed while the request or answer was in flight.
    ConnectionLost,
    /// The answer's body stopped before it was complete.
    CutShort,
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::Status(status) => write!(f, "HTTP {status}"),
            RetryReason::ConnectFailed => f.write_str("connection failed"),
            RetryReason::ConnectionLost => f.write_str("connection lost"),
            RetryReason::CutShort => f.write_str("answer cut short"),
        }
    }
}

/// GET, HEAD, OPTIONS, PUT, DELETE and TRACE: sending them twice does no more harm than
/// sending them once (RFC 9110 §9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
    ]
    .contains(method)
}

/// A retry reason for an HTTP answer: 429/502/503/504, idempotent methods only.
pub(crate) fn reason_for_status(method: &Method, status: StatusCode) -> Option<RetryReason> {
    let transient = matches!(status.as_u16(), 429 | 502 | 503 | 504);
    (transient && is_idempotent(method)).then_some(RetryReason::Status(status))
}

/// A retry reason for a failed attempt. Timeouts never qualify. A connection that could
/// not be opened qualifies for every method; one lost mid-request only for idempotent
/// methods, since the server may already have acted on the request; so does an answer
/// whose body was cut short.
pub(crate) fn reason_for_error(method: &Method, error: &Error) -> Option<RetryReason> {
    let source = match error {
        Error::Transport { source, .. } => source,
        Error::CutShort { .. } => return is_idempotent(method).then_some(RetryReason::CutShort),
        _ => return None,
    };
    if source.is_timeout() {
        None
    } else if source.is_connect() {
        Some(RetryReason::ConnectFailed)
    } else if is_idempotent(method) && lost_connection(source) {
        Some(RetryReason::ConnectionLost)
    } else {
        None
    }
}

/// True if `error` or an error in its source chain is an [`io::Error`] telling that the
/// connection was reset, aborted, broken or closed early, or hyper's "connection closed
/// before message completed" (the server closed the connection without answering).
pub(crate) fn lost_connection(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    // Chains are short; the bound only guards against a pathological cycle.
    for _ in 0..32 {
        let Some(current) = next else {
            return false;
        };
        if current
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
        {
            return true;
        }
        if let Some(io_error) = current.downcast_ref::<io::Error>() {
            if is_lost_kind(io_error.kind()) {
                return true;
            }
            // io::Error::source skips a wrapped error itself; look at it too.
            if let Some(inner) = io_error.get_ref()
                && lost_connection(inner)
            {
                return true;
            }
        }
        next = current.source();
    }
    false
}

fn is_lost_kind(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapper(Box<dyn StdError + Send + Sync>);

    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("wrapper")
        }
    }

    impl StdError for Wrapper {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(self.0.as_ref())
        }
    }

    fn io(kind: io::ErrorKind) -> Box<dyn StdError + Send + Sync> {
        Box::new(io::Error::from(kind))
    }

    #[test]
    fn idempotent_methods() {
        for method in ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"] {
            assert!(is_idempotent(&method.parse().expect("method")), "{method}");
        }
        for method in ["POST", "PATCH", "CONNECT", "PURGE"] {
            assert!(!is_idempotent(&method.parse().expect("method")), "{method}");
        }
    }

    #[test]
    fn transient_statuses_are_retried_for_idempotent_methods_only() {
        for code in [429, 502, 503, 504] {
            let status = StatusCode::from_u16(code).expect("status");
            assert_eq!(
                reason_for_status(&Method::GET, status),
                Some(RetryReason::Status(status))
            );
            assert!(reason_for_status(&Method::DELETE, status).is_some());
            assert_eq!(reason_for_status(&Method::POST, status), None);
            assert_eq!(reason_for_status(&Method::PATCH, status), None);
        }
        for code in [200, 400, 401, 404, 409, 500, 501, 505] {
            let status = StatusCode::from_u16(code).expect("status");
            assert_eq!(reason_for_status(&Method::GET, status), None, "{code}");
        }
        let reason = RetryReason::Status(StatusCode::SERVICE_UNAVAILABLE).to_string();
        assert_eq!(reason, "HTTP 503 Service Unavailable");
    }

    #[test]
    fn lost_connections_are_found_anywhere_in_the_chain() {
        for kind in [
            io::ErrorKind::ConnectionReset,
            io::ErrorKind::ConnectionAborted,
            io::ErrorKind::BrokenPipe,
            io::ErrorKind::UnexpectedEof,
        ] {
            let error = Wrapper(Box::new(Wrapper(io(kind))));
            assert!(lost_connection(&error), "{kind:?}");
            let hidden = io::Error::other(Wrapper(io(kind)));
            assert!(
                lost_connection(&hidden),
                "wrapped in io::Error::other: {kind:?}"
            );
        }
        for kind in [io::ErrorKind::TimedOut, io::ErrorKind::PermissionDenied] {
            assert!(!lost_connection(&Wrapper(io(kind))), "{kind:?}");
        }
        assert!(!lost_connection(&Wrapper(Box::new(fmt::Error))));
    }

    /// A URL on 127.0.0.1 where nothing listens.
    fn closed_port() -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address");
        format!("http://{address}/v1/apps")
    }

    #[tokio::test]
    async fn refused_connections_are_retried_for_every_method() {
        let source = reqwest::Client::new()
            .get(closed_port())
            .send()
            .await
            .expect_err("refused");
        let error = Error::from_reqwest("op", source);
        for method in [Method::GET, Method::POST, Method::PATCH] {
            assert_eq!(
                reason_for_error(&method, &error),
                Some(RetryReason::ConnectFailed),
                "{method}"
            );
        }
    }

    #[tokio::test]
    async fn timeouts_are_never_retried() {
        // The kernel accepts the connection, but nobody ever answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        let source = reqwest::Client::new()
            .get(url)
            .timeout(std::time::Duration::from_millis(20))
            .send()
            .await
            .expect_err("timeout");
        assert!(source.is_timeout());
        let error = Error::Transport {
            operation: "op",
            source,
        };
        assert_eq!(reason_for_error(&Method::GET, &error), None);
    }

    #[test]
    fn non_transport_errors_are_not_retried() {
        let error = Error::MissingCredentials { operation: "op" };
        assert_eq!(reason_for_error(&Method::GET, &error), None);
    }
}
