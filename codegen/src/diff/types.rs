//! Declared types: models, parameter enums, each operation's own types and re-exports.

use std::collections::BTreeMap;

use super::{Change, ChangeKind, Impact, change, field_text, type_text};
use crate::ir::{Api, EnumDef, Field, TypeDef, TypeKind, TypeRef, UnionDef};

/// A public item that names a type: its declaration, or a `pub use` of a shared one.
enum Declared<'a> {
    Type(&'a TypeDef),
    ReExport(String),
}

/// Every type users can name, by path, in declaration order.
fn declared(api: &Api) -> Vec<(String, Declared<'_>)> {
    let mut items: Vec<(String, Declared<'_>)> = Vec::new();
    for def in &api.models {
        items.push((format!("models::{}", def.name), Declared::Type(def)));
    }
    for def in &api.parameter_types {
        items.push((format!("parameters::{}", def.name), Declared::Type(def)));
    }
    for operation in &api.operations {
        let module = format!("operations::{}", operation.fn_name);
        for def in &operation.types {
            items.push((format!("{module}::{}", def.name), Declared::Type(def)));
        }
        for (local, shared) in &operation.reexports {
            items.push((
                format!("{module}::{local}"),
                Declared::ReExport(format!("parameters::{shared}")),
            ));
        }
    }
    items
}

/// The changes of types, in the new definition's order, then the removed ones.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let before: BTreeMap<String, Declared<'_>> = declared(old).into_iter().collect();
    let after = declared(new);
    // The types of a new operation come with it: its entry says so.
    let new_modules: Vec<String> = new
        .operations
        .iter()
        .filter(|operation| {
            !old.operations
                .iter()
                .any(|kept| kept.fn_name == operation.fn_name)
        })
        .map(|operation| format!("operations::{}::", operation.fn_name))
        .collect();
    let in_new_module = |path: &str| new_modules.iter().any(|module| path.starts_with(module));
    let mut changes = Vec::new();
    for (path, item) in &after {
        match (before.get(path), item) {
            (None, _) if in_new_module(path) => {}
            (None, _) => changes.push(change(
                path.clone(),
                ChangeKind::Added,
                "new type".to_owned(),
                Impact::Compatible,
            )),
            (Some(Declared::Type(old)), Declared::Type(after)) => {
                changes.extend(compare_type(path, old, after, new));
            }
            (Some(Declared::ReExport(old)), Declared::ReExport(new)) if old == new => {}
            (Some(_), _) => changes.push(change(
                path.clone(),
                ChangeKind::Changed,
                "now names a different type".to_owned(),
                Impact::Breaking,
            )),
        }
    }
    let old_modules: Vec<String> = old
        .operations
        .iter()
        .filter(|operation| {
            !new.operations
                .iter()
                .any(|kept| kept.fn_name == operation.fn_name)
        })
        .map(|operation| format!("operations::{}::", operation.fn_name))
        .collect();
    for path in before.keys() {
        let with_its_operation = old_modules.iter().any(|module| path.starts_with(module));
        if !with_its_operation && !after.iter().any(|(kept, _)| kept == path) {
            changes.push(change(
                path.clone(),
                ChangeKind::Removed,
                "the type is gone".to_owned(),
                Impact::Breaking,
            ));
        }
    }
    changes
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "an enum of values",
        TypeKind::Alias(_) => "a type alias",
        TypeKind::Responses(_) => "an enum of answers",
        TypeKind::Union(_) => "a union",
    }
}

/// The operation module a type path lies in (`operations::<module>::X`), or none.
fn module_of(path: &str) -> &str {
    path.strip_prefix("operations::")
        .and_then(|rest| rest.split_once("::"))
        .map_or("", |(module, _)| module)
}

/// What `ty`, spelled in `module` (empty for `models`), stands for in `api` once the shared
/// type aliases it names are followed. A type users wrote against the old crate still
/// compiles against the new one when it stands for what the new crate declares.
fn resolved(ty: &TypeRef, api: &Api, module: &str) -> TypeRef {
    fn follow(ty: &TypeRef, api: &Api, module: &str, depth: usize) -> TypeRef {
        let shared = match ty {
            TypeRef::Model(name) => Some(name),
            TypeRef::Named(name) if module.is_empty() => Some(name),
            TypeRef::Vec(item) => return TypeRef::Vec(Box::new(follow(item, api, module, depth))),
            TypeRef::Map(value) => {
                return TypeRef::Map(Box::new(follow(value, api, module, depth)));
            }
            TypeRef::Deferred(inner) => {
                return TypeRef::Deferred(Box::new(follow(inner, api, module, depth)));
            }
            _ => None,
        };
        match shared.and_then(|name| api.models.iter().find(|def| &def.name == name)) {
            // Aliases of aliases end; a cycle of them stops at a bound rather than loop.
            Some(TypeDef {
                kind: TypeKind::Alias(target),
                ..
            }) if depth < 32 => follow(target, api, "", depth + 1),
            Some(def) => TypeRef::Model(def.name.clone()),
            None => ty.clone(),
        }
    }
    follow(ty, api, module, 0)
}

