//! Which operations answer with a page that links to the next one: JSON:API documents
//! (`data` plus `links.next`) and `x-ms-pageable` operations (`value` plus a next-link
//! property, `@odata.nextLink` by default).

use serde_json::Value;

use crate::ir::{Field, Paging, TypeDef, TypeKind, TypeRef};

/// The paging of an operation whose body type is `body`; `pageable` is its `x-ms-pageable`.
pub fn paging(body: &TypeRef, types: &[TypeDef], pageable: Option<&Value>) -> Option<Paging> {
    let fields = struct_fields(body, types)?;
    match pageable {
        Some(pageable) => ms_pageable(fields, pageable),
        None => json_api(fields, types),
    }
}

fn struct_fields<'a>(ty: &TypeRef, types: &'a [TypeDef]) -> Option<&'a [Field]> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    types
        .iter()
        .find(|def| &def.name == name)
        .and_then(|def| match &def.kind {
            TypeKind::Struct(fields) => Some(fields.as_slice()),
            TypeKind::Enum(_) | TypeKind::Alias(_) | TypeKind::Responses(_) => None,
        })
}

fn field<'a>(fields: &'a [Field], wire: &str) -> Option<&'a Field> {
    fields.iter().find(|field| field.wire_name == wire)
}

/// `data` holds the items; `links.next` the next page.
fn json_api(fields: &[Field], types: &[TypeDef]) -> Option<Paging> {
    let data = field(fields, "data")?;
    let TypeRef::Vec(item) = &data.ty else {
        return None;
    };
    let links = field(fields, "links")?;
    let next = field(struct_fields(&links.ty, types)?, "next")?;
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
