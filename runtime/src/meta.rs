//! A static description of every generated operation, for callers that choose the operation
//! and its parameters at run time (a command-line tool, a REPL) instead of in Rust code.
//!
//! Generated code emits one [`OperationInfo`] per operation. Its [`OperationInfo::build`]
//! parses [`Arguments`] (wire name → text) into the operation's typed request builder and
//! builds the request, so dynamic callers get exactly the library's validation.

use std::fmt;

use crate::{Client, Error, Request, StatusCode};

/// One operation of a generated client.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// The operationId, verbatim.
    pub id: &'static str,
    /// The snake_case name of the generated method and module.
    pub name: &'static str,
    /// A one-line summary.
    pub summary: Option<&'static str>,
    /// A longer description.
    pub description: Option<&'static str>,
    /// The HTTP method in upper case.
    pub method: &'static str,
    /// The path template, such as `/v1/apps/{id}`.
    pub path: &'static str,
    /// Every caller-facing parameter: the required ones, in the order of the method's
    /// arguments, then the optional ones, in the order of their setters.
    pub parameters: &'static [ParameterInfo],
    /// Whether the response document links to a next page (`links.next`).
    pub pageable: bool,
    /// Parses `arguments` through the typed request builder and builds the request.
    pub build: fn(&Client, &Arguments) -> Result<Request, Error>,
    /// Decodes a successful answer's body with the operation's generated types, as its
    /// `send` does, and drops the result: a body `send` refuses is refused with the same
    /// message, which names the JSON path that did not fit.
    pub check_body: fn(StatusCode, &[u8]) -> Result<(), String>,
}

impl OperationInfo {
    /// The parameter with this wire name.
    pub fn parameter(&self, wire_name: &str) -> Option<&'static ParameterInfo> {
        self.parameters
            .iter()
            .find(|parameter| parameter.wire_name == wire_name)
    }
}

/// One parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterInfo {
    /// The name on the wire, such as `fields[apps]`.
    pub wire_name: &'static str,
    /// The snake_case name of the setter or argument.
    pub rust_name: &'static str,
    /// Where the value goes.
    pub location: Location,
    /// Whether the operation cannot be called without it.
    pub required: bool,
    /// What the parameter means, as Markdown lines; see [`ParameterInfo::description_text`].
    pub description: Option<&'static str>,
    /// The kind of value it takes.
    pub kind: ValueKind,
    /// What the value is checked against before sending.
    pub bounds: &'static [Bound],
}

impl ParameterInfo {
    /// The description as plain text: one paragraph per line, Markdown escapes removed.
    pub fn description_text(&self) -> Option<String> {
        let text = self.description?;
        let lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(unescape_markdown)
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

/// Removes the backslashes that escape Markdown punctuation.
fn unescape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut characters = line.chars().peekable();
    while let Some(character) = characters.next() {
        match characters.peek() {
            Some(next) if character == '\\' && next.is_ascii_punctuation() => {}
            _ => out.push(character),
        }
    }
    out
}

/// A bound a parameter's value is checked against before sending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// At most this number.
    Maximum(f64),
    /// Less than this number.
    ExclusiveMaximum(f64),
    /// At least this number.
    Minimum(f64),
    /// Greater than this number.
    ExclusiveMinimum(f64),
    /// At most this many characters.
    MaxLength(usize),
    /// At least this many characters.
    MinLength(usize),
    /// Matches this regular expression somewhere.
    Pattern(&'static str),
    /// At most this many items.
    MaxItems(usize),
    /// At least this many items.
    MinItems(usize),
    /// One of the numbers listed, as the definition writes them (`[1, 2]`).
    OneOf(&'static str),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Maximum(value) => write!(f, "at most {value}"),
            Self::ExclusiveMaximum(value) => write!(f, "less than {value}"),
            Self::Minimum(value) => write!(f, "at least {value}"),
            Self::ExclusiveMinimum(value) => write!(f, "greater than {value}"),
            Self::MaxLength(count) => write!(f, "at most {}", characters(*count)),
            Self::MinLength(count) => write!(f, "at least {}", characters(*count)),
            Self::Pattern(pattern) => write!(f, "matching `{pattern}`"),
            Self::MaxItems(count) => write!(f, "at most {count} items"),
            Self::MinItems(count) => write!(f, "at least {count} items"),
            Self::OneOf(values) => write!(f, "one of {values}"),
        }
    }
}

/// "1 character", "2 characters", …
fn characters(count: usize) -> String {
    if count == 1 {
        "1 character".to_owned()
    } else {
        format!("{count} characters")
    }
}

/// The error for a required parameter that is not given.
pub fn missing(operation: &'static str, wire_name: &str) -> Error {
    Error::invalid_request(operation, wire_name, "is required but was not given")
}

