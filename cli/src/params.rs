//! One subcommand per operation and one flag per parameter, from the operation table.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches, Command};
use connector_runtime::meta::{Arguments, Location, OperationInfo, ParameterInfo, ValueKind};

use crate::body;
use crate::cli::OWN_FLAGS;
use crate::exit::CliError;

/// The subcommand name: the kebab-case of the generated function name.
pub fn command_name(info: &OperationInfo) -> String {
    kebab(info.name)
}

/// The flag of a parameter (without `--`): the kebab-case of its Rust name, prefixed
/// with `param-` when that would be one of the CLI's own flags.
pub fn flag_name(parameter: &ParameterInfo) -> String {
    let name = kebab(parameter.rust_name);
    if OWN_FLAGS.contains(&name.as_str()) {
        format!("param-{name}")
    } else {
        name
    }
}

/// `snake_case` (or `r#raw`, or `keyword_`) to `kebab-case`.
fn kebab(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    name.trim_matches('_').replace('_', "-")
}

/// The clap id of a parameter's flag (distinct from every id of the CLI's own flags).
fn arg_id(parameter: &ParameterInfo) -> String {
    format!("param:{}", parameter.wire_name)
}

/// The subcommand of one operation; its operationId is accepted as an alias.
pub fn subcommand(info: &'static OperationInfo) -> Command {
    let about = info.summary.unwrap_or(info.id);
    let mut long_about = String::from(about);
    if let Some(description) = info.description.filter(|d| *d != about) {
        long_about.push_str("\n\n");
        long_about.push_str(description);
    }
    long_about.push_str(&format!(
        "\n\n{} {} (operationId {}, also accepted as the subcommand name)",
        info.method, info.path, info.id
    ));
    if info.pageable {
        long_about
            .push_str("\n\nPaged: --all follows links.next; --max-pages N stops after N pages.");
    }
    let command = Command::new(command_name(info))
        .alias(info.id)
        .about(about)
        .long_about(long_about);
    info.parameters
        .iter()
        .fold(command, |command, parameter| command.arg(flag(parameter)))
}

/// The flag of one parameter: value name, help, possible values, required-ness.
fn flag(parameter: &ParameterInfo) -> Arg {
    let value_name = match parameter.location {
        Location::Body => "JSON",
        _ => value_name(parameter.kind),
    };
    let arg = Arg::new(arg_id(parameter))
        .long(flag_name(parameter))
        .value_name(value_name)
        .required(parameter.required)
        .help(help(parameter))
        .help_heading(if parameter.required {
            "Required parameters"
        } else {
            "Parameters"
        });
    match parameter.kind {
        ValueKind::List(item) => with_values(arg, item)
            .action(ArgAction::Append)
            .value_delimiter(','),
        kind => with_values(arg, &kind),
    }
}

/// Possible values for enums and booleans; hyphens allowed where values start with one.
fn with_values(arg: Arg, kind: &ValueKind) -> Arg {
    match kind {
        ValueKind::Enum(values) => arg
            .value_parser(PossibleValuesParser::new(values.iter().copied()))
            .allow_hyphen_values(values.iter().any(|value| value.starts_with('-'))),
        ValueKind::Boolean => arg.value_parser(PossibleValuesParser::new(["true", "false"])),
        ValueKind::Integer | ValueKind::Number => arg.allow_negative_numbers(true),
        ValueKind::String | ValueKind::List(_) | ValueKind::File => arg,
    }
}

/// The placeholder shown in usage and help.
fn value_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "TEXT",
        ValueKind::Integer => "INTEGER",
        ValueKind::Number => "NUMBER",
        ValueKind::Boolean => "BOOL",
        ValueKind::Enum(_) => "VALUE",
        ValueKind::List(_) => "LIST",
        ValueKind::File => "PATH",
    }
}

