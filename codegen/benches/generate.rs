//! How long generation takes, against the floor of merely parsing the same JSON.
//!
//! Group `generate`:
//! - `connector`: the App Store Connect connector, files to formatted text (what the
//!   client's `build.rs` does on every change of the connector);
//! - `json_parse_floor`: serde_json parsing the same two files into `serde_json::Value`s;
//! - `catalog_fixture`: a small connector of the test suite;
//! - `apple_3_7_0`: Apple's whole OpenAPI definition, without the operation table (what the
//!   `app-store-connect-api` crate's `build.rs` does).

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

fn generation(c: &mut Criterion) {
    let spec = root().join("../apiDefinition.swagger.json");
    let properties = root().join("../apiProperties.json");
    let mut group = c.benchmark_group("generate");
    group.bench_function("connector", |b| {
        b.iter(|| {
            connector_codegen::Generator::new(&spec)
                .properties(&properties)
                .generate()
                .expect("the connector generates")
        })
    });
    let (spec_bytes, properties_bytes) = (read(&spec), read(&properties));
    group.bench_function("json_parse_floor", |b| {
        b.iter(|| {
            let spec: serde_json::Value =
                serde_json::from_str(&spec_bytes).expect("the definition is JSON");
            let properties: serde_json::Value =
                serde_json::from_str(&properties_bytes).expect("the properties are JSON");
            (spec, properties)
        })
    });
    let fixture = root().join("tests/fixtures/catalog.swagger.json");
    let fixture_properties = root().join("tests/fixtures/catalog.apiProperties.json");
    group.bench_function("catalog_fixture", |b| {
        b.iter(|| {
            connector_codegen::Generator::new(&fixture)
                .properties(&fixture_properties)
                .generate()
                .expect("the fixture generates")
        })
    });
    group.finish();
}

fn apple(c: &mut Criterion) {
    let spec = root().join("../api/openapi.json");
    let text = read(&spec);
    let mut options = connector_codegen::Options::default();
    options.operation_table = false;
    let mut group = c.benchmark_group("generate");
    group.sample_size(20);
    group.bench_function("apple_3_7_0", |b| {
        b.iter(|| {
            connector_codegen::generate_from_str_with(&spec, &text, None, &options)
                .expect("the definition generates")
        })
    });
    group.finish();
}

criterion_group!(benches, generation, apple);
criterion_main!(benches);
