//! A standalone crate around generated code: `Cargo.toml` and `src/lib.rs`.

use std::path::{Path, PathBuf};

use crate::Error;

/// What a standalone crate is made of.
#[derive(Debug, Clone)]
pub struct CrateSpec {
    /// The package name, such as `acme-connector`.
    pub name: String,
    /// The `connector-runtime` crate the generated code depends on.
    pub runtime_path: PathBuf,
    /// The features of `connector-runtime` the code needs ([`crate::Generated::runtime_features`]).
    pub runtime_features: Vec<String>,
}

/// A package name from free text: lower-case words joined by `-`, starting with a letter.
pub fn package_name(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let name = words.join("-");
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("connector-{name}").trim_end_matches('-').to_owned()
    }
}

/// The `Cargo.toml` of the crate. It has no `[workspace]` table, so it can join one.
pub fn manifest(spec: &CrateSpec) -> String {
    let runtime = spec.runtime_path.display().to_string().replace('\\', "/");
    let features = if spec.runtime_features.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = spec
            .runtime_features
            .iter()
            .map(|feature| format!("\"{feature}\""))
            .collect();
        format!(", features = [{}]", quoted.join(", "))
    };
    format!(
        "[package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         connector-runtime = {{ path = \"{runtime}\"{features} }}\n\
         serde_json = \"1\"\n",
        name = spec.name,
    )
}

/// `src/lib.rs`: the generated code, headed by a crate doc comment.
pub fn lib_rs(code: &str, title: &str) -> String {
    let (header, rest) = code.split_once('\n').unwrap_or((code, ""));
    format!("{header}\n\n//! A client for {title}, generated from its definition.\n{rest}")
}

/// Writes the crate to `out`, creating `out/src`; files whose content is unchanged are left
/// alone.
///
/// # Errors
///
/// [`Error::Write`] naming the file that could not be written.
pub fn write(out: &Path, spec: &CrateSpec, code: &str, title: &str) -> Result<(), Error> {
    let source = out.join("src");
    std::fs::create_dir_all(&source).map_err(|source_error| Error::Write {
        file: source.clone(),
        source: source_error,
    })?;
    write_if_changed(&out.join("Cargo.toml"), &manifest(spec))?;
    write_if_changed(&source.join("lib.rs"), &lib_rs(code, title))
}

fn write_if_changed(file: &Path, content: &str) -> Result<(), Error> {
    if std::fs::read_to_string(file).is_ok_and(|current| current == content) {
        return Ok(());
    }
    std::fs::write(file, content).map_err(|source| Error::Write {
        file: file.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_valid_cargo_names() {
        assert_eq!(
            package_name("certified-connectors-1me-corporate"),
            "certified-connectors-1me-corporate"
        );
        assert_eq!(
            package_name("App Store Connect - App Store"),
            "app-store-connect-app-store"
        );
        assert_eq!(package_name("365 Training"), "connector-365-training");
        assert_eq!(package_name("!!"), "connector");
    }

    #[test]
    fn the_manifest_has_no_workspace_table() {
        let manifest = manifest(&CrateSpec {
            name: "demo".into(),
            runtime_path: "/opt/runtime".into(),
            runtime_features: Vec::new(),
        });
        assert!(manifest.contains("name = \"demo\""));
        assert!(manifest.contains("connector-runtime = { path = \"/opt/runtime\" }"));
        assert!(!manifest.contains("[workspace]"));
    }

    #[test]
    fn the_manifest_turns_on_the_runtime_features_the_code_needs() {
        let manifest = manifest(&CrateSpec {
            name: "uploads".into(),
            runtime_path: "/opt/runtime".into(),
            runtime_features: vec!["multipart".into()],
        });
        assert!(manifest.contains(
            "connector-runtime = { path = \"/opt/runtime\", features = [\"multipart\"] }"
        ));
    }
}
