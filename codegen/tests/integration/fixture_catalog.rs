//! The generated code for `fixtures/catalog.swagger.json`, compiled and exercised: request
//! building, bounds, encodings, policies and response decoding.

#[allow(
    dead_code,
    reason = "the fixture's API is larger than what these tests call"
)]
mod catalog {
    include!("../golden/catalog.rs");
}

use catalog::operations::{catalog_items_get_one as get_one, list_items};
use connector_runtime::Error;

fn client() -> catalog::Client {
    catalog::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

/// The query a built request carries, as name and value pairs.
fn query(request: &connector_runtime::Request) -> Vec<(&str, &str)> {
    request
        .query_pairs()
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

fn parameter_of(error: Error) -> String {
    match error {
        Error::InvalidRequest { parameter, .. } => parameter,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[test]
fn path_parameters_follow_the_path_and_honour_double_encoding() {
    let request = client()
        .catalog_items_get_one("north/east", 42)
        .build()
        .unwrap();
    assert_eq!(request.path(), "/stores/north%252Feast/items/42");
    assert_eq!(request.method(), &connector_runtime::Method::GET);
    assert_eq!(request.operation(), "Catalog.Items/Get-One");
}

#[test]
fn the_credential_header_comes_from_the_policy_and_constants_are_sent() {
    let request = client().catalog_items_get_one("s", 1).build().unwrap();
    assert!(request.uses_credentials());
    let headers: Vec<_> = request
        .headers()
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    assert_eq!(headers, [("X-Api-Version", "2024-01")]);
    let debug = format!("{request:?}");
    assert!(debug.contains("Authorization"), "{debug}");
    assert!(!debug.contains("Connector-Key"), "{debug}");
}

#[test]
fn bounds_are_checked_before_anything_is_built() {
    assert_eq!(
        parameter_of(client().catalog_items_get_one("s", 0).build().unwrap_err()),
        "item-id"
    );
    assert_eq!(
        parameter_of(client().catalog_items_get_one("", 1).build().unwrap_err()),
        "store"
    );
    let long_label = client()
        .catalog_items_get_one("s", 1)
        .x_request_label("123456789");
    assert_eq!(
        parameter_of(long_label.build().unwrap_err()),
        "X-Request-Label"
    );
    let label = client()
        .catalog_items_get_one("s", 1)
        .x_request_label("12345678")
        .build()
        .unwrap();
    assert!(
        label
            .headers()
            .contains(&("X-Request-Label", "12345678".to_owned()))
    );

    assert_eq!(
        parameter_of(client().list_items().top(100).build().unwrap_err()),
        "$top"
    );
    assert_eq!(
        parameter_of(client().list_items().top(-1).build().unwrap_err()),
        "$top"
    );
    client().list_items().top(99).build().unwrap();
    assert_eq!(
        parameter_of(client().list_items().filter_name("A").build().unwrap_err()),
        "filter[name]"
    );
    assert_eq!(
        parameter_of(client().list_items().filter_name("A1").build().unwrap_err()),
        "filter[name]"
    );
    assert_eq!(
        parameter_of(client().list_items().ratio(1.6).build().unwrap_err()),
        "ratio"
    );
    client()
        .list_items()
        .ratio(1.5)
        .filter_name("Ab")
        .build()
        .unwrap();
}

#[test]
fn query_parameters_keep_their_wire_names_and_order() {
    let request = client()
        .list_items()
        .r#type(true)
        .ids(["a b".to_owned(), "c,d".to_owned()])
        .order(list_items::Order::NameDescending)
        .top(5)
        .build()
        .unwrap();
    let pairs = query(&request);
    assert_eq!(
        pairs,
        [
            ("$top", "5"),
            ("order", "-name"),
            ("ids", "a b,c,d"),
            ("type", "true")
        ]
    );
    assert_eq!(
        request.encoded_query(),
        "%24top=5&order=-name&ids=a%20b%2Cc%2Cd&type=true"
    );
    assert_eq!(list_items::Order::ALL.len(), 3);
}

#[test]
fn responses_keep_unknown_enum_values_and_ignore_unknown_fields() {
    let body: get_one::Body = serde_json::from_value(serde_json::json!({
        "id": 7,
        "type": "item",
        "state": "ON_HOLD",
        "self": {"href": "https://catalog.example.com/api/items/7"},
        "created-at": "2026-01-01T00:00:00Z",
        "variants": [{"sku": "A", "kind": "LIMITED"}, {"kind": "BRAND_NEW"}],
        "extra": {"anything": [1, 2]},
        "addedLater": true
    }))
    .unwrap();
    assert_eq!(body.state, get_one::State::Unknown("ON_HOLD".to_owned()));
    assert_eq!(body.state.as_str(), "ON_HOLD");
    assert_eq!(body.variants[0].kind, Some(get_one::VariantsKind::Limited));
    assert_eq!(
        body.variants[1].kind,
        Some(get_one::VariantsKind::Unknown("BRAND_NEW".to_owned()))
    );
    assert_eq!(body.r#type.as_deref(), Some("item"));
    assert_eq!(body.created_at.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert!(body.tags.is_empty());
}

#[test]
fn a_missing_required_field_is_a_decoding_error() {
    let error = serde_json::from_value::<get_one::Body>(serde_json::json!({"id": 1})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `state`"),
        "{error}"
    );
}

#[test]
fn the_default_base_url_comes_from_host_base_path_and_scheme() {
    assert_eq!(catalog::DEFAULT_BASE_URL, "https://catalog.example.com/api");
    let client = catalog::Client::builder().build().unwrap();
    assert_eq!(
        client.runtime().base_url().as_str(),
        "https://catalog.example.com/api"
    );
}

#[test]
fn negative_bounds_are_checked() {
    assert_eq!(
        parameter_of(client().list_items().offset(-11).build().unwrap_err()),
        "offset"
    );
    client().list_items().offset(-10).build().unwrap();
    assert_eq!(
        parameter_of(client().list_items().delta(-0.5).build().unwrap_err()),
        "delta"
    );
    client().list_items().delta(-0.49).build().unwrap();
}

fn info(name: &str) -> &'static connector_runtime::meta::OperationInfo {
    catalog::OPERATIONS
        .iter()
        .find(|info| info.name == name)
        .unwrap()
}

#[test]
fn the_operation_table_describes_every_operation() {
    let names: Vec<_> = catalog::OPERATIONS.iter().map(|info| info.name).collect();
    assert_eq!(
        names,
        [
            "add_note",
            "catalog_items_get_one",
            "delete_all_items",
            "get_status",
            "list_items",
            "upload_photo"
        ]
    );
    let get_one = info("catalog_items_get_one");
    assert_eq!(
        (get_one.id, get_one.method, get_one.path),
        (
            "Catalog.Items/Get-One",
            "GET",
            "/stores/{store}/items/{item-id}"
        )
    );
    let wire_names: Vec<_> = get_one.parameters.iter().map(|p| p.wire_name).collect();
    assert_eq!(
        wire_names,
        ["store", "item-id", "X-Request-Label"],
        "the credential header is not a parameter"
    );
    let order = info("list_items").parameter("order").unwrap();
    assert_eq!(
        order.kind,
        connector_runtime::meta::ValueKind::Enum(&["name", "-name", "created"])
    );
    let top = info("list_items").parameter("$top").unwrap();
    assert_eq!(
        (top.bounds, top.rust_name),
        (
            &[
                connector_runtime::meta::Bound::Minimum(0.0),
                connector_runtime::meta::Bound::ExclusiveMaximum(100.0)
            ][..],
            "top"
        )
    );
    assert!(!info("list_items").pageable);
}

#[test]
fn text_arguments_go_through_the_typed_builder() {
    let client = client();
    let mut arguments = connector_runtime::meta::Arguments::new();
    arguments
        .insert("$top", "5")
        .insert("order", "-name")
        .insert("ids", "a,b");
    let request = (info("list_items").build)(client.runtime(), &arguments).unwrap();
    assert_eq!(request.encoded_query(), "%24top=5&order=-name&ids=a%2Cb");

    arguments.insert("order", "sideways");
    let error = (info("list_items").build)(client.runtime(), &arguments)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`order`")
            && error.contains("`sideways` is not one of: name, -name, created"),
        "{error}"
    );
    arguments.insert("order", "name").insert("$top", "100");
    assert_eq!(
        parameter_of((info("list_items").build)(client.runtime(), &arguments).unwrap_err()),
        "$top"
    );

    let mut get_one = connector_runtime::meta::Arguments::new();
    get_one.insert("item-id", "7");
    assert_eq!(
        parameter_of(
            (info("catalog_items_get_one").build)(client.runtime(), &get_one).unwrap_err()
        ),
        "store"
    );
    get_one.insert("store", "a/b");
    let request = (info("catalog_items_get_one").build)(client.runtime(), &get_one).unwrap();
    assert_eq!(request.path(), "/stores/a%252Fb/items/7");
}

#[test]
fn form_fields_are_urlencoded_or_multipart_as_the_operation_consumes() {
    let note = client()
        .add_note(7, "nice & shiny")
        .stars(5)
        .build()
        .unwrap();
    assert!(!note.is_multipart());
    assert_eq!(
        note.form_fields(),
        [("text", "nice & shiny"), ("stars", "5")]
    );
    assert_eq!(
        parameter_of(client().add_note(7, "x").stars(6).build().unwrap_err()),
        "stars"
    );

    let photo = client()
        .upload_photo(7, b"\x89PNG".to_vec())
        .caption("front")
        .build()
        .unwrap();
    assert!(photo.is_multipart());
    assert_eq!(photo.form_fields(), [("caption", "front")]);
    assert_eq!(photo.path(), "/items/7/photo");
    let info = catalog::OPERATIONS
        .iter()
        .find(|info| info.name == "upload_photo")
        .unwrap();
    assert_eq!(
        info.parameter("photo").unwrap().kind,
        connector_runtime::meta::ValueKind::File
    );
}

#[test]
fn internal_parameters_with_defaults_are_sent_automatically() {
    let request = client().get_status("given").build().unwrap();
    assert_eq!(request.path(), "/versions/v%202/status");
    let pairs = query(&request);
    assert_eq!(
        pairs,
        [
            ("no-default", "given"),
            ("format", "json"),
            ("verbose", "true")
        ]
    );
    assert!(
        request
            .headers()
            .contains(&("X-Client", "connector".to_owned()))
    );
    let info = catalog::OPERATIONS
        .iter()
        .find(|info| info.name == "get_status")
        .unwrap();
    let names: Vec<_> = info.parameters.iter().map(|p| p.wire_name).collect();
    assert_eq!(names, ["no-default"]);
}

#[test]
fn numeric_enums_are_checked_and_boolean_enums_are_plain_flags() {
    assert_eq!(
        parameter_of(client().list_items().page_size(30).build().unwrap_err()),
        "pageSize"
    );
    let request = client()
        .list_items()
        .page_size(20)
        .archived(false)
        .build()
        .unwrap();
    assert_eq!(request.encoded_query(), "pageSize=20&archived=false");
}
