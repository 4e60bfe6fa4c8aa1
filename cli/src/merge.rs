//! Merging the pages of a listing into one JSON:API document.

use crate::document::Json;

/// Accumulates pages: the first page's document, with `data` (and `included`) of every
/// page appended in order.
#[derive(Debug, Default)]
pub struct Merged {
    document: Option<Json>,
    last_next: Option<Json>,
}

impl Merged {
    /// No pages yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one page.
    pub fn push(&mut self, page: Json) {
        self.last_next = page
            .get("links")
            .and_then(|links| links.get("next"))
            .cloned();
        let Some(document) = &mut self.document else {
            self.document = Some(page);
            return;
        };
        let Json::Object(mut page) = page else {
            return;
        };
        append(document, "data", page.shift_remove("data"));
        if let Some(included) = page.shift_remove("included") {
            append_included(document, included);
        }
    }

    /// The merged document. With `keep_next`, `links.next` is the last page's (so a capped
    /// listing shows that more exist); without, it is removed.
    pub fn finish(self, keep_next: bool) -> Json {
        let mut document = self.document.unwrap_or(Json::Null);
        let links = document
            .as_object_mut()
            .and_then(|document| document.get_mut("links"))
            .and_then(Json::as_object_mut);
        if let Some(links) = links {
            match self.last_next {
                Some(next) if keep_next => {
                    links.insert("next".to_owned(), next);
                }
                _ => {
                    links.shift_remove("next");
                }
            }
        }
        document
    }
}

/// Appends a page's `data` items (an array, or one object) to the document's `data`.
fn append(document: &mut Json, key: &str, items: Option<Json>) {
    let items = match items {
        Some(Json::Array(items)) => items,
        Some(Json::Null) | None => return,
        Some(item) => vec![item],
    };
    if let Some(object) = document.as_object_mut() {
        match object.get_mut(key) {
            Some(Json::Array(existing)) => existing.extend(items),
            _ => {
                object.insert(key.to_owned(), Json::Array(items));
            }
        }
    }
}

/// Appends a page's `included` resources, skipping ones already there (same type and id).
fn append_included(document: &mut Json, included: Json) {
    let Json::Array(items) = included else {
        return;
    };
    let Some(object) = document.as_object_mut() else {
        return;
    };
    let existing = object
        .entry("included".to_owned())
        .or_insert_with(|| Json::Array(Vec::new()));
    let Json::Array(existing) = existing else {
        return;
    };
    for item in items {
        if !existing.iter().any(|seen| same_resource(seen, &item)) {
            existing.push(item);
        }
    }
}

/// True when both are resources with the same `type` and `id`.
fn same_resource(a: &Json, b: &Json) -> bool {
    let key = |value: &Json| -> Option<(String, String)> {
        Some((
            value.get("type")?.as_str()?.to_owned(),
            value.get("id")?.as_str()?.to_owned(),
        ))
    };
    matches!((key(a), key(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn page(ids: &[&str], next: Option<&str>, included: &[&str]) -> Json {
        let data: Vec<Value> = ids
            .iter()
            .map(|id| json!({"type": "apps", "id": id}))
            .collect();
        let included: Vec<Value> = included
            .iter()
            .map(|id| json!({"type": "builds", "id": id}))
            .collect();
        let mut links = json!({"self": format!("self-{}", ids[0])});
        if let Some(next) = next {
            links["next"] = json!(next);
        }
        let page = json!({"data": data, "included": included, "links": links,
               "meta": {"paging": {"total": 7, "limit": 3}}});
        serde_json::from_value(page).expect("a JSON document")
    }

    fn value(document: &Json) -> Value {
        serde_json::to_value(document).expect("serializable")
    }

    #[test]
    fn pages_merge_into_the_first_document_without_next() {
        let mut merged = Merged::new();
        merged.push(page(&["1", "2", "3"], Some("n2"), &["b1"]));
        merged.push(page(&["4", "5", "6"], Some("n3"), &["b1", "b2"]));
        merged.push(page(&["7"], None, &[]));
        let document = value(&merged.finish(false));
        let ids: Vec<&str> = document["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item["id"].as_str())
            .collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(document["included"].as_array().unwrap().len(), 2);
        assert_eq!(document["links"], json!({"self": "self-1"}));
        assert_eq!(document["meta"]["paging"]["total"], 7);
    }

    #[test]
    fn a_capped_listing_keeps_the_last_next_link() {
        let mut merged = Merged::new();
        merged.push(page(&["1", "2", "3"], Some("n2"), &[]));
        merged.push(page(&["4", "5", "6"], Some("n3"), &[]));
        let document = value(&merged.finish(true));
        assert_eq!(document["links"]["next"], "n3");
        assert_eq!(document["data"].as_array().unwrap().len(), 6);
        assert_eq!(Merged::new().finish(true), Json::Null);
    }

    #[test]
    fn the_merged_document_keeps_the_first_page_s_member_order() {
        let first =
            r#"{"data":[{"type":"apps","id":"1"}],"links":{"self":"s","next":"n"},"meta":{}}"#;
        let last = r#"{"data":[{"type":"apps","id":"2"}],"links":{"self":"t"},"meta":{}}"#;
        let mut merged = Merged::new();
        merged.push(serde_json::from_str(first).unwrap());
        merged.push(serde_json::from_str(last).unwrap());
        let text = serde_json::to_string(&merged.finish(false)).unwrap();
        assert_eq!(
            text,
            r#"{"data":[{"type":"apps","id":"1"},{"type":"apps","id":"2"}],"links":{"self":"s"},"meta":{}}"#
        );
    }
}
