//! Type aliases that name themselves (`JToken = Vec<JToken>`): Rust cannot expand them, so
//! the reference that closes the cycle is kept as JSON.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Replaces, in each alias, the references that lead back to the alias itself (through
/// lists, maps and other aliases) with [`TypeRef::Json`], with a warning per alias.
pub fn break_cycles(types: &mut [TypeDef], warnings: &mut Vec<String>) {
    let aliases: HashMap<String, TypeRef> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(target) => Some((def.name.clone(), target.clone())),
            _ => None,
        })
        .collect();
    for def in types.iter_mut() {
        let name = def.name.clone();
        if let TypeKind::Alias(target) = &mut def.kind
            && cut(target, &name, &aliases, &mut Vec::new())
        {
            warnings.push(format!(
                "models: `{name}` is defined in terms of itself; the inner `{name}` is kept as JSON"
            ));
        }
    }
}

/// Cuts the references in `ty` that reach `owner`; returns whether it cut any. `seen` holds
/// the aliases being expanded, so other cycles end the walk.
fn cut(
    ty: &mut TypeRef,
    owner: &str,
    aliases: &HashMap<String, TypeRef>,
    seen: &mut Vec<String>,
) -> bool {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Deferred(inner) => {
            cut(inner, owner, aliases, seen)
        }
        TypeRef::Model(name) if reaches(name, owner, aliases, seen) => {
            *ty = TypeRef::Json;
            true
        }
        _ => false,
    }
}

/// Whether the alias `name`, expanded, names `owner`.
fn reaches(
    name: &str,
    owner: &str,
    aliases: &HashMap<String, TypeRef>,
    seen: &mut Vec<String>,
) -> bool {
    if name == owner {
        return true;
    }
    if seen.iter().any(|visited| visited == name) {
        return false;
    }
    let Some(target) = aliases.get(name) else {
        return false;
    };
    seen.push(name.to_owned());
    let found = mentions(target, owner, aliases, seen);
    seen.pop();
    found
}

fn mentions(
    ty: &TypeRef,
    owner: &str,
    aliases: &HashMap<String, TypeRef>,
    seen: &mut Vec<String>,
) -> bool {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Deferred(inner) => {
            mentions(inner, owner, aliases, seen)
        }
        TypeRef::Model(name) => reaches(name, owner, aliases, seen),
        _ => false,
    }
}
