//! Reading, lowering and emission of an arbitrary OpenAPI 3.0 document must end in code or
//! an error, never a panic. The input is the document, optionally followed by a NUL byte and
//! options, one a line: `-table` leaves out the operation table; any other line is an entry
//! of `only` (a tag, or a path prefix starting with `/`).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (spec, options_text) = match data.iter().position(|&byte| byte == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let Ok(spec) = std::str::from_utf8(spec) else { return };
    // Documents without an `openapi` member go to the Swagger 2.0 front end, which the
    // `generate` target covers.
    if !spec.contains("\"openapi\"") {
        return;
    }
    let mut options = connector_codegen::Options::default();
    for line in String::from_utf8_lossy(options_text).lines() {
        match line {
            "" => {}
            "-table" => options.operation_table = false,
            entry => options.only.push(entry.to_owned()),
        }
    }
    let _ = connector_codegen::generate_from_str_with(Path::new("openapi.json"), spec, None, &options);
});
