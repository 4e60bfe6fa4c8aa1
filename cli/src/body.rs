//! JSON request bodies given on the command line: inline, `@FILE`, or `@-` for stdin.

use std::io::Read as _;

use crate::exit::CliError;

/// The JSON text of a body flag: `text` itself, or the contents of the file it names
/// after `@` (`@-`: standard input).
pub fn text(flag: &str, text: String) -> Result<String, CliError> {
    let Some(path) = text.strip_prefix('@') else {
        return Ok(text);
    };
    let read = if path == "-" {
        let mut buffer = String::new();
        std::io::stdin().read_to_string(&mut buffer).map(|_| buffer)
    } else {
        std::fs::read_to_string(path)
    };
    read.map_err(|error| CliError::Usage(format!("--{flag}: cannot read `{path}`: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_json_passes_and_missing_files_are_usage_errors() {
        assert_eq!(text("body", "{\"a\":1}".into()).unwrap(), "{\"a\":1}");
        let error = text("body", "@/nonexistent/body.json".into()).unwrap_err();
        assert!(error.to_string().contains("--body: cannot read"), "{error}");
    }
}
