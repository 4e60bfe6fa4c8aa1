use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{p256, pem, temp_path};
use crate::auth::{Credentials, CredentialsError};

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn team_key_from_pem_text() {
    let (der, public) = p256();
    let text = pem("PRIVATE KEY", &der);
    let credentials = Credentials::from_lookup(lookup(&[
        ("ASC_KEY_ID", " KID1 "),
        ("ASC_ISSUER_ID", "ISS"),
        ("ASC_PRIVATE_KEY", &text),
    ]))
    .expect("valid env");
    assert_eq!(credentials.key_id(), "KID1");
    assert_eq!(credentials.issuer_id(), Some("ISS"));
    assert_eq!(
        credentials.private_key().public_key_bytes(),
        public.as_slice()
    );
}

#[test]
fn empty_issuer_means_individual_key_and_b64_works() {
    let (der, _) = p256();
    let b64 = STANDARD.encode(pem("PRIVATE KEY", &der));
    let credentials = Credentials::from_lookup(lookup(&[
        ("ASC_KEY_ID", "KID"),
        ("ASC_ISSUER_ID", ""),
        ("ASC_PRIVATE_KEY_B64", &b64),
    ]))
    .expect("valid env");
    assert_eq!(credentials.issuer_id(), None);
}

#[test]
fn key_path_is_read() {
    let (der, public) = p256();
    let path = temp_path("env.p8");
    std::fs::write(&path, pem("PRIVATE KEY", &der)).expect("write temp key");
    let path_text = path.to_string_lossy().into_owned();
    let result = Credentials::from_lookup(lookup(&[
        ("ASC_KEY_ID", "KID"),
        ("ASC_PRIVATE_KEY_PATH", &path_text),
    ]));
    std::fs::remove_file(&path).expect("remove temp key");
    let credentials = result.expect("valid env");
    assert_eq!(
        credentials.private_key().public_key_bytes(),
        public.as_slice()
    );
}

#[test]
fn missing_key_id_and_missing_key() {
    match Credentials::from_lookup(lookup(&[])) {
        Err(CredentialsError::MissingEnv { name }) => assert_eq!(name, "ASC_KEY_ID"),
        other => panic!("unexpected {other:?}"),
    }
    let error = Credentials::from_lookup(lookup(&[("ASC_KEY_ID", "KID"), ("ASC_PRIVATE_KEY", "")]))
        .expect_err("no key");
    assert!(matches!(error, CredentialsError::NoKeyGiven));
    let message = error.to_string();
    for name in [
        "ASC_PRIVATE_KEY_PATH",
        "ASC_PRIVATE_KEY ",
        "ASC_PRIVATE_KEY_B64",
    ] {
        assert!(message.contains(name), "{message}");
    }
}

#[test]
fn key_problems_surface() {
    let missing = temp_path("nope.p8");
    let missing_text = missing.to_string_lossy().into_owned();
    let result = Credentials::from_lookup(lookup(&[
        ("ASC_KEY_ID", "KID"),
        ("ASC_PRIVATE_KEY_PATH", &missing_text),
    ]));
    assert!(matches!(
        result,
        Err(CredentialsError::KeyFileNotFound { .. })
    ));
}
