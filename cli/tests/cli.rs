//! The `asc` binary against the loopback App Store Connect double.

#[path = "common/asc.rs"]
mod asc;

use std::time::{Duration, Instant};

use asc::{Fixture, ISSUER_ID, KEY_ID, LIST, READ, Scratch};
use aws_lc_rs::signature::{ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

/// Wraps DER in a PEM block.
fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

#[tokio::test]
async fn lists_apps_as_pretty_json_and_compact_on_request() {
    let f = Fixture::team(50).await;
    let out = f.asc(&[LIST], &[]).await;
    out.assert_code(0);
    assert_eq!(out.items(), 7);
    assert!(out.stdout.contains("\n  \"data\": ["), "{}", out.stdout);
    assert_eq!(out.json()["meta"]["paging"]["total"], 7);
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let compact = f
        .asc(&[LIST, "--compact", "--filter-name", "Zen Timer"], &[])
        .await;
    compact.assert_code(0);
    assert_eq!(compact.stdout.lines().count(), 1);
    assert_eq!(compact.json()["data"][0]["attributes"]["name"], "Zen Timer");
}

#[tokio::test]
async fn the_operation_id_spelling_of_a_subcommand_works() {
    let f = Fixture::team(50).await;
    let out = f
        .asc(
            &[
                "Apps_And_App_Metadata__Read_App_Information",
                "--id",
                "1500000004",
            ],
            &[],
        )
        .await;
    out.assert_code(0);
    assert_eq!(out.json()["data"]["attributes"]["name"], "Weather & Tides");
}

#[tokio::test]
async fn a_429_is_retried_with_and_without_retry_after() {
    for retry_after in [Some("1"), None] {
        let f = Fixture::team(50).await;
        f.sandbox.fail_next(429, 1, retry_after);
        let out = f.asc(&[LIST], &[]).await;
        out.assert_code(0);
        assert_eq!(out.items(), 7);
        let statuses: Vec<u16> = f.sandbox.requests().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [429, 200], "Retry-After {retry_after:?}");
    }
}

