//! Token verification end to end: what Apple accepts and each rule it rejects on.

use crate::common::*;
use app_store_connect_sandbox::TestKey;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// Signs `claims` with the fixture's key and expects a 401 on `GET /v1/apps`.
async fn assert_claims_rejected(fixture: &Fixture, claims: Value) {
    let token = sign(&fixture.key, &es256_header(), &claims);
    assert_not_authorized(&fixture.get("/v1/apps", Some(&token)).await);
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

fn without(mut claims: Value, key: &str) -> Value {
    claims.as_object_mut().expect("object").remove(key);
    claims
}

#[tokio::test]
async fn valid_team_token_lists_apps() {
    let f = team_fixture().await;
    let answer = f.get("/v1/apps", Some(&f.team_token())).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
    assert_eq!(answer.body["data"].as_array().expect("data").len(), 3);
    assert!(f.sandbox.requests()[0].authorized);
}

#[tokio::test]
async fn valid_individual_token_lists_apps() {
    let f = individual_fixture().await;
    let token = sign(&f.key, &es256_header(), &individual_claims());
    let answer = f.get("/v1/apps", Some(&token)).await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
}

#[tokio::test]
async fn token_issued_slightly_in_the_past_is_accepted() {
    let f = team_fixture().await;
    let now = now();
    let claims = with(team_claims(), "iat", json!(now - 30));
    let claims = with(claims, "exp", json!(now - 30 + 1200));
    let answer = f
        .get("/v1/apps", Some(&sign(&f.key, &es256_header(), &claims)))
        .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn wrong_kid_is_rejected() {
    let f = team_fixture().await;
    let mut header = es256_header();
    header.kid = Some("OTHERKEY99".to_owned());
    let token = sign(&f.key, &header, &team_claims());
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn missing_kid_is_rejected() {
    let f = team_fixture().await;
    let mut header = es256_header();
    header.kid = None;
    let token = sign(&f.key, &header, &team_claims());
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn hs256_token_is_rejected() {
    let f = team_fixture().await;
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KEY_ID.to_owned());
    let secret = EncodingKey::from_secret(f.key.public_key_pem.as_bytes());
    let token = jsonwebtoken::encode(&header, &team_claims(), &secret).expect("hs256");
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn missing_typ_is_rejected() {
    let f = team_fixture().await;
    let mut header = es256_header();
    header.typ = None;
    let token = sign(&f.key, &header, &team_claims());
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn wrong_typ_is_rejected() {
    let f = team_fixture().await;
    let mut header = es256_header();
    header.typ = Some("at+jwt".to_owned());
    let token = sign(&f.key, &header, &team_claims());
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn wrong_audience_is_rejected() {
    let f = team_fixture().await;
    let claims = with(team_claims(), "aud", json!("apple-developer-enterprise-v1"));
    assert_claims_rejected(&f, claims).await;
}

#[tokio::test]
async fn missing_audience_is_rejected() {
    let f = team_fixture().await;
    assert_claims_rejected(&f, without(team_claims(), "aud")).await;
}

#[tokio::test]
async fn wrong_issuer_is_rejected() {
    let f = team_fixture().await;
    let claims = with(
        team_claims(),
        "iss",
        json!("00000000-0000-0000-0000-000000000000"),
    );
    assert_claims_rejected(&f, claims).await;
}

#[tokio::test]
async fn individual_token_on_team_sandbox_is_rejected() {
    let f = team_fixture().await;
    assert_claims_rejected(&f, individual_claims()).await;
}

#[tokio::test]
async fn team_token_on_individual_sandbox_is_rejected() {
    let f = individual_fixture().await;
    assert_claims_rejected(&f, team_claims()).await;
    let both = with(individual_claims(), "iss", json!(ISSUER));
    assert_claims_rejected(&f, both).await;
}

#[tokio::test]
async fn individual_token_needs_sub_user() {
    let f = individual_fixture().await;
    assert_claims_rejected(&f, with(individual_claims(), "sub", json!("admin"))).await;
}

#[tokio::test]
async fn expired_token_is_rejected() {
    let f = team_fixture().await;
    let now = now();
    let claims = with(team_claims(), "iat", json!(now - 900));
    assert_claims_rejected(&f, with(claims, "exp", json!(now - 1))).await;
}

#[tokio::test]
async fn token_issued_five_minutes_in_the_future_is_rejected() {
    let f = team_fixture().await;
    let now = now();
    let claims = with(team_claims(), "iat", json!(now + 300));
    assert_claims_rejected(&f, with(claims, "exp", json!(now + 900))).await;
}

#[tokio::test]
async fn missing_iat_is_rejected() {
    let f = team_fixture().await;
    assert_claims_rejected(&f, without(team_claims(), "iat")).await;
}

#[tokio::test]
async fn twenty_one_minute_lifetime_is_rejected() {
    let f = team_fixture().await;
    let now = now();
    let claims = with(team_claims(), "iat", json!(now));
    assert_claims_rejected(&f, with(claims, "exp", json!(now + 21 * 60))).await;
}

#[tokio::test]
async fn twenty_one_minute_lifetime_with_get_scope_is_accepted() {
    let f = team_fixture().await;
    let now = now();
    let claims = json!({
        "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 21 * 60,
        "scope": ["GET /v1/apps"],
    });
    let answer = f
        .get("/v1/apps", Some(&sign(&f.key, &es256_header(), &claims)))
        .await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
}

#[tokio::test]
async fn long_lifetime_with_a_non_get_scope_entry_is_rejected() {
    let f = team_fixture().await;
    let now = now();
    let claims = json!({
        "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 21 * 60,
        "scope": ["GET /v1/apps", "PATCH /v1/apps/1500000001"],
    });
    assert_claims_rejected(&f, claims).await;
}

#[tokio::test]
async fn scope_must_match_the_request() {
    let f = team_fixture().await;
    let claims = with(team_claims(), "scope", json!(["GET /v1/apps/1500000001"]));
    let token = sign(&f.key, &es256_header(), &claims);
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
    assert_eq!(f.get("/v1/apps/1500000001", Some(&token)).await.status, 200);
}

#[tokio::test]
async fn scope_query_pairs_must_be_present() {
    let f = team_fixture().await;
    let claims = with(
        team_claims(),
        "scope",
        json!(["GET /v1/apps?filter[sku]=ZEN-TIMER"]),
    );
    let token = sign(&f.key, &es256_header(), &claims);
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
    let answer = f
        .get("/v1/apps?filter%5Bsku%5D=ZEN-TIMER&limit=5", Some(&token))
        .await;
    assert_eq!(answer.status, 200, "body: {}", answer.body);
}

#[tokio::test]
async fn signature_by_another_key_is_rejected() {
    let f = team_fixture().await;
    let impostor = TestKey::generate(KEY_ID).expect("key");
    let token = sign(&impostor, &es256_header(), &team_claims());
    assert_not_authorized(&f.get("/v1/apps", Some(&token)).await);
}

#[tokio::test]
async fn missing_authorization_header_is_rejected() {
    let f = team_fixture().await;
    assert_not_authorized(&f.get("/v1/apps", None).await);
    assert!(!f.sandbox.requests()[0].authorized);
}

#[tokio::test]
async fn garbage_tokens_are_rejected() {
    let f = team_fixture().await;
    for token in ["garbage", "not.a.jwt", "a.b.c.d", "..."] {
        assert_not_authorized(&f.get("/v1/apps", Some(token)).await);
    }
    let valid = f.team_token();
    let tampered = format!("{valid}x");
    assert_not_authorized(&f.get("/v1/apps", Some(&tampered)).await);
}

#[tokio::test]
async fn service_token_header_alone_is_not_enough() {
    // The connector's `Service-Token` parameter is moved into `Authorization: Bearer` by the
    // connector's policy; Apple itself reads only `Authorization`.
    let f = team_fixture().await;
    let response = f
        .client
        .get(f.url("/v1/apps"))
        .header("Service-Token", f.team_token())
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn unknown_paths_need_a_token_too() {
    let f = team_fixture().await;
    assert_not_authorized(&f.get("/v1/builds", None).await);
}
