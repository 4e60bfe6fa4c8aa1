//! Connection settings: `connectionParameters` of `apiProperties.json` and the base URL a
//! `dynamichosturl` policy builds from them.

use serde_json::Value;

use crate::ir::ConnectionParameter;
use crate::load::properties::ApiProperties;
use crate::lower::policies::TemplatePart;

/// The connection parameters, in file order. OAuth settings are left out: the caller gives
/// the access token itself.
pub fn parameters(properties: Option<&ApiProperties>) -> Vec<ConnectionParameter> {
    let Some(properties) = properties else {
        return Vec::new();
    };
    properties
        .properties
        .connection_parameters
        .iter()
        .filter(|(_, definition)| definition["type"].as_str() != Some("oauthSetting"))
        .map(|(name, definition)| ConnectionParameter {
            name: name.clone(),
            doc: description(definition),
            secret: definition["type"].as_str() == Some("securestring"),
        })
        .collect()
}

fn description(definition: &Value) -> Option<String> {
    let ui = &definition["uiDefinition"];
    [&ui["description"], &ui["displayName"]]
        .into_iter()
        .filter_map(Value::as_str)
        .map(str::trim)
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The base URL template of a `dynamichosturl` policy: connection parameters become
/// `{name}` placeholders (their defaults are not needed: the caller names the host).
pub fn base_url_template(template: &[TemplatePart]) -> Option<String> {
    let mut out = String::new();
    for part in template {
        match part {
            TemplatePart::Text(text) => out.push_str(text),
            TemplatePart::Connection { name, .. } => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            TemplatePart::Header(_) | TemplatePart::Query(_) => return None,
        }
    }
    Some(out.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::policies::parse_template;

    #[test]
    fn host_templates_use_placeholders() {
        let template =
            parse_template("https://@connectionParameters('token:customHost')/3e/events/");
        assert_eq!(
            base_url_template(&template).as_deref(),
            Some("https://{token:customHost}/3e/events")
        );
        assert_eq!(
            base_url_template(&parse_template("https://@headers('x')")),
            None
        );
    }

    #[test]
    fn connection_parameters_keep_their_order_and_secrecy() {
        let properties: ApiProperties = serde_json::from_value(serde_json::json!({
            "properties": {"connectionParameters": {
                "api_key": {"type": "securestring", "uiDefinition": {"displayName": "API Key", "description": "Your key"}},
                "region": {"type": "string", "uiDefinition": {"displayName": "Region"}},
                "token": {"type": "oauthSetting"}
            }}
        }))
        .unwrap();
        let parameters = parameters(Some(&properties));
        assert_eq!(parameters.len(), 2);
        assert_eq!(
            (parameters[0].name.as_str(), parameters[0].secret),
            ("api_key", true)
        );
        assert_eq!(parameters[0].doc.as_deref(), Some("Your key"));
        assert_eq!(parameters[1].doc.as_deref(), Some("Region"));
    }
}