#[tokio::test]
async fn a_503_storm_gives_up_after_the_retries_with_exit_3() {
    let f = Fixture::team(50).await;
    f.sandbox.fail_next(503, 1000, None);
    let started = Instant::now();
    let out = f.asc(&[LIST], &[("ASC_MAX_RETRIES", "2")]).await;
    out.assert_code(3);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(f.sandbox.request_count(), 3);
    assert!(out.stderr.contains("SERVICE_UNAVAILABLE"), "{}", out.stderr);
    assert!(out.stderr.contains("HTTP 503"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn max_retries_flag_overrides_the_variable() {
    let f = Fixture::team(50).await;
    f.sandbox.fail_next(503, 1000, None);
    let out = f
        .asc(&[LIST, "--max-retries", "0"], &[("ASC_MAX_RETRIES", "5")])
        .await;
    out.assert_code(3);
    assert_eq!(f.sandbox.request_count(), 1);
}

#[tokio::test]
async fn all_follows_every_page_into_one_document() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[LIST, "--all"], &[]).await;
    out.assert_code(0);
    let document = out.json();
    let ids: Vec<&str> = document["data"]
        .as_array()
        .expect("data array")
        .iter()
        .filter_map(|app| app["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 7);
    assert_eq!(ids.first(), Some(&"1500000001"));
    assert!(document["links"].get("next").is_none(), "{document}");
    assert!(document["links"]["self"].is_string());
    assert_eq!(document["meta"]["paging"]["total"], 7);
    assert_eq!(f.sandbox.request_count(), 3);
}

#[tokio::test]
async fn max_pages_caps_the_listing_and_keeps_the_next_link() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[LIST, "--max-pages", "2"], &[]).await;
    out.assert_code(0);
    assert_eq!(out.items(), 6);
    let next = out.json()["links"]["next"].as_str().map(str::to_owned);
    assert!(next.is_some_and(|n| n.contains("cursor=")));
    assert_eq!(f.sandbox.request_count(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_and_nothing_is_sent_there() {
    let elsewhere = Fixture::team(3).await;
    let base = elsewhere.sandbox.base_url();
    let f = Fixture::team_with(|sandbox| sandbox.page_size(3).next_link_base(base.clone())).await;
    let out = f.asc(&[LIST, "--all"], &[]).await;
    out.assert_code(3);
    assert!(out.stderr.contains(&base), "{}", out.stderr);
    assert!(out.stderr.contains("not followed"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(f.sandbox.request_count(), 1);
    assert_eq!(elsewhere.sandbox.request_count(), 0);
}

#[tokio::test]
async fn all_on_an_operation_without_pages_is_a_usage_error() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[READ, "--id", "1500000001", "--all"], &[]).await;
    out.assert_code(2);
    assert!(out.stderr.contains("--all"), "{}", out.stderr);
    assert_eq!(f.sandbox.request_count(), 0);
}

#[tokio::test]
async fn an_out_of_bounds_limit_exits_2_and_sends_nothing() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[LIST, "--limit-builds", "51"], &[]).await;
    out.assert_code(2);
    assert!(out.stderr.contains("--limit-builds"), "{}", out.stderr);
    assert!(out.stderr.contains("at most 50"), "{}", out.stderr);
    assert_eq!(f.sandbox.request_count(), 0);
}

#[tokio::test]
async fn an_unknown_sort_value_exits_2_and_sends_nothing() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[LIST, "--sort", "rating"], &[]).await;
    out.assert_code(2);
    assert!(out.stderr.contains("-name"), "{}", out.stderr);
    assert_eq!(f.sandbox.request_count(), 0);
    let descending = f
        .asc(&[LIST, "--sort", "-name", "--limit-builds", "5"], &[])
        .await;
    descending.assert_code(0);
    assert_eq!(
        descending.json()["data"][0]["attributes"]["name"],
        "Zen Timer"
    );
}

