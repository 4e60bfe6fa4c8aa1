//! Generates the App Store Connect client from the connector definition at the crate root.

use std::path::PathBuf;

const SPEC: &str = "apiDefinition.swagger.json";
const PROPERTIES: &str = "apiProperties.json";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    println!("cargo::rerun-if-changed={PROPERTIES}");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set; run this through cargo");
        std::process::exit(1);
    };
    let out = PathBuf::from(out_dir).join("app_store_connect.rs");
    match connector_codegen::Generator::new(SPEC)
        .properties(PROPERTIES)
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
