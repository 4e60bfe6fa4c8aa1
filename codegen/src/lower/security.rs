//! `securityDefinitions` and `security`: where each operation puts the client's credential.

use crate::ir::CredentialHeader;
use crate::load::swagger2::{Requirement, SecurityScheme, Swagger};

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
/// The first alternative that names a scheme is used: the operation's own when it has a
/// `security` list (one naming nothing, such as `[]`, marks a public operation), else the
/// document's. Power Platform sends the connection's credential, the first scheme of
/// `securityDefinitions`, with every request: it stands in when the document names no
/// scheme (its exported definitions often leave `security` empty) or only undefined ones.
pub fn placement(document: &Swagger, own: Option<&[Requirement]>) -> Placement {
    let connection = document.security_definitions.first();
    let names: Vec<&String> = match own {
        Some(own) => first_naming(own).map(|r| r.keys().collect()),
        None => first_naming(&document.security)
            .map(|r| r.keys().collect())
            .or_else(|| connection.map(|(name, _)| vec![name])),
    }
    .unwrap_or_default();
    let mut placement = Placement::default();
    let mut undefined = Vec::new();
    for name in names {
        match document.security_definitions.get(name) {
            Some(scheme) => place(name, scheme, &mut placement),
            None => undefined.push(name),
        }
    }
    let stand_in = connection.filter(|_| !undefined.is_empty() && placement.is_empty());
    for name in undefined {
        let mut warning =
            format!("`security` names `{name}`, which `securityDefinitions` does not define");
        if let Some((fallback, _)) = stand_in {
            warning.push_str(&format!(
                "; the connection's scheme `{fallback}` is used instead"
            ));
        }
        placement.warnings.push(warning);
    }
    if let Some((name, scheme)) = stand_in {
        place(name, scheme, &mut placement);
    }
    placement
}

/// The first alternative that names at least one scheme.
fn first_naming(alternatives: &[Requirement]) -> Option<&Requirement> {
    alternatives.iter().find(|schemes| !schemes.is_empty())
}

impl Placement {
    /// Whether no credential is placed.
    fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.queries.is_empty()
    }
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
        ("bearer", _, _) => {
            placement.headers.push(header("Authorization", "Bearer "));
            placement.descriptions.push(format!(
                "`{name}`: a bearer token in the `Authorization` header (`Auth::bearer`, or \
                 App Store Connect `Credentials`, which mint one)."
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn document(security: serde_json::Value) -> Swagger {
        serde_json::from_value(json!({
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "securityDefinitions": {
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "token": {"type": "apiKey", "in": "query", "name": "token"}
            },
            "security": security
        }))
        .expect("a valid document")
    }

    fn requirement(name: &str) -> Vec<Requirement> {
        vec![[(name.to_owned(), json!([]))].into_iter().collect()]
    }

    fn header_names(placement: &Placement) -> Vec<&str> {
        placement.headers.iter().map(|h| h.name.as_str()).collect()
    }

    #[test]
    fn the_operation_s_requirement_wins_over_the_document_s() {
        let document = document(json!([{"key": []}]));
        let placement = placement(&document, Some(&requirement("token")));
        assert!(placement.headers.is_empty());
        assert_eq!(placement.queries, ["token"]);
    }

    #[test]
    fn the_document_s_requirement_applies_to_operations_without_one() {
        let document = document(json!([{"token": []}]));
        assert_eq!(placement(&document, None).queries, ["token"]);
    }

    #[test]
    fn an_operation_with_an_empty_requirement_is_public() {
        let document = document(json!([{"token": []}]));
        let public = [Requirement::new()];
        for own in [&[][..], &public[..]] {
            let placement = placement(&document, Some(own));
            assert!(placement.headers.is_empty() && placement.queries.is_empty());
        }
    }

    #[test]
    fn without_any_requirement_the_first_defined_scheme_is_the_connection_s() {
        for security in [json!([]), json!([{}]), json!({})] {
            let document = document(security);
            let placement = placement(&document, None);
            assert_eq!(header_names(&placement), ["X-Key"]);
            assert!(placement.queries.is_empty() && placement.warnings.is_empty());
        }
    }

    #[test]
    fn an_undefined_scheme_is_a_warning_and_the_connection_s_scheme_stands_in() {
        let document = document(json!([{"missing": []}]));
        let placement = placement(&document, None);
        assert_eq!(header_names(&placement), ["X-Key"]);
        assert_eq!(placement.warnings.len(), 1);
        assert!(placement.warnings[0].contains("`missing`"));
        assert!(placement.warnings[0].contains("`key` is used instead"));
    }

    #[test]
    fn an_undefined_scheme_beside_a_defined_one_only_warns() {
        let document = document(json!([{"missing": [], "token": []}]));
        let placement = placement(&document, None);
        assert!(placement.headers.is_empty());
        assert_eq!(placement.queries, ["token"]);
        assert_eq!(placement.warnings.len(), 1);
    }
}
