//! `asc`: the App Store Connect API from the command line.
//!
//! Every subcommand, flag, help text and possible value comes from the generated
//! operation table [`app_store_connect::OPERATIONS`]: a new connector operation appears
//! here after regeneration, and arguments are validated by the library itself.
//!
//! Exit status: 0 success; 1 the output could not be written; 2 usage, validation or
//! configuration error (nothing sent); 3 App Store Connect answered with an error, or
//! with a `links.next` to another host (refused); 4 no answer (connection, timeout).

mod body;
mod cli;
mod config;
mod credentials;
mod document;
mod exit;
mod invocation;
mod key_json;
mod key_lookup;
mod logging;
mod merge;
mod output;
mod params;
mod run;

use std::process::ExitCode;

use app_store_connect::OPERATIONS;

use crate::exit::CliError;
use crate::invocation::Invocation;

/// Parses the command line, runs it, prints the outcome and maps it to the exit status.
fn main() -> ExitCode {
    let matches = match cli::command(OPERATIONS).try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(exit::USAGE));
        }
    };
    let result = Invocation::from_matches(&matches, OPERATIONS).and_then(|invocation| {
        logging::init(invocation.verbosity);
        execute(&invocation)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", output::describe(&error));
            error.exit_code()
        }
    }
}

/// Runs the invocation with the process environment and prints the document.
fn execute(invocation: &Invocation) -> Result<(), CliError> {
    let env = |name: &str| std::env::var(name).ok();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let document = run::run(invocation, &env, &cwd)?;
    output::print_document(&document, invocation.compact)
}
