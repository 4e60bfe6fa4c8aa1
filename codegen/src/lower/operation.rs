//! One Swagger operation to one IR operation.

use crate::Error;
use crate::error::JsonPath;
use crate::ir::{
    Constant, CredentialHeader, Operation, ParamLocation, PathPart, PolicyValue, TypeRef, ValuePart,
};
use crate::load::swagger2;
use std::rc::Rc;

use crate::lower::models::Definitions;
use crate::lower::policies::{Policies, Target, TemplatePart};
use crate::lower::types::TypeBuilder;
use crate::lower::{Context, paging, params, path, responses, security};
use crate::naming::Scope;

/// What an operation is lowered from.
pub struct Source<'a> {
    /// The path template.
    pub path: &'a str,
    /// The lower-case method.
    pub method: &'a str,
    /// The operation object.
    pub operation: &'a swagger2::Operation,
    /// Parameters declared on the path item.
    pub shared_parameters: &'a [swagger2::Parameter],
    /// Where the operation is in the file.
    pub location: JsonPath,
    /// The whole document, for `#/parameters` and `#/responses` references.
    pub document: &'a swagger2::Swagger,
    /// The document's definitions, for `#/definitions` references.
    pub definitions: &'a Rc<Definitions>,
    /// The models lowered from the definitions.
    pub models: &'a [crate::ir::TypeDef],
}

/// Lowers one operation; `fn_name` is already unique.
pub fn lower(
    context: &Context,
    source: &Source<'_>,
    fn_name: String,
    policies: &Policies,
    notes: &mut Notes,
) -> Result<Operation, Error> {
    let operation = source.operation;
    let id = operation
        .operation_id
        .clone()
        .unwrap_or_else(|| fn_name.clone());
    let mut types = TypeBuilder::for_operation(Rc::clone(source.definitions));
    let effects = apply_policies(&id, policies);
    let (credential_headers, credential_queries, replaced) = credentials(
        source,
        effects.credential_headers,
        effects.credential_params,
        &id,
        notes,
    );
    let mut split = split_parameters(context, source, &replaced, &mut types)?;
    let path_parts = request_path(context, source, &id, policies, &split, notes)?;
    let policy_values = policy_values(&id, effects.values, &split.params, &mut notes.warnings);
    split.constants.extend(effects.constants);
    let (response, decoding) = responses::lower(source, &mut types);
    let paging = paging::paging(
        &response,
        &paging::Types {
            operation: &types.types,
            models: source.models,
        },
        operation.pageable.as_ref(),
    );
    notes.warnings.extend(
        types
            .warnings
            .drain(..)
            .map(|warning| format!("{id}: {warning}")),
    );
    let media = consumes(source);
    Ok(Operation {
        id,
        fn_name,
        method: source.method.to_ascii_uppercase(),
        path: source.path.to_owned(),
        path_parts,
        summary: operation.summary.clone(),
        description: operation.description.clone(),
        deprecated: operation.deprecated,
        tags: operation.tags.clone(),
        params: split.params,
        credential_headers,
        credential_queries,
        constants: split.constants,
        policy_values,
        raw_text_body: !media.is_empty() && !media.iter().any(|media| media.contains("json")),
        raw_body_media: media
            .iter()
            .find(|media| !media.contains("json") && !media.contains("form"))
            .cloned()
            .unwrap_or_else(|| "application/octet-stream".to_owned()),
        multipart: media
            .iter()
            .any(|media| media.starts_with("multipart/form-data")),
        response,
        decoding,
        paging,
        types: types.types,
        reexports: Vec::new(),
    })
}

/// The operation's parameters, sorted into those the caller gives and the fixed values of
/// internal parameters; parameters a credential replaces are left out.
struct Split {
    params: Vec<crate::ir::Parameter>,
    path_constants: Vec<(Constant, bool)>,
    constants: Vec<Constant>,
}

