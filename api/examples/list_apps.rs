//! Lists apps page by page, reads one, and follows every page, through the client generated
//! from Apple's whole OpenAPI definition.
//!
//! Without credentials it starts the loopback sandbox with a freshly generated P-256 key and
//! talks to it. With `ASC_KEY_ID`, `ASC_ISSUER_ID` (leave it unset for an individual key) and
//! one of `ASC_PRIVATE_KEY_PATH`, `ASC_PRIVATE_KEY` or `ASC_PRIVATE_KEY_B64` it calls the real
//! API, or `ASC_BASE_URL` when that is set.
//!
//! ```text
//! cargo run -p app-store-connect-api --example list_apps
//! ```

use std::process::ExitCode;

use app_store_connect_api::operations::apps_get_collection::{FieldsApps, Sort};
use app_store_connect_api::{Client, Credentials, PrivateKey};
use app_store_connect_sandbox::{RunningSandbox, Sandbox, TestKey};

type BoxError = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), BoxError> {
    let (client, _sandbox) = if std::env::var_os("ASC_KEY_ID").is_some() {
        (client_from_env()?, None)
    } else {
        let (client, sandbox) = client_for_sandbox().await?;
        (client, Some(sandbox))
    };

    let first = client
        .apps_get_collection()
        .sort([Sort::Name])
        .fields_apps([FieldsApps::Name, FieldsApps::BundleId])
        .limit(3)
        .send()
        .await?;
    println!("first page, {} app(s):", first.body.data.len());
    for app in &first.body.data {
        let attributes = app.attributes.as_ref();
        println!(
            "  {} {:?} {:?}",
            app.id,
            attributes.and_then(|a| a.name.as_deref()),
            attributes.and_then(|a| a.bundle_id.as_deref())
        );
    }
    if let Some(total) = first.body.meta.as_ref().and_then(|meta| meta.paging.total) {
        println!("{total} app(s) in all");
    }

    if let Some(app) = first.body.data.first() {
        let one = client.apps_get_instance(app.id.clone()).send().await?;
        let attributes = one.body.data.attributes.as_ref();
        println!(
            "read {}: {:?}",
            one.body.data.id,
            attributes.and_then(|a| a.name.as_deref())
        );
    }

    let every = client.apps_get_collection().limit(3).collect_all(0).await?;
    println!("followed every page: {} app(s)", every.len());
    Ok(())
}

/// A client for a freshly started sandbox, signing with a key made for it.
async fn client_for_sandbox() -> Result<(Client, RunningSandbox), BoxError> {
    let key = TestKey::generate("2X9R4HXF34")?;
    let issuer = "57246542-96fe-1a63-e053-0824d011072a";
    let sandbox = Sandbox::team(&key.key_id, issuer, &key.public_key_pem)?
        .start()
        .await?;
    let credentials = Credentials::team(
        &key.key_id,
        issuer,
        PrivateKey::from_pem(&key.private_key_pem)?,
    );
    let client = Client::builder()
        .credentials(credentials)
        .base_url(sandbox.base_url())
        .build()?;
    println!("sandbox at {}", sandbox.base_url());
    Ok((client, sandbox))
}

/// A client for the real API (or `ASC_BASE_URL`) from the `ASC_*` variables.
fn client_from_env() -> Result<Client, BoxError> {
    let mut builder = Client::builder().credentials(Credentials::from_env()?);
    if let Ok(base_url) = std::env::var("ASC_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    Ok(builder.build()?)
}
