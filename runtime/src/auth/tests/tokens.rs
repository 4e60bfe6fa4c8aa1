use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

use crate::auth::token::{BACKDATE_SECS, mint, unix_now};
use crate::auth::{Credentials, PrivateKey, Token};

const ISSUER: &str = "57246542-96fe-1a63-e053-0824d011072a";

fn key() -> PrivateKey {
    PrivateKey::generate().expect("generate")
}

/// Verifies the signature with the public key and returns the claims.
fn verified_claims(token: &Token, key: &PrivateKey, audience: &str) -> Value {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(&["exp", "aud", "iat"]);
    let decoding = DecodingKey::from_ec_der(key.public_key_bytes());
    jsonwebtoken::decode::<Value>(token.as_str(), &decoding, &validation)
        .expect("token verifies")
        .claims
}

fn raw_header(token: &Token) -> Value {
    let header = token.as_str().split('.').next().expect("three parts");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).expect("base64url header"))
        .expect("json header")
}

#[test]
fn header_is_es256_with_kid_and_typ() {
    let key = key();
    let token = Credentials::team("2X9R4HXF34", ISSUER, key.clone())
        .mint_token()
        .expect("mint");
    let header = raw_header(&token);
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"], "2X9R4HXF34");
    assert_eq!(header["typ"], "JWT");
    let parts: Vec<&str> = token.as_str().split('.').collect();
    assert_eq!(parts.len(), 3);
    let signature = URL_SAFE_NO_PAD
        .decode(parts[2])
        .expect("base64url, no padding");
    assert_eq!(signature.len(), 64, "raw r||s, not DER");
}

#[test]
fn team_payload() {
    let key = key();
    let token = Credentials::team("KID", ISSUER, key.clone())
        .mint_token()
        .expect("mint");
    let claims = verified_claims(&token, &key, "appstoreconnect-v1");
    assert_eq!(claims["iss"], ISSUER);
    assert!(claims.get("sub").is_none());
    assert!(claims.get("scope").is_none());
    let object = claims.as_object().expect("object");
    let mut names: Vec<&str> = object.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["aud", "exp", "iat", "iss"]);
}

#[test]
fn individual_payload_has_sub_and_no_iss() {
    let key = key();
    let token = Credentials::individual("KID", key.clone())
        .mint_token()
        .expect("mint");
    let claims = verified_claims(&token, &key, "appstoreconnect-v1");
    assert_eq!(claims["sub"], "user");
    assert!(claims.get("iss").is_none());
}

#[test]
fn scope_and_audience() {
    let key = key();
    let scope = vec!["GET /v1/apps?filter[platform]=IOS".to_owned()];
    let token = Credentials::team("KID", ISSUER, key.clone())
        .with_scope(scope.clone())
        .with_audience(crate::auth::ENTERPRISE_AUDIENCE)
        .mint_token()
        .expect("mint");
    let claims = verified_claims(&token, &key, "apple-developer-enterprise-v1");
    assert_eq!(claims["scope"], serde_json::json!(scope));
}

#[test]
fn lifetime_and_backdated_iat() {
    let key = key();
    let before = unix_now().expect("clock");
    let token = Credentials::team("KID", ISSUER, key.clone())
        .mint_token()
        .expect("mint");
    let after = unix_now().expect("clock");
    let claims = verified_claims(&token, &key, "appstoreconnect-v1");
    let iat = claims["iat"].as_u64().expect("iat");
    let exp = claims["exp"].as_u64().expect("exp");
    assert_eq!(exp - iat, 15 * 60, "default lifetime is 15 minutes");
    assert!(iat >= before - BACKDATE_SECS && iat <= after - BACKDATE_SECS);
    assert_eq!((token.issued_at(), token.expires_at()), (iat, exp));
}

#[test]
fn exact_claims_at_a_fixed_time() {
    let credentials = Credentials::team("KID", ISSUER, key())
        .with_lifetime(Duration::from_secs(20 * 60))
        .expect("20 minutes is allowed");
    let token = mint(&credentials, 1_000_000).expect("mint");
    assert_eq!(token.issued_at(), 1_000_000 - 60);
    assert_eq!(token.expires_at(), 1_000_000 - 60 + 1200);
}

#[test]
fn short_lifetimes_are_backdated_less() {
    let credentials = Credentials::individual("KID", key())
        .with_lifetime(Duration::from_secs(8))
        .expect("8 s is allowed");
    let token = mint(&credentials, 1_000).expect("mint");
    assert_eq!((token.issued_at(), token.expires_at()), (998, 1_006));
}

#[test]
fn debug_never_shows_the_token_or_key() {
    let credentials = Credentials::team("KEYID123", ISSUER, key());
    let token = credentials.mint_token().expect("mint");
    let token_debug = format!("{token:?}");
    assert!(!token_debug.contains(token.as_str()));
    assert!(token_debug.contains("<redacted>"));
    let credentials_debug = format!("{credentials:?}");
    assert!(credentials_debug.contains("KEYID123") && credentials_debug.contains(ISSUER));
    assert!(credentials_debug.contains("PrivateKey(<redacted>)"));
    assert!(!credentials_debug.contains("BEGIN"));
}
