//! The sandbox's documents conform to the 200-response schemas in the connector definition
//! (`../apiDefinition.swagger.json`), so models generated from them decode these documents.

use crate::common::*;
use serde_json::Value;

fn definition() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../apiDefinition.swagger.json");
    let text = std::fs::read_to_string(path).expect("connector definition next to the workspace");
    serde_json::from_str(&text).expect("definition is JSON")
}

fn response_schema(definition: &Value, path: &str) -> Value {
    definition["paths"][path]["get"]["responses"]["200"]["schema"].clone()
}

/// Collects every place where `value` does not fit `schema` (null fits any optional field).
fn mismatches(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if value.is_null() {
        return;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        out.push(format!("{at}: {value} not in enum"));
    }
    let fits = match schema["type"].as_str() {
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some("integer") => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        Some("number") => value.is_number(),
        Some("array") => value.is_array(),
        Some("object") | None => value.is_object(),
        Some(other) => {
            out.push(format!("{at}: unknown schema type {other}"));
            true
        }
    };
    if !fits {
        out.push(format!("{at}: {value} is not {}", schema["type"]));
        return;
    }
    if let (Some(items), Some(values)) = (schema.get("items"), value.as_array()) {
        for (i, item) in values.iter().enumerate() {
            mismatches(items, item, &format!("{at}[{i}]"), out);
        }
    }
    if let Some(properties) = schema["properties"].as_object() {
        for (name, property) in properties {
            mismatches(property, &value[name], &format!("{at}.{name}"), out);
        }
    }
}

fn assert_fits(schema: &Value, document: &Value) {
    let mut out = Vec::new();
    mismatches(schema, document, "$", &mut out);
    assert!(out.is_empty(), "document does not fit the schema: {out:#?}");
}

#[tokio::test]
async fn list_document_fits_the_list_apps_schema() {
    let definition = definition();
    let schema = response_schema(&definition, "/v1/apps");
    assert!(schema["properties"]["meta"]["properties"]["paging"].is_object());
    let f = team_fixture().await;
    let answer = f.get("/v1/apps", Some(&f.team_token())).await;
    assert_eq!(answer.status, 200);
    assert_fits(&schema, &answer.body);
    assert!(answer.body["links"]["next"].is_string());
}

#[tokio::test]
async fn read_document_fits_the_read_app_schema() {
    let definition = definition();
    let schema = response_schema(&definition, "/v1/apps/{id}");
    let f = team_fixture().await;
    let answer = f.get("/v1/apps/1500000002", Some(&f.team_token())).await;
    assert_eq!(answer.status, 200);
    assert_fits(&schema, &answer.body);
}

#[test]
fn the_checker_notices_a_wrong_type() {
    let schema = serde_json::json!({"type": "object", "properties": {"n": {"type": "integer"}}});
    let mut out = Vec::new();
    mismatches(&schema, &serde_json::json!({"n": "7"}), "$", &mut out);
    assert_eq!(out.len(), 1);
}
