//! `diff`: what a change of definition means for users of the generated crate.

use std::path::Path;
use std::process::Command;

use connector_codegen::diff::{self, Bump, ChangeKind, Impact, Report, Version};
use connector_codegen::{Options, lower_from_str};
use serde_json::{Value, json};

fn lower(spec: &Value) -> connector_codegen::ir::Api {
    lower_from_str(
        Path::new("spec.json"),
        &spec.to_string(),
        None,
        &Options::default(),
    )
    .expect("the definition lowers")
}

fn report(old: &Value, new: &Value) -> Report {
    diff::compare(&lower(old), &lower(new), old != new)
}

/// A definition with one operation, `GET /things`, and the given parameters, body
/// parameter definitions and answer.
fn spec(parameters: Value, definitions: Value) -> Value {
    json!({
        "swagger": "2.0",
        "info": {"title": "Things", "version": "1"},
        "host": "example.com",
        "paths": {"/things": {"post": {
            "operationId": "ListThings",
            "parameters": parameters,
            "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}
        }}},
        "definitions": definitions
    })
}

fn thing(properties: Value, required: Value) -> Value {
    json!({"Thing": {"type": "object", "properties": properties, "required": required}})
}

fn base() -> Value {
    spec(
        json!([{"name": "color", "in": "query", "type": "string", "enum": ["red", "blue"]}]),
        thing(json!({"id": {"type": "string"}}), json!(["id"])),
    )
}

/// The one entry whose item is `item`.
fn entry<'a>(report: &'a Report, item: &str) -> &'a diff::Change {
    let found: Vec<_> = report.changes.iter().filter(|c| c.item == item).collect();
    assert_eq!(found.len(), 1, "{item} in {:#?}", report.changes);
    found[0]
}

#[test]
fn the_same_definition_changes_nothing() {
    let report = report(&base(), &base());
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    assert_eq!(report.bump, Bump::None);
}

#[test]
fn a_new_operation_is_compatible_and_a_removed_one_breaks() {
    let mut grown = base();
    grown["paths"]["/others"] = json!({"get": {"operationId": "ListOthers",
        "responses": {"200": {"description": "ok"}}}});
    let added = report(&base(), &grown);
    assert_eq!(entry(&added, "fn list_others").kind, ChangeKind::Added);
    assert_eq!(entry(&added, "fn list_others").impact, Impact::Compatible);
    assert_eq!(added.bump, Bump::Minor);
    let removed = report(&grown, &base());
    assert_eq!(entry(&removed, "fn list_others").impact, Impact::Breaking);
    assert_eq!(removed.bump, Bump::Major);
}

#[test]
fn an_optional_parameter_is_compatible_and_a_required_one_breaks() {
    let mut optional = base();
    optional["paths"]["/things"]["post"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "size", "in": "query", "type": "integer"}));
    let report_optional = report(&base(), &optional);
    assert_eq!(
        entry(&report_optional, "fn list_things().size").impact,
        Impact::Compatible
    );
    assert_eq!(report_optional.bump, Bump::Minor);

    let mut required = optional.clone();
    required["paths"]["/things"]["post"]["parameters"][1]["required"] = json!(true);
    let became_required = report(&optional, &required);
    let change = entry(&became_required, "fn list_things");
    assert_eq!(change.impact, Impact::Breaking);
    assert!(
        change.detail.contains("to (size: i64)"),
        "{}",
        change.detail
    );
    assert_eq!(became_required.bump, Bump::Major);

    let removed = report(&optional, &base());
    assert_eq!(
        entry(&removed, "fn list_things().size").impact,
        Impact::Breaking
    );
}

#[test]
fn a_new_enum_value_is_compatible_and_a_removed_one_breaks() {
    let mut grown = base();
    grown["paths"]["/things"]["post"]["parameters"][0]["enum"] = json!(["red", "blue", "green"]);
    let added = report(&base(), &grown);
    let variant = added
        .changes
        .iter()
        .find(|change| change.item.ends_with("::Green"))
        .expect("the new value is listed");
    assert_eq!(variant.impact, Impact::Compatible);
    assert_eq!(added.bump, Bump::Minor);
    let removed = report(&grown, &base());
    assert_eq!(removed.bump, Bump::Major);
    assert!(
        removed
            .changes
            .iter()
            .any(|change| change.item.ends_with("::Green") && change.kind == ChangeKind::Removed)
    );
}

