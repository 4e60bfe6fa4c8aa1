//! Decoding an arbitrary answer must end in a value or an error, never a panic. The input is
//! an HTTP answer: two bytes of status (big-endian; a number outside 100..=999 is folded into
//! it), then header lines `name: value` up to an empty line, then the body.

#![no_main]

use app_store_connect::operations::{
    apps_and_app_metadata_list_apps as list_apps,
    apps_and_app_metadata_read_app_information as read_app,
};
use connector_runtime::response::{self, Response};
use connector_runtime::{ApiError, Error, HeaderMap, Page, RateLimit, StatusCode};
use http::header::{HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;

struct Answer<'a> {
    status: StatusCode,
    headers: HeaderMap,
    body: &'a [u8],
}

fn split(data: &[u8]) -> Option<Answer<'_>> {
    let (status, mut rest) = data.split_first_chunk::<2>()?;
    let raw = u16::from_be_bytes(*status);
    let status = StatusCode::from_u16(raw)
        .or_else(|_| StatusCode::from_u16(100 + raw % 900))
        .ok()?;
    let mut headers = HeaderMap::new();
    loop {
        let end = rest.iter().position(|&byte| byte == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        let Some(colon) = line.iter().position(|&byte| byte == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(line[..colon].trim_ascii()),
            HeaderValue::from_bytes(line[colon + 1..].trim_ascii()),
        ) else {
            continue;
        };
        headers.append(name, value);
    }
    Some(Answer { status, headers, body: rest })
}

/// What every caller may do with an error: show it, and ask it the usual questions.
fn inspect(error: &Error) {
    let _ = error.to_string();
    let _ = format!("{error:?}");
    let _ = (error.status(), error.rate_limit(), error.is_timeout(), error.is_rate_limited());
    if let Some(api) = error.api_error() {
        let _ = (api.first_code(), api.has_code("NOT_FOUND"), api.has_code(""));
    }
}

fn decode_page<T: Page + std::fmt::Debug>(
    answer: &Answer<'_>,
    decode: fn(&[u8]) -> Result<T, String>,
) {
    match response::decode_with("fuzz", answer.status, answer.headers.clone(), answer.body, |_, bytes| decode(bytes)) {
        Ok(Response { status, headers, body }) => {
            assert!(status.is_success(), "decoded a {status} answer as a success");
            assert_eq!(RateLimit::from_headers(&headers), RateLimit::from_headers(&answer.headers));
            let _ = format!("{body:?}");
            let _ = body.next_link().map(str::len);
            let _ = body.into_items().len();
        }
        Err(error) => {
            if !answer.status.is_success() {
                assert_eq!(error.status(), Some(answer.status.as_u16()));
            }
            inspect(&error);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(answer) = split(data) else { return };
    let rate_limit = RateLimit::from_headers(&answer.headers);
    if let Some(limit) = rate_limit {
        let text = format!("user-hour-lim:{};user-hour-rem:{};", limit.limit, limit.remaining);
        assert_eq!(RateLimit::parse(&text), Some(limit), "{text}");
    }
    for value in answer.headers.values() {
        if let Ok(text) = value.to_str() {
            let _ = RateLimit::parse(text);
        }
    }

    // Error documents, whatever the status: a decoded one says the same thing again.
    if let Some(api) = ApiError::from_body(answer.status.as_u16(), answer.body, rate_limit) {
        assert!(!api.errors.is_empty());
        assert_eq!(api.status, answer.status.as_u16());
        let again = serde_json::to_vec(&serde_json::json!({ "errors": api.errors }))
            .expect("an error document serializes");
        let reread = ApiError::from_body(api.status, &again, rate_limit)
            .expect("a serialized error document decodes");
        // `links` and `meta` are kept as `serde_json::Value`s, whose floats serde_json does
        // not read back bit for bit without its `float_roundtrip` feature: only their
        // presence is compared.
        let typed = |error: &ApiError| {
            let entries: Vec<_> = error
                .errors
                .iter()
                .map(|entry| (&entry.id, &entry.status, &entry.code, &entry.title, &entry.detail,
                              &entry.source, entry.links.is_some(), entry.meta.is_some()))
                .map(|fields| format!("{fields:?}"))
                .collect();
            (error.status, entries, error.rate_limit)
        };
        assert_eq!(typed(&reread), typed(&api), "{}", String::from_utf8_lossy(&again));
        for entry in &api.errors {
            if let Some(source) = &entry.source {
                let _ = source.to_string();
            }
        }
    }

    // The bodies of the generated client's operations, alone and as whole answers.
    if let Ok(page) = response::json::<list_apps::Body>(answer.body) {
        // Members decoded on demand decode on their own, into a value or an error.
        for app in &page.data {
            if let Some(relationships) = &app.relationships {
                let _ = relationships.decode().map_err(|error| error.to_string());
            }
        }
    }
    let _ = response::json::<read_app::Body>(answer.body);
    let _ = response::json::<serde_json::Value>(answer.body);
    let _ = response::json::<()>(answer.body);
    let _ = response::json::<Option<String>>(answer.body);
    let _ = response::text(answer.body);
    decode_page(&answer, response::json::<list_apps::Body>);
    match response::decode_with("fuzz", answer.status, answer.headers.clone(), answer.body, |_, bytes| {
        response::json::<read_app::Body>(bytes)
    }) {
        Ok(response) => {
            let _ = (response.rate_limit(), format!("{:?}", response.body));
        }
        Err(error) => inspect(&error),
    }
    match response::decode_with("fuzz", answer.status, answer.headers.clone(), answer.body, |_, bytes| {
        response::text(bytes)
    }) {
        Ok(response) => assert_eq!(response.body.as_bytes(), answer.body),
        Err(error) => inspect(&error),
    }
});
