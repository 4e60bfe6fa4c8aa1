//! The `asc` command: its own flags, plus one subcommand per generated operation.

use clap::builder::RangedU64ValueParser;
use clap::{Arg, ArgAction, Command, value_parser};
use connector_runtime::meta::OperationInfo;

use crate::config::{parse_body_size, parse_retries, parse_seconds};
use crate::params;

/// The long names of the CLI's own flags; a parameter whose flag would be one of these
/// is spelled `--param-<name>` instead.
pub const OWN_FLAGS: &[&str] = &[
    "key-id",
    "issuer-id",
    "private-key-path",
    "api-key-json",
    "base-url",
    "timeout",
    "max-retries",
    "max-body-size",
    "all",
    "max-pages",
    "compact",
    "verbose",
    "help",
    "version",
];

/// Shown after `asc --help`.
const AFTER_HELP: &str = "\
Configuration (flags win over variables): ASC_KEY_ID, ASC_ISSUER_ID (unset for an individual \
key), ASC_PRIVATE_KEY_PATH, ASC_PRIVATE_KEY (PEM text), ASC_PRIVATE_KEY_B64, ASC_BASE_URL, \
ASC_TIMEOUT_SECONDS, ASC_MAX_RETRIES, ASC_MAX_BODY_SIZE. Without a key, AuthKey_<KEYID>.p8 is \
looked for in ./private_keys, ~/private_keys, ~/.private_keys and \
~/.appstoreconnect/private_keys.

Exit status: 0 success; 1 the output could not be written; 2 usage, validation or \
configuration error (nothing was sent); 3 App Store Connect answered with an error, with a \
document the definition does not allow, or with something refused (a redirect or next-page \
link to another host, a body over --max-body-size); 4 no answer, or an answer cut short \
(connection failure, timeout).";

/// The whole command, with a subcommand for each of `operations`.
pub fn command(operations: &[&'static OperationInfo]) -> Command {
    let command = Command::new("asc")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Calls the App Store Connect API: one subcommand per API operation")
        .after_help(AFTER_HELP)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(credential_flags())
        .args(request_flags())
        .args(output_flags());
    operations.iter().fold(command, |command, info| {
        command.subcommand(params::subcommand(info))
    })
}

/// A flag taking a value, accepted before or after the subcommand.
fn global(id: &'static str, value_name: &'static str, heading: &'static str) -> Arg {
    Arg::new(id)
        .long(id)
        .value_name(value_name)
        .global(true)
        .help_heading(heading)
}

/// `--key-id`, `--issuer-id`, `--private-key-path`, `--api-key-json`.
fn credential_flags() -> [Arg; 4] {
    const HEADING: &str = "Credentials";
    [
        global("key-id", "KEY_ID", HEADING).help("API key ID [env: ASC_KEY_ID]"),
        global("issuer-id", "ISSUER_ID", HEADING)
            .help("Issuer ID of a team key; leave out for an individual key [env: ASC_ISSUER_ID]"),
        global("private-key-path", "FILE", HEADING)
            .value_parser(value_parser!(std::path::PathBuf))
            .help("The AuthKey_<KEYID>.p8 file [env: ASC_PRIVATE_KEY_PATH]"),
        global("api-key-json", "FILE", HEADING)
            .value_parser(value_parser!(std::path::PathBuf))
            .help(
                "A fastlane API key file: {key_id, issuer_id, key, is_key_content_base64, \
                 duration, in_house}",
            ),
    ]
}

/// `--base-url`, `--timeout`, `--max-retries`, `--max-body-size`.
fn request_flags() -> [Arg; 4] {
    const HEADING: &str = "Connection";
    [
        global("base-url", "URL", HEADING)
            .help("Another server than https://api.appstoreconnect.apple.com [env: ASC_BASE_URL]"),
        global("timeout", "SECONDS", HEADING)
            .value_parser(parse_seconds)
            .help("Time allowed to connect and for each whole request [env: ASC_TIMEOUT_SECONDS]"),
        global("max-retries", "N", HEADING)
            .value_parser(parse_retries)
            .help("Most retries of 429, 502, 503, 504 and lost connections [env: ASC_MAX_RETRIES]"),
        global("max-body-size", "BYTES", HEADING)
            .value_parser(parse_body_size)
            .help("Largest answer read, such as 64MiB (the default) [env: ASC_MAX_BODY_SIZE]"),
    ]
}

/// `--all`, `--max-pages`, `--compact`, `-v`.
fn output_flags() -> [Arg; 4] {
    const HEADING: &str = "Output";
    [
        Arg::new("all")
            .long("all")
            .action(ArgAction::SetTrue)
            .global(true)
            .help_heading(HEADING)
            .help("Follow links.next to the last page and print one document with every item"),
        global("max-pages", "N", HEADING)
            .value_parser(RangedU64ValueParser::<usize>::new().range(1..))
            .help("Like --all, but stop after N pages (links.next then shows that more exist)"),
        Arg::new("compact")
            .long("compact")
            .action(ArgAction::SetTrue)
            .global(true)
            .help_heading(HEADING)
            .help("Print the JSON on one line instead of indented"),
        Arg::new("verbose")
            .short('v')
            .long("verbose")
            .action(ArgAction::Count)
            .global(true)
            .help_heading(HEADING)
            .help("Log requests on stderr: -v answers and retries, -vv everything (never tokens)"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_consistent_for_the_generated_operations() {
        command(app_store_connect::OPERATIONS).debug_assert();
    }

    #[test]
    fn own_flags_lists_every_long_flag() {
        let command = command(&[]);
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                assert!(OWN_FLAGS.contains(&long), "{long} missing from OWN_FLAGS");
            }
        }
    }
}
