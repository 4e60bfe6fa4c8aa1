use std::time::Duration;

use crate::auth::{Credentials, CredentialsError, PrivateKey};

const MINUTE: Duration = Duration::from_secs(60);
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn credentials() -> Credentials {
    Credentials::team("KID", "ISS", PrivateKey::generate().expect("generate"))
}

fn get_scope() -> Vec<String> {
    vec![
        "GET /v1/ciProducts".to_owned(),
        "GET /v1/apps/1/perfPowerMetrics".to_owned(),
    ]
}

fn refused(result: Result<Credentials, CredentialsError>) -> bool {
    matches!(result, Err(CredentialsError::InvalidLifetime { .. }))
}

#[test]
fn ordinary_tokens_live_at_most_20_minutes() {
    assert!(credentials().with_lifetime(20 * MINUTE).is_ok());
    assert!(credentials().with_lifetime(Duration::from_secs(1)).is_ok());
    assert!(refused(
        credentials().with_lifetime(20 * MINUTE + Duration::from_secs(1))
    ));
    let error = credentials()
        .with_lifetime(21 * MINUTE)
        .expect_err("too long");
    assert!(error.to_string().contains("20 minutes"), "{error}");
}

#[test]
fn zero_is_refused() {
    assert!(refused(credentials().with_lifetime(Duration::ZERO)));
    assert!(refused(
        credentials().with_lifetime(Duration::from_millis(500))
    ));
}

#[test]
fn get_only_scopes_may_live_up_to_180_days() {
    let scoped = || credentials().with_scope(get_scope());
    assert!(scoped().with_lifetime(180 * DAY).is_ok());
    assert!(scoped().with_lifetime(DAY).is_ok());
    assert!(refused(scoped().with_lifetime(181 * DAY)));
    assert!(refused(credentials().with_lifetime(181 * DAY)));
}

#[test]
fn scopes_with_other_methods_stay_at_20_minutes() {
    let mut scope = get_scope();
    scope.push("POST /v1/apps".to_owned());
    assert!(refused(credentials().with_scope(scope).with_lifetime(DAY)));
    assert!(refused(
        credentials()
            .with_scope(vec!["get /v1/apps".to_owned()])
            .with_lifetime(DAY)
    ));
}

#[test]
fn removing_the_scope_later_stops_minting() {
    let credentials = credentials()
        .with_scope(get_scope())
        .with_lifetime(DAY)
        .expect("allowed while scoped")
        .with_scope(Vec::new());
    assert!(matches!(
        credentials.mint_token(),
        Err(CredentialsError::InvalidLifetime { .. })
    ));
}