#[test]
fn members_of_answers_are_compatible_and_retyped_or_removed_ones_break() {
    let grown = spec(
        json!([{"name": "color", "in": "query", "type": "string", "enum": ["red", "blue"]}]),
        thing(
            json!({"id": {"type": "string"}, "name": {"type": "string"}, "size": {"type": "integer"}}),
            json!(["id", "size"]),
        ),
    );
    let added = report(&base(), &grown);
    assert_eq!(
        entry(&added, "models::Thing.name").impact,
        Impact::Compatible
    );
    assert_eq!(
        entry(&added, "models::Thing.size").impact,
        Impact::Compatible
    );
    assert_eq!(added.bump, Bump::Minor, "{:#?}", added.changes);

    let retyped = spec(
        json!([{"name": "color", "in": "query", "type": "string", "enum": ["red", "blue"]}]),
        thing(json!({"id": {"type": "integer"}}), json!(["id"])),
    );
    let changed = report(&base(), &retyped);
    assert_eq!(entry(&changed, "models::Thing.id").impact, Impact::Breaking);
    assert_eq!(report(&grown, &base()).bump, Bump::Major);
}

#[test]
fn a_deferred_member_whose_type_changes_breaks() {
    let with_links = |links: Value| {
        let spec = spec(
            json!([]),
            thing(
                json!({"id": {"type": "string"}, "links": links}),
                json!(["id"]),
            ),
        );
        let mut options = Options::default();
        options.defer = vec!["links".to_owned()];
        lower_from_str(Path::new("spec.json"), &spec.to_string(), None, &options).unwrap()
    };
    let object = with_links(json!({"type": "object", "properties": {"self": {"type": "string"}}}));
    let list = with_links(json!({"type": "array", "items": {"type": "string"}}));
    let report = diff::compare(&object, &list, true);
    let change = entry(&report, "models::Thing.links");
    assert_eq!(change.impact, Impact::Breaking);
    assert!(
        change
            .detail
            .contains("Option<connector_runtime::Deferred<ThingLinks>>")
            && change
                .detail
                .contains("Option<connector_runtime::Deferred<Vec<String>>>"),
        "{}",
        change.detail
    );
}

#[test]
fn a_required_member_of_a_request_model_breaks_its_constructor() {
    let with_body = |required: Value| {
        spec(
            json!([{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}}]),
            thing(
                json!({"id": {"type": "string"}, "note": {"type": "string"}}),
                required,
            ),
        )
    };
    let optional_note = report(&with_body(json!(["id"])), &with_body(json!(["id", "note"])));
    let constructor = entry(&optional_note, "models::Thing");
    assert_eq!(constructor.impact, Impact::Breaking);
    assert!(
        constructor.detail.contains("new(id: String, note: String)"),
        "{}",
        constructor.detail
    );
}

#[test]
fn versions_follow_cargo_before_and_after_one() {
    let minor = Report {
        changes: Vec::new(),
        bump: Bump::Minor,
    };
    let major = Report {
        changes: Vec::new(),
        bump: Bump::Major,
    };
    let version = |text: &str| text.parse::<Version>().unwrap();
    assert_eq!(major.next_version(&version("0.3.2")), version("0.4.0"));
    assert_eq!(minor.next_version(&version("0.3.2")), version("0.3.3"));
    assert_eq!(major.next_version(&version("0.0.7")), version("0.0.8"));
    assert_eq!(major.next_version(&version("1.4.2")), version("2.0.0"));
    assert_eq!(minor.next_version(&version("1.4.2")), version("1.5.0"));
    assert!("1.2".parse::<Version>().is_err());
}

fn connector() -> (Value, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap()
    };
    (
        read("apiDefinition.swagger.json"),
        read("apiProperties.json"),
    )
}

fn lower_connector(spec: &Value, properties: &Value) -> connector_codegen::ir::Api {
    lower_from_str(
        Path::new("apiDefinition.swagger.json"),
        &spec.to_string(),
        Some((Path::new("apiProperties.json"), &properties.to_string())),
        &Options::default(),
    )
    .expect("the connector lowers")
}

