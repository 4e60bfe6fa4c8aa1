//! Inline types of the models that have the same shape as an earlier type become aliases
//! of it.
//!
//! Definitions repeat the same inline objects and enums many times (JSON:API relationships
//! and their `{type, id}` linkages, fixed `type` values). Each position keeps its name, so
//! paths in users' code never change, but only the first type of a shape is declared; the
//! others are type aliases of it, which cost the compiler next to nothing. A shape is the
//! kind of type, its documentation and its fields, values or variants, with the types
//! they name already reduced to their first of a shape. Named definitions themselves are
//! never made aliases: two definitions are two types even when they look alike.

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Makes every inline type (one whose name is not in `definitions`) whose shape an earlier
/// type has an alias of that type.
pub fn share(types: &mut [TypeDef], definitions: &HashSet<&str>) {
    let mut first_of_shape: HashMap<String, String> = HashMap::new();
    let mut alias_of: HashMap<String, String> = HashMap::new();
    for def in types.iter_mut() {
        reduce_kind(&mut def.kind, &alias_of);
        if matches!(def.kind, TypeKind::Alias(_) | TypeKind::Responses(_)) {
            continue;
        }
        let shape = format!("{:?}|{:?}", def.doc, def.kind);
        match first_of_shape.get(&shape) {
            Some(first) if !definitions.contains(def.name.as_str()) => {
                alias_of.insert(def.name.clone(), first.clone());
                def.doc = Some(format!("The same as [`{first}`]."));
                def.kind = TypeKind::Alias(TypeRef::Named(first.clone()));
            }
            Some(_) => {}
            None => {
                first_of_shape.insert(shape, def.name.clone());
            }
        }
    }
}

/// Replaces, in the types a declaration names, every alias made so far by its target.
fn reduce_kind(kind: &mut TypeKind, alias_of: &HashMap<String, String>) {
    match kind {
        TypeKind::Struct(fields) => {
            for field in fields {
                reduce(&mut field.ty, alias_of);
            }
        }
        TypeKind::Union(union) => {
            for variant in &mut union.variants {
                reduce(&mut variant.ty, alias_of);
            }
        }
        TypeKind::Alias(target) => reduce(target, alias_of),
        TypeKind::Enum(_) | TypeKind::Responses(_) => {}
    }
}

fn reduce(ty: &mut TypeRef, alias_of: &HashMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(first) = alias_of.get(name) {
                *name = first.clone();
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => reduce(inner, alias_of),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumDef, Field, Variant};

    fn one_value(name: &str, value: &str) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            doc: None,
            kind: TypeKind::Enum(EnumDef {
                variants: vec![Variant {
                    wire: value.to_owned(),
                    rust_name: crate::naming::variant(value),
                }],
                catch_all: Some("Unknown".to_owned()),
            }),
            serialize: true,
            deserialize: true,
        }
    }

    fn linkage(name: &str, kind: &str) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            doc: None,
            kind: TypeKind::Struct(vec![Field {
                wire_name: "type".to_owned(),
                rust_name: "r#type".to_owned(),
                doc: None,
                ty: TypeRef::Named(kind.to_owned()),
                required: true,
                flatten: false,
                boxed: false,
                deprecated: false,
            }]),
            serialize: true,
            deserialize: true,
        }
    }

    #[test]
    fn later_types_of_a_shape_become_aliases_of_the_first() {
        let mut types = vec![
            one_value("AppBuildsType", "builds"),
            linkage("AppBuildsData", "AppBuildsType"),
            one_value("VersionBuildsType", "builds"),
            linkage("VersionBuildsData", "VersionBuildsType"),
            one_value("VersionAppType", "apps"),
            linkage("Build", "VersionBuildsType"),
        ];
        share(&mut types, &HashSet::from(["Build"]));
        let kinds: Vec<String> = types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Alias(TypeRef::Named(target)) => format!("= {target}"),
                _ => "declared".to_owned(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "declared",
                "declared",
                "= AppBuildsType",
                "= AppBuildsData",
                "declared",
                "declared"
            ]
        );
        let TypeKind::Struct(fields) = &types[5].kind else {
            panic!("a definition stays a struct");
        };
        assert_eq!(fields[0].ty, TypeRef::Named("AppBuildsType".to_owned()));
    }
}