fn split_parameters(
    context: &Context,
    source: &Source<'_>,
    replaced: &[(&'static str, String)],
    types: &mut TypeBuilder,
) -> Result<Split, Error> {
    let mut names = Scope::with_reserved(params::RESERVED_PARAM_NAMES);
    let mut split = Split {
        params: Vec::new(),
        path_constants: Vec::new(),
        constants: Vec::new(),
    };
    for (parameter, path) in own_and_shared(context, source)? {
        let is_credential = replaced.iter().any(|(location, name)| {
            *location == parameter.location && name.eq_ignore_ascii_case(&parameter.name)
        });
        if is_credential {
            continue;
        }
        match hidden_constant(parameter) {
            Some((constant, double)) if constant.location == ParamLocation::Path => {
                split.path_constants.push((constant, double));
            }
            Some((constant, _)) => split.constants.push(constant),
            None => split
                .params
                .push(params::lower(context, parameter, types, &mut names, &path)?),
        }
    }
    order_path_parameters_first(source.path, &mut split.params);
    Ok(split)
}

/// The path a request goes to: the route of a `routerequesttoendpoint` policy when a client
/// can build it, else the declared path.
fn request_path(
    context: &Context,
    source: &Source<'_>,
    id: &str,
    policies: &Policies,
    split: &Split,
    notes: &mut Notes,
) -> Result<Vec<PathPart>, Error> {
    let (params, constants) = (&split.params, &split.path_constants);
    if let Some(route) = policies.routes.iter().find(|route| route.applies_to(id)) {
        match path::parts(context, source, &route.new_path, true, params, constants) {
            Ok(parts) => return Ok(parts),
            Err(error) => notes.warnings.push(format!(
                "{id}: the routerequesttoendpoint policy was not applied ({error}); the declared path is used"
            )),
        }
    }
    let declared = [TemplatePart::Text(source.path.to_owned())];
    path::parts(context, source, &declared, false, params, constants)
}

/// What the policies of `apiProperties.json` do to one operation.
#[derive(Debug, Default)]
struct PolicyEffects {
    credential_headers: Vec<CredentialHeader>,
    credential_params: Vec<String>,
    constants: Vec<Constant>,
    values: Vec<(ParamLocation, String, Vec<TemplatePart>)>,
}

/// Applies the `setheader` and `setqueryparameter` policies of the operation `id`:
/// constants; a header that carries a request header's value as `Authorization`, which makes
/// that header the credential; and values built from parameters and connection settings.
fn apply_policies(id: &str, policies: &Policies) -> PolicyEffects {
    let mut effects = PolicyEffects::default();
    for policy in policies
        .set_headers
        .iter()
        .filter(|policy| policy.applies_to(id))
    {
        let location = match policy.target {
            Target::Header => ParamLocation::Header,
            Target::Query => ParamLocation::Query,
        };
        let credential = (policy.target == Target::Header
            && policy.name.eq_ignore_ascii_case("authorization"))
        .then(|| credential(&policy.template))
        .flatten();
        match (policy.template.as_slice(), credential) {
            ([], _) => effects.constants.push(constant(location, &policy.name, "")),
            ([TemplatePart::Text(value)], _) => {
                effects
                    .constants
                    .push(constant(location, &policy.name, value))
            }
            (_, Some((prefix, parameter, suffix))) => {
                effects.credential_params.push(parameter);
                effects.credential_headers.push(CredentialHeader {
                    name: policy.name.clone(),
                    prefix,
                    suffix,
                });
            }
            (parts, None) => effects
                .values
                .push((location, policy.name.clone(), parts.to_vec())),
        }
    }
    effects
}

/// Resolves the parameters a policy value refers to; a value that refers to something the
/// operation does not have is left out with a warning.
fn policy_values(
    id: &str,
    values: Vec<(ParamLocation, String, Vec<TemplatePart>)>,
    params: &[crate::ir::Parameter],
    warnings: &mut Vec<String>,
) -> Vec<PolicyValue> {
    let find = |location: ParamLocation, name: &str| {
        params.iter().position(|param| {
            param.location == location
                && param.wire_name.eq_ignore_ascii_case(name)
                && param.ty == TypeRef::String
        })
    };
    let mut resolved = Vec::new();
    'values: for (location, name, template) in values {
        let mut parts = Vec::new();
        for part in template {
            parts.push(match part {
                TemplatePart::Text(text) => ValuePart::Text(text),
                TemplatePart::Connection { name, default } => ValuePart::Connection { name, default },
                TemplatePart::Header(param) | TemplatePart::Query(param) => {
                    let wanted = if text_is_header(&param, params) { ParamLocation::Header } else { ParamLocation::Query };
                    match find(wanted, &param) {
                        Some(index) => ValuePart::Param(index),
                        None => {
                            warnings.push(format!(
                                "{id}: the policy setting `{name}` uses `{param}`, which is not a text parameter of the operation; it was not applied"
                            ));
                            continue 'values;
                        }
                    }
                }
            });
        }
        resolved.push(PolicyValue {
            location,
            name,
            parts,
        });
    }
    resolved
}

/// Whether `name` is one of the operation's header parameters.
fn text_is_header(name: &str, params: &[crate::ir::Parameter]) -> bool {
    params.iter().any(|param| {
        param.location == ParamLocation::Header && param.wire_name.eq_ignore_ascii_case(name)
    })
}

/// The credential placements of an operation: the policies' headers, then its security
/// schemes' (a header the policies already set is not set twice). Also the parameters the
/// credential replaces, as `(in, name)`.
fn credentials(
    source: &Source<'_>,
    mut headers: Vec<CredentialHeader>,
    policy_params: Vec<String>,
    id: &str,
    notes: &mut Notes,
) -> (
    Vec<CredentialHeader>,
    Vec<String>,
    Vec<(&'static str, String)>,
) {
    let placement = security::placement(source.document, source.operation.security.as_deref());
    for header in placement.headers {
        if !headers
            .iter()
            .any(|known| known.name.eq_ignore_ascii_case(&header.name))
        {
            headers.push(header);
        }
    }
    notes.warnings.extend(
        placement
            .warnings
            .into_iter()
            .map(|warning| format!("{id}: {warning}")),
    );
    for description in placement.descriptions {
        if !notes.auth.contains(&description) {
            notes.auth.push(description);
        }
    }
    let mut replaced: Vec<(&'static str, String)> = policy_params
        .into_iter()
        .map(|name| ("header", name))
        .collect();
    replaced.extend(headers.iter().map(|header| ("header", header.name.clone())));
    replaced.extend(placement.queries.iter().map(|name| ("query", name.clone())));
    (headers, placement.queries, replaced)
}

/// What lowering tells the caller besides the operation.
#[derive(Debug, Default)]
pub struct Notes {
    /// Features that were not applied.
    pub warnings: Vec<String>,
    /// How callers authenticate, one sentence per scheme.
    pub auth: Vec<String>,
}

/// The operation's parameters followed by the path item's parameters it does not override,
/// with `#/parameters` references resolved.
fn own_and_shared<'a>(
    context: &Context,
    source: &Source<'a>,
) -> Result<Vec<(&'a swagger2::Parameter, JsonPath)>, Error> {
    let own = source.location.key("parameters");
    let shared = source.location.parent_key("parameters");
    let mut all = Vec::new();
    for (index, parameter) in source.operation.parameters.iter().enumerate() {
        all.push(resolve_parameter(
            context,
            source.document,
            parameter,
            own.index(index),
        )?);
    }
    for (index, parameter) in source.shared_parameters.iter().enumerate() {
        let (parameter, path) =
            resolve_parameter(context, source.document, parameter, shared.index(index))?;
        let overridden = all
            .iter()
            .any(|(own, _)| own.name == parameter.name && own.location == parameter.location);
        if !overridden {
            all.push((parameter, path));
        }
    }
    Ok(all)
}

/// The parameter itself, or the `#/parameters/<name>` it refers to, with its location.
fn resolve_parameter<'a>(
    context: &Context,
    document: &'a swagger2::Swagger,
    parameter: &'a swagger2::Parameter,
    path: JsonPath,
) -> Result<(&'a swagger2::Parameter, JsonPath), Error> {
    let Some(reference) = &parameter.reference else {
        return Ok((parameter, path));
    };
    let target = reference
        .strip_prefix("#/parameters/")
        .and_then(|name| Some((name, document.parameters.get(name)?)));
    match target {
        Some((name, target)) => Ok((target, JsonPath::root().key("parameters").key(name))),
        None => Err(context.invalid(
            &path.key("$ref"),
            &format!("`{reference}` does not name an entry of the file's `parameters`"),
        )),
    }
}

/// A header or query parameter with a fixed value.
fn constant(location: ParamLocation, name: &str, value: &str) -> Constant {
    Constant {
        location,
        wire_name: name.to_owned(),
        value: value.to_owned(),
    }
}

/// An `x-ms-visibility: internal` parameter with a default: sent automatically and not
/// shown to the caller. Body parameters stay caller-facing.
fn hidden_constant(parameter: &swagger2::Parameter) -> Option<(Constant, bool)> {
    if parameter.visibility.as_deref() != Some("internal") {
        return None;
    }
    let value = match parameter.simple.default.as_ref()? {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => return None,
        other @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_)) => other.to_string(),
        other => other.to_string(),
    };
    let location = match parameter.location.as_str() {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => ParamLocation::Header,
        "formData" => ParamLocation::FormData,
        _ => return None,
    };
    let double_encoded = parameter.url_encoding.as_deref() == Some("double");
    Some((
        Constant {
            location,
            wire_name: parameter.name.clone(),
            value,
        },
        double_encoded,
    ))
}