/// [`field_text`] of the type `field` stands for in `api` (see [`resolved`]).
fn resolved_field_text(field: &Field, api: &Api, module: &str) -> String {
    let field = Field {
        ty: resolved(&field.ty, api, module),
        ..field.clone()
    };
    field_text(&field, module)
}

/// The struct a shared alias stands for in `api`, when it stands for one.
fn aliased_struct<'a>(target: &TypeRef, api: &'a Api) -> Option<(&'a TypeDef, &'a [Field])> {
    let TypeRef::Model(name) = resolved(target, api, "") else {
        return None;
    };
    let def = api.models.iter().find(|def| def.name == name)?;
    match &def.kind {
        TypeKind::Struct(fields) => Some((def, fields)),
        _ => None,
    }
}

fn compare_type(path: &str, old: &TypeDef, new: &TypeDef, new_api: &Api) -> Vec<Change> {
    let module = module_of(path);
    let changed =
        |detail: String, impact| change(path.to_owned(), ChangeKind::Changed, detail, impact);
    let mut changes = Vec::new();
    // A struct that became an alias can be sent and read as the type it stands for.
    let traits_of = match (&old.kind, &new.kind) {
        (TypeKind::Struct(_), TypeKind::Alias(target)) => {
            aliased_struct(target, new_api).map_or(new, |(def, _)| def)
        }
        _ => new,
    };
    for (trait_name, had, has) in [
        (
            "Serialize (it can be sent)",
            old.serialize,
            traits_of.serialize,
        ),
        (
            "Deserialize (it can be read)",
            old.deserialize,
            traits_of.deserialize,
        ),
    ] {
        match (had, has) {
            (true, false) => changes.push(changed(format!("loses {trait_name}"), Impact::Breaking)),
            (false, true) => {
                changes.push(changed(format!("gains {trait_name}"), Impact::Compatible))
            }
            _ => {}
        }
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(before), TypeKind::Struct(after)) => {
            changes.extend(compare_struct(path, (old, before), (new, after), new_api));
        }
        (TypeKind::Struct(before), TypeKind::Alias(target))
            if aliased_struct(target, new_api).is_some_and(|(def, after)| {
                let path = format!("models::{}", def.name);
                compare_struct(&path, (old, before), (def, after), new_api)
                    .iter()
                    .all(|change| change.impact != Impact::Breaking)
            }) =>
        {
            changes.push(changed(
                format!(
                    "is now another name for {}, which has every member it had",
                    type_text(target, module)
                ),
                Impact::Compatible,
            ));
        }
        (TypeKind::Enum(before), TypeKind::Enum(after)) => {
            changes.extend(compare_enum(path, before, after));
        }
        (TypeKind::Union(before), TypeKind::Union(after)) => {
            changes.extend(compare_union(path, before, after));
        }
        (TypeKind::Alias(before), TypeKind::Alias(after)) => {
            let same = resolved(before, new_api, module) == resolved(after, new_api, module);
            let (before, after) = (type_text(before, module), type_text(after, module));
            if before != after && !same {
                changes.push(changed(
                    format!("now stands for {after} instead of {before}"),
                    Impact::Breaking,
                ));
            }
        }
        (TypeKind::Responses(before), TypeKind::Responses(after)) => {
            let before: Vec<(String, Option<String>)> = before
                .iter()
                .map(|variant| {
                    (
                        variant.name.clone(),
                        variant.payload.as_ref().map(|ty| type_text(ty, module)),
                    )
                })
                .collect();
            let after: Vec<(String, Option<String>)> = after
                .iter()
                .map(|variant| {
                    (
                        variant.name.clone(),
                        variant.payload.as_ref().map(|ty| type_text(ty, module)),
                    )
                })
                .collect();
            changes.extend(compare_variants(path, &before, &after));
        }
        (before, after) => changes.push(changed(
            format!("changes from {} to {}", kind_name(before), kind_name(after)),
            Impact::Breaking,
        )),
    }
    changes
}

