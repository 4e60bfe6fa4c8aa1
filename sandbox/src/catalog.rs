//! The apps a sandbox serves.

/// One app record, rendered as an `apps` resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    /// Resource id (Apple uses numeric strings such as `"1234567890"`).
    pub id: String,
    /// `attributes.name`.
    pub name: String,
    /// `attributes.bundleId`.
    pub bundle_id: String,
    /// `attributes.sku`.
    pub sku: String,
    /// `attributes.primaryLocale`.
    pub primary_locale: String,
}

impl App {
    /// An app with primary locale `en-US`.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        bundle_id: impl Into<String>,
        sku: impl Into<String>,
    ) -> App {
        App {
            id: id.into(),
            name: name.into(),
            bundle_id: bundle_id.into(),
            sku: sku.into(),
            primary_locale: "en-US".to_owned(),
        }
    }
}

/// Seven deterministic apps, in id order, with names that sort differently from their ids;
/// one name has spaces and an `&` ("Weather & Tides"), one is non-ASCII ("Café Finder").
pub fn sample_apps() -> Vec<App> {
    SAMPLES
        .iter()
        .map(|&(id, name, bundle_id, sku)| App::new(id, name, bundle_id, sku))
        .collect()
}

/// `(id, name, bundleId, sku)` of the sample apps.
#[rustfmt::skip]
const SAMPLES: [(&str, &str, &str, &str); 7] = [
    ("1500000001", "Zen Timer", "com.example.zentimer", "ZEN-TIMER"),
    ("1500000002", "Café Finder", "com.example.cafefinder", "CAFE-FINDER"),
    ("1500000003", "Atlas Notes", "com.example.atlasnotes", "ATLAS-NOTES"),
    ("1500000004", "Weather & Tides", "com.example.tides", "TIDES-01"),
    ("1500000005", "Budget Buddy", "com.example.budget", "BUDGET-2"),
    ("1500000006", "Moonlight", "com.example.moonlight", "MOON-LIGHT"),
    ("1500000007", "Pixel Forge", "com.example.pixelforge", "PIXEL-FORGE"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_apps_are_seven_distinct_apps() {
        let apps = sample_apps();
        assert_eq!(apps.len(), 7);
        let ids: std::collections::HashSet<&str> = apps.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 7);
        assert!(apps.iter().any(|a| a.name.contains(' ')));
        assert!(apps.iter().any(|a| !a.name.is_ascii()));
        assert!(apps.iter().all(|a| a.primary_locale == "en-US"));
    }
}
