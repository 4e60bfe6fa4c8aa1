//! Members decoded on demand ([`Options::defer`](crate::Options::defer)): in structs that
//! only answers carry, a field whose JSON name is listed and whose type is structured (an
//! object, a list or a map) becomes `::connector_runtime::Deferred<T>`.
//!
//! Structs that requests carry keep their members as they are, so building a request never
//! needs JSON text, and so do the fields paging reads (the items and the way to the next
//! link). Runs after [`direction::mark`](super::direction::mark), which says which structs
//! requests carry.

use std::collections::BTreeSet;

use crate::ir::{Operation, TypeDef, TypeKind, TypeRef};

/// A struct field: the operation whose module declares the struct (`None` for `models`),
/// the struct's name and the field's Rust name.
type FieldKey = (Option<usize>, String, String);

/// Wraps the listed members of every answer-only struct in `Deferred`.
pub fn apply(models: &mut [TypeDef], operations: &mut [Operation], members: &[String]) {
    if members.is_empty() {
        return;
    }
    let kept = paging_fields(models, operations);
    let local = operations
        .iter_mut()
        .enumerate()
        .flat_map(|(index, operation)| {
            operation
                .types
                .iter_mut()
                .map(move |def| (Some(index), def))
        });
    for (scope, def) in models.iter_mut().map(|def| (None, def)).chain(local) {
        if def.serialize {
            continue;
        }
        let TypeKind::Struct(fields) = &mut def.kind else {
            continue;
        };
        for field in fields {
            let listed =
                !field.flatten && members.contains(&field.wire_name) && structured(&field.ty);
            if !listed || kept.contains(&(scope, def.name.clone(), field.rust_name.clone())) {
                continue;
            }
            let ty = std::mem::replace(&mut field.ty, TypeRef::Unit);
            field.ty = TypeRef::Deferred(Box::new(ty));
            // `Deferred` holds text, so a type that contains itself needs no box.
            field.boxed = false;
        }
    }
}

/// The fields the generated `Page` impls read: each pageable answer's items field, and
/// the fields leading to its next link.
fn paging_fields(models: &[TypeDef], operations: &[Operation]) -> BTreeSet<FieldKey> {
    let mut kept = BTreeSet::new();
    for (index, operation) in operations.iter().enumerate() {
        let Some(paging) = &operation.paging else {
            continue;
        };
        let mut at = declared(&operation.response, Some(index));
        if let Some((scope, name)) = &at {
            kept.insert((*scope, name.clone(), paging.items_field.clone()));
        }
        for (field, _) in &paging.next {
            let Some((scope, name)) = at else {
                break;
            };
            kept.insert((scope, name.clone(), field.clone()));
            let scope_types = match scope {
                Some(_) => &operation.types[..],
                None => models,
            };
            at = scope_types
                .iter()
                .find(|def| def.name == name)
                .and_then(|def| match &def.kind {
                    TypeKind::Struct(fields) => fields.iter().find(|f| &f.rust_name == field),
                    _ => None,
                })
                .and_then(|next| declared(&next.ty, scope));
        }
    }
    kept
}

/// Where the struct `ty` names is declared, when it is named in `scope` (an operation's
/// module, or `models` for `None`): a `Named` type in that same module, a `Model` in
/// `models`.
fn declared(ty: &TypeRef, scope: Option<usize>) -> Option<(Option<usize>, String)> {
    match ty {
        TypeRef::Named(name) => Some((scope, name.clone())),
        TypeRef::Model(name) => Some((None, name.clone())),
        _ => None,
    }
}

/// Whether decoding `ty` builds more than one value: an object, a list or a map.
fn structured(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Named(_) | TypeRef::Model(_) | TypeRef::Vec(_) | TypeRef::Map(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Field;

    fn field(wire_name: &str, ty: TypeRef) -> Field {
        Field {
            wire_name: wire_name.into(),
            rust_name: wire_name.into(),
            doc: None,
            ty,
            required: false,
            flatten: false,
            boxed: true,
            deprecated: false,
        }
    }

    fn model(name: &str, serialize: bool) -> TypeDef {
        TypeDef {
            name: name.into(),
            doc: None,
            kind: TypeKind::Struct(vec![
                field("relationships", TypeRef::Model("Links".into())),
                field("tags", TypeRef::Vec(Box::new(TypeRef::String))),
                field("name", TypeRef::String),
            ]),
            serialize,
            deserialize: true,
        }
    }

    fn types(def: &TypeDef) -> Vec<(&TypeRef, bool)> {
        let TypeKind::Struct(fields) = &def.kind else {
            panic!("a struct");
        };
        fields
            .iter()
            .map(|field| (&field.ty, field.boxed))
            .collect()
    }

    #[test]
    fn listed_structured_members_of_answers_are_deferred() {
        let mut models = vec![model("App", false), model("AppCreate", true)];
        let members = ["relationships".to_owned(), "name".to_owned()];
        apply(&mut models, &mut [], &members);
        let links = TypeRef::Deferred(Box::new(TypeRef::Model("Links".into())));
        let tags = TypeRef::Vec(Box::new(TypeRef::String));
        assert_eq!(
            types(&models[0]),
            [(&links, false), (&tags, true), (&TypeRef::String, true)],
            "the listed object is deferred; a listed string is not"
        );
        let links = TypeRef::Model("Links".into());
        assert_eq!(
            types(&models[1]),
            [(&links, true), (&tags, true), (&TypeRef::String, true)],
            "what requests carry is left alone"
        );
    }

    #[test]
    fn what_paging_reads_stays_typed() {
        let spec = serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "Gifts", "version": "1"},
            "paths": {"/gifts": {"get": {
                "operationId": "ListGifts",
                "x-ms-pageable": {"nextLinkName": "nextLink", "itemName": "value"},
                "responses": {"200": {"description": "ok", "schema": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "array", "items": {"$ref": "#/definitions/Gift"}},
                        "nextLink": {"type": "string"}
                    }
                }}}
            }}},
            "definitions": {"Gift": {"type": "object", "properties": {
                "id": {"type": "string"},
                "value": {"type": "object", "properties": {"amount": {"type": "number"}}}
            }}}
        });
        let options = crate::Options {
            defer: vec!["value".to_owned()],
            ..crate::Options::default()
        };
        let code = crate::generate_from_str_with(
            std::path::Path::new("gifts.json"),
            &spec.to_string(),
            None,
            &options,
        )
        .unwrap()
        .code;
        assert!(
            code.contains("\"value\" => pub value: Vec<super::super::models::Gift>,"),
            "the page's items stay a list: {code}"
        );
        assert!(
            code.contains(
                "\"value\" => pub value: Option<::connector_runtime::Deferred<GiftValue>>,"
            ),
            "a member of the same name elsewhere is deferred: {code}"
        );
    }

    #[test]
    fn nothing_is_deferred_by_default() {
        let mut models = vec![model("App", false)];
        let before = models.clone();
        apply(&mut models, &mut [], &[]);
        assert_eq!(models, before);
    }
}
