//! OpenAPI 3.0 schemas to the document model's [`Schema`].

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, IntegerFormat, IntegerType, NumberFormat,
    NumberType, ObjectType, ReferenceOr, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::load::swagger2::{Discriminator, Schema};

/// Where component schemas are referred to from in OpenAPI 3.0, and in the document model.
const COMPONENT_SCHEMAS: &str = "#/components/schemas/";
const DEFINITIONS: &str = "#/definitions/";

/// The document model's reference for an OpenAPI reference: component schemas become
/// definitions; anything else is kept, and lowering reports it.
pub fn reference(reference: &str) -> String {
    match reference.strip_prefix(COMPONENT_SCHEMAS) {
        Some(name) => format!("{DEFINITIONS}{name}"),
        None => reference.to_owned(),
    }
}

/// A schema or a reference to one.
pub fn convert(schema: &ReferenceOr<openapiv3::Schema>) -> Schema {
    match schema {
        ReferenceOr::Reference { reference: target } => Schema {
            reference: Some(reference(target)),
            ..Schema::default()
        },
        ReferenceOr::Item(schema) => item(schema),
    }
}

/// A boxed schema or a reference to one.
pub fn convert_boxed(schema: &ReferenceOr<Box<openapiv3::Schema>>) -> Schema {
    match schema {
        ReferenceOr::Reference { reference: target } => Schema {
            reference: Some(reference(target)),
            ..Schema::default()
        },
        ReferenceOr::Item(schema) => item(schema),
    }
}

/// An inline schema.
pub fn item(schema: &openapiv3::Schema) -> Schema {
    let data = &schema.schema_data;
    let mut converted = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string_type(string),
        SchemaKind::Type(Type::Number(number)) => number_type(number),
        SchemaKind::Type(Type::Integer(integer)) => integer_type(integer),
        SchemaKind::Type(Type::Object(object)) => object_type(object),
        SchemaKind::Type(Type::Array(array)) => array_type(array),
        SchemaKind::Type(Type::Boolean(_)) => kind("boolean"),
        SchemaKind::OneOf { one_of } | SchemaKind::AnyOf { any_of: one_of } => Schema {
            one_of: one_of.iter().map(convert).collect(),
            ..Schema::default()
        },
        SchemaKind::AllOf { all_of } => Schema {
            all_of: all_of.iter().map(convert).collect(),
            ..Schema::default()
        },
        SchemaKind::Not { .. } => Schema::default(),
        SchemaKind::Any(any) => any_schema(any),
    };
    converted.title.clone_from(&data.title);
    converted.description.clone_from(&data.description);
    converted.default.clone_from(&data.default);
    converted.nullable |= data.nullable;
    converted.deprecated = data.deprecated;
    converted.discriminator = data
        .discriminator
        .as_ref()
        .map(|discriminator| Discriminator {
            property_name: discriminator.property_name.clone(),
            mapping: discriminator
                .mapping
                .iter()
                .map(|(value, target)| (value.clone(), reference(target)))
                .collect(),
        });
    converted
}

fn kind(name: &str) -> Schema {
    Schema {
        kind: Some(name.to_owned()),
        ..Schema::default()
    }
}

fn format<T>(format: &VariantOrUnknownOrEmpty<T>, name: fn(&T) -> &'static str) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn number(value: f64) -> Option<serde_json::Number> {
    serde_json::Number::from_f64(value)
}

/// The listed values as JSON, leaving out `null` (which makes the schema nullable).
fn allowed<T: Into<Value> + Clone>(values: &[Option<T>]) -> (Option<Vec<Value>>, bool) {
    let nullable = values.iter().any(Option::is_none);
    let values: Vec<Value> = values.iter().flatten().cloned().map(Into::into).collect();
    ((!values.is_empty()).then_some(values), nullable)
}

fn string_type(string: &StringType) -> Schema {
    let (allowed, nullable) = allowed(&string.enumeration);
    Schema {
        format: format(&string.format, |format| match format {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }),
        pattern: string.pattern.clone(),
        allowed,
        nullable,
        min_length: string.min_length.map(|length| length as u64),
        max_length: string.max_length.map(|length| length as u64),
        ..kind("string")
    }
}

fn number_type(value: &NumberType) -> Schema {
    let (allowed, nullable) = allowed(&value.enumeration);
    Schema {
        format: format(&value.format, |format| match format {
            NumberFormat::Float => "float",
            NumberFormat::Double => "double",
        }),
        minimum: value.minimum.and_then(number),
        exclusive_minimum: value.exclusive_minimum,
        maximum: value.maximum.and_then(number),
        exclusive_maximum: value.exclusive_maximum,
        allowed,
        nullable,
        ..kind("number")
    }
}

