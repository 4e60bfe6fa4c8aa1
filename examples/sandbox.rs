//! Runs the loopback App Store Connect double until Ctrl-C, for trying `asc` or your own code
//! without Apple credentials. It prints the `ASC_*` variables that point at it.
//!
//! ```text
//! cargo run --example sandbox -- [--page-size N] [--throttle-first] [--only-503] [--individual]
//! ```

use std::process::ExitCode;

use app_store_connect_sandbox::{Sandbox, TestKey};

const ISSUER_ID: &str = "57246542-96fe-1a63-e053-0824d011072a";

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

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| arguments.iter().any(|argument| argument == name);
    let page_size = match arguments
        .iter()
        .position(|argument| argument == "--page-size")
    {
        Some(index) => arguments
            .get(index + 1)
            .ok_or("--page-size needs a number")?
            .parse()?,
        None => 3,
    };
    let key = TestKey::generate("SANDBOXKEY")?;
    let sandbox = if flag("--individual") {
        Sandbox::individual(&key.key_id, &key.public_key_pem)?
    } else {
        Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)?
    };
    let sandbox = sandbox.page_size(page_size).start().await?;
    if flag("--throttle-first") {
        sandbox.fail_next(429, 1, None);
    }
    if flag("--only-503") {
        sandbox.fail_next(503, usize::MAX / 2, None);
    }
    let key_file = std::env::temp_dir().join(format!("AuthKey_{}.p8", key.key_id));
    std::fs::write(&key_file, &key.private_key_pem)?;
    println!("export ASC_BASE_URL={}", sandbox.base_url());
    println!("export ASC_KEY_ID={}", key.key_id);
    if !flag("--individual") {
        println!("export ASC_ISSUER_ID={ISSUER_ID}");
    }
    println!("export ASC_PRIVATE_KEY_PATH={}", key_file.display());
    eprintln!("serving on {}; Ctrl-C stops it", sandbox.base_url());
    tokio::signal::ctrl_c().await?;
    sandbox.shutdown().await;
    std::fs::remove_file(&key_file)?;
    Ok(())
}
