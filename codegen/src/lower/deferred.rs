//! Members decoded on demand ([`Options::defer`](crate::Options::defer)): in structs that
//! only answers carry, a field whose JSON name is listed and whose type is structured (an
//! object, a list or a map) becomes `::connector_runtime::Deferred<T>`.
//!
//! Structs that requests carry keep their members as they are, so building a request never
//! needs JSON text. Runs after [`direction::mark`](super::direction::mark), which says
//! which structs those are.

use crate::ir::{Operation, TypeDef, TypeKind, TypeRef};

/// Wraps the listed members of every answer-only struct in `Deferred`.
pub fn apply(models: &mut [TypeDef], operations: &mut [Operation], members: &[String]) {
    if members.is_empty() {
        return;
    }
    let types = operations
        .iter_mut()
        .flat_map(|operation| operation.types.iter_mut());
    for def in models.iter_mut().chain(types) {
        if def.serialize {
            continue;
        }
        let TypeKind::Struct(fields) = &mut def.kind else {
            continue;
        };
        for field in fields {
            if !field.flatten && members.contains(&field.wire_name) && structured(&field.ty) {
                let ty = std::mem::replace(&mut field.ty, TypeRef::Unit);
                field.ty = TypeRef::Deferred(Box::new(ty));
                // `Deferred` holds text, so a type that contains itself needs no box.
                field.boxed = false;
            }
        }
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
    fn nothing_is_deferred_by_default() {
        let mut models = vec![model("App", false)];
        let before = models.clone();
        apply(&mut models, &mut [], &[]);
        assert_eq!(models, before);
    }
}
