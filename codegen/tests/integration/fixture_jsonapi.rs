//! The generated code for `fixtures/jsonapi.openapi.json`, an OpenAPI 3.0 definition in the
//! style of App Store Connect: component references, JSON:API unions, nullable and
//! deprecated members, comma-joined and exploded query arrays, JSON request bodies, text
//! and gzip answers, deprecated operations and shared parameter enums.

#[allow(
    dead_code,
    reason = "the fixture's API is larger than what these tests call"
)]
mod store {
    include!("../golden/jsonapi.rs");
}

use connector_runtime::Error;
use serde_json::json;
use store::models::{
    AppUpdateRequest, AppUpdateRequestData, AppUpdateRequestDataAttributes, AppsResponse,
    AppsResponseIncluded, ErrorResponse, ErrorResponseErrorsSource, Platform,
};
use store::operations::apps_get_collection::{FieldsApps, FilterPlatform, Include, Sort};
use store::{Client, DEFAULT_BASE_URL};

fn client() -> Client {
    Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

#[test]
fn the_base_url_takes_the_server_variables_defaults() {
    assert_eq!(DEFAULT_BASE_URL, "https://eu.store.example.com/api");
}

#[test]
fn relationships_decode_on_demand_with_the_path_of_what_does_not_fit() {
    let page: AppsResponse = serde_json::from_value(json!({
        "data": [
            {"type": "apps", "id": "1", "relationships": {"builds": {"data": [{"type": "builds", "id": "7"}]}}},
            {"type": "apps", "id": "2", "relationships": {"builds": {"data": [{"type": "builds", "id": 8}]}}}
        ],
        "links": {"self": "https://eu.store.example.com/api/v1/apps"}
    }))
    .unwrap();
    let first = page.data[0]
        .relationships
        .as_ref()
        .unwrap()
        .decode()
        .unwrap();
    assert_eq!(first.builds.unwrap().data[0].id, "7");
    let error = page.data[1]
        .relationships
        .as_ref()
        .unwrap()
        .decode()
        .unwrap_err();
    assert_eq!(error.path, "builds.data[0].id", "{error}");
}

#[test]
fn included_resources_decode_by_their_type() {
    let page: AppsResponse = serde_json::from_value(json!({
        "data": [{"type": "apps", "id": "1", "attributes": {"name": "Maps", "nickname": null, "platform": "VISION_OS"}}],
        "included": [
            {"type": "builds", "id": "7", "attributes": {"version": "2.1"}},
            {"type": "apps", "id": "2"},
            {"type": "users", "id": "3"}
        ],
        "links": {"self": "https://eu.store.example.com/api/v1/apps"}
    }))
    .unwrap();
    let attributes = page.data[0].attributes.as_ref().unwrap();
    assert_eq!(attributes.nickname, None, "a nullable member may be null");
    assert_eq!(
        attributes.platform,
        Some(Platform::Unknown("VISION_OS".to_owned()))
    );
    let AppsResponseIncluded::Build(build) = &page.included[0] else {
        panic!("a build, decoded as the version that is not deprecated: {page:?}");
    };
    assert_eq!(
        build.attributes.as_ref().unwrap().version.as_deref(),
        Some("2.1")
    );
    assert!(matches!(&page.included[1], AppsResponseIncluded::App(app) if app.id == "2"));
    assert!(
        matches!(&page.included[2], AppsResponseIncluded::Unknown(value) if value["type"] == "users")
    );
    let broken = serde_json::from_value::<AppsResponse>(json!({
        "data": [], "links": {"self": "x"}, "included": [{"type": "builds"}]
    }))
    .unwrap_err()
    .to_string();
    assert!(
        broken.contains("as Build") && broken.contains("`id`"),
        "{broken}"
    );
}

#[test]
fn untagged_unions_take_the_variant_that_fits() {
    let errors: ErrorResponse = serde_json::from_value(json!({"errors": [
        {"status": "400", "code": "PARAMETER_ERROR.INVALID", "source": {"parameter": "limit"}},
        {"status": "409", "code": "ENTITY_ERROR", "source": {"pointer": "/data/id"}}
    ]}))
    .unwrap();
    assert!(matches!(
        &errors.errors[0].source,
        Some(ErrorResponseErrorsSource::ErrorSourceParameter(source)) if source.parameter == "limit"
    ));
    assert!(matches!(
        &errors.errors[1].source,
        Some(ErrorResponseErrorsSource::ErrorSourcePointer(source)) if source.pointer == "/data/id"
    ));
}

#[test]
#[allow(deprecated, reason = "the deprecated parameter still works")]
fn query_arrays_are_comma_joined_or_one_pair_per_item() {
    let request = client()
        .apps_get_collection()
        .filter_name(["Maps", "Notes"])
        .filter_platform([FilterPlatform::Ios, FilterPlatform::MacOs])
        .fields_apps([FieldsApps::Name, FieldsApps::Builds])
        .include([Include::Builds])
        .sort([Sort::NameDescending])
        .tag(["a", "b"])
        .exists_builds(true)
        .limit(20)
        .build()
        .unwrap();
    assert_eq!(
        request.encoded_query(),
        "filter%5Bname%5D=Maps%2CNotes&filter%5Bplatform%5D=IOS%2CMAC_OS\
         &fields%5Bapps%5D=name%2Cbuilds&include=builds&sort=-name&tag=a&tag=b\
         &exists%5Bbuilds%5D=true&limit=20"
    );
    let error = client()
        .apps_get_collection()
        .limit(201)
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error}");
}