/// The description, then where it goes, its bounds and whether it is required.
fn help(parameter: &ParameterInfo) -> String {
    let description = parameter
        .description_text()
        .map(|text| text.trim_end_matches('.').to_owned())
        .unwrap_or_else(|| format!("The `{}` parameter", parameter.wire_name));
    let mut facts = vec![format!(
        "{} `{}`",
        location_name(parameter.location),
        parameter.wire_name
    )];
    if matches!(parameter.kind, ValueKind::List(_)) {
        facts.push("comma-separated or repeated".to_owned());
    }
    facts.extend(bounds(parameter));
    if parameter.required {
        facts.push("required".to_owned());
    }
    format!("{description} [{}]", facts.join("; "))
}

/// Where a parameter goes, in words.
fn location_name(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "JSON body, or @FILE to read it from a file (@- for stdin)",
        Location::FormData => "form field",
    }
}

/// The bounds of a parameter in words: "at most 50", "at least 1 character", ...
pub fn bounds(parameter: &ParameterInfo) -> Vec<String> {
    parameter.bounds.iter().map(ToString::to_string).collect()
}

/// The text of every given parameter flag, under its wire name; repeated or
/// comma-separated list values are joined with commas, and a body given as `@FILE` is
/// read from that file.
pub fn arguments(info: &OperationInfo, matches: &ArgMatches) -> Result<Arguments, CliError> {
    let mut arguments = Arguments::new();
    for parameter in info.parameters.iter() {
        if let Some(values) = matches.get_many::<String>(&arg_id(parameter)) {
            let text = values.map(String::as_str).collect::<Vec<_>>().join(",");
            let text = match parameter.location {
                Location::Body => body::text(&flag_name(parameter), text)?,
                _ => text,
            };
            arguments.insert(parameter.wire_name, text);
        }
    }
    Ok(arguments)
}

/// The flag (with `--`) of the parameter with this wire name, for error messages.
pub fn flag_for(info: &OperationInfo, wire_name: &str) -> Option<String> {
    info.parameter(wire_name)
        .map(|parameter| format!("--{}", flag_name(parameter)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use connector_runtime::meta::Bound;

    fn parameter(wire_name: &'static str, rust_name: &'static str) -> ParameterInfo {
        ParameterInfo {
            wire_name,
            rust_name,
            location: Location::Query,
            required: false,
            description: None,
            kind: ValueKind::Integer,
            bounds: &[Bound::Maximum(50.0)],
        }
    }

    #[test]
    fn flags_are_kebab_case_of_rust_names_and_avoid_own_flags() {
        assert_eq!(
            flag_name(&parameter("limit[builds]", "limit_builds")),
            "limit-builds"
        );
        assert_eq!(
            flag_name(&parameter("fields[apps]", "fields_apps")),
            "fields-apps"
        );
        assert_eq!(flag_name(&parameter("all", "all")), "param-all");
        assert_eq!(flag_name(&parameter("timeout", "timeout")), "param-timeout");
        assert_eq!(flag_name(&parameter("type", "r#type")), "type");
        assert_eq!(flag_name(&parameter("type", "type_")), "type");
    }

    #[test]
    fn help_names_the_wire_name_and_the_bounds() {
        let mut limit = parameter("limit[builds]", "limit_builds");
        limit.bounds = &[Bound::ExclusiveMinimum(0.0), Bound::Maximum(50.0)];
        let text = help(&limit);
        assert!(text.contains("query `limit[builds]`"), "{text}");
        assert!(
            text.contains("greater than 0") && text.contains("at most 50"),
            "{text}"
        );
        limit.required = true;
        limit.bounds = &[Bound::ExclusiveMaximum(2.5)];
        assert!(help(&limit).contains("less than 2.5; required"));
    }

    #[test]
    fn list_values_are_joined_under_the_wire_name() {
        static LIST: ParameterInfo = ParameterInfo {
            wire_name: "filter[id]",
            rust_name: "filter_id",
            location: Location::Query,
            required: false,
            description: None,
            kind: ValueKind::List(&ValueKind::String),
            bounds: &[],
        };
        let command = Command::new("x").arg(flag(&LIST));
        let matches = command
            .try_get_matches_from(["x", "--filter-id", "1,2", "--filter-id", "3"])
            .unwrap();
        let mut values = Vec::new();
        if let Some(given) = matches.get_many::<String>(&arg_id(&LIST)) {
            values.extend(given.cloned());
        }
        assert_eq!(values, ["1", "2", "3"]);
    }
}
