//! Rust identifiers from wire names: case conversion, keywords and collisions.
//!
//! Keywords become raw identifiers (`r#type`), except `self`, `Self`, `crate` and `super`,
//! which cannot be raw and get a trailing underscore. Names that would start with a digit get
//! a prefix. Names that collide within one scope get a numeric suffix in declaration order,
//! so a definition that only grows keeps its existing names.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// Replaces every character that cannot appear in an ASCII identifier by a word break.
fn words(name: &str) -> String {
    name.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character
            } else {
                ' '
            }
        })
        .collect()
}

/// Makes `name` a usable identifier: keywords raw or suffixed, leading digits prefixed.
fn finish(name: String, empty: &str, digit_prefix: &str) -> String {
    let name = if name.is_empty() {
        empty.to_owned()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The snake_case identifier for a function, field or parameter name.
pub fn snake(name: &str) -> String {
    let snake = words(name).to_snake_case();
    let snake: String = snake
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    finish(snake, "value", "n")
}

/// The UpperCamelCase identifier for a type or variant name.
pub fn pascal(name: &str) -> String {
    let pascal = words(name).to_upper_camel_case();
    let pascal: String = pascal.chars().filter(char::is_ascii_alphanumeric).collect();
    finish(pascal, "Empty", "V")
}

/// The variant name for an enum value.
///
/// A leading `-` marks a descending sort key in JSON:API (`-name`), so it becomes a
/// `Descending` suffix; `name` and `-name` then read `Name` and `NameDescending`.
pub fn variant(value: &str) -> String {
    match value.strip_prefix('-') {
        Some(rest) if rest.starts_with(char::is_alphabetic) => {
            format!("{}Descending", pascal(rest))
        }
        Some(rest) => pascal(&format!("minus {rest}")),
        None => pascal(value),
    }
}

/// Names already used in one scope (a module, a struct, an enum).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Claims `name`, or the first free `name2`, `name3`, … (`name_2` for snake_case).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let bare = name.trim_start_matches("r#").trim_end_matches('_');
        let separator = if bare.chars().any(char::is_uppercase) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|number| format!("{bare}{separator}{number}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_become_snake_case() {
        assert_eq!(
            snake("Apps_And_App_Metadata__List_Apps"),
            "apps_and_app_metadata_list_apps"
        );
        assert_eq!(
            snake("Apps_And_App_Metadata__Read_App_Information"),
            "apps_and_app_metadata_read_app_information"
        );
        assert_eq!(snake("get-item.by/id"), "get_item_by_id");
    }

    #[test]
    fn wire_names_become_identifiers() {
        assert_eq!(snake("fields[apps]"), "fields_apps");
        assert_eq!(snake("limit[builds]"), "limit_builds");
        assert_eq!(
            snake("filter[appStoreVersions.platform]"),
            "filter_app_store_versions_platform"
        );
        assert_eq!(snake("Service-Token"), "service_token");
        assert_eq!(snake("$top"), "top");
        assert_eq!(snake("@odata.nextLink"), "odata_next_link");
        assert_eq!(snake("first name"), "first_name");
        assert_eq!(pascal("fields[apps]"), "FieldsApps");
        assert_eq!(pascal("Microsoft.Graph.User"), "MicrosoftGraphUser");
    }

    #[test]
    fn keywords_and_digits_stay_valid() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("3d"), "n3d");
        assert_eq!(pascal("3d"), "V3d");
        assert_eq!(snake("%%"), "value");
        assert_eq!(pascal(""), "Empty");
    }

    #[test]
    fn sort_values_read_naturally() {
        assert_eq!(variant("name"), "Name");
        assert_eq!(variant("-name"), "NameDescending");
        assert_eq!(variant("-bundleId"), "BundleIdDescending");
        assert_eq!(variant("MAC_OS"), "MacOs");
        assert_eq!(variant("-1"), "Minus1");
    }

    #[test]
    fn collisions_get_numbered_in_order() {
        let mut scope = Scope::with_reserved(&["send"]);
        assert_eq!(scope.claim("send".into()), "send_2");
        assert_eq!(scope.claim(snake("user-id")), "user_id");
        assert_eq!(scope.claim(snake("userId")), "user_id_2");
        assert_eq!(scope.claim(snake("type")), "r#type");
        assert_eq!(scope.claim(snake("Type")), "type_2");
        let mut types = Scope::default();
        assert_eq!(types.claim(pascal("data")), "Data");
        assert_eq!(types.claim(pascal("DATA")), "Data2");
    }
}
