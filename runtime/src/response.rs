//! Successful responses and decoding of response bodies.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::api_error::ApiError;
use crate::error::Error;
use crate::rate_limit::RateLimit;

/// Longest body excerpt kept in [`Error::UndecodableBody`], in bytes.
pub(crate) const SNIPPET_BYTES: usize = 512;

/// A decoded 2xx response.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// HTTP status (2xx).
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// The `X-Rate-Limit` budget reported with this response, if any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// The decoded body.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// Turns status, headers and body bytes into a [`Response`] or an [`Error`], decoding a
/// successful body as JSON.
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
) -> Result<Response<T>, Error> {
    decode_with(operation, status, headers, body, |_, bytes| json(bytes))
}

/// Decodes a body as JSON; an empty body decodes as `null`, so `()` and `Option` work. The
/// error names the JSON path that did not fit.
///
/// # Errors
///
/// A sentence saying what did not fit, for [`Error::UndecodableBody`].
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let json = if body.trim_ascii().is_empty() {
        b"null"
    } else {
        body
    };
    // Tracking the path costs as much as decoding, so it is only done to explain a failure.
    match serde_json::from_slice(json) {
        Ok(decoded) => Ok(decoded),
        Err(plain) => {
            let mut deserializer = serde_json::Deserializer::from_slice(json);
            serde_path_to_error::deserialize::<_, T>(&mut deserializer)
                .map_err(|error| describe(&error))?;
            Err(plain.to_string())
        }
    }
}

/// Turns status, headers and body bytes into a [`Response`] or an [`Error`]; a successful
/// body is decoded by `decode`, given the status and the bytes.
pub(crate) fn decode_with<T>(
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
    decode: impl FnOnce(StatusCode, &[u8]) -> Result<T, String>,
) -> Result<Response<T>, Error> {
    let rate_limit = RateLimit::from_headers(&headers);
    let undecodable = |reason: String| Error::UndecodableBody {
        operation,
        status: status.as_u16(),
        reason,
        snippet: snippet(body),
        rate_limit,
    };
    if !status.is_success() {
        return Err(
            match ApiError::from_body(status.as_u16(), body, rate_limit) {
                Some(api) => Error::Api(api),
                None if body.trim_ascii().is_empty() => {
                    undecodable("the error response has an empty body".into())
                }
                None => undecodable(
                    "the error response is not an App Store Connect error document".into(),
                ),
            },
        );
    }
    let decoded = decode(status, body).map_err(undecodable)?;
    Ok(Response {
        status,
        headers,
        body: decoded,
    })
}

fn describe(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = error.path().to_string();
    if path == "." {
        error.inner().to_string()
    } else {
        format!("at `{path}`: {}", error.inner())
    }
}

/// The start of `body` as text: at most [`SNIPPET_BYTES`] bytes, cut on a character
/// boundary, invalid UTF-8 replaced by U+FFFD.
pub(crate) fn snippet(body: &[u8]) -> String {
    let head = &body[..body.len().min(2 * SNIPPET_BYTES)];
    let mut text = String::from_utf8_lossy(head).into_owned();
    let mut cut = text.len().min(SNIPPET_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_is_bounded_on_a_char_boundary() {
        let body = "é".repeat(600); // 2 bytes each; 512 is a boundary
        assert_eq!(snippet(body.as_bytes()).len(), 512);
        let body = format!("a{}", "€".repeat(400)); // 1 + 3n: 512 is not a boundary
        let cut = snippet(body.as_bytes());
        assert_eq!(cut.len(), 511);
        assert!(cut.ends_with('€'));
        assert_eq!(snippet(b"short"), "short");
    }

    #[test]
    fn snippet_replaces_invalid_utf8() {
        let cut = snippet(&[b'a', 0xff, b'b']);
        assert_eq!(cut, "a\u{fffd}b");
        assert!(snippet(&[0xff; 2000]).len() <= SNIPPET_BYTES);
    }

    #[test]
    fn empty_success_body_decodes_as_null() {
        let unit: Response<()> = decode("op", StatusCode::NO_CONTENT, HeaderMap::new(), b"")
            .expect("empty body is null");
        assert_eq!(unit.status, StatusCode::NO_CONTENT);
        let none: Response<Option<u32>> =
            decode("op", StatusCode::OK, HeaderMap::new(), b"  ").expect("null");
        assert_eq!(none.body, None);
    }

    #[test]
    fn decode_failure_names_the_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            data: Vec<u32>,
        }
        let error = decode::<Doc>(
            "op",
            StatusCode::OK,
            HeaderMap::new(),
            br#"{"data":[1,"x"]}"#,
        )
        .expect_err("wrong type");
        match error {
            Error::UndecodableBody { reason, status, .. } => {
                assert_eq!(status, 200);
                assert!(reason.contains("data[1]"), "{reason}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        let result = decode::<u32>("op", StatusCode::OK, HeaderMap::new(), b"1 2");
        assert!(matches!(result, Err(Error::UndecodableBody { .. })));
    }
}