#[test]
fn operations_with_the_same_values_share_one_enum() {
    use store::operations::apps_get_instance;
    let same: apps_get_instance::FieldsApps = FieldsApps::Nickname;
    let request = client()
        .apps_get_instance("42")
        .fields_apps([same])
        .build()
        .unwrap();
    assert_eq!(request.path(), "/v1/apps/42");
    assert_eq!(request.encoded_query(), "fields%5Bapps%5D=nickname");
    assert!(
        client().apps_get_instance("").build().is_err(),
        "an empty path segment"
    );
}

#[test]
fn json_bodies_are_written_from_the_request_models() {
    let body = AppUpdateRequest {
        data: AppUpdateRequestData {
            r#type: store::models::AppType::Apps,
            id: "42".to_owned(),
            attributes: Some(AppUpdateRequestDataAttributes {
                name: Some("Maps".to_owned()),
                tags: Vec::new(),
            }),
        },
    };
    let request = client().apps_update_instance("42", body).build().unwrap();
    assert_eq!(request.method(), &connector_runtime::Method::PATCH);
    let sent: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(
        sent,
        json!({"data": {"type": "apps", "id": "42", "attributes": {"name": "Maps"}}})
    );
}

#[test]
fn the_operation_table_reads_required_arrays_and_bodies_from_text() {
    let info = store::OPERATIONS
        .iter()
        .find(|info| info.id == "salesReports_getCollection")
        .unwrap();
    assert!(info.parameters[0].required);
    let mut arguments = connector_runtime::meta::Arguments::new();
    arguments.insert("filter[frequency]", "DAILY,WEEKLY");
    let request = (info.build)(client().runtime(), &arguments).unwrap();
    assert_eq!(
        request.encoded_query(),
        "filter%5Bfrequency%5D=DAILY%2CWEEKLY"
    );
    let missing = (info.build)(client().runtime(), &Default::default()).unwrap_err();
    assert!(missing.to_string().contains("required"), "{missing}");
}

/// Serves the reports and the deletion on 127.0.0.1 until the test ends.
async fn answers() -> Client {
    use axum::routing::{delete, get};
    let app = axum::Router::new()
        .route(
            "/v1/financeReports",
            get(|headers: axum::http::HeaderMap| async move {
                let authorization = headers.get("authorization").cloned();
                assert_eq!(authorization.unwrap(), "Bearer t-123", "the bearer scheme");
                ([("content-type", "text/csv")], "day,units\n1,2\n")
            }),
        )
        .route(
            "/v1/salesReports",
            get(|| async {
                (
                    [("content-type", "application/a-gzip")],
                    vec![0x1f_u8, 0x8b, 8, 0],
                )
            }),
        )
        .route(
            "/v1/apps/{id}",
            delete(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Client::builder()
        .base_url(format!("http://{address}"))
        .auth(connector_runtime::Auth::bearer("t-123"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn csv_answers_are_text_and_gzip_answers_are_bytes() {
    use store::operations::sales_reports_get_collection::FilterFrequency;
    let client = answers().await;
    let csv = client
        .finance_reports_get_collection()
        .send()
        .await
        .unwrap();
    assert_eq!(csv.body, "day,units\n1,2\n");
    let gzip = client
        .sales_reports_get_collection([FilterFrequency::Daily])
        .send()
        .await
        .unwrap();
    assert_eq!(gzip.body, [0x1f, 0x8b, 8, 0]);
}

#[tokio::test]
#[allow(deprecated, reason = "the deprecated operation still works")]
async fn deprecated_operations_still_work() {
    let client = answers().await;
    let deleted = client.apps_delete_instance("42").send().await.unwrap();
    assert_eq!(deleted.status.as_u16(), 204);
}
