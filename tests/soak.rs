//! Soak test: one client, 16 concurrent tasks and 100,000 requests (`SOAK_REQUESTS`)
//! against a sandbox that injects random 429s, 503s, cut answers and late answers.
//!
//! It checks that every request ends (in success or a typed error) within a bound that
//! follows from the client's timeout and retry policy, that the client mints one token
//! for its whole life, and that memory stays flat once warmed up. Its own test binary, so
//! the memory readings are this test's alone. Run it with
//! `cargo test --release --test soak -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use app_store_connect::runtime::RetryPolicy;
use app_store_connect::{Client, Credentials, Error, PrivateKey};
use app_store_connect_sandbox::{Chaos, RunningSandbox, Sandbox, TestKey, sample_apps};
use tokio::task::JoinSet;

/// Requests sent when `SOAK_REQUESTS` is not set.
const DEFAULT_REQUESTS: usize = 100_000;
/// Tasks sending at the same time, all through one client.
const TASKS: usize = 16;
/// The client's timeout for a whole attempt, body included.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);
/// Retries after the first attempt: few enough that some requests run out of them, so
/// every kind of final error shows up in the tally.
const MAX_RETRIES: u32 = 2;
/// The longest wait between attempts, whether random or asked for by `Retry-After`.
const MAX_BACKOFF: Duration = Duration::from_millis(50);
/// Slack for scheduling on a loaded machine, on top of the computed bound.
const SCHEDULING_SLACK: Duration = Duration::from_secs(3);
/// The seed of the sandbox's fault generator.
const CHAOS_SEED: u64 = 0x5EED_50A4;
/// Allowed RSS growth between the end of the warm-up and the end of the run.
///
/// What legitimately grows after warm-up: the sandbox's rolling-hour rate window keeps
/// one 16-byte `Instant` per attempt (≈108,000 attempts: a `VecDeque` of at most 2¹⁷–2¹⁸
/// entries, 2–4 MiB), and the allocator's per-thread arenas settle (a few MiB). A leak of
/// 250 bytes per request (one lost small allocation plus its header, far less than a
/// lost connection, body or token) would add 21 MiB over the 90,000 requests after
/// warm-up and trip this bound.
const RSS_GROWTH_BOUND_KIB: u64 = 20 * 1024;
/// The issuer ID the sandbox expects.
const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";

/// How one request ended.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// A 2xx answer, decoded.
    Success,
    /// A 429 after the retries ran out.
    RateLimited,
    /// Another error document (503 after the retries ran out, …), by status.
    Api(Option<u16>),
    /// The client's timeout expired.
    Timeout,
    /// The connection failed or was lost after the retries ran out.
    Transport,
    /// An answer's body stopped part-way, after the retries ran out.
    CutShort,
    /// An answer whose body could not be decoded.
    Undecodable,
    /// Any other error, by variant name (the runtime's error enum is non-exhaustive).
    Other(String),
}

/// Outcome counts, and the first message of each kind of error.
#[derive(Debug, Default)]
struct Tally {
    /// Requests by outcome.
    counts: BTreeMap<Outcome, usize>,
    /// The first error message (with its sources) of each outcome.
    examples: BTreeMap<Outcome, String>,
}

impl Tally {
    /// Counts one request, keeping `example` if it is the first of its kind.
    fn add(&mut self, outcome: Outcome, example: Option<String>) {
        *self.counts.entry(outcome.clone()).or_default() += 1;
        if let Some(message) = example {
            self.examples.entry(outcome).or_insert(message);
        }
    }

    /// Adds another task's counts and examples.
    fn merge(&mut self, other: Tally) {
        for (outcome, n) in other.counts {
            *self.counts.entry(outcome).or_default() += n;
        }
        for (outcome, message) in other.examples {
            self.examples.entry(outcome).or_insert(message);
        }
    }

    /// Requests that ended as `outcome`.
    fn count(&self, outcome: &Outcome) -> usize {
        self.counts.get(outcome).copied().unwrap_or(0)
    }

