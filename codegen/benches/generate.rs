//! How long generation takes: the App Store Connect connector (what `build.rs` does on every
//! change of the connector) and the test fixture, from text to formatted code.

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

criterion_group!(benches, generation);
criterion_main!(benches);
