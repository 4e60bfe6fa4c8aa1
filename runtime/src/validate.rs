//! Parameter checks generated code runs before sending a request.
//!
//! Each helper returns [`Error::InvalidRequest`] naming the operation and parameter, so
//! a bad value is reported before anything goes over the network.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::{Mutex, OnceLock};

use regex_lite::Regex;

use crate::error::Error;

/// Longest echo of an offending value in a message, in characters.
const ECHO_CHARS: usize = 64;
/// Compiled patterns kept for reuse; patterns come from the API definition, so few.
const PATTERN_CACHE_SIZE: usize = 512;

/// Checks `value <= max` (or `value < max` when `exclusive`).
pub fn maximum<T: PartialOrd + Display>(
    operation: &'static str,
    parameter: &str,
    value: T,
    max: T,
    exclusive: bool,
) -> Result<(), Error> {
    let (ok, bound) = if exclusive {
        (value < max, "less than")
    } else {
        (value <= max, "at most")
    };
    check(ok, operation, parameter, || {
        format!("must be {bound} {max}, got {value}")
    })
}

/// Checks `value >= min` (or `value > min` when `exclusive`).
pub fn minimum<T: PartialOrd + Display>(
    operation: &'static str,
    parameter: &str,
    value: T,
    min: T,
    exclusive: bool,
) -> Result<(), Error> {
    let (ok, bound) = if exclusive {
        (value > min, "greater than")
    } else {
        (value >= min, "at least")
    };
    check(ok, operation, parameter, || {
        format!("must be {bound} {min}, got {value}")
    })
}

/// Checks that `value` has at most `max` characters (Unicode scalar values, not bytes).
pub fn max_length(
    operation: &'static str,
    parameter: &str,
    value: &str,
    max: usize,
) -> Result<(), Error> {
    let len = value.chars().count();
    check(len <= max, operation, parameter, || {
        format!("must be at most {max} characters long, got {len}")
    })
}

/// Checks that `value` has at least `min` characters (Unicode scalar values, not bytes).
pub fn min_length(
    operation: &'static str,
    parameter: &str,
    value: &str,
    min: usize,
) -> Result<(), Error> {
    let len = value.chars().count();
    check(len >= min, operation, parameter, || {
        format!("must be at least {min} characters long, got {len}")
    })
}

/// Checks that `pattern` matches somewhere in `value` (unanchored, as in JSON Schema).
///
/// A pattern that is not a valid regular expression is reported as
/// [`Error::InvalidRequest`] too, saying the API definition is at fault.
pub fn pattern(
    operation: &'static str,
    parameter: &str,
    value: &str,
    pattern: &str,
) -> Result<(), Error> {
    let regex = compiled(pattern).map_err(|reason| {
        Error::invalid_request(
            operation,
            parameter,
            format!(
                "cannot be checked: the API definition's pattern `{pattern}` is not a \
                 valid regular expression ({reason})"
            ),
        )
    })?;
    check(regex.is_match(value), operation, parameter, || {
        format!("must match the pattern `{pattern}`, got `{}`", echo(value))
    })
}

/// Checks that an array parameter has at most `max` items.
pub fn max_items(
    operation: &'static str,
    parameter: &str,
    len: usize,
    max: usize,
) -> Result<(), Error> {
    check(len <= max, operation, parameter, || {
        format!("must have at most {}, got {len}", items(max))
    })
}

/// Checks that an array parameter has at least `min` items.
pub fn min_items(
    operation: &'static str,
    parameter: &str,
    len: usize,
    min: usize,
) -> Result<(), Error> {
    check(len >= min, operation, parameter, || {
        format!("must have at least {}, got {len}", items(min))
    })
}

/// Checks that a number parameter takes one of the values the definition lists.
pub fn one_of<T: PartialEq + Display>(
    operation: &'static str,
    parameter: &str,
    value: T,
    allowed: &[T],
) -> Result<(), Error> {
    check(allowed.contains(&value), operation, parameter, || {
        let allowed: Vec<String> = allowed.iter().map(ToString::to_string).collect();
        format!("must be one of {}, got {value}", allowed.join(", "))
    })
}

