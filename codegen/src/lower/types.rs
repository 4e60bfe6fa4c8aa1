//! Inline schemas to Rust types, named from their position so names stay stable.
//!
//! The body of an operation's response is `Body`; a property `data` of it is `Data`, whose
//! property `attributes` is `DataAttributes`, and so on. Array items take the array's name.
//! Names only depend on the path inside one operation, so adding an operation never renames
//! the types of another.

use std::rc::Rc;

use serde_json::Value;

use crate::error::JsonPath;
use crate::ir::{EnumDef, Field, TypeDef, TypeKind, TypeRef, UnionDef, Variant};
use crate::load::swagger2::Schema;
use crate::lower::models::Definitions;
use crate::lower::unions;
use crate::naming::{self, Scope};

/// Names the generated code relies on; a type derived from the definition never takes them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Request",
    "Parameters",
    "Body",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "ToString",
    "ToOwned",
    "Iterator",
    "Fn",
    "Drop",
];

/// Collects the types declared in one operation's module, or in the `models` module.
#[derive(Debug)]
pub struct TypeBuilder {
    names: Scope,
    definitions: Rc<Definitions>,
    /// The declared types, in the order they were first met.
    pub types: Vec<TypeDef>,
    /// Things that could not be represented exactly.
    pub warnings: Vec<String>,
}

/// How the enums met while lowering treat values the definition does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enums {
    /// Values sent by the caller: only the listed ones.
    Closed,
    /// Values read from a server: unknown ones are kept.
    Open,
}

impl Default for TypeBuilder {
    fn default() -> Self {
        Self::for_operation(Rc::default())
    }
}

/// How deeply `allOf` may nest before the generator gives up on it (it may be cyclic).
const ALL_OF_DEPTH: usize = 16;

