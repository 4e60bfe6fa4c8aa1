//! `/v1/apps` and `/v1/apps/{id}`: documents, paging, filters, parameter errors, routing.

use std::collections::HashSet;

use crate::common::*;
use app_store_connect_sandbox::{App, sample_apps};
use serde_json::Value;

fn ids(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .expect("data array")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn listing_pages_through_links_next() {
    let f = team_fixture().await;
    let token = f.team_token();
    let mut answer = f.get("/v1/apps", Some(&token)).await;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        assert_eq!(answer.status, 200, "body: {}", answer.body);
        pages += 1;
        assert_eq!(answer.body["meta"]["paging"]["total"], 7);
        assert_eq!(answer.body["meta"]["paging"]["limit"], 3);
        seen.extend(ids(&answer.body));
        let Some(next) = answer.body["links"]["next"].as_str() else {
            break;
        };
        assert!(
            next.starts_with(&format!("{}/v1/apps?", f.sandbox.base_url())),
            "{next}"
        );
        answer = f.get_url(next, &token).await;
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = sample_apps().into_iter().map(|a| a.id).collect();
    assert_eq!(seen, expected);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 7);
}

#[tokio::test]
async fn next_link_base_moves_only_links_next() {
    let f = team_fixture_with(|s| s.next_link_base("http://127.0.0.2:9/")).await;
    let token = f.team_token();
    let answer = f.get("/v1/apps?limit=2", Some(&token)).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
    let next = answer.body["links"]["next"].as_str().expect("next");
    assert!(
        next.starts_with("http://127.0.0.2:9/v1/apps?limit=2&cursor="),
        "{next}"
    );
    let base = f.sandbox.base_url();
    assert_eq!(
        answer.body["links"]["self"],
        format!("{base}/v1/apps?limit=2")
    );
    let first = &answer.body["data"][0];
    assert_eq!(first["links"]["self"], format!("{base}/v1/apps/1500000001"));
}

#[tokio::test]
async fn next_link_keeps_filters_and_limit() {
    let f = team_fixture().await;
    let token = f.team_token();
    let query = "/v1/apps?sort=-name&limit=2&filter%5Bid%5D=1500000001,1500000002,1500000003";
    let first = f.get(query, Some(&token)).await;
    assert_eq!(first.body["links"]["self"], f.url(query));
    assert_eq!(first.body["meta"]["paging"]["total"], 3);
    assert_eq!(first.body["meta"]["paging"]["limit"], 2);
    let next = first.body["links"]["next"]
        .as_str()
        .expect("next")
        .to_owned();
    assert!(
        next.contains("sort=-name") && next.contains("limit=2") && next.contains("filter%5Bid%5D=")
    );
    let second = f.get_url(&next, &token).await;
    assert!(second.body["links"].get("next").is_none());
    let mut all = ids(&first.body);
    all.extend(ids(&second.body));
    // Zen Timer, Café Finder, Atlas Notes by descending name.
    assert_eq!(all, vec!["1500000001", "1500000002", "1500000003"]);
}

#[tokio::test]
async fn resources_have_the_spec_shape() {
    let f = team_fixture().await;
    let answer = f.get("/v1/apps?limit=1", Some(&f.team_token())).await;
    let app = &answer.body["data"][0];
    let base = f.sandbox.base_url();
    assert_eq!(app["type"], "apps");
    assert_eq!(app["id"], "1500000001");
    let attributes = &app["attributes"];
    assert_eq!(attributes["name"], "Zen Timer");
    assert_eq!(attributes["bundleId"], "com.example.zentimer");
    assert_eq!(attributes["sku"], "ZEN-TIMER");
    assert_eq!(attributes["primaryLocale"], "en-US");
    assert_eq!(attributes["isOrEverWasMadeForKids"], false);
    assert_eq!(attributes["availableInNewTerritories"], true);
    assert_eq!(
        attributes["contentRightsDeclaration"],
        "DOES_NOT_USE_THIRD_PARTY_CONTENT"
    );
    assert_eq!(attributes["futureAttribute"]["nested"], true);
    let rel = &app["relationships"];
    assert_eq!(
        rel["ciProduct"]["links"]["related"],
        format!("{base}/v1/apps/1500000001/ciProduct")
    );
    assert!(rel["betaTesters"]["links"]["self"].is_string());
    assert!(rel["betaGroups"]["links"]["related"].is_string());
    assert_eq!(app["links"]["self"], format!("{base}/v1/apps/1500000001"));
    assert_eq!(answer.headers["content-type"], "application/json");
}