fn check(
    ok: bool,
    operation: &'static str,
    parameter: &str,
    reason: impl FnOnce() -> String,
) -> Result<(), Error> {
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_request(operation, parameter, reason()))
    }
}

fn items(count: usize) -> String {
    if count == 1 {
        "1 item".to_owned()
    } else {
        format!("{count} items")
    }
}

fn echo(value: &str) -> String {
    if value.chars().count() <= ECHO_CHARS {
        value.to_owned()
    } else {
        let mut short: String = value.chars().take(ECHO_CHARS).collect();
        short.push('…');
        short
    }
}

fn compiled(pattern: &str) -> Result<Regex, regex_lite::Error> {
    static CACHE: OnceLock<Mutex<HashMap<String, Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned cache only means another thread panicked mid-insert; the map is still valid.
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(regex) = cache.get(pattern) {
        return Ok(regex.clone());
    }
    let regex = Regex::new(pattern)?;
    if cache.len() >= PATTERN_CACHE_SIZE {
        cache.clear();
    }
    cache.insert(pattern.to_owned(), regex.clone());
    Ok(regex)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: &str = "Apps_And_App_Metadata__List_Apps";

    fn message(result: Result<(), Error>) -> String {
        match result {
            Err(error @ Error::InvalidRequest { .. }) => error.to_string(),
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }

    #[test]
    fn maximum_inclusive_and_exclusive() {
        assert!(maximum(OP, "limit[builds]", 50, 50, false).is_ok());
        assert_eq!(
            message(maximum(OP, "limit[builds]", 51, 50, false)),
            "parameter `limit[builds]` of Apps_And_App_Metadata__List_Apps must be at most 50, \
             got 51; the request was not sent"
        );
        assert!(maximum(OP, "x", 49, 50, true).is_ok());
        assert!(message(maximum(OP, "x", 50, 50, true)).contains("must be less than 50, got 50"));
        assert!(maximum(OP, "x", 1.5, 2.0, true).is_ok());
    }

    #[test]
    fn minimum_inclusive_and_exclusive() {
        assert!(minimum(OP, "limit", 1, 1, false).is_ok());
        assert!(message(minimum(OP, "limit", 0, 1, false)).contains("must be at least 1, got 0"));
        assert!(minimum(OP, "x", 1, 0, true).is_ok());
        assert!(message(minimum(OP, "x", 0, 0, true)).contains("must be greater than 0, got 0"));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(max_length(OP, "name", "ééé", 3).is_ok());
        assert!(message(max_length(OP, "name", "éééé", 3)).contains("at most 3 characters"));
        assert!(min_length(OP, "name", "日本", 2).is_ok());
        assert!(
            message(min_length(OP, "name", "日", 2)).contains("at least 2 characters long, got 1")
        );
    }

    #[test]
    fn pattern_is_unanchored_search() {
        assert!(pattern(OP, "id", "abc123", "[0-9]+").is_ok());
        assert!(pattern(OP, "id", "abc123", "^[0-9]+$").is_err());
        let text = message(pattern(OP, "id", "abc", "^[0-9]+$"));
        assert!(
            text.contains("must match the pattern `^[0-9]+$`, got `abc`"),
            "{text}"
        );
    }

    #[test]
    fn invalid_pattern_is_reported() {
        let text = message(pattern(OP, "id", "abc", "(unclosed"));
        assert!(text.contains("not a valid regular expression"), "{text}");
        assert!(text.contains("the request was not sent"), "{text}");
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let long = "x".repeat(500);
        let text = message(pattern(OP, "id", &long, "^[0-9]+$"));
        assert!(text.len() < 300, "{text}");
    }

    #[test]
    fn item_counts() {
        assert!(max_items(OP, "fields[apps]", 3, 3).is_ok());
        assert!(message(max_items(OP, "fields[apps]", 4, 3)).contains("at most 3 items, got 4"));
        assert!(min_items(OP, "ids", 1, 1).is_ok());
        assert!(message(min_items(OP, "ids", 0, 1)).contains("at least 1 item, got 0"));
    }
}
