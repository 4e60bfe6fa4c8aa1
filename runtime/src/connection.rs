//! Connection settings (`connectionParameters` of a connector): values that policies put
//! into headers and query parameters, and from which a base URL may be built.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::Error;

/// The connection settings of a client, by name. `Debug` shows the names only: some
/// settings are secrets.
#[derive(Clone, Default)]
pub(crate) struct ConnectionParameters {
    values: BTreeMap<String, String>,
}

impl fmt::Debug for ConnectionParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.values.keys()).finish()
    }
}

impl ConnectionParameters {
    /// Sets `name` to `value`.
    pub(crate) fn insert(&mut self, name: String, value: String) {
        self.values.insert(name, value);
    }

    /// The value of `name`, if it was given.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// `template` with every `{name}` replaced by that setting.
    ///
    /// # Errors
    ///
    /// [`Error::MissingConnectionParameter`] naming the first setting that was not given.
    pub(crate) fn fill(&self, template: &str) -> Result<String, Error> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|close| open + close) else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = self
                .get(name)
                .ok_or_else(|| Error::MissingConnectionParameter {
                    name: name.to_owned(),
                })?;
            out.push_str(value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_from_the_settings() {
        let mut parameters = ConnectionParameters::default();
        parameters.insert("token:host".into(), "eu.example.com".into());
        assert_eq!(
            parameters.fill("https://{token:host}/api").unwrap(),
            "https://eu.example.com/api"
        );
        let missing = parameters
            .fill("https://{region}.example.com")
            .unwrap_err()
            .to_string();
        assert!(missing.contains("`region`"), "{missing}");
        assert_eq!(
            parameters.fill("no placeholder {").unwrap(),
            "no placeholder {"
        );
    }

    #[test]
    fn debug_shows_names_only() {
        let mut parameters = ConnectionParameters::default();
        parameters.insert("api_key".into(), "s3cret".into());
        assert_eq!(format!("{parameters:?}"), "{\"api_key\"}");
    }
}
