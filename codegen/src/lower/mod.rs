//! Lowering: document models to the IR. Every error names the JSON path it is about.

pub mod alias_cycles;
pub mod connection;
pub mod deferred;
pub mod direction;
pub mod models;
pub mod only;
pub mod operation;
pub mod paging;
pub mod params;
pub mod path;
pub mod policies;
pub mod responses;
pub mod security;
pub mod shapes;
pub mod shared;
pub mod types;
pub mod unions;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::error::JsonPath;
use crate::ir::Api;
use crate::load::properties::ApiProperties;
use crate::load::swagger2::{Operation, Origin, PathItem, Swagger};
use crate::naming::{self, Scope};
use crate::{Error, Options};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// The file being lowered, for error messages.
#[derive(Debug, Clone)]
pub struct Context {
    file: PathBuf,
}

impl Context {
    /// A context for `file`.
    pub fn new(file: &Path) -> Self {
        Self {
            file: file.to_owned(),
        }
    }

    /// An error at `path` of this file.
    pub fn invalid(&self, path: &JsonPath, message: &str) -> Error {
        Error::Invalid {
            file: self.file.clone(),
            path: path.to_string(),
            message: message.to_owned(),
        }
    }

    /// Converts the JSON value at `path` into `T`, naming the exact place on failure.
    fn model<T: serde::de::DeserializeOwned>(
        &self,
        path: &JsonPath,
        value: &serde_json::Value,
    ) -> Result<T, Error> {
        crate::load::json::to_model(&self.file, value.clone()).map_err(|error| match error {
            Error::Invalid {
                file,
                path: inner,
                message,
            } => Error::Invalid {
                file,
                path: if inner == "." {
                    path.to_string()
                } else {
                    format!("{path}.{inner}")
                },
                message,
            },
            other => other,
        })
    }
}

/// Lowers a Swagger document and its optional properties to the IR.
pub fn lower(
    spec_file: &Path,
    swagger: &Swagger,
    properties: Option<&ApiProperties>,
    sources: Vec<String>,
    options: &Options,
) -> Result<Api, Error> {
    let context = Context::new(spec_file);
    if swagger.origin == Origin::Swagger2 && swagger.swagger != "2.0" {
        return Err(context.invalid(
            &JsonPath::root().key("swagger"),
            &format!(
                "version `{}` is not supported; expected \"2.0\"",
                swagger.swagger
            ),
        ));
    }
    let policies = properties.map(policies::collect).unwrap_or_default();
    let mut notes = operation::Notes {
        warnings: swagger.notes.clone(),
        auth: Vec::new(),
    };
    notes.warnings.extend(policies.warnings.iter().cloned());
    let definitions = Rc::new(models::Definitions::new(
        &swagger.definitions,
        definitions_path(swagger.origin),
    ));
    let mut models = models::lower(&definitions, &mut notes.warnings);
    let mut fn_names = Scope::with_reserved(&["new", "builder", "runtime", "from"]);
    let mut operations = Vec::new();
    for (path, item) in &swagger.paths {
        let item_path = JsonPath::root().key("paths").key(path);
        for (method, operation, location) in path_operations(&context, item, &item_path)? {
            if !only::keeps(&options.only, path, &operation.tags) {
                continue;
            }
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{method} {path}"));
            let fn_name = fn_names.claim(naming::snake(&id));
            let source = operation::Source {
                path,
                method,
                operation: &operation,
                shared_parameters: &item.parameters,
                location,
                document: swagger,
                definitions: &definitions,
                models: &models,
            };
            operations.push(operation::lower(
                &context, &source, fn_name, &policies, &mut notes,
            )?);
        }
    }
    operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
    let parameter_types = shared::share_parameter_enums(&mut operations);
    if !options.only.is_empty() {
        if operations.is_empty() {
            return Err(Error::NothingSelected {
                file: spec_file.to_owned(),
                only: options.only.join(", "),
            });
        }
        only::prune_models(&mut models, &operations);
    }
    direction::mark(&mut models, &mut operations, options.operation_table);
    deferred::apply(&mut models, &mut operations, &options.defer);
    Ok(Api {
        title: swagger
            .info
            .title
            .clone()
            .unwrap_or_else(|| "API".to_owned()),
        description: swagger.info.description.clone(),
        sources,
        default_base_url: base_url(swagger),
        operations,
        models,
        parameter_types,
        auth: notes.auth,
        base_url_template: policies
            .host_template
            .as_deref()
            .and_then(connection::base_url_template),
        connection_parameters: connection::parameters(properties),
        warnings: notes.warnings,
    })
}

/// Where the shared schemas are in the file: `definitions`, or `components.schemas`.
fn definitions_path(origin: Origin) -> JsonPath {
    match origin {
        Origin::Swagger2 => JsonPath::root().key("definitions"),
        Origin::OpenApi3 => JsonPath::root().key("components").key("schemas"),
    }
}

/// One operation of a path item: its method, the operation and where it is in the file.
type PathOperation<'a> = (&'a str, Cow<'a, Operation>, JsonPath);

/// The operations of a path item, in file order: read from their JSON (Swagger) or as
/// another front end read them.
fn path_operations<'a>(
    context: &Context,
    item: &'a PathItem,
    item_path: &JsonPath,
) -> Result<Vec<PathOperation<'a>>, Error> {
    if !item.typed.is_empty() {
        return Ok(item
            .typed
            .iter()
            .map(|(method, operation)| {
                (
                    method.as_str(),
                    Cow::Borrowed(operation),
                    item_path.key(method),
                )
            })
            .collect());
    }
    let mut operations = Vec::new();
    for (method, value) in &item.methods {
        if !METHODS.contains(&method.as_str()) {
            continue;
        }
        let location = item_path.key(method);
        let operation: Operation = context.model(&location, value)?;
        operations.push((method.as_str(), Cow::Owned(operation), location));
    }
    Ok(operations)
}

/// `scheme://host/basePath` without a trailing slash; https unless only http is listed.
fn base_url(swagger: &Swagger) -> String {
    let scheme = if swagger.schemes.iter().any(|s| s == "https") || swagger.schemes.is_empty() {
        "https"
    } else {
        "http"
    };
    let host = swagger.host.as_deref().unwrap_or("localhost");
    let base_path = swagger
        .base_path
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    format!("{scheme}://{host}{base_path}")
}
