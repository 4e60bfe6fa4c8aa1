//! What the generated client costs per request, against the loopback sandbox on 127.0.0.1.
//!
//! - `request_overhead/raw_reqwest`: the floor, a hand-written reqwest call with a token made
//!   once and hand-written serde structs; `request_overhead/generated_client`: the generated
//!   method with its token cache, validation, retries, rate-limit parsing and error handling.
//!   Both list a page of 50 apps and decode it into typed structs.
//! - `decode/raw_serde` and `decode/generated_model`: decoding that page alone, into the
//!   hand-written structs (which skip what they do not name) and into the generated model
//!   (which types every member and keeps `relationships` as text, decoded on demand).
//! - `token/ten_thousand_requests_16_tasks`: 10,000 requests from 16 concurrent tasks sharing
//!   one new client; each iteration checks that exactly one token was minted.
//! - `token/cache_hit` and `token/cache_hit_16_tasks`: what reading the cached token costs,
//!   alone and with 16 tasks reading at once.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use app_store_connect::runtime::RetryPolicy;
use app_store_connect::{Client, Credentials, PrivateKey};
use app_store_connect_sandbox::{App, RunningSandbox, Sandbox, TestKey};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::{Deserialize, Serialize};
use tokio::runtime::Runtime;

const ISSUER_ID: &str = "69a6de70-03db-47e3-e053-5b8c7c11a4d1";
const PAGE: usize = 50;
const TASKS: usize = 16;
/// A multiple of `TASKS`, so every task sends the same number.
const REQUESTS: usize = 10_000;

/// A sandbox serving 50 apps in one page, with no effective rate limit.
struct Bench {
    /// Where the clients run.
    runtime: Runtime,
    /// Where the sandbox runs: a thread of its own, as a server would be a machine of its
    /// own, so client and server never wait for each other's turn on one worker.
    _server: Runtime,
    sandbox: RunningSandbox,
    key: TestKey,
}

impl Bench {
    /// The sandbox on a thread of its own; the clients on `runtime`.
    fn start(mut runtime: tokio::runtime::Builder) -> Bench {
        let runtime = runtime.enable_all().build().expect("a tokio runtime");
        let server = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let key = TestKey::generate("BENCHKEY01").expect("a P-256 key");
        let apps = (0..PAGE)
            .map(|n| {
                App::new(
                    format!("{}", 1_600_000_000 + n),
                    format!("Benchmark App {n}"),
                    format!("com.example.bench{n}"),
                    format!("BENCH-{n}"),
                )
            })
            .collect();
        let sandbox = server.block_on(async {
            Sandbox::team(&key.key_id, ISSUER_ID, &key.public_key_pem)
                .expect("the sandbox accepts the key")
                .apps(apps)
                .page_size(PAGE)
                .rate_limit(u32::MAX)
                // A log that grew with every request would slow later benchmarks down.
                .record_requests(false)
                .start()
                .await
                .expect("the sandbox starts on 127.0.0.1")
        });
        Bench {
            runtime,
            _server: server,
            sandbox,
            key,
        }
    }

    fn client(&self) -> Client {
        let key = PrivateKey::from_pem(&self.key.private_key_pem).expect("the key parses");
        Client::builder()
            .credentials(Credentials::team(&self.key.key_id, ISSUER_ID, key))
            .base_url(self.sandbox.base_url())
            .retry_policy(RetryPolicy::default())
            .build()
            .expect("a client")
    }
}

/// The hand-written floor: one token, one reqwest client, structs for what is read.
mod raw {
    use super::*;

