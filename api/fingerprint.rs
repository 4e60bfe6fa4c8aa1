//! The fingerprint of a definition: 64-bit FNV-1a of its bytes, as 16 hex digits. The
//! committed copy records the fingerprint of the definition it was generated from, so a
//! build without the generator can tell that the definition has not changed since.

/// `bytes`' fingerprint.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}
