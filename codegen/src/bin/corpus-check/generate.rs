//! Generating one crate per connector and recording what happened.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use connector_codegen::standalone::{self, CrateSpec};
use connector_codegen::{Error, Generator};

use crate::check::Diagnostics;

/// One definition to generate: a connector folder, or an API definition file.
#[derive(Debug, Clone)]
pub struct Connector {
    /// The folder name, or the file name.
    pub name: String,
    /// The definition: a connector's `apiDefinition.swagger.json`, or a Swagger 2.0 or
    /// OpenAPI 3.0 document of its own; the generator tells which from its content.
    pub definition: PathBuf,
    /// The connector's `apiProperties.json`, when it has one.
    pub properties: Option<PathBuf>,
}

/// What became of one connector.
#[derive(Debug)]
pub enum Outcome {
    /// The definition is not JSON and the generator said where.
    RefusedWithLocation { name: String, error: String },
    /// The generator refused a definition that is JSON.
    Refused { name: String, error: String },
    /// The generator panicked.
    Panicked { name: String },
    /// The crate was generated; the diagnostics of `cargo check` follow.
    Generated {
        name: String,
        crate_name: String,
        warnings: usize,
        errors: usize,
        first: Option<String>,
    },
}

impl Outcome {
    /// The crate to check, for generated connectors.
    pub fn crate_name(&self) -> Option<&str> {
        match self {
            Outcome::Generated { crate_name, .. } => Some(crate_name),
            _ => None,
        }
    }
}

/// The definitions in `folder`, in name order, keeping every `every`-th one: each
/// sub-folder holding an `apiDefinition.swagger.json`, and each `.json` file.
pub fn connectors(folder: &Path, every: usize) -> std::io::Result<Vec<Connector>> {
    let mut connectors: Vec<Connector> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(|entry| definition(&entry.path()))
        .collect();
    connectors.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(connectors.into_iter().step_by(every).collect())
}

/// The definition at `path`: a connector folder or a JSON file.
fn definition(path: &Path) -> Option<Connector> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if path.is_dir() {
        let definition = path.join("apiDefinition.swagger.json");
        let properties = path.join("apiProperties.json");
        return definition.is_file().then(|| Connector {
            name,
            definition,
            properties: properties.is_file().then_some(properties),
        });
    }
    let is_json = path
        .extension()
        .is_some_and(|extension| extension == "json");
    (is_json && path.is_file()).then(|| Connector {
        name,
        definition: path.to_owned(),
        properties: None,
    })
}

/// Generates every connector's crate under `out/crates`.
/// `defer` names the answer members decoded on demand.
pub fn all(connectors: &[Connector], out: &Path, runtime: &Path, defer: &[String]) -> Vec<Outcome> {
    connectors
        .iter()
        .map(|connector| one(connector, out, runtime, defer))
        .collect()
}

fn one(connector: &Connector, out: &Path, runtime: &Path, defer: &[String]) -> Outcome {
    let name = connector.name.clone();
    let mut generator = Generator::new(&connector.definition);
    generator.defer(defer.iter().cloned());
    if let Some(properties) = &connector.properties {
        generator.properties(properties);
    }
    let generated = match catch_unwind(AssertUnwindSafe(|| generator.generate())) {
        Err(_) => return Outcome::Panicked { name },
        Ok(Err(error @ Error::Syntax { .. })) => {
            return Outcome::RefusedWithLocation {
                name,
                error: error.to_string(),
            };
        }
        Ok(Err(error)) => {
            return Outcome::Refused {
                name,
                error: error.to_string(),
            };
        }
        Ok(Ok(generated)) => generated,
    };
    let crate_name = standalone::package_name(&format!("check {}", connector.name));
    let spec = CrateSpec {
        name: crate_name.clone(),
        runtime_path: runtime.to_owned(),
        runtime_features: generated.runtime_features.clone(),
    };
    let folder = out.join("crates").join(&crate_name);
    if let Err(error) = standalone::write(&folder, &spec, &generated.code, &generated.title) {
        return Outcome::Refused {
            name,
            error: error.to_string(),
        };
    }
    Outcome::Generated {
        name,
        crate_name,
        warnings: 0,
        errors: 0,
        first: None,
    }
}

/// Fills in the diagnostics of each generated crate.
pub fn attach(outcomes: &mut [Outcome], diagnostics: &HashMap<String, Diagnostics>) {
    for outcome in outcomes {
        if let Outcome::Generated {
            crate_name,
            warnings,
            errors,
            first,
            ..
        } = outcome
            && let Some(found) = diagnostics.get(crate_name.as_str())
        {
            *warnings = found.warnings;
            *errors = found.errors;
            first.clone_from(&found.first);
        }
    }
}
