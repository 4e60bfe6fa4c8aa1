//! fastlane-style API key files: `{key_id, issuer_id, key, is_key_content_base64,
//! duration, in_house}`.

use std::path::Path;

use serde::Deserialize;

use crate::config::ConfigError;

/// The contents of a fastlane-style key file. `Debug` never shows the key.
#[derive(Clone, Deserialize)]
pub struct KeyJson {
    /// The key ID.
    pub key_id: String,
    /// The issuer ID; absent or empty for an individual key.
    #[serde(default)]
    pub issuer_id: Option<String>,
    /// The PEM text of the key, or its base64 when `is_key_content_base64`.
    pub key: String,
    /// Whether `key` is base64 of the key file.
    #[serde(default)]
    pub is_key_content_base64: bool,
    /// Token lifetime in seconds.
    #[serde(default)]
    pub duration: Option<u64>,
    /// An Enterprise Program key (audience `apple-developer-enterprise-v1`).
    #[serde(default)]
    pub in_house: Option<bool>,
}

impl std::fmt::Debug for KeyJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyJson")
            .field("key_id", &self.key_id)
            .field("issuer_id", &self.issuer_id)
            .field("key", &"<redacted>")
            .field("is_key_content_base64", &self.is_key_content_base64)
            .field("duration", &self.duration)
            .field("in_house", &self.in_house)
            .finish()
    }
}

/// Reads and parses the key file at `path`.
pub fn load(path: &Path) -> Result<KeyJson, ConfigError> {
    let refuse = |reason: String| ConfigError::KeyJson {
        path: path.to_owned(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => refuse("does not exist".to_owned()),
        _ => refuse(format!("could not be read: {error}")),
    })?;
    parse(&text).map_err(refuse)
}

/// Parses key file text; the error says what is wrong (never echoing the key).
pub fn parse(text: &str) -> Result<KeyJson, String> {
    serde_json::from_str(text).map_err(|error| {
        format!(
            "is not a fastlane API key file ({}); expected {{\"key_id\": ..., \"issuer_id\": \
             ..., \"key\": \"-----BEGIN PRIVATE KEY-----...\"}}",
            describe(&error)
        )
    })
}

/// serde_json's message without any value it might quote: only the category and place.
fn describe(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Syntax | Category::Eof => "invalid JSON".to_owned(),
        Category::Io => "unreadable".to_owned(),
        Category::Data => {
            let message = error.to_string();
            match message.split_once(" at line ") {
                Some((head, _)) if head.starts_with("missing field") => head.to_owned(),
                _ => "a field has the wrong type".to_owned(),
            }
        }
    };
    format!("{what} at line {} column {}", error.line(), error.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fastlane_files_with_and_without_options() {
        let full = parse(
            r#"{"key_id":"D383SF739","issuer_id":"6053b7fe-68a8-4acb-89be-165aa6465141",
                "key":"-----BEGIN PRIVATE KEY-----\nMIG\n-----END PRIVATE KEY-----",
                "duration":1200,"in_house":false,"is_key_content_base64":false}"#,
        )
        .unwrap();
        assert_eq!(full.key_id, "D383SF739");
        assert_eq!(full.duration, Some(1200));
        assert_eq!(full.in_house, Some(false));
        let minimal = parse(r#"{"key_id":"K","key":"x"}"#).unwrap();
        assert!(minimal.issuer_id.is_none() && !minimal.is_key_content_base64);
    }

    #[test]
    fn errors_say_what_is_missing_without_echoing_values() {
        let missing = parse(r#"{"key_id":"K"}"#).unwrap_err();
        assert!(missing.contains("missing field `key`"), "{missing}");
        let wrong = parse(r#"{"key_id":"K","key":"SECRET","duration":"SECRET2"}"#).unwrap_err();
        assert!(
            wrong.contains("wrong type") && !wrong.contains("SECRET"),
            "{wrong}"
        );
        assert!(parse("not json").unwrap_err().contains("invalid JSON"));
        let shown = format!("{:?}", parse(r#"{"key_id":"K","key":"SECRET"}"#).unwrap());
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}
