//! Puts the App Store Connect API client generated from Apple's definition beside this file
//! (`openapi.json`) into `OUT_DIR`.
//!
//! With the `regenerate` feature (which this crate's own tests, examples and the
//! `operation-table` feature turn on), the generator runs on the definition. Without it, a
//! crate that depends on this one compiles no generator: the committed copy in `generated/`
//! is used, after checking that the definition's fingerprint is the one recorded beside it.

#[cfg(not(feature = "regenerate"))]
#[path = "fingerprint.rs"]
mod fingerprint;

use std::path::{Path, PathBuf};

const SPEC: &str = "openapi.json";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set; run this through cargo");
    };
    let out = PathBuf::from(out_dir).join("app_store_connect_api.rs");
    if let Err(message) = write_client(&out) {
        fail(&message);
    }
}

/// Generates the client from the definition, with the operation table when its feature is on.
#[cfg(feature = "regenerate")]
fn write_client(out: &Path) -> Result<(), String> {
    let table = std::env::var_os("CARGO_FEATURE_OPERATION_TABLE").is_some();
    connector_codegen::Generator::new(SPEC)
        .operation_table(table)
        .write_in_build_script(out)
        .map_err(|error| error.to_string())
}

/// Copies the committed client, once the definition is known to be the one it was
/// generated from.
#[cfg(not(feature = "regenerate"))]
fn write_client(out: &Path) -> Result<(), String> {
    const COPY: &str = "generated/app_store_connect_api.rs";
    const RECORDED: &str = "generated/openapi.json.fingerprint";
    println!("cargo::rerun-if-changed={COPY}");
    println!("cargo::rerun-if-changed={RECORDED}");
    let definition = std::fs::read(SPEC).map_err(|error| format!("cannot read {SPEC}: {error}"))?;
    let recorded = std::fs::read_to_string(RECORDED).unwrap_or_default();
    if recorded.trim() != fingerprint::fingerprint(&definition) {
        return Err(format!(
            "{SPEC} is not the definition {COPY} was generated from ({RECORDED}): regenerate \
             the client with `UPDATE_GENERATED=1 cargo test --workspace` (or build with \
             `--features regenerate`)"
        ));
    }
    std::fs::copy(COPY, out)
        .map(drop)
        .map_err(|error| format!("cannot copy {COPY} to {}: {error}", out.display()))
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
