//! Which structs and unions are written to JSON, read from JSON, or both.
//!
//! A type is written (`Serialize`) when a request body reaches it, and read
//! (`Deserialize`) when an answer reaches it, or, with the operation table, when a request
//! body does (the table reads bodies from text). Types no operation reaches are read.
//! Leaving out the impls no operation needs keeps large generated crates quicker to check.

use std::collections::BTreeSet;

use crate::ir::{Operation, ParamLocation, TypeDef, TypeKind, TypeRef};

/// The types one walk reaches: in the `models` module and in the operation's own.
#[derive(Debug, Default)]
pub struct Reached {
    /// Names in the `models` module.
    pub models: BTreeSet<String>,
    /// Names in the operation's module.
    pub local: BTreeSet<String>,
}

/// Sets `serialize` and `deserialize` on every struct and union.
pub fn mark(models: &mut [TypeDef], operations: &mut [Operation], operation_table: bool) {
    let (mut written_models, mut read_models) = (BTreeSet::new(), BTreeSet::new());
    for operation in operations.iter_mut() {
        let mut written = Reached::default();
        let mut read = Reached::default();
        for parameter in &operation.params {
            if matches!(
                parameter.location,
                ParamLocation::Body | ParamLocation::FormData
            ) {
                visit(&parameter.ty, false, &operation.types, models, &mut written);
            }
        }
        visit(
            &operation.response,
            false,
            &operation.types,
            models,
            &mut read,
        );
        if let TypeRef::Named(name) = &operation.response
            && let Some(def) = operation.types.iter().find(|def| &def.name == name)
            && let TypeKind::Responses(variants) = &def.kind
        {
            for payload in variants
                .iter()
                .filter_map(|variant| variant.payload.as_ref())
            {
                visit(payload, false, &operation.types, models, &mut read);
            }
        }
        if operation_table {
            read.local.extend(written.local.iter().cloned());
            read.models.extend(written.models.iter().cloned());
        }
        set(&mut operation.types, &written.local, &read.local);
        written_models.extend(written.models);
        read_models.extend(read.models);
    }
    set(models, &written_models, &read_models);
}

fn set(types: &mut [TypeDef], written: &BTreeSet<String>, read: &BTreeSet<String>) {
    for def in types {
        if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) {
            def.serialize = written.contains(&def.name);
            def.deserialize = read.contains(&def.name) || !def.serialize;
        }
    }
}

/// Adds `ty` and everything it holds to `reached`; `in_models` says which module a
/// `Named` type is declared in.
pub fn visit(
    ty: &TypeRef,
    in_models: bool,
    local: &[TypeDef],
    models: &[TypeDef],
    reached: &mut Reached,
) {
    let (name, in_models) = match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Deferred(inner) => {
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
    for ty in def.held() {
        visit(ty, in_models, local, models, reached);
    }
}
