//! Generates a typed async Rust client from a Microsoft Power Platform custom connector
//! (`apiDefinition.swagger.json`, Swagger 2.0 with `x-ms-*` extensions, and optionally
//! `apiProperties.json`, its connection parameters and policies) or from an OpenAPI 3.0
//! definition.
//!
//! The data flows one way: files → document models ([`load`]) → IR ([`ir`], built by
//! [`lower`]) → tokens → formatted text ([`emit`]). Each phase is a plain function.
//!
//! ```no_run
//! // build.rs
//! let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("api.rs");
//! connector_codegen::Generator::new("apiDefinition.swagger.json")
//!     .properties("apiProperties.json")
//!     .write_in_build_script(&out) // warnings become `cargo::warning` lines
//!     .unwrap();
//! ```

#![warn(missing_docs)]

pub mod diff;
pub mod emit;
mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod standalone;

use std::path::{Path, PathBuf};

pub use error::{Error, JsonPath};

/// Generator configuration: the definition, its properties, and what to do with them.
#[derive(Debug, Clone)]
pub struct Generator {
    spec: PathBuf,
    properties: Option<PathBuf>,
    options: Options,
}

/// What to generate besides the typed client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Whether to generate the operation table (`OPERATIONS`, each operation's `INFO`): a
    /// description of every operation and parameter, and a way to call it with text
    /// arguments, for callers that pick operations at run time. On by default; it makes
    /// the crate slower to check, and request bodies are read from JSON as well as written.
    pub operation_table: bool,
    /// Keep only the operations with these tags (ignoring case) or path prefixes (starting
    /// with `/`), and the types they reach; all of them when empty.
    pub only: Vec<String>,
    /// JSON names of members to decode on demand, as `::connector_runtime::Deferred<T>`,
    /// in the structs only answers carry: an answer then decodes faster, and a caller
    /// who reads the member calls `decode()`. Only objects, lists and maps are deferred.
    /// None by default.
    pub defer: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            operation_table: true,
            only: Vec::new(),
            defer: Vec::new(),
        }
    }
}

/// Generated code and what the generator could not honour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Features of the definition that were not applied, one sentence each.
    pub warnings: Vec<String>,
    /// The API's title.
    pub title: String,
    /// The features of `connector-runtime` the code needs: `multipart` when an operation
    /// sends `multipart/form-data`. A crate that includes the code turns them on.
    pub runtime_features: Vec<String>,
}

impl Generator {
    /// A generator for the definition at `spec`: Swagger 2.0 or OpenAPI 3.0, as its
    /// `swagger` or `openapi` member says.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            properties: None,
            options: Options::default(),
        }
    }

    /// Keeps only the operations with these tags or path prefixes, and the types they
    /// reach; see [`Options::only`].
    pub fn only<I, S>(&mut self, tags_or_paths: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.only = tags_or_paths.into_iter().map(Into::into).collect();
        self
    }

    /// Decodes the members with these JSON names on demand; see [`Options::defer`].
    pub fn defer<I, S>(&mut self, members: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.defer = members.into_iter().map(Into::into).collect();
        self
    }

    /// Whether to generate the operation table; see [`Options::operation_table`].
    pub fn operation_table(&mut self, generate: bool) -> &mut Self {
        self.options.operation_table = generate;
        self
    }

    /// The options set so far.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Also reads policies and connection parameters from `apiProperties.json` at `path`.
    pub fn properties(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.properties = Some(path.into());
        self
    }

    /// The text of the definition and, when set, of the properties file.
    fn read_inputs(&self) -> Result<(String, Option<String>), Error> {
        let spec = load::json::read(&self.spec)?;
        let properties = self
            .properties
            .as_deref()
            .map(load::json::read)
            .transpose()?;
        Ok((spec, properties))
    }

    /// The lowered API and the code emitted from it, without its header (which names the
    /// files).
    fn lower_and_emit(&self) -> Result<(ir::Api, String), Error> {
        let (spec_text, properties_text) = self.read_inputs()?;
        let properties = self.properties.as_deref().zip(properties_text.as_deref());
        let api = lower_from_str(&self.spec, &spec_text, properties, &self.options)?;
        let code = emit::emit(&self.spec, &api, &self.options)?;
        let body = code
            .split_once('\n')
            .filter(|(first, _)| first.starts_with("// @generated"))
            .map_or(code.as_str(), |(_, rest)| rest)
            .to_owned();
        Ok((api, body))
    }

    /// Reads the files and returns the generated code. Writes nothing.
    ///
    /// # Errors
    ///
    /// An [`Error`] naming the file and the place in it that is wrong.
    pub fn generate(&self) -> Result<Generated, Error> {
        let (spec_text, properties_text) = self.read_inputs()?;
        let properties = self.properties.as_deref().zip(properties_text.as_deref());
        let mut generated =
            generate_from_str_with(&self.spec, &spec_text, properties, &self.options)?;
        let script = self.spec.with_file_name("script.csx");
        if script.is_file() {
            generated.warnings.push(format!(
                "{}: the connector runs custom code, which a generated client cannot run; \
                 the operations it rewrites may answer differently",
                script.display()
            ));
        }
        Ok(generated)
    }

    /// Generates and writes the code to `out`, leaving the file untouched when its content
    /// would not change. Returns the warnings.
    ///
    /// # Errors
    ///
    /// As [`Generator::generate`], or when `out` cannot be written.
    pub fn write(&self, out: &Path) -> Result<Vec<String>, Error> {
        let generated = self.generate()?;
        let current = std::fs::read_to_string(out).ok();
        if current.as_deref() != Some(generated.code.as_str()) {
            std::fs::write(out, &generated.code).map_err(|source| Error::Write {
                file: out.to_owned(),
                source,
            })?;
        }
        Ok(generated.warnings)
    }

    /// [`Generator::write`] for a build script: writes the code to `out` and prints each
    /// warning as a `cargo::warning` line, which Cargo shows to whoever builds the crate.
    ///
    /// # Errors
    ///
    /// As [`Generator::write`].
    pub fn write_in_build_script(&self, out: &Path) -> Result<(), Error> {
        for warning in self.write(out)? {
            println!("cargo::warning={warning}");
        }
        Ok(())
    }
}

