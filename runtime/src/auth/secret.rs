//! The credential value one attempt puts into its credential headers and query pairs.

use std::fmt;

use super::token::Token;

/// A JWT minted for App Store Connect, or the fixed value of another [`Auth`] scheme.
/// `Debug` never shows the value.
///
/// [`Auth`]: super::Auth
#[derive(Clone)]
pub(crate) enum Secret {
    /// A (cached) App Store Connect token; a 401 re-mints it once.
    Jwt(Token),
    /// An API key, a bearer token or encoded basic credentials; never re-sent on a 401.
    Fixed(String),
}

impl Secret {
    /// The text inserted between a credential header's prefix and suffix, or sent as a
    /// credential query value.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Secret::Jwt(token) => token.as_str(),
            Secret::Fixed(value) => value,
        }
    }

    /// The token, if the value is an App Store Connect JWT.
    pub(crate) fn jwt(&self) -> Option<&Token> {
        match self {
            Secret::Jwt(token) => Some(token),
            Secret::Fixed(_) => None,
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Jwt(token) => f.debug_tuple("Secret::Jwt").field(token).finish(),
            Secret::Fixed(_) => f.write_str("Secret::Fixed(<redacted>)"),
        }
    }
}
