//! Following `links.next`: `Client::pages`, `items`, `collect_all` and `execute_next`.

use std::time::Duration;

use crate::common::{Recorded, Reply, client, client_with, fast_retries, get, recorded, serve};
use connector_runtime::{Error, Page, Response, Stream};
use futures_util::StreamExt as _;
use serde_json::{Value, json};

/// The page number in `cursor=N` of the query, 1 without a cursor.
fn page_number(request: &Recorded) -> u64 {
    request
        .query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("cursor="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// Page `n` with items `2n-1, 2n`, linking (absolutely) to page `n + 1` while `n < last`.
fn numbered_page(request: &Recorded, last: u64) -> Reply {
    let n = page_number(request);
    let host = request.header("host").expect("host header");
    let next = (n < last).then(|| {
        format!(
            "http://{host}/v1/apps?cursor={}&limit=2&filter%5Bname%5D=A%20b",
            n + 1
        )
    });
    Reply::json(
        200,
        json!({"data": [2 * n - 1, 2 * n], "links": {"self": "x", "next": next}}),
    )
    .rate_limited(100 - n)
}

fn first_request() -> connector_runtime::Request {
    let mut request = get("Apps_List", "/v1/apps");
    request.query("limit", 2).header("x-extra", "kept");
    request
}

#[tokio::test]
async fn three_pages_are_collected_in_order_with_the_template_headers() {
    let (base, log) = serve(|_, request| numbered_page(request, 3)).await;
    let client = client(&base);
    let items = client
        .collect_all::<Value>(Ok(first_request()), 0)
        .await
        .expect("all pages");
    assert_eq!(items, (1..=6).map(Value::from).collect::<Vec<_>>());
    let seen = recorded(&log);
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].query.as_deref(), Some("limit=2"));
    assert_eq!(
        seen[2].query.as_deref(),
        Some("cursor=3&limit=2&filter%5Bname%5D=A%20b"),
        "the next link's query is sent as given"
    );
    let token = client.bearer_token().await.expect("token");
    for request in &seen {
        assert_eq!(request.path, "/v1/apps");
        assert_eq!(request.header("x-extra"), Some("kept"));
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {token}").as_str())
        );
    }
}

#[tokio::test]
async fn pages_stream_yields_responses_with_rate_limits() {
    let (base, _log) = serve(|_, request| numbered_page(request, 2)).await;
    let pages: Vec<Result<Response<Value>, Error>> =
        client(&base).pages(Ok(first_request())).collect().await;
    assert_eq!(pages.len(), 2);
    let remaining: Vec<u64> = pages
        .iter()
        .map(|page| {
            page.as_ref()
                .expect("page")
                .rate_limit()
                .expect("rl")
                .remaining
        })
        .collect();
    assert_eq!(remaining, vec![99, 98]);
}

#[tokio::test]
async fn relative_next_links_resolve_against_the_base_url() {
    let (base, log) = serve(|n, _| match n {
        0 => Reply::json(
            200,
            json!({"data": [1], "links": {"next": "/v1/apps?cursor=2"}}),
        ),
        _ => Reply::json(200, json!({"data": {"id": "2"}})),
    })
    .await;
    let items = client(&base)
        .collect_all::<Value>(Ok(first_request()), 0)
        .await
        .expect("two pages");
    assert_eq!(items, vec![json!(1), json!({"id": "2"})]);
    assert_eq!(recorded(&log)[1].query.as_deref(), Some("cursor=2"));
}

#[tokio::test]
async fn a_next_link_to_another_port_is_refused_and_never_contacted() {
    let (other, other_log) = serve(|_, _| Reply::json(200, json!({"data": []}))).await;
    let next = format!("{other}/v1/apps?cursor=2");
    let (base, log) =
        serve(move |_, _| Reply::json(200, json!({"data": [1], "links": {"next": next.clone()}})))
            .await;
    let results: Vec<Result<Value, Error>> = client(&base)
        .items::<Value>(Ok(first_request()))
        .collect()
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().expect("item"), &json!(1));
    match &results[1] {
        Err(error @ Error::ForeignNextLink { operation, url }) => {
            assert_eq!(*operation, "Apps_List");
            assert_eq!(url, &format!("{other}/v1/apps?cursor=2"));
            assert!(error.to_string().contains("token was not sent"), "{error}");
        }
        other => panic!("expected ForeignNextLink, got {other:?}"),
    }
    assert!(
        recorded(&other_log).is_empty(),
        "the foreign server got nothing"
    );
    assert_eq!(recorded(&log).len(), 1);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let (base, log) = serve(|_, request| {
        let port = request
            .header("host")
            .and_then(|host| host.rsplit(':').next());
        let next = format!("http://localhost:{}/v1/apps?cursor=2", port.expect("port"));
        Reply::json(200, json!({"data": [], "links": {"next": next}}))
    })
    .await;
    let error = client(&base)
        .collect_all::<Value>(Ok(first_request()), 0)
        .await
        .expect_err("foreign host");
    assert!(matches!(error, Error::ForeignNextLink { .. }), "{error:?}");
    assert_eq!(recorded(&log).len(), 1);
}

