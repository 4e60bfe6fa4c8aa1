//! Cursor paging: opaque cursors and absolute `links.next` URLs.

use std::ops::Range;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::errors::ApiError;

/// Largest `limit` a collection accepts.
pub(crate) const MAX_LIMIT: usize = 200;

/// The opaque cursor for `offset`: base64url of `{"offset":"N"}`, like Apple's.
pub(crate) fn encode_cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(json!({ "offset": offset.to_string() }).to_string())
}

/// The offset inside a cursor; anything else is PARAMETER_ERROR.INVALID for `cursor`.
pub(crate) fn decode_cursor(cursor: &str) -> Result<usize, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|doc| doc.get("offset")?.as_str()?.parse::<usize>().ok())
        .ok_or_else(|| {
            ApiError::invalid_parameter("cursor", &format!("'{cursor}' is not a valid cursor"))
        })
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// Indices of the items on this page.
    pub(crate) range: Range<usize>,
    /// Offset of the next page, when more items remain.
    pub(crate) next: Option<usize>,
}

/// The page starting at `offset` of `limit` items out of `total`; an offset past the end is
/// an invalid cursor.
pub(crate) fn page(total: usize, offset: usize, limit: usize) -> Result<Page, ApiError> {
    if offset > total {
        return Err(ApiError::invalid_parameter(
            "cursor",
            "The cursor points past the end of the collection",
        ));
    }
    let end = offset.saturating_add(limit).min(total);
    let next = (end < total).then_some(end);
    Ok(Page {
        range: offset..end,
        next,
    })
}

/// `{base}{path}?{original parameters without cursor}&cursor=…`, keeping the original
/// encoding of every other parameter.
pub(crate) fn next_link(base: &str, path: &str, raw_query: Option<&str>, offset: usize) -> String {
    let mut parts: Vec<String> = raw_query
        .unwrap_or_default()
        .split('&')
        .filter(|piece| !piece.is_empty() && !is_cursor(piece))
        .map(str::to_owned)
        .collect();
    parts.push(format!("cursor={}", encode_cursor(offset)));
    format!("{base}{path}?{}", parts.join("&"))
}

fn is_cursor(piece: &str) -> bool {
    url::form_urlencoded::parse(piece.as_bytes())
        .next()
        .is_some_and(|(key, _)| key == "cursor")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        assert_eq!(decode_cursor(&encode_cursor(3)).expect("ok"), 3);
        assert!(decode_cursor("!!!").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("{}")).is_err());
    }

    #[test]
    fn pages_cover_the_collection() {
        assert_eq!(
            page(7, 0, 3).expect("p1"),
            Page {
                range: 0..3,
                next: Some(3)
            }
        );
        assert_eq!(
            page(7, 6, 3).expect("p3"),
            Page {
                range: 6..7,
                next: None
            }
        );
        assert_eq!(
            page(0, 0, 3).expect("empty"),
            Page {
                range: 0..0,
                next: None
            }
        );
        assert!(page(7, 8, 3).is_err());
    }

    #[test]
    fn next_link_keeps_filters_and_replaces_the_cursor() {
        let link = next_link(
            "http://127.0.0.1:9",
            "/v1/apps",
            Some("filter%5Bname%5D=A+B&cursor=old&limit=2"),
            4,
        );
        assert_eq!(
            link,
            format!(
                "http://127.0.0.1:9/v1/apps?filter%5Bname%5D=A+B&limit=2&cursor={}",
                encode_cursor(4)
            )
        );
        let bare = next_link("http://h", "/v1/apps", None, 3);
        assert_eq!(
            bare,
            format!("http://h/v1/apps?cursor={}", encode_cursor(3))
        );
    }
}
