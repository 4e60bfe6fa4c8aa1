//! The CLI's own errors and the exit status each one maps to.

use std::process::ExitCode;

use connector_runtime::Error;

use crate::config::ConfigError;

/// Exit status: the output could not be written (e.g. stdout was closed), or the async
/// runtime could not start.
pub const OUTPUT_FAILED: u8 = 1;
/// Exit status: usage, validation or configuration error; nothing was sent.
pub const USAGE: u8 = 2;
/// Exit status: App Store Connect answered with an error, or with something unsafe or
/// undecodable (such as a `links.next` or redirect to another host, a document the
/// definition does not allow, or a body over the cap).
pub const API: u8 = 3;
/// Exit status: no answer, or an answer cut short: the connection failed or dropped, or
/// the request timed out.
pub const TRANSPORT: u8 = 4;

/// Everything that makes `asc` stop without printing a document.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line is well-formed for clap but not usable (e.g. `--all` on an
    /// operation without pages).
    #[error("{0}")]
    Usage(String),

    /// A parameter value failed the library's validation; nothing was sent.
    #[error("{source}")]
    InvalidArgument {
        /// The command-line flag of the parameter, when it is one of the operation's.
        flag: Option<String>,
        /// The library's validation error.
        source: Error,
    },

    /// Credentials, key files, base URL, timeout or retry settings are unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),

    /// The request failed: App Store Connect answered with an error, or it could not
    /// be reached.
    #[error(transparent)]
    Client(#[from] Error),

    /// The async runtime could not be started.
    #[error("could not start the async runtime: {0}")]
    Runtime(std::io::Error),

    /// Writing the document to stdout failed.
    #[error("could not write the output: {0}")]
    Output(std::io::Error),
}

impl CliError {
    /// The process exit status for this error.
    pub fn exit_status(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::InvalidArgument { .. } | CliError::Config(_) => USAGE,
            CliError::Client(error) => status_of(error),
            CliError::Runtime(_) | CliError::Output(_) => OUTPUT_FAILED,
        }
    }

    /// The exit status as a [`ExitCode`].
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }
}

/// 2 for errors found before sending, 3 for answers, 4 for failures without one.
pub fn status_of(error: &Error) -> u8 {
    match error {
        Error::InvalidRequest { .. }
        | Error::MissingCredentials { .. }
        | Error::Credentials(_)
        | Error::InvalidBaseUrl { .. }
        | Error::ClientBuild { .. } => USAGE,
        Error::Api(_)
        | Error::UndecodableBody { .. }
        | Error::BodyTooLarge { .. }
        | Error::ForeignRedirect { .. }
        | Error::ForeignNextLink { .. }
        | Error::InvalidNextLink { .. } => API,
        Error::Timeout { .. } | Error::Transport { .. } | Error::CutShort { .. } => TRANSPORT,
        other if other.status().is_some() => API,
        _ => TRANSPORT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_refusals_are_3_and_pre_send_errors_are_2() {
        let foreign = Error::ForeignNextLink {
            operation: "Op",
            url: "http://127.0.0.2:9/v1/apps".into(),
        };
        assert_eq!(status_of(&foreign), API);
        let missing = Error::MissingCredentials { operation: "Op" };
        assert_eq!(status_of(&missing), USAGE);
        let usage = CliError::Usage("--all needs pages".into());
        assert_eq!(usage.exit_status(), USAGE);
    }
}
