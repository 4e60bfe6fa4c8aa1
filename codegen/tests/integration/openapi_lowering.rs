//! OpenAPI 3.0 snippets lowered to the IR: each feature Apple's definition uses, one test.

use std::path::Path;

use connector_codegen::ir::{Api, Decoding, ParamLocation, TypeDef, TypeKind, TypeRef};
use connector_codegen::{Options, load, lower};
use serde_json::{Value, json};

fn lower(document: Value) -> Api {
    lower_with(document, &Options::default())
}

fn lower_with(mut document: Value, options: &Options) -> Api {
    document["openapi"] = json!("3.0.1");
    document["info"] = json!({"title": "t", "version": "1"});
    let file = Path::new("t.json");
    let model = load::definition(file, &document.to_string()).unwrap();
    lower::lower(file, &model, None, Vec::new(), options).unwrap()
}

fn model<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.models
        .iter()
        .find(|def| def.name == name)
        .unwrap_or_else(|| panic!("no model {name}"))
}

fn get(parameters: Value, responses: Value) -> Value {
    json!({"/v1/apps/{id}": {"get": {"operationId": "apps_get", "parameters": parameters, "responses": responses}}})
}

const ID: &str = r#"{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}"#;

fn id() -> Value {
    serde_json::from_str(ID).unwrap()
}

#[test]
fn component_parameters_responses_and_bodies_are_resolved() {
    let api = lower(json!({
        "paths": {"/v1/apps/{id}": {
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "patch": {
                "operationId": "apps_update",
                "requestBody": {"$ref": "#/components/requestBodies/App"},
                "responses": {"200": {"$ref": "#/components/responses/App"}}
            }
        }},
        "components": {
            "parameters": {"id": id()},
            "requestBodies": {"App": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/App"}}}}},
            "responses": {"App": {"description": "an app", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/App"}}}}},
            "schemas": {"App": {"type": "object", "properties": {"id": {"type": "string"}}}}
        }
    }));
    let operation = &api.operations[0];
    let locations: Vec<_> = operation
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        locations,
        [
            ("id", ParamLocation::Path, true),
            ("body", ParamLocation::Body, true)
        ]
    );
    assert_eq!(operation.params[1].ty, TypeRef::Model("App".into()));
    assert_eq!(operation.response, TypeRef::Model("App".into()));
    assert!(model(&api, "App").serialize && model(&api, "App").deserialize);
}

#[test]
fn nullable_members_are_optional_even_when_required() {
    let api = lower(json!({
        "paths": {},
        "components": {"schemas": {"Build": {
            "type": "object",
            "required": ["version", "expires"],
            "properties": {
                "version": {"type": "string"},
                "expires": {"type": "string", "nullable": true},
                "legacy": {"type": "integer", "deprecated": true}
            }
        }}}
    }));
    let TypeKind::Struct(fields) = &model(&api, "Build").kind else {
        panic!("a struct")
    };
    let flags: Vec<_> = fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required, f.deprecated))
        .collect();
    assert_eq!(
        flags,
        [
            ("version", true, false),
            ("expires", false, false),
            ("legacy", false, true)
        ]
    );
}

#[test]
fn json_api_unions_are_tagged_by_type_and_shared_tags_go_to_the_current_variant() {
    let resource = |tag: &str, deprecated: bool| {
        json!({"type": "object", "deprecated": deprecated, "required": ["type", "id"],
               "properties": {"type": {"type": "string", "enum": [tag]}, "id": {"type": "string"}}})
    };
    let api = lower(json!({
        "paths": {},
        "components": {"schemas": {
            "InAppPurchase": resource("inAppPurchases", true),
            "App": resource("apps", false),
            "InAppPurchaseV2": resource("inAppPurchases", false),
            "AppsResponse": {"type": "object", "properties": {"included": {"type": "array", "items": {"oneOf": [
                {"$ref": "#/components/schemas/InAppPurchase"},
                {"$ref": "#/components/schemas/App"},
                {"$ref": "#/components/schemas/InAppPurchaseV2"}
            ]}}}}
        }}
    }));
    let included = model(&api, "AppsResponseIncluded");
    let TypeKind::Union(union) = &included.kind else {
        panic!("a union")
    };
    assert_eq!(union.tag.as_deref(), Some("type"));
    let variants: Vec<_> = union
        .variants
        .iter()
        .map(|v| (v.tag.as_deref().unwrap(), v.name.as_str()))
        .collect();
    assert_eq!(
        variants,
        [("apps", "App"), ("inAppPurchases", "InAppPurchaseV2")]
    );
    assert!(
        included
            .doc
            .as_deref()
            .unwrap()
            .contains("`InAppPurchase` has the `inAppPurchases`")
    );
}

