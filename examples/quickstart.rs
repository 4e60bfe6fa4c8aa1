//! Lists your apps and reads one, through the generated App Store Connect client.
//!
//! Without credentials it starts the loopback sandbox with a freshly generated P-256 key and
//! talks to it. With `ASC_KEY_ID`, `ASC_ISSUER_ID` (leave it unset for an individual key) and
//! one of `ASC_PRIVATE_KEY_PATH`, `ASC_PRIVATE_KEY` or `ASC_PRIVATE_KEY_B64` it calls the real
//! API, or `ASC_BASE_URL` when that is set.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;

use app_store_connect::{Client, Credentials, PrivateKey};
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
    let (client, sandbox) = if std::env::var_os("ASC_KEY_ID").is_some() {
        (client_from_env()?, None)
    } else {
        let (client, sandbox) = client_for_sandbox().await?;
        (client, Some(sandbox))
    };

    let apps = client.apps_and_app_metadata_list_apps().send().await?;
    println!("{} app(s):", apps.body.data.len());
    for app in &apps.body.data {
        let attributes = app.attributes.as_ref();
        print_app(
            app.id.as_deref(),
            attributes.and_then(|a| a.name.as_deref()),
            attributes.and_then(|a| a.bundle_id.as_deref()),
            attributes.and_then(|a| a.sku.as_deref()),
        );
    }
    if let Some(limit) = apps.rate_limit() {
        println!(
            "{} of {} requests left this hour",
            limit.remaining, limit.limit
        );
    }
    if apps
        .body
        .links
        .as_ref()
        .and_then(|links| links.next.as_ref())
        .is_some()
    {
        println!("(more apps are on further pages)");
    }

    if let Some(id) = apps.body.data.first().and_then(|app| app.id.clone()) {
        let one = client
            .apps_and_app_metadata_read_app_information(id)
            .send()
            .await?;
        if let Some(app) = one.body.data {
            println!("read one:");
            let attributes = app.attributes.as_ref();
            print_app(
                app.id.as_deref(),
                attributes.and_then(|a| a.name.as_deref()),
                attributes.and_then(|a| a.bundle_id.as_deref()),
                attributes.and_then(|a| a.sku.as_deref()),
            );
        }
    }

    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    Ok(())
}

/// A client for the real API (or `ASC_BASE_URL`) from the `ASC_*` variables.
fn client_from_env() -> Result<Client, BoxError> {
    let credentials = Credentials::from_env()?;
    let mut builder = Client::builder().credentials(credentials);
    if let Some(base_url) = std::env::var("ASC_BASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    {
        builder = builder.base_url(base_url);
    }
    Ok(builder.build()?)
}

/// Starts the sandbox with a fresh key and a client that signs with that key.
async fn client_for_sandbox() -> Result<(Client, RunningSandbox), BoxError> {
    const ISSUER_ID: &str = "57246542-96fe-1a63-e053-0824d011072a";
    let key = TestKey::generate("SANDBOXKEY")?;
    let sandbox = Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)?
        .page_size(50)
        .start()
        .await?;
    println!(
        "No ASC_KEY_ID set: using the sandbox at {}",
        sandbox.base_url()
    );
    let credentials = Credentials::team(
        &key.key_id,
        ISSUER_ID,
        PrivateKey::from_pem(&key.private_key_pem)?,
    );
    let client = Client::builder()
        .credentials(credentials)
        .base_url(sandbox.base_url())
        .build()?;
    Ok((client, sandbox))
}

fn print_app(id: Option<&str>, name: Option<&str>, bundle_id: Option<&str>, sku: Option<&str>) {
    let show = |value: Option<&str>| value.unwrap_or("-").to_owned();
    println!(
        "  {:<12} {:<28} bundle ID {:<32} SKU {}",
        show(id),
        show(name),
        show(bundle_id),
        show(sku)
    );
}
