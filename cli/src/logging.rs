//! `-v` / `-vv`: tracing output of the client crates on stderr.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

/// The crates whose events are shown: this tool, the runtime and the generated client.
/// Transport crates (reqwest, hyper) stay silent at every level.
const CRATES: [&str; 3] = ["asc", "connector_runtime", "app_store_connect"];

/// The level for a number of `-v`: errors only, then info, then everything.
fn level(verbosity: u8) -> &'static str {
    match verbosity {
        0 => "error",
        1 => "info",
        _ => "trace",
    }
}

/// The filter directives, e.g. `asc=info,connector_runtime=info,app_store_connect=info`.
fn directives(verbosity: u8) -> String {
    let level = level(verbosity);
    CRATES
        .iter()
        .map(|name| format!("{name}={level}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Installs the stderr subscriber. Tokens, keys and header values are never logged by
/// the runtime, so nothing secret can appear whatever the level.
pub fn init(verbosity: u8) {
    let filter =
        EnvFilter::try_new(directives(verbosity)).unwrap_or_else(|_| EnvFilter::new("off"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(true)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbosity_maps_to_levels_for_the_client_crates_only() {
        assert_eq!(
            directives(1),
            "asc=info,connector_runtime=info,app_store_connect=info"
        );
        assert!(directives(0).contains("asc=error"));
        assert!(directives(5).contains("connector_runtime=trace"));
        assert!(EnvFilter::try_new(directives(2)).is_ok());
    }
}