fn integer_type(value: &IntegerType) -> Schema {
    let (allowed, nullable) = allowed(&value.enumeration);
    Schema {
        format: format(&value.format, |format| match format {
            IntegerFormat::Int32 => "int32",
            IntegerFormat::Int64 => "int64",
        }),
        minimum: value.minimum.map(serde_json::Number::from),
        exclusive_minimum: value.exclusive_minimum,
        maximum: value.maximum.map(serde_json::Number::from),
        exclusive_maximum: value.exclusive_maximum,
        allowed,
        nullable,
        ..kind("integer")
    }
}

fn object_type(object: &ObjectType) -> Schema {
    let (additional_properties, additional_schema) =
        additional(object.additional_properties.as_ref());
    Schema {
        properties: object
            .properties
            .iter()
            .map(|(name, property)| (name.clone(), convert_boxed(property)))
            .collect(),
        required: required(&object.required),
        additional_properties,
        additional_schema,
        ..kind("object")
    }
}

fn array_type(array: &ArrayType) -> Schema {
    Schema {
        items: array
            .items
            .as_ref()
            .map(|items| Box::new(convert_boxed(items))),
        min_items: array.min_items.map(|count| count as u64),
        max_items: array.max_items.map(|count| count as u64),
        ..kind("array")
    }
}

/// A schema whose `type` and keywords did not fit one of the typed shapes.
fn any_schema(any: &AnySchema) -> Schema {
    let (additional_properties, additional_schema) = additional(any.additional_properties.as_ref());
    let one_of = if any.one_of.is_empty() {
        &any.any_of
    } else {
        &any.one_of
    };
    Schema {
        kind: any.typ.clone(),
        format: any.format.clone(),
        pattern: any.pattern.clone(),
        minimum: any.minimum.and_then(number),
        exclusive_minimum: any.exclusive_minimum.unwrap_or(false),
        maximum: any.maximum.and_then(number),
        exclusive_maximum: any.exclusive_maximum.unwrap_or(false),
        properties: any
            .properties
            .iter()
            .map(|(name, property)| (name.clone(), convert_boxed(property)))
            .collect(),
        required: required(&any.required),
        additional_properties,
        additional_schema,
        items: any
            .items
            .as_ref()
            .map(|items| Box::new(convert_boxed(items))),
        min_items: any.min_items.map(|count| count as u64),
        max_items: any.max_items.map(|count| count as u64),
        allowed: (!any.enumeration.is_empty()).then(|| {
            any.enumeration
                .iter()
                .filter(|value| !value.is_null())
                .cloned()
                .collect()
        }),
        nullable: any.enumeration.iter().any(Value::is_null),
        min_length: any.min_length.map(|length| length as u64),
        max_length: any.max_length.map(|length| length as u64),
        one_of: one_of.iter().map(convert).collect(),
        all_of: any.all_of.iter().map(convert).collect(),
        ..Schema::default()
    }
}

fn required(names: &[String]) -> Option<Value> {
    (!names.is_empty()).then(|| names.iter().cloned().map(Value::String).collect())
}

/// `additionalProperties`: a flag as the document model holds it, or a converted schema.
fn additional(additional: Option<&AdditionalProperties>) -> (Option<Value>, Option<Box<Schema>>) {
    match additional {
        None => (None, None),
        Some(AdditionalProperties::Any(allowed)) => (Some(Value::Bool(*allowed)), None),
        Some(AdditionalProperties::Schema(schema)) => {
            let schema = convert(schema);
            if schema == Schema::default() {
                (Some(Value::Bool(true)), None)
            } else {
                (Some(Value::Bool(true)), Some(Box::new(schema)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: Value) -> Schema {
        item(&serde_json::from_value(value).unwrap())
    }

    #[test]
    fn references_to_components_become_definitions() {
        let schema = read(serde_json::json!({
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {"$ref": "#/components/schemas/App"},
                "tags": {"type": "array", "items": {"type": "string", "enum": ["a", null]}},
                "meta": {"type": "object", "additionalProperties": {}}
            }
        }));
        assert_eq!(
            schema.properties["data"].reference.as_deref(),
            Some("#/definitions/App")
        );
        assert_eq!(schema.required_names(), ["data"]);
        let tags = schema.properties["tags"].items.as_deref().unwrap();
        assert_eq!(tags.allowed, Some(vec![Value::from("a")]));
        assert!(tags.nullable);
        let meta = &schema.properties["meta"];
        assert_eq!(meta.additional_properties, Some(Value::Bool(true)));
        assert!(meta.additional_schema.is_none());
    }

    #[test]
    fn unions_and_flags_are_kept() {
        let schema = read(serde_json::json!({
            "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "integer", "format": "int64", "maximum": 5}],
            "nullable": true,
            "deprecated": true,
            "description": "Either."
        }));
        assert_eq!(schema.one_of.len(), 2);
        assert_eq!(schema.one_of[1].format.as_deref(), Some("int64"));
        assert_eq!(schema.one_of[1].maximum, Some(5.into()));
        assert!(schema.nullable && schema.deprecated);
        assert_eq!(schema.description.as_deref(), Some("Either."));
    }
}
