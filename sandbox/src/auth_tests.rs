//! Unit tests for [`Verifier`](super::Verifier): each rule reports itself.

use super::*;
use crate::TestKey;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;

const KID: &str = "KEY1234567";
const ISSUER: &str = "issuer-uuid";

/// Real time: `jsonwebtoken` checks `exp` against the system clock too.
static NOW: std::sync::LazyLock<i64> = std::sync::LazyLock::new(|| {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
});

struct Setup {
    key: TestKey,
    team: Verifier,
    individual: Verifier,
}

fn setup() -> Setup {
    let key = TestKey::generate(KID).expect("key");
    let team_identity = Identity::Team {
        issuer_id: ISSUER.into(),
    };
    let team = Verifier::new(KID.into(), team_identity, &key.public_key_pem).expect("team");
    let individual =
        Verifier::new(KID.into(), Identity::Individual, &key.public_key_pem).expect("individual");
    Setup {
        key,
        team,
        individual,
    }
}

fn header() -> Header {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(KID.into());
    header
}

fn team_claims() -> Value {
    json!({"iss": ISSUER, "aud": AUDIENCE, "iat": *NOW, "exp": *NOW + 600})
}

fn sign_with(key: &TestKey, header: &Header, claims: &Value) -> String {
    let encoding = EncodingKey::from_ec_pem(key.private_key_pem.as_bytes()).expect("key");
    jsonwebtoken::encode(header, claims, &encoding).expect("sign")
}

/// Verifies `token` for `GET /v1/apps` at `NOW`.
fn verify(verifier: &Verifier, token: &str) -> Result<(), AuthFailure> {
    let value = HeaderValue::from_str(&format!("Bearer {token}")).expect("header");
    let target = RequestTarget {
        method: "GET",
        path: "/v1/apps",
        query: &[],
    };
    verifier.verify(Some(&value), &target, *NOW)
}

#[test]
fn accepts_valid_team_and_individual_tokens() {
    let s = setup();
    let team = sign_with(&s.key, &header(), &team_claims());
    assert_eq!(verify(&s.team, &team), Ok(()));
    let individual = json!({"sub": "user", "aud": AUDIENCE, "iat": *NOW, "exp": *NOW + 600});
    let token = sign_with(&s.key, &header(), &individual);
    assert_eq!(verify(&s.individual, &token), Ok(()));
    assert_eq!(verify(&s.team, &token), Err(AuthFailure::MissingIssuer));
    assert_eq!(
        verify(&s.individual, &team),
        Err(AuthFailure::IssuerInIndividualToken)
    );
    let no_sub = json!({"aud": AUDIENCE, "iat": *NOW, "exp": *NOW + 600});
    let token = sign_with(&s.key, &header(), &no_sub);
    assert_eq!(
        verify(&s.individual, &token),
        Err(AuthFailure::WrongSubject)
    );
}

#[test]
fn header_rules_are_reported() {
    let s = setup();
    let mut wrong_kid = header();
    wrong_kid.kid = Some("OTHER".into());
    let token = sign_with(&s.key, &wrong_kid, &team_claims());
    assert_eq!(verify(&s.team, &token), Err(AuthFailure::WrongKeyId));
    let mut no_typ = header();
    no_typ.typ = None;
    let token = sign_with(&s.key, &no_typ, &team_claims());
    assert_eq!(verify(&s.team, &token), Err(AuthFailure::WrongType));
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some(KID.into());
    let secret = EncodingKey::from_secret(b"secret");
    let token = jsonwebtoken::encode(&hs, &team_claims(), &secret).expect("hs256");
    assert_eq!(
        verify(&s.team, &token),
        Err(AuthFailure::WrongAlgorithm("HS256".into()))
    );
}

#[test]
fn signature_and_claim_rules_are_reported() {
    let s = setup();
    let other = TestKey::generate(KID).expect("key");
    let token = sign_with(&other, &header(), &team_claims());
    assert_eq!(verify(&s.team, &token), Err(AuthFailure::BadSignature));
    let cases = [
        (json!({"aud": "other"}), AuthFailure::WrongAudience),
        (json!({"iss": "someone-else"}), AuthFailure::WrongIssuer),
        (
            json!({"exp": *NOW - 1, "iat": *NOW - 600}),
            AuthFailure::Expired,
        ),
        (
            json!({"iat": *NOW + 300, "exp": *NOW + 900}),
            AuthFailure::IssuedInFuture,
        ),
        (
            json!({"exp": *NOW + 21 * 60}),
            AuthFailure::LifetimeTooLong(21 * 60),
        ),
        (
            json!({"scope": ["GET /v1/apps/1"]}),
            AuthFailure::ScopeMismatch,
        ),
        (
            json!({"scope": "GET /v1/apps"}),
            AuthFailure::MalformedScope,
        ),
        (json!({"scope": []}), AuthFailure::ScopeMismatch),
    ];
    for (overrides, expected) in cases {
        let mut claims = team_claims();
        for (k, v) in overrides.as_object().expect("object") {
            claims[k] = v.clone();
        }
        let token = sign_with(&s.key, &header(), &claims);
        assert_eq!(verify(&s.team, &token), Err(expected), "{overrides}");
    }
}

#[test]
fn iat_within_sixty_seconds_ahead_is_tolerated() {
    let s = setup();
    let claims = json!({"iss": ISSUER, "aud": AUDIENCE, "iat": *NOW + 60, "exp": *NOW + 600});
    let token = sign_with(&s.key, &header(), &claims);
    assert_eq!(verify(&s.team, &token), Ok(()));
}

#[test]
fn invalid_public_key_is_a_sandbox_error() {
    let result = Verifier::new(KID.into(), Identity::Individual, "not a pem");
    assert!(matches!(result, Err(SandboxError::InvalidPublicKey(_))));
}

#[test]
fn header_must_be_three_parts_of_json() {
    assert!(matches!(
        decode_header("garbage"),
        Err(AuthFailure::Malformed(_))
    ));
    assert!(matches!(
        decode_header("a.b.c.d"),
        Err(AuthFailure::Malformed(_))
    ));
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256"}"#);
    let map = decode_header(&format!("{header}.e30.sig")).expect("header");
    assert_eq!(map["alg"], "ES256");
}

#[test]
fn bearer_token_requires_the_bearer_scheme() {
    let ok = HeaderValue::from_static("Bearer a.b.c");
    assert_eq!(bearer_token(Some(&ok)), Ok("a.b.c"));
    let basic = HeaderValue::from_static("Basic dXNlcjpwYXNz");
    assert_eq!(bearer_token(Some(&basic)), Err(AuthFailure::NotBearer));
    let empty = HeaderValue::from_static("Bearer ");
    assert_eq!(bearer_token(Some(&empty)), Err(AuthFailure::NotBearer));
    assert_eq!(bearer_token(None), Err(AuthFailure::MissingHeader));
}
