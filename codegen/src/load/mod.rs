//! Front ends: files on disk to document models. OpenAPI 3.0 needs the `openapi` feature.

pub mod json;
pub mod lenient;
#[cfg(feature = "openapi")]
pub mod openapi3;
pub mod properties;
pub mod swagger2;

use std::path::Path;

use crate::Error;
use swagger2::Swagger;

/// Reads a definition, Swagger 2.0 or OpenAPI 3.0 as its `swagger` or `openapi` member
/// says, into the document model.
///
/// # Errors
///
/// An [`Error`] with `line:column` for invalid JSON, or the JSON path of what is wrong.
pub fn definition(file: &Path, text: &str) -> Result<Swagger, Error> {
    let value = json::parse(file, text)?;
    if value.get("openapi").is_some() {
        openapi(file, value)
    } else if value.get("swagger").is_some() || !value.is_object() {
        json::to_model(file, value)
    } else {
        Err(Error::Invalid {
            file: file.to_owned(),
            path: ".".to_owned(),
            message: "the file is neither a Swagger 2.0 definition (`\"swagger\": \"2.0\"`) \
                      nor an OpenAPI 3.0 one (`\"openapi\": \"3.0.x\"`)"
                .to_owned(),
        })
    }
}

#[cfg(feature = "openapi")]
fn openapi(file: &Path, value: serde_json::Value) -> Result<Swagger, Error> {
    openapi3::read(file, value)
}

#[cfg(not(feature = "openapi"))]
fn openapi(file: &Path, _: serde_json::Value) -> Result<Swagger, Error> {
    Err(Error::Invalid {
        file: file.to_owned(),
        path: "openapi".to_owned(),
        message: "this is an OpenAPI 3.0 definition, and connector-codegen was built without \
                  its `openapi` feature: enable it to read one"
            .to_owned(),
    })
}
