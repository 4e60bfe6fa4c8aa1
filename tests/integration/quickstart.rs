//! `cargo run --example quickstart`, run as a user would: once on its own (it starts the
//! sandbox itself) and once pointed at a separate sandbox through the `ASC_*` variables, with
//! a team key given as base64 and with an individual key given as a file.

use std::path::PathBuf;
use std::process::{Command, Output};

use app_store_connect_sandbox::{Sandbox, TestKey, sample_apps};
use base64::Engine;

const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";

const VARIABLES: &[&str] = &[
    "ASC_KEY_ID",
    "ASC_ISSUER_ID",
    "ASC_PRIVATE_KEY_PATH",
    "ASC_PRIVATE_KEY",
    "ASC_PRIVATE_KEY_B64",
    "ASC_BASE_URL",
];

/// The example binary cargo built next to this test's `deps` folder.
fn quickstart() -> Command {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let binary: PathBuf = profile_dir
        .join("examples")
        .join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run through `cargo test`, which builds examples",
        binary.display()
    );
    let mut command = Command::new(binary);
    for variable in VARIABLES {
        command.env_remove(variable);
    }
    command
}

async fn run(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

fn assert_lists_every_sample_app(output: &Output) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for app in sample_apps() {
        let line = stdout
            .lines()
            .find(|line| line.contains(&app.name))
            .unwrap_or_else(|| panic!("{} missing:\n{stdout}", app.name));
        assert!(
            line.contains(&app.bundle_id) && line.contains(&app.sku),
            "{line}"
        );
    }
    assert!(stdout.contains("read one:"), "{stdout}");
}

#[tokio::test]
async fn without_credentials_it_runs_against_its_own_sandbox() {
    let output = run(quickstart()).await;
    assert_lists_every_sample_app(&output);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("using the sandbox at http://127.0.0.1:")
    );
}

#[tokio::test]
async fn a_team_key_in_base64_reaches_the_given_base_url() {
    let key = TestKey::generate("B64TEAMKEY").unwrap();
    let sandbox = Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)
        .unwrap()
        .page_size(50)
        .start()
        .await
        .unwrap();
    let mut command = quickstart();
    command
        .env("ASC_KEY_ID", &key.key_id)
        .env("ASC_ISSUER_ID", ISSUER_ID)
        .env(
            "ASC_PRIVATE_KEY_B64",
            base64::engine::general_purpose::STANDARD.encode(&key.private_key_pem),
        )
        .env("ASC_BASE_URL", sandbox.base_url());
    let output = run(command).await;
    assert_lists_every_sample_app(&output);
    assert_eq!(sandbox.request_count(), 2);
    assert!(sandbox.requests().iter().all(|request| request.authorized));
}

#[tokio::test]
async fn an_individual_key_file_reaches_the_given_base_url() {
    let key = TestKey::generate("INDIVKEY01").unwrap();
    let sandbox = Sandbox::individual(&key.key_id, &key.public_key_pem)
        .unwrap()
        .page_size(50)
        .start()
        .await
        .unwrap();
    let directory = std::env::temp_dir().join(format!("asc-quickstart-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let key_file = directory.join(format!("AuthKey_{}.p8", key.key_id));
    std::fs::write(&key_file, &key.private_key_pem).unwrap();
    let mut command = quickstart();
    command
        .env("ASC_KEY_ID", &key.key_id)
        .env("ASC_PRIVATE_KEY_PATH", &key_file)
        .env("ASC_BASE_URL", sandbox.base_url());
    let output = run(command).await;
    std::fs::remove_dir_all(&directory).unwrap();
    assert_lists_every_sample_app(&output);
    assert_eq!(sandbox.request_count(), 2);
}

#[tokio::test]
async fn a_bad_key_fails_with_a_message_and_no_panic() {
    let mut command = quickstart();
    command
        .env("ASC_KEY_ID", "NOKEY00000")
        .env("ASC_PRIVATE_KEY_PATH", "/nonexistent/AuthKey_NOKEY00000.p8");
    let output = run(command).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("/nonexistent/AuthKey_NOKEY00000.p8"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
