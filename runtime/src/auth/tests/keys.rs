use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::Ed25519KeyPair;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

use super::{p256, p256_public_key_info, p384_der, pem, temp_path};
use crate::auth::{CredentialsError, PrivateKey};

fn err(result: Result<PrivateKey, CredentialsError>) -> CredentialsError {
    match result {
        Ok(key) => panic!("expected an error, got {key:?}"),
        Err(error) => error,
    }
}

#[test]
fn loads_pkcs8_pem_and_der() {
    let (der, public) = p256();
    let from_pem = PrivateKey::from_pem(&pem("PRIVATE KEY", &der)).expect("pem loads");
    assert_eq!(from_pem.public_key_bytes(), public.as_slice());
    let from_der = PrivateKey::from_pkcs8_der(&der).expect("der loads");
    assert_eq!(from_der.public_key_bytes(), public.as_slice());
}

#[test]
fn loads_pem_squeezed_into_one_line() {
    let (der, public) = p256();
    let one_line = pem("PRIVATE KEY", &der).replace('\n', "\\n");
    let key = PrivateKey::from_pem(&one_line).expect("escaped newlines accepted");
    assert_eq!(key.public_key_bytes(), public.as_slice());
}

#[test]
fn loads_base64_of_pem_and_of_der_in_both_alphabets() {
    let (der, public) = p256();
    let text = pem("PRIVATE KEY", &der);
    let wrapped: String = STANDARD
        .encode(text.as_bytes())
        .chars()
        .enumerate()
        .flat_map(|(i, c)| if i % 76 == 75 { vec![c, '\n'] } else { vec![c] })
        .collect();
    for b64 in [
        STANDARD.encode(text.as_bytes()),
        wrapped,
        URL_SAFE_NO_PAD.encode(text.as_bytes()),
        STANDARD.encode(&der),
        URL_SAFE_NO_PAD.encode(&der),
        STANDARD.encode(&der).trim_end_matches('=').to_owned(),
    ] {
        let key = PrivateKey::from_base64(&b64).expect("base64 loads");
        assert_eq!(key.public_key_bytes(), public.as_slice());
    }
}

#[test]
fn invalid_base64() {
    assert!(matches!(
        err(PrivateKey::from_base64("not*base64!")),
        CredentialsError::InvalidBase64
    ));
}

#[test]
fn loads_key_file_and_reports_missing_or_unreadable_files() {
    let (der, public) = p256();
    let path = temp_path("AuthKey_TEST.p8");
    std::fs::write(&path, pem("PRIVATE KEY", &der)).expect("write temp key");
    let key = PrivateKey::from_pem_file(&path);
    std::fs::remove_file(&path).expect("remove temp key");
    assert_eq!(
        key.expect("file loads").public_key_bytes(),
        public.as_slice()
    );

    let missing = temp_path("missing.p8");
    match err(PrivateKey::from_pem_file(&missing)) {
        CredentialsError::KeyFileNotFound { path } => assert_eq!(path, missing),
        other => panic!("unexpected {other:?}"),
    }
    let directory = std::env::temp_dir();
    assert!(matches!(
        err(PrivateKey::from_pem_file(&directory)),
        CredentialsError::KeyFileUnreadable { .. }
    ));
}

#[test]
fn garbage_is_not_a_key() {
    for text in [
        "",
        "hello",
        "-----BEGIN PRIVATE KEY-----\n@@@\n-----END PRIVATE KEY-----",
    ] {
        assert!(
            matches!(
                err(PrivateKey::from_pem(text)),
                CredentialsError::NotAKey { .. }
            ),
            "{text:?}"
        );
    }
    let truncated =
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n";
    assert!(matches!(
        err(PrivateKey::from_pem(truncated)),
        CredentialsError::NotAKey { .. }
    ));
    let bogus = pem("PRIVATE KEY", b"definitely not DER");
    assert!(matches!(
        err(PrivateKey::from_pem(&bogus)),
        CredentialsError::NotAKey { .. }
    ));
    assert!(matches!(
        err(PrivateKey::from_pkcs8_der(&[0x30, 0x03, 0x02, 0x01, 0x00])),
        CredentialsError::NotAKey { .. }
    ));
}

#[test]
fn encrypted_keys_and_certificates_are_explained() {
    let encrypted = err(PrivateKey::from_pem(&pem("ENCRYPTED PRIVATE KEY", b"x")));
    assert!(encrypted.to_string().contains("passphrase"), "{encrypted}");
    let certificate = err(PrivateKey::from_pem(&pem("CERTIFICATE", b"x")));
    assert!(
        certificate.to_string().contains("certificate"),
        "{certificate}"
    );
}

#[test]
fn public_keys_are_refused() {
    let (_, public) = p256();
    let info = p256_public_key_info(&public);
    let error = err(PrivateKey::from_pem(&pem("PUBLIC KEY", &info)));
    assert!(matches!(error, CredentialsError::PublicKeyGiven));
    assert!(error.to_string().contains("AuthKey_<KEYID>.p8"), "{error}");
    assert!(matches!(
        err(PrivateKey::from_pkcs8_der(&info)),
        CredentialsError::PublicKeyGiven
    ));
}

#[test]
fn other_curves_are_named() {
    let error = err(PrivateKey::from_pem(&pem("PRIVATE KEY", &p384_der())));
    match &error {
        CredentialsError::WrongCurve { curve } => assert_eq!(curve, "P-384"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("P-256"), "{error}");

    let ed = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("ed25519 key");
    match err(PrivateKey::from_pkcs8_der(ed.as_ref())) {
        CredentialsError::WrongCurve { curve } => assert_eq!(curve, "Ed25519"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        err(PrivateKey::from_pem(&pem("RSA PRIVATE KEY", b"x"))),
        CredentialsError::WrongCurve { .. }
    ));
}

#[test]
fn generated_keys_work_and_debug_is_redacted() {
    let key = PrivateKey::generate().expect("generate");
    assert_eq!(key.public_key_bytes().len(), 65);
    assert_eq!(format!("{key:?}"), "PrivateKey(<redacted>)");
}

#[test]
fn loads_sec1_ec_private_key_after_ec_parameters() {
    use aws_lc_rs::encoding::AsDer as _;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _};

    let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).expect("generate");
    let sec1 = pair.private_key().as_der().expect("sec1 export");
    // `openssl ecparam -genkey` writes an EC PARAMETERS block (the P-256 OID) first.
    let parameters = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let text = format!(
        "{}{}",
        pem("EC PARAMETERS", &parameters),
        pem("EC PRIVATE KEY", sec1.as_ref())
    );
    let key = PrivateKey::from_pem(&text).expect("sec1 loads");
    assert_eq!(key.public_key_bytes(), pair.public_key().as_ref());
}
