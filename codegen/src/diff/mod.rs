//! What a change of definition means for the users of the generated crate: each operation
//! and type added, removed or changed, marked breaking or compatible, and the version bump
//! that follows.
//!
//! The rules follow what the generated code looks like. Models, enums, unions and status
//! enums are `#[non_exhaustive]`, request models are built with `new(required members)` or
//! `Default`, optional parameters are setters and required ones are arguments. So adding an
//! operation, an optional parameter, a member, an enum value or a type is compatible, and
//! removing or retyping any of them, adding a required parameter or a required member of a
//! request model, is breaking.

mod operations;
mod render;
mod types;

use serde::Serialize;

use crate::ir::{Api, TypeRef};

/// Whether a change breaks code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Only documentation, behaviour on the wire, or what the compiler does not see.
    Patch,
    /// New API; code that compiled still compiles.
    Compatible,
    /// Code that compiled may not compile any more.
    Breaking,
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The item is new.
    Added,
    /// The item is gone.
    Removed,
    /// The item is still there, different.
    Changed,
}

/// One entry of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The item, as users name it: `fn apps_list`, `models::App`, `models::App.name`.
    pub item: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What changed, in a sentence.
    pub detail: String,
    /// What it means for users.
    pub impact: Impact,
}

/// The version bump a report implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing users can see changed.
    None,
    /// Fixes and documentation.
    Patch,
    /// New API, nothing broken.
    Minor,
    /// Something users rely on is gone or different.
    Major,
}

/// Every change between two lowered APIs, operations first, and the bump they imply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The changes, in the order of the new definition (removed items after).
    pub changes: Vec<Change>,
    /// The bump: major when anything breaks, minor when API was added, else patch.
    pub bump: Bump,
}

impl Report {
    /// Whether any change breaks users.
    pub fn is_breaking(&self) -> bool {
        self.bump == Bump::Major
    }

    /// The version after `current` under this report's bump, as Cargo reads versions:
    /// before 1.0 a breaking change raises the minor number (`0.3.2` → `0.4.0`) and
    /// anything else the patch number; `0.0.z` always raises `z`.
    pub fn next_version(&self, current: &Version) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = *current;
        match (self.bump, major, minor) {
            (Bump::None, ..) => *current,
            (_, 0, 0) => Version::new(0, 0, patch + 1),
            (Bump::Major, 0, _) => Version::new(0, minor + 1, 0),
            (_, 0, _) => Version::new(0, minor, patch + 1),
            (Bump::Major, ..) => Version::new(major + 1, 0, 0),
            (Bump::Minor, ..) => Version::new(major, minor + 1, 0),
            (Bump::Patch, ..) => Version::new(major, minor, patch + 1),
        }
    }

    /// The report as text: one line per change, then the bump.
    pub fn to_text(&self, current: Option<&Version>) -> String {
        render::text(self, current)
    }
}

/// A `major.minor.patch` version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

impl Version {
    /// `major.minor.patch`.
    pub fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }
}

impl std::str::FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let numbers: Vec<Result<u64, _>> = text.trim().split('.').map(str::parse).collect();
        match numbers.as_slice() {
            [Ok(major), Ok(minor), Ok(patch)] => Ok(Version::new(*major, *minor, *patch)),
            _ => Err(format!("`{text}` is not a version such as 0.3.1")),
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Compares two lowered APIs. `code_changed` says whether the generated text differs at
/// all, so that a change this report has no entry for still asks for a patch release.
pub fn compare(old: &Api, new: &Api, code_changed: bool) -> Report {
    let mut changes = operations::compare(old, new);
    changes.extend(operations::compare_connection(old, new));
    changes.extend(types::compare(old, new));
    let bump = match changes.iter().map(|change| change.impact).max() {
        Some(Impact::Breaking) => Bump::Major,
        Some(Impact::Compatible) => Bump::Minor,
        Some(Impact::Patch) => Bump::Patch,
        None if code_changed => Bump::Patch,
        None => Bump::None,
    };
    Report { changes, bump }
}

/// A type as the generated code spells it from the crate root (`operations::<module>::X`
/// for an operation's own types, `models::X` for shared ones), for comparing and messages.
fn type_text(ty: &TypeRef, module: &str) -> String {
    readable(&crate::emit::names::type_text(ty, &root(module)))
}

/// Where [`type_text`] and [`field_text`] spell types from.
fn root(module: &str) -> crate::emit::names::Place<'_> {
    crate::emit::names::Place::Root { module }
}

/// A struct member's type as the generated code declares it (`Option`, `Box` and all).
fn field_text(field: &crate::ir::Field, module: &str) -> String {
    readable(&crate::emit::compact::field_type(field, &root(module)))
}

/// Generated spelling without the absolute paths: `BTreeMap<…>`, `serde_json::Value`, and a
/// shared type that names an operation's own type by its name alone.
fn readable(text: &str) -> String {
    text.replace("::std::collections::", "")
        .replace("::serde_json::", "serde_json::")
        .replace("::connector_runtime::", "connector_runtime::")
        .replace("operations::::", "")
}

/// A change entry.
fn change(item: String, kind: ChangeKind, detail: String, impact: Impact) -> Change {
    Change {
        item,
        kind,
        detail,
        impact,
    }
}
