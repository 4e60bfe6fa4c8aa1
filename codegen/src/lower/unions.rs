//! `oneOf` (and `anyOf`) schemas: how their variants are told apart and named.
//!
//! A union is tagged when one property holds a fixed text in each variant: the
//! discriminator's property when the definition names one, else a property that every
//! variant declares as a string enum of exactly one value, `type` first (JSON:API resources
//! are told apart by their `type`). Otherwise the first variant the value decodes as is
//! taken.
//!
//! When several variants have the same tag value, the one that is not deprecated decodes
//! it (the last listed, among several); the others are left out of the union and named in
//! its documentation.

use crate::ir::{TypeRef, UnionVariant};
use crate::load::swagger2::Schema;

/// One variant before it is named: its type, the schema it resolves to, and whether the
/// variant was reached through a `$ref` (and under which model name).
#[derive(Debug)]
pub struct Candidate<'a> {
    /// The lowered type.
    pub ty: TypeRef,
    /// The variant's schema, references resolved.
    pub schema: &'a Schema,
    /// The `$ref` the variant was written as, if any.
    pub reference: Option<&'a str>,
}

/// The tag property and each candidate's tag value, when every candidate has one.
pub fn tags(union: &Schema, candidates: &[Candidate<'_>]) -> Option<(String, Vec<String>)> {
    if let Some(discriminator) = &union.discriminator {
        let values: Option<Vec<String>> = candidates
            .iter()
            .map(|candidate| discriminated(discriminator, candidate))
            .collect();
        return values.map(|values| (discriminator.property_name.clone(), values));
    }
    let first = candidates.first()?;
    let mut properties: Vec<&str> = first.schema.properties.keys().map(String::as_str).collect();
    if let Some(position) = properties.iter().position(|name| *name == "type") {
        properties.remove(position);
        properties.insert(0, "type");
    }
    properties.into_iter().find_map(|property| {
        let values: Option<Vec<String>> = candidates
            .iter()
            .map(|candidate| fixed_text(candidate.schema.properties.get(property)?))
            .collect();
        values.map(|values| (property.to_owned(), values))
    })
}

/// The value of the discriminator's property that means `candidate`: a mapping entry that
/// points at it, else its model name, else the fixed text of the property.
fn discriminated(
    discriminator: &crate::load::swagger2::Discriminator,
    candidate: &Candidate<'_>,
) -> Option<String> {
    if let Some(reference) = candidate.reference {
        if let Some((value, _)) = discriminator
            .mapping
            .iter()
            .find(|(_, target)| target.as_str() == reference)
        {
            return Some(value.clone());
        }
        if discriminator.mapping.is_empty() {
            return reference.rsplit('/').next().map(str::to_owned);
        }
    }
    fixed_text(
        candidate
            .schema
            .properties
            .get(&discriminator.property_name)?,
    )
}

/// The one text a property may hold: a string enum of a single value.
fn fixed_text(property: &Schema) -> Option<String> {
    match property.allowed.as_deref() {
        Some([serde_json::Value::String(text)]) => Some(text.clone()),
        _ => None,
    }
}

/// Which candidates stay when tags repeat: for each tag value, the last one that is not
/// deprecated, else the last one. Returns the indices kept, in order, and a sentence per
/// candidate left out.
pub fn keep_one_per_tag(
    tags: &[String],
    candidates: &[Candidate<'_>],
    names: &[String],
) -> (Vec<usize>, Vec<String>) {
    let mut kept = Vec::new();
    let mut notes = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let same: Vec<usize> = (0..tags.len()).filter(|i| &tags[*i] == tag).collect();
        let winner = same
            .iter()
            .rev()
            .find(|i| !candidates[**i].schema.deprecated)
            .or_else(|| same.last())
            .copied()
            .unwrap_or(index);
        if winner == index {
            kept.push(index);
        } else {
            notes.push(format!(
                "`{}` has the `{tag}` of `{}` too; such values decode as `{}`.",
                names[index], names[winner], names[winner]
            ));
        }
    }
    (kept, notes)
}

/// The variant name for a candidate's type: its model or type name, or a word for a
/// primitive.
pub fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Model(name) | TypeRef::Named(name) => name.clone(),
        TypeRef::String => "Text".to_owned(),
        TypeRef::Boolean => "Boolean".to_owned(),
        TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::Vec(_) => "List".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Deferred(inner) => variant_name(inner),
        TypeRef::Json | TypeRef::Unit => "Json".to_owned(),
        TypeRef::Bytes => "Bytes".to_owned(),
    }
}