/// Generates code from the text of a definition and, optionally, of its properties.
///
/// The paths only name the inputs in errors and in the generated header.
///
/// # Errors
///
/// An [`Error`] naming the file and the place in it that is wrong.
pub fn generate_from_str(
    spec_path: &Path,
    spec_text: &str,
    properties: Option<(&Path, &str)>,
) -> Result<Generated, Error> {
    generate_from_str_with(spec_path, spec_text, properties, &Options::default())
}

/// [`generate_from_str`] with [`Options`].
///
/// # Errors
///
/// An [`Error`] naming the file and the place in it that is wrong.
pub fn generate_from_str_with(
    spec_path: &Path,
    spec_text: &str,
    properties: Option<(&Path, &str)>,
    options: &Options,
) -> Result<Generated, Error> {
    let api = lower_from_str(spec_path, spec_text, properties, options)?;
    let code = emit::emit(spec_path, &api, options)?;
    Ok(Generated {
        code,
        runtime_features: api.runtime_features().into_iter().map(Into::into).collect(),
        warnings: api.warnings,
        title: api.title,
    })
}

/// Reads and lowers a definition into the [`ir::Api`] that code is emitted from; what
/// [`diff::compare`] compares.
///
/// # Errors
///
/// An [`Error`] naming the file and the place in it that is wrong.
pub fn lower_from_str(
    spec_path: &Path,
    spec_text: &str,
    properties: Option<(&Path, &str)>,
    options: &Options,
) -> Result<ir::Api, Error> {
    let swagger = load::definition(spec_path, spec_text)?;
    let mut sources = vec![file_name(spec_path)];
    let properties = match properties {
        Some((path, text)) => {
            sources.push(file_name(path));
            Some(load::json::to_model(path, load::json::parse(path, text)?)?)
        }
        None => None,
    };
    lower::lower(spec_path, &swagger, properties.as_ref(), sources, options)
}

/// Compares what two definitions generate: each change marked breaking or compatible for
/// users of the generated crate, and the version bump they imply.
///
/// # Errors
///
/// An [`Error`] naming the file (of either definition) and the place in it that is wrong.
pub fn diff(old: &Generator, new: &Generator) -> Result<diff::Report, Error> {
    let (old_api, old_code) = old.lower_and_emit()?;
    let (new_api, new_code) = new.lower_and_emit()?;
    Ok(diff::compare(&old_api, &new_api, old_code != new_code))
}

/// The file name of `path`, for the generated header (never a machine-specific path).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
