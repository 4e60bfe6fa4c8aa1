//! The errors the sandbox's own API (not its HTTP answers) can return.

/// Why building, starting or keying a sandbox failed.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The public key given to [`Sandbox::team`](crate::Sandbox::team) or
    /// [`Sandbox::individual`](crate::Sandbox::individual) is not an EC public key PEM.
    #[error("the public key is not a valid EC public key PEM: {0}")]
    InvalidPublicKey(String),
    /// The loopback listener could not be bound.
    #[error("could not bind the sandbox listener on 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
    /// [`Sandbox::start`](crate::Sandbox::start) was awaited outside a tokio runtime.
    #[error("the sandbox must be started from within a tokio runtime")]
    NoRuntime,
    /// Generating or encoding a P-256 test key failed.
    #[error("could not generate a P-256 test key: {0}")]
    KeyGeneration(&'static str),
}
