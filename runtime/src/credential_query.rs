//! Query parameters whose value is the credential: added only to the URL actually sent,
//! removed from URLs the client keeps, redacted from URLs shown in errors.
//!
//! Query pairs are handled as raw `name=value` segments split on `&`, so every other
//! pair keeps its exact encoding and order.

use percent_encoding::percent_decode_str;
use url::Url;

use crate::encode::query_component;

/// Shown instead of a credential value in error messages.
const REDACTED: &str = "<redacted>";

/// `url` with every pair named in `names` replaced by `name=value` pairs appended at
/// the end (encoded with [`query_component`]), in the order of `names`.
pub(crate) fn with_credentials(url: &Url, names: &[&str], value: &str) -> Url {
    let mut sent = without_credentials(url, names);
    let mut segments: Vec<String> = sent.query().map(split).unwrap_or_default();
    let value = query_component(value);
    segments.extend(
        names
            .iter()
            .map(|name| format!("{}={value}", query_component(name))),
    );
    sent.set_query(Some(segments.join("&").as_str()).filter(|query| !query.is_empty()));
    sent
}

/// `url` without the pairs named in `names` (e.g. a next-page link echoing the key).
pub(crate) fn without_credentials(url: &Url, names: &[&str]) -> Url {
    let mut kept = url.clone();
    if names.is_empty() {
        return kept;
    }
    if let Some(query) = url.query() {
        let segments: Vec<String> = split(query)
            .into_iter()
            .filter(|segment| !is_named(segment, names))
            .collect();
        kept.set_query(Some(segments.join("&").as_str()).filter(|query| !query.is_empty()));
    }
    kept
}

/// URL text (possibly not a valid URL, possibly cut short) with the values of the pairs
/// named in `names` replaced by `<redacted>`.
pub(crate) fn redact(text: &str, names: &[&str]) -> String {
    let Some((before, after)) = text.split_once('?').filter(|_| !names.is_empty()) else {
        return text.to_owned();
    };
    let (query, fragment) = match after.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (after, None),
    };
    let segments: Vec<String> = split(query)
        .into_iter()
        .map(|segment| match segment.split_once('=') {
            Some((name, _)) if is_named(&segment, names) => format!("{name}={REDACTED}"),
            _ => segment,
        })
        .collect();
    let mut redacted = format!("{before}?{}", segments.join("&"));
    if let Some(fragment) = fragment {
        redacted.push('#');
        redacted.push_str(fragment);
    }
    redacted
}

/// The non-empty `&`-separated segments of a raw query.
fn split(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True if the raw segment's name, percent-decoded, is one of `names`.
fn is_named(segment: &str, names: &[&str]) -> bool {
    let raw_name = segment.split_once('=').map_or(segment, |(name, _)| name);
    let name = percent_decode_str(raw_name).decode_utf8_lossy();
    names.iter().any(|wanted| *wanted == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    #[test]
    fn credentials_are_appended_after_the_other_pairs() {
        let base = url("http://h/v1/x?b=2&a=%20&c");
        let sent = with_credentials(&base, &["key", "api key"], "s3cr/t");
        assert_eq!(
            sent.as_str(),
            "http://h/v1/x?b=2&a=%20&c&key=s3cr%2Ft&api%20key=s3cr%2Ft"
        );
        let bare = with_credentials(&url("http://h/v1/x"), &["key"], "k");
        assert_eq!(bare.as_str(), "http://h/v1/x?key=k");
        assert_eq!(with_credentials(&base, &[], "k"), base);
    }

    #[test]
    fn echoed_credentials_are_replaced_not_repeated() {
        let echoed = url("http://h/v1/x?key=old&cursor=2&k%65y=older");
        let sent = with_credentials(&echoed, &["key"], "new");
        assert_eq!(sent.as_str(), "http://h/v1/x?cursor=2&key=new");
        let kept = without_credentials(&echoed, &["key"]);
        assert_eq!(kept.as_str(), "http://h/v1/x?cursor=2");
        let only = without_credentials(&url("http://h/?key=1"), &["key"]);
        assert_eq!(only.as_str(), "http://h/");
    }

    #[test]
    fn redaction_keeps_everything_but_the_values() {
        let names = ["key"];
        assert_eq!(
            redact("http://evil/x?a=1&key=s3cret&key&b=2#f", &names),
            "http://evil/x?a=1&key=<redacted>&key&b=2#f"
        );
        assert_eq!(
            redact("http://[::1/?key=s3c", &names),
            "http://[::1/?key=<redacted>"
        );
        assert_eq!(
            redact("http://h/x?key=s3cret", &[]),
            "http://h/x?key=s3cret"
        );
        assert_eq!(redact("no query", &names), "no query");
        assert_eq!(redact("?%ZZ=1&%FF=2", &names), "?%ZZ=1&%FF=2");
    }
}