#[tokio::test]
async fn filter_by_name_with_space_and_non_ascii() {
    let f = team_fixture().await;
    let token = f.team_token();
    let cafe = f
        .get("/v1/apps?filter%5Bname%5D=Caf%C3%A9%20Finder", Some(&token))
        .await;
    assert_eq!(ids(&cafe.body), vec!["1500000002"]);
    assert_eq!(cafe.body["data"][0]["attributes"]["name"], "Café Finder");
    let tides = f
        .get("/v1/apps?filter[name]=Weather+%26+Tides", Some(&token))
        .await;
    assert_eq!(ids(&tides.body), vec!["1500000004"]);
    let two = f
        .get(
            "/v1/apps?filter[name]=Moonlight,Pixel%20Forge",
            Some(&token),
        )
        .await;
    assert_eq!(ids(&two.body), vec!["1500000006", "1500000007"]);
    let partial = f.get("/v1/apps?filter[name]=Caf", Some(&token)).await;
    assert_eq!(partial.status, 200);
    assert!(ids(&partial.body).is_empty());
    assert_eq!(partial.body["meta"]["paging"]["total"], 0);
}

#[tokio::test]
async fn filter_by_bundle_id_and_sku() {
    let f = team_fixture().await;
    let token = f.team_token();
    let by_bundle = f
        .get("/v1/apps?filter[bundleId]=com.example.budget", Some(&token))
        .await;
    assert_eq!(ids(&by_bundle.body), vec!["1500000005"]);
    let by_sku = f
        .get("/v1/apps?filter[sku]=MOON-LIGHT,ZEN-TIMER", Some(&token))
        .await;
    assert_eq!(ids(&by_sku.body), vec!["1500000001", "1500000006"]);
}

#[tokio::test]
async fn sparse_fieldset_limits_attributes() {
    let f = team_fixture().await;
    let answer = f
        .get("/v1/apps?fields[apps]=name,sku", Some(&f.team_token()))
        .await;
    let attributes = answer.body["data"][0]["attributes"]
        .as_object()
        .expect("attributes");
    let keys: HashSet<&str> = attributes.keys().map(String::as_str).collect();
    assert_eq!(keys, HashSet::from(["name", "sku"]));
    assert!(answer.body["data"][0].get("relationships").is_none());
}

#[tokio::test]
async fn read_one_app() {
    let f = team_fixture().await;
    let answer = f.get("/v1/apps/1500000002", Some(&f.team_token())).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
    let base = f.sandbox.base_url();
    assert_eq!(answer.body["data"]["id"], "1500000002");
    assert_eq!(answer.body["data"]["attributes"]["name"], "Café Finder");
    assert!(answer.body["data"]["relationships"]["ciProduct"]["links"]["self"].is_string());
    assert!(
        answer.body["data"]["relationships"]["customerReviews"]["links"]["related"].is_string()
    );
    assert_eq!(
        answer.body["links"]["self"],
        format!("{base}/v1/apps/1500000002")
    );
}

#[tokio::test]
async fn unknown_app_is_404_naming_the_id() {
    let f = team_fixture().await;
    let answer = f.get("/v1/apps/999", Some(&f.team_token())).await;
    let entry = assert_error(&answer, 404, "NOT_FOUND");
    assert_eq!(entry["title"], "The specified resource does not exist");
    assert_eq!(
        entry["detail"],
        "There is no resource of type 'apps' with id '999'"
    );
    assert_eq!(entry["source"]["parameter"], "id");
}

#[tokio::test]
async fn encoded_slash_in_an_id_is_one_segment() {
    let apps = vec![App::new(
        "team/app-1",
        "Slashed",
        "com.example.slashed",
        "SLASH",
    )];
    let f = team_fixture_with(|s| s.apps(apps)).await;
    let token = f.team_token();
    let answer = f.get("/v1/apps/team%2Fapp-1", Some(&token)).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
    assert_eq!(answer.body["data"]["id"], "team/app-1");
    let base = f.sandbox.base_url();
    assert_eq!(
        answer.body["data"]["links"]["self"],
        format!("{base}/v1/apps/team%2Fapp-1")
    );
    let split = f.get("/v1/apps/team/app-1", Some(&token)).await;
    assert_error(&split, 404, "NOT_FOUND");
    assert_eq!(f.sandbox.requests()[0].path, "/v1/apps/team%2Fapp-1");
}

