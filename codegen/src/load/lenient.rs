//! `deserialize_with` helpers that accept what real connectors write beside the standard:
//! numbers and booleans as strings, a version as a number, a type as a list, a tuple of
//! item schemas. What cannot be read is treated as absent rather than failing the file.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::load::swagger2::{Discriminator, Requirement};

/// Text from a string, a number or a boolean; absent for anything else.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    })
}

/// A flag from a boolean or the strings `"true"` / `"false"`; false for anything else.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Bool(flag) => flag,
        Value::String(text) => text.eq_ignore_ascii_case("true"),
        _ => false,
    })
}

/// A number from a number or a numeric string; absent for anything else.
pub fn number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<serde_json::Number>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => Some(number),
        Value::String(text) => text.trim().parse::<serde_json::Number>().ok(),
        _ => None,
    })
}

/// A count (a length or a number of items) from a non-negative whole number or such a
/// string; absent for anything else.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(number(deserializer)?.and_then(|number| {
        number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        })
    }))
}

/// A type name from a string, or the first name other than `null` of a list of them.
pub fn kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => Some(text),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .find(|name| *name != "null")
            .map(str::to_owned),
        _ => None,
    })
}

/// A list of strings, keeping the string entries of a list and reading a lone string as a
/// list of one.
pub fn strings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => vec![text],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    })
}

/// A `security` requirement list: a list of alternatives, each an object naming schemes.
/// A lone object is read as a list of one; anything else, and entries that are not
/// objects, as nothing.
pub fn requirements<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Requirement>, D::Error> {
    Ok(some_requirements(deserializer)?.unwrap_or_default())
}

/// [`requirements`] for a field whose absence means something: a value that is neither a
/// list nor an object is absent.
pub fn some_requirements<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Requirement>>, D::Error> {
    let alternatives = match Value::deserialize(deserializer)? {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Ok(None),
    };
    Ok(Some(
        alternatives
            .into_iter()
            .filter_map(|alternative| match alternative {
                Value::Object(schemes) => Some(schemes.into_iter().collect()),
                _ => None,
            })
            .collect(),
    ))
}

/// A discriminator: a property name (Swagger 2.0), or an object with `propertyName` and
/// an optional `mapping` (OpenAPI 3); absent for anything else.
pub fn discriminator<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Discriminator>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(property_name) => Some(Discriminator {
            property_name,
            mapping: Default::default(),
        }),
        Value::Object(object) => {
            object
                .get("propertyName")
                .and_then(Value::as_str)
                .map(|property_name| Discriminator {
                    property_name: property_name.to_owned(),
                    mapping: object
                        .get("mapping")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
                        .collect(),
                })
        }
        _ => None,
    })
}

/// An item schema from an object, or from the first entry of a list (a tuple of item
/// schemas); absent for anything else.
pub fn first_schema<'de, D, T>(deserializer: D) -> Result<Option<Box<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = match Value::deserialize(deserializer)? {
        Value::Array(items) => items.into_iter().next(),
        object @ Value::Object(_) => Some(object),
        _ => None,
    };
    value
        .map(|value| {
            serde_json::from_value(value)
                .map(Box::new)
                .map_err(serde::de::Error::custom)
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "text")]
        version: Option<String>,
        #[serde(default, deserialize_with = "flag")]
        required: bool,
        #[serde(default, deserialize_with = "number")]
        maximum: Option<serde_json::Number>,
        #[serde(default, deserialize_with = "count")]
        length: Option<u64>,
        #[serde(default, deserialize_with = "kind")]
        kind: Option<String>,
        #[serde(default, deserialize_with = "strings")]
        media: Vec<String>,
        #[serde(default, deserialize_with = "requirements")]
        security: Vec<Requirement>,
    }

    fn sample(value: Value) -> Sample {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn loose_values_are_read() {
        let loose = sample(serde_json::json!({
            "version": 1.5, "required": "true", "maximum": "50", "length": 8.0,
            "kind": ["null", "string"], "media": "application/json"
        }));
        assert_eq!(loose.version.as_deref(), Some("1.5"));
        assert!(loose.required);
        assert_eq!(loose.maximum.map(|n| n.to_string()).as_deref(), Some("50"));
        assert_eq!(loose.length, Some(8));
        assert_eq!(loose.kind.as_deref(), Some("string"));
        assert_eq!(loose.media, ["application/json"]);
    }

    #[test]
    fn a_security_requirement_may_be_a_lone_object() {
        let names = |value: Value| -> Vec<Vec<String>> {
            sample(serde_json::json!({ "security": value }))
                .security
                .into_iter()
                .map(|schemes| schemes.into_keys().collect())
                .collect()
        };
        assert_eq!(names(serde_json::json!({"key": []})), [["key"]]);
        assert_eq!(names(serde_json::json!({})), [Vec::<String>::new()]);
        assert_eq!(
            names(serde_json::json!([{"a": []}, "b", {"c": []}])),
            [["a"], ["c"]]
        );
        assert!(names(serde_json::json!("key")).is_empty());
    }

    #[test]
    fn unreadable_values_are_absent() {
        let odd = sample(serde_json::json!({
            "version": {}, "required": 1, "maximum": "lots", "length": -1, "kind": 7, "media": {}
        }));
        assert_eq!(odd.version, None);
        assert!(!odd.required);
        assert_eq!(odd.maximum, None);
        assert_eq!(odd.length, None);
        assert_eq!(odd.kind, None);
        assert!(odd.media.is_empty());
    }
}
