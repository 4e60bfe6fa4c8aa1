//! Bad input gets an error naming the file and the place in it, never a panic.

use std::path::Path;

use connector_codegen::{Error, Generator, generate_from_str};

fn generate(spec: &str) -> Result<String, Error> {
    generate_from_str(Path::new("bad.swagger.json"), spec, None).map(|generated| generated.code)
}

fn message(spec: &str) -> String {
    generate(spec).unwrap_err().to_string()
}

fn with_operation(operation: &str) -> String {
    format!(
        r#"{{"swagger": "2.0", "host": "x.test", "paths": {{"/a/{{id}}": {{"get": {operation}}}}}}}"#
    )
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let error = message("{\n  \"swagger\": \"2.0\",\n  \"paths\": {,}\n}");
    assert_eq!(
        error,
        "bad.swagger.json:3:13: invalid JSON: key must be a string"
    );
}

#[test]
fn structural_errors_name_the_json_path() {
    assert_eq!(
        message(r#"{"swagger": "3.1", "paths": {}}"#),
        "bad.swagger.json: at swagger: version `3.1` is not supported; expected \"2.0\""
    );
    let error = message(&with_operation(r#"{"parameters": {"not": "a list"}}"#));
    assert!(
        error.starts_with("bad.swagger.json: at paths./a/{id}.get.parameters: invalid type"),
        "{error}"
    );
    let unknown = message(r#"{"paths": {}}"#);
    assert!(
        unknown.contains("neither a Swagger 2.0 definition") && unknown.contains("OpenAPI 3.0"),
        "{unknown}"
    );
}

#[test]
fn semantic_errors_name_the_json_path() {
    assert_eq!(
        message(&with_operation(r#"{"operationId": "A", "responses": {}}"#)),
        "bad.swagger.json: at paths./a/{id}.get.parameters: the path uses `{id}` but no `in: path` parameter is named `id`"
    );
    let double = r#"{"parameters": [{"name": "id", "in": "path", "type": "string", "x-ms-url-encoding": "triple"}]}"#;
    assert_eq!(
        message(&with_operation(double)),
        "bad.swagger.json: at paths./a/{id}.get.parameters[0].x-ms-url-encoding: `triple` is not `single` or `double`"
    );
    let nameless = r#"{"parameters": [{"in": "query", "type": "string"}]}"#;
    assert!(
        message(&with_operation(nameless))
            .contains("at paths./a/{id}.get.parameters[0]: the parameter has no `name`")
    );
    let stray = r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [{"name": "id", "in": "path", "type": "string"}]}}}}"#;
    assert!(message(stray).contains("the path parameter `id` does not appear in the path `/a`"));
}

#[test]
fn missing_files_are_named() {
    let error = Generator::new("/nonexistent/apiDefinition.swagger.json")
        .generate()
        .unwrap_err();
    assert!(matches!(error, Error::Read { .. }));
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/apiDefinition.swagger.json: cannot read the file")
    );
}

#[test]
fn errors_in_the_properties_file_name_that_file() {
    let spec = r#"{"swagger": "2.0", "paths": {}}"#;
    let properties = r#"{"properties": {"policyTemplateInstances": {"templateId": 1}}}"#;
    let error = generate_from_str(
        Path::new("s.json"),
        spec,
        Some((Path::new("apiProperties.json"), properties)),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error
            .starts_with("apiProperties.json: at properties.policyTemplateInstances: invalid type"),
        "{error}"
    );
}

#[test]
fn junk_never_panics() {
    let junk = [
        "",
        "null",
        "[]",
        "\"swagger\"",
        "{",
        "{\"swagger\": 2}",
        "{\"swagger\": \"2.0\", \"paths\": []}",
        r#"{"swagger": "2.0", "paths": {"/x": {"get": 5}}}"#,
        r#"{"swagger": "2.0", "paths": {"/x": {"get": {"responses": {"200": {"schema": {"type": ["a"]}}}}}}}"#,
        r#"{"swagger": "2.0", "paths": {"/x/{": {"get": {}}}}"#,
        r#"{"swagger": "2.0", "paths": {"/x": {"get": {"parameters": [{"name": "q", "in": "query", "type": "object"}]}}}}"#,
        r#"{"swagger": "2.0", "paths": {"/x": {"get": {"parameters": [{"name": "q", "in": "query", "type": "integer", "maximum": 1e300}]}}}}"#,
        r#"{"swagger": "2.0", "paths": {"/x": {"get": {"parameters": [{"name": "é", "in": "query", "type": "string", "enum": ["", "-", "é", "1"]}]}}}}"#,
    ];
    for spec in junk {
        let outcome = std::panic::catch_unwind(|| generate(spec));
        assert!(outcome.is_ok(), "panicked on {spec}");
    }
}

#[test]
fn custom_code_beside_the_definition_is_reported() {
    let directory = std::env::temp_dir().join(format!("codegen-script-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let spec = directory.join("apiDefinition.swagger.json");
    std::fs::write(&spec, r#"{"swagger": "2.0", "paths": {}}"#).unwrap();
    assert!(
        Generator::new(&spec)
            .generate()
            .unwrap()
            .warnings
            .is_empty()
    );
    std::fs::write(directory.join("script.csx"), "public class Script {}").unwrap();
    let warnings = Generator::new(&spec).generate().unwrap().warnings;
    std::fs::remove_dir_all(&directory).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("script.csx") && warnings[0].contains("custom code"),
        "{warnings:?}"
    );
}

#[test]
fn a_route_a_client_cannot_build_falls_back_to_the_declared_path() {
    let spec = r#"{"swagger": "2.0", "paths": {"/events": {"get": {"operationId": "Events",
        "parameters": [{"name": "cuid", "in": "query", "type": "string"}]}}}}"#;
    let properties = r#"{"properties": {"policyTemplateInstances": [{"templateId": "routerequesttoendpoint",
        "parameters": {"x-ms-apimTemplateParameter.newPath": "/calendars/@queryParameters('cuid')/events"}}]}}"#;
    let generated = generate_from_str(
        Path::new("s.json"),
        spec,
        Some((Path::new("p.json"), properties)),
    )
    .unwrap();
    assert!(
        generated.code.contains("\"/events\""),
        "the declared path is used"
    );
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(generated.warnings[0].contains("routerequesttoendpoint policy was not applied"));
}

