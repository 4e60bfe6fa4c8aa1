//! `connector-codegen generate <apiDefinition.swagger.json> [--properties <apiProperties.json>]
//! --out <dir> [--name <crate>] [--runtime-path <dir>] [--only …] [--defer …]`: writes a
//! standalone crate.
//!
//! `connector-codegen diff OLD NEW [--old-properties P] [--new-properties P]`: what the
//! change from OLD to NEW means for users of the generated crate, and the version bump.
//!
//! Exit status: 0 on success (warnings about unsupported features go to stderr), 1 when
//! `diff --fail-on breaking` finds a breaking change, 2 on bad input, with the file and the
//! place in it.

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
    Generate(GenerateArgs),
    /// Lists what changes for users of the generated crate between two definitions, each
    /// change marked breaking or compatible, and the version bump it implies.
    Diff {
        /// The definition before the change.
        old: PathBuf,
        /// The definition after the change.
        new: PathBuf,
        /// The apiProperties.json that goes with OLD.
        #[arg(long)]
        old_properties: Option<PathBuf>,
        /// The apiProperties.json that goes with NEW.
        #[arg(long)]
        new_properties: Option<PathBuf>,
        /// `text` (one line per change) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// `breaking`: exit with status 1 when a change breaks users (for CI).
        #[arg(long, value_enum, default_value_t = FailOn::Never)]
        fail_on: FailOn,
        /// The crate's current version, to print the next one (`0.3.1`).
        #[arg(long)]
        current_version: Option<connector_codegen::diff::Version>,
    },
}

/// What `generate` reads and writes.
#[derive(Debug, clap::Args)]
struct GenerateArgs {
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
    /// Decode the answer members with these JSON names (`relationships`) only when the
    /// caller asks, as `connector_runtime::Deferred`; answers then decode faster.
    #[arg(long, value_delimiter = ',')]
    defer: Vec<String>,
}

/// How `diff` prints its report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// When `diff` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Never,
    Breaking,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(args) => generate(args),
        Command::Diff {
            old,
            new,
            old_properties,
            new_properties,
            format,
            fail_on,
            current_version,
        } => diff(
            (&old, old_properties.as_deref()),
            (&new, new_properties.as_deref()),
            format,
            fail_on,
            current_version.as_ref(),
        ),
    }
}

/// `diff`: prints the report, exits 1 on a breaking change when asked to.
fn diff(
    old: (&Path, Option<&Path>),
    new: (&Path, Option<&Path>),
    format: Format,
    fail_on: FailOn,
    current_version: Option<&connector_codegen::diff::Version>,
) -> ExitCode {
    let generator = |(spec, properties): (&Path, Option<&Path>)| {
        let mut generator = Generator::new(spec);
        if let Some(properties) = properties {
            generator.properties(properties);
        }
        generator
    };
    let report = match connector_codegen::diff(&generator(old), &generator(new)) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    match format {
        Format::Text => print!("{}", report.to_text(current_version)),
        Format::Json => {
            let document = serde_json::json!({
                "changes": report.changes,
                "bump": report.bump,
                "next_version": current_version.map(|current| report.next_version(current).to_string()),
            });
            match serde_json::to_string_pretty(&document) {
                Ok(text) => println!("{text}"),
                Err(error) => {
                    eprintln!("error: cannot write the report: {error}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    if fail_on == FailOn::Breaking && report.is_breaking() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `generate`: writes the standalone crate.
fn generate(args: GenerateArgs) -> ExitCode {
    let mut generator = Generator::new(&args.spec);
    generator
        .operation_table(!args.no_operation_table)
        .only(args.only)
        .defer(args.defer);
    if let Some(properties) = &args.properties {
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
        name: args
            .name
            .unwrap_or_else(|| standalone::package_name(&default_name(&args.spec))),
        runtime_path: args.runtime_path.unwrap_or_else(default_runtime_path),
        runtime_features: generated.runtime_features.clone(),
    };
    match standalone::write(&args.out, &crate_spec, &generated.code, &generated.title) {
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
