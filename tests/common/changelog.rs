//! `generated/CHANGES.md`: what each regeneration of the committed copy means for users,
//! newest first, from `connector-codegen diff` between the definition the copy was last
//! generated from (kept in `generated/definition/`) and the current one.

use std::io::Write as _;
use std::path::Path;

use super::generator::{FILES, generator};

const SNAPSHOT: &str = "generated/definition";
const CHANGES: &str = "generated/CHANGES.md";
const TITLE: &str = "# Changes of the generated client\n\n\
    What each regeneration means for users of the crate, newest first \
    (`connector-codegen diff`).\n";

/// Whether the snapshot holds the current definition files.
pub fn snapshot_is_current(root: &Path) -> bool {
    FILES.iter().all(|file| {
        let current = std::fs::read(root.join(file)).ok();
        current.is_some() && current == std::fs::read(root.join(SNAPSHOT).join(file)).ok()
    })
}

/// Adds the report of the change from the snapshot to the current definition at the top of
/// `CHANGES.md`, prints it (past the test harness's capture), and updates the snapshot.
pub fn record(root: &Path) {
    if snapshot_is_current(root) {
        return;
    }
    let snapshot = root.join(SNAPSHOT);
    if snapshot.join(FILES[0]).is_file() {
        let report = connector_codegen::diff(&generator(&snapshot), &generator(root))
            .expect("both definitions generate");
        let text = report.to_text(None);
        let _ = writeln!(std::io::stderr(), "\n{CHANGES}:\n{text}");
        let path = root.join(CHANGES);
        let previous = std::fs::read_to_string(&path).unwrap_or_default();
        let older = previous
            .strip_prefix(TITLE)
            .unwrap_or(&previous)
            .trim_start();
        let bump = text.lines().last().unwrap_or_default();
        let entry = format!("\n## {bump}\n\n```text\n{text}```\n");
        let separator = if older.is_empty() { "" } else { "\n" };
        std::fs::write(&path, format!("{TITLE}{entry}{separator}{older}")).unwrap();
    }
    std::fs::create_dir_all(&snapshot).unwrap();
    for file in FILES {
        std::fs::copy(root.join(file), snapshot.join(file)).unwrap();
    }
}