fn openapi(paths: &str, components: &str) -> String {
    let text = format!(
        r#"{{"openapi": "3.0.1", "info": {{"title": "t", "version": "1"}}, "paths": {paths}, "components": {components}}}"#
    );
    generate_from_str(Path::new("bad.openapi.json"), &text, None)
        .map(|generated| generated.code)
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_openapi_definitions_get_located_errors() {
    let syntax = generate_from_str(
        Path::new("bad.openapi.json"),
        "{\"openapi\": \"3.0.1\",\n \"paths\": {]}",
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        syntax.starts_with("bad.openapi.json:2:12: invalid JSON"),
        "{syntax}"
    );
    let structure = openapi(r#"{"/a": {"get": {"responses": 5}}}"#, "{}");
    assert!(
        structure.starts_with("bad.openapi.json: at paths./a.get.responses: invalid type"),
        "{structure}"
    );
    let reference = openapi(
        r##"{"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/nope"}], "responses": {}}}}"##,
        "{}",
    );
    assert_eq!(
        reference,
        "bad.openapi.json: at paths./a.get.parameters[0].$ref: \
         `#/components/parameters/nope` does not name an entry of the file's components"
    );
    let version = generate_from_str(
        Path::new("bad.openapi.json"),
        r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        None,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        version,
        "bad.openapi.json: at openapi: version `3.1.0` is not supported; expected 3.0.x"
    );
}

#[test]
fn a_subset_that_selects_nothing_says_so() {
    let spec = r#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {"/v1/apps": {"get": {"tags": ["Apps"], "responses": {"204": {"description": "none"}}}}}}"#;
    let mut options = connector_codegen::Options::default();
    options.only = vec!["Builds".to_owned()];
    let error =
        connector_codegen::generate_from_str_with(Path::new("a.json"), spec, None, &options)
            .unwrap_err()
            .to_string();
    assert!(
        error.contains("no operation has the tags or path prefixes Builds"),
        "{error}"
    );
    options.only = vec!["apps".to_owned()];
    let kept = connector_codegen::generate_from_str_with(Path::new("a.json"), spec, None, &options);
    assert!(kept.unwrap().code.contains("pub mod get_v1_apps"));
}

#[test]
fn patterns_the_client_cannot_read_are_left_to_the_server_with_a_warning() {
    let spec = r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"get": {"operationId": "ListThings", "parameters": [
            {"name": "region", "in": "query", "type": "string", "pattern": "^(?!us-)[a-z-]+$"},
            {"name": "code", "in": "query", "type": "string", "pattern": "^[A-Z]{3}$"}],
            "responses": {"200": {"description": "ok"}}}}}}"#;
    let generated = generate_from_str(Path::new("things.json"), spec, None).unwrap();
    let warnings = generated.warnings.join("\n");
    assert!(
        warnings.contains("paths./things.get.parameters[0].pattern")
            && warnings.contains("the server still checks it"),
        "{warnings}"
    );
    assert!(!warnings.contains("parameters[1]"), "{warnings}");
    assert!(!generated.code.contains("(?!us-)"), "{}", generated.code);
    assert!(generated.code.contains("^[A-Z]{3}$"), "{}", generated.code);
}

#[test]
fn an_alias_defined_in_terms_of_itself_keeps_the_inner_one_as_json() {
    let spec = r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/tokens": {"get": {"operationId": "ListTokens",
            "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/JToken"}}}}}},
        "definitions": {
            "JToken": {"type": "array", "items": {"$ref": "#/definitions/JToken"}},
            "Left": {"type": "array", "items": {"$ref": "#/definitions/Right"}},
            "Right": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Left"}}
        }}"##;
    let generated = generate_from_str(Path::new("tokens.json"), spec, None).unwrap();
    assert!(
        generated
            .code
            .contains("pub type JToken = Vec<::serde_json::Value>;"),
        "{}",
        generated.code
    );
    let warnings = generated.warnings.join("\n");
    assert!(
        warnings.contains("`JToken` is defined in terms of itself"),
        "{warnings}"
    );
    assert!(
        warnings.contains("`Left`") || warnings.contains("`Right`"),
        "{warnings}"
    );
}
