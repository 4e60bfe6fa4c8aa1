//! Listings followed through `links.next` and transient failures retried, through the
//! generated client against the sandbox.

use std::time::{Duration, Instant};

use crate::common::{team_sandbox, team_sandbox_with};
use app_store_connect::runtime::{RetryPolicy, Stream};
use app_store_connect_sandbox::sample_apps;
use futures_util::StreamExt;

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(50))
}

async fn collect<S: Stream<Item = T>, T>(stream: S) -> Vec<T> {
    stream.collect().await
}

#[tokio::test]
async fn items_follow_links_next_across_every_page() {
    let (client, sandbox) = team_sandbox(3).await;
    let items = collect(client.apps_and_app_metadata_list_apps().items()).await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|item| item.unwrap().id.unwrap())
        .collect();
    let expected: Vec<String> = sample_apps().into_iter().map(|app| app.id).collect();
    assert_eq!(ids, expected);
    assert_eq!(sandbox.request_count(), 3, "7 apps in pages of 3");
    let cursors = sandbox
        .requests()
        .iter()
        .filter(|r| r.query.iter().any(|(name, _)| name == "cursor"))
        .count();
    assert_eq!(cursors, 2);
}

#[tokio::test]
async fn pages_keep_the_filters_of_the_first_request() {
    let (client, sandbox) = team_sandbox(1).await;
    let pages = collect(
        client
            .apps_and_app_metadata_list_apps()
            .filter_name("Zen Timer,Moonlight")
            .pages(),
    )
    .await;
    assert_eq!(pages.len(), 2);
    for page in pages {
        let page = page.unwrap();
        assert_eq!(page.body.data.len(), 1);
        assert!(page.rate_limit().is_some());
    }
    assert!(
        sandbox
            .requests()
            .iter()
            .all(|r| r.query.iter().any(|(name, _)| name == "filter[name]"))
    );
}

#[tokio::test]
async fn collect_all_stops_at_the_page_cap() {
    let (client, sandbox) = team_sandbox(3).await;
    let items = client
        .apps_and_app_metadata_list_apps()
        .collect_all(2)
        .await
        .unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(sandbox.request_count(), 2);
    let all = client
        .apps_and_app_metadata_list_apps()
        .collect_all(0)
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
}

#[tokio::test]
async fn nothing_is_sent_before_a_stream_is_polled_and_invalid_requests_end_it() {
    let (client, sandbox) = team_sandbox(3).await;
    let stream = client.apps_and_app_metadata_list_apps().pages();
    assert_eq!(sandbox.request_count(), 0);
    drop(stream);
    let results = collect(
        client
            .apps_and_app_metadata_list_apps()
            .limit_builds(51)
            .items(),
    )
    .await;
    assert_eq!(results.len(), 1);
    assert!(matches!(
        results[0],
        Err(app_store_connect::Error::InvalidRequest { .. })
    ));
    assert_eq!(sandbox.request_count(), 0);
}

#[tokio::test]
async fn a_429_is_retried_with_and_without_retry_after() {
    let (client, sandbox) = team_sandbox_with(3, fast_retries()).await;
    sandbox.fail_next(429, 1, Some("0"));
    client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    sandbox.fail_next(429, 1, None);
    client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap();
    let statuses: Vec<u16> = sandbox.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200, 429, 200]);
}

#[tokio::test]
async fn a_503_storm_gives_up_within_the_bound_with_the_last_error() {
    let retries = fast_retries().with_max_retries(3);
    let (client, sandbox) = team_sandbox_with(3, retries).await;
    sandbox.fail_next(503, 1000, None);
    let started = Instant::now();
    let error = client
        .apps_and_app_metadata_list_apps()
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(error.status(), Some(503));
    assert_eq!(sandbox.request_count(), 4, "one attempt and three retries");
}
