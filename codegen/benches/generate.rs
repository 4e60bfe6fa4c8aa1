//! How long generation takes, from text to formatted code: the App Store Connect connector
//! (what `build.rs` does on every change of the connector), a test fixture, and Apple's
//! whole OpenAPI definition (what the `app-store-connect-api` crate's `build.rs` does).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn generation(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = [
        (
            "app_store_connect",
            root.join("../apiDefinition.swagger.json"),
            root.join("../apiProperties.json"),
        ),
        (
            "catalog_fixture",
            root.join("tests/fixtures/catalog.swagger.json"),
            root.join("tests/fixtures/catalog.apiProperties.json"),
        ),
    ];
    for (name, spec, properties) in inputs {
        let (spec_text, properties_text) = (read(&spec), read(&properties));
        c.bench_function(&format!("generate/{name}"), |b| {
            b.iter(|| {
                connector_codegen::generate_from_str(
                    &spec,
                    &spec_text,
                    Some((&properties, &properties_text)),
                )
                .expect("the input generates")
            })
        });
    }
}

fn apple(c: &mut Criterion) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/openapi.json");
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
