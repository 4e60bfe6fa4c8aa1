//! The generated code for `fixtures/models.swagger.json`: shared models from `definitions`,
//! references, `allOf`, `additionalProperties`, recursion and JSON bodies.

#[allow(
    dead_code,
    reason = "the fixture's API is larger than what these tests call"
)]
mod library {
    include!("../golden/models.rs");
}

use library::models::{Book, Kind, Node, Open};
use serde_json::json;

fn client() -> library::Client {
    library::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

#[test]
fn recursive_definitions_are_boxed_and_decode() {
    let tree: Node = serde_json::from_value(json!({
        "name": "root",
        "parent": {"name": "above"},
        "children": [{"name": "leaf", "labels": {"colour": "green"}}]
    }))
    .unwrap();
    assert_eq!(
        tree.parent.as_deref().map(|p| p.name.as_str()),
        Some("above")
    );
    assert_eq!(tree.children[0].labels["colour"], "green");
}

#[test]
fn all_of_merges_the_parts_and_their_required_fields() {
    let book: Book =
        serde_json::from_value(json!({"id": 3, "title": "Dune", "kind": "audiobook"})).unwrap();
    assert_eq!((book.id, book.title.as_str()), (3, "Dune"));
    assert_eq!(book.kind, Some(Kind::Unknown("audiobook".to_owned())));
    let missing = serde_json::from_value::<Book>(json!({"id": 3})).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `title`"),
        "{missing}"
    );
}

#[test]
fn additional_properties_are_kept_beside_declared_ones() {
    let open: Open =
        serde_json::from_value(json!({"known": true, "extra": [1], "more": "x"})).unwrap();
    assert_eq!(open.known, Some(true));
    assert_eq!(open.additional_properties.len(), 2);
    assert_eq!(open.additional_properties["extra"], json!([1]));
    assert_eq!(open.additional_properties["more"], json!("x"));
}

#[test]
fn referenced_parameters_and_bodies_build_requests() {
    let book = Book {
        id: 1,
        kind: Some(Kind::Ebook),
        title: "Emma".to_owned(),
    };
    let request = client().add_book("top shelf", book).build().unwrap();
    assert_eq!(request.path(), "/shelves/top%20shelf/books");
    assert_eq!(request.method(), &connector_runtime::Method::POST);
    let body: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(body, json!({"id": 1, "kind": "ebook", "title": "Emma"}));
}

#[test]
fn inline_bodies_get_request_types() {
    use library::operations::put_note::{RequestBody, RequestTags};
    let note = RequestBody {
        text: Some("hi".to_owned()),
        tags: vec![RequestTags {
            name: Some("a".to_owned()),
        }],
    };
    let request = client().put_note().body(note).build().unwrap();
    let body: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(body, json!({"text": "hi", "tags": [{"name": "a"}]}));
    assert!(client().put_note().build().unwrap().body().is_none());
    let empty = client()
        .put_note()
        .body(RequestBody::default())
        .build()
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(empty.body().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({}),
        "absent values and empty lists are left out"
    );
}

#[test]
fn json_bodies_can_be_given_as_text() {
    let info = library::OPERATIONS
        .iter()
        .find(|info| info.name == "add_book")
        .unwrap();
    let mut arguments = connector_runtime::meta::Arguments::new();
    arguments
        .insert("shelf", "s")
        .insert("book", r#"{"id": 2, "title": "Ulysses"}"#);
    let request = (info.build)(client().runtime(), &arguments).unwrap();
    let body: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(body, json!({"id": 2, "title": "Ulysses"}));
    arguments.insert("book", "{not json");
    let error = (info.build)(client().runtime(), &arguments)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`book`") && error.contains("not JSON"),
        "{error}"
    );
}

/// Serves the answers of `PUT /shelves/{shelf}/books`, `GET /report` and `GET /cover` on
/// 127.0.0.1 until the test ends.
async fn answers() -> library::Client {
    use axum::routing::{get, put};
    let app = axum::Router::new()
        .route(
            "/shelves/{shelf}/books",
            put(
                |axum::extract::Path(shelf): axum::extract::Path<String>| async move {
                    use axum::http::StatusCode;
                    let (status, body) = match shelf.as_str() {
                        "new" => (StatusCode::CREATED, r#"{"location": "/books/9"}"#),
                        "same" => (StatusCode::NO_CONTENT, ""),
                        _ => (StatusCode::OK, r#"{"id": 9, "title": "Emma"}"#),
                    };
                    (status, [("content-type", "application/json")], body)
                },
            ),
        )
        .route(
            "/report",
            get(|| async { ([("content-type", "text/csv")], "a,b\n1,2\n") }),
        )
        .route(
            "/cover",
            get(|| async {
                (
                    [("content-type", "image/png")],
                    vec![0x89_u8, b'P', b'N', b'G'],
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    library::Client::builder()
        .base_url(format!("http://{address}"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn statuses_with_different_bodies_decode_into_their_variants() {
    use library::operations::put_book::{Body, CreatedBody};
    let client = answers().await;
    let book = || Book {
        id: 9,
        kind: None,
        title: "Emma".to_owned(),
    };
    let replaced = client.put_book("old", book()).send().await.unwrap();
    assert_eq!(replaced.body, Body::Ok(book()));
    let created = client.put_book("new", book()).send().await.unwrap();
    assert_eq!(
        created.body,
        Body::Created(CreatedBody {
            location: Some("/books/9".to_owned())
        })
    );
    let same = client.put_book("same", book()).send().await.unwrap();
    assert_eq!(same.body, Body::NoContent);
}

#[tokio::test]
async fn text_and_binary_bodies_are_not_parsed_as_json() {
    let client = answers().await;
    let report = client.get_report().send().await.unwrap();
    assert_eq!(report.body, "a,b\n1,2\n");
    let cover = client.get_cover().send().await.unwrap();
    assert_eq!(cover.body, [0x89, b'P', b'N', b'G']);
    assert_eq!(cover.headers["content-type"], "image/png");
}

#[test]
fn binary_and_text_bodies_are_sent_as_they_are() {
    let cover = client().put_cover(vec![0x89, b'P']).build().unwrap();
    assert_eq!(cover.body(), Some(&[0x89, b'P'][..]));
    assert!(
        cover
            .headers()
            .contains(&("content-type", "image/png".to_owned()))
    );
    let report = client().post_report("a,b\n").build().unwrap();
    assert_eq!(report.body(), Some(&b"a,b\n"[..]));
    assert!(
        report
            .headers()
            .contains(&("content-type", "text/csv".to_owned()))
    );
}
