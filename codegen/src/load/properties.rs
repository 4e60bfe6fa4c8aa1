//! The `apiProperties.json` model: connection parameters and policy templates.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A whole `apiProperties.json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApiProperties {
    /// The `properties` object.
    #[serde(default)]
    pub properties: Properties,
}

/// The `properties` object of `apiProperties.json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Properties {
    /// Connection parameters by name.
    #[serde(rename = "connectionParameters", default)]
    pub connection_parameters: IndexMap<String, Value>,
    /// Policies applied by the gateway.
    #[serde(rename = "policyTemplateInstances", default)]
    pub policy_template_instances: Vec<PolicyInstance>,
}

/// One policy, such as `setheader`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PolicyInstance {
    /// The template, such as `setheader` or `dynamichosturl`.
    #[serde(rename = "templateId", default)]
    pub template_id: String,
    /// A human title.
    pub title: Option<String>,
    /// The template's parameters (`x-ms-apimTemplateParameter.*` and friends).
    #[serde(default)]
    pub parameters: IndexMap<String, Value>,
}
