//! `asc` against servers that misbehave on purpose: every answer is judged by the
//! definition, every failure exits with the status the README gives and names its real
//! cause, no token leaves the origin, and memory stays bounded.

#[path = "common/asc.rs"]
#[allow(dead_code, reason = "shared with the cli tests, which use more of it")]
mod asc;

use std::time::{Duration, Instant};

use app_store_connect_sandbox::hostile::{HostileServer, Misbehaviour};
use asc::{Fixture, LIST, Outcome};

/// `asc` with two retries and a two-second timeout (variables, so `extra` flags win)
/// against `server`.
async fn asc_against(server: &HostileServer, extra: &[&str]) -> Outcome {
    let fixture = Fixture::team(50).await;
    let url = server.base_url();
    let mut args = vec![LIST, "--base-url", &url];
    args.extend_from_slice(extra);
    let settings = [("ASC_MAX_RETRIES", "2"), ("ASC_TIMEOUT_SECONDS", "2")];
    fixture.asc(&args, &settings).await
}

async fn start(misbehaviour: Misbehaviour) -> HostileServer {
    HostileServer::start(misbehaviour).await.expect("start")
}

/// The largest resident set of any child process waited for so far, in bytes.
fn children_peak_rss() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(status, 0, "getrusage failed");
    // SAFETY: getrusage succeeded, so `usage` is initialized.
    let kibibytes = unsafe { usage.assume_init() }.ru_maxrss;
    u64::try_from(kibibytes).unwrap_or(0) * 1024
}

#[tokio::test]
async fn a_document_the_definition_allows_is_printed_as_sent() {
    let document = r#"{"data":[{"type":"apps","id":"1","attributes":{"name":"A"},"extra":7}],"links":{"self":"x"},"unknown":{"kept":true}}"#;
    let server = start(Misbehaviour::json(document)).await;
    let out = asc_against(&server, &["--compact"]).await;
    out.assert_code(0);
    assert_eq!(out.stdout.trim(), document);
}

#[tokio::test]
async fn an_empty_body_exits_3() {
    let server = start(Misbehaviour::json("")).await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(3);
    assert!(
        out.stderr
            .contains("the body is empty, but the definition promises a document"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[tokio::test]
async fn wrong_types_exit_3_with_the_json_path() {
    let server = start(Misbehaviour::wrong_types()).await;
    for extra in [&[][..], &["--all"][..]] {
        let out = asc_against(&server, extra).await;
        out.assert_code(3);
        assert!(
            out.stderr
                .contains("at `data[0].id`: invalid type: integer"),
            "{}",
            out.stderr
        );
    }
}

#[tokio::test]
async fn a_body_cut_short_is_retried_then_exits_4_saying_so() {
    let server = start(Misbehaviour::CutShort { declared: 1000 }).await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(4);
    assert!(
        out.stderr
            .contains("cut short after 500 bytes of the 1000 it declared"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_redirect_to_another_port_exits_3_and_sends_nothing_there() {
    let elsewhere = start(Misbehaviour::json("{}")).await;
    let location = format!("{}/v1/apps", elsewhere.base_url());
    let server = start(Misbehaviour::Redirect { location }).await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(3);
    assert!(
        out.stderr.contains("redirected (HTTP 302)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("another origin"), "{}", out.stderr);
    assert!(elsewhere.requests().is_empty());
}

#[tokio::test]
async fn a_300_mb_answer_exits_3_at_the_cap_with_bounded_memory() {
    let server = start(Misbehaviour::Huge {
        bytes: 300 * 1024 * 1024,
        declared: false,
    })
    .await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(3);
    assert!(out.stderr.contains("67108864-byte cap"), "{}", out.stderr);
    assert!(out.stderr.contains("--max-body-size"), "{}", out.stderr);
    let peak = children_peak_rss();
    assert!(peak < 200 * 1024 * 1024, "peak RSS of asc: {peak} bytes");

    let out = asc_against(&server, &["--max-body-size", "1MiB"]).await;
    out.assert_code(3);
    assert!(out.stderr.contains("1048576-byte cap"), "{}", out.stderr);
}

#[tokio::test]
async fn resets_exit_4_after_the_retries() {
    let server = start(Misbehaviour::Reset).await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(4);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn garbage_html_broken_text_and_deep_nesting_exit_3() {
    let answers = [
        (Misbehaviour::garbage(), "<<garbage>>"),
        (Misbehaviour::html_error(), "<html>Oops"),
        (Misbehaviour::invalid_utf8(), "could not decode"),
        (Misbehaviour::deep_json(), "could not decode"),
    ];
    for (misbehaviour, shown) in answers {
        let server = start(misbehaviour).await;
        let out = asc_against(&server, &[]).await;
        out.assert_code(3);
        assert!(out.stderr.contains(shown), "{}", out.stderr);
    }
}

#[tokio::test]
async fn a_401_remints_once_then_exits_3() {
    let server = start(Misbehaviour::unauthorized()).await;
    let out = asc_against(&server, &[]).await;
    out.assert_code(3);
    assert!(out.stderr.contains("NOT_AUTHORIZED"), "{}", out.stderr);
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .filter_map(|head| {
            head.lines()
                .find(|line| line.to_ascii_lowercase().starts_with("authorization:"))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_ne!(
        tokens[0], tokens[1],
        "the second request carries a new token"
    );
}

#[tokio::test]
async fn a_javascript_next_link_exits_3() {
    let server = start(Misbehaviour::javascript_next_link()).await;
    let out = asc_against(&server, &["--all"]).await;
    out.assert_code(3);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn silent_and_dripping_servers_exit_4_at_the_timeout() {
    for misbehaviour in [
        Misbehaviour::Silent,
        Misbehaviour::DripHeaders {
            interval: Duration::from_millis(100),
        },
    ] {
        let server = start(misbehaviour).await;
        let started = Instant::now();
        let out = asc_against(&server, &["--timeout", "1"]).await;
        out.assert_code(4);
        assert!(out.stderr.contains("timed out"), "{}", out.stderr);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
}
