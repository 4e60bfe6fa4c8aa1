//! Parameters to caller-facing arguments and setters.

use crate::error::JsonPath;
use crate::ir::{Constraints, ParamLocation, Parameter, TypeRef};
use crate::load::swagger2;
use crate::lower::Context;
use crate::lower::types::{Enums, TypeBuilder};
use crate::naming::Scope;
use crate::{Error, naming};

/// Method and field names of the generated request builder that a parameter cannot take.
pub const RESERVED_PARAM_NAMES: &[&str] = &[
    "client",
    "new",
    "build",
    "send",
    "options",
    "pages",
    "items",
    "collect_all",
];

/// Lowers one parameter; `names` keeps setter names unique within the operation.
pub fn lower(
    context: &Context,
    parameter: &swagger2::Parameter,
    types: &mut TypeBuilder,
    names: &mut Scope,
    path: &JsonPath,
) -> Result<Parameter, Error> {
    if parameter.name.is_empty() {
        return Err(context.invalid(path, "the parameter has no `name`"));
    }
    let location = match parameter.location.as_str() {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => ParamLocation::Header,
        "body" => return body(parameter, types, names, path),
        "formData" => ParamLocation::FormData,
        "" => {
            return Err(context.invalid(
                path,
                "the parameter has no `in` (path, query, header, body or formData)",
            ));
        }
        other => {
            return Err(context.invalid(
                path,
                &format!(
                    "`in: {other}` is not a parameter location (path, query, header, body or formData)"
                ),
            ));
        }
    };
    let simple = &parameter.simple;
    let ty = if simple.kind.as_deref() == Some("file") {
        TypeRef::Bytes
    } else {
        types.lower(simple, &parameter.name, Enums::Closed, path)
    };
    if let TypeRef::Named(name) = &ty {
        types.describe(
            name,
            &format!("The values of the {} parameter.", parameter.name),
        );
    }
    if matches!(ty, TypeRef::Json | TypeRef::Map(_)) {
        return Err(context.invalid(
            path,
            &format!(
                "a {} parameter must have a primitive `type`",
                parameter.location
            ),
        ));
    }
    let double_encoded = match parameter.url_encoding.as_deref() {
        None | Some("single") => false,
        Some("double") => true,
        Some(other) => {
            return Err(context.invalid(
                &path.key("x-ms-url-encoding"),
                &format!("`{other}` is not `single` or `double`"),
            ));
        }
    };
    let explode = parameter.collection_format.as_deref() == Some("multi")
        && matches!(ty, TypeRef::Vec(_))
        && location == ParamLocation::Query;
    Ok(Parameter {
        wire_name: parameter.name.clone(),
        rust_name: names.claim(naming::snake(&parameter.name)),
        location,
        required: parameter.required || location == ParamLocation::Path,
        doc: parameter_doc(parameter),
        ty,
        constraints: constraints(simple, types, &path.key("pattern")),
        double_encoded,
        explode,
        deprecated: simple.deprecated,
    })
}

/// A JSON body: its schema becomes `RequestBody` (or a model, for a `$ref`).
fn body(
    parameter: &swagger2::Parameter,
    types: &mut TypeBuilder,
    names: &mut Scope,
    path: &JsonPath,
) -> Result<Parameter, Error> {
    let schema = parameter.schema.as_ref().unwrap_or(&parameter.simple);
    let binary = schema.kind.as_deref() == Some("file")
        || (schema.kind.as_deref() == Some("string") && schema.format.as_deref() == Some("binary"));
    let ty = if binary {
        TypeRef::Bytes
    } else {
        types.lower_request_body(schema, &path.key("schema"))
    };
    Ok(Parameter {
        wire_name: parameter.name.clone(),
        rust_name: names.claim(naming::snake(&parameter.name)),
        location: ParamLocation::Body,
        required: parameter.required,
        doc: parameter_doc(parameter),
        ty,
        constraints: Constraints::default(),
        double_encoded: false,
        explode: false,
        deprecated: schema.deprecated,
    })
}

fn parameter_doc(parameter: &swagger2::Parameter) -> Option<String> {
    [&parameter.description, &parameter.summary]
        .into_iter()
        .flatten()
        .map(|text| text.trim())
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The bounds the client checks before sending. A `pattern` the client's regular
/// expressions cannot read (lookaround, backreferences) is left to the server, with a warning.
fn constraints(schema: &swagger2::Schema, types: &mut TypeBuilder, path: &JsonPath) -> Constraints {
    let pattern = schema.pattern.clone().filter(|pattern| {
        let readable = regex_lite::Regex::new(pattern);
        if let Err(reason) = &readable {
            types.warn(&format!(
                "at {path}: the pattern is not checked before sending, as the client cannot read it ({reason}); the server still checks it"
            ));
        }
        readable.is_ok()
    });
    Constraints {
        maximum: schema
            .maximum
            .clone()
            .map(|max| (max, schema.exclusive_maximum)),
        minimum: schema
            .minimum
            .clone()
            .map(|min| (min, schema.exclusive_minimum)),
        max_length: schema.max_length,
        min_length: schema.min_length,
        pattern,
        one_of: schema
            .allowed
            .iter()
            .flatten()
            .filter_map(|value| value.as_number().cloned())
            .collect(),
    }
}
