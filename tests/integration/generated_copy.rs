//! `generated/` holds a formatted copy of what build.rs emits, so that every change of the
//! connector is a reviewable diff. These tests keep it in sync and check that the connector
//! growing an operation only adds lines.

#[path = "../common/changelog.rs"]
mod changelog;
#[path = "../../generator.rs"]
mod generator;

use std::path::{Path, PathBuf};

use connector_codegen::generate_from_str_with;
use serde_json::{Value, json};

const SPEC: &str = generator::FILES[0];
const PROPERTIES: &str = generator::FILES[1];
const COPY: &str = "generated/app_store_connect.rs";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate(spec: &Value, properties: &Value) -> String {
    let spec = serde_json::to_string_pretty(spec).unwrap();
    let properties = serde_json::to_string_pretty(properties).unwrap();
    generate_from_str_with(
        Path::new(SPEC),
        &spec,
        Some((Path::new(PROPERTIES), &properties)),
        generator::generator(&root()).options(),
    )
    .unwrap()
    .code
}

fn read_json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(name)).unwrap()).unwrap()
}

#[test]
fn the_committed_copy_matches_the_connector() {
    let generated = generator::generator(&root()).generate().unwrap().code;
    let copy = root().join(COPY);
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|value| value == "1") {
        std::fs::write(&copy, &generated).unwrap();
        changelog::record(&root());
        return;
    }
    let committed = std::fs::read_to_string(&copy).unwrap_or_default();
    assert!(
        committed == generated && changelog::snapshot_is_current(&root()),
        "{COPY} is stale: run `UPDATE_GENERATED=1 cargo test --workspace` and commit the result"
    );
}

#[test]
fn the_build_script_and_the_generator_agree() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/app_store_connect.rs"));
    let fresh = generator::generator(&root()).generate().unwrap().code;
    assert_eq!(built, fresh, "build.rs and the generator disagree");
}

#[test]
fn generation_is_byte_identical_across_runs() {
    let (spec, properties) = (read_json(SPEC), read_json(PROPERTIES));
    assert_eq!(generate(&spec, &properties), generate(&spec, &properties));
}

/// Whether `before` is `after` with lines removed, that is, whether going from `before` to
/// `after` only adds lines.
fn only_adds_lines(before: &str, after: &str) -> bool {
    let mut after = after.lines();
    before
        .lines()
        .all(|line| after.any(|candidate| candidate == line))
}

#[test]
fn a_new_operation_adds_lines_and_changes_none() {
    let (mut spec, mut properties) = (read_json(SPEC), read_json(PROPERTIES));
    let before = generate(&spec, &properties);

    let read = spec["paths"]["/v1/apps/{id}"]["get"].clone();
    let mut new = json!({
        "summary": "List App Infos",
        "description": "Get information about an app, such as its age ratings and categories",
        "operationId": "Apps_And_App_Metadata__List_App_Infos",
        "parameters": read["parameters"].clone(),
        "responses": {"200": {"description": "default", "schema": {
            "type": "object",
            "properties": {"data": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"},
                "attributes": {"type": "object", "properties": {
                    "appStoreState": {"type": "string", "enum": ["READY_FOR_SALE", "IN_REVIEW"]}
                }}
            }}}}
        }}}
    });
    new["x-ms-visibility"] = json!("important");
    spec["paths"]["/v1/apps/{id}/appInfos"] = json!({ "get": new });
    properties["properties"]["policyTemplateInstances"][0]["parameters"]
        ["x-ms-apimTemplate-operationName"]
        .as_array_mut()
        .unwrap()
        .push(json!("Apps_And_App_Metadata__List_App_Infos"));
    let after = generate(&spec, &properties);

    assert!(
        only_adds_lines(&before, &after),
        "existing generated lines changed"
    );
    assert!(after.lines().count() > before.lines().count());
    let functions = |code: &str| code.matches("    pub fn apps_and_app_metadata_").count();
    assert_eq!(functions(&after), functions(&before) + 1);
    assert!(after.contains("pub fn apps_and_app_metadata_list_app_infos(\n        &self,\n        id: impl Into<String>,"));
    assert!(after.contains("pub mod apps_and_app_metadata_list_app_infos {"));
}

#[test]
fn removing_a_line_is_detected() {
    assert!(only_adds_lines("a\nb\n", "a\nx\nb\n"));
    assert!(!only_adds_lines("a\nb\n", "b\na\n"));
    assert!(!only_adds_lines("a\nb\n", "a\nc\n"));
}
