//! The OpenAPI 3.0 front end: a definition read with the `openapiv3` crate, converted to the
//! document model that Swagger 2.0 definitions are read into, so both are lowered the same
//! way.
//!
//! What maps one to one: info, paths and their shared parameters, operations (with tags,
//! `deprecated` and `security`), component schemas (as definitions), security schemes.
//! What changes shape: `servers[0]` becomes host and base path; component parameters,
//! request bodies and responses are resolved in place; a JSON request body becomes a body
//! parameter named `body`, a form body one form field per property; each response keeps
//! the schema of its JSON media type (else its first), and the operation produces every
//! media type of its successes; `style: form, explode: true` arrays (the default) are sent
//! one pair per item. Cookie parameters are reported and left out.

mod locate;
mod schema;

use std::path::Path;

use indexmap::IndexMap;
use openapiv3::{
    OpenAPI, Parameter as OpenParameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr,
    RequestBody, SecurityScheme as OpenScheme, StatusCode,
};
use serde_json::Value;

use crate::Error;
use crate::error::JsonPath;
use crate::load::json;
use crate::load::swagger2::{
    Info, Operation, Origin, Parameter, PathItem, Requirement, Response, Schema, SecurityScheme,
    Swagger,
};

pub use schema::reference;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Reads an OpenAPI 3.0 definition (already parsed as JSON) into the document model.
///
/// # Errors
///
/// An [`Error`] naming the JSON path of what does not fit OpenAPI 3.0, a version other
/// than 3.0, or a reference to a component that does not exist.
pub fn read(file: &Path, value: Value) -> Result<Swagger, Error> {
    let version = value.get("openapi").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with("3.0") {
        return Err(Error::Invalid {
            file: file.to_owned(),
            path: "openapi".to_owned(),
            message: format!("version `{version}` is not supported; expected 3.0.x"),
        });
    }
    let api: OpenAPI =
        json::to_model_from(file, &value).map_err(|error| locate::sharpen(file, &value, error))?;
    Converter {
        file,
        api: &api,
        notes: Vec::new(),
    }
    .document()
}

/// Converts one definition, collecting what it could not convert.
struct Converter<'a> {
    file: &'a Path,
    api: &'a OpenAPI,
    notes: Vec<String>,
}

