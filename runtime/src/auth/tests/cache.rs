use std::sync::Arc;

use crate::auth::cache::TokenCache;
use crate::auth::token::mint;
use crate::auth::{Credentials, PrivateKey};

fn credentials() -> Credentials {
    Credentials::team("KID", "ISS", PrivateKey::generate().expect("generate"))
}

#[test]
fn reuse_margin_is_two_minutes_or_a_fifth() {
    let long = mint(&credentials(), 10_000).expect("mint"); // iat 9940, exp 10840
    assert!(long.is_reusable_at(10_719));
    assert!(!long.is_reusable_at(10_720));
    let short = mint(
        &credentials()
            .with_lifetime(std::time::Duration::from_secs(100))
            .expect("allowed"),
        10_000,
    )
    .expect("mint"); // iat 9975, exp 10075, margin 20
    assert!(short.is_reusable_at(10_054));
    assert!(!short.is_reusable_at(10_055));
}

#[tokio::test]
async fn token_is_reused_and_invalidate_only_drops_the_current_one() {
    let cache = TokenCache::default();
    let credentials = credentials();
    let first = cache.token(&credentials).await.expect("mint");
    let again = cache.token(&credentials).await.expect("cached");
    assert_eq!(first, again);
    assert_eq!(cache.minted(), 1);

    assert!(!cache.invalidate("some-other-token").await);
    assert_eq!(cache.token(&credentials).await.expect("cached"), first);
    assert!(cache.invalidate(first.as_str()).await);
    assert!(
        !cache.invalidate(first.as_str()).await,
        "second 401 does not re-drop"
    );
    let second = cache.token(&credentials).await.expect("re-mint");
    assert_ne!(second, first);
    assert_eq!(cache.minted(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_cause_one_mint() {
    let cache = Arc::new(TokenCache::default());
    let credentials = credentials();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let cache = Arc::clone(&cache);
            let credentials = credentials.clone();
            tokio::spawn(async move { cache.token(&credentials).await })
        })
        .collect();
    let mut tokens = Vec::new();
    for task in tasks {
        tokens.push(task.await.expect("task").expect("token"));
    }
    assert_eq!(cache.minted(), 1);
    assert!(tokens.iter().all(|token| token == &tokens[0]));
}
