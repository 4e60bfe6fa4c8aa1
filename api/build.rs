//! Generates the App Store Connect API client from Apple's OpenAPI definition beside this
//! file; the `operation-table` feature adds the operation table.

use std::path::PathBuf;

const SPEC: &str = "openapi.json";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set; run this through cargo");
        std::process::exit(1);
    };
    let out = PathBuf::from(out_dir).join("app_store_connect_api.rs");
    let table = std::env::var_os("CARGO_FEATURE_OPERATION_TABLE").is_some();
    match connector_codegen::Generator::new(SPEC)
        .operation_table(table)
        .write(&out)
    {
        Ok(warnings) => {
            for warning in warnings {
                println!("cargo::warning={warning}");
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    }
}
