//! Percent-encoding helpers used by generated code to build request paths and query strings.
//!
//! Everything except the RFC 3986 *unreserved* characters (`A-Z a-z 0-9 - . _ ~`) is
//! percent-encoded, byte by byte over the UTF-8 encoding, with upper-case hex digits.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Every byte except RFC 3986 unreserved characters.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode_unreserved(value: &str) -> String {
    utf8_percent_encode(value, NOT_UNRESERVED).to_string()
}

/// Encodes one path segment: `/`, `?`, `#`, space, `%` and every other reserved or
/// non-ASCII character become `%XX`, so the value can never change the path's shape.
///
/// `path_segment("a/b")` is `"a%2Fb"`.
pub fn path_segment(value: &str) -> String {
    encode_unreserved(value)
}

/// Applies [`path_segment`] twice, for servers that decode a segment twice.
///
/// `path_segment_double("a/b")` is `"a%252Fb"`.
pub fn path_segment_double(value: &str) -> String {
    path_segment(&path_segment(value))
}

/// Encodes a query parameter name or value with the same unreserved set as
/// [`path_segment`]: `fields[apps]` becomes `fields%5Bapps%5D`, a space becomes `%20`.
pub fn query_component(value: &str) -> String {
    encode_unreserved(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_spaces_in_query() {
        assert_eq!(query_component("fields[apps]"), "fields%5Bapps%5D");
        assert_eq!(query_component("A b"), "A%20b");
        assert_eq!(query_component("a+b=c&d"), "a%2Bb%3Dc%26d");
    }

    #[test]
    fn unreserved_characters_stay() {
        let unreserved = "AZaz09-._~";
        assert_eq!(path_segment(unreserved), unreserved);
        assert_eq!(query_component(unreserved), unreserved);
    }

    #[test]
    fn reserved_characters_in_path_segment() {
        assert_eq!(path_segment("a/b"), "a%2Fb");
        assert_eq!(path_segment("a?b#c d%e"), "a%3Fb%23c%20d%25e");
        assert_eq!(path_segment(""), "");
    }

    #[test]
    fn double_encoding() {
        assert_eq!(path_segment_double("a/b"), "a%252Fb");
        assert_eq!(path_segment_double("x y"), "x%2520y");
        assert_eq!(path_segment_double("plain"), "plain");
    }

    #[test]
    fn non_ascii_is_utf8_encoded() {
        assert_eq!(path_segment("é"), "%C3%A9");
        assert_eq!(query_component("日本"), "%E6%97%A5%E6%9C%AC");
        assert_eq!(path_segment("🍎"), "%F0%9F%8D%8E");
    }
}