/// The variants of a union, named uniquely.
pub fn variants(
    kept: &[usize],
    candidates: &[Candidate<'_>],
    names: &[String],
    tags: Option<&[String]>,
) -> Vec<UnionVariant> {
    kept.iter()
        .map(|index| UnionVariant {
            tag: tags.map(|tags| tags[*index].clone()),
            name: names[*index].clone(),
            ty: candidates[*index].ty.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(tag: &str, deprecated: bool) -> Schema {
        serde_json::from_value(serde_json::json!({
            "type": "object",
            "deprecated": deprecated,
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": [tag]}
            }
        }))
        .unwrap()
    }

    fn candidate<'a>(name: &str, schema: &'a Schema) -> Candidate<'a> {
        Candidate {
            ty: TypeRef::Model(name.to_owned()),
            schema,
            reference: None,
        }
    }

    #[test]
    fn json_api_resources_are_told_apart_by_type() {
        let (apps, builds) = (resource("apps", false), resource("builds", false));
        let candidates = [candidate("App", &apps), candidate("Build", &builds)];
        let (property, values) = tags(&Schema::default(), &candidates).unwrap();
        assert_eq!(property, "type");
        assert_eq!(values, ["apps", "builds"]);
    }

    #[test]
    fn a_shared_tag_goes_to_the_variant_that_is_not_deprecated() {
        let (old, new, apps) = (
            resource("inAppPurchases", true),
            resource("inAppPurchases", false),
            resource("apps", false),
        );
        let candidates = [
            candidate("InAppPurchase", &old),
            candidate("App", &apps),
            candidate("InAppPurchaseV2", &new),
        ];
        let (_, values) = tags(&Schema::default(), &candidates).unwrap();
        let names: Vec<String> = candidates.iter().map(|c| variant_name(&c.ty)).collect();
        let (kept, notes) = keep_one_per_tag(&values, &candidates, &names);
        assert_eq!(kept, [1, 2]);
        assert_eq!(
            notes,
            [
                "`InAppPurchase` has the `inAppPurchases` of `InAppPurchaseV2` too; such values decode as `InAppPurchaseV2`."
            ]
        );
    }

    #[test]
    fn shapes_without_a_fixed_property_are_untagged() {
        let pointer: Schema = serde_json::from_value(serde_json::json!({
            "type": "object", "properties": {"pointer": {"type": "string"}}
        }))
        .unwrap();
        let parameter: Schema = serde_json::from_value(serde_json::json!({
            "type": "object", "properties": {"parameter": {"type": "string"}}
        }))
        .unwrap();
        let candidates = [
            candidate("Pointer", &pointer),
            candidate("Parameter", &parameter),
        ];
        assert_eq!(tags(&Schema::default(), &candidates), None);
    }

    #[test]
    fn a_discriminator_names_variants_by_mapping_or_model_name() {
        let (cat, dog) = (resource("x", false), resource("x", false));
        let union: Schema = serde_json::from_value(serde_json::json!({
            "discriminator": {"propertyName": "kind", "mapping": {"feline": "#/definitions/Cat"}}
        }))
        .unwrap();
        let candidates = [
            Candidate {
                reference: Some("#/definitions/Cat"),
                ..candidate("Cat", &cat)
            },
            Candidate {
                reference: Some("#/definitions/Dog"),
                ..candidate("Dog", &dog)
            },
        ];
        assert_eq!(tags(&union, &candidates), None, "Dog is not in the mapping");
        let union: Schema = serde_json::from_value(serde_json::json!({
            "discriminator": {"propertyName": "kind"}
        }))
        .unwrap();
        let (property, values) = tags(&union, &candidates).unwrap();
        assert_eq!(
            (property.as_str(), values),
            ("kind", vec!["Cat".to_owned(), "Dog".to_owned()])
        );
    }
}