#[test]
fn unions_without_a_fixed_property_are_untagged() {
    let api = lower(json!({
        "paths": {},
        "components": {"schemas": {
            "Source": {"oneOf": [
                {"type": "object", "properties": {"pointer": {"type": "string"}}},
                {"type": "string"}
            ]}
        }}
    }));
    let TypeKind::Union(union) = &model(&api, "Source").kind else {
        panic!("a union")
    };
    assert_eq!(union.tag, None);
    let names: Vec<_> = union.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["SourceOption1", "Text"]);
}

#[test]
fn query_arrays_are_comma_joined_unless_exploded() {
    let api = lower(json!({"paths": get(json!([
        id(),
        {"name": "fields[apps]", "in": "query", "style": "form", "explode": false,
         "schema": {"type": "array", "items": {"type": "string", "enum": ["name", "sku"]}}},
        {"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "session", "in": "cookie", "schema": {"type": "string"}}
    ]), json!({"204": {"description": "none"}}))}));
    let operation = &api.operations[0];
    let fields = &operation.params[1];
    assert_eq!(
        fields.ty,
        TypeRef::Vec(Box::new(TypeRef::Named("FieldsApps".into())))
    );
    assert!(!fields.explode);
    assert!(
        operation.params[2].explode,
        "form arrays explode by default"
    );
    assert_eq!(
        operation.params.len(),
        3,
        "the cookie parameter is left out"
    );
    assert!(
        api.warnings
            .iter()
            .any(|w| w.contains("cookie parameter `session`"))
    );
    assert_eq!(api.parameter_types[0].name, "FieldsApps");
}

#[test]
fn text_and_gzip_answers_are_text_and_bytes() {
    let report = |media: &str, schema: Value| {
        let api = lower(json!({"paths": get(json!([id()]), json!({
            "200": {"description": "report", "content": {media: {"schema": schema}}},
            "400": {"description": "error", "content": {"application/json": {"schema": {"type": "object", "properties": {"errors": {"type": "array"}}}}}}
        }))}));
        let operation = &api.operations[0];
        (operation.response.clone(), operation.decoding.clone())
    };
    assert_eq!(
        report("text/csv", json!({"type": "string"})),
        (TypeRef::String, Decoding::Text)
    );
    assert_eq!(
        report(
            "application/a-gzip",
            json!({"type": "string", "format": "binary"})
        ),
        (TypeRef::Bytes, Decoding::Bytes)
    );
    assert_eq!(
        report(
            "application/vnd.apple.xcode-metrics+json",
            json!({"type": "string"})
        ),
        (TypeRef::String, Decoding::Json)
    );
}

#[test]
fn deprecated_operations_and_tags_are_kept() {
    let api = lower(json!({"paths": {"/v1/apps": {"get": {
        "operationId": "apps_list", "deprecated": true, "tags": ["Apps"],
        "responses": {"204": {"description": "none"}}
    }}}}));
    assert!(api.operations[0].deprecated);
    assert_eq!(api.operations[0].tags, ["Apps"]);
}

#[test]
fn servers_and_bearer_schemes_become_the_base_url_and_the_credential() {
    let api = lower(json!({
        "servers": [{"url": "https://{host}/api/", "variables": {"host": {"default": "x.example.com"}}}],
        "security": [{"jwt": []}],
        "paths": {"/v1/apps": {"get": {"operationId": "apps_list", "responses": {"204": {"description": "none"}}}}},
        "components": {"securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}}}
    }));
    assert_eq!(api.default_base_url, "https://x.example.com/api");
    let header = &api.operations[0].credential_headers[0];
    assert_eq!(
        (header.name.as_str(), header.prefix.as_str()),
        ("Authorization", "Bearer ")
    );
}

#[test]
fn a_subset_keeps_the_operations_and_the_models_they_reach() {
    let document = json!({
        "paths": {
            "/v1/apps": {"get": {"operationId": "apps_list", "tags": ["Apps"], "responses": {"200": {"description": "apps", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Apps"}}}}}}},
            "/v1/builds": {"get": {"operationId": "builds_list", "tags": ["Builds"], "responses": {"200": {"description": "builds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Builds"}}}}}}}
        },
        "components": {"schemas": {
            "Apps": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/App"}}}},
            "App": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Builds": {"type": "object", "properties": {"count": {"type": "integer"}}}
        }}
    });
    let mut options = Options::default();
    options.only = vec!["/v1/apps".to_owned()];
    let api = lower_with(document.clone(), &options);
    let names: Vec<_> = api.models.iter().map(|def| def.name.as_str()).collect();
    assert_eq!(names, ["Apps", "App"]);
    assert_eq!(api.operations.len(), 1);
    options.only = vec!["builds".to_owned()];
    let api = lower_with(document, &options);
    assert_eq!(api.operations[0].fn_name, "builds_list");
    assert_eq!(api.models.len(), 1);
}
