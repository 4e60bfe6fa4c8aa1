//! Puts the App Store Connect client generated from the connector definition at the crate
//! root into `OUT_DIR`.
//!
//! With the `regenerate` feature (which this crate's own tests, examples and benches turn
//! on), the generator runs on the definition. Without it, a crate that depends on this one
//! compiles no generator: the committed copy in `generated/` is used, after checking that
//! the definition is the one the copy was generated from (kept in `generated/definition/`).

#[cfg(feature = "regenerate")]
#[path = "generator.rs"]
mod generator;

use std::path::{Path, PathBuf};

/// The connector's files, as named at the crate root and in `generated/definition/`.
const DEFINITION: [&str; 2] = ["apiDefinition.swagger.json", "apiProperties.json"];
/// The committed copy of the client, and the definition it was generated from.
#[cfg(not(feature = "regenerate"))]
const COPY: &str = "generated/app_store_connect.rs";
#[cfg(not(feature = "regenerate"))]
const SNAPSHOT: &str = "generated/definition";

fn main() {
    for file in DEFINITION {
        println!("cargo::rerun-if-changed={file}");
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set; run this through cargo");
    };
    let out = PathBuf::from(out_dir).join("app_store_connect.rs");
    if let Err(message) = write_client(&out) {
        fail(&message);
    }
}

/// Generates the client from the definition.
#[cfg(feature = "regenerate")]
fn write_client(out: &Path) -> Result<(), String> {
    println!("cargo::rerun-if-changed=generator.rs");
    generator::generator(Path::new(""))
        .write_in_build_script(out)
        .map_err(|error| error.to_string())
}

/// Copies the committed client, once the definition is known to be the one it was
/// generated from.
#[cfg(not(feature = "regenerate"))]
fn write_client(out: &Path) -> Result<(), String> {
    println!("cargo::rerun-if-changed={COPY}");
    for file in DEFINITION {
        println!("cargo::rerun-if-changed={SNAPSHOT}/{file}");
        let current =
            std::fs::read(file).map_err(|error| format!("cannot read {file}: {error}"))?;
        let snapshot = Path::new(SNAPSHOT).join(file);
        if std::fs::read(&snapshot).ok().as_ref() != Some(&current) {
            return Err(format!(
                "{file} differs from {}, the definition {COPY} was generated from: \
                 regenerate the client with `UPDATE_GENERATED=1 cargo test --workspace` \
                 (or build with `--features regenerate`)",
                snapshot.display()
            ));
        }
    }
    std::fs::copy(COPY, out)
        .map(drop)
        .map_err(|error| format!("cannot copy {COPY} to {}: {error}", out.display()))
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
