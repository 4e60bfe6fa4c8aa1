//! Errors raised while loading keys, reading configuration or minting tokens.

use std::path::PathBuf;
use std::time::Duration;

/// Why credentials could not be loaded or could not produce a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The key file does not exist.
    #[error(
        "private key file `{}` does not exist; download AuthKey_<KEYID>.p8 from App Store \
         Connect (Users and Access > Integrations) and give its path",
        path.display()
    )]
    KeyFileNotFound {
        /// The path that was tried.
        path: PathBuf,
    },

    /// The key file exists but could not be read.
    #[error("private key file `{}` could not be read: {source}", path.display())]
    KeyFileUnreadable {
        /// The path that was tried.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The input is not a usable private key.
    #[error(
        "not an App Store Connect private key: {reason}; expected the PKCS#8 PEM text of \
         AuthKey_<KEYID>.p8 (-----BEGIN PRIVATE KEY-----)"
    )]
    NotAKey {
        /// What was wrong with it.
        reason: String,
    },

    /// A public key was given where the private key is needed.
    #[error(
        "this is a public key; App Store Connect needs the private key file \
         AuthKey_<KEYID>.p8 (-----BEGIN PRIVATE KEY-----)"
    )]
    PublicKeyGiven,

    /// The key is valid but not an EC P-256 key.
    #[error(
        "this is a {curve} key; App Store Connect keys are EC P-256 (ES256) keys, \
         downloaded as AuthKey_<KEYID>.p8"
    )]
    WrongCurve {
        /// The curve or key type found.
        curve: String,
    },

    /// Base64-encoded key text could not be decoded.
    #[error(
        "the base64-encoded private key is not valid base64; encode the whole \
         AuthKey_<KEYID>.p8 file, e.g. `base64 -w0 AuthKey_<KEYID>.p8`"
    )]
    InvalidBase64,

    /// A required environment variable is missing or empty.
    #[error("environment variable {name} is not set (or is empty)")]
    MissingEnv {
        /// The variable's name.
        name: &'static str,
    },

    /// None of the key environment variables is set.
    #[error(
        "no private key given: set ASC_PRIVATE_KEY_PATH (path of AuthKey_<KEYID>.p8), \
         ASC_PRIVATE_KEY (its PEM text) or ASC_PRIVATE_KEY_B64 (its base64)"
    )]
    NoKeyGiven,

    /// The requested token lifetime is not accepted by App Store Connect.
    #[error("a token lifetime of {} s is not allowed: {reason}", lifetime.as_secs_f64())]
    InvalidLifetime {
        /// The requested lifetime.
        lifetime: Duration,
        /// The rule it breaks.
        reason: &'static str,
    },

    /// The system clock is before 1970, so no token timestamps can be computed.
    #[error("the system clock is set before 1970; fix the clock to mint tokens")]
    ClockBeforeEpoch,

    /// Signing the token failed.
    #[error("could not sign the token: {source}")]
    Signing {
        /// The signing library's error.
        source: jsonwebtoken::errors::Error,
    },
}
