//! Policies from `apiProperties.json`, reduced to what a generated operation must do.

use serde_json::Value;

use crate::error::JsonPath;
use crate::load::properties::{ApiProperties, PolicyInstance};

/// What a `setheader` or `setqueryparameter` policy sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// A `setheader` or `setqueryparameter` policy: set `name` to a value built from `template`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetHeader {
    /// A header or a query parameter.
    pub target: Target,
    /// The header or query parameter the policy sets.
    pub name: String,
    /// The value, split into text and expressions.
    pub template: Vec<TemplatePart>,
    /// The operations it applies to; `None` means every operation.
    pub operations: Option<Vec<String>>,
}

impl SetHeader {
    /// Whether the policy applies to the operation with this operationId.
    pub fn applies_to(&self, operation_id: &str) -> bool {
        applies_to(self.operations.as_deref(), operation_id)
    }
}

/// Whether a policy limited to `operations` (`None`: every operation) applies to the
/// operation with this operationId.
fn applies_to(operations: Option<&[String]>, operation_id: &str) -> bool {
    operations.is_none_or(|operations| operations.iter().any(|id| id == operation_id))
}

/// A piece of a policy value such as `Bearer @headers('Service-Token')`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Literal text.
    Text(String),
    /// `@headers('name')`: the value of a request header.
    Header(String),
    /// `@queryParameters('name')`: the value of a query parameter.
    Query(String),
    /// `@connectionParameters('name')` or `@connectionParameters('name', 'default')`: a
    /// connection setting.
    Connection {
        /// The setting's name.
        name: String,
        /// The value used when the setting is not given.
        default: Option<String>,
    },
}

/// A `routerequesttoendpoint` policy: the operation is sent to `new_path` instead of its
/// declared path (with the same method).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The new path, with `{name}` path parameters and connection settings.
    pub new_path: Vec<TemplatePart>,
    /// The operations it applies to; `None` means every operation.
    pub operations: Option<Vec<String>>,
}

impl Route {
    /// Whether the policy applies to the operation with this operationId.
    pub fn applies_to(&self, operation_id: &str) -> bool {
        applies_to(self.operations.as_deref(), operation_id)
    }
}

/// The policies the generator applies, and warnings for those it cannot.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    /// `setheader` and `setqueryparameter` policies for the request section.
    pub set_headers: Vec<SetHeader>,
    /// `routerequesttoendpoint` policies.
    pub routes: Vec<Route>,
    /// The `urlTemplate` of a `dynamichosturl` policy: the base URL, built from connection
    /// parameters.
    pub host_template: Option<Vec<TemplatePart>>,
    /// Policies that were not applied, with the reason.
    pub warnings: Vec<String>,
}

/// Reads the policies of `apiProperties.json`.
pub fn collect(properties: &ApiProperties) -> Policies {
    let mut policies = Policies::default();
    let instances = &properties.properties.policy_template_instances;
    for (index, instance) in instances.iter().enumerate() {
        let path = JsonPath::root()
            .key("properties")
            .key("policyTemplateInstances")
            .index(index);
        match instance.template_id.as_str() {
            id @ ("setheader" | "setqueryparameter") => {
                let target = if id == "setheader" {
                    Target::Header
                } else {
                    Target::Query
                };
                match set_header(instance, target) {
                    Ok(policy) => policies.set_headers.push(policy),
                    Err(reason) => policies
                        .warnings
                        .push(format!("policy at {path} ({id}) not applied: {reason}")),
                }
            }
            "routerequesttoendpoint" => match route(instance) {
                Ok(route) => policies.routes.push(route),
                Err(reason) => policies.warnings.push(format!(
                    "policy at {path} (routerequesttoendpoint) not applied: {reason}"
                )),
            },
            "dynamichosturl" => match instance
                .parameters
                .get("x-ms-apimTemplateParameter.urlTemplate")
                .and_then(Value::as_str)
            {
                Some(template) => policies.host_template = Some(parse_template(template)),
                None => policies.warnings.push(format!(
                    "policy at {path} (dynamichosturl) has no `urlTemplate`; not applied"
                )),
            },
            other => policies.warnings.push(format!(
                "policy at {path} (`{other}`) is not supported yet and was not applied"
            )),
        }
    }
    policies
}

fn route(instance: &PolicyInstance) -> Result<Route, String> {
    let new_path = instance
        .parameters
        .get("x-ms-apimTemplateParameter.newPath")
        .and_then(Value::as_str)
        .ok_or("it has no string `x-ms-apimTemplateParameter.newPath`")?;
    let method = instance
        .parameters
        .get("x-ms-apimTemplateParameter.httpMethod")
        .and_then(Value::as_str);
    if method.is_some_and(|method| method != "@Request.OriginalHTTPMethod") {
        return Err(format!(
            "it changes the method to `{}`, which is not supported",
            method.unwrap_or_default()
        ));
    }
    Ok(Route {
        new_path: parse_template(new_path),
        operations: operations(instance)?,
    })
}

/// The operations a policy applies to (`x-ms-apimTemplate-operationName`); `None` is all.
fn operations(instance: &PolicyInstance) -> Result<Option<Vec<String>>, String> {
    match instance.parameters.get("x-ms-apimTemplate-operationName") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(one)) => Ok(Some(vec![one.clone()])),
        Some(Value::Array(many)) => Ok(Some(
            many.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        )),
        Some(_) => Err("`x-ms-apimTemplate-operationName` is not a list of operationIds".into()),
    }
}

