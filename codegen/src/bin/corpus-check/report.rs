//! The per-connector report and its totals.

use std::fmt::Write as _;
use std::path::Path;

use crate::generate::Outcome;

/// Totals over every connector.
#[derive(Debug, Default)]
pub struct Summary {
    /// Definitions that are JSON.
    pub valid: usize,
    /// Valid definitions whose crate checks with no error and no warning.
    pub passed: usize,
    /// Invalid definitions refused with a located error.
    pub refused_with_location: usize,
    /// Runs in which the generator panicked.
    pub panics: usize,
}

impl Summary {
    /// The share of valid definitions that passed, in percent.
    pub fn pass_rate(&self) -> f64 {
        if self.valid == 0 {
            100.0
        } else {
            self.passed as f64 * 100.0 / self.valid as f64
        }
    }

    /// One line with the totals.
    pub fn line(&self) -> String {
        format!(
            "{} of {} valid definitions pass ({:.1}%); {} invalid definitions refused with a location; {} panics",
            self.passed,
            self.valid,
            self.pass_rate(),
            self.refused_with_location,
            self.panics
        )
    }
}

/// Writes the report to `file` (best effort) and returns the totals.
pub fn write(file: &Path, outcomes: &[Outcome]) -> Summary {
    let mut summary = Summary::default();
    let mut rows = String::new();
    for outcome in outcomes {
        let (name, result, detail) = row(outcome, &mut summary);
        let detail = detail.replace('|', "\\|");
        let _ = writeln!(rows, "| {name} | {result} | {detail} |");
    }
    let text = format!(
        "# Corpus check\n\n{}\n\n| connector | result | detail |\n|---|---|---|\n{rows}",
        summary.line()
    );
    if let Err(error) = std::fs::write(file, text) {
        eprintln!("cannot write {}: {error}", file.display());
    }
    summary
}

fn row<'a>(outcome: &'a Outcome, summary: &mut Summary) -> (&'a str, &'static str, String) {
    match outcome {
        Outcome::RefusedWithLocation { name, error } => {
            summary.refused_with_location += 1;
            (name, "invalid JSON, refused", error.clone())
        }
        Outcome::Refused { name, error } => {
            summary.valid += 1;
            (name, "FAIL (generator)", error.clone())
        }
        Outcome::Panicked { name } => {
            summary.valid += 1;
            summary.panics += 1;
            (name, "FAIL (panic)", String::new())
        }
        Outcome::Generated {
            name,
            warnings,
            errors,
            first,
            ..
        } => {
            summary.valid += 1;
            if *warnings == 0 && *errors == 0 {
                summary.passed += 1;
                (name, "pass", String::new())
            } else {
                let counts = format!("{errors} errors, {warnings} warnings: ");
                (
                    name,
                    "FAIL (cargo check)",
                    counts + first.as_deref().unwrap_or(""),
                )
            }
        }
    }
}
