//! What a crate that depends on this library compiles: nothing that only the `asc` command
//! line, the generator, the OpenAPI front end, multipart bodies or the tests need.

use std::collections::BTreeSet;
use std::process::Command;

/// Crates that belong to binaries, tests or opt-in features, never to the default library.
const BINARY_ONLY: &[&str] = &[
    "clap",
    "clap_builder",
    "clap_derive",
    "tracing-subscriber",
    "openapiv3",
    "h2",
    "regex",
    "axum",
    "app-store-connect-sandbox",
    "app-store-connect-cli",
    "criterion",
    "mime_guess",
];

/// The packages `package` needs to build (normal and build dependencies, default features).
fn build_graph(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["tree", "--offline", "--locked", "-e", "normal,build"])
        .args(["--prefix", "none", "--format", "{p}", "-p", package])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_library_builds_without_what_only_binaries_need() {
    let graph = build_graph("app-store-connect");
    assert!(graph.contains("connector-runtime"));
    assert!(
        !graph.contains("connector-codegen") && !graph.contains("prettyplease"),
        "without the `regenerate` feature, the library builds from the committed copy and \
         compiles no generator"
    );
    let intruders: Vec<&&str> = BINARY_ONLY
        .iter()
        .filter(|name| graph.contains(**name))
        .collect();
    assert!(
        intruders.is_empty(),
        "the library's build graph holds {intruders:?}"
    );
}

#[test]
fn the_whole_api_crate_builds_from_its_committed_copy_too() {
    let graph = build_graph("app-store-connect-api");
    assert!(graph.contains("connector-runtime"));
    let intruders: Vec<&&str> = BINARY_ONLY
        .iter()
        .chain(&["connector-codegen", "prettyplease"])
        .filter(|name| graph.contains(**name))
        .collect();
    assert!(
        intruders.is_empty(),
        "the API crate's build graph holds {intruders:?}"
    );
}