#[tokio::test]
async fn a_404_exits_3_with_apples_code_and_detail() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[READ, "--id", "404404"], &[]).await;
    out.assert_code(3);
    assert!(out.stderr.contains("HTTP 404"), "{}", out.stderr);
    assert!(out.stderr.contains("NOT_FOUND"), "{}", out.stderr);
    assert!(out.stderr.contains("404404"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn unusable_keys_exit_2_with_a_clear_message() {
    let f = Fixture::team(3).await;
    let p384 = EcdsaKeyPair::generate(&ECDSA_P384_SHA384_FIXED_SIGNING).expect("P-384 key");
    let p384 = pem("PRIVATE KEY", p384.to_pkcs8v1().expect("pkcs8").as_ref());
    let not_a_key = f.home.write("notes.txt", "just some notes\n");
    let public = f.home.write("public.pem", &f.key.public_key_pem);
    let wrong_curve = f.home.write("AuthKey_P384.p8", p384);
    let missing = f.home.path().join("AuthKey_MISSING.p8");
    let cases = [
        (missing.clone(), "does not exist"),
        (not_a_key, "not an App Store Connect private key"),
        (public, "public key"),
        (wrong_curve, "P-384"),
    ];
    for (path, words) in cases {
        let path = path.to_str().expect("UTF-8 path");
        let out = f.asc(&[LIST, "--private-key-path", path], &[]).await;
        out.assert_code(2);
        assert!(out.stderr.contains(words), "{path}: {}", out.stderr);
        assert!(out.stderr.contains("--private-key-path"), "{}", out.stderr);
    }
    let missing = missing.to_str().expect("UTF-8 path");
    let out = f.asc(&[LIST], &[("ASC_PRIVATE_KEY_PATH", missing)]).await;
    out.assert_code(2);
    assert!(
        out.stderr.contains("ASC_PRIVATE_KEY_PATH"),
        "{}",
        out.stderr
    );
    assert_eq!(f.sandbox.request_count(), 0);
}

#[tokio::test]
async fn no_key_id_or_no_key_says_what_to_set() {
    let f = Fixture::team(3).await;
    let out = f.asc_env(&[LIST], f.base_env()).await;
    out.assert_code(2);
    assert!(out.stderr.contains("--key-id") && out.stderr.contains("ASC_KEY_ID"));
    let out = f.asc_env(&[LIST, "--key-id", KEY_ID], f.base_env()).await;
    out.assert_code(2);
    assert!(
        out.stderr.contains(".appstoreconnect/private_keys"),
        "{}",
        out.stderr
    );
    assert_eq!(f.sandbox.request_count(), 0);
}

#[tokio::test]
async fn verbose_output_names_the_operation_and_never_the_secrets() {
    let f = Fixture::team(3).await;
    let out = f.asc(&[LIST, "-vv", "--max-pages", "2"], &[]).await;
    out.assert_code(0);
    let log = &out.stderr;
    assert!(log.contains("Apps_And_App_Metadata__List_Apps"), "{log}");
    assert!(log.contains("answer received"), "{log}");
    for secret in ["eyJ", "Bearer ", "PRIVATE KEY", "authorization"] {
        assert!(!log.contains(secret), "`{secret}` in: {log}");
    }
    for line in f
        .key
        .private_key_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
    {
        assert!(!log.contains(line), "a line of the key in: {log}");
    }
    let quiet = f.asc(&[LIST], &[]).await;
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    let info = f.asc(&[LIST, "-v"], &[]).await;
    assert!(info.stderr.contains("answer received"), "{}", info.stderr);
    assert!(!info.stderr.contains("request built"), "{}", info.stderr);
}

#[tokio::test]
async fn an_individual_key_works_without_an_issuer() {
    let f = Fixture::individual().await;
    let mut env = f.base_env();
    env.push(("ASC_KEY_ID".into(), KEY_ID.into()));
    env.push((
        "ASC_PRIVATE_KEY_B64".into(),
        STANDARD.encode(&f.key.private_key_pem),
    ));
    let out = f.asc_env(&[LIST], env).await;
    out.assert_code(0);
    assert_eq!(out.items(), 3);
    assert!(f.sandbox.requests()[0].authorized);
}

#[tokio::test]
async fn a_fastlane_key_file_works_with_plain_and_base64_content() {
    let f = Fixture::team(50).await;
    let contents = [
        (json!(f.key.private_key_pem), false),
        (json!(STANDARD.encode(&f.key.private_key_pem)), true),
    ];
    for (index, (key, base64)) in contents.into_iter().enumerate() {
        let file = json!({"key_id": KEY_ID, "issuer_id": ISSUER_ID, "key": key,
                          "is_key_content_base64": base64, "duration": 600, "in_house": false});
        let path = f.home.write(&format!("key{index}.json"), file.to_string());
        let path = path.to_str().expect("UTF-8 path");
        let out = f
            .asc_env(&[LIST, "--api-key-json", path], f.base_env())
            .await;
        out.assert_code(0);
        assert_eq!(out.items(), 7);
    }
}

#[tokio::test]
async fn a_fastlane_key_files_options_shape_the_token() {
    let f = Fixture::team(50).await;
    let write = |name: &str, extra: serde_json::Value| {
        let mut file = json!({"key_id": KEY_ID, "issuer_id": ISSUER_ID,
                              "key": f.key.private_key_pem});
        if let (Some(file), Some(extra)) = (file.as_object_mut(), extra.as_object()) {
            file.extend(extra.clone());
        }
        f.home.write(name, file.to_string())
    };
    let enterprise = write("enterprise.json", json!({"in_house": true}));
    let out = f
        .asc_env(
            &[LIST, "--api-key-json", enterprise.to_str().expect("UTF-8")],
            f.base_env(),
        )
        .await;
    out.assert_code(3);
    assert!(out.stderr.contains("NOT_AUTHORIZED"), "{}", out.stderr);
    let too_long = write("long.json", json!({"duration": 3600}));
    let out = f
        .asc_env(
            &[LIST, "--api-key-json", too_long.to_str().expect("UTF-8")],
            f.base_env(),
        )
        .await;
    out.assert_code(2);
    assert!(out.stderr.contains("20 minutes"), "{}", out.stderr);
    let missing = f.home.path().join("absent.json");
    let out = f
        .asc_env(
            &[LIST, "--api-key-json", missing.to_str().expect("UTF-8")],
            f.base_env(),
        )
        .await;
    out.assert_code(2);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
}

#[tokio::test]
async fn the_key_file_is_found_by_key_id_in_the_home_folder() {
    let f = Fixture::team(50).await;
    f.home.write(
        &format!(".appstoreconnect/private_keys/AuthKey_{KEY_ID}.p8"),
        &f.key.private_key_pem,
    );
    let mut env = f.base_env();
    env.push(("ASC_ISSUER_ID".into(), ISSUER_ID.into()));
    let out = f.asc_env(&[LIST, "--key-id", KEY_ID], env).await;
    out.assert_code(0);
    assert_eq!(out.items(), 7);
}

#[tokio::test]
async fn flags_override_variables() {
    let f = Fixture::team(50).await;
    let base = f.sandbox.base_url();
    let out = f
        .asc(
            &[LIST, "--base-url", &base],
            &[("ASC_BASE_URL", "http://127.0.0.1:9")],
        )
        .await;
    out.assert_code(0);
    let bad = f.asc(&[LIST], &[("ASC_TIMEOUT_SECONDS", "soon")]).await;
    bad.assert_code(2);
    assert!(bad.stderr.contains("ASC_TIMEOUT_SECONDS"), "{}", bad.stderr);
}

#[tokio::test]
async fn no_answer_exits_4() {
    let f = Fixture::team(50).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let out = f
        .asc(&[LIST, "--base-url", &url, "--max-retries", "0"], &[])
        .await;
    out.assert_code(4);
    assert!(out.stderr.contains("could not reach"), "{}", out.stderr);

    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", silent.local_addr().expect("addr"));
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let started = Instant::now();
    let out = f
        .asc(&[LIST, "--base-url", &url, "--timeout", "0.5"], &[])
        .await;
    out.assert_code(4);
    assert!(out.stderr.contains("timed out"), "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(5));
    hold.abort();
}

#[tokio::test]
async fn help_lists_operations_and_their_parameters() {
    let scratch = Scratch::new("help");
    let out = asc::run(&["--help"], Vec::new(), scratch.path(), scratch.path()).await;
    out.assert_code(0);
    for expected in [
        LIST,
        "List Apps",
        READ,
        "Read App Information",
        "Exit status",
    ] {
        assert!(out.stdout.contains(expected), "{expected}: {}", out.stdout);
    }
    let out = asc::run(
        &[LIST, "--help"],
        Vec::new(),
        scratch.path(),
        scratch.path(),
    )
    .await;
    out.assert_code(0);
    for expected in [
        "--limit-builds",
        "at most 50",
        "-name",
        "bundleId",
        "--fields-apps",
    ] {
        assert!(out.stdout.contains(expected), "{expected}: {}", out.stdout);
    }
    let out = asc::run(
        &[READ, "--help"],
        Vec::new(),
        scratch.path(),
        scratch.path(),
    )
    .await;
    assert!(out.stdout.contains("--id") && out.stdout.contains("required"));
    let none = asc::run(&[], Vec::new(), scratch.path(), scratch.path()).await;
    none.assert_code(2);
    let missing = asc::run(&[READ], Vec::new(), scratch.path(), scratch.path()).await;
    missing.assert_code(2);
    assert!(missing.stderr.contains("--id"), "{}", missing.stderr);
}