/// How callers build a request model: `new(required members)` or `Default`.
fn constructor(def: &TypeDef, fields: &[Field], module: &str) -> Option<String> {
    if !def.serialize {
        return None;
    }
    let required: Vec<String> = crate::emit::compact::constructor_arguments(fields)
        .iter()
        .map(|field| format!("{}: {}", field.rust_name, field_text(field, module)))
        .collect();
    Some(if required.is_empty() {
        "Default".to_owned()
    } else {
        format!("new({})", required.join(", "))
    })
}

fn compare_struct(
    path: &str,
    (old_def, old): (&TypeDef, &[Field]),
    (new_def, new): (&TypeDef, &[Field]),
    new_api: &Api,
) -> Vec<Change> {
    let module = module_of(path);
    let mut changes = Vec::new();
    if let (Some(before), Some(after)) = (
        constructor(old_def, old, module),
        constructor(new_def, new, module),
    ) && before != after
    {
        changes.push(change(
            path.to_owned(),
            ChangeKind::Changed,
            format!("is built with {after} instead of {before}"),
            Impact::Breaking,
        ));
    }
    let before: BTreeMap<&str, &Field> = old
        .iter()
        .map(|field| (field.rust_name.as_str(), field))
        .collect();
    for field in new {
        let item = format!("{path}.{}", field.rust_name);
        let ty = field_text(field, module);
        match before.get(field.rust_name.as_str()) {
            None => changes.push(change(
                item,
                ChangeKind::Added,
                format!("new member `{}: {ty}`", field.rust_name),
                Impact::Compatible,
            )),
            Some(previous)
                if resolved_field_text(previous, new_api, module)
                    != resolved_field_text(field, new_api, module) =>
            {
                changes.push(change(
                    item,
                    ChangeKind::Changed,
                    format!(
                        "the member's type changes from {} to {ty}",
                        field_text(previous, module)
                    ),
                    Impact::Breaking,
                ))
            }
            Some(_) => {}
        }
    }
    for field in old {
        if !new.iter().any(|kept| kept.rust_name == field.rust_name) {
            changes.push(change(
                format!("{path}.{}", field.rust_name),
                ChangeKind::Removed,
                "the member is gone".to_owned(),
                Impact::Breaking,
            ));
        }
    }
    changes
}

fn compare_enum(path: &str, old: &EnumDef, new: &EnumDef) -> Vec<Change> {
    let variants = |enumeration: &EnumDef| -> Vec<(String, Option<String>)> {
        let mut variants: Vec<(String, Option<String>)> = enumeration
            .variants
            .iter()
            .map(|variant| {
                (
                    variant.rust_name.clone(),
                    Some(format!("\"{}\"", variant.wire)),
                )
            })
            .collect();
        if let Some(catch_all) = &enumeration.catch_all {
            variants.push((catch_all.clone(), Some("String".to_owned())));
        }
        variants
    };
    compare_variants(path, &variants(old), &variants(new))
}

fn compare_union(path: &str, old: &UnionDef, new: &UnionDef) -> Vec<Change> {
    let module = module_of(path);
    let variants = |union: &UnionDef| -> Vec<(String, Option<String>)> {
        union
            .variants
            .iter()
            .map(|variant| (variant.name.clone(), Some(type_text(&variant.ty, module))))
            .collect()
    };
    let mut changes = compare_variants(path, &variants(old), &variants(new));
    if old.tag != new.tag {
        changes.push(change(
            path.to_owned(),
            ChangeKind::Changed,
            "tells its variants apart differently".to_owned(),
            Impact::Patch,
        ));
    }
    changes
}

/// Variants added (compatible: the enums are non-exhaustive), removed or changed (breaking).
fn compare_variants(
    path: &str,
    old: &[(String, Option<String>)],
    new: &[(String, Option<String>)],
) -> Vec<Change> {
    let before: BTreeMap<&str, &Option<String>> = old
        .iter()
        .map(|(name, payload)| (name.as_str(), payload))
        .collect();
    let mut changes = Vec::new();
    for (name, payload) in new {
        let item = format!("{path}::{name}");
        let shown = payload.as_deref().unwrap_or("no value");
        match before.get(name.as_str()) {
            None => changes.push(change(
                item,
                ChangeKind::Added,
                format!("new variant ({shown})"),
                Impact::Compatible,
            )),
            Some(previous) if *previous != payload => changes.push(change(
                item,
                ChangeKind::Changed,
                format!(
                    "the variant changes from {} to {shown}",
                    previous.as_deref().unwrap_or("no value")
                ),
                Impact::Breaking,
            )),
            Some(_) => {}
        }
    }
    for (name, _) in old {
        if !new.iter().any(|(kept, _)| kept == name) {
            changes.push(change(
                format!("{path}::{name}"),
                ChangeKind::Removed,
                "the variant is gone".to_owned(),
                Impact::Breaking,
            ));
        }
    }
    changes
}
