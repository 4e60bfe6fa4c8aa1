//! Running the real `asc` binary against a sandbox: a scratch `HOME` and working folder,
//! and no `ASC_*` variable of the developer's environment.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use app_store_connect_sandbox::{RunningSandbox, Sandbox, TestKey};
use serde_json::Value;

/// The key ID of the sandbox keys.
pub const KEY_ID: &str = "CLIKEY1234";
/// The issuer ID the team sandbox expects.
pub const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";
/// The list operation's subcommand.
pub const LIST: &str = "apps-and-app-metadata-list-apps";
/// The read operation's subcommand.
pub const READ: &str = "apps-and-app-metadata-read-app-information";

/// A folder under the system temp dir, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A new empty folder.
    pub fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("asc-cli-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create scratch folder");
        Scratch(path)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to `relative` (creating folders) and returns the full path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a run of `asc` produced.
#[derive(Debug)]
pub struct Outcome {
    /// The exit status (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

impl Outcome {
    /// stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}): {self:?}"))
    }

    /// The number of items in `data`.
    pub fn items(&self) -> usize {
        self.json()["data"].as_array().map_or(0, Vec::len)
    }

    /// Asserts the exit status, showing everything on failure.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "{self:#?}");
        assert!(!self.stderr.contains("panicked"), "{self:#?}");
        self
    }
}

/// A started sandbox, the key it trusts, and scratch `HOME` and working folders.
pub struct Fixture {
    /// The sandbox's key.
    pub key: TestKey,
    /// The sandbox.
    pub sandbox: RunningSandbox,
    /// `HOME` of the runs.
    pub home: Scratch,
    /// Working folder of the runs.
    pub cwd: Scratch,
}

impl Fixture {
    /// A team-key sandbox after `configure`.
    pub async fn team_with(configure: impl FnOnce(Sandbox) -> Sandbox) -> Fixture {
        let key = TestKey::generate(KEY_ID).expect("key");
        let sandbox = Sandbox::team(KEY_ID, ISSUER_ID, &key.public_key_pem).expect("sandbox");
        Self::started(key, configure(sandbox)).await
    }

    /// A team-key sandbox with pages of `page_size`.
    pub async fn team(page_size: usize) -> Fixture {
        Self::team_with(|sandbox| sandbox.page_size(page_size)).await
    }

    /// An individual-key sandbox.
    pub async fn individual() -> Fixture {
        let key = TestKey::generate(KEY_ID).expect("key");
        let sandbox = Sandbox::individual(KEY_ID, &key.public_key_pem).expect("sandbox");
        Self::started(key, sandbox).await
    }

    async fn started(key: TestKey, sandbox: Sandbox) -> Fixture {
        Fixture {
            key,
            sandbox: sandbox.start().await.expect("start sandbox"),
            home: Scratch::new("home"),
            cwd: Scratch::new("cwd"),
        }
    }

    /// `ASC_BASE_URL` of the sandbox only.
    pub fn base_env(&self) -> Vec<(String, String)> {
        vec![("ASC_BASE_URL".into(), self.sandbox.base_url())]
    }

    /// The team key in `ASC_*` variables (PEM text), and the sandbox's base URL.
    pub fn team_env(&self) -> Vec<(String, String)> {
        let mut env = self.base_env();
        env.extend([
            ("ASC_KEY_ID".into(), KEY_ID.into()),
            ("ASC_ISSUER_ID".into(), ISSUER_ID.into()),
            ("ASC_PRIVATE_KEY".into(), self.key.private_key_pem.clone()),
        ]);
        env
    }

    /// Runs `asc args` with the team variables plus `extra`.
    pub async fn asc(&self, args: &[&str], extra: &[(&str, &str)]) -> Outcome {
        let mut env = self.team_env();
        env.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        self.asc_env(args, env).await
    }

    /// Runs `asc args` with exactly the variables `env` (plus `HOME`).
    pub async fn asc_env(&self, args: &[&str], env: Vec<(String, String)>) -> Outcome {
        run(args, env, self.home.path(), self.cwd.path()).await
    }
}

/// Runs the binary off the async threads (the sandbox keeps serving meanwhile).
pub async fn run(args: &[&str], env: Vec<(String, String)>, home: &Path, cwd: &Path) -> Outcome {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let (home, cwd) = (home.to_owned(), cwd.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_asc"));
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("ASC_") {
                command.env_remove(&name);
            }
        }
        let output = command
            .env_remove("RUST_LOG")
            .env("HOME", &home)
            .current_dir(&cwd)
            .envs(env)
            .args(&args)
            .output()
            .expect("run asc");
        Outcome {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .expect("asc thread")
}
