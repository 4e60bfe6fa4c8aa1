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

/// Decodes a body as JSON; an empty body decodes as `null`, so `()` and `Option` work, and
/// is refused where a document is expected. The error names the JSON path that did not fit.
///
/// # Errors
///
/// A sentence saying what did not fit, for [`Error::UndecodableBody`].
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    if body.trim_ascii().is_empty() {
        return serde_json::from_slice(b"null")
            .map_err(|_| "the body is empty, but the definition promises a document".to_owned());
    }
    // Tracking the path costs as much as decoding, so it is only done to explain a failure.
    match serde_json::from_slice(body) {
        Ok(decoded) => Ok(decoded),
        Err(plain) => {
            let mut deserializer = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize::<_, T>(&mut deserializer)
                .map_err(|error| describe(&error))?;
            Err(plain.to_string())
        }
    }
}

/// Decodes a body as UTF-8 text.
///
/// # Errors
///
/// A sentence saying where the text is not UTF-8, for [`Error::UndecodableBody`].
pub fn text(body: &[u8]) -> Result<String, String> {
    String::from_utf8(body.to_vec()).map_err(|error| format!("the body is not UTF-8 text: {error}"))
}

/// Checks that a successful body decodes as `T`, as an operation answered with JSON does,
/// and drops the result: what the operation table uses to judge an answer by the
/// definition.
///
/// # Errors
///
/// As [`json`].
pub fn check_json<T: DeserializeOwned>(_status: StatusCode, body: &[u8]) -> Result<(), String> {
    json::<T>(body).map(drop)
}

/// Checks that a successful body is UTF-8 text, as an operation answered with text needs.
///
/// # Errors
///
/// As [`text`].
pub fn check_text(_status: StatusCode, body: &[u8]) -> Result<(), String> {
    std::str::from_utf8(body)
        .map(drop)
        .map_err(|error| format!("the body is not UTF-8 text: {error}"))
}

/// Accepts any successful body, as an operation answered with bytes does.
///
/// # Errors
///
/// Never; the signature matches the other checks.
pub fn check_bytes(_status: StatusCode, _body: &[u8]) -> Result<(), String> {
    Ok(())
}

/// Turns status, headers and body bytes into a [`Response`] or an [`Error`]; a successful
/// body is decoded by `decode`, given the status and the bytes. An error answer becomes
/// [`Error::Api`] when it is an App Store Connect error document, else
/// [`Error::UndecodableBody`].
///
/// # Errors
///
/// As described: the error answer, or what `decode` refused.
pub fn decode_with<T>(
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

    /// Decodes a successful body as JSON, as `Client::execute` does.
    fn decode<T: DeserializeOwned>(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: &[u8],
    ) -> Result<Response<T>, Error> {
        decode_with(operation, status, headers, body, |_, bytes| json(bytes))
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
    fn an_empty_body_where_a_document_is_expected_says_so() {
        let error = decode::<Vec<u32>>("op", StatusCode::OK, HeaderMap::new(), b"")
            .expect_err("a document was expected");
        assert!(
            error
                .to_string()
                .contains("the body is empty, but the definition promises a document"),
            "{error}"
        );
    }

    #[test]
    fn checks_judge_bodies_as_the_decoders_do() {
        assert_eq!(check_json::<Vec<u32>>(StatusCode::OK, b"[1]"), Ok(()));
        let refused = check_json::<Vec<u32>>(StatusCode::OK, br#"[1,"x"]"#).expect_err("a string");
        assert!(refused.contains("[1]"), "{refused}");
        assert!(check_text(StatusCode::OK, &[0xff]).is_err());
        assert_eq!(check_text(StatusCode::OK, "été".as_bytes()), Ok(()));
        assert_eq!(check_bytes(StatusCode::OK, &[0xff]), Ok(()));
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
