#!/usr/bin/env bash
# What depending on app-store-connect costs a user's cold build: a new binary that lists apps
# through the library, against a "floor" binary with only the client's runtime dependencies
# (reqwest with rustls and json, tokio, serde, serde_json, jsonwebtoken). Each is built with
# `cargo build` in an empty target directory, `runs` times, alternately; both use this
# repository's Cargo.lock, so they build the same versions.
#
# usage: scripts/build-cost.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/floor/src" "$work/importer/src"
cat > "$work/floor/Cargo.toml" <<TOML
[package]
name = "floor"
version = "0.0.0"
edition = "2024"

[dependencies]
jsonwebtoken = { version = "11", default-features = false, features = ["use_pem", "aws_lc_rs"] }
reqwest = { version = "0.13", default-features = false, features = ["rustls", "json"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
TOML
cat > "$work/floor/src/main.rs" <<'RUST'
#[derive(serde::Deserialize)]
struct Apps {
    data: Vec<serde_json::Value>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = jsonwebtoken::EncodingKey::from_ec_pem(&std::fs::read("key.p8")?)?;
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    let token = jsonwebtoken::encode(&header, &serde_json::json!({"aud": "appstoreconnect-v1"}), &key)?;
    let apps: Apps = reqwest::Client::new()
        .get("https://api.appstoreconnect.apple.com/v1/apps")
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    println!("{}", apps.data.len());
    Ok(())
}
RUST
cat > "$work/importer/Cargo.toml" <<TOML
[package]
name = "importer"
version = "0.0.0"
edition = "2024"

[dependencies]
app-store-connect = { path = "$root" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
TOML
cat > "$work/importer/src/main.rs" <<'RUST'
use app_store_connect::{Client, Credentials};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(Credentials::from_env()?)?;
    let apps = client.apps_and_app_metadata_list_apps().send().await?;
    println!("{}", apps.body.data.len());
    Ok(())
}
RUST
cp "$root/Cargo.lock" "$work/floor/"
cp "$root/Cargo.lock" "$work/importer/"

build() {
    local crate="$1"
    local target="$work/target-$crate"
    rm -rf "$target"
    local started
    started="$(date +%s%N)"
    CARGO_TARGET_DIR="$target" cargo build --quiet --manifest-path "$work/$crate/Cargo.toml"
    echo $((($(date +%s%N) - started) / 1000000))
}

# Milliseconds as seconds with one decimal.
seconds() {
    printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100))
}

for run in $(seq "$runs"); do
    floor="$(build floor)"
    importer="$(build importer)"
    ratio=$((importer * 1000 / floor))
    printf 'run %s: floor %s s, importer %s s, ratio %d.%03d\n' "$run" "$(seconds "$floor")" \
        "$(seconds "$importer")" $((ratio / 1000)) $((ratio % 1000))
done
