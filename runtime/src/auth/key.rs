//! Loading and validating the EC P-256 private key (`AuthKey_<KEYID>.p8`).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P256K1_SHA256_FIXED_SIGNING,
    ECDSA_P384_SHA384_FIXED_SIGNING, ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair,
    EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair as _, RsaKeyPair,
};
use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use jsonwebtoken::EncodingKey;

use super::error::CredentialsError;
use super::pem::{PemProblem, parse_blocks};

/// An App Store Connect private key: EC P-256 in PKCS#8, validated when loaded.
///
/// Cheap to clone. Its `Debug` prints `PrivateKey(<redacted>)`; key material is never
/// displayed.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Arc<KeyMaterial>,
}

struct KeyMaterial {
    encoding: EncodingKey,
    public: Vec<u8>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

impl PrivateKey {
    /// Reads a key file (`AuthKey_<KEYID>.p8`: PEM text, or binary PKCS#8 DER).
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, CredentialsError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => CredentialsError::KeyFileNotFound {
                path: path.to_owned(),
            },
            _ => CredentialsError::KeyFileUnreadable {
                path: path.to_owned(),
                source,
            },
        })?;
        match std::str::from_utf8(&bytes) {
            Ok(text) => Self::from_pem(text),
            Err(_) => Self::from_pkcs8_der(&bytes),
        }
    }

    /// Parses PEM text. Accepts `PRIVATE KEY` (PKCS#8, what Apple ships) and
    /// `EC PRIVATE KEY` (SEC 1) blocks; literal `\n` sequences (a PEM squeezed into one
    /// line of an environment variable) are treated as line breaks.
    pub fn from_pem(text: &str) -> Result<Self, CredentialsError> {
        let text = if !text.contains('\n') && text.contains("\\n") {
            text.replace("\\n", "\n")
        } else {
            text.to_owned()
        };
        if text.trim().is_empty() {
            return Err(not_a_key("the key text is empty"));
        }
        let blocks = parse_blocks(&text).map_err(|problem| match problem {
            PemProblem::NoBlock => not_a_key("no `-----BEGIN ...-----` line found"),
            PemProblem::Malformed(reason) => not_a_key(reason),
        })?;
        let block = blocks
            .iter()
            .find(|block| block.label != "EC PARAMETERS")
            .ok_or_else(|| not_a_key("the PEM text holds only EC PARAMETERS, no key"))?;
        from_pem_block(&block.label, &block.der)
    }

    /// Decodes base64 (standard or URL-safe alphabet, padding optional, whitespace
    /// ignored) of either the PEM text or the raw PKCS#8 DER, then loads it.
    pub fn from_base64(b64: &str) -> Result<Self, CredentialsError> {
        let compact: String = b64.chars().filter(|c| !c.is_whitespace()).collect();
        let url_safe = compact.contains(['-', '_']);
        let alphabet = if url_safe {
            &alphabet::URL_SAFE
        } else {
            &alphabet::STANDARD
        };
        let config =
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
        let bytes = GeneralPurpose::new(alphabet, config)
            .decode(compact.as_bytes())
            .map_err(|_| CredentialsError::InvalidBase64)?;
        if bytes.is_empty() {
            return Err(not_a_key("the base64 text decodes to nothing"));
        }
        match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("-----BEGIN") => Self::from_pem(text),
            _ => Self::from_pkcs8_der(&bytes),
        }
    }

    /// Loads a PKCS#8 DER-encoded key (a raw SEC 1 EC key is accepted too).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, CredentialsError> {
        if let Ok(pair) = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der) {
            return Self::from_key_pair(&pair);
        }
        if let Ok(pair) = EcdsaKeyPair::from_private_key_der(&ECDSA_P256_SHA256_FIXED_SIGNING, der)
        {
            return Self::from_key_pair(&pair);
        }
        Err(classify_rejected(der))
    }

    /// Generates a fresh random P-256 key: for tests and local doubles of the API,
    /// never accepted by the real App Store Connect.
    pub fn generate() -> Result<Self, CredentialsError> {
        let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING)
            .map_err(|_| not_a_key("the crypto library could not generate a P-256 key"))?;
        Self::from_key_pair(&pair)
    }

    /// The public key as an uncompressed SEC 1 point (65 bytes, `0x04 || x || y`), e.g.
    /// for `jsonwebtoken::DecodingKey::from_ec_der` to verify tokens. Safe to share.
    pub fn public_key_bytes(&self) -> &[u8] {
        &self.inner.public
    }

    pub(crate) fn encoding_key(&self) -> &EncodingKey {
        &self.inner.encoding
    }

    fn from_key_pair(pair: &EcdsaKeyPair) -> Result<Self, CredentialsError> {
        let pkcs8 = pair
            .to_pkcs8v1()
            .map_err(|_| not_a_key("the key could not be re-encoded as PKCS#8"))?;
        Ok(PrivateKey {
            inner: Arc::new(KeyMaterial {
                encoding: EncodingKey::from_ec_der(pkcs8.as_ref()),
                public: pair.public_key().as_ref().to_vec(),
            }),
        })
    }
}

