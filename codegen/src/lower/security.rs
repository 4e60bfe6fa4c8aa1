//! `securityDefinitions` and `security`: where each operation puts the client's credential.

use crate::ir::CredentialHeader;
use crate::load::swagger2::{SecurityScheme, Swagger};

/// Where an operation's credential goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// Headers carrying the credential.
    pub headers: Vec<CredentialHeader>,
    /// Query parameters carrying the credential.
    pub queries: Vec<String>,
    /// A sentence for the client's documentation per scheme used.
    pub descriptions: Vec<String>,
    /// Schemes that could not be applied.
    pub warnings: Vec<String>,
}

/// The credential placement of an operation whose own `security` is `own`.
///
/// The first alternative of the requirement is used; an empty requirement means no
/// credential.
pub fn placement(
    document: &Swagger,
    own: Option<&[indexmap::IndexMap<String, serde_json::Value>]>,
) -> Placement {
    let requirement = own.unwrap_or(&document.security);
    let mut placement = Placement::default();
    let Some(first) = requirement.first() else {
        return placement;
    };
    for name in first.keys() {
        match document.security_definitions.get(name) {
            Some(scheme) => place(name, scheme, &mut placement),
            None => placement.warnings.push(format!(
                "`security` names `{name}`, which `securityDefinitions` does not define"
            )),
        }
    }
    placement
}

fn place(name: &str, scheme: &SecurityScheme, placement: &mut Placement) {
    let header = |name: &str, prefix: &str| CredentialHeader {
        name: name.to_owned(),
        prefix: prefix.to_owned(),
        suffix: String::new(),
    };
    match (
        scheme.kind.as_str(),
        scheme.location.as_deref(),
        scheme.name.as_deref(),
    ) {
        ("apiKey", Some("header"), Some(key)) => {
            placement.headers.push(header(key, ""));
            placement.descriptions.push(format!(
                "`{name}`: an API key in the `{key}` header (`Auth::api_key`)."
            ));
        }
        ("apiKey", Some("query"), Some(key)) => {
            placement.queries.push(key.to_owned());
            placement.descriptions.push(format!(
                "`{name}`: an API key in the `{key}` query parameter (`Auth::api_key`)."
            ));
        }
        ("basic", _, _) => {
            placement.headers.push(header("Authorization", "Basic "));
            placement.descriptions.push(format!(
                "`{name}`: HTTP basic authentication (`Auth::basic`)."
            ));
        }
        ("oauth2", _, _) => {
            placement.headers.push(header("Authorization", "Bearer "));
            placement.descriptions.push(format!(
                "`{name}`: OAuth 2; obtain an access token and give it as `Auth::bearer`."
            ));
        }
        (kind, _, _) => placement.warnings.push(format!(
            "the security scheme `{name}` (`{kind}`) is not supported; no credential is sent for it"
        )),
    }
}
