//! Loading, lowering and emission of arbitrary input must end in code or an error, never a
//! panic. The input is a definition, optionally followed by a NUL byte and properties.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (spec, properties) = match data.iter().position(|&byte| byte == 0) {
        Some(nul) => (&data[..nul], Some(&data[nul + 1..])),
        None => (data, None),
    };
    let Ok(spec) = std::str::from_utf8(spec) else { return };
    let properties = properties.and_then(|bytes| std::str::from_utf8(bytes).ok());
    let properties = properties.map(|text| (Path::new("apiProperties.json"), text));
    let _ = connector_codegen::generate_from_str(Path::new("apiDefinition.swagger.json"), spec, properties);
});
