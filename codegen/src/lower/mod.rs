//! Lowering: document models to the IR. Every error names the JSON path it is about.

pub mod connection;
pub mod models;
pub mod operation;
pub mod paging;
pub mod params;
pub mod path;
pub mod policies;
pub mod responses;
pub mod security;
pub mod types;

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::Error;
use crate::error::JsonPath;
use crate::ir::Api;
use crate::load::properties::ApiProperties;
use crate::load::swagger2::{Operation, Swagger};
use crate::naming::{self, Scope};

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
) -> Result<Api, Error> {
    let context = Context::new(spec_file);
    if swagger.swagger != "2.0" {
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
        warnings: policies.warnings.clone(),
        auth: Vec::new(),
    };
    let definitions = Rc::new(models::Definitions::new(&swagger.definitions));
    let models = models::lower(&definitions, &mut notes.warnings);
    let mut fn_names = Scope::with_reserved(&["new", "builder", "runtime", "from"]);
    let mut operations = Vec::new();
    for (path, item) in &swagger.paths {
        let item_path = JsonPath::root().key("paths").key(path);
        for (method, value) in &item.methods {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let location = item_path.key(method);
            let operation: Operation = context.model(&location, value)?;
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
            };
            operations.push(operation::lower(
                &context, &source, fn_name, &policies, &mut notes,
            )?);
        }
    }
    operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
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
        auth: notes.auth,
        base_url_template: policies
            .host_template
            .as_deref()
            .and_then(connection::base_url_template),
        connection_parameters: connection::parameters(properties),
        warnings: notes.warnings,
    })
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