impl TypeBuilder {
    /// A builder for one operation's module, resolving references against `definitions`.
    pub fn for_operation(definitions: Rc<Definitions>) -> Self {
        Self {
            names: Scope::with_reserved(RESERVED_TYPE_NAMES),
            definitions,
            types: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A builder for the `models` module, where `taken` already holds the models' names.
    pub fn for_models(definitions: Rc<Definitions>, taken: Scope) -> Self {
        Self {
            names: taken,
            definitions,
            types: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Claims a type name derived from `hint` (space-separated wire words).
    pub fn claim(&mut self, hint: &str) -> String {
        self.names.claim(naming::pascal(hint))
    }

    /// The Rust type for `schema`; `hint` names any type it declares.
    pub fn lower(&mut self, schema: &Schema, hint: &str, enums: Enums, path: &JsonPath) -> TypeRef {
        if let Some(reference) = &schema.reference {
            return self.reference(reference, path);
        }
        if !schema.all_of.is_empty() {
            let merged = self.merge_all_of(schema, path, 0);
            return self.lower(&merged, hint, enums, path);
        }
        if !schema.one_of.is_empty() {
            return self.union(schema, None, hint, enums, path);
        }
        if let Some(strings) = schema.allowed.as_deref().and_then(string_values) {
            let name = self.claim(hint);
            return self.string_enum(schema, strings, name, enums);
        }
        match schema.kind.as_deref() {
            Some("string") => TypeRef::String,
            Some("boolean") => TypeRef::Boolean,
            Some("integer") => match schema.format.as_deref() {
                Some("int32") => TypeRef::I32,
                _ => TypeRef::I64,
            },
            Some("number") => match schema.format.as_deref() {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Some("array") => match &schema.items {
                Some(items) => {
                    TypeRef::Vec(Box::new(self.lower(items, hint, enums, &path.key("items"))))
                }
                None => TypeRef::Vec(Box::new(TypeRef::Json)),
            },
            Some("object") | None if !schema.properties.is_empty() => {
                let name = self.claim(hint);
                self.object(schema, name, hint, enums, path)
            }
            Some("object") | None => match self.additional(schema, hint, enums, path) {
                Some(value) => TypeRef::Map(Box::new(value)),
                None => TypeRef::Json,
            },
            Some(other) => {
                self.warnings.push(format!(
                    "at {path}: type `{other}` is not supported; the value is kept as JSON"
                ));
                TypeRef::Json
            }
        }
    }

    /// Records something the generator could not represent exactly.
    pub fn warn(&mut self, warning: &str) {
        self.warnings.push(warning.to_owned());
    }

    /// Sets the documentation of the declared type `name` when the definition gave none.
    pub fn describe(&mut self, name: &str, doc: &str) {
        if let Some(def) = self
            .types
            .iter_mut()
            .find(|def| def.name == name && def.doc.is_none())
        {
            def.doc = Some(doc.to_owned());
        }
    }

    /// The type of a whole body: an object is `Body` and its properties are named without a
    /// prefix (`Data`, `Links`); anything else is lowered with the hint `item`.
    pub fn lower_body(&mut self, schema: &Schema, enums: Enums, path: &JsonPath) -> TypeRef {
        if schema.reference.is_some() || !schema.all_of.is_empty() {
            return self.lower(schema, "item", enums, path);
        }
        let is_object = matches!(schema.kind.as_deref(), Some("object") | None);
        if is_object && !schema.properties.is_empty() && schema.allowed.is_none() {
            self.object(schema, "Body".to_owned(), "", enums, path)
        } else {
            self.lower(schema, "item", enums, path)
        }
    }

    /// The type of one of several bodies: named from `root` (an object) or `root` words
    /// (anything else), with the types inside prefixed by `prefix`.
    pub fn lower_root(
        &mut self,
        schema: &Schema,
        root: &str,
        prefix: &str,
        path: &JsonPath,
    ) -> TypeRef {
        let is_object = matches!(schema.kind.as_deref(), Some("object") | None);
        let plain =
            schema.reference.is_none() && schema.all_of.is_empty() && schema.allowed.is_none();
        if plain && is_object && !schema.properties.is_empty() {
            let name = self.claim(root);
            self.object(schema, name, prefix, Enums::Open, path)
        } else {
            self.lower(schema, root, Enums::Open, path)
        }
    }

    /// Adds a type the caller built (its name must be reserved or claimed).
    pub fn declare(&mut self, def: TypeDef) {
        self.types.push(def);
    }

    fn object(
        &mut self,
        schema: &Schema,
        name: String,
        hint: &str,
        enums: Enums,
        path: &JsonPath,
    ) -> TypeRef {
        let required = schema.required_names();
        let mut field_names = Scope::default();
        let properties = path.key("properties");
        let mut fields: Vec<Field> = schema
            .properties
            .iter()
            .map(|(wire_name, property)| {
                let child = format!("{hint} {wire_name}");
                let ty = self.lower(property, &child, enums, &properties.key(wire_name));
                Field {
                    wire_name: wire_name.clone(),
                    rust_name: field_names.claim(naming::snake(wire_name)),
                    doc: doc(property),
                    ty,
                    required: required.contains(&wire_name.as_str()) && !property.nullable,
                    flatten: false,
                    boxed: false,
                    deprecated: property.deprecated,
                }
            })
            .collect();
        if let Some(value) = self.additional(schema, &format!("{hint} additional"), enums, path) {
            fields.push(Field {
                wire_name: "additionalProperties".to_owned(),
                rust_name: field_names.claim("additional_properties".to_owned()),
                doc: Some("Properties the definition does not declare.".to_owned()),
                ty: TypeRef::Map(Box::new(value)),
                required: false,
                flatten: true,
                boxed: false,
                deprecated: false,
            });
        }
        self.types.push(TypeDef {
            name: name.clone(),
            doc: doc(schema),
            kind: TypeKind::Struct(fields),
            serialize: true,
            deserialize: true,
        });
        TypeRef::Named(name)
    }

    /// The type of a request body: an object is `RequestBody` and the types inside it are
    /// prefixed `Request`; a `$ref` is its model.
    pub fn lower_request_body(&mut self, schema: &Schema, path: &JsonPath) -> TypeRef {
        self.lower_root(schema, "request body", "request", path)
    }

    /// Lowers a definition under its model name: structs and enums take the name, anything
    /// else becomes a type alias.
    pub fn lower_named(
        &mut self,
        schema: &Schema,
        name: String,
        hint: &str,
        enums: Enums,
        path: &JsonPath,
    ) {
        let merged;
        let schema = if schema.all_of.is_empty() || schema.reference.is_some() {
            schema
        } else {
            merged = self.merge_all_of(schema, path, 0);
            &merged
        };
        let is_object = matches!(schema.kind.as_deref(), Some("object") | None);
        if schema.reference.is_none() {
            if let Some(strings) = schema.allowed.as_deref().and_then(string_values) {
                self.string_enum(schema, strings, name, enums);
                return;
            }
            if is_object && !schema.properties.is_empty() {
                self.object(schema, name, hint, enums, path);
                return;
            }
            if schema.one_of.len() > 1 {
                self.union(schema, Some(name), hint, enums, path);
                return;
            }
        }
        let target = self.lower(schema, hint, enums, path);
        self.types.push(TypeDef {
            name,
            doc: doc(schema),
            kind: TypeKind::Alias(target),
            serialize: true,
            deserialize: true,
        });
    }

    /// A `oneOf`: the single variant's type, or a union told apart by a tag or by shape,
    /// declared under `name` when given and otherwise under a name claimed from `hint`.
    fn union(
        &mut self,
        schema: &Schema,
        name: Option<String>,
        hint: &str,
        enums: Enums,
        path: &JsonPath,
    ) -> TypeRef {
        if let [only] = schema.one_of.as_slice() {
            return self.lower(only, hint, enums, &path.key("oneOf").index(0));
        }
        let name = name.unwrap_or_else(|| self.claim(hint));
        let definitions = Rc::clone(&self.definitions);
        let candidates: Vec<unions::Candidate<'_>> = schema
            .one_of
            .iter()
            .enumerate()
            .map(|(index, variant)| {
                let word = variant
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("option {}", index + 1));
                let ty = self.lower(
                    variant,
                    &format!("{hint} {word}"),
                    enums,
                    &path.key("oneOf").index(index),
                );
                let reference = variant.reference.as_deref();
                let resolved = reference
                    .and_then(|reference| definitions.resolve(reference))
                    .map_or(variant, |(_, target)| target);
                unions::Candidate {
                    ty,
                    schema: resolved,
                    reference,
                }
            })
            .collect();
        let mut variant_names = Scope::with_reserved(&["Unknown"]);
        let names: Vec<String> = candidates
            .iter()
            .map(|candidate| {
                variant_names.claim(naming::pascal(&unions::variant_name(&candidate.ty)))
            })
            .collect();
        let tags = unions::tags(schema, &candidates);
        let (kept, notes) = match &tags {
            Some((_, values)) => unions::keep_one_per_tag(values, &candidates, &names),
            None => ((0..candidates.len()).collect(), Vec::new()),
        };
        let variants = unions::variants(
            &kept,
            &candidates,
            &names,
            tags.as_ref().map(|(_, values)| values.as_slice()),
        );
        let mut text = doc(schema).unwrap_or_else(|| match &tags {
            Some((property, _)) => {
                format!("One of several values, told apart by their `{property}`.")
            }
            None => "One of several values: the first that fits is taken.".to_owned(),
        });
        for note in notes {
            text.push('\n');
            text.push_str(&note);
        }
        self.types.push(TypeDef {
            name: name.clone(),
            doc: Some(text),
            kind: TypeKind::Union(UnionDef {
                tag: tags.map(|(property, _)| property),
                variants,
                catch_all: "Unknown".to_owned(),
            }),
            serialize: true,
            deserialize: true,
        });
        TypeRef::Named(name)
    }

    /// The model a `$ref` names, or JSON with a warning when it names nothing known.
    fn reference(&mut self, reference: &str, path: &JsonPath) -> TypeRef {
        match self.definitions.resolve(reference) {
            Some((name, _)) => TypeRef::Model(name.to_owned()),
            None => {
                self.warnings.push(format!(
                    "at {path}: `$ref: {reference}` does not name a definition of this file; the value is kept as JSON"
                ));
                TypeRef::Json
            }
        }
    }

    /// One schema with the properties and required names of every `allOf` part.
    fn merge_all_of(&mut self, schema: &Schema, path: &JsonPath, depth: usize) -> Schema {
        let mut merged = Schema {
            all_of: Vec::new(),
            ..schema.clone()
        };
        for (index, part) in schema.all_of.iter().enumerate() {
            let part_path = path.key("allOf").index(index);
            let resolved = match &part.reference {
                Some(reference) => match self.definitions.resolve(reference) {
                    Some((_, target)) => target.clone(),
                    None => {
                        self.warnings.push(format!("at {part_path}: `$ref: {reference}` does not name a definition; the part is left out"));
                        continue;
                    }
                },
                None => part.clone(),
            };
            let resolved = if resolved.all_of.is_empty() {
                resolved
            } else if depth < ALL_OF_DEPTH {
                self.merge_all_of(&resolved, &part_path, depth + 1)
            } else {
                self.warnings.push(format!(
                    "at {part_path}: `allOf` nests too deeply (is it cyclic?); the part is left out"
                ));
                continue;
            };
            let mut required: Vec<Value> = match merged.required.take() {
                Some(Value::Array(names)) => names,
                _ => Vec::new(),
            };
            required.extend(
                resolved
                    .required_names()
                    .into_iter()
                    .map(|n| Value::String(n.to_owned())),
            );
            for (name, property) in resolved.properties {
                merged.properties.entry(name).or_insert(property);
            }
            merged.required = Some(Value::Array(required));
            merged.kind = merged.kind.or(resolved.kind);
            merged.description = merged.description.or(resolved.description);
            merged.additional_properties = merged
                .additional_properties
                .or(resolved.additional_properties);
        }
        merged
    }

    /// The type of undeclared properties, when `additionalProperties` allows them.
    fn additional(
        &mut self,
        schema: &Schema,
        hint: &str,
        enums: Enums,
        path: &JsonPath,
    ) -> Option<TypeRef> {
        if let Some(inner) = &schema.additional_schema {
            let path = path.key("additionalProperties");
            return Some(self.lower(inner, hint, enums, &path));
        }
        match schema.additional_properties.as_ref()? {
            Value::Bool(true) => Some(TypeRef::Json),
            Value::Object(map) if map.is_empty() => Some(TypeRef::Json),
            value @ Value::Object(_) => {
                let path = path.key("additionalProperties");
                match serde_json::from_value::<Schema>(value.clone()) {
                    Ok(inner) => Some(self.lower(&inner, hint, enums, &path)),
                    Err(error) => {
                        self.warnings
                            .push(format!("at {path}: {error}; the values are kept as JSON"));
                        Some(TypeRef::Json)
                    }
                }
            }
            _ => None,
        }
    }

    fn string_enum(
        &mut self,
        schema: &Schema,
        values: Vec<String>,
        name: String,
        enums: Enums,
    ) -> TypeRef {
        let mut variant_names = Scope::default();
        let catch_all = (enums == Enums::Open).then(|| variant_names.claim("Unknown".to_owned()));
        let mut seen = Vec::new();
        let variants = values
            .into_iter()
            .filter(|value| {
                let first = !seen.contains(value);
                seen.push(value.clone());
                first
            })
            .map(|wire| Variant {
                rust_name: variant_names.claim(naming::variant(&wire)),
                wire,
            })
            .collect();
        self.types.push(TypeDef {
            name: name.clone(),
            doc: doc(schema),
            kind: TypeKind::Enum(EnumDef {
                variants,
                catch_all,
            }),
            serialize: true,
            deserialize: true,
        });
        TypeRef::Named(name)
    }
}

/// The values of an enum when every one of them is a string.
fn string_values(values: &[Value]) -> Option<Vec<String>> {
    if values.is_empty() {
        return None;
    }
    values
        .iter()
        .map(|value| value.as_str().map(str::to_owned))
        .collect()
}

/// The documentation of a schema: its description, else its title or summary.
pub fn doc(schema: &Schema) -> Option<String> {
    [&schema.description, &schema.title, &schema.summary]
        .into_iter()
        .flatten()
        .map(|text| text.trim())
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(value: Value) -> Schema {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn nested_objects_are_named_by_their_path() {
        let body = schema(serde_json::json!({
            "type": "object",
            "properties": {
                "data": {"type": "array", "items": {"type": "object", "properties": {
                    "attributes": {"type": "object", "properties": {"name": {"type": "string"}}},
                    "self": {"type": "object", "properties": {"href": {"type": "string"}}}
                }}},
                "meta": {"type": "object", "required": ["total"], "properties": {
                    "total": {"type": "integer", "format": "int32"}}}
            }
        }));
        let mut builder = TypeBuilder::default();
        let root = builder.lower_body(&body, Enums::Open, &JsonPath::root());
        assert_eq!(root, TypeRef::Named("Body".into()));
        let names: Vec<_> = builder.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["DataAttributes", "DataSelf", "Data", "Meta", "Body"]
        );
        let nested = builder.lower(&body, "body", Enums::Open, &JsonPath::root());
        assert_eq!(
            nested,
            TypeRef::Named("Body2".into()),
            "Body is reserved for the root"
        );
        let TypeKind::Struct(fields) = &builder.types[3].kind else {
            panic!("struct expected")
        };
        assert_eq!(fields[0].ty, TypeRef::I32);
        assert!(fields[0].required);
    }

    #[test]
    fn response_enums_keep_unknown_values_and_request_enums_do_not() {
        let status =
            schema(serde_json::json!({"type": "string", "enum": ["READY", "unknown", "READY"]}));
        let mut builder = TypeBuilder::default();
        builder.lower(&status, "state", Enums::Open, &JsonPath::root());
        builder.lower(&status, "state", Enums::Closed, &JsonPath::root());
        let TypeKind::Enum(open) = &builder.types[0].kind else {
            panic!("enum expected")
        };
        assert_eq!(open.catch_all.as_deref(), Some("Unknown"));
        let names: Vec<_> = open.variants.iter().map(|v| v.rust_name.as_str()).collect();
        assert_eq!(names, ["Ready", "Unknown2"]);
        let TypeKind::Enum(closed) = &builder.types[1].kind else {
            panic!("enum expected")
        };
        assert_eq!(builder.types[1].name, "State2");
        assert_eq!(closed.catch_all, None);
    }

    #[test]
    fn untyped_and_unknown_schemas_become_json() {
        let mut builder = TypeBuilder::default();
        let path = JsonPath::root().key("x");
        assert_eq!(
            builder.lower(&schema(serde_json::json!({})), "a", Enums::Open, &path),
            TypeRef::Json
        );
        assert_eq!(
            builder.lower(
                &schema(serde_json::json!({"type": "weird"})),
                "a",
                Enums::Open,
                &path
            ),
            TypeRef::Json
        );
        assert_eq!(builder.warnings.len(), 1);
        assert!(builder.warnings[0].starts_with("at x: type `weird`"));
    }
}
