//! Parameter enums shared between operations.
//!
//! Operations that take a parameter with the same name and the same values share one enum
//! in the `parameters` module; each operation's module re-exports it under the name it
//! would have had on its own (`operations::<op>::FieldsApps`), so that name never changes.
//!
//! The shared enum is named after the parameter (`fields[apps]` is `FieldsApps`). When the
//! definition uses one parameter name with different values, each set of values is named
//! after the parameter and the first operation, in name order, that takes it
//! (`SortAppsGetCollection`).

use std::collections::BTreeMap;

use crate::ir::{EnumDef, Operation, TypeDef, TypeKind, TypeRef};
use crate::lower::types::RESERVED_TYPE_NAMES;
use crate::naming::{self, Scope};

/// One set of values of one parameter name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    wire_name: String,
    values: Vec<String>,
}

/// Moves the closed enums of parameters out of the operations into shared types, and
/// returns those types sorted by name.
pub fn share_parameter_enums(operations: &mut [Operation]) -> Vec<TypeDef> {
    let uses = parameter_enums(operations);
    let mut first_user: BTreeMap<&Key, &str> = BTreeMap::new();
    let mut definitions: BTreeMap<&Key, &EnumDef> = BTreeMap::new();
    for (operation, _, key, def) in &uses {
        first_user
            .entry(key)
            .or_insert(operations[*operation].fn_name.as_str());
        definitions.entry(key).or_insert(def);
    }
    let names = shared_names(&first_user);
    let mut shared: Vec<TypeDef> = definitions
        .iter()
        .map(|(key, def)| TypeDef {
            name: names[*key].clone(),
            doc: Some(format!("The values of the `{}` parameter.", key.wire_name)),
            kind: TypeKind::Enum((*def).clone()),
            serialize: true,
            deserialize: true,
        })
        .collect();
    shared.sort_by(|a, b| a.name.cmp(&b.name));
    let moves: Vec<(usize, String, String)> = uses
        .iter()
        .map(|(operation, local, key, _)| (*operation, local.clone(), names[key].clone()))
        .collect();
    for (operation, local, canonical) in moves {
        let operation = &mut operations[operation];
        operation.types.retain(|def| def.name != local);
        operation.reexports.push((local, canonical));
    }
    for operation in operations.iter_mut() {
        operation.reexports.sort();
    }
    shared
}

/// Every closed enum that an operation declares for a parameter: the operation's index,
/// the enum's local name, its key and its definition.
fn parameter_enums(operations: &[Operation]) -> Vec<(usize, String, Key, EnumDef)> {
    let mut uses = Vec::new();
    for (index, operation) in operations.iter().enumerate() {
        for parameter in &operation.params {
            let Some(name) = enum_name(&parameter.ty) else {
                continue;
            };
            let def = operation.types.iter().find_map(|def| match &def.kind {
                TypeKind::Enum(enumeration)
                    if def.name == name && enumeration.catch_all.is_none() =>
                {
                    Some(enumeration)
                }
                _ => None,
            });
            if let Some(enumeration) = def {
                let key = Key {
                    wire_name: parameter.wire_name.clone(),
                    values: enumeration
                        .variants
                        .iter()
                        .map(|v| v.wire.clone())
                        .collect(),
                };
                uses.push((index, name.to_owned(), key, enumeration.clone()));
            }
        }
    }
    uses
}