impl Converter<'_> {
    fn document(mut self) -> Result<Swagger, Error> {
        let (schemes, host, base_path) = self.server();
        let mut paths = IndexMap::new();
        for (path, item) in &self.api.paths.paths {
            let location = JsonPath::root().key("paths").key(path);
            let ReferenceOr::Item(item) = item else {
                self.notes.push(format!(
                    "at {location}: a path item given by `$ref` is not supported; its operations are left out"
                ));
                continue;
            };
            paths.insert(path.clone(), self.path_item(item, &location)?);
        }
        let components = self.api.components.as_ref();
        let definitions = components
            .into_iter()
            .flat_map(|components| &components.schemas)
            .map(|(name, schema)| (name.clone(), schema::convert(schema)))
            .collect();
        Ok(Swagger {
            swagger: self.api.openapi.clone(),
            origin: Origin::OpenApi3,
            info: Info {
                title: Some(self.api.info.title.clone()),
                description: self.api.info.description.clone(),
                version: Some(self.api.info.version.clone()),
            },
            host,
            base_path,
            schemes,
            consumes: Vec::new(),
            produces: Vec::new(),
            paths,
            definitions,
            parameters: IndexMap::new(),
            responses: IndexMap::new(),
            security_definitions: self.security_schemes(),
            security: self
                .api
                .security
                .as_deref()
                .map(requirements)
                .unwrap_or_default(),
            notes: self.notes,
        })
    }

    /// Scheme, host and base path of the first server, with its variables at their
    /// defaults.
    fn server(&mut self) -> (Vec<String>, Option<String>, Option<String>) {
        let Some(server) = self.api.servers.first() else {
            return (Vec::new(), None, None);
        };
        let mut url = server.url.clone();
        for (name, variable) in server.variables.iter().flatten() {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
        match url.split_once("://") {
            Some((scheme, rest)) => {
                let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
                (
                    vec![scheme.to_ascii_lowercase()],
                    Some(host.to_owned()),
                    Some(format!("/{path}")),
                )
            }
            None => (Vec::new(), None, Some(url)),
        }
    }

    fn path_item(
        &mut self,
        item: &openapiv3::PathItem,
        location: &JsonPath,
    ) -> Result<PathItem, Error> {
        let mut converted = PathItem {
            parameters: self.parameters(&item.parameters, &location.key("parameters"))?,
            ..PathItem::default()
        };
        for (method, operation) in item.iter() {
            if !METHODS.contains(&method) {
                continue;
            }
            let operation = self.operation(operation, &location.key(method))?;
            converted.typed.insert(method.to_owned(), operation);
        }
        Ok(converted)
    }

    fn operation(
        &mut self,
        operation: &openapiv3::Operation,
        location: &JsonPath,
    ) -> Result<Operation, Error> {
        let mut parameters = self.parameters(&operation.parameters, &location.key("parameters"))?;
        let mut consumes = None;
        if let Some(body) = &operation.request_body {
            let body_location = location.key("requestBody");
            let body = self.request_body(body, &body_location)?;
            consumes = Some(body.content.keys().cloned().collect());
            parameters.extend(self.body_parameters(body, &body_location));
        }
        let (responses, produces) =
            self.responses(&operation.responses, &location.key("responses"))?;
        Ok(Operation {
            operation_id: operation.operation_id.clone(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            tags: operation.tags.clone(),
            consumes,
            produces: Some(produces),
            pageable: None,
            security: operation.security.as_deref().map(requirements),
            parameters,
            responses,
        })
    }

    /// Parameters with references resolved; cookie parameters are reported and left out.
    fn parameters(
        &mut self,
        parameters: &[ReferenceOr<OpenParameter>],
        location: &JsonPath,
    ) -> Result<Vec<Parameter>, Error> {
        let mut converted = Vec::new();
        for (index, parameter) in parameters.iter().enumerate() {
            let location = location.index(index);
            let (parameter, location) = match parameter {
                ReferenceOr::Item(parameter) => (parameter, location),
                ReferenceOr::Reference { reference } => self.component(
                    reference,
                    "#/components/parameters/",
                    |components| &components.parameters,
                    &location,
                )?,
            };
            if let Some(parameter) = self.parameter(parameter, &location) {
                converted.push(parameter);
            }
        }
        Ok(converted)
    }

    fn parameter(&mut self, parameter: &OpenParameter, location: &JsonPath) -> Option<Parameter> {
        let data = parameter.parameter_data_ref();
        let (place, exploded) = match parameter {
            OpenParameter::Query { style, .. } => {
                let exploded = matches!(style, QueryStyle::Form) && data.explode != Some(false);
                ("query", exploded)
            }
            OpenParameter::Path { .. } => ("path", false),
            OpenParameter::Header { .. } => ("header", false),
            OpenParameter::Cookie { .. } => {
                self.notes.push(format!(
                    "at {location}: the cookie parameter `{}` is not supported and is left out",
                    data.name
                ));
                return None;
            }
        };
        let simple = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => schema::convert(schema),
            ParameterSchemaOrContent::Content(_) => {
                self.notes.push(format!(
                    "at {location}: the parameter `{}` is described by `content`; it is sent as text",
                    data.name
                ));
                Schema {
                    kind: Some("string".to_owned()),
                    ..Schema::default()
                }
            }
        };
        let is_array = simple.kind.as_deref() == Some("array");
        Some(Parameter {
            name: data.name.clone(),
            location: place.to_owned(),
            required: data.required,
            description: data.description.clone(),
            collection_format: (exploded && is_array).then(|| "multi".to_owned()),
            simple: Schema {
                deprecated: simple.deprecated || data.deprecated == Some(true),
                ..simple
            },
            json_path: Some(location.clone()),
            ..Parameter::default()
        })
    }

    fn request_body<'b>(
        &self,
        body: &'b ReferenceOr<RequestBody>,
        location: &JsonPath,
    ) -> Result<&'b RequestBody, Error>
    where
        Self: 'b,
    {
        match body {
            ReferenceOr::Item(body) => Ok(body),
            ReferenceOr::Reference { reference } => {
                let (body, _) = self.component(
                    reference,
                    "#/components/requestBodies/",
                    |components| &components.request_bodies,
                    location,
                )?;
                Ok(body)
            }
        }
    }

    /// A JSON or other body as a body parameter named `body`; a form body as one form field
    /// per property of its object schema.
    fn body_parameters(&mut self, body: &RequestBody, location: &JsonPath) -> Vec<Parameter> {
        let content = location.key("content");
        let media = body
            .content
            .iter()
            .find(|(media, _)| media.contains("json"))
            .or_else(|| body.content.first());
        let Some((media, media_type)) = media else {
            return Vec::new();
        };
        let schema = media_type
            .schema
            .as_ref()
            .map(schema::convert)
            .unwrap_or_default();
        let form = media.starts_with("multipart/form-data")
            || media.starts_with("application/x-www-form-urlencoded");
        if form && let Some(fields) = self.form_fields(&schema, &content.key(media)) {
            return fields;
        }
        let schema = if !media.contains("json") && schema == Schema::default() {
            Schema {
                kind: Some("string".to_owned()),
                format: Some("binary".to_owned()),
                ..Schema::default()
            }
        } else {
            schema
        };
        vec![Parameter {
            name: "body".to_owned(),
            location: "body".to_owned(),
            required: body.required,
            description: body.description.clone(),
            schema: Some(schema),
            json_path: Some(content.key(media).key("schema")),
            ..Parameter::default()
        }]
    }

    /// The properties of a form body's object schema as form fields (binary ones as files).
    fn form_fields(&self, schema: &Schema, location: &JsonPath) -> Option<Vec<Parameter>> {
        let resolved = match &schema.reference {
            Some(target) => {
                let name = target.strip_prefix("#/definitions/")?;
                let component = self.api.components.as_ref()?.schemas.get(name)?;
                schema::convert(component)
            }
            None => schema.clone(),
        };
        if resolved.properties.is_empty() {
            return None;
        }
        let required = resolved.required_names();
        Some(
            resolved
                .properties
                .iter()
                .map(|(name, property)| {
                    let binary = property.format.as_deref() == Some("binary");
                    Parameter {
                        name: name.clone(),
                        location: "formData".to_owned(),
                        required: required.contains(&name.as_str()),
                        description: property.description.clone(),
                        simple: if binary {
                            Schema {
                                kind: Some("file".to_owned()),
                                ..Schema::default()
                            }
                        } else {
                            property.clone()
                        },
                        json_path: Some(location.key("schema").key("properties").key(name)),
                        ..Parameter::default()
                    }
                })
                .collect(),
        )
    }

    /// Responses by status with references resolved, and the media types of the successes.
    fn responses(
        &mut self,
        responses: &openapiv3::Responses,
        location: &JsonPath,
    ) -> Result<(IndexMap<String, Response>, Vec<String>), Error> {
        let mut converted = IndexMap::new();
        let mut produces: Vec<String> = Vec::new();
        let all = responses
            .responses
            .iter()
            .map(|(status, response)| (status_text(status), response))
            .chain(
                responses
                    .default
                    .iter()
                    .map(|response| ("default".to_owned(), response)),
            );
        for (status, response) in all {
            let response_location = location.key(&status);
            let response = match response {
                ReferenceOr::Item(response) => response,
                ReferenceOr::Reference { reference } => {
                    self.component(
                        reference,
                        "#/components/responses/",
                        |components| &components.responses,
                        &response_location,
                    )?
                    .0
                }
            };
            let success = status.starts_with('2') || status == "default";
            if success {
                for media in response.content.keys() {
                    if !produces.contains(media) {
                        produces.push(media.clone());
                    }
                }
            }
            let schema = response
                .content
                .iter()
                .find(|(media, _)| media.contains("json"))
                .or_else(|| response.content.first())
                .and_then(|(_, media)| media.schema.as_ref())
                .map(schema::convert);
            converted.insert(
                status,
                Response {
                    reference: None,
                    description: Some(response.description.clone()),
                    schema,
                },
            );
        }
        Ok((converted, produces))
    }

    /// The component a `$ref` names, and its place in the file.
    fn component<'c, T>(
        &self,
        reference: &str,
        prefix: &str,
        section: impl Fn(&'c openapiv3::Components) -> &'c IndexMap<String, ReferenceOr<T>>,
        location: &JsonPath,
    ) -> Result<(&'c T, JsonPath), Error>
    where
        Self: 'c,
        T: 'c,
    {
        let invalid = |message: String| Error::Invalid {
            file: self.file.to_owned(),
            path: location.key("$ref").to_string(),
            message,
        };
        let name = reference
            .strip_prefix(prefix)
            .ok_or_else(|| invalid(format!("`{reference}` does not start with `{prefix}`")))?;
        let components: Option<&'c openapiv3::Components> = self.api.components.as_ref();
        match components.and_then(|components| section(components).get(name)) {
            Some(ReferenceOr::Item(item)) => {
                let place = prefix.trim_start_matches("#/").trim_end_matches('/');
                let mut path = JsonPath::root();
                for key in place.split('/') {
                    path = path.key(key);
                }
                Ok((item, path.key(name)))
            }
            Some(ReferenceOr::Reference { .. }) => Err(invalid(format!(
                "`{reference}` is itself a reference; references to references are not supported"
            ))),
            None => Err(invalid(format!(
                "`{reference}` does not name an entry of the file's components"
            ))),
        }
    }

    /// Security schemes in the document model's terms.
    fn security_schemes(&mut self) -> IndexMap<String, SecurityScheme> {
        let schemes = self
            .api
            .components
            .iter()
            .flat_map(|components| &components.security_schemes);
        let mut converted = IndexMap::new();
        for (name, scheme) in schemes {
            let ReferenceOr::Item(scheme) = scheme else {
                self.notes.push(format!(
                    "components.securitySchemes.{name}: a scheme given by `$ref` is not supported"
                ));
                continue;
            };
            converted.insert(name.clone(), security_scheme(scheme));
        }
        converted
    }
}

