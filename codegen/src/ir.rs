//! The intermediate representation: everything emission needs, already named and resolved.

/// A whole API, ready to be emitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The API's title.
    pub title: String,
    /// The API's description.
    pub description: Option<String>,
    /// The file names the code is generated from, for the header line.
    pub sources: Vec<String>,
    /// `scheme://host` plus the base path, without a trailing slash.
    pub default_base_url: String,
    /// Operations, sorted by function name.
    pub operations: Vec<Operation>,
    /// Types of the shared `models` module, from `#/definitions`.
    pub models: Vec<TypeDef>,
    /// The enums of parameters, shared by the operations that take the same values
    /// (the `parameters` module).
    pub parameter_types: Vec<TypeDef>,
    /// How callers authenticate, one sentence per scheme the operations use.
    pub auth: Vec<String>,
    /// The base URL built from connection parameters (`dynamichosturl`), as a template with
    /// `{name}` placeholders.
    pub base_url_template: Option<String>,
    /// The connection's settings.
    pub connection_parameters: Vec<ConnectionParameter>,
    /// What the generator could not honour.
    pub warnings: Vec<String>,
}

/// One operation: one module and one client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId, verbatim.
    pub id: String,
    /// The snake_case function and module name.
    pub fn_name: String,
    /// The HTTP method in upper case.
    pub method: String,
    /// The path template, such as `/v1/apps/{id}`.
    pub path: String,
    /// The path split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// A one-line summary.
    pub summary: Option<String>,
    /// A longer description.
    pub description: Option<String>,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// The groups the definition puts the operation in.
    pub tags: Vec<String>,
    /// Parameters the caller gives, in declaration order.
    pub params: Vec<Parameter>,
    /// Headers whose value is the client's credential.
    pub credential_headers: Vec<CredentialHeader>,
    /// Query parameters whose value is the client's credential (an API key).
    pub credential_queries: Vec<String>,
    /// Values sent with every call that the caller does not give: internal parameters with
    /// a default, and headers set by policies.
    pub constants: Vec<Constant>,
    /// Whether form fields go as `multipart/form-data` (else urlencoded).
    pub multipart: bool,
    /// The media type of a body sent as it is: bytes, or text when the operation consumes no
    /// JSON.
    pub raw_body_media: String,
    /// Whether a text body is sent as it is (the operation consumes no JSON) rather than as
    /// a JSON string.
    pub raw_text_body: bool,
    /// Headers and query parameters that policies build from parameters and connection
    /// settings.
    pub policy_values: Vec<PolicyValue>,
    /// The success body.
    pub response: TypeRef,
    /// How the success body is decoded.
    pub decoding: Decoding,
    /// How to follow the body's `links.next`, when it has one.
    pub paging: Option<Paging>,
    /// Types declared in the operation's module.
    pub types: Vec<TypeDef>,
    /// Shared parameter enums the operation's module names, as `(local, shared)` names.
    pub reexports: Vec<(String, String)>,
}

/// How a success body is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoding {
    /// JSON into [`Operation::response`] (an empty body is `null`).
    Json,
    /// UTF-8 text.
    Text,
    /// Raw bytes.
    Bytes,
    /// By status, into the variants of the `Body` enum.
    ByStatus(Vec<StatusVariant>),
}

/// One success status of an operation whose statuses carry different bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVariant {
    /// The status; 0 for `default`.
    pub status: u16,
    /// The variant name, such as `Ok` or `Created`.
    pub name: String,
    /// The body, if the status has one.
    pub payload: Option<TypeRef>,
}

/// A listing: a body with a list of items and a link to the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// The type of one item.
    pub item: TypeRef,
    /// The Rust name of the body's field that holds the items (a `Vec`).
    pub items_field: String,
    /// The Rust names of the fields leading to the next link, each with whether it is
    /// always present: `links`, `next` for JSON:API.
    pub next: Vec<(String, bool)>,
}

/// A header or query parameter a policy builds at send time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyValue {
    /// [`ParamLocation::Header`] or [`ParamLocation::Query`].
    pub location: ParamLocation,
    /// The header or query parameter name.
    pub name: String,
    /// The pieces, concatenated; when a piece has no value the whole value is left out.
    pub parts: Vec<ValuePart>,
}

/// A piece of a [`PolicyValue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValuePart {
    /// Literal text.
    Text(String),
    /// The value of the caller's string parameter at this index of [`Operation::params`].
    Param(usize),
    /// A connection parameter, or `default` when it is not set.
    Connection {
        /// The connection parameter's name.
        name: String,
        /// The value used when it is not set.
        default: Option<String>,
    },
}

/// A setting of the connection (`connectionParameters` in `apiProperties.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionParameter {
    /// The name policies refer to.
    pub name: String,
    /// Its documentation.
    pub doc: Option<String>,
    /// Whether it is a secret (`securestring`).
    pub secret: bool,
}

/// A value sent with every call of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    /// Where it goes (never the path: path constants are part of [`PathPart`]).
    pub location: ParamLocation,
    /// The name on the wire.
    pub wire_name: String,
    /// The value, as text.
    pub value: String,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as is.
    Literal(String),
    /// The value of the parameter at this index of [`Operation::params`].
    Param(usize),
    /// A connection setting, percent-encoded at send time; `default` when it is not set.
    Connection {
        /// The connection parameter's name.
        name: String,
        /// The value used when it is not set.
        default: Option<String>,
    },
    /// A segment with a fixed value (an internal parameter), percent-encoded at send time.
    Constant {
        /// The raw value.
        value: String,
        /// Whether it is encoded twice.
        double_encoded: bool,
    },
}

