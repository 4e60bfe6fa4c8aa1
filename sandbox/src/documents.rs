//! JSON:API documents for `apps` resources, shaped like Apple's.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};

use crate::catalog::App;

/// The JSON:API type of app resources.
pub(crate) const APP_TYPE: &str = "apps";

/// Field names `fields[apps]` accepts: the spec's enum plus the attribute the spec does not
/// know yet (`futureAttribute`).
pub(crate) const APP_FIELDS: &[&str] = &[
    "appAvailability",
    "appClips",
    "appCustomProductPages",
    "appEncryptionDeclarations",
    "appEvents",
    "appInfos",
    "appPricePoints",
    "appPriceSchedule",
    "appStoreVersionExperimentsV2",
    "appStoreVersions",
    "availableInNewTerritories",
    "availableTerritories",
    "betaAppLocalizations",
    "betaAppReviewDetail",
    "betaGroups",
    "betaLicenseAgreement",
    "betaTesters",
    "builds",
    "bundleId",
    "ciProduct",
    "contentRightsDeclaration",
    "customerReviews",
    "endUserLicenseAgreement",
    "gameCenterDetail",
    "gameCenterEnabledVersions",
    "inAppPurchases",
    "inAppPurchasesV2",
    "isOrEverWasMadeForKids",
    "name",
    "perfPowerMetrics",
    "preOrder",
    "preReleaseVersions",
    "pricePoints",
    "prices",
    "primaryLocale",
    "promotedPurchases",
    "reviewSubmissions",
    "sku",
    "subscriptionGracePeriod",
    "subscriptionGroups",
    "subscriptionStatusUrl",
    "subscriptionStatusUrlForSandbox",
    "subscriptionStatusUrlVersion",
    "subscriptionStatusUrlVersionForSandbox",
    "futureAttribute",
];

/// Characters escaped in a path segment: everything but RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Which endpoint renders the resource; they list different relationships (as the spec does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// `GET /v1/apps`: ciProduct, betaTesters, betaGroups.
    Collection,
    /// `GET /v1/apps/{id}`: ciProduct, customerReviews.
    Instance,
}

/// `{base}/v1/apps/{id}` with the id escaped as one path segment.
pub(crate) fn app_url(base: &str, id: &str) -> String {
    format!("{base}/v1/apps/{}", utf8_percent_encode(id, SEGMENT))
}

/// One `apps` resource object; `fields` (a sparse fieldset) limits attributes and relationships.
pub(crate) fn app_resource(app: &App, base: &str, view: View, fields: Option<&[String]>) -> Value {
    let wanted = |name: &str| fields.is_none_or(|f| f.iter().any(|x| x == name));
    let self_url = app_url(base, &app.id);
    let attributes: Map<String, Value> = attributes(app)
        .into_iter()
        .filter(|(name, _)| wanted(name))
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    let relationships: Map<String, Value> = relationships(&self_url, view)
        .into_iter()
        .filter(|(name, _)| wanted(name))
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    let mut resource = Map::new();
    resource.insert("type".into(), APP_TYPE.into());
    resource.insert("id".into(), app.id.clone().into());
    if !attributes.is_empty() {
        resource.insert("attributes".into(), Value::Object(attributes));
    }
    if !relationships.is_empty() {
        resource.insert("relationships".into(), Value::Object(relationships));
    }
    resource.insert("links".into(), json!({ "self": self_url }));
    Value::Object(resource)
}

/// Attributes as Apple sends them: unset optional attributes are `null`, and one attribute
/// the spec does not define checks that clients ignore unknown data.
fn attributes(app: &App) -> Vec<(&'static str, Value)> {
    vec![
        ("name", app.name.clone().into()),
        ("bundleId", app.bundle_id.clone().into()),
        ("sku", app.sku.clone().into()),
        ("primaryLocale", app.primary_locale.clone().into()),
        ("isOrEverWasMadeForKids", false.into()),
        ("subscriptionStatusUrl", Value::Null),
        ("subscriptionStatusUrlVersion", Value::Null),
        ("subscriptionStatusUrlForSandbox", Value::Null),
        ("subscriptionStatusUrlVersionForSandbox", Value::Null),
        ("availableInNewTerritories", true.into()),
        (
            "contentRightsDeclaration",
            "DOES_NOT_USE_THIRD_PARTY_CONTENT".into(),
        ),
        ("futureAttribute", json!({ "nested": true })),
    ]
}

fn relationships(self_url: &str, view: View) -> Vec<(&'static str, Value)> {
    let both = |name: &str| {
        json!({ "links": {
            "self": format!("{self_url}/relationships/{name}"),
            "related": format!("{self_url}/{name}"),
        }})
    };
    let self_only =
        |name: &str| json!({ "links": { "self": format!("{self_url}/relationships/{name}") } });
    match view {
        View::Collection => vec![
            ("ciProduct", both("ciProduct")),
            ("betaTesters", self_only("betaTesters")),
            ("betaGroups", both("betaGroups")),
        ],
        View::Instance => vec![
            ("ciProduct", both("ciProduct")),
            ("customerReviews", both("customerReviews")),
        ],
    }
}

/// A page of a collection: `data`, `links {self, next?}`, `meta.paging {total, limit}`.
pub(crate) fn collection_document(
    data: Vec<Value>,
    self_link: &str,
    next_link: Option<String>,
    total: usize,
    limit: usize,
) -> Value {
    let mut links = Map::new();
    links.insert("self".into(), self_link.into());
    if let Some(next) = next_link {
        links.insert("next".into(), next.into());
    }
    json!({
        "data": data,
        "links": links,
        "meta": { "paging": { "total": total, "limit": limit } },
    })
}

/// A single-resource document: `data` and `links.self`.
pub(crate) fn instance_document(data: Value, self_link: &str) -> Value {
    json!({ "data": data, "links": { "self": self_link } })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:1";

    #[test]
    fn resource_has_spec_shape() {
        let app = App::new("42", "Café Finder", "com.example.cafe", "CAFE");
        let r = app_resource(&app, BASE, View::Collection, None);
        assert_eq!(r["type"], "apps");
        assert_eq!(r["attributes"]["name"], "Café Finder");
        assert_eq!(r["attributes"]["futureAttribute"]["nested"], true);
        assert_eq!(r["links"]["self"], "http://127.0.0.1:1/v1/apps/42");
        assert_eq!(
            r["relationships"]["ciProduct"]["links"]["related"],
            "http://127.0.0.1:1/v1/apps/42/ciProduct"
        );
        assert!(
            r["relationships"]["betaTesters"]["links"]
                .get("related")
                .is_none()
        );
        let i = app_resource(&app, BASE, View::Instance, None);
        assert!(i["relationships"].get("customerReviews").is_some());
        assert!(i["relationships"].get("betaGroups").is_none());
    }

    #[test]
    fn sparse_fieldset_keeps_only_listed_fields() {
        let app = App::new("1", "A", "b", "c");
        let fields = vec!["name".to_owned(), "ciProduct".to_owned()];
        let r = app_resource(&app, BASE, View::Collection, Some(&fields));
        let attrs = r["attributes"].as_object().expect("attributes");
        assert_eq!(attrs.keys().collect::<Vec<_>>(), vec!["name"]);
        let rels = r["relationships"].as_object().expect("relationships");
        assert_eq!(rels.keys().collect::<Vec<_>>(), vec!["ciProduct"]);
    }

    #[test]
    fn ids_are_escaped_as_one_segment() {
        assert_eq!(
            app_url(BASE, "a/b c"),
            "http://127.0.0.1:1/v1/apps/a%2Fb%20c"
        );
    }
}
