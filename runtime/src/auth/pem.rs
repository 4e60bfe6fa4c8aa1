//! Minimal PEM reader: finds `-----BEGIN <label>-----` blocks and decodes their bodies.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// One decoded PEM block.
pub(crate) struct PemBlock {
    /// The label between `BEGIN ` and the closing dashes, e.g. `PRIVATE KEY`.
    pub(crate) label: String,
    /// The decoded body.
    pub(crate) der: Vec<u8>,
}

/// Problems found while reading PEM text.
pub(crate) enum PemProblem {
    /// No `-----BEGIN` line at all.
    NoBlock,
    /// A block is malformed; the text says how.
    Malformed(String),
}

/// Reads every PEM block of `text`, in order.
pub(crate) fn parse_blocks(text: &str) -> Result<Vec<PemBlock>, PemProblem> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after_begin = &rest[start + "-----BEGIN ".len()..];
        let (label, after_label) = after_begin
            .split_once("-----")
            .ok_or_else(|| PemProblem::Malformed("unterminated BEGIN line".into()))?;
        let end_marker = format!("-----END {label}-----");
        let (body, after_end) = after_label.split_once(&end_marker).ok_or_else(|| {
            PemProblem::Malformed(format!("no `{end_marker}` line after the BEGIN line"))
        })?;
        blocks.push(PemBlock {
            label: label.trim().to_owned(),
            der: decode_body(label, body)?,
        });
        rest = after_end;
    }
    if blocks.is_empty() {
        return Err(PemProblem::NoBlock);
    }
    Ok(blocks)
}

fn decode_body(label: &str, body: &str) -> Result<Vec<u8>, PemProblem> {
    // Skip RFC 1421 headers such as `Proc-Type:` (encrypted legacy keys).
    let base64: String = body
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD
        .decode(base64.as_bytes())
        .map_err(|_| PemProblem::Malformed(format!("the body of the {label} block is not base64")))
}