/// A header filled with the client's credential at send time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialHeader {
    /// The header name, such as `Authorization`.
    pub name: String,
    /// Text before the credential, such as `Bearer `.
    pub prefix: String,
    /// Text after the credential.
    pub suffix: String,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// A query pair.
    Query,
    /// A request header.
    Header,
    /// The JSON request body.
    Body,
    /// A field of a form body.
    FormData,
}

/// One caller-facing parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name on the wire, such as `fields[apps]`.
    pub wire_name: String,
    /// The Rust name of the setter, argument and field.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether the caller must give it.
    pub required: bool,
    /// Its documentation.
    pub doc: Option<String>,
    /// Its type.
    pub ty: TypeRef,
    /// Bounds checked before sending.
    pub constraints: Constraints,
    /// Whether a path value is percent-encoded twice.
    pub double_encoded: bool,
    /// Whether a list goes as one query pair per item rather than comma-joined.
    pub explode: bool,
    /// Whether the definition marks the parameter deprecated.
    pub deprecated: bool,
}

/// Bounds from the definition, checked before a request leaves the machine.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Upper bound and whether it is exclusive.
    pub maximum: Option<(serde_json::Number, bool)>,
    /// Lower bound and whether it is exclusive.
    pub minimum: Option<(serde_json::Number, bool)>,
    /// Longest string, in characters.
    pub max_length: Option<u64>,
    /// Shortest string, in characters.
    pub min_length: Option<u64>,
    /// A regular expression the string must match.
    pub pattern: Option<String>,
    /// The values a number may take (a numeric `enum`).
    pub one_of: Vec<serde_json::Number>,
}

impl Operation {
    /// Whether the operation sends a `multipart/form-data` body: it consumes one, or a form
    /// field is a file.
    pub fn sends_multipart(&self) -> bool {
        let mut form = self
            .params
            .iter()
            .filter(|param| param.location == ParamLocation::FormData)
            .peekable();
        form.peek().is_some() && (self.multipart || form.any(|param| param.ty == TypeRef::Bytes))
    }
}

impl Api {
    /// The features of `connector-runtime` the generated code needs: `multipart` when an
    /// operation sends a `multipart/form-data` body.
    pub fn runtime_features(&self) -> Vec<&'static str> {
        let multipart = self.operations.iter().any(Operation::sends_multipart);
        multipart.then_some("multipart").into_iter().collect()
    }
}

impl Constraints {
    /// Whether nothing is checked.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A Rust type used by a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Boolean,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// Any JSON value.
    Json,
    /// No body: `()`.
    Unit,
    /// Raw bytes (a file).
    Bytes,
    /// A type declared in the operation's module.
    Named(String),
    /// A type declared in the shared `models` module (from `#/definitions`).
    Model(String),
    /// A list.
    Vec(Box<TypeRef>),
    /// A map from strings.
    Map(Box<TypeRef>),
    /// A member kept as JSON text and decoded on demand
    /// (`::connector_runtime::Deferred`); see [`crate::Options::defer`].
    Deferred(Box<TypeRef>),
}

impl TypeRef {
    /// Whether the type is `Copy`.
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            Self::Boolean | Self::I32 | Self::I64 | Self::F32 | Self::F64
        )
    }
}

/// A declared type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// Its documentation.
    pub doc: Option<String>,
    /// Struct or enum.
    pub kind: TypeKind,
    /// Whether the type is written to JSON: requests carry it (structs and unions; enums are
    /// always both read and written).
    pub serialize: bool,
    /// Whether the type is read from JSON: answers carry it, or the operation table reads
    /// request bodies from text.
    pub deserialize: bool,
}

impl TypeDef {
    /// The types the declaration names: field types, variant payloads, an alias's target.
    pub fn held(&self) -> Vec<&TypeRef> {
        match &self.kind {
            TypeKind::Struct(fields) => fields.iter().map(|field| &field.ty).collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::Responses(variants) => variants
                .iter()
                .filter_map(|variant| variant.payload.as_ref())
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

/// The shape of a declared type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Vec<Field>),
    /// A string enum.
    Enum(EnumDef),
    /// Another name for a type (a definition that is a list or a primitive).
    Alias(TypeRef),
    /// The answers of an operation, by status.
    Responses(Vec<StatusVariant>),
    /// A value that is one of several types (`oneOf`).
    Union(UnionDef),
}

/// A value that is one of several types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionDef {
    /// The member whose text tells the variants apart (`type` for JSON:API resources), or
    /// `None` when the first variant the value decodes as is taken.
    pub tag: Option<String>,
    /// The variants, in the definition's order.
    pub variants: Vec<UnionVariant>,
    /// The name of the variant that keeps any other value as JSON.
    pub catch_all: String,
}

/// One variant of a [`UnionDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVariant {
    /// The tag's value for this variant, when the union has a tag.
    pub tag: Option<String>,
    /// The Rust variant name.
    pub name: String,
    /// The value's type.
    pub ty: TypeRef,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// The known values.
    pub variants: Vec<Variant>,
    /// The name of the variant that keeps values this client does not know, when the enum
    /// is read from responses (servers add values without notice).
    pub catch_all: Option<String>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The value on the wire.
    pub wire: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// One struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name.
    pub wire_name: String,
    /// The Rust name.
    pub rust_name: String,
    /// Its documentation.
    pub doc: Option<String>,
    /// Its type, without the `Option` that [`Field::required`] implies.
    pub ty: TypeRef,
    /// Whether the JSON always has it.
    pub required: bool,
    /// Whether the field holds the properties that are not declared (`additionalProperties`).
    pub flatten: bool,
    /// Whether the value is boxed because the type contains itself.
    pub boxed: bool,
    /// Whether the definition marks the property deprecated.
    pub deprecated: bool,
}