    /// Requests counted.
    fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// `VmRSS` and `VmHWM` of this process, in KiB.
#[derive(Debug, Clone, Copy)]
struct Memory {
    /// Resident set size now.
    rss_kib: u64,
    /// The highest resident set size so far.
    hwm_kib: u64,
}

/// Reads `VmRSS` and `VmHWM` from `/proc/self/status`.
fn memory() -> Memory {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} missing from /proc/self/status"))
    };
    Memory {
        rss_kib: field("VmRSS:"),
        hwm_kib: field("VmHWM:"),
    }
}

/// `SOAK_REQUESTS`, or [`DEFAULT_REQUESTS`].
fn requested() -> usize {
    match std::env::var("SOAK_REQUESTS") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("SOAK_REQUESTS must be a number, not {text:?}")),
        Err(_) => DEFAULT_REQUESTS,
    }
}

/// The faults: 3% 429 (`Retry-After` absent, 0 or 1 s), 2% 503, 2% cut answers, and 0.4%
/// late answers of up to 2.5 s (a fifth of them later than the client's 2 s timeout).
fn chaos() -> Chaos {
    Chaos::builder(CHAOS_SEED)
        .rate_limited(0.03)
        .max_retry_after(1)
        .unavailable(0.02)
        .reset(0.02)
        .slow(0.004, Duration::from_millis(2500))
        .build()
        .expect("valid chaos")
}

/// Short timeout, fast retries: waits capped at [`MAX_BACKOFF`], `Retry-After` included.
fn retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(MAX_RETRIES)
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(MAX_BACKOFF)
}

/// The longest one request may take: every attempt (the retries, plus one re-sent after
/// a 401 re-mints the token) running to the timeout, every wait at its cap, and slack.
fn request_bound() -> Duration {
    let attempts = MAX_RETRIES + 2;
    CLIENT_TIMEOUT * attempts + MAX_BACKOFF * MAX_RETRIES + SCHEDULING_SLACK
}

/// A chaotic sandbox that keeps no request log, and one client for it.
async fn start() -> (Client, RunningSandbox) {
    let key = TestKey::generate("SOAKKEY123").expect("test key");
    let sandbox = Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)
        .expect("sandbox")
        .rate_limit(u32::MAX)
        .record_requests(false)
        .chaos(chaos())
        .start()
        .await
        .expect("sandbox starts");
    let private_key = PrivateKey::from_pem(&key.private_key_pem).expect("private key");
    let client = Client::builder()
        .credentials(Credentials::team(&key.key_id, ISSUER_ID, private_key))
        .base_url(sandbox.base_url())
        .timeout(CLIENT_TIMEOUT)
        .retry_policy(retries())
        .build()
        .expect("client");
    (client, sandbox)
}

/// The kind of a failed request's error.
fn classify(error: &Error) -> Outcome {
    if error.is_rate_limited() {
        return Outcome::RateLimited;
    }
    if error.is_timeout() {
        return Outcome::Timeout;
    }
    match error {
        Error::Api(_) => Outcome::Api(error.status()),
        Error::Transport { .. } => Outcome::Transport,
        Error::CutShort { .. } => Outcome::CutShort,
        Error::UndecodableBody { .. } => Outcome::Undecodable,
        other => Outcome::Other(variant_name(other)),
    }
}

/// `CutShort` for `CutShort { .. }`: the variant's name, from its `Debug` form.
fn variant_name(error: &Error) -> String {
    let debug = format!("{error:?}");
    let end = debug
        .find(|c: char| !c.is_alphanumeric() && c != '_')
        .unwrap_or(debug.len());
    debug[..end].to_owned()
}

/// The error's message followed by those of its sources, which tell what broke.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(" <- ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Sends request number `n`: a listing page or one app, alternately.
async fn one_request(client: &Client, n: usize) -> Result<(), Error> {
    if n.is_multiple_of(2) {
        client.apps_and_app_metadata_list_apps().send().await?;
    } else {
        let apps = sample_apps();
        let id = &apps[n / 2 % apps.len()].id;
        client
            .apps_and_app_metadata_read_app_information(id.as_str())
            .send()
            .await?;
    }
    Ok(())
}

