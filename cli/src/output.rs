//! Printing: the document on stdout, errors on stderr in words a person can act on.

use std::fmt::Write as _;
use std::io::Write as _;

use connector_runtime::{ApiError, Error, StatusCode};
use serde_json::Value;

use crate::document::Json;
use crate::exit::CliError;

/// Prints `document` on stdout: indented, or on one line with `compact`.
pub fn print_document(document: &Json, compact: bool) -> Result<(), CliError> {
    let text = if compact {
        serde_json::to_string(document)
    } else {
        serde_json::to_string_pretty(document)
    }
    .map_err(|error| CliError::Output(std::io::Error::other(error)))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(CliError::Output)
}

/// The text printed on stderr for `error`, ending with a line break.
pub fn describe(error: &CliError) -> String {
    let mut text = match error {
        CliError::InvalidArgument {
            flag: Some(flag),
            source,
        } => format!("error: {flag}: {source}\n"),
        CliError::Client(error) => describe_client(error),
        CliError::Usage(message) => {
            format!("error: {message}\n\nFor more information, try '--help'.\n")
        }
        other => format!("error: {other}\n"),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A runtime error: Apple's entries one by one, or the message and its causes.
fn describe_client(error: &Error) -> String {
    match error {
        Error::Api(api) => describe_api(api),
        Error::Timeout { .. } => format!(
            "error: {error}\n{}hint: raise --timeout (or ASC_TIMEOUT_SECONDS)\n",
            causes(error)
        ),
        Error::Transport { .. } => format!(
            "error: {error}\n{}hint: check --base-url (or ASC_BASE_URL) and the network\n",
            causes(error)
        ),
        Error::CutShort { .. } => format!(
            "error: {error}\nhint: the connection dropped mid-answer; retry, or raise \
             --max-retries (or ASC_MAX_RETRIES)\n"
        ),
        Error::BodyTooLarge { .. } => format!(
            "error: {error}\nhint: raise --max-body-size (or ASC_MAX_BODY_SIZE), such as \
             --max-body-size 256MiB\n"
        ),
        Error::ForeignRedirect { .. } => format!(
            "error: refused an unsafe answer: {error}\nhint: --base-url (or ASC_BASE_URL) \
             may need to be the server the redirect points to\n"
        ),
        Error::ForeignNextLink { .. } => format!(
            "error: refused an unsafe answer: {error}\nhint: the server's links.next must stay \
             on the base URL's scheme, host and port; the pages before it were not printed\n"
        ),
        other => format!("error: {other}\n"),
    }
}

/// `HTTP 404 Not Found`, then per entry its code, title, detail and source.
fn describe_api(api: &ApiError) -> String {
    let reason = StatusCode::from_u16(api.status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("");
    let mut text = format!(
        "error: App Store Connect answered HTTP {} {reason}\n",
        api.status
    );
    for entry in &api.errors {
        let _ = writeln!(text, "  {}: {}", entry.code, entry.title);
        if let Some(detail) = entry.detail.as_deref().filter(|d| !d.is_empty()) {
            let _ = writeln!(text, "    detail: {detail}");
        }
        if let Some(source) = &entry.source {
            let _ = writeln!(text, "    source: {source}");
        }
        if let Some(about) = entry
            .links
            .as_ref()
            .and_then(|links| links.get("about"))
            .and_then(Value::as_str)
        {
            let _ = writeln!(text, "    see: {about}");
        }
    }
    if let Some(limit) = api.rate_limit {
        let _ = writeln!(
            text,
            "  rate limit: {} of {} requests left this hour",
            limit.remaining, limit.limit
        );
    }
    text
}

/// `  caused by: ...` for each distinct cause below `error`.
fn causes(error: &Error) -> String {
    let mut text = String::new();
    let mut last = error.to_string();
    let mut current = std::error::Error::source(error);
    while let Some(cause) = current {
        let message = cause.to_string();
        if !last.contains(&message) {
            let _ = writeln!(text, "  caused by: {message}");
        }
        last = message;
        current = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use connector_runtime::{ApiErrorEntry, ApiErrorSource};

    use super::*;

    #[test]
    fn api_errors_show_status_code_title_detail_and_source() {
        let api = ApiError {
            status: 404,
            errors: vec![ApiErrorEntry {
                status: "404".into(),
                code: "NOT_FOUND".into(),
                title: "The specified resource does not exist".into(),
                detail: Some("There is no resource of type 'apps' with id '404404'".into()),
                source: Some(ApiErrorSource::Parameter("id".into())),
                ..ApiErrorEntry::default()
            }],
            rate_limit: None,
        };
        let text = describe(&CliError::Client(Error::Api(api)));
        assert!(text.starts_with("error: App Store Connect answered HTTP 404 Not Found\n"));
        assert!(text.contains("  NOT_FOUND: The specified resource does not exist\n"));
        assert!(text.contains("    detail: There is no resource of type 'apps'"));
        assert!(text.contains("    source: parameter id\n"), "{text}");
    }

    #[test]
    fn usage_errors_point_to_help() {
        let text = describe(&CliError::Usage("--all needs pages".into()));
        assert!(text.contains("--all needs pages") && text.contains("--help"));
    }
}
