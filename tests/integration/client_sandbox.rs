//! The generated client against the loopback App Store Connect double.

use crate::common::{ISSUER_ID, client, private_key, team_sandbox, team_sandbox_with};
use app_store_connect::operations::apps_and_app_metadata_list_apps::{FieldsApps, Sort};
use app_store_connect::runtime::RetryPolicy;
use app_store_connect::{ApiErrorSource, Credentials, Error};
use app_store_connect_sandbox::{Sandbox, TestKey};

fn names(
    body: &app_store_connect::operations::apps_and_app_metadata_list_apps::Body,
) -> Vec<String> {
    body.data
        .iter()
        .filter_map(|app| app.attributes.as_ref()?.name.clone())
        .collect()
}

#[tokio::test]
async fn list_apps_decodes_a_page_with_fields_the_spec_does_not_know() {
    let (client, sandbox) = team_sandbox(50).await;
    let page = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    assert_eq!(page.status.as_u16(), 200);
    assert_eq!(page.body.data.len(), 7);
    let first = &page.body.data[0];
    assert_eq!(first.r#type.as_deref(), Some("apps"));
    assert_eq!(first.id.as_deref(), Some("1500000001"));
    let attributes = first.attributes.as_ref().unwrap();
    assert_eq!(attributes.name.as_deref(), Some("Zen Timer"));
    assert_eq!(
        attributes.bundle_id.as_deref(),
        Some("com.example.zentimer")
    );
    assert_eq!(attributes.sku.as_deref(), Some("ZEN-TIMER"));
    assert_eq!(attributes.primary_locale.as_deref(), Some("en-US"));
    let relationships = first.relationships.as_ref().unwrap().decode().unwrap();
    let links = relationships.ci_product.as_ref().unwrap();
    assert!(links.links.as_ref().unwrap().related.is_some());
    assert_eq!(
        page.body
            .meta
            .as_ref()
            .unwrap()
            .paging
            .as_ref()
            .unwrap()
            .total,
        Some(7)
    );
    let recorded = sandbox.requests();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].authorized);
}

#[tokio::test]
async fn a_listing_is_paged_through_links_next() {
    let (client, _sandbox) = team_sandbox(3).await;
    let page = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    assert_eq!(page.body.data.len(), 3);
    let next = page.body.links.unwrap().next.unwrap();
    assert!(next.contains("cursor="), "{next}");
}

#[tokio::test]
async fn read_app_information_takes_the_id_as_one_path_segment() {
    let (client, sandbox) = team_sandbox(3).await;
    let app = client
        .apps_and_app_metadata_read_app_information("1500000004")
        .send()
        .await
        .unwrap();
    let data = app.body.data.unwrap();
    assert_eq!(data.id.as_deref(), Some("1500000004"));
    assert_eq!(
        data.attributes.unwrap().name.as_deref(),
        Some("Weather & Tides")
    );
    assert!(
        data.links
            .unwrap()
            .self_
            .unwrap()
            .ends_with("/v1/apps/1500000004")
    );

    let error = client
        .apps_and_app_metadata_read_app_information("a/b c")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(sandbox.requests()[1].path, "/v1/apps/a%2Fb%20c");
}

#[tokio::test]
async fn query_names_and_values_are_percent_encoded() {
    let (client, sandbox) = team_sandbox(50).await;
    let page = client
        .apps_and_app_metadata_list_apps()
        .filter_name("Café Finder")
        .send()
        .await
        .unwrap();
    assert_eq!(names(&page.body), ["Café Finder"]);
    let recorded = &sandbox.requests()[0];
    assert_eq!(
        recorded.raw_query.as_deref(),
        Some("filter%5Bname%5D=Caf%C3%A9%20Finder")
    );
    assert_eq!(
        recorded.query,
        [("filter[name]".to_owned(), "Café Finder".to_owned())]
    );

    let page = client
        .apps_and_app_metadata_list_apps()
        .filter_name("Weather & Tides")
        .send()
        .await
        .unwrap();
    assert_eq!(names(&page.body), ["Weather & Tides"]);
}

#[tokio::test]
async fn enum_parameters_are_sent_as_their_wire_values() {
    let (client, sandbox) = team_sandbox(50).await;
    let page = client
        .apps_and_app_metadata_list_apps()
        .sort(Sort::NameDescending)
        .fields_apps(FieldsApps::Name)
        .send()
        .await
        .unwrap();
    let mut expected = names(&page.body);
    expected.sort();
    expected.reverse();
    assert_eq!(names(&page.body), expected);
    let attributes = page.body.data[0].attributes.as_ref().unwrap();
    assert!(attributes.name.is_some());
    assert_eq!(
        attributes.bundle_id, None,
        "only fields[apps]=name was asked for"
    );
    assert_eq!(
        sandbox.requests()[0].raw_query.as_deref(),
        Some("fields%5Bapps%5D=name&sort=-name")
    );
    assert_eq!(Sort::BundleIdDescending.to_string(), "-bundleId");
    assert_eq!(Sort::ALL.len(), 6);
}

