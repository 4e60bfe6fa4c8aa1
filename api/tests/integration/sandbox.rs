//! The client generated from Apple's definition against the loopback App Store Connect
//! double: list apps, read one, follow the pages.

use app_store_connect_api::operations::apps_get_collection::{FieldsApps, Sort};
use app_store_connect_api::{Client, Credentials, Error, PrivateKey};
use app_store_connect_sandbox::{RunningSandbox, Sandbox, TestKey};
use futures_util::StreamExt as _;

const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";

async fn sandbox(page_size: usize) -> (Client, RunningSandbox) {
    let key = TestKey::generate("TEAMKEY123").unwrap();
    let sandbox = Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)
        .unwrap()
        .page_size(page_size)
        .start()
        .await
        .unwrap();
    let private_key = PrivateKey::from_pem(&key.private_key_pem).unwrap();
    let client = Client::builder()
        .credentials(Credentials::team(&key.key_id, ISSUER_ID, private_key))
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    (client, sandbox)
}

#[tokio::test]
async fn a_page_of_apps_decodes_into_apples_models() {
    let (client, sandbox) = sandbox(50).await;
    let page = client
        .apps_get_collection()
        .sort([Sort::NameDescending])
        .fields_apps([
            FieldsApps::Name,
            FieldsApps::BundleId,
            FieldsApps::CiProduct,
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.body.data.len(), 7);
    let first = &page.body.data[0];
    assert_eq!(first.r#type.as_str(), "apps");
    let attributes = first.attributes.as_ref().unwrap();
    assert!(attributes.name.is_some() && attributes.bundle_id.is_some());
    assert_eq!(attributes.sku, None, "sparse fieldset");
    let ci_product = first.relationships.as_ref().unwrap().ci_product.as_ref();
    assert!(
        ci_product
            .unwrap()
            .links
            .as_ref()
            .unwrap()
            .related
            .is_some()
    );
    assert_eq!(page.body.meta.as_ref().unwrap().paging.total, Some(7));
    assert!(page.body.links.next.is_none());
    let query = &sandbox.requests()[0].query;
    assert!(
        query.contains(&("sort".to_owned(), "-name".to_owned())),
        "{query:?}"
    );
    let fields = (
        "fields[apps]".to_owned(),
        "name,bundleId,ciProduct".to_owned(),
    );
    assert!(query.contains(&fields), "{query:?}");
}

#[tokio::test]
async fn one_app_is_read_by_id() {
    let (client, _sandbox) = sandbox(50).await;
    let page = client.apps_get_collection().send().await.unwrap();
    let id = page.body.data[2].id.clone();
    let one = client.apps_get_instance(id.clone()).send().await.unwrap();
    assert_eq!(one.body.data.id, id);
    assert_eq!(
        one.body
            .data
            .attributes
            .as_ref()
            .and_then(|a| a.name.clone()),
        page.body.data[2]
            .attributes
            .as_ref()
            .and_then(|a| a.name.clone())
    );
    assert!(one.body.links.self_.ends_with(&format!("/v1/apps/{id}")));
    let missing = client.apps_get_instance("0").send().await.unwrap_err();
    assert!(
        matches!(&missing, Error::Api(error) if error.status == 404),
        "{missing}"
    );
}

#[tokio::test]
async fn pages_are_followed_through_links_next() {
    let (client, sandbox) = sandbox(3).await;
    let pages: Vec<_> = client
        .apps_get_collection()
        .limit(3)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 3);
    let sizes: Vec<usize> = pages
        .iter()
        .map(|page| page.as_ref().unwrap().body.data.len())
        .collect();
    assert_eq!(sizes, [3, 3, 1]);
    let every = client
        .apps_get_collection()
        .limit(3)
        .collect_all(0)
        .await
        .unwrap();
    let mut ids: Vec<String> = every.iter().map(|app| app.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7, "every app once");
    let items: Vec<_> = client
        .apps_get_collection()
        .limit(3)
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 7);
    assert!(sandbox.requests().len() >= 7);
}

#[tokio::test]
async fn a_limit_over_the_maximum_is_refused_before_sending() {
    let (client, sandbox) = sandbox(50).await;
    let error = client
        .apps_get_collection()
        .limit(201)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error}");
    assert!(error.to_string().contains("at most 200"), "{error}");
    assert!(sandbox.requests().is_empty());
}
