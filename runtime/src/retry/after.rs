//! Parsing of the `Retry-After` response header (RFC 9110 §10.2.3).

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The wait `Retry-After` asks for, as of `now`: delta-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past means no wait). `None` when the
/// header is absent or unreadable, so the caller falls back to its own backoff.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|byte| byte.is_ascii_digit()) {
        // Absurdly long digit strings saturate instead of failing.
        let seconds = text.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn parse(value: &str, now: SystemTime) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_str(value).expect("header value"),
        );
        retry_after(&headers, now)
    }

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn delta_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse("0", now), Some(Duration::ZERO));
        assert_eq!(parse("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(
            parse("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn http_date_in_the_future_and_past() {
        // 1445412480 = Wed, 21 Oct 2015 07:28:00 GMT
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(
            parse(date, at(1_445_412_480 - 90)),
            Some(Duration::from_secs(90))
        );
        assert_eq!(parse(date, at(1_445_412_480 + 90)), Some(Duration::ZERO));
        assert_eq!(
            parse("Wednesday, 21-Oct-15 07:28:00 GMT", at(1_445_412_470)),
            Some(Duration::from_secs(10)),
            "obsolete RFC 850 form"
        );
    }

    #[test]
    fn garbage_and_absence_are_none() {
        let now = SystemTime::now();
        for garbage in [
            "",
            "soon",
            "-5",
            "1.5",
            "7 seconds",
            "Wed, 99 Foo 2015",
            "+3",
        ] {
            assert_eq!(parse(garbage, now), None, "{garbage:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
        let mut headers = HeaderMap::new();
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_bytes(b"\xff\xfe").expect("opaque bytes"),
        );
        assert_eq!(retry_after(&headers, now), None, "not text");
    }
}
