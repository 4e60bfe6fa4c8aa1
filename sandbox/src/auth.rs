//! Bearer token verification, rule by rule, as Apple does it.
//!
//! The header is checked first (alg, kid, typ), then `jsonwebtoken` verifies the ES256
//! signature together with `exp`, `aud` and the identity claims, then [`crate::claims`]
//! applies the rules `jsonwebtoken` does not know (iat, lifetime, scope, absent `iss`).

use axum::http::HeaderValue;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use crate::SandboxError;
use crate::claims::{self, Claims};
use crate::scope::RequestTarget;

/// The only audience Apple accepts for the App Store Connect API.
pub(crate) const AUDIENCE: &str = "appstoreconnect-v1";

/// Which kind of API key the sandbox impersonates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Identity {
    /// A team key: tokens carry `iss` = the issuer ID.
    Team {
        /// The issuer ID every token must carry.
        issuer_id: String,
    },
    /// An individual key: tokens carry `sub` = `"user"` and no `iss`.
    Individual,
}

/// The rule a rejected token broke. Logged at debug level; never contains the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AuthFailure {
    #[error("no Authorization header")]
    MissingHeader,
    #[error("Authorization header is not `Bearer <token>`")]
    NotBearer,
    #[error("token is not a well-formed JWT: {0}")]
    Malformed(&'static str),
    #[error("header alg is {0}, expected ES256")]
    WrongAlgorithm(String),
    #[error("header kid is missing or not the configured key ID")]
    WrongKeyId,
    #[error("header typ is missing or not \"JWT\"")]
    WrongType,
    #[error("signature does not verify with the configured public key")]
    BadSignature,
    #[error("aud is missing or not \"{AUDIENCE}\"")]
    WrongAudience,
    #[error("iss is missing from a team token")]
    MissingIssuer,
    #[error("iss is not the configured issuer ID")]
    WrongIssuer,
    #[error("an individual-key token must not carry iss")]
    IssuerInIndividualToken,
    #[error("sub is missing or not \"user\" in an individual-key token")]
    WrongSubject,
    #[error("claim {0} is missing or not an integer")]
    BadTimeClaim(&'static str),
    #[error("iat is more than 60 seconds in the future")]
    IssuedInFuture,
    #[error("token has expired")]
    Expired,
    #[error("exp is not after iat")]
    NonPositiveLifetime,
    #[error("lifetime of {0} s exceeds the allowed maximum")]
    LifetimeTooLong(i64),
    #[error("scope is not an array of strings")]
    MalformedScope,
    #[error("no scope entry matches the request")]
    ScopeMismatch,
}

/// Verifies bearer tokens against one configured key.
pub(crate) struct Verifier {
    key_id: String,
    identity: Identity,
    key: DecodingKey,
    validation: Validation,
}

impl Verifier {
    /// A verifier for `key_id` whose public half is `public_key_pem` (SPKI PEM).
    pub(crate) fn new(
        key_id: String,
        identity: Identity,
        public_key_pem: &str,
    ) -> Result<Self, SandboxError> {
        let key = DecodingKey::from_ec_pem(public_key_pem.as_bytes())
            .map_err(|e| SandboxError::InvalidPublicKey(e.to_string()))?;
        let validation = validation_for(&identity);
        Ok(Verifier {
            key_id,
            identity,
            key,
            validation,
        })
    }

    /// The configured key ID.
    pub(crate) fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The configured identity.
    pub(crate) fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Checks the `Authorization` header of a request aimed at `target`, at time `now`.
    pub(crate) fn verify(
        &self,
        authorization: Option<&HeaderValue>,
        target: &RequestTarget<'_>,
        now: i64,
    ) -> Result<(), AuthFailure> {
        let token = bearer_token(authorization)?;
        self.check_header(token)?;
        let claims = self.check_signature(token)?;
        claims::check(&claims, &self.identity, target, now)
    }

    fn check_header(&self, token: &str) -> Result<(), AuthFailure> {
        let header = decode_header(token)?;
        match header.get("alg").and_then(Value::as_str) {
            Some("ES256") => {}
            Some(other) => return Err(AuthFailure::WrongAlgorithm(other.to_owned())),
            None => return Err(AuthFailure::WrongAlgorithm("missing".to_owned())),
        }
        if header.get("kid").and_then(Value::as_str) != Some(self.key_id.as_str()) {
            return Err(AuthFailure::WrongKeyId);
        }
        if header.get("typ").and_then(Value::as_str) != Some("JWT") {
            return Err(AuthFailure::WrongType);
        }
        Ok(())
    }

    fn check_signature(&self, token: &str) -> Result<Claims, AuthFailure> {
        jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| map_jwt_error(e.kind()))
    }
}

/// ES256 only, no leeway, `exp` and `aud` required, `iss` (team) or `sub` (individual) checked.
fn validation_for(identity: &Identity) -> Validation {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = 0;
    validation.validate_exp = true;
    validation.validate_nbf = false;
    validation.set_audience(&[AUDIENCE]);
    match identity {
        Identity::Team { issuer_id } => {
            validation.set_issuer(&[issuer_id]);
            validation.set_required_spec_claims(&["exp", "aud", "iss"]);
        }
        Identity::Individual => {
            // `sub` presence is checked in `claims`, after the more telling "no iss" rule.
            validation.sub = Some("user".to_owned());
            validation.set_required_spec_claims(&["exp", "aud"]);
        }
    }
    validation
}

fn map_jwt_error(kind: &ErrorKind) -> AuthFailure {
    match kind {
        ErrorKind::InvalidSignature => AuthFailure::BadSignature,
        ErrorKind::ExpiredSignature => AuthFailure::Expired,
        ErrorKind::InvalidAudience => AuthFailure::WrongAudience,
        ErrorKind::InvalidIssuer => AuthFailure::WrongIssuer,
        ErrorKind::InvalidSubject => AuthFailure::WrongSubject,
        ErrorKind::InvalidAlgorithm => AuthFailure::WrongAlgorithm("mismatched".to_owned()),
        ErrorKind::MissingRequiredClaim(claim) => match claim.as_str() {
            "iss" => AuthFailure::MissingIssuer,
            "sub" => AuthFailure::WrongSubject,
            "exp" => AuthFailure::BadTimeClaim("exp"),
            _ => AuthFailure::WrongAudience,
        },
        ErrorKind::InvalidClaimFormat(_) => AuthFailure::BadTimeClaim("exp"),
        ErrorKind::Json(_) => AuthFailure::Malformed("payload is not a JSON object"),
        ErrorKind::Base64(_) | ErrorKind::Utf8(_) => AuthFailure::Malformed("bad base64url"),
        _ => AuthFailure::BadSignature,
    }
}

/// Extracts the token from `Authorization: Bearer <token>`.
fn bearer_token(authorization: Option<&HeaderValue>) -> Result<&str, AuthFailure> {
    let value = authorization.ok_or(AuthFailure::MissingHeader)?;
    let text = value.to_str().map_err(|_| AuthFailure::NotBearer)?;
    let (scheme, token) = text.split_once(' ').ok_or(AuthFailure::NotBearer)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(AuthFailure::NotBearer);
    }
    Ok(token)
}

/// Decodes the JOSE header of a compact JWT without trusting it.
fn decode_header(token: &str) -> Result<Map<String, Value>, AuthFailure> {
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AuthFailure::Malformed("not three dot-separated parts"));
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| AuthFailure::Malformed("header is not base64url"))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(AuthFailure::Malformed("header is not a JSON object")),
    }
}

#[cfg(test)]
#[path = "auth_tests.rs"]
mod tests;