fn security_scheme(scheme: &OpenScheme) -> SecurityScheme {
    let (kind, name, location, description) = match scheme {
        OpenScheme::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                openapiv3::APIKeyLocation::Query => "query",
                openapiv3::APIKeyLocation::Header => "header",
                openapiv3::APIKeyLocation::Cookie => "cookie",
            };
            (
                "apiKey",
                Some(name.clone()),
                Some(location.to_owned()),
                description,
            )
        }
        OpenScheme::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("basic") => ("basic", None, None, description),
        OpenScheme::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("bearer") => ("bearer", None, None, description),
        OpenScheme::HTTP { description, .. } => ("http", None, None, description),
        OpenScheme::OAuth2 { description, .. } | OpenScheme::OpenIDConnect { description, .. } => {
            ("oauth2", None, None, description)
        }
    };
    SecurityScheme {
        kind: kind.to_owned(),
        name,
        location,
        description: description.clone(),
    }
}

fn requirements(requirements: &[openapiv3::SecurityRequirement]) -> Vec<Requirement> {
    requirements
        .iter()
        .map(|requirement| {
            requirement
                .iter()
                .map(|(name, scopes)| (name.clone(), Value::from(scopes.clone())))
                .collect()
        })
        .collect()
}

/// `200`, or `2XX` for a range.
fn status_text(status: &StatusCode) -> String {
    match status {
        StatusCode::Code(code) => code.to_string(),
        StatusCode::Range(range) => format!("{range}XX"),
    }
}
