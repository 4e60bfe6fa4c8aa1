//! `cargo check` over the generated crates, batch by batch, in one shared target directory.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// What `cargo check` said about one crate.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    /// Warnings in the crate's own code.
    pub warnings: usize,
    /// Errors in the crate's own code (or a failed build).
    pub errors: usize,
    /// The first diagnostic, shortened.
    pub first: Option<String>,
}

/// Checks `crates` (names of folders under `out/crates`) in batches of `batch`.
pub fn all(
    out: &Path,
    crates: &[String],
    batch: usize,
) -> Result<HashMap<String, Diagnostics>, String> {
    let mut found = HashMap::new();
    for (index, members) in crates.chunks(batch).enumerate() {
        eprintln!("batch {} ({} crates)", index + 1, members.len());
        write_workspace(out, members)?;
        run(out, &mut found)?;
    }
    Ok(found)
}

fn write_workspace(out: &Path, members: &[String]) -> Result<(), String> {
    let members: Vec<String> = members
        .iter()
        .map(|name| format!("    \"crates/{name}\","))
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n",
        members.join("\n")
    );
    std::fs::write(out.join("Cargo.toml"), manifest)
        .map_err(|error| format!("cannot write {}: {error}", out.display()))
}

fn run(out: &Path, found: &mut HashMap<String, Diagnostics>) -> Result<(), String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let stdout = child.stdout.take().ok_or("cargo gave no output")?;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Ok(message) = serde_json::from_str::<Value>(&line) {
            record(&message, found);
        }
    }
    child
        .wait()
        .map_err(|error| format!("cargo did not finish: {error}"))?;
    Ok(())
}

/// Counts a compiler message against the crate whose manifest it names.
fn record(message: &Value, found: &mut HashMap<String, Diagnostics>) {
    let Some(crate_name) = message["manifest_path"].as_str().and_then(crate_of) else {
        return;
    };
    let entry = found.entry(crate_name).or_default();
    match message["reason"].as_str() {
        Some("compiler-message") => {
            let level = message["message"]["level"].as_str().unwrap_or("");
            match level {
                "warning" => entry.warnings += 1,
                "error" => entry.errors += 1,
                _ => return,
            }
            if entry.first.is_none() {
                let rendered = message["message"]["rendered"].as_str().unwrap_or("");
                entry.first = Some(rendered.lines().take(3).collect::<Vec<_>>().join(" / "));
            }
        }
        Some("build-finished") => {}
        _ => {}
    }
}

/// The crate folder name in `…/crates/<name>/Cargo.toml`.
fn crate_of(manifest: &str) -> Option<String> {
    let path = Path::new(manifest);
    let folder = path.parent()?;
    (folder.parent()?.file_name()? == "crates").then(|| {
        folder
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
    })?
}
