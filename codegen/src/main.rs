//! `connector-codegen generate <apiDefinition.swagger.json> [--properties <apiProperties.json>]
//! --out <dir> [--name <crate>] [--runtime-path <dir>]`: writes a standalone crate.
//!
//! Exit status: 0 on success (warnings about unsupported features go to stderr), 2 on bad
//! input, with the file and the place in it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use connector_codegen::Generator;
use connector_codegen::standalone::{self, CrateSpec};

/// Generates typed Rust clients from Power Platform connector definitions.
#[derive(Debug, Parser)]
#[command(name = "connector-codegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Writes a crate (Cargo.toml and src/lib.rs) with a client for one connector.
    Generate {
        /// The connector's apiDefinition.swagger.json.
        spec: PathBuf,
        /// The connector's apiProperties.json (policies and connection parameters).
        #[arg(long)]
        properties: Option<PathBuf>,
        /// The directory to write the crate to.
        #[arg(long)]
        out: PathBuf,
        /// The package name; by default derived from the spec's folder name.
        #[arg(long)]
        name: Option<String>,
        /// The connector-runtime crate to depend on; by default the one beside this generator.
        #[arg(long)]
        runtime_path: Option<PathBuf>,
        /// Leave out the operation table (`OPERATIONS`) for callers that pick operations at
        /// run time: the crate checks faster.
        #[arg(long)]
        no_operation_table: bool,
        /// Keep only the operations with these tags or path prefixes (`/v1/apps`), and the
        /// types they reach; repeat the flag or separate them with commas.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
}

fn main() -> ExitCode {
    let Command::Generate {
        spec,
        properties,
        out,
        name,
        runtime_path,
        no_operation_table,
        only,
    } = Cli::parse().command;
    let mut generator = Generator::new(&spec);
    generator.operation_table(!no_operation_table).only(only);
    if let Some(properties) = &properties {
        generator.properties(properties);
    }
    let generated = match generator.generate() {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let crate_spec = CrateSpec {
        name: name.unwrap_or_else(|| standalone::package_name(&default_name(&spec))),
        runtime_path: runtime_path.unwrap_or_else(default_runtime_path),
    };
    match standalone::write(&out, &crate_spec, &generated.code, &generated.title) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// The file stem of a spec with a name of its own (`enterprise-1.0.json`); the folder's
/// name for one named like every other (`apiDefinition.swagger.json`, `openapi.json`), as
/// connectors live in one folder each.
fn default_name(spec: &Path) -> String {
    const GENERIC_STEMS: [&str; 4] = ["apidefinition.swagger", "openapi", "swagger", "api"];
    let stem = spec.file_stem().map(|stem| stem.to_string_lossy());
    let generic = stem
        .as_deref()
        .is_none_or(|stem| GENERIC_STEMS.contains(&stem.to_ascii_lowercase().as_str()));
    let folder = spec.canonicalize().ok().and_then(|path| {
        path.parent()?
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
    });
    match (generic, folder, stem) {
        (true, Some(folder), _) => folder,
        (_, _, Some(stem)) => stem.into_owned(),
        _ => "connector".to_owned(),
    }
}

/// The runtime crate beside the generator's own sources.
fn default_runtime_path() -> PathBuf {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    runtime.canonicalize().unwrap_or(runtime)
}
