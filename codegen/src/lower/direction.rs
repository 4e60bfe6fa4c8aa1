//! Which structs are written as well as read.
//!
//! Every type is read (`Deserialize`): servers answer with it, and the operation table
//! reads request bodies from text. Only the structs a request body reaches are written
//! (`Serialize`), structs and unions alike; leaving the others out keeps the generated
//! crate quicker to compile.

use std::collections::BTreeSet;

use crate::ir::{Operation, ParamLocation, TypeDef, TypeKind, TypeRef};

/// The types of one module that requests reach, by name.
#[derive(Debug, Default)]
struct Reached {
    models: BTreeSet<String>,
    local: BTreeSet<String>,
}

/// Marks every struct that no request body reaches as read-only.
pub fn mark_written(models: &mut [TypeDef], operations: &mut [Operation]) {
    let mut reached_models = BTreeSet::new();
    for operation in operations.iter_mut() {
        let mut reached = Reached::default();
        for parameter in &operation.params {
            if matches!(
                parameter.location,
                ParamLocation::Body | ParamLocation::FormData
            ) {
                visit(&parameter.ty, false, &operation.types, models, &mut reached);
            }
        }
        mark(&mut operation.types, &reached.local);
        reached_models.extend(reached.models);
    }
    mark(models, &reached_models);
}

fn mark(types: &mut [TypeDef], reached: &BTreeSet<String>) {
    for def in types {
        if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) {
            def.serialize = reached.contains(&def.name);
        }
    }
}

/// Adds `ty` and everything it holds to `reached`; `in_models` says which module a
/// `Named` type is declared in.
fn visit(
    ty: &TypeRef,
    in_models: bool,
    local: &[TypeDef],
    models: &[TypeDef],
    reached: &mut Reached,
) {
    let (name, in_models) = match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => {
            return visit(inner, in_models, local, models, reached);
        }
        TypeRef::Named(name) => (name, in_models),
        TypeRef::Model(name) => (name, true),
        _ => return,
    };
    let (set, scope) = if in_models {
        (&mut reached.models, models)
    } else {
        (&mut reached.local, local)
    };
    if !set.insert(name.clone()) {
        return;
    }
    let Some(def) = scope.iter().find(|def| &def.name == name) else {
        return;
    };
    let held: Vec<&TypeRef> = match &def.kind {
        TypeKind::Struct(fields) => fields.iter().map(|field| &field.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
        TypeKind::Enum(_) | TypeKind::Responses(_) => Vec::new(),
    };
    for ty in held {
        visit(ty, in_models, local, models, reached);
    }
}
