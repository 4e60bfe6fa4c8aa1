//! Front ends: files on disk to document models.

pub mod json;
pub mod lenient;
pub mod properties;
pub mod swagger2;
