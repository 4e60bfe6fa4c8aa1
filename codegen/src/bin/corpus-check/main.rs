//! `corpus-check <folder> --out <dir>`: generates a crate for every connector (or API
//! definition file: Swagger 2.0 or OpenAPI 3.0, told apart by content) in `folder`,
//! runs `cargo check` over them in batches that share one target directory, and writes a
//! per-connector report with totals.
//!
//! A connector passes when its crate checks with no error and no warning. A connector whose
//! definition is not valid JSON passes when the generator refuses it with a located error.
//! Exit status: 0 when the pass rate reaches `--min-pass-rate` and nothing panicked, 1
//! otherwise, 2 on bad arguments.

mod check;
mod generate;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generates and checks every connector of a folder.
#[derive(Debug, Parser)]
#[command(name = "corpus-check")]
struct Args {
    /// A folder with one sub-folder per connector, each holding apiDefinition.swagger.json
    /// and, optionally, apiProperties.json; `.json` files in it are definitions of their
    /// own (Swagger 2.0 or OpenAPI 3.0).
    folder: PathBuf,
    /// Where the crates, the shared target directory and the report go.
    #[arg(long)]
    out: PathBuf,
    /// Check only every n-th connector (in name order), for a quick sample.
    #[arg(long, default_value_t = 1)]
    every: usize,
    /// How many crates one `cargo check` covers.
    #[arg(long, default_value_t = 60)]
    batch: usize,
    /// The lowest share of passing connectors, in percent, for exit status 0.
    #[arg(long, default_value_t = 100.0)]
    min_pass_rate: f64,
    /// The connector-runtime crate the generated crates depend on.
    #[arg(long)]
    runtime_path: Option<PathBuf>,
    /// Answer members to decode on demand in every crate (`Generator::defer`), to check
    /// `Deferred` members wherever they land.
    #[arg(long, value_delimiter = ',')]
    defer: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = args.runtime_path.clone().unwrap_or_else(|| {
        let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../runtime");
        beside.canonicalize().unwrap_or(beside)
    });
    let connectors = match generate::connectors(&args.folder, args.every.max(1)) {
        Ok(connectors) => connectors,
        Err(error) => {
            eprintln!("error: cannot list {}: {error}", args.folder.display());
            return ExitCode::from(2);
        }
    };
    eprintln!("generating {} connectors", connectors.len());
    let mut outcomes = generate::all(&connectors, &args.out, &runtime, &args.defer);
    let generated: Vec<_> = outcomes
        .iter()
        .filter_map(generate::Outcome::crate_name)
        .map(str::to_owned)
        .collect();
    eprintln!(
        "checking {} crates in batches of {}",
        generated.len(),
        args.batch
    );
    match check::all(&args.out, &generated, args.batch.max(1)) {
        Ok(diagnostics) => generate::attach(&mut outcomes, &diagnostics),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }
    let summary = report::write(&args.out.join("report.md"), &outcomes);
    eprintln!("{}", summary.line());
    eprintln!("report: {}", args.out.join("report.md").display());
    if summary.panics == 0 && summary.pass_rate() >= args.min_pass_rate {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
