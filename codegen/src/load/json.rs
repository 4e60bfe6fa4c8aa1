//! Reading JSON leniently: a UTF-8 byte-order mark is skipped and a duplicated key keeps
//! its last value, as the Power Platform tooling does. Syntax errors carry `line:column`.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::Error;

/// Parses `text` (the contents of `file`) into a JSON value.
pub fn parse(file: &Path, text: &str) -> Result<serde_json::Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|error| {
        let full = error.to_string();
        let message = match full.rsplit_once(" at line ") {
            Some((message, _)) => message.to_owned(),
            None => full,
        };
        Error::Syntax {
            file: file.to_owned(),
            line: error.line(),
            column: error.column(),
            message,
        }
    })
}

/// Reads `file` as UTF-8 text.
pub fn read(file: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(file).map_err(|source| Error::Read {
        file: file.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |position| position + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Error::Syntax {
            file: file.to_owned(),
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })
}

/// Converts a parsed value into the typed model `T`, naming the JSON path on failure.
pub fn to_model<T: DeserializeOwned>(file: &Path, value: serde_json::Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|error| invalid(file, error))
}

/// [`to_model`] from a borrowed value, which stays available to explain an error.
pub fn to_model_from<T: DeserializeOwned>(
    file: &Path,
    value: &serde_json::Value,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|error| invalid(file, error))
}

fn invalid(file: &Path, error: serde_path_to_error::Error<serde_json::Error>) -> Error {
    Error::Invalid {
        file: file.to_owned(),
        path: error.path().to_string(),
        message: error.into_inner().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> &'static Path {
        Path::new("spec.json")
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let value = parse(file(), "\u{feff}{\"a\": 1}").unwrap();
        assert_eq!(value["a"], 1);
    }

    #[test]
    fn a_duplicated_key_keeps_its_last_value() {
        let value = parse(
            file(),
            r#"{"operationId": "first", "operationId": "second"}"#,
        )
        .unwrap();
        assert_eq!(value["operationId"], "second");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let error = parse(file(), "{\n  \"a\": 1,\n}").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("spec.json:3:1: invalid JSON: "), "{text}");
        assert!(!text.contains(" at line "), "{text}");
    }

    #[test]
    fn structural_errors_name_the_json_path() {
        #[derive(Debug, serde::Deserialize)]
        struct Outer {
            #[allow(dead_code)]
            inner: Vec<Inner>,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Inner {
            #[allow(dead_code)]
            name: String,
        }
        let value = parse(file(), r#"{"inner": [{"name": "a"}, {"name": 7}]}"#).unwrap();
        let error = to_model::<Outer>(file(), value).unwrap_err().to_string();
        assert!(
            error.starts_with("spec.json: at inner[1].name: invalid type"),
            "{error}"
        );
    }

    #[test]
    fn non_utf8_files_get_a_location() {
        let directory = std::env::temp_dir().join(format!("codegen-json-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("latin1.json");
        std::fs::write(&path, b"{\n \"a\": \"caf\xe9\"}").unwrap();
        let error = read(&path).unwrap_err().to_string();
        assert!(
            error.ends_with("latin1.json:2:11: invalid JSON: the file is not UTF-8 text"),
            "{error}"
        );
        std::fs::remove_dir_all(&directory).unwrap();
    }
}
