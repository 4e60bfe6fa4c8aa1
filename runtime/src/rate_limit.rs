//! Parsing of Apple's `X-Rate-Limit` response header.

use reqwest::header::HeaderMap;

/// Name of the header App Store Connect uses to report the hourly request budget.
pub(crate) const RATE_LIMIT_HEADER: &str = "x-rate-limit";

/// The hourly request budget of the API key, as reported by `X-Rate-Limit`
/// (`user-hour-lim:3600;user-hour-rem:3599;`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per rolling hour (`user-hour-lim`).
    pub limit: u64,
    /// Requests left in the current rolling hour (`user-hour-rem`).
    pub remaining: u64,
}

impl RateLimit {
    /// Parses a header value such as `user-hour-lim:3600;user-hour-rem:3599;`.
    ///
    /// Spaces, any entry order, a missing trailing `;` and unknown entries are tolerated.
    /// Returns `None` unless both `user-hour-lim` and `user-hour-rem` are present and numeric.
    pub fn parse(value: &str) -> Option<RateLimit> {
        let mut limit = None;
        let mut remaining = None;
        for entry in value.split(';') {
            let Some((name, number)) = entry.split_once(':') else {
                continue;
            };
            let Ok(number) = number.trim().parse::<u64>() else {
                continue;
            };
            match name.trim().to_ascii_lowercase().as_str() {
                "user-hour-lim" => limit = Some(number),
                "user-hour-rem" => remaining = Some(number),
                _ => {}
            }
        }
        Some(RateLimit {
            limit: limit?,
            remaining: remaining?,
        })
    }

    /// Reads and parses the `X-Rate-Limit` header; `None` if it is absent, not text or
    /// incomplete.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let value = headers.get(RATE_LIMIT_HEADER)?.to_str().ok()?;
        RateLimit::parse(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn rl(limit: u64, remaining: u64) -> Option<RateLimit> {
        Some(RateLimit { limit, remaining })
    }

    #[test]
    fn apple_format() {
        assert_eq!(
            RateLimit::parse("user-hour-lim:3600;user-hour-rem:3599;"),
            rl(3600, 3599)
        );
    }

    #[test]
    fn tolerant_variants() {
        assert_eq!(
            RateLimit::parse("user-hour-rem:10;user-hour-lim:3600"),
            rl(3600, 10)
        );
        assert_eq!(
            RateLimit::parse(" user-hour-lim : 3600 ; user-hour-rem : 0 ; "),
            rl(3600, 0)
        );
        assert_eq!(
            RateLimit::parse("foo:bar;user-hour-lim:5;other:9;user-hour-rem:4;;"),
            rl(5, 4)
        );
        assert_eq!(
            RateLimit::parse("USER-HOUR-LIM:7;User-Hour-Rem:6"),
            rl(7, 6)
        );
    }

    #[test]
    fn incomplete_values_are_none() {
        assert_eq!(RateLimit::parse(""), None);
        assert_eq!(RateLimit::parse("user-hour-lim:3600;"), None);
        assert_eq!(RateLimit::parse("user-hour-rem:3599"), None);
        assert_eq!(RateLimit::parse("user-hour-lim:lots;user-hour-rem:1"), None);
        assert_eq!(RateLimit::parse("garbage"), None);
        assert_eq!(RateLimit::parse("user-hour-lim:-1;user-hour-rem:1"), None);
    }

    #[test]
    fn from_headers_reads_the_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(RateLimit::from_headers(&headers), None);
        headers.insert(
            "X-Rate-Limit",
            HeaderValue::from_static("user-hour-lim:3600;user-hour-rem:42;"),
        );
        assert_eq!(RateLimit::from_headers(&headers), rl(3600, 42));
    }
}
