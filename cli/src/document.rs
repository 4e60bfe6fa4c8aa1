//! The JSON documents `asc` prints, with object members kept in the server's order.
//!
//! `serde_json::Value` sorts object keys unless its `preserve_order` feature is on, and a
//! library should not switch that feature on for everyone who depends on it. Apple's
//! documents read best as sent (`type`, `id`, `attributes`, …), so the command line
//! decodes into this small tree instead.

use connector_runtime::Page;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A JSON value whose objects keep their members in the order they were read.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as serde_json reads it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in document order.
    Object(IndexMap<String, Json>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.get(key),
            _ => None,
        }
    }

    /// The members of an object, mutably.
    pub fn as_object_mut(&mut self) -> Option<&mut IndexMap<String, Json>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }
}

/// A JSON:API document: the next link is the string at `links.next`, the items are the
/// `data` array (a `data` object is one item; absent or `null` is none).
impl Page for Json {
    type Item = Json;

    fn next_link(&self) -> Option<&str> {
        self.get("links")?.get("next")?.as_str()
    }

    fn into_items(self) -> Vec<Json> {
        let Json::Object(mut document) = self else {
            return Vec::new();
        };
        match document.shift_remove("data") {
            Some(Json::Array(items)) => items,
            Some(Json::Null) | None => Vec::new(),
            Some(item) => vec![item],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = r#"{"data":[{"type":"apps","id":"1","attributes":{"name":"Z","bundleId":"a","sku":null,"n":-1.5e3,"big":18446744073709551615,"ok":true}}],"links":{"self":"s","next":"n"}}"#;

    #[test]
    fn members_come_out_in_the_order_they_came_in() {
        let document: Json = serde_json::from_str(DOCUMENT).expect("valid JSON");
        let text = serde_json::to_string(&document).expect("serializable");
        assert_eq!(text, DOCUMENT.replace("-1.5e3", "-1500.0"));
    }

    #[test]
    fn the_next_link_and_items_follow_json_api() {
        let document: Json = serde_json::from_str(DOCUMENT).expect("valid JSON");
        assert_eq!(document.next_link(), Some("n"));
        let items = document.into_items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].get("id").and_then(Json::as_str), Some("1"));
        let single: Json = serde_json::from_str(r#"{"data":{"id":"7"}}"#).expect("valid JSON");
        assert_eq!(single.into_items().len(), 1);
        let none: Json = serde_json::from_str(r#"{"data":null}"#).expect("valid JSON");
        assert!(none.next_link().is_none() && none.into_items().is_empty());
    }
}
