//! Throwaway P-256 signing keys shaped like Apple's `AuthKey_<KEYID>.p8` files.

use std::fmt;

use aws_lc_rs::encoding::{
    AsBigEndian, AsDer, EcPrivateKeyBin, EcPublicKeyUncompressedBin, PublicKeyX509Der,
};
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::SandboxError;

/// A freshly generated P-256 key pair for tests: sign tokens with the private half,
/// configure a [`Sandbox`](crate::Sandbox) with the public half.
///
/// `Debug` never shows the private key.
#[derive(Clone)]
pub struct TestKey {
    /// The key ID that goes into the token header's `kid`.
    pub key_id: String,
    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the format of Apple's `.p8` files.
    pub private_key_pem: String,
    /// SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of the same key.
    pub public_key_pem: String,
}

impl TestKey {
    /// Generates a new random P-256 key under `key_id`.
    pub fn generate(key_id: impl Into<String>) -> Result<TestKey, SandboxError> {
        let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING)
            .map_err(|_| SandboxError::KeyGeneration("key generation failed"))?;
        let scalar: EcPrivateKeyBin<'static> = pair
            .private_key()
            .as_be_bytes()
            .map_err(|_| SandboxError::KeyGeneration("private key export failed"))?;
        let point: EcPublicKeyUncompressedBin<'static> = pair
            .public_key()
            .as_be_bytes()
            .map_err(|_| SandboxError::KeyGeneration("public key export failed"))?;
        let pkcs8 = apple_pkcs8(scalar.as_ref(), point.as_ref())
            .ok_or(SandboxError::KeyGeneration("unexpected P-256 key sizes"))?;
        let spki: PublicKeyX509Der<'static> = pair
            .public_key()
            .as_der()
            .map_err(|_| SandboxError::KeyGeneration("SPKI encoding failed"))?;
        Ok(TestKey {
            key_id: key_id.into(),
            private_key_pem: to_pem("PRIVATE KEY", &pkcs8),
            public_key_pem: to_pem("PUBLIC KEY", spki.as_ref()),
        })
    }
}

impl fmt::Debug for TestKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestKey")
            .field("key_id", &self.key_id)
            .field("private_key_pem", &"<redacted>")
            .field("public_key_pem", &self.public_key_pem)
            .finish()
    }
}

/// PKCS#8 prefix of Apple's `.p8` files: version 0, id-ecPublicKey + prime256v1, then an
/// RFC 5915 ECPrivateKey (version 1) whose 32-byte scalar follows.
const PKCS8_HEAD: [u8; 36] = [
    0x30, 0x81, 0x93, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
    0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x79, 0x30, 0x77, 0x02,
    0x01, 0x01, 0x04, 0x20,
];
/// After the scalar: `[0]` prime256v1 and `[1]` the 65-byte uncompressed public point.
const PKCS8_MIDDLE: [u8; 17] = [
    0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0xa1, 0x44, 0x03, 0x42,
    0x00,
];

/// The DER layout Apple's `AuthKey_<KEYID>.p8` files use (curve parameters and public key
/// embedded), from a 32-byte scalar and a 65-byte uncompressed point.
fn apple_pkcs8(scalar: &[u8], point: &[u8]) -> Option<Vec<u8>> {
    if scalar.len() != 32 || point.len() != 65 || point[0] != 0x04 {
        return None;
    }
    Some([&PKCS8_HEAD[..], scalar, &PKCS8_MIDDLE[..], point].concat())
}

/// Wraps DER bytes in a PEM block with 64-column base64 lines.
fn to_pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_key_has_apple_pem_shapes() {
        let key = TestKey::generate("ABC123DEFG").expect("key");
        assert_eq!(key.key_id, "ABC123DEFG");
        assert!(
            key.private_key_pem
                .starts_with("-----BEGIN PRIVATE KEY-----\n")
        );
        assert!(key.private_key_pem.ends_with("-----END PRIVATE KEY-----\n"));
        assert!(
            key.public_key_pem
                .starts_with("-----BEGIN PUBLIC KEY-----\n")
        );
        assert!(key.public_key_pem.lines().all(|l| l.len() <= 64));
        jsonwebtoken::EncodingKey::from_ec_pem(key.private_key_pem.as_bytes()).expect("signs");
        jsonwebtoken::DecodingKey::from_ec_pem(key.public_key_pem.as_bytes()).expect("verifies");
    }

    #[test]
    fn private_key_der_is_apples_layout_and_parses() {
        let key = TestKey::generate("K").expect("key");
        let body: String = key
            .private_key_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = STANDARD.decode(body).expect("base64");
        assert_eq!(der.len(), 150);
        assert_eq!(&der[..36], &PKCS8_HEAD[..]);
        assert_eq!(&der[68..85], &PKCS8_MIDDLE[..]);
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der).expect("parses");
        let spki = pair.public_key().as_der().expect("spki");
        let public_body: String = key
            .public_key_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert_eq!(STANDARD.decode(public_body).expect("base64"), spki.as_ref());
    }

    #[test]
    fn apple_pkcs8_rejects_wrong_sizes() {
        assert!(apple_pkcs8(&[1; 31], &[4; 65]).is_none());
        assert!(apple_pkcs8(&[1; 32], &[2; 33]).is_none());
    }

    #[test]
    fn keys_differ_and_debug_redacts_the_private_key() {
        let a = TestKey::generate("K1").expect("key");
        let b = TestKey::generate("K1").expect("key");
        assert_ne!(a.private_key_pem, b.private_key_pem);
        let shown = format!("{a:?}");
        assert!(shown.contains("<redacted>"));
        assert!(!shown.contains("PRIVATE KEY"));
        let secret_line = a.private_key_pem.lines().nth(1).expect("body");
        assert!(!shown.contains(secret_line));
    }
}
