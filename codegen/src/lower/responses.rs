//! Success responses: one JSON type, text, bytes, or an enum over the statuses when they
//! carry different bodies.

use crate::error::JsonPath;
use crate::ir::{Decoding, StatusVariant, TypeDef, TypeKind, TypeRef};
use crate::load::swagger2::{Response, Schema};
use crate::lower::operation::Source;
use crate::lower::types::{Enums, TypeBuilder};
use crate::naming;

/// One success response with its status (0 for `default`) and location.
struct Success<'a> {
    status: u16,
    response: &'a Response,
    location: JsonPath,
}

/// The body type of the operation and how to decode it.
pub fn lower(source: &Source<'_>, types: &mut TypeBuilder) -> (TypeRef, Decoding) {
    let successes = successes(source, types);
    let media = produces(source);
    match successes.as_slice() {
        [] => (TypeRef::Unit, Decoding::Json),
        [one] => single(one, &media, types),
        [first, ..] => {
            let bodies: Vec<_> = successes
                .iter()
                .map(|s| s.response.schema.as_ref().map(|s| s.reference.clone()))
                .collect();
            let all_alike = bodies.iter().all(|body| *body == bodies[0])
                && schema_free_or_referenced(&successes);
            if all_alike {
                single(first, &media, types)
            } else {
                by_status(&successes, types)
            }
        }
    }
}

/// Whether every success has no schema or the same `$ref`, so one type serves them all.
fn schema_free_or_referenced(successes: &[Success<'_>]) -> bool {
    successes.iter().all(|s| {
        s.response
            .schema
            .as_ref()
            .is_none_or(|schema| schema.reference.is_some())
    })
}

/// The 2xx responses in status order, or `default` when there is none; references resolved.
fn successes<'a>(source: &Source<'a>, types: &mut TypeBuilder) -> Vec<Success<'a>> {
    let responses = &source.operation.responses;
    let mut found: Vec<(u16, &str, &Response)> = responses
        .iter()
        .filter_map(|(code, response)| {
            Some((
                code.parse::<u16>()
                    .ok()
                    .filter(|c| (200..300).contains(c))?,
                code.as_str(),
                response,
            ))
        })
        .collect();
    found.sort_by_key(|(status, _, _)| *status);
    if found.is_empty()
        && let Some(response) = responses.get("default")
    {
        found.push((0, "default", response));
    }
    found
        .into_iter()
        .filter_map(|(status, code, response)| {
            let location = source.location.key("responses").key(code);
            let response = resolve(source, response, &location, types)?;
            Some(Success {
                status,
                response,
                location,
            })
        })
        .collect()
}

fn resolve<'a>(
    source: &Source<'a>,
    response: &'a Response,
    location: &JsonPath,
    types: &mut TypeBuilder,
) -> Option<&'a Response> {
    let Some(name) = response
        .reference
        .as_deref()
        .and_then(|r| r.strip_prefix("#/responses/"))
    else {
        return Some(response);
    };
    let shared = source.document.responses.get(name);
    if shared.is_none() {
        types.warn(&format!(
            "at {location}: `#/responses/{name}` does not name an entry of the file's `responses`; the response is left out"
        ));
    }
    shared
}

/// The media types the operation produces.
fn produces(source: &Source<'_>) -> Vec<String> {
    source
        .operation
        .produces
        .clone()
        .unwrap_or_else(|| source.document.produces.clone())
}

fn is_binary(schema: &Schema) -> bool {
    schema.kind.as_deref() == Some("file")
        || (schema.kind.as_deref() == Some("string") && schema.format.as_deref() == Some("binary"))
}

/// One body type for the operation.
fn single(success: &Success<'_>, media: &[String], types: &mut TypeBuilder) -> (TypeRef, Decoding) {
    let Some(schema) = &success.response.schema else {
        return (TypeRef::Unit, Decoding::Json);
    };
    if is_binary(schema) {
        return (TypeRef::Bytes, Decoding::Bytes);
    }
    let structured =
        matches!(schema.kind.as_deref(), Some("object" | "array")) || schema.reference.is_some();
    let json = media.is_empty() || media.iter().any(|m| m.contains("json"));
    if !json && !structured {
        return if media.iter().any(|m| m.starts_with("text/")) {
            (TypeRef::String, Decoding::Text)
        } else {
            (TypeRef::Bytes, Decoding::Bytes)
        };
    }
    (
        types.lower_body(schema, Enums::Open, &success.location.key("schema")),
        Decoding::Json,
    )
}

/// `Body` as an enum with a variant per status.
fn by_status(successes: &[Success<'_>], types: &mut TypeBuilder) -> (TypeRef, Decoding) {
    let variants: Vec<StatusVariant> = successes
        .iter()
        .map(|success| {
            let name = variant_name(success.status);
            let payload = success.response.schema.as_ref().map(|schema| {
                if is_binary(schema) {
                    TypeRef::Bytes
                } else {
                    let root = format!("{name} body");
                    types.lower_root(
                        schema,
                        &root,
                        &naming::snake(&name),
                        &success.location.key("schema"),
                    )
                }
            });
            StatusVariant {
                status: success.status,
                name,
                payload,
            }
        })
        .collect();
    types.declare(TypeDef {
        name: "Body".to_owned(),
        doc: Some("The answer, by status: the statuses carry different bodies.".to_owned()),
        kind: TypeKind::Responses(variants.clone()),
        serialize: true,
        deserialize: true,
    });
    (
        TypeRef::Named("Body".to_owned()),
        Decoding::ByStatus(variants),
    )
}

/// `Ok` for 200, `Created` for 201, …, `Status299` for a status without a common name.
fn variant_name(status: u16) -> String {
    match status {
        0 => "Default".to_owned(),
        200 => "Ok".to_owned(),
        201 => "Created".to_owned(),
        202 => "Accepted".to_owned(),
        203 => "NonAuthoritative".to_owned(),
        204 => "NoContent".to_owned(),
        205 => "ResetContent".to_owned(),
        206 => "PartialContent".to_owned(),
        207 => "MultiStatus".to_owned(),
        other => format!("Status{other}"),
    }
}
