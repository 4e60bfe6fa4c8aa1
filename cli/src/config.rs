//! Settings from flags and `ASC_*` environment variables: flags win, then the variables.

use std::path::{Path, PathBuf};
use std::time::Duration;

use connector_runtime::{Credentials, CredentialsError};

use crate::credentials;

/// Base URL variable.
pub const ENV_BASE_URL: &str = "ASC_BASE_URL";
/// Timeout variable, in seconds.
pub const ENV_TIMEOUT: &str = "ASC_TIMEOUT_SECONDS";
/// Most retries variable.
pub const ENV_MAX_RETRIES: &str = "ASC_MAX_RETRIES";
/// Cap on answers read into memory, such as `64MiB`.
pub const ENV_MAX_BODY_SIZE: &str = "ASC_MAX_BODY_SIZE";

/// Reads an environment variable by name (the process environment, or a map in tests).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What the command line said about credentials and the connection.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--key-id`.
    pub key_id: Option<String>,
    /// `--issuer-id`.
    pub issuer_id: Option<String>,
    /// `--private-key-path`.
    pub private_key_path: Option<PathBuf>,
    /// `--api-key-json`: a fastlane-style key file.
    pub api_key_json: Option<PathBuf>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--timeout`.
    pub timeout: Option<Duration>,
    /// `--max-retries`.
    pub max_retries: Option<u32>,
    /// `--max-body-size`, in bytes.
    pub max_body_size: Option<u64>,
}

/// Everything needed to build the client.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The API key and token settings.
    pub credentials: Credentials,
    /// Another base URL than Apple's, if any.
    pub base_url: Option<String>,
    /// Connect and whole-request timeout, if set.
    pub timeout: Option<Duration>,
    /// Most retries of transient failures, if set.
    pub max_retries: Option<u32>,
    /// Cap on an answer read into memory, in bytes, if set.
    pub max_body_size: Option<u64>,
}

/// Why the settings are unusable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The runtime refused the token settings (e.g. the key file's `duration`).
    #[error(transparent)]
    Credentials(#[from] CredentialsError),

    /// The private key could not be loaded.
    #[error("{origin}: {error}")]
    Key {
        /// Where the key came from: a flag, a variable or a file.
        origin: String,
        /// The runtime's reason.
        #[source]
        error: CredentialsError,
    },

    /// No key ID anywhere.
    #[error(
        "no API key ID given: pass --key-id, set ASC_KEY_ID, or pass --api-key-json FILE \
         (a fastlane-style key file)"
    )]
    NoKeyId,

    /// A key ID but no private key anywhere.
    #[error(
        "no private key for key ID {key_id}: pass --private-key-path FILE, set \
         ASC_PRIVATE_KEY_PATH, ASC_PRIVATE_KEY or ASC_PRIVATE_KEY_B64, pass --api-key-json \
         FILE, or put AuthKey_{key_id}.p8 in one of: {searched}"
    )]
    NoKey {
        /// The key ID whose file was looked for.
        key_id: String,
        /// The folders searched, comma-separated.
        searched: String,
    },

    /// The fastlane-style key file cannot be used.
    #[error("the API key file `{}` {reason}", path.display())]
    KeyJson {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// An environment variable has a value that cannot be used.
    #[error("{name}=`{value}` cannot be used: {reason}")]
    InvalidVariable {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
        /// Why.
        reason: String,
    },
}

/// Resolves the settings: flags first, then `env`; `cwd` and `$HOME` (from `env`) are
/// where `AuthKey_<KEYID>.p8` is looked for when no key is given.
pub fn resolve(flags: &Flags, env: Env<'_>, cwd: &Path) -> Result<Settings, ConfigError> {
    let credentials = credentials::resolve(flags, env, cwd)?;
    let timeout = match flags.timeout {
        Some(timeout) => Some(timeout),
        None => variable(env, ENV_TIMEOUT, parse_seconds)?,
    };
    let max_retries = match flags.max_retries {
        Some(retries) => Some(retries),
        None => variable(env, ENV_MAX_RETRIES, parse_retries)?,
    };
    let max_body_size = match flags.max_body_size {
        Some(bytes) => Some(bytes),
        None => variable(env, ENV_MAX_BODY_SIZE, parse_body_size)?,
    };
    Ok(Settings {
        credentials,
        base_url: flags.base_url.clone().or_else(|| value(env, ENV_BASE_URL)),
        timeout,
        max_retries,
        max_body_size,
    })
}

/// The trimmed value of a variable; empty counts as unset.
pub fn value(env: Env<'_>, name: &str) -> Option<String> {
    env(name)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// Parses a variable with `parse`, naming it on failure.
fn variable<T>(
    env: Env<'_>,
    name: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    value(env, name)
        .map(|text| {
            parse(&text).map_err(|reason| ConfigError::InvalidVariable {
                name,
                value: text.clone(),
                reason,
            })
        })
        .transpose()
}

/// Parses a positive number of seconds, such as `30` or `2.5`.
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err("the timeout must be more than 0 seconds".to_owned());
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("{seconds} seconds is too long"))
}

/// Parses a retry count (0 turns retries off).
pub fn parse_retries(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number of retries (0 or more)"))
}

/// Parses a size in bytes: `1048576`, `64MiB`, `100 MB`.
pub fn parse_body_size(text: &str) -> Result<u64, String> {
    let size = text
        .trim()
        .parse::<bytesize::ByteSize>()
        .map_err(|_| format!("`{text}` is not a size such as 1048576, 64MiB or 100MB"))?;
    match size.as_u64() {
        0 => Err("the size must be more than 0 bytes".to_owned()),
        bytes => Ok(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_accept_fractions_and_refuse_zero_and_words() {
        assert_eq!(parse_seconds("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_seconds(" 30 "), Ok(Duration::from_secs(30)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("ten").is_err());
        assert!(parse_seconds("1e300").is_err());
    }

    #[test]
    fn a_bad_variable_is_named() {
        let env = |name: &str| (name == ENV_MAX_RETRIES).then(|| "many".to_owned());
        let error = variable(&env, ENV_MAX_RETRIES, parse_retries).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("ASC_MAX_RETRIES=`many`"), "{text}");
        assert_eq!(variable(&env, ENV_TIMEOUT, parse_seconds).unwrap(), None);
    }
}