#[tokio::test]
async fn a_bound_violation_is_an_error_and_sends_nothing() {
    let (client, sandbox) = team_sandbox(3).await;
    let error = client
        .apps_and_app_metadata_list_apps()
        .limit_builds(51)
        .send()
        .await
        .unwrap_err();
    match &error {
        Error::InvalidRequest { parameter, .. } => assert_eq!(parameter, "limit[builds]"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(error.to_string().contains("at most 50"), "{error}");
    let empty_id = client
        .apps_and_app_metadata_read_app_information("")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(empty_id, Error::InvalidRequest { .. }),
        "{empty_id:?}"
    );
    assert_eq!(sandbox.request_count(), 0);
    assert_eq!(
        client.runtime().minted_tokens(),
        0,
        "not even a token was minted"
    );

    client
        .apps_and_app_metadata_list_apps()
        .limit_builds(50)
        .send()
        .await
        .unwrap();
    assert_eq!(sandbox.request_count(), 1);
}

#[tokio::test]
async fn a_wrong_key_is_refused_with_an_api_error_after_one_fresh_token() {
    let (_, sandbox) = team_sandbox(3).await;
    let stranger = TestKey::generate("TEAMKEY123").unwrap();
    let client = client(
        Credentials::team("TEAMKEY123", ISSUER_ID, private_key(&stranger)),
        &sandbox,
    );
    let error = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(api.errors[0].code, "NOT_AUTHORIZED");
    assert_eq!(api.errors[0].status, "401");
    assert!(api.rate_limit.is_some());
    assert_eq!(sandbox.request_count(), 2, "one retry with a fresh token");
    assert_eq!(client.runtime().minted_tokens(), 2);
}

#[tokio::test]
async fn an_individual_key_signs_without_an_issuer() {
    let key = TestKey::generate("INDIVIDUAL1").unwrap();
    let sandbox = Sandbox::individual(&key.key_id, &key.public_key_pem)
        .unwrap()
        .start()
        .await
        .unwrap();
    let individual = client(
        Credentials::individual(&key.key_id, private_key(&key)),
        &sandbox,
    );
    let page = individual
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    assert_eq!(page.body.data.len(), 3);

    let team = client(
        Credentials::team(&key.key_id, ISSUER_ID, private_key(&key)),
        &sandbox,
    );
    let error = team
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.api_error().unwrap().errors[0].code, "NOT_AUTHORIZED");
}

#[tokio::test]
async fn not_found_is_decoded_from_apples_error_document() {
    let (client, _sandbox) = team_sandbox(3).await;
    let error = client
        .apps_and_app_metadata_read_app_information("404404")
        .send()
        .await
        .unwrap_err();
    let api = error.api_error().expect("an API error");
    assert_eq!(api.status, 404);
    let entry = &api.errors[0];
    assert_eq!(entry.code, "NOT_FOUND");
    assert_eq!(entry.title, "The specified resource does not exist");
    assert!(entry.detail.as_deref().unwrap().contains("404404"));
    assert_eq!(
        entry.source,
        Some(ApiErrorSource::Parameter("id".to_owned()))
    );
    assert!(error.to_string().contains("NOT_FOUND"), "{error}");
}

#[tokio::test]
async fn the_rate_limit_header_is_read_from_answers_and_errors() {
    let (client, sandbox) = team_sandbox_with(3, RetryPolicy::none()).await;
    let first = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    let second = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    let (first, second) = (first.rate_limit().unwrap(), second.rate_limit().unwrap());
    assert_eq!(first.limit, 3600);
    assert_eq!(second.remaining, first.remaining - 1);

    sandbox.fail_next(429, 1, Some("7"));
    let error = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap_err();
    assert!(error.is_rate_limited(), "{error:?}");
    assert_eq!(
        error.api_error().unwrap().errors[0].code,
        "RATE_LIMIT_EXCEEDED"
    );
    assert_eq!(error.rate_limit().unwrap().remaining, second.remaining - 1);
}

#[tokio::test]
async fn one_token_serves_many_concurrent_requests() {
    let (client, sandbox) = team_sandbox(3).await;
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        requests.spawn(client.apps_and_app_metadata_list_apps().send());
    }
    while let Some(answer) = requests.join_next().await {
        answer.unwrap().unwrap();
    }
    assert_eq!(sandbox.request_count(), 8);
    assert_eq!(client.runtime().minted_tokens(), 1);
}
