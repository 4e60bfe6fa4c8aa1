//! The optional `scope` claim: `["GET /v1/apps?filter[platform]=IOS", …]`.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::auth::AuthFailure;
use crate::claims::Claims;

/// What a request asks for, as scope entries see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestTarget<'a> {
    /// HTTP method, upper case.
    pub(crate) method: &'a str,
    /// Raw (still percent-encoded) request path.
    pub(crate) path: &'a str,
    /// Percent-decoded query pairs.
    pub(crate) query: &'a [(String, String)],
}

/// Reads `scope`: absent → `None`; present → it must be an array of strings.
pub(crate) fn read(claims: &Claims) -> Result<Option<Vec<String>>, AuthFailure> {
    let Some(value) = claims.get("scope") else {
        return Ok(None);
    };
    let Value::Array(items) = value else {
        return Err(AuthFailure::MalformedScope);
    };
    items
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect::<Option<Vec<_>>>()
        .map(Some)
        .ok_or(AuthFailure::MalformedScope)
}

/// True when the scope is non-empty and every entry is a GET (the long-lifetime condition).
pub(crate) fn is_get_only(entries: &[String]) -> bool {
    !entries.is_empty() && entries.iter().all(|e| e.starts_with("GET "))
}

/// True when at least one entry allows the request.
pub(crate) fn matches_any(entries: &[String], target: &RequestTarget<'_>) -> bool {
    entries.iter().any(|entry| matches(entry, target))
}

/// `METHOD path[?query]`: same method, same (decoded) path, and every query pair of the entry
/// present in the request.
fn matches(entry: &str, target: &RequestTarget<'_>) -> bool {
    let Some((method, rest)) = entry.trim().split_once(' ') else {
        return false;
    };
    if method != target.method {
        return false;
    }
    let (path, query) = rest.trim().split_once('?').unwrap_or((rest.trim(), ""));
    if decode(path) != decode(target.path) {
        return false;
    }
    url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| !k.is_empty())
        .all(|(key, value)| target.query.iter().any(|(k, v)| *k == *key && *v == *value))
}

fn decode(path: &str) -> Cow<'_, str> {
    percent_decode_str(path).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn entry_matches_method_and_path() {
        let q = pairs(&[]);
        let t = RequestTarget {
            method: "GET",
            path: "/v1/apps",
            query: &q,
        };
        assert!(matches("GET /v1/apps", &t));
        assert!(!matches("POST /v1/apps", &t));
        assert!(!matches("GET /v1/apps/1", &t));
        assert!(!matches("GET", &t));
    }

    #[test]
    fn entry_query_pairs_must_be_present() {
        let q = pairs(&[("filter[platform]", "IOS"), ("limit", "5")]);
        let t = RequestTarget {
            method: "GET",
            path: "/v1/apps",
            query: &q,
        };
        assert!(matches("GET /v1/apps?filter[platform]=IOS", &t));
        assert!(matches("GET /v1/apps?filter%5Bplatform%5D=IOS", &t));
        assert!(!matches("GET /v1/apps?filter[platform]=MAC_OS", &t));
        let none = pairs(&[]);
        let bare = RequestTarget { query: &none, ..t };
        assert!(!matches("GET /v1/apps?filter[platform]=IOS", &bare));
    }

    #[test]
    fn get_only_needs_a_non_empty_all_get_scope() {
        assert!(is_get_only(&["GET /v1/apps".into()]));
        assert!(!is_get_only(&[]));
        assert!(!is_get_only(&[
            "GET /v1/apps".into(),
            "PATCH /v1/apps/1".into()
        ]));
    }
}
