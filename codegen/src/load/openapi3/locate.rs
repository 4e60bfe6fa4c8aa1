//! Sharper locations for errors in OpenAPI documents.
//!
//! `openapiv3` reads path items and components through untagged enums (an entry is a
//! `$ref` or the thing itself), so an error inside one is reported at the enclosing map,
//! such as `paths`. When that happens, each entry of the map is read again on its own, as
//! the thing itself, and the first one that fails gives the error its full path.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Error;
use crate::load::json;

/// `error`, located inside the entry of `document` that causes it when it points at a map
/// whose entries the reader could not look into.
pub fn sharpen(file: &Path, document: &Value, error: Error) -> Error {
    let Error::Invalid { path, .. } = &error else {
        return error;
    };
    let found = match path.as_str() {
        "paths" => first_failure::<openapiv3::PathItem>(file, document, &["paths"]),
        "components" | "components.schemas" => {
            first_failure::<openapiv3::Schema>(file, document, &["components", "schemas"])
        }
        "components.parameters" => {
            first_failure::<openapiv3::Parameter>(file, document, &["components", "parameters"])
        }
        "components.responses" => {
            first_failure::<openapiv3::Response>(file, document, &["components", "responses"])
        }
        "components.requestBodies" => first_failure::<openapiv3::RequestBody>(
            file,
            document,
            &["components", "requestBodies"],
        ),
        _ => None,
    };
    found.unwrap_or(error)
}

/// The error of the first entry of the map at `at` that does not read as a `T` (entries
/// that are a `$ref` are skipped), with its full path.
fn first_failure<T: DeserializeOwned>(file: &Path, document: &Value, at: &[&str]) -> Option<Error> {
    let map = at
        .iter()
        .try_fold(document, |value, key| value.get(key))?
        .as_object()?;
    map.iter()
        .filter(|(_, entry)| entry.get("$ref").is_none())
        .find_map(|(key, entry)| {
            let error = json::to_model_from::<T>(file, entry).err()?;
            Some(match error {
                Error::Invalid {
                    file,
                    path,
                    message,
                } => Error::Invalid {
                    file,
                    path: if path == "." {
                        format!("{}.{key}", at.join("."))
                    } else {
                        format!("{}.{key}.{path}", at.join("."))
                    },
                    message,
                },
                other => other,
            })
        })
}