/// The media types the operation accepts.
fn consumes<'a>(source: &Source<'a>) -> &'a [String] {
    source
        .operation
        .consumes
        .as_deref()
        .unwrap_or(&source.document.consumes)
}

/// Moves path parameters to the front, in the order the path uses them, so required
/// arguments read like the path; the other parameters keep their declaration order.
fn order_path_parameters_first(path: &str, params: &mut [crate::ir::Parameter]) {
    params.sort_by_key(|param| match param.location {
        ParamLocation::Path => (
            0,
            path.find(&format!("{{{}}}", param.wire_name))
                .unwrap_or(usize::MAX),
        ),
        _ => (1, 0),
    });
}

/// A single `@headers('name')` with optional text around it.
fn credential(parts: &[TemplatePart]) -> Option<(String, String, String)> {
    let text = |part: Option<&TemplatePart>| match part {
        None => Some(String::new()),
        Some(TemplatePart::Text(text)) => Some(text.clone()),
        Some(_) => None,
    };
    let position = parts
        .iter()
        .position(|part| matches!(part, TemplatePart::Header(_)))?;
    let TemplatePart::Header(name) = &parts[position] else {
        return None;
    };
    if parts.len() > 3 || position > 1 || parts.len() > position + 2 {
        return None;
    }
    let prefix = if position == 1 {
        text(parts.first())?
    } else {
        String::new()
    };
    let suffix = text(parts.get(position + 1))?;
    Some((prefix, name.clone(), suffix))
}
