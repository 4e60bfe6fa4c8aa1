//! Apple's JSON error document (`{"errors":[...]}`) and its decoding.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::rate_limit::RateLimit;

/// An error document returned by App Store Connect, whatever the HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: u16,
    /// Every entry of the document's `errors` array, in order.
    pub errors: Vec<ApiErrorEntry>,
    /// The `X-Rate-Limit` of the response, if any.
    pub rate_limit: Option<RateLimit>,
}

/// One entry of an error document. Decoding is lenient: a missing `status`, `code` or
/// `title` becomes an empty string and `status` may be a number or a string.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApiErrorEntry {
    /// Unique identifier of this occurrence.
    #[serde(default, deserialize_with = "lenient_opt_string")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// HTTP status as text, e.g. `"404"`.
    #[serde(default, deserialize_with = "lenient_string")]
    pub status: String,
    /// Stable, dot-hierarchical machine code, e.g. `PARAMETER_ERROR.INVALID`.
    #[serde(default, deserialize_with = "lenient_string")]
    pub code: String,
    /// Short human-readable summary.
    #[serde(default, deserialize_with = "lenient_string")]
    pub title: String,
    /// Longer explanation of this occurrence.
    #[serde(default, deserialize_with = "lenient_opt_string")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What in the request caused the error.
    #[serde(default, deserialize_with = "lenient_source")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ApiErrorSource>,
    /// `links` (`about`, `associated`) as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<serde_json::Value>,
    /// `meta` (e.g. `associatedErrors`) as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
}

/// The part of the request an error entry points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiErrorSource {
    /// A JSON pointer (RFC 6901) into the request body, from `{"pointer": ...}`.
    Pointer(String),
    /// A query or path parameter name, from `{"parameter": ...}`.
    Parameter(String),
}

impl<'de> Deserialize<'de> for ApiErrorSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            pointer: Option<String>,
            parameter: Option<String>,
        }
        let raw = Raw::deserialize(deserializer)?;
        match (raw.pointer, raw.parameter) {
            (Some(pointer), _) => Ok(ApiErrorSource::Pointer(pointer)),
            (None, Some(parameter)) => Ok(ApiErrorSource::Parameter(parameter)),
            (None, None) => Err(serde::de::Error::custom(
                "error source has neither `pointer` nor `parameter`",
            )),
        }
    }
}

impl fmt::Display for ApiErrorSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiErrorSource::Pointer(pointer) => write!(f, "pointer {pointer}"),
            ApiErrorSource::Parameter(parameter) => write!(f, "parameter {parameter}"),
        }
    }
}

impl ApiError {
    /// The `code` of the first entry, if any.
    pub fn first_code(&self) -> Option<&str> {
        self.errors.first().map(|entry| entry.code.as_str())
    }