fn set_header(instance: &PolicyInstance, target: Target) -> Result<SetHeader, String> {
    let parameter = |name: &str| {
        instance
            .parameters
            .get(&format!("x-ms-apimTemplateParameter.{name}"))
    };
    let section = instance
        .parameters
        .get("x-ms-apimTemplate-policySection")
        .and_then(Value::as_str)
        .unwrap_or("Request");
    if section != "Request" {
        return Err(format!(
            "it acts on the `{section}` section; only `Request` is supported"
        ));
    }
    let name = parameter("name")
        .and_then(Value::as_str)
        .filter(|name| !name.is_empty())
        .ok_or("it has no `x-ms-apimTemplateParameter.name`")?;
    let value = parameter("value")
        .and_then(Value::as_str)
        .ok_or("it has no string `x-ms-apimTemplateParameter.value`")?;
    let operations = operations(instance)?;
    Ok(SetHeader {
        target,
        name: name.to_owned(),
        template: parse_template(value),
        operations,
    })
}

/// Splits a policy value into literal text and `@function('argument')` expressions.
///
/// Unknown functions and malformed expressions stay literal text.
pub fn parse_template(value: &str) -> Vec<TemplatePart> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('@') {
        text.push_str(&rest[..at]);
        let candidate = &rest[at..];
        match expression(candidate) {
            Some((part, length)) => {
                if !text.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut text)));
                }
                parts.push(part);
                rest = &candidate[length..];
            }
            None => {
                text.push('@');
                rest = &candidate[1..];
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(TemplatePart::Text(text));
    }
    parts
}

/// Parses `@function('argument')` at the start of `text`; returns the part and its length.
fn expression(text: &str) -> Option<(TemplatePart, usize)> {
    let open = text.find('(')?;
    let function = &text[1..open];
    let (arguments, consumed) = quoted_arguments(&text[open + 1..])?;
    let length = open + 1 + consumed;
    let mut arguments = arguments.into_iter();
    let first = arguments.next()?;
    let part = match function {
        "headers" => TemplatePart::Header(first),
        "queryParameters" => TemplatePart::Query(first),
        "connectionParameters" => TemplatePart::Connection {
            name: first,
            default: arguments.next(),
        },
        _ => return None,
    };
    Some((part, length))
}

/// Parses `'a', 'b')`: quoted arguments separated by commas, up to the closing parenthesis.
/// Returns the arguments and the length consumed, parenthesis included.
fn quoted_arguments(text: &str) -> Option<(Vec<String>, usize)> {
    let mut arguments = Vec::new();
    let mut position = 0;
    loop {
        position += text[position..].len() - text[position..].trim_start().len();
        let quote = text[position..]
            .chars()
            .next()
            .filter(|c| *c == '\'' || *c == '"')?;
        let end = position + 1 + text[position + 1..].find(quote)?;
        arguments.push(text[position + 1..end].to_owned());
        position = end + 1;
        position += text[position..].len() - text[position..].trim_start().len();
        match text[position..].chars().next()? {
            ',' => position += 1,
            ')' => return Some((arguments, position + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_text_and_expressions() {
        assert_eq!(
            parse_template("Bearer @headers('Service-Token')"),
            vec![
                TemplatePart::Text("Bearer ".into()),
                TemplatePart::Header("Service-Token".into())
            ]
        );
        assert_eq!(
            parse_template("@connectionParameters(\"region\").example.com"),
            vec![
                TemplatePart::Connection {
                    name: "region".into(),
                    default: None
                },
                TemplatePart::Text(".example.com".into())
            ]
        );
        assert_eq!(
            parse_template("a@b.c @unknown('x')"),
            vec![TemplatePart::Text("a@b.c @unknown('x')".into())]
        );
        assert_eq!(
            parse_template("@headers('x"),
            vec![TemplatePart::Text("@headers('x".into())]
        );
    }

    #[test]
    fn connection_parameters_may_have_a_default() {
        assert_eq!(
            parse_template("@connectionParameters('token:notes', '')!"),
            vec![
                TemplatePart::Connection {
                    name: "token:notes".into(),
                    default: Some(String::new())
                },
                TemplatePart::Text("!".into())
            ]
        );
        assert_eq!(
            parse_template("@connectionParameters('a' 'b')"),
            vec![TemplatePart::Text("@connectionParameters('a' 'b')".into())]
        );
    }

    #[test]
    fn set_header_policies_are_read_with_their_operations() {
        let properties: ApiProperties = serde_json::from_value(serde_json::json!({
            "properties": {"policyTemplateInstances": [
                {"templateId": "setheader", "parameters": {
                    "x-ms-apimTemplateParameter.name": "Authorization",
                    "x-ms-apimTemplateParameter.value": "Bearer @headers('Token')",
                    "x-ms-apimTemplate-operationName": ["A", "B"]}},
                {"templateId": "setheader", "parameters": {
                    "x-ms-apimTemplateParameter.name": "X-Api-Version",
                    "x-ms-apimTemplateParameter.value": "2"}},
                {"templateId": "dynamichosturl", "parameters": {}}
            ]}
        }))
        .unwrap();
        let policies = collect(&properties);
        assert_eq!(policies.set_headers.len(), 2);
        assert!(policies.set_headers[0].applies_to("B"));
        assert!(!policies.set_headers[0].applies_to("C"));
        assert!(policies.set_headers[1].applies_to("C"));
        assert_eq!(policies.warnings.len(), 1);
        assert!(policies.warnings[0].contains("policyTemplateInstances[2]"));
        assert!(policies.warnings[0].contains("dynamichosturl"));
    }
}