/// `name` without the `r#` of a raw identifier, as `stringify!` gives it.
pub const fn unraw(name: &'static str) -> &'static str {
    match name.as_bytes() {
        [b'r', b'#', ..] => name.split_at(2).1,
        _ => name,
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// A query pair.
    Query,
    /// A request header.
    Header,
    /// The JSON request body.
    Body,
    /// A field of a form body.
    FormData,
}

/// The kind of value a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Any text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// One of these values.
    Enum(&'static [&'static str]),
    /// A comma-separated list of values of the inner kind.
    List(&'static ValueKind),
    /// A file, given as the path to read it from.
    File,
}

/// Parameter values as text, keyed by wire name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arguments {
    values: Vec<(String, String)>,
}

impl Arguments {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the value of the parameter with this wire name, replacing an earlier one.
    pub fn insert(&mut self, wire_name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        let (wire_name, value) = (wire_name.into(), value.into());
        match self.values.iter_mut().find(|(name, _)| *name == wire_name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((wire_name, value)),
        }
        self
    }

    /// The text given for `wire_name`, if any.
    pub fn text(&self, wire_name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == wire_name)
            .map(|(_, value)| value.as_str())
    }

    /// The value of a parameter, parsed as its
    /// [`Value`](crate::parameter::Value) type (lists are comma-separated).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text does not parse.
    pub fn value<T: crate::parameter::Value>(
        &self,
        operation: &'static str,
        wire_name: &str,
    ) -> Result<Option<T>, Error> {
        self.text(wire_name)
            .map(|text| {
                T::parse_text(text).map_err(|error| unparsable(operation, wire_name, text, error))
            })
            .transpose()
    }

    /// The value of a JSON body given as JSON text.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text is not JSON of the body's shape.
    pub fn json<T: serde::de::DeserializeOwned>(
        &self,
        operation: &'static str,
        wire_name: &str,
    ) -> Result<Option<T>, Error> {
        self.text(wire_name)
            .map(|text| {
                serde_json::from_str(text).map_err(|error| {
                    Error::invalid_request(
                        operation,
                        wire_name,
                        format!("is not JSON of the expected shape: {error}"),
                    )
                })
            })
            .transpose()
    }

    /// The contents of the file whose path is given for a file parameter.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the file cannot be read.
    pub fn file(&self, operation: &'static str, wire_name: &str) -> Result<Option<Vec<u8>>, Error> {
        self.text(wire_name)
            .map(|path| {
                std::fs::read(path).map_err(|error| {
                    Error::invalid_request(
                        operation,
                        wire_name,
                        format!("cannot read the file `{path}`: {error}"),
                    )
                })
            })
            .transpose()
    }
}

/// The error for text that is not a value of the parameter's type.
fn unparsable(
    operation: &'static str,
    wire_name: &str,
    text: &str,
    error: impl fmt::Display,
) -> Error {
    Error::invalid_request(
        operation,
        wire_name,
        format!("cannot take `{text}`: {error}"),
    )
}

pub use crate::enums::UnknownValue;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse_and_name_the_parameter_on_failure() {
        let mut arguments = Arguments::new();
        arguments
            .insert("limit[builds]", "10")
            .insert("ids", "1, 2,3")
            .insert("flag", "maybe");
        arguments.insert("limit[builds]", "12");
        assert_eq!(
            arguments.value::<i32>("Op", "limit[builds]").unwrap(),
            Some(12)
        );
        assert_eq!(arguments.value::<i32>("Op", "absent").unwrap(), None);
        assert_eq!(
            arguments.value::<Vec<i64>>("Op", "ids").unwrap(),
            Some(vec![1, 2, 3])
        );
        let error = arguments
            .value::<bool>("Op", "flag")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`flag`") && error.contains("cannot take `maybe`"),
            "{error}"
        );
        let missing = missing("Op", "id").to_string();
        assert!(
            missing.contains("`id`") && missing.contains("is required"),
            "{missing}"
        );
        let json = arguments
            .json::<Vec<i32>>("Op", "ids")
            .unwrap_err()
            .to_string();
        assert!(json.contains("not JSON"), "{json}");
    }

    #[test]
    fn descriptions_read_as_plain_text() {
        let info = ParameterInfo {
            wire_name: "fields[apps]",
            rust_name: "fields_apps",
            location: Location::Query,
            required: false,
            description: Some(" The fields of \\[apps\\].\n\n Second.\n"),
            kind: ValueKind::String,
            bounds: &[Bound::Maximum(50.0)],
        };
        assert_eq!(
            info.description_text().as_deref(),
            Some("The fields of [apps].\nSecond.")
        );
        assert_eq!(Bound::Maximum(50.0).to_string(), "at most 50");
        assert_eq!(unraw("r#type"), "type");
        assert_eq!(unraw("limit"), "limit");
    }
}