    #[derive(Serialize)]
    struct Claims<'a> {
        iss: &'a str,
        iat: u64,
        exp: u64,
        aud: &'a str,
    }

    /// `GET /v1/apps` as the App Store Connect documentation shows it.
    #[derive(Debug, Deserialize)]
    pub struct AppsResponse {
        pub data: Vec<App>,
        pub links: Links,
    }

    #[derive(Debug, Deserialize)]
    pub struct App {
        pub id: String,
        #[serde(rename = "type")]
        pub kind: String,
        pub attributes: Option<Attributes>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Attributes {
        pub name: Option<String>,
        pub bundle_id: Option<String>,
        pub sku: Option<String>,
        pub primary_locale: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Links {
        #[serde(rename = "self")]
        pub this: String,
        pub next: Option<String>,
    }

    pub fn token(key: &TestKey) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs();
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
        header.kid = Some(key.key_id.clone());
        header.typ = Some("JWT".to_owned());
        let claims = Claims {
            iss: ISSUER_ID,
            iat: now - 60,
            exp: now + 1140,
            aud: "appstoreconnect-v1",
        };
        let encoding = jsonwebtoken::EncodingKey::from_ec_pem(key.private_key_pem.as_bytes())
            .expect("the key parses");
        jsonwebtoken::encode(&header, &claims, &encoding).expect("the token signs")
    }

    /// Both decode the same page into the same values.
    pub fn assert_same(
        raw: &AppsResponse,
        generated: &app_store_connect::operations::apps_and_app_metadata_list_apps::Body,
    ) {
        assert_eq!(raw.data.len(), PAGE);
        assert_eq!(generated.data.len(), PAGE);
        for (raw, generated) in raw.data.iter().zip(&generated.data) {
            assert_eq!(Some(&raw.id), generated.id.as_ref());
            assert_eq!(Some(&raw.kind), generated.r#type.as_ref());
            let (raw, generated) = (raw.attributes.as_ref(), generated.attributes.as_ref());
            let raw = raw.expect("raw attributes");
            let generated = generated.expect("generated attributes");
            assert_eq!(raw.name, generated.name);
            assert_eq!(raw.bundle_id, generated.bundle_id);
            assert_eq!(raw.sku, generated.sku);
            assert_eq!(raw.primary_locale, generated.primary_locale);
        }
        let links = generated.links.as_ref().expect("generated links");
        assert_eq!(Some(&raw.links.this), links.self_.as_ref());
        assert_eq!(raw.links.next, links.next);
    }

    /// The page's bytes, undecoded.
    pub async fn body(http: &reqwest::Client, url: &str, token: &str) -> Vec<u8> {
        let answer = http.get(url).bearer_auth(token).send().await;
        let answer = answer.expect("the sandbox answers");
        answer.bytes().await.expect("the body arrives").to_vec()
    }

    pub async fn list_apps(http: &reqwest::Client, url: &str, token: &str) -> AppsResponse {
        http.get(url)
            .bearer_auth(token)
            .send()
            .await
            .expect("the sandbox answers")
            .error_for_status()
            .expect("the sandbox accepts the token")
            .json()
            .await
            .expect("the page decodes")
    }
}

fn request_overhead(c: &mut Criterion) {
    // One request at a time: the client, its connection included, on the benchmark's
    // thread, the server on the other core.
    let bench = Bench::start(tokio::runtime::Builder::new_current_thread());
    let client = bench.client();
    let http = reqwest::Client::new();
    let url = format!("{}/v1/apps", bench.sandbox.base_url());
    let token = raw::token(&bench.key);
    let raw_page = bench.runtime.block_on(raw::list_apps(&http, &url, &token));
    let generated_page = bench.runtime.block_on(async {
        client
            .apps_and_app_metadata_list_apps()
            .send()
            .await
            .expect("the page decodes")
    });
    raw::assert_same(&raw_page, &generated_page.body);

    let body = bench.runtime.block_on(raw::body(&http, &url, &token));
    let mut decode = c.benchmark_group("decode");
    decode.bench_function("raw_serde", |b| {
        b.iter(|| serde_json::from_slice::<raw::AppsResponse>(&body).expect("the page decodes"));
    });
    decode.bench_function("generated_model", |b| {
        b.iter(|| {
            app_store_connect::runtime::response::json::<
                app_store_connect::operations::apps_and_app_metadata_list_apps::Body,
            >(&body)
            .expect("the page decodes")
        });
    });
    decode.finish();

    let mut group = c.benchmark_group("request_overhead");
    // The server shares the machine with the client: longer runs steady the medians.
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("raw_reqwest", |b| {
        b.to_async(&bench.runtime)
            .iter(|| raw::list_apps(&http, &url, &token));
    });
    group.bench_function("generated_client", |b| {
        b.to_async(&bench.runtime).iter(|| async {
            client
                .apps_and_app_metadata_list_apps()
                .send()
                .await
                .expect("the page decodes")
        });
    });
    group.finish();
}

/// 10,000 requests from 16 tasks sharing `client`; returns how long they took.
async fn many_requests(client: &Client) -> Duration {
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let client = client.clone();
            let share = REQUESTS / TASKS;
            tokio::spawn(async move {
                for _ in 0..share {
                    client
                        .apps_and_app_metadata_list_apps()
                        .send()
                        .await
                        .expect("the page decodes");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("the task finishes");
    }
    started.elapsed()
}

fn token(c: &mut Criterion) {
    // Tasks spread over worker threads, so the token cache is read from several at once.
    let bench = Bench::start(tokio::runtime::Builder::new_multi_thread());
    let mut group = c.benchmark_group("token");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("ten_thousand_requests_16_tasks", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let client = bench.client();
                total += bench.runtime.block_on(many_requests(&client));
                let minted = client.runtime().minted_tokens();
                assert_eq!(minted, 1, "{REQUESTS} requests minted {minted} tokens");
            }
            total
        });
    });
    let client = bench.client();
    bench
        .runtime
        .block_on(client.runtime().bearer_token())
        .expect("a token");
    group.bench_function("cache_hit", |b| {
        b.to_async(&bench.runtime).iter(|| async {
            client
                .runtime()
                .bearer_token()
                .await
                .expect("the cached token")
        });
    });
    group.bench_function("cache_hit_16_tasks", |b| {
        b.iter_custom(|iterations| {
            bench.runtime.block_on(async {
                let started = Instant::now();
                let tasks: Vec<_> = (0..TASKS)
                    .map(|_| {
                        let client = client.clone();
                        tokio::spawn(async move {
                            for _ in 0..iterations.div_ceil(TASKS as u64) {
                                client
                                    .runtime()
                                    .bearer_token()
                                    .await
                                    .expect("the cached token");
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.expect("the task finishes");
                }
                started.elapsed()
            })
        });
    });
    assert_eq!(client.runtime().minted_tokens(), 1);
    group.finish();
}

criterion_group!(benches, request_overhead, token);
criterion_main!(benches);