/// The operation-module type a parameter's value is, or the item type of a list of them.
fn enum_name(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Vec(item) => match item.as_ref() {
            TypeRef::Named(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// The shared name of every key: the parameter's name, qualified by its first user when
/// the parameter name comes with several sets of values. Names that still collide are
/// numbered in the order of their keys.
fn shared_names(first_user: &BTreeMap<&Key, &str>) -> BTreeMap<Key, String> {
    let mut sets_per_name: BTreeMap<&str, usize> = BTreeMap::new();
    for key in first_user.keys() {
        *sets_per_name.entry(key.wire_name.as_str()).or_default() += 1;
    }
    let mut candidates: Vec<(String, &Key)> = first_user
        .iter()
        .map(|(key, user)| {
            let candidate = if sets_per_name[key.wire_name.as_str()] > 1 {
                naming::pascal(&format!("{} {user}", key.wire_name))
            } else {
                naming::pascal(&key.wire_name)
            };
            (candidate, *key)
        })
        .collect();
    candidates.sort();
    let mut scope = Scope::with_reserved(RESERVED_TYPE_NAMES);
    candidates
        .into_iter()
        .map(|(candidate, key)| (key.clone(), scope.claim(candidate)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Decoding, ParamLocation, Parameter, Variant};

    fn operation(fn_name: &str, parameters: &[(&str, &[&str])]) -> Operation {
        let mut params = Vec::new();
        let mut types = Vec::new();
        for (wire_name, values) in parameters {
            let name = naming::pascal(wire_name);
            params.push(Parameter {
                wire_name: (*wire_name).to_owned(),
                rust_name: naming::snake(wire_name),
                location: ParamLocation::Query,
                required: false,
                doc: None,
                ty: TypeRef::Vec(Box::new(TypeRef::Named(name.clone()))),
                constraints: Default::default(),
                double_encoded: false,
                explode: false,
                deprecated: false,
            });
            types.push(TypeDef {
                name,
                doc: None,
                kind: TypeKind::Enum(EnumDef {
                    variants: values
                        .iter()
                        .map(|wire| Variant {
                            wire: (*wire).to_owned(),
                            rust_name: naming::variant(wire),
                        })
                        .collect(),
                    catch_all: None,
                }),
                serialize: true,
                deserialize: true,
            });
        }
        Operation {
            id: fn_name.to_owned(),
            fn_name: fn_name.to_owned(),
            method: "GET".into(),
            path: "/".into(),
            path_parts: Vec::new(),
            summary: None,
            description: None,
            deprecated: false,
            tags: Vec::new(),
            params,
            credential_headers: Vec::new(),
            credential_queries: Vec::new(),
            constants: Vec::new(),
            multipart: false,
            raw_body_media: String::new(),
            raw_text_body: false,
            policy_values: Vec::new(),
            response: TypeRef::Unit,
            decoding: Decoding::Json,
            paging: None,
            types,
            reexports: Vec::new(),
        }
    }

    fn names(types: &[TypeDef]) -> Vec<&str> {
        types.iter().map(|def| def.name.as_str()).collect()
    }

    #[test]
    fn equal_values_share_one_enum_named_after_the_parameter() {
        let mut operations = [
            operation(
                "apps_get",
                &[("fields[apps]", &["name", "sku"]), ("sort", &["name"])],
            ),
            operation(
                "apps_list",
                &[("fields[apps]", &["name", "sku"]), ("sort", &["name"])],
            ),
        ];
        let shared = share_parameter_enums(&mut operations);
        assert_eq!(names(&shared), ["FieldsApps", "Sort"]);
        for operation in &operations {
            assert!(operation.types.is_empty());
            assert_eq!(
                operation.reexports,
                [
                    ("FieldsApps".to_owned(), "FieldsApps".to_owned()),
                    ("Sort".to_owned(), "Sort".to_owned())
                ]
            );
        }
    }

    #[test]
    fn different_values_are_named_after_their_first_operation() {
        let mut operations = [
            operation("apps_list", &[("sort", &["name", "-name"])]),
            operation("builds_list", &[("sort", &["version"])]),
            operation("builds_related", &[("sort", &["version"])]),
        ];
        let shared = share_parameter_enums(&mut operations);
        assert_eq!(names(&shared), ["SortAppsList", "SortBuildsList"]);
        assert_eq!(
            operations[2].reexports,
            [("Sort".to_owned(), "SortBuildsList".to_owned())]
        );
    }

    #[test]
    fn another_operation_with_the_same_values_changes_no_name() {
        let before = share_parameter_enums(&mut [
            operation("b_list", &[("include", &["app"])]),
            operation("c_list", &[("include", &["builds"])]),
        ]);
        let after = share_parameter_enums(&mut [
            operation("b_list", &[("include", &["app"])]),
            operation("c_list", &[("include", &["builds"])]),
            operation("d_list", &[("include", &["app"])]),
        ]);
        assert_eq!(names(&before), names(&after));
    }
}
