//! Which operations answer with a page that links to the next one: JSON:API documents
//! (`data` plus `links.next`) and `x-ms-pageable` operations (`value` plus a next-link
//! property, `@odata.nextLink` by default).

use serde_json::Value;

use crate::ir::{Field, Paging, TypeDef, TypeKind, TypeRef};

/// The types a body's fields may name: the operation's own and the shared models.
#[derive(Debug, Clone, Copy)]
pub struct Types<'a> {
    /// The types of the operation's module.
    pub operation: &'a [TypeDef],
    /// The types of the `models` module.
    pub models: &'a [TypeDef],
}

/// The paging of an operation whose body type is `body`; `pageable` is its `x-ms-pageable`.
pub fn paging(body: &TypeRef, types: &Types<'_>, pageable: Option<&Value>) -> Option<Paging> {
    let found = struct_fields(body, types, false, 0)?;
    let mut paging = match pageable {
        Some(pageable) => ms_pageable(found.fields, pageable),
        None => json_api(&found, types),
    }?;
    if found.in_models {
        paging.item = in_models(&paging.item);
    }
    Some(paging)
}

/// How many aliases deep a body's type is followed (aliases may form a cycle).
const ALIAS_DEPTH: usize = 8;

/// The fields of a struct and whether it is a model (so that the types it names are
/// models too).
struct Found<'a> {
    fields: &'a [Field],
    in_models: bool,
}

/// The fields of the struct `ty` names, seen from the operation or from the models.
fn struct_fields<'a>(
    ty: &TypeRef,
    types: &Types<'a>,
    in_models: bool,
    depth: usize,
) -> Option<Found<'a>> {
    let (name, in_models) = match ty {
        TypeRef::Named(name) => (name, in_models),
        TypeRef::Model(name) => (name, true),
        _ => return None,
    };
    let scope = if in_models {
        types.models
    } else {
        types.operation
    };
    let def = scope.iter().find(|def| &def.name == name)?;
    match &def.kind {
        TypeKind::Struct(fields) => Some(Found { fields, in_models }),
        TypeKind::Alias(target) if depth < ALIAS_DEPTH => {
            struct_fields(target, types, in_models, depth + 1)
        }
        TypeKind::Enum(_) | TypeKind::Alias(_) | TypeKind::Responses(_) | TypeKind::Union(_) => {
            None
        }
    }
}

/// A type named inside the models, as the operation names it.
fn in_models(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Named(name) => TypeRef::Model(name.clone()),
        TypeRef::Vec(item) => TypeRef::Vec(Box::new(in_models(item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(in_models(value))),
        TypeRef::Deferred(inner) => TypeRef::Deferred(Box::new(in_models(inner))),
        other => other.clone(),
    }
}

fn field<'a>(fields: &'a [Field], wire: &str) -> Option<&'a Field> {
    fields.iter().find(|field| field.wire_name == wire)
}

/// `data` holds the items; `links.next` the next page.
fn json_api(found: &Found<'_>, types: &Types<'_>) -> Option<Paging> {
    let data = field(found.fields, "data")?;
    let TypeRef::Vec(item) = &data.ty else {
        return None;
    };
    let links = field(found.fields, "links")?;
    let link_fields = struct_fields(&links.ty, types, found.in_models, 0)?;
    let next = field(link_fields.fields, "next")?;
    (next.ty == TypeRef::String).then(|| Paging {
        item: (**item).clone(),
        items_field: data.rust_name.clone(),
        next: vec![
            (links.rust_name.clone(), links.required),
            (next.rust_name.clone(), next.required),
        ],
    })
}

/// `x-ms-pageable`: `itemName` (default `value`) holds the items, `nextLinkName` the next
/// page; a `null` next-link name means the operation does not page.
fn ms_pageable(fields: &[Field], pageable: &Value) -> Option<Paging> {
    let next_name = pageable
        .get("nextLinkName")
        .map_or(Some("@odata.nextLink"), Value::as_str)?;
    let item_name = pageable
        .get("itemName")
        .and_then(Value::as_str)
        .unwrap_or("value");
    let items = field(fields, item_name)?;
    let TypeRef::Vec(item) = &items.ty else {
        return None;
    };
    let next = field(fields, next_name)?;
    (next.ty == TypeRef::String).then(|| Paging {
        item: (**item).clone(),
        items_field: items.rust_name.clone(),
        next: vec![(next.rust_name.clone(), next.required)],
    })
}
