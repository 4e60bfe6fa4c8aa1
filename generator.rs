//! How this crate's client is generated from the connector definition: one place for
//! `build.rs` and for the tests that keep `generated/` in sync with it.

use std::path::Path;

use connector_codegen::Generator;

/// The connector's files, as named at the crate root and in `generated/definition/`.
pub const FILES: [&str; 2] = ["apiDefinition.swagger.json", "apiProperties.json"];

/// Answer members decoded on demand (`connector_runtime::Deferred`): the `relationships`
/// of App Store Connect resources, links to related resources that most callers never
/// follow. Building every link of a page of 50 apps was most of what decoding it cost.
pub const DEFERRED: [&str; 1] = ["relationships"];

/// The generator for the definition files in `folder`.
pub fn generator(folder: &Path) -> Generator {
    let mut generator = Generator::new(folder.join(FILES[0]));
    generator.properties(folder.join(FILES[1])).defer(DEFERRED);
    generator
}
