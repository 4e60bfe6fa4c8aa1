//! The Swagger 2.0 document model, as Power Platform connectors write it.
//!
//! The model is deliberately loose where real connectors are loose (a `type` may be missing,
//! `required` may be misused); lowering decides what each shape means.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::error::JsonPath;
use crate::load::lenient;

/// Which kind of file a document model was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Origin {
    /// A Swagger 2.0 definition, read as it is.
    #[default]
    Swagger2,
    /// An OpenAPI 3.0 definition, converted by [`crate::load::openapi3`].
    OpenApi3,
}

/// A whole `apiDefinition.swagger.json`, or an OpenAPI 3.0 definition converted to the same
/// model.
#[derive(Debug, Clone, Deserialize)]
pub struct Swagger {
    /// `"2.0"` for a Swagger definition; the `openapi` version for a converted one.
    pub swagger: String,
    /// The kind of file the model was read from.
    #[serde(skip)]
    pub origin: Origin,
    /// What the front end could not convert, one sentence each.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Title, description and version.
    #[serde(default)]
    pub info: Info,
    /// The host, such as `api.appstoreconnect.apple.com`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub host: Option<String>,
    /// The path prefix of every operation.
    #[serde(rename = "basePath", default, deserialize_with = "lenient::text")]
    pub base_path: Option<String>,
    /// `http` and/or `https`.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub schemes: Vec<String>,
    /// Media types the operations accept, unless an operation says otherwise.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub consumes: Vec<String>,
    /// Media types the operations answer with, unless an operation says otherwise.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub produces: Vec<String>,
    /// Operations by path template and method.
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    /// Shared schemas, the targets of `#/definitions/…` references.
    #[serde(default)]
    pub definitions: IndexMap<String, Schema>,
    /// Shared parameters, the targets of `#/parameters/…` references.
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    /// Shared responses, the targets of `#/responses/…` references.
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    /// Authentication schemes by name.
    #[serde(rename = "securityDefinitions", default)]
    pub security_definitions: IndexMap<String, SecurityScheme>,
    /// The schemes every operation needs unless it says otherwise: a list of alternatives,
    /// each naming the schemes it combines.
    #[serde(default, deserialize_with = "lenient::requirements")]
    pub security: Vec<Requirement>,
}

/// One alternative of a `security` list: scheme names and their scopes.
pub type Requirement = IndexMap<String, Value>;

/// One entry of `securityDefinitions`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SecurityScheme {
    /// `apiKey`, `basic` or `oauth2`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The header or query parameter of an `apiKey`.
    pub name: Option<String>,
    /// `header` or `query`, for an `apiKey`.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// What the scheme is for.
    pub description: Option<String>,
}

/// The `info` object.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Info {
    /// The API's title.
    #[serde(default, deserialize_with = "lenient::text")]
    pub title: Option<String>,
    /// The API's description.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// The definition's version.
    #[serde(default, deserialize_with = "lenient::text")]
    pub version: Option<String>,
}

/// The operations of one path, keyed by lower-case HTTP method, plus shared parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PathItem {
    /// Parameters shared by every operation of the path.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Everything else: `get`, `post`, … and extensions.
    #[serde(flatten)]
    pub methods: IndexMap<String, Value>,
    /// Operations another front end has already read, by lower-case method.
    #[serde(skip)]
    pub typed: IndexMap<String, Operation>,
}

/// One operation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Operation {
    /// The operation's identifier.
    #[serde(rename = "operationId", default, deserialize_with = "lenient::text")]
    pub operation_id: Option<String>,
    /// A one-line summary.
    #[serde(default, deserialize_with = "lenient::text")]
    pub summary: Option<String>,
    /// A longer description.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// Whether the operation is deprecated.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub deprecated: bool,
    /// The groups the operation belongs to.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub tags: Vec<String>,
    /// Media types the operation accepts; the document's when absent.
    pub consumes: Option<Vec<String>>,
    /// Media types the operation answers with; the document's when absent.
    pub produces: Option<Vec<String>>,
    /// `x-ms-pageable`: the names of the items and of the next-page link.
    #[serde(rename = "x-ms-pageable")]
    pub pageable: Option<Value>,
    /// The schemes this operation needs, replacing the document's `security`.
    #[serde(default, deserialize_with = "lenient::some_requirements")]
    pub security: Option<Vec<Requirement>>,
    /// The operation's parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Responses by status code or `default`.
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
}