#[tokio::test]
async fn execute_next_refuses_foreign_urls_and_follows_local_ones() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({"ok": true}))).await;
    let client = client(&base);
    let template = first_request();
    let error = client
        .execute_next::<Value>(&template, "https://evil.example/v1/apps?cursor=2")
        .await
        .expect_err("foreign");
    assert!(matches!(error, Error::ForeignNextLink { .. }));
    assert!(recorded(&log).is_empty());
    let response = client
        .execute_next::<Value>(&template, &format!("{base}/v1/other?cursor=9"))
        .await
        .expect("same origin");
    assert_eq!(response.body, json!({"ok": true}));
    let seen = recorded(&log);
    assert_eq!(
        (seen[0].path.as_str(), seen[0].query.as_deref()),
        ("/v1/other", Some("cursor=9"))
    );
    assert!(seen[0].header("authorization").is_some());
}

#[tokio::test]
async fn collect_all_stops_requesting_at_the_cap() {
    let (base, log) = serve(|_, request| numbered_page(request, u64::MAX)).await;
    let items = client(&base)
        .collect_all::<Value>(Ok(first_request()), 2)
        .await
        .expect("two pages");
    assert_eq!(items, vec![json!(1), json!(2), json!(3), json!(4)]);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(recorded(&log).len(), 2, "no third page was requested");
}

#[tokio::test]
async fn pages_are_lazy_and_send() {
    fn assert_send_static<S: Stream + Send + 'static>(stream: S) -> S {
        stream
    }
    let (base, log) = serve(|_, request| numbered_page(request, 3)).await;
    let client = client(&base);
    let pages = assert_send_static(client.pages::<Value>(Ok(first_request())));
    let _items = assert_send_static(client.items::<Value>(Ok(first_request())));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        recorded(&log).is_empty(),
        "nothing is sent before the first poll"
    );
    let mut pages = Box::pin(pages);
    pages.next().await.expect("a page").expect("ok");
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(recorded(&log).len(), 1, "one poll, one page");
    let spawned = tokio::spawn(async move { pages.next().await.map(|page| page.is_ok()) });
    assert_eq!(spawned.await.expect("task"), Some(true));
    assert_eq!(recorded(&log).len(), 2);
}

#[tokio::test]
async fn a_build_error_is_the_only_item() {
    let (base, log) = serve(|_, _| Reply::json(200, json!({}))).await;
    let first = Err(Error::MissingCredentials {
        operation: "Apps_List",
    });
    let pages: Vec<_> = client(&base).pages::<Value>(first).collect().await;
    assert!(matches!(
        pages.as_slice(),
        [Err(Error::MissingCredentials { .. })]
    ));
    assert!(recorded(&log).is_empty());
}

#[tokio::test]
async fn an_error_page_ends_the_stream_and_retries_apply_to_pages() {
    let (base, log) = serve(|n, request| match n {
        1 => Reply::new(503, ""),
        3 => Reply::json(
            404,
            json!({"errors": [{"status": "404", "code": "NOT_FOUND",
            "title": "gone"}]}),
        ),
        _ => numbered_page(request, 10),
    })
    .await;
    let results: Vec<Result<Value, Error>> = client_with(&base, fast_retries(2))
        .items::<Value>(Ok(first_request()))
        .collect()
        .await;
    let (items, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    assert_eq!(items.len(), 4, "pages 1 and 2 (after a retried 503)");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].as_ref().expect_err("error").status(), Some(404));
    assert_eq!(recorded(&log).len(), 4);
}

#[tokio::test]
async fn a_next_link_to_the_same_page_stops_instead_of_looping() {
    let (base, log) = serve(|_, request| {
        let host = request.header("host").expect("host");
        Reply::json(
            200,
            json!({"data": [1], "links": {"next": format!("http://{host}/v1/apps?limit=2")}}),
        )
    })
    .await;
    let error = client(&base)
        .collect_all::<Value>(Ok(first_request()), 0)
        .await
        .expect_err("loop");
    assert!(matches!(error, Error::InvalidNextLink { .. }), "{error:?}");
    assert_eq!(recorded(&log).len(), 1);
}

#[test]
fn page_is_implemented_by_json_values() {
    let page = json!({"data": [], "links": {"next": "n"}});
    assert_eq!(Page::next_link(&page), Some("n"));
}
