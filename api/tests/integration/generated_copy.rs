//! `generated/` holds a formatted copy of what build.rs emits from Apple's definition, so
//! that a new version of the definition is a reviewable diff. These tests keep it in sync.

use std::path::PathBuf;

use connector_codegen::Generator;

#[path = "../../fingerprint.rs"]
mod fingerprint;

const SPEC: &str = "openapi.json";
const COPY: &str = "generated/app_store_connect_api.rs";
/// The fingerprint of the definition the copy was generated from, which lets a build
/// without the generator use the copy.
const RECORDED: &str = "generated/openapi.json.fingerprint";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> String {
    Generator::new(root().join(SPEC))
        .operation_table(false)
        .generate()
        .unwrap()
        .code
}

#[test]
fn the_committed_copy_matches_the_definition() {
    let generated = generate();
    let copy = root().join(COPY);
    let definition = std::fs::read(root().join(SPEC)).unwrap();
    let current = format!("{}\n", fingerprint::fingerprint(&definition));
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|value| value == "1") {
        std::fs::write(&copy, &generated).unwrap();
        std::fs::write(root().join(RECORDED), &current).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&copy).unwrap_or_default();
    let recorded = std::fs::read_to_string(root().join(RECORDED)).unwrap_or_default();
    assert!(
        committed == generated && recorded == current,
        "api/{COPY} is stale: run `UPDATE_GENERATED=1 cargo test --workspace` and commit the result"
    );
}

#[cfg(not(feature = "operation-table"))]
#[test]
fn the_build_script_and_the_generator_agree() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/app_store_connect_api.rs"));
    assert_eq!(built, generate(), "build.rs and the generator disagree");
}

#[test]
fn every_operation_of_the_definition_is_a_method() {
    let definition: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SPEC)).unwrap()).unwrap();
    let operations = definition["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().keys())
        .filter(|method| *method != "parameters")
        .count();
    let code = generate();
    assert_eq!(operations, 745);
    assert_eq!(
        code.matches("\n    pub mod ").count(),
        operations,
        "one module per operation"
    );
}
