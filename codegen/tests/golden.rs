//! Golden output: each fixture's generated code is committed under `tests/golden/`, so a
//! change to the generator shows as a diff. `UPDATE_GENERATED=1 cargo test` rewrites them.
//! The golden files are compiled and exercised by `tests/integration/fixture_*.rs`; this
//! test has a binary of its own so that it can rewrite them when they no longer compile.

use std::path::PathBuf;

use connector_codegen::Generator;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn check(name: &str) -> Vec<String> {
    let openapi = fixtures().join(format!("fixtures/{name}.openapi.json"));
    let generated = if openapi.is_file() {
        // The JSON:API fixture decodes `relationships` on demand, as the App Store Connect
        // crate does, so that `Deferred` members are compiled and exercised.
        Generator::new(openapi)
            .defer(["relationships"])
            .generate()
            .unwrap()
    } else {
        let spec = fixtures().join(format!("fixtures/{name}.swagger.json"));
        let properties = fixtures().join(format!("fixtures/{name}.apiProperties.json"));
        Generator::new(spec)
            .properties(properties)
            .generate()
            .unwrap()
    };
    let golden = fixtures().join(format!("golden/{name}.rs"));
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|value| value == "1") {
        std::fs::write(&golden, &generated.code).unwrap();
    } else {
        let committed = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            committed == generated.code,
            "{} is stale: run `UPDATE_GENERATED=1 cargo test --workspace`",
            golden.display()
        );
    }
    generated.warnings
}

#[test]
fn catalog() {
    let warnings = check("catalog");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("routerequesttoendpoint"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].contains("policyTemplateInstances[2]"),
        "{warnings:?}"
    );
}

#[test]
fn models() {
    let warnings = check("models");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn jsonapi() {
    let warnings = check("jsonapi");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn service() {
    let warnings = check("service");
    assert!(warnings.is_empty(), "{warnings:?}");
}
