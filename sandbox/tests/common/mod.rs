//! Helpers shared by the integration tests: keys, token minting, HTTP calls.
#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

use app_store_connect_sandbox::{RunningSandbox, Sandbox, TestKey};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

pub const KEY_ID: &str = "2X9R4HXF34";
pub const ISSUER: &str = "57246542-96fe-1a63-e053-0824d011072a";
pub const AUDIENCE: &str = "appstoreconnect-v1";

/// A started sandbox, the key it trusts, and an HTTP client.
pub struct Fixture {
    pub key: TestKey,
    pub sandbox: RunningSandbox,
    pub client: reqwest::Client,
}

/// An answer: status, headers, JSON body (`Null` when the body is not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

pub async fn team_fixture() -> Fixture {
    team_fixture_with(|s| s).await
}

/// A team-key sandbox after `configure` was applied to the builder.
pub async fn team_fixture_with(configure: impl FnOnce(Sandbox) -> Sandbox) -> Fixture {
    let key = TestKey::generate(KEY_ID).expect("key");
    let builder = Sandbox::team(KEY_ID, ISSUER, &key.public_key_pem).expect("sandbox");
    let sandbox = configure(builder).start().await.expect("start");
    Fixture {
        key,
        sandbox,
        client: client(),
    }
}

pub async fn individual_fixture() -> Fixture {
    let key = TestKey::generate(KEY_ID).expect("key");
    let sandbox = Sandbox::individual(KEY_ID, &key.public_key_pem)
        .expect("sandbox")
        .start()
        .await
        .expect("start");
    Fixture {
        key,
        sandbox,
        client: client(),
    }
}

/// `alg: ES256, kid: KEY_ID, typ: JWT`.
pub fn es256_header() -> Header {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(KEY_ID.to_owned());
    header
}

/// A valid team payload living 10 minutes from now.
pub fn team_claims() -> Value {
    let now = now();
    json!({ "iss": ISSUER, "iat": now, "exp": now + 600, "aud": AUDIENCE })
}

/// A valid individual payload living 10 minutes from now.
pub fn individual_claims() -> Value {
    let now = now();
    json!({ "sub": "user", "iat": now, "exp": now + 600, "aud": AUDIENCE })
}

/// Signs `claims` under `header` with the private half of `key`.
pub fn sign(key: &TestKey, header: &Header, claims: &Value) -> String {
    let encoding = EncodingKey::from_ec_pem(key.private_key_pem.as_bytes()).expect("ec key");
    jsonwebtoken::encode(header, claims, &encoding).expect("sign")
}

impl Fixture {
    /// A valid token for this fixture's key kind (team claims).
    pub fn team_token(&self) -> String {
        sign(&self.key, &es256_header(), &team_claims())
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.sandbox.base_url())
    }

    /// `GET path_and_query` with `Authorization: Bearer token` when given.
    pub async fn get(&self, path_and_query: &str, token: Option<&str>) -> Answer {
        self.send(reqwest::Method::GET, &self.url(path_and_query), token)
            .await
    }

    /// `GET` an absolute URL (e.g. a `links.next`).
    pub async fn get_url(&self, url: &str, token: &str) -> Answer {
        self.send(reqwest::Method::GET, url, Some(token)).await
    }

    pub async fn send(&self, method: reqwest::Method, url: &str, token: Option<&str>) -> Answer {
        let mut request = self.client.request(method, url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request reaches the sandbox");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }
}

/// Asserts a single Apple error entry with `status` and `code`; returns the entry.
pub fn assert_error(answer: &Answer, status: u16, code: &str) -> Value {
    assert_eq!(answer.status.as_u16(), status, "body: {}", answer.body);
    let errors = answer.body["errors"].as_array().expect("errors array");
    assert_eq!(errors.len(), 1);
    let entry = errors[0].clone();
    assert_eq!(entry["status"], status.to_string());
    assert_eq!(entry["code"], code);
    assert!(entry["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(entry["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(entry["detail"].as_str().is_some_and(|d| !d.is_empty()));
    entry
}

/// Asserts Apple's exact 401 NOT_AUTHORIZED document.
pub fn assert_not_authorized(answer: &Answer) {
    let entry = assert_error(answer, 401, "NOT_AUTHORIZED");
    assert_eq!(
        entry["title"],
        "Authentication credentials are missing or invalid."
    );
    assert_eq!(
        entry["detail"],
        "Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens"
    );
    assert_eq!(answer.headers["content-type"], "application/json");
}
