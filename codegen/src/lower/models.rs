//! `#/definitions`: the shared `models` module, reference resolution and boxing of types
//! that contain themselves.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use indexmap::IndexMap;

use crate::error::JsonPath;
use crate::ir::{TypeDef, TypeKind, TypeRef};
use crate::load::swagger2::Schema;
use crate::lower::shapes;
use crate::lower::types::{Enums, RESERVED_TYPE_NAMES, TypeBuilder};
use crate::naming::{self, Scope};

const DEFINITIONS: &str = "#/definitions/";

/// The definitions of a document and the Rust names of their models.
#[derive(Debug, Default)]
pub struct Definitions {
    schemas: IndexMap<String, Schema>,
    names: HashMap<String, String>,
    taken: Scope,
    path: JsonPath,
}

impl Definitions {
    /// Names every definition, in file order; names that collide get a numeric suffix.
    /// `path` is where the definitions are in the file, for messages.
    pub fn new(schemas: &IndexMap<String, Schema>, path: JsonPath) -> Self {
        let mut taken = Scope::with_reserved(RESERVED_TYPE_NAMES);
        let names = schemas
            .keys()
            .map(|name| (name.clone(), taken.claim(naming::pascal(name))))
            .collect();
        Self {
            schemas: schemas.clone(),
            names,
            taken,
            path,
        }
    }

    /// The definition a `$ref` points at: its Rust name and schema.
    pub fn resolve(&self, reference: &str) -> Option<(&str, &Schema)> {
        let name = reference.strip_prefix(DEFINITIONS)?;
        let name = unescape_pointer(name);
        let schema = self.schemas.get(&name)?;
        Some((self.names.get(&name)?.as_str(), schema))
    }
}

/// Undoes JSON Pointer escaping (`~1` is `/`, `~0` is `~`) and percent-encoding of spaces.
fn unescape_pointer(token: &str) -> String {
    token
        .replace("~1", "/")
        .replace("~0", "~")
        .replace("%20", " ")
}

/// Lowers every definition into the `models` module.
pub fn lower(definitions: &Rc<Definitions>, warnings: &mut Vec<String>) -> Vec<TypeDef> {
    let mut builder = TypeBuilder::for_models(Rc::clone(definitions), definitions.taken.clone());
    for (name, schema) in &definitions.schemas {
        let rust_name = definitions.names[name].clone();
        let path = definitions.path.key(name);
        builder.lower_named(schema, rust_name, name, Enums::Open, &path);
    }
    warnings.extend(
        builder
            .warnings
            .drain(..)
            .map(|warning| format!("models: {warning}")),
    );
    let mut types = builder.types;
    let named: HashSet<&str> = definitions.names.values().map(String::as_str).collect();
    shapes::share(&mut types, &named);
    super::alias_cycles::break_cycles(&mut types, warnings);
    box_recursive_fields(&mut types);
    types
}

/// Boxes every field whose type contains, by value, the struct the field belongs to.
pub fn box_recursive_fields(types: &mut [TypeDef]) {
    let by_value: HashMap<String, Vec<String>> = types
        .iter()
        .map(|def| (def.name.clone(), by_value_targets(def)))
        .collect();
    for def in types.iter_mut() {
        let owner = def.name.clone();
        if let TypeKind::Struct(fields) = &mut def.kind {
            for field in fields.iter_mut() {
                if let Some(target) = by_value_name(&field.ty) {
                    field.boxed = reaches(&by_value, target, &owner);
                }
            }
        }
    }
}

/// The names of the types a definition holds by value (not behind a `Vec` or a map).
fn by_value_targets(def: &TypeDef) -> Vec<String> {
    match &def.kind {
        TypeKind::Struct(fields) => fields
            .iter()
            .filter_map(|field| by_value_name(&field.ty))
            .map(str::to_owned)
            .collect(),
        TypeKind::Alias(target) => by_value_name(target)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        TypeKind::Union(union) => union
            .variants
            .iter()
            .filter_map(|variant| by_value_name(&variant.ty))
            .map(str::to_owned)
            .collect(),
        TypeKind::Enum(_) | TypeKind::Responses(_) => Vec::new(),
    }
}

fn by_value_name(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) | TypeRef::Model(name) => Some(name),
        _ => None,
    }
}

/// Whether `goal` can be reached from `start` through by-value fields.
fn reaches(graph: &HashMap<String, Vec<String>>, start: &str, goal: &str) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        if name == goal {
            return true;
        }
        if seen.insert(name.clone()) {
            stack.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
    false
}