/// Sends `count` requests from [`TASKS`] tasks sharing `client`; each request must end
/// within [`request_bound`], or the test fails.
async fn run_phase(client: &Client, first: usize, count: usize) -> Tally {
    let next = Arc::new(AtomicUsize::new(first));
    let end = first + count;
    let bound = request_bound();
    let mut tasks = JoinSet::new();
    for _ in 0..TASKS {
        let client = client.clone();
        let next = Arc::clone(&next);
        tasks.spawn(async move {
            let mut tally = Tally::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= end {
                    return tally;
                }
                let Ok(result) = tokio::time::timeout(bound, one_request(&client, n)).await else {
                    panic!("request {n} hung: no outcome within {bound:?}");
                };
                match result {
                    Ok(()) => tally.add(Outcome::Success, None),
                    Err(error) => tally.add(classify(&error), Some(chain(&error))),
                }
            }
        });
    }
    let mut tally = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        tally.merge(joined.expect("a soak task panicked"));
    }
    tally
}

/// `n` KiB as MiB, for the report.
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Prints what the run did.
fn report(
    tally: &Tally,
    attempts: usize,
    minted: u64,
    warm: Memory,
    end: Memory,
    elapsed: Duration,
) {
    let requests = tally.total();
    eprintln!("== soak report");
    eprintln!("requests:        {requests} ({attempts} attempts reached the sandbox)");
    for (outcome, n) in &tally.counts {
        eprintln!("  {:<22} {n}", format!("{outcome:?}"));
    }
    for (outcome, message) in &tally.examples {
        eprintln!("  e.g. {outcome:?}: {message}");
    }
    eprintln!("tokens minted:   {minted}");
    eprintln!(
        "VmRSS:           {:.1} MiB after warm-up, {:.1} MiB at the end ({:+.1} MiB)",
        mib(warm.rss_kib),
        mib(end.rss_kib),
        mib(end.rss_kib) - mib(warm.rss_kib)
    );
    eprintln!("VmHWM:           {:.1} MiB", mib(end.hwm_kib));
    eprintln!(
        "elapsed:         {:.1} s, {:.0} requests/s",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64()
    );
}

/// Warm-up (the first 10% of requests), then the rest; memory is read after each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "soak test: run with --ignored --nocapture (SOAK_REQUESTS sets the count)"]
async fn soak() {
    let total = requested();
    let warm_up = total / 10;
    let (client, sandbox) = start().await;
    let started = Instant::now();

    let mut tally = run_phase(&client, 0, warm_up).await;
    let warm = memory();
    tally.merge(run_phase(&client, warm_up, total - warm_up).await);
    let end = memory();
    let elapsed = started.elapsed();
    let minted = client.runtime().minted_tokens();
    report(&tally, sandbox.request_count(), minted, warm, end, elapsed);
    sandbox.shutdown().await;

    assert_eq!(tally.total(), total, "every request has an outcome");
    assert_eq!(minted, 1, "one token for the client's whole life");
    assert_eq!(
        tally.count(&Outcome::Undecodable),
        0,
        "a cut answer must not pass for a complete one"
    );
    let unexpected: Vec<&Outcome> = tally
        .counts
        .keys()
        .filter(|outcome| matches!(outcome, Outcome::Other(_)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "errors of unexpected kinds: {unexpected:?}"
    );
    // 7% of attempts fail retryably and a request has three attempts, so about 0.03% of
    // requests run out of them; answers later than the timeout (0.08% of attempts) are
    // never retried. Everything else succeeds.
    let successes = tally.count(&Outcome::Success);
    assert!(
        successes * 100 >= total * 99,
        "only {successes} of {total} requests succeeded"
    );
    let growth = end.rss_kib.saturating_sub(warm.rss_kib);
    assert!(
        growth <= RSS_GROWTH_BOUND_KIB,
        "RSS grew by {growth} KiB after warm-up (bound {RSS_GROWTH_BOUND_KIB} KiB)"
    );
}
