//! A sandbox and a client that signs for it, shared by the integration tests.
#![allow(
    dead_code,
    reason = "each test crate uses its own part of these helpers"
)]

use app_store_connect::runtime::RetryPolicy;
use app_store_connect::{Client, Credentials, PrivateKey};
use app_store_connect_sandbox::{RunningSandbox, Sandbox, TestKey};

/// The issuer ID the sandbox expects in team tokens.
pub const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";

/// A team-key sandbox serving the sample apps in pages of `page_size`, and a client for it.
pub async fn team_sandbox(page_size: usize) -> (Client, RunningSandbox) {
    team_sandbox_with(page_size, RetryPolicy::default()).await
}

/// As [`team_sandbox`], with a client that retries as `retries` says.
pub async fn team_sandbox_with(page_size: usize, retries: RetryPolicy) -> (Client, RunningSandbox) {
    let key = TestKey::generate("TEAMKEY123").unwrap();
    let sandbox = Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)
        .unwrap()
        .page_size(page_size)
        .start()
        .await
        .unwrap();
    let credentials = Credentials::team(&key.key_id, ISSUER_ID, private_key(&key));
    let client = Client::builder()
        .credentials(credentials)
        .base_url(sandbox.base_url())
        .retry_policy(retries)
        .build()
        .unwrap();
    (client, sandbox)
}

/// The private half of a sandbox key.
pub fn private_key(key: &TestKey) -> PrivateKey {
    PrivateKey::from_pem(&key.private_key_pem).unwrap()
}

/// A client for `sandbox` signing with `credentials`.
pub fn client(credentials: Credentials, sandbox: &RunningSandbox) -> Client {
    Client::builder()
        .credentials(credentials)
        .base_url(sandbox.base_url())
        .build()
        .unwrap()
}