/// One parameter (path, query, header, body or formData), or a reference to one.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Parameter {
    /// `#/parameters/<name>`: the parameter is defined there; sibling keys are ignored.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// The wire name.
    #[serde(default)]
    pub name: String,
    /// Where the parameter goes.
    #[serde(rename = "in", default)]
    pub location: String,
    /// Whether the caller must give it.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub required: bool,
    /// What the parameter means.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// A short label (`x-ms-summary`).
    #[serde(rename = "x-ms-summary", default, deserialize_with = "lenient::text")]
    pub summary: Option<String>,
    /// `single` or `double` (`x-ms-url-encoding`).
    #[serde(
        rename = "x-ms-url-encoding",
        default,
        deserialize_with = "lenient::text"
    )]
    pub url_encoding: Option<String>,
    /// `important`, `advanced` or `internal` (`x-ms-visibility`).
    #[serde(
        rename = "x-ms-visibility",
        default,
        deserialize_with = "lenient::text"
    )]
    pub visibility: Option<String>,
    /// `csv` (the default) or `multi` (one pair per item) for an array.
    #[serde(
        rename = "collectionFormat",
        default,
        deserialize_with = "lenient::text"
    )]
    pub collection_format: Option<String>,
    /// The body's schema (`in: body`).
    pub schema: Option<Schema>,
    /// The primitive type and its constraints (every location but body).
    #[serde(flatten)]
    pub simple: Schema,
    /// Where the parameter is in its file, when that is not its place in a `parameters`
    /// list (the request body of an OpenAPI operation).
    #[serde(skip)]
    pub json_path: Option<JsonPath>,
}

/// One response, or a reference to one.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Response {
    /// `#/responses/<name>`: the response is defined there; sibling keys are ignored.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// What the response means.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// The body's schema, if any.
    pub schema: Option<Schema>,
}

/// A JSON Schema subset (Swagger 2.0 schema object).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Schema {
    /// `#/definitions/<name>`: the schema is defined there; sibling keys are ignored.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Schemas whose properties this one has, all together.
    #[serde(rename = "allOf", default)]
    pub all_of: Vec<Schema>,
    /// Schemas of which the value is exactly one (`oneOf`), or at least one (`anyOf`).
    #[serde(rename = "oneOf", alias = "anyOf", default)]
    pub one_of: Vec<Schema>,
    /// The property whose value names the variant of a `oneOf`, and the names by value.
    #[serde(default, deserialize_with = "lenient::discriminator")]
    pub discriminator: Option<Discriminator>,
    /// Properties beyond the declared ones: `true`, `false`, `{}` or a schema.
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<Value>,
    /// The schema of properties beyond the declared ones, as another front end read it.
    #[serde(skip)]
    pub additional_schema: Option<Box<Schema>>,
    /// Whether `null` is a value too (`nullable`, `x-nullable`).
    #[serde(alias = "x-nullable", default, deserialize_with = "lenient::flag")]
    pub nullable: bool,
    /// Whether the value is deprecated.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub deprecated: bool,
    /// The JSON type name; missing in some connectors.
    #[serde(rename = "type", default, deserialize_with = "lenient::kind")]
    pub kind: Option<String>,
    /// A refinement of the type, such as `int32`.
    #[serde(default, deserialize_with = "lenient::text")]
    pub format: Option<String>,
    /// A short title.
    #[serde(default, deserialize_with = "lenient::text")]
    pub title: Option<String>,
    /// A description.
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// A short label (`x-ms-summary`).
    #[serde(rename = "x-ms-summary", default, deserialize_with = "lenient::text")]
    pub summary: Option<String>,
    /// Object properties in file order.
    #[serde(default)]
    pub properties: IndexMap<String, Schema>,
    /// The names of the required properties (or, misused, a boolean).
    pub required: Option<Value>,
    /// The item schema of an array.
    #[serde(default, deserialize_with = "lenient::first_schema")]
    pub items: Option<Box<Schema>>,
    /// Allowed values.
    #[serde(rename = "enum")]
    pub allowed: Option<Vec<Value>>,
    /// Upper bound of a number.
    #[serde(default, deserialize_with = "lenient::number")]
    pub maximum: Option<serde_json::Number>,
    /// Whether `maximum` itself is excluded.
    #[serde(
        rename = "exclusiveMaximum",
        default,
        deserialize_with = "lenient::flag"
    )]
    pub exclusive_maximum: bool,
    /// Lower bound of a number.
    #[serde(default, deserialize_with = "lenient::number")]
    pub minimum: Option<serde_json::Number>,
    /// Whether `minimum` itself is excluded.
    #[serde(
        rename = "exclusiveMinimum",
        default,
        deserialize_with = "lenient::flag"
    )]
    pub exclusive_minimum: bool,
    /// Longest allowed string, in characters.
    #[serde(rename = "maxLength", default, deserialize_with = "lenient::count")]
    pub max_length: Option<u64>,
    /// Shortest allowed string, in characters.
    #[serde(rename = "minLength", default, deserialize_with = "lenient::count")]
    pub min_length: Option<u64>,
    /// A regular expression the string must match.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pattern: Option<String>,
    /// Most items in an array.
    #[serde(rename = "maxItems", default, deserialize_with = "lenient::count")]
    pub max_items: Option<u64>,
    /// Fewest items in an array.
    #[serde(rename = "minItems", default, deserialize_with = "lenient::count")]
    pub min_items: Option<u64>,
    /// The value used when none is given.
    pub default: Option<Value>,
}

/// How the variants of a `oneOf` are told apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discriminator {
    /// The property that holds the variant's name.
    pub property_name: String,
    /// Values of the property and the `$ref` of the variant each one means.
    pub mapping: IndexMap<String, String>,
}

impl Schema {
    /// The names listed in `required`, ignoring the misused boolean form.
    pub fn required_names(&self) -> Vec<&str> {
        match &self.required {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}