fn not_a_key(reason: impl Into<String>) -> CredentialsError {
    CredentialsError::NotAKey {
        reason: reason.into(),
    }
}

fn wrong_curve(curve: &str) -> CredentialsError {
    CredentialsError::WrongCurve {
        curve: curve.to_owned(),
    }
}

fn from_pem_block(label: &str, der: &[u8]) -> Result<PrivateKey, CredentialsError> {
    match label {
        "PRIVATE KEY" | "EC PRIVATE KEY" => PrivateKey::from_pkcs8_der(der),
        "PUBLIC KEY" | "EC PUBLIC KEY" | "RSA PUBLIC KEY" => Err(CredentialsError::PublicKeyGiven),
        "RSA PRIVATE KEY" => Err(wrong_curve("RSA")),
        "ENCRYPTED PRIVATE KEY" => Err(not_a_key(
            "the key is encrypted with a passphrase; use the unencrypted .p8 file",
        )),
        "CERTIFICATE" => Err(not_a_key("this is a certificate, not a private key")),
        other => Err(not_a_key(format!("unexpected PEM block `{other}`"))),
    }
}

/// Names what a DER blob is when it is not a P-256 private key.
fn classify_rejected(der: &[u8]) -> CredentialsError {
    const OTHER_CURVES: [(&EcdsaSigningAlgorithm, &str); 3] = [
        (&ECDSA_P384_SHA384_FIXED_SIGNING, "P-384"),
        (&ECDSA_P521_SHA512_FIXED_SIGNING, "P-521"),
        (&ECDSA_P256K1_SHA256_FIXED_SIGNING, "secp256k1"),
    ];
    for (algorithm, curve) in OTHER_CURVES {
        if EcdsaKeyPair::from_pkcs8(algorithm, der).is_ok()
            || EcdsaKeyPair::from_private_key_der(algorithm, der).is_ok()
        {
            return wrong_curve(curve);
        }
    }
    if RsaKeyPair::from_pkcs8(der).is_ok() {
        return wrong_curve("RSA (not an elliptic-curve)");
    }
    if Ed25519KeyPair::from_pkcs8(der).is_ok() {
        return wrong_curve("Ed25519");
    }
    if looks_like_public_key_info(der) {
        return CredentialsError::PublicKeyGiven;
    }
    not_a_key("the data is not a PKCS#8 private key")
}

/// A SubjectPublicKeyInfo is `SEQUENCE { SEQUENCE {...}, BIT STRING }`, whereas a
/// PKCS#8 key is `SEQUENCE { INTEGER version, ... }`: look at the first inner tag.
fn looks_like_public_key_info(der: &[u8]) -> bool {
    if der.first() != Some(&0x30) {
        return false;
    }
    let inner = match der.get(1) {
        Some(&len) if len < 0x80 => 2,
        Some(&len) => 2 + usize::from(len & 0x7f),
        None => return false,
    };
    der.get(inner) == Some(&0x30)
}
