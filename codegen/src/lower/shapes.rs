//! Inline types of the models that have the same shape as another type become aliases of
//! it.
//!
//! Definitions repeat the same inline objects and enums many times (JSON:API relationships
//! and their `{type, id}` linkages, fixed `type` values). Each position keeps its name, so
//! paths in users' code never change, but only one type of a shape is declared; the others
//! are type aliases of it, which cost the compiler next to nothing. A shape is the kind of
//! type, its documentation and its fields, values or variants, with the types they name
//! reduced to their shape. The type declared is a named definition of that shape if there
//! is one, else the inline type with the shortest name (the first of those in file order).
//! Named definitions themselves are never made aliases: two definitions are two types even
//! when they look alike.

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Makes every inline type (one whose name is not in `definitions`) that shares its shape
/// with the declared type of that shape an alias of it.
pub fn share(types: &mut [TypeDef], definitions: &HashSet<&str>) {
    let shapes = shapes(types);
    let mut declared: HashMap<usize, &str> = HashMap::new();
    for (def, shape) in types.iter().zip(&shapes) {
        let Some(shape) = shape else { continue };
        let better = |current: &str| {
            let (is_definition, current_is_definition) = (
                definitions.contains(def.name.as_str()),
                definitions.contains(current),
            );
            (!current_is_definition && is_definition)
                || (is_definition == current_is_definition && def.name.len() < current.len())
        };
        match declared.get(shape) {
            Some(current) if !better(current) => {}
            _ => {
                declared.insert(*shape, def.name.as_str());
            }
        }
    }
    let declared: HashMap<usize, String> = declared
        .into_iter()
        .map(|(shape, name)| (shape, name.to_owned()))
        .collect();
    let shape_of: HashMap<String, usize> = types
        .iter()
        .zip(&shapes)
        .filter_map(|(def, shape)| Some((def.name.clone(), (*shape)?)))
        .collect();
    for (def, shape) in types.iter_mut().zip(&shapes) {
        reduce_kind(&mut def.kind, &shape_of, &declared);
        let Some(target) = shape.and_then(|shape| declared.get(&shape)) else {
            continue;
        };
        if *target != def.name && !definitions.contains(def.name.as_str()) {
            def.doc = Some(format!("The same as [`{target}`]."));
            def.kind = TypeKind::Alias(TypeRef::Named(target.clone()));
        }
    }
}

/// The shape number of every struct, enum and union, in file order; `None` for the rest.
/// Children come before the types that hold them, so their shapes are known first.
fn shapes(types: &[TypeDef]) -> Vec<Option<usize>> {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut shape_of: HashMap<String, usize> = HashMap::new();
    types
        .iter()
        .map(|def| {
            if matches!(def.kind, TypeKind::Alias(_) | TypeKind::Responses(_)) {
                return None;
            }
            let mut kind = def.kind.clone();
            reduce_kind_to_numbers(&mut kind, &shape_of);
            let key = format!("{:?}|{kind:?}", def.doc);
            let next = numbers.len();
            let number = *numbers.entry(key).or_insert(next);
            shape_of.insert(def.name.clone(), number);
            Some(number)
        })
        .collect()
}

/// Names each type a declaration holds by its shape number, for comparing shapes.
fn reduce_kind_to_numbers(kind: &mut TypeKind, shape_of: &HashMap<String, usize>) {
    for_each_type(kind, &mut |ty| {
        if let TypeRef::Named(name) = ty
            && let Some(number) = shape_of.get(name)
        {
            *name = format!("#{number}");
        }
    });
}

/// Names each type a declaration holds by the declared type of its shape.
fn reduce_kind(
    kind: &mut TypeKind,
    shape_of: &HashMap<String, usize>,
    declared: &HashMap<usize, String>,
) {
    for_each_type(kind, &mut |ty| {
        if let TypeRef::Named(name) = ty
            && let Some(target) = shape_of.get(name).and_then(|shape| declared.get(shape))
        {
            name.clone_from(target);
        }
    });
}

/// Calls `visit` on every named type a declaration holds, inside lists and maps too.
fn for_each_type(kind: &mut TypeKind, visit: &mut impl FnMut(&mut TypeRef)) {
    fn walk(ty: &mut TypeRef, visit: &mut impl FnMut(&mut TypeRef)) {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Deferred(inner) => {
                walk(inner, visit);
            }
            other => visit(other),
        }
    }
    match kind {
        TypeKind::Struct(fields) => fields
            .iter_mut()
            .for_each(|field| walk(&mut field.ty, visit)),
        TypeKind::Union(union) => union
            .variants
            .iter_mut()
            .for_each(|variant| walk(&mut variant.ty, visit)),
        TypeKind::Alias(target) => walk(target, visit),
        TypeKind::Enum(_) | TypeKind::Responses(_) => {}
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

    fn kinds(types: &[TypeDef]) -> Vec<String> {
        types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Alias(TypeRef::Named(target)) => format!("= {target}"),
                _ => "declared".to_owned(),
            })
            .collect()
    }

    #[test]
    fn types_of_a_shape_become_aliases_of_the_shortest_named() {
        let mut types = vec![
            one_value("AppBuildsType", "builds"),
            linkage("AppBuildsData", "AppBuildsType"),
            one_value("VersionBuildsType", "builds"),
            linkage("VersionBuildsData", "VersionBuildsType"),
            one_value("BuildType", "builds"),
            one_value("VersionAppType", "apps"),
            linkage("Build", "VersionBuildsType"),
        ];
        share(&mut types, &HashSet::from(["Build"]));
        assert_eq!(
            kinds(&types),
            [
                "= BuildType",
                "= Build",
                "= BuildType",
                "= Build",
                "declared",
                "declared",
                "declared"
            ],
            "the definition `Build` has the linkages' shape, so it is the one declared"
        );
        let TypeKind::Struct(fields) = &types[6].kind else {
            panic!("a definition stays a struct");
        };
        assert_eq!(fields[0].ty, TypeRef::Named("BuildType".to_owned()));
    }

    #[test]
    fn a_definition_of_the_shape_is_the_one_declared() {
        let mut types = vec![
            one_value("Status", "on"),
            one_value("AStatus", "on"),
            one_value("S", "on"),
        ];
        share(&mut types, &HashSet::from(["AStatus"]));
        assert_eq!(kinds(&types), ["= AStatus", "declared", "= AStatus"]);
    }
}
