//! The request path of an operation: its template split into literal text, parameters,
//! fixed values and connection settings.

use crate::Error;
use crate::error::JsonPath;
use crate::ir::{Constant, ParamLocation, Parameter, PathPart};
use crate::lower::Context;
use crate::lower::operation::Source;
use crate::lower::policies::TemplatePart;

/// Splits `template` (the declared path, or the `newPath` of a `routerequesttoendpoint`
/// policy when `routed`) into parts. Every path parameter must appear in a declared path; a
/// routed path may leave some out.
pub fn parts(
    context: &Context,
    source: &Source<'_>,
    template: &[TemplatePart],
    routed: bool,
    params: &[Parameter],
    constants: &[(Constant, bool)],
) -> Result<Vec<PathPart>, Error> {
    let mut parts = Vec::new();
    for piece in template {
        match piece {
            TemplatePart::Text(text) => {
                text_parts(context, source, text, params, constants, &mut parts)?
            }
            TemplatePart::Connection { name, default } => {
                parts.push(PathPart::Connection {
                    name: name.clone(),
                    default: default.clone(),
                });
            }
            TemplatePart::Header(name) | TemplatePart::Query(name) => {
                return Err(context.invalid(
                    &source.location,
                    &format!("the routed path refers to the request value `{name}`, which a path cannot take"),
                ));
            }
        }
    }
    if !routed {
        check_every_parameter_used(context, source, params, &parts)?;
    }
    Ok(parts)
}

/// Literal text with `{name}` placeholders for parameters and fixed values.
fn text_parts(
    context: &Context,
    source: &Source<'_>,
    text: &str,
    params: &[Parameter],
    constants: &[(Constant, bool)],
    parts: &mut Vec<PathPart>,
) -> Result<(), Error> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|close| open + close)
            .ok_or_else(|| {
                context.invalid(
                    &source.location.parent(),
                    "the path has a `{` without a closing `}`",
                )
            })?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        parts.push(placeholder(
            context,
            &source.location,
            &rest[open + 1..close],
            params,
            constants,
        )?);
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok(())
}

fn placeholder(
    context: &Context,
    location: &JsonPath,
    name: &str,
    params: &[Parameter],
    constants: &[(Constant, bool)],
) -> Result<PathPart, Error> {
    if let Some((constant, double_encoded)) = constants.iter().find(|(c, _)| c.wire_name == name) {
        return Ok(PathPart::Constant {
            value: constant.value.clone(),
            double_encoded: *double_encoded,
        });
    }
    params
        .iter()
        .position(|param| param.location == ParamLocation::Path && param.wire_name == name)
        .map(PathPart::Param)
        .ok_or_else(|| {
            context.invalid(
                &location.key("parameters"),
                &format!(
                    "the path uses `{{{name}}}` but no `in: path` parameter is named `{name}`"
                ),
            )
        })
}

fn check_every_parameter_used(
    context: &Context,
    source: &Source<'_>,
    params: &[Parameter],
    parts: &[PathPart],
) -> Result<(), Error> {
    for (index, param) in params.iter().enumerate() {
        if param.location == ParamLocation::Path && !parts.contains(&PathPart::Param(index)) {
            return Err(context.invalid(
                &source.location.key("parameters"),
                &format!(
                    "the path parameter `{}` does not appear in the path `{}`",
                    param.wire_name, source.path
                ),
            ));
        }
    }
    Ok(())
}
