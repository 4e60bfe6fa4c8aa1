//! The text form of a report.

use std::fmt::Write as _;

use super::{Bump, ChangeKind, Impact, Report, Version};

/// One line per change (`breaking`, `compatible` or `patch`, then what and where), then the
/// bump and, given the current version, the next one.
pub fn text(report: &Report, current: Option<&Version>) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let impact = match change.impact {
            Impact::Breaking => "breaking  ",
            Impact::Compatible => "compatible",
            Impact::Patch => "patch     ",
        };
        let kind = match change.kind {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        };
        let _ = writeln!(out, "{impact} {kind:<7} {}: {}", change.item, change.detail);
    }
    if report.changes.is_empty() {
        out.push_str("no change users can see\n");
    }
    let breaking = report
        .changes
        .iter()
        .filter(|change| change.impact == Impact::Breaking)
        .count();
    let bump = match report.bump {
        Bump::Major => format!("major: {breaking} breaking change(s)"),
        Bump::Minor => "minor: new API, nothing breaks".to_owned(),
        Bump::Patch => "patch: nothing users call changes".to_owned(),
        Bump::None => "none: the generated code is the same".to_owned(),
    };
    let _ = writeln!(out, "bump: {bump}");
    if let Some(current) = current {
        let _ = writeln!(out, "next version: {}", report.next_version(current));
    }
    out
}
