//! Apple-shaped error documents: `{"errors":[{id, status, code, title, detail, source}]}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

const NOT_AUTHORIZED_TITLE: &str = "Authentication credentials are missing or invalid.";
const NOT_AUTHORIZED_DETAIL: &str = "Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens";
const NOT_FOUND_TITLE: &str = "The specified resource does not exist";

/// Where in the request an error points (Apple also uses `pointer`, which this double never needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorSource {
    /// `source.parameter`: the name of the offending parameter.
    Parameter(String),
}

/// One error entry, answered as a single-entry `errors` document.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: String,
    pub(crate) title: String,
    pub(crate) detail: String,
    pub(crate) source: Option<ErrorSource>,
}

impl ApiError {
    /// An error without a `source`.
    pub(crate) fn new(status: StatusCode, code: &str, title: &str, detail: &str) -> Self {
        ApiError {
            status,
            code: code.to_owned(),
            title: title.to_owned(),
            detail: detail.to_owned(),
            source: None,
        }
    }

    /// Attaches `source.parameter`.
    pub(crate) fn with_parameter(mut self, parameter: &str) -> Self {
        self.source = Some(ErrorSource::Parameter(parameter.to_owned()));
        self
    }

    /// 401 NOT_AUTHORIZED, word for word what Apple answers for any token problem.
    pub(crate) fn not_authorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "NOT_AUTHORIZED",
            NOT_AUTHORIZED_TITLE,
            NOT_AUTHORIZED_DETAIL,
        )
    }

    /// 404 NOT_FOUND for a resource id that does not exist.
    pub(crate) fn resource_not_found(resource_type: &str, id: &str) -> Self {
        let detail = format!("There is no resource of type '{resource_type}' with id '{id}'");
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", NOT_FOUND_TITLE, &detail).with_parameter("id")
    }

    /// 404 NOT_FOUND for a path that names no resource type.
    pub(crate) fn path_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            NOT_FOUND_TITLE,
            "The path provided does not match a defined resource type.",
        )
    }

    /// 405 METHOD_NOT_ALLOWED for a known path with an unsupported method.
    pub(crate) fn method_not_allowed(resource_type: &str, method: &str) -> Self {
        let detail = format!(
            "The resource '{resource_type}' does not allow '{method}'. Allowed operations are: GET"
        );
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "The request method is not valid for the resource path.",
            &detail,
        )
    }

    /// 400 PARAMETER_ERROR.INVALID naming the parameter.
    pub(crate) fn invalid_parameter(parameter: &str, detail: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "PARAMETER_ERROR.INVALID",
            "A parameter has an invalid value",
            detail,
        )
        .with_parameter(parameter)
    }

    /// 400 PARAMETER_ERROR.ILLEGAL naming a parameter the endpoint does not take.
    pub(crate) fn illegal_parameter(parameter: &str) -> Self {
        let detail = format!("The parameter '{parameter}' can not be used with this request");
        Self::new(
            StatusCode::BAD_REQUEST,
            "PARAMETER_ERROR.ILLEGAL",
            "A parameter provided in the request is not allowed for this request.",
            &detail,
        )
        .with_parameter(parameter)
    }

    /// The JSON document `{"errors":[…]}`.
    pub(crate) fn document(&self) -> Value {
        let mut entry = Map::new();
        entry.insert("id".into(), Value::String(error_id()));
        entry.insert(
            "status".into(),
            Value::String(self.status.as_u16().to_string()),
        );
        entry.insert("code".into(), Value::String(self.code.clone()));
        entry.insert("title".into(), Value::String(self.title.clone()));
        entry.insert("detail".into(), Value::String(self.detail.clone()));
        if let Some(ErrorSource::Parameter(name)) = &self.source {
            entry.insert("source".into(), json!({ "parameter": name }));
        }
        json!({ "errors": [Value::Object(entry)] })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.document())).into_response()
    }
}

/// A fresh UUID-shaped (version 4) identifier for an error entry.
pub(crate) fn error_id() -> String {
    let mut bytes = [0u8; 16];
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        bytes = fallback_id_bytes();
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Unique (not random) bytes for the unlikely case the system RNG fails.
fn fallback_id_bytes() -> [u8; 16] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&nanos.to_be_bytes());
    bytes[8..].copy_from_slice(&count.to_be_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_authorized_document_has_apple_shape() {
        let doc = ApiError::not_authorized().document();
        let entry = &doc["errors"][0];
        assert_eq!(entry["status"], "401");
        assert_eq!(entry["code"], "NOT_AUTHORIZED");
        assert_eq!(entry["title"], NOT_AUTHORIZED_TITLE);
        assert_eq!(entry["detail"], NOT_AUTHORIZED_DETAIL);
        assert!(entry.get("source").is_none());
    }

    #[test]
    fn parameter_errors_name_the_parameter() {
        let doc = ApiError::illegal_parameter("foo").document();
        assert_eq!(doc["errors"][0]["source"]["parameter"], "foo");
        assert_eq!(doc["errors"][0]["code"], "PARAMETER_ERROR.ILLEGAL");
        assert_eq!(doc["errors"][0]["status"], "400");
    }

    #[test]
    fn error_ids_are_uuid_shaped_and_unique() {
        let a = error_id();
        let b = error_id();
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
    }
}