#[test]
fn the_connector_with_one_more_operation_is_a_minor_release() {
    let (spec, properties) = connector();
    let mut grown = spec.clone();
    let read = spec["paths"]["/v1/apps/{id}"]["get"].clone();
    grown["paths"]["/v1/apps/{id}/appInfos"] = json!({"get": {
        "operationId": "Apps_And_App_Metadata__List_App_Infos",
        "parameters": read["parameters"].clone(),
        "responses": {"200": {"description": "default", "schema": {"type": "object",
            "properties": {"data": {"type": "array", "items": {"type": "object",
                "properties": {"id": {"type": "string"}}}}}}}}
    }});
    let report = diff::compare(
        &lower_connector(&spec, &properties),
        &lower_connector(&grown, &properties),
        true,
    );
    assert_eq!(report.bump, Bump::Minor, "{}", report.to_text(None));
    assert!(
        report
            .changes
            .iter()
            .all(|change| change.impact != Impact::Breaking)
    );
    assert!(report.changes.iter().any(|change| change.item
        == "fn apps_and_app_metadata_list_app_infos"
        && change.kind == ChangeKind::Added));
}

#[test]
fn the_command_prints_json_and_fails_on_breaking_changes_when_asked() {
    let directory = std::env::temp_dir().join(format!("codegen-diff-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let (old, new) = (directory.join("old.json"), directory.join("new.json"));
    let mut grown = base();
    grown["paths"]["/others"] = json!({"get": {"operationId": "ListOthers",
        "responses": {"200": {"description": "ok"}}}});
    std::fs::write(&old, grown.to_string()).unwrap();
    std::fs::write(&new, base().to_string()).unwrap();
    let run = |arguments: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_connector-codegen"))
            .arg("diff")
            .args([old.to_str().unwrap(), new.to_str().unwrap()])
            .args(arguments)
            .output()
            .unwrap()
    };
    let json_output = run(&["--format", "json", "--current-version", "0.2.5"]);
    assert_eq!(json_output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&json_output.stdout).unwrap();
    assert_eq!(document["bump"], "major");
    assert_eq!(document["next_version"], "0.3.0");
    assert_eq!(document["changes"][0]["item"], "fn list_others");
    assert_eq!(document["changes"][0]["impact"], "breaking");
    let failing = run(&["--fail-on", "breaking"]);
    assert_eq!(failing.status.code(), Some(1));
    let text = String::from_utf8_lossy(&failing.stdout);
    assert!(text.contains("breaking   removed fn list_others"), "{text}");
    assert!(
        text.ends_with("bump: major: 1 breaking change(s)\n"),
        "{text}"
    );
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Definitions where `Folder` and `Document` name other models, as connectors write
/// `{"$ref": ...}` definitions: `lookup` holds the members of the model `Lookup`.
fn aliases(folder: Value, document: Value, lookup: Value) -> Value {
    spec(
        json!([]),
        json!({
            "Thing": {"type": "object", "properties": {
                "folder": {"$ref": "#/definitions/Folder"},
                "document": {"$ref": "#/definitions/Document"},
                "lookup": {"$ref": "#/definitions/Lookup"}
            }},
            "Folder": folder,
            "Document": document,
            "Lookup": {"type": "object", "properties": lookup}
        }),
    )
}

#[test]
fn a_model_that_becomes_another_name_for_a_model_with_its_members_is_compatible() {
    let members = json!({"name": {"type": "string"}});
    let old = aliases(
        json!({"type": "object", "properties": members}),
        json!({"$ref": "#/definitions/Folder"}),
        json!({"name": {"type": "string"}, "code": {"type": "string"}}),
    );
    let new = aliases(
        json!({"$ref": "#/definitions/Lookup"}),
        json!({"$ref": "#/definitions/Lookup"}),
        json!({"name": {"type": "string"}, "code": {"type": "string"}}),
    );
    let renamed = report(&old, &new);
    let folder = entry(&renamed, "models::Folder");
    assert_eq!(folder.impact, Impact::Compatible, "{folder:?}");
    assert!(folder.detail.contains("another name for"), "{folder:?}");
    // `Document` stood for `Folder`, which is now `Lookup`: the same type as before.
    assert!(
        renamed.changes.iter().all(|c| c.item != "models::Document"),
        "{:#?}",
        renamed.changes
    );
    assert_ne!(renamed.bump, Bump::Major, "{:#?}", renamed.changes);

    let fewer = aliases(
        json!({"$ref": "#/definitions/Lookup"}),
        json!({"$ref": "#/definitions/Lookup"}),
        json!({"code": {"type": "string"}}),
    );
    let lost = report(&old, &fewer);
    assert_eq!(entry(&lost, "models::Folder").impact, Impact::Breaking);
    assert_eq!(lost.bump, Bump::Major);
}