    /// True if any entry has exactly this `code`, or a code below it in the
    /// dot hierarchy (`has_code("PARAMETER_ERROR")` matches `PARAMETER_ERROR.INVALID`).
    pub fn has_code(&self, code: &str) -> bool {
        self.errors.iter().any(|entry| {
            entry.code == code
                || entry
                    .code
                    .strip_prefix(code)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// Decodes an error document; `None` if `body` is not `{"errors":[...]}` with at
    /// least one entry.
    pub fn from_body(status: u16, body: &[u8], rate_limit: Option<RateLimit>) -> Option<Self> {
        #[derive(Deserialize)]
        struct Document {
            errors: Vec<ApiErrorEntry>,
        }
        let document: Document = serde_json::from_slice(body).ok()?;
        if document.errors.is_empty() {
            return None;
        }
        Some(ApiError {
            status,
            errors: document.errors,
            rate_limit,
        })
    }
}

impl fmt::Display for ApiErrorEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.title)?;
        if let Some(detail) = self.detail.as_deref().filter(|d| !d.is_empty()) {
            write!(f, " - {detail}")?;
        }
        if let Some(source) = &self.source {
            write!(f, " (source: {source})")?;
        }
        Ok(())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "App Store Connect answered {}", self.status)?;
        for (index, entry) in self.errors.iter().enumerate() {
            let separator = if index == 0 { " " } else { "; " };
            write!(f, "{separator}{entry}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn value_to_string(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

fn lenient_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(value_to_string(serde_json::Value::deserialize(d)?))
}

fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(lenient_opt_string(d)?.unwrap_or_default())
}

fn lenient_source<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiErrorSource>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(ApiErrorSource::deserialize(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &str) -> Option<ApiError> {
        ApiError::from_body(404, body.as_bytes(), None)
    }

    const NOT_FOUND: &str = r#"{"errors":[{"id":"abc","status":"404","code":"NOT_FOUND",
        "title":"The specified resource does not exist",
        "detail":"There is no resource of type 'apps' with id '42'",
        "source":{"parameter":"id"},"links":{"about":"https://x"},"meta":{"k":1}}]}"#;

    #[test]
    fn full_entry_with_parameter_source() {
        let error = decode(NOT_FOUND).expect("valid document");
        assert_eq!(error.status, 404);
        let entry = &error.errors[0];
        assert_eq!(entry.id.as_deref(), Some("abc"));
        assert_eq!(entry.status, "404");
        assert_eq!(entry.code, "NOT_FOUND");
        assert_eq!(entry.source, Some(ApiErrorSource::Parameter("id".into())));
        assert_eq!(entry.links, Some(serde_json::json!({"about": "https://x"})));
        assert_eq!(entry.meta, Some(serde_json::json!({"k": 1})));
        assert_eq!(
            error.to_string(),
            "App Store Connect answered 404 NOT_FOUND: The specified resource does not exist \
             - There is no resource of type 'apps' with id '42' (source: parameter id)"
        );
    }

    #[test]
    fn pointer_source_and_numeric_status() {
        let body = r#"{"errors":[{"status":409,"code":"ENTITY_ERROR.ATTRIBUTE.INVALID",
            "title":"bad","source":{"pointer":"/data/attributes/name"}}]}"#;
        let error = decode(body).expect("valid document");
        let entry = &error.errors[0];
        assert_eq!(entry.status, "409");
        assert_eq!(
            entry.source,
            Some(ApiErrorSource::Pointer("/data/attributes/name".into()))
        );
        assert!(error.has_code("ENTITY_ERROR"));
        assert!(error.has_code("ENTITY_ERROR.ATTRIBUTE.INVALID"));
        assert!(!error.has_code("ENTITY"));
    }

    #[test]
    fn several_entries_are_all_listed() {
        let body = r#"{"errors":[{"code":"A","title":"first"},{"code":"B","title":"second",
            "detail":"more"}]}"#;
        let error = decode(body).expect("valid document");
        assert_eq!(error.errors.len(), 2);
        assert_eq!(error.first_code(), Some("A"));
        assert!(error.has_code("B"));
        assert_eq!(
            error.to_string(),
            "App Store Connect answered 404 A: first; B: second - more"
        );
    }

    #[test]
    fn missing_fields_default_to_empty() {
        let error = decode(r#"{"errors":[{"source":{"header":"x"}}]}"#).expect("lenient");
        let entry = &error.errors[0];
        assert_eq!((entry.status.as_str(), entry.code.as_str()), ("", ""));
        assert_eq!(entry.title, "");
        assert_eq!(entry.source, None);
    }

    #[test]
    fn garbage_is_not_an_error_document() {
        assert!(decode("<html>Bad gateway</html>").is_none());
        assert!(decode("").is_none());
        assert!(decode(r#"{"errors":[]}"#).is_none());
        assert!(decode(r#"{"data":{"id":"1"}}"#).is_none());
        assert!(decode(r#"{"errors":"nope"}"#).is_none());
    }

    #[test]
    fn entry_round_trips_through_serde() {
        let error = decode(NOT_FOUND).expect("valid document");
        let json = serde_json::to_value(&error.errors[0]).expect("serializable");
        assert_eq!(json["source"], serde_json::json!({"parameter": "id"}));
        let back: ApiErrorEntry = serde_json::from_value(json).expect("deserializable");
        assert_eq!(back, error.errors[0]);
    }
}
