//! Unit tests of key loading, token minting, lifetimes, caching, configuration and
//! auth schemes.

mod cache;
mod env;
mod keys;
mod lifetime;
mod scheme;
mod tokens;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair,
    EcdsaSigningAlgorithm, KeyPair as _,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// A fresh PKCS#8 v1 DER key on `algorithm`'s curve, and its public point.
fn generated(algorithm: &'static EcdsaSigningAlgorithm) -> (Vec<u8>, Vec<u8>) {
    let pair = EcdsaKeyPair::generate(algorithm).expect("key generation");
    let der = pair.to_pkcs8v1().expect("pkcs8 export").as_ref().to_vec();
    (der, pair.public_key().as_ref().to_vec())
}

fn p256() -> (Vec<u8>, Vec<u8>) {
    generated(&ECDSA_P256_SHA256_FIXED_SIGNING)
}

fn p384_der() -> Vec<u8> {
    generated(&ECDSA_P384_SHA384_FIXED_SIGNING).0
}

/// Wraps DER in PEM armour with 64-column lines, as `openssl` writes it.
fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|chunk| std::str::from_utf8(chunk).expect("base64 is ascii"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// SubjectPublicKeyInfo DER of a P-256 public point.
fn p256_public_key_info(point: &[u8]) -> Vec<u8> {
    let mut der = vec![
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ];
    der.extend_from_slice(point);
    der
}

/// A path in the temp directory unique to this test process and call.
fn temp_path(name: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "connector-runtime-{}-{n}-{name}",
        std::process::id()
    ))
}
