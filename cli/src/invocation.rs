//! What one run of `asc` was asked to do, read from clap's matches.

use std::path::PathBuf;
use std::time::Duration;

use clap::ArgMatches;
use connector_runtime::meta::{Arguments, OperationInfo};

use crate::config::Flags;
use crate::exit::CliError;
use crate::params;

/// Whether to follow `links.next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// One request, one document.
    Single,
    /// Follow `links.next`, at most this many pages (`None`: to the end).
    Follow(Option<usize>),
}

/// One parsed command line.
#[derive(Debug)]
pub struct Invocation {
    /// The operation to call.
    pub operation: &'static OperationInfo,
    /// Its parameter values as text, by wire name.
    pub arguments: Arguments,
    /// Credential and connection flags.
    pub flags: Flags,
    /// Whether to page.
    pub paging: Paging,
    /// `--compact`.
    pub compact: bool,
    /// How many `-v`.
    pub verbosity: u8,
}

impl Invocation {
    /// Reads the matches of `asc` (its subcommand is one of `operations`).
    pub fn from_matches(
        matches: &ArgMatches,
        operations: &[&'static OperationInfo],
    ) -> Result<Invocation, CliError> {
        let (name, sub) = matches
            .subcommand()
            .ok_or_else(|| CliError::Usage("no operation given; see `asc --help`".into()))?;
        let operation = operations
            .iter()
            .copied()
            .find(|info| params::command_name(info) == name || info.id == name)
            .ok_or_else(|| CliError::Usage(format!("unknown operation `{name}`")))?;
        let paging = paging(operation, sub)?;
        Ok(Invocation {
            operation,
            arguments: params::arguments(operation, sub)?,
            flags: flags(sub),
            paging,
            compact: sub.get_flag("compact"),
            verbosity: sub.get_count("verbose"),
        })
    }
}

/// `--all` / `--max-pages`, refused on an operation without pages.
fn paging(operation: &OperationInfo, matches: &ArgMatches) -> Result<Paging, CliError> {
    let all = matches.get_flag("all");
    let max_pages = matches.get_one::<usize>("max-pages").copied();
    if !all && max_pages.is_none() {
        return Ok(Paging::Single);
    }
    if !operation.pageable {
        let flag = if all { "--all" } else { "--max-pages" };
        return Err(CliError::Usage(format!(
            "{flag} needs an operation that returns pages (links.next), and {} does not",
            params::command_name(operation)
        )));
    }
    Ok(Paging::Follow(max_pages))
}

/// The credential and connection flags.
fn flags(matches: &ArgMatches) -> Flags {
    Flags {
        key_id: matches.get_one::<String>("key-id").cloned(),
        issuer_id: matches.get_one::<String>("issuer-id").cloned(),
        private_key_path: matches.get_one::<PathBuf>("private-key-path").cloned(),
        api_key_json: matches.get_one::<PathBuf>("api-key-json").cloned(),
        base_url: matches.get_one::<String>("base-url").cloned(),
        timeout: matches.get_one::<Duration>("timeout").copied(),
        max_retries: matches.get_one::<u32>("max-retries").copied(),
        max_body_size: matches.get_one::<u64>("max-body-size").copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli;

    /// Parses a command line as `asc` would.
    fn parse(args: &[&str]) -> Result<Invocation, CliError> {
        let operations = app_store_connect::OPERATIONS;
        let matches = cli::command(operations)
            .try_get_matches_from(args)
            .map_err(|error| CliError::Usage(error.to_string()))?;
        Invocation::from_matches(&matches, operations)
    }

    #[test]
    fn flags_before_and_after_the_operation_are_read() {
        let invocation = parse(&[
            "asc",
            "--timeout",
            "2",
            "apps-and-app-metadata-list-apps",
            "--limit-builds",
            "5",
            "--sort",
            "-name",
            "--max-pages",
            "2",
            "-vv",
            "--compact",
        ])
        .unwrap();
        assert_eq!(invocation.operation.id, "Apps_And_App_Metadata__List_Apps");
        assert_eq!(invocation.arguments.text("limit[builds]"), Some("5"));
        assert_eq!(invocation.arguments.text("sort"), Some("-name"));
        assert_eq!(invocation.flags.timeout, Some(Duration::from_secs(2)));
        assert_eq!(invocation.paging, Paging::Follow(Some(2)));
        assert_eq!(invocation.verbosity, 2);
        assert!(invocation.compact);
    }

    #[test]
    fn the_operation_id_is_an_alias_and_all_needs_pages() {
        let read = parse(&[
            "asc",
            "Apps_And_App_Metadata__Read_App_Information",
            "--id",
            "1",
        ])
        .unwrap();
        assert_eq!(read.arguments.text("id"), Some("1"));
        assert_eq!(read.paging, Paging::Single);
        let error = parse(&[
            "asc",
            "apps-and-app-metadata-read-app-information",
            "--id",
            "1",
            "--all",
        ])
        .unwrap_err();
        assert_eq!(error.exit_status(), crate::exit::USAGE);
        assert!(error.to_string().contains("--all"), "{error}");
    }
}