#[tokio::test]
async fn relationship_limit_over_50_names_the_parameter() {
    let f = team_fixture().await;
    let answer = f
        .get("/v1/apps?limit%5Bbuilds%5D=51", Some(&f.team_token()))
        .await;
    let entry = assert_error(&answer, 400, "PARAMETER_ERROR.INVALID");
    assert_eq!(entry["source"]["parameter"], "limit[builds]");
    let ok = f
        .get("/v1/apps?limit[builds]=50", Some(&f.team_token()))
        .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn limit_outside_1_to_200_is_invalid() {
    let f = team_fixture().await;
    for bad in ["0", "201", "ten"] {
        let answer = f
            .get(&format!("/v1/apps?limit={bad}"), Some(&f.team_token()))
            .await;
        let entry = assert_error(&answer, 400, "PARAMETER_ERROR.INVALID");
        assert_eq!(entry["source"]["parameter"], "limit");
    }
    let all = f.get("/v1/apps?limit=200", Some(&f.team_token())).await;
    assert_eq!(ids(&all.body).len(), 7);
    assert!(all.body["links"].get("next").is_none());
}

#[tokio::test]
async fn unknown_sort_and_bad_cursor_are_invalid() {
    let f = team_fixture().await;
    let sort = f.get("/v1/apps?sort=color", Some(&f.team_token())).await;
    assert_eq!(
        assert_error(&sort, 400, "PARAMETER_ERROR.INVALID")["source"]["parameter"],
        "sort"
    );
    let cursor = f.get("/v1/apps?cursor=bogus", Some(&f.team_token())).await;
    assert_eq!(
        assert_error(&cursor, 400, "PARAMETER_ERROR.INVALID")["source"]["parameter"],
        "cursor"
    );
}

#[tokio::test]
async fn unknown_parameter_is_illegal() {
    let f = team_fixture().await;
    let answer = f.get("/v1/apps?colour=blue", Some(&f.team_token())).await;
    let entry = assert_error(&answer, 400, "PARAMETER_ERROR.ILLEGAL");
    assert_eq!(entry["source"]["parameter"], "colour");
    let on_instance = f
        .get("/v1/apps/1500000001?filter[name]=x", Some(&f.team_token()))
        .await;
    assert_eq!(
        assert_error(&on_instance, 400, "PARAMETER_ERROR.ILLEGAL")["source"]["parameter"],
        "filter[name]"
    );
}

#[tokio::test]
async fn spec_parameter_families_are_accepted() {
    let f = team_fixture().await;
    let query = "/v1/apps?include=ciProduct&fields[builds]=version&exists[gameCenterEnabledVersions]=false\
                 &filter[appStoreVersions.platform]=IOS&limit[appInfos]=5";
    let answer = f.get(query, Some(&f.team_token())).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
}

#[tokio::test]
async fn unknown_path_is_404_and_other_methods_are_405() {
    let f = team_fixture().await;
    let token = f.team_token();
    let missing = f.get("/v1/builds", Some(&token)).await;
    assert_error(&missing, 404, "NOT_FOUND");
    let delete = f
        .send(
            reqwest::Method::DELETE,
            &f.url("/v1/apps/1500000001"),
            Some(&token),
        )
        .await;
    assert_error(&delete, 405, "METHOD_NOT_ALLOWED");
    assert_eq!(delete.headers["allow"], "GET");
    let post = f
        .send(reqwest::Method::POST, &f.url("/v1/apps"), Some(&token))
        .await;
    assert_error(&post, 405, "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn odd_paths_get_apple_shaped_404s() {
    let f = team_fixture().await;
    let token = f.team_token();
    let invalid_utf8 = f.get("/v1/apps/%FF", Some(&token)).await;
    let entry = assert_error(&invalid_utf8, 404, "NOT_FOUND");
    assert_eq!(entry["source"]["parameter"], "id");
    assert_error(&f.get("/v1/apps/", Some(&token)).await, 404, "NOT_FOUND");
    assert_error(&f.get("/", Some(&token)).await, 404, "NOT_FOUND");
    let odd_query = f.get("/v1/apps?filter[name]=%ZZ&&", Some(&token)).await;
    assert_eq!(odd_query.status, 200);
}
