//! Payload rules `jsonwebtoken` does not enforce: identity shape, `iat`, lifetime, scope.

use serde_json::{Map, Value};

use crate::auth::{AUDIENCE, AuthFailure, Identity};
use crate::scope::{self, RequestTarget};

/// A decoded (signature-verified) token payload.
pub(crate) type Claims = Map<String, Value>;

/// How far in the future `iat` may be, in seconds.
pub(crate) const MAX_CLOCK_SKEW: i64 = 60;
/// Longest lifetime of an ordinary token: 20 minutes.
pub(crate) const MAX_LIFETIME: i64 = 20 * 60;
/// Longest lifetime of a GET-only scoped token: 180 days.
pub(crate) const MAX_SCOPED_LIFETIME: i64 = 180 * 24 * 60 * 60;

/// Applies every payload rule in order; the first broken rule is returned.
pub(crate) fn check(
    claims: &Claims,
    identity: &Identity,
    target: &RequestTarget<'_>,
    now: i64,
) -> Result<(), AuthFailure> {
    check_audience(claims)?;
    check_identity(claims, identity)?;
    let lifetime = check_times(claims, now)?;
    let scope = scope::read(claims)?;
    check_lifetime(lifetime, scope.as_deref())?;
    match scope {
        Some(entries) if !scope::matches_any(&entries, target) => Err(AuthFailure::ScopeMismatch),
        _ => Ok(()),
    }
}

/// `aud` must be exactly the string `appstoreconnect-v1` (not an array).
fn check_audience(claims: &Claims) -> Result<(), AuthFailure> {
    match claims.get("aud").and_then(Value::as_str) {
        Some(AUDIENCE) => Ok(()),
        _ => Err(AuthFailure::WrongAudience),
    }
}

/// Team tokens carry the configured `iss`; individual tokens carry `sub: "user"` and no `iss`.
fn check_identity(claims: &Claims, identity: &Identity) -> Result<(), AuthFailure> {
    let iss = claims.get("iss");
    match identity {
        Identity::Team { issuer_id } => match iss {
            None => Err(AuthFailure::MissingIssuer),
            Some(Value::String(found)) if found == issuer_id => Ok(()),
            Some(_) => Err(AuthFailure::WrongIssuer),
        },
        Identity::Individual => {
            if iss.is_some() {
                return Err(AuthFailure::IssuerInIndividualToken);
            }
            match claims.get("sub").and_then(Value::as_str) {
                Some("user") => Ok(()),
                _ => Err(AuthFailure::WrongSubject),
            }
        }
    }
}

/// Checks `iat`/`exp` against `now` and returns the lifetime `exp - iat`.
fn check_times(claims: &Claims, now: i64) -> Result<i64, AuthFailure> {
    let iat = integer_claim(claims, "iat")?;
    let exp = integer_claim(claims, "exp")?;
    if iat > now.saturating_add(MAX_CLOCK_SKEW) {
        return Err(AuthFailure::IssuedInFuture);
    }
    if exp <= now {
        return Err(AuthFailure::Expired);
    }
    if exp <= iat {
        return Err(AuthFailure::NonPositiveLifetime);
    }
    Ok(exp - iat)
}

/// Ordinary tokens live at most 20 minutes; tokens scoped to GETs only, 180 days.
fn check_lifetime(lifetime: i64, scope: Option<&[String]>) -> Result<(), AuthFailure> {
    let limit = match scope {
        Some(entries) if scope::is_get_only(entries) => MAX_SCOPED_LIFETIME,
        _ => MAX_LIFETIME,
    };
    if lifetime > limit {
        return Err(AuthFailure::LifetimeTooLong(lifetime));
    }
    Ok(())
}

/// A claim that must be present and a JSON integer (not a float or a string).
fn integer_claim(claims: &Claims, name: &'static str) -> Result<i64, AuthFailure> {
    claims
        .get(name)
        .and_then(Value::as_i64)
        .ok_or(AuthFailure::BadTimeClaim(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    fn claims(value: Value) -> Claims {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn team() -> Identity {
        Identity::Team {
            issuer_id: "issuer".into(),
        }
    }

    fn target() -> RequestTarget<'static> {
        RequestTarget {
            method: "GET",
            path: "/v1/apps",
            query: &[],
        }
    }

    #[test]
    fn accepts_a_plain_team_token() {
        let c = claims(json!({"iss":"issuer","aud":AUDIENCE,"iat":NOW,"exp":NOW + 1200}));
        assert_eq!(check(&c, &team(), &target(), NOW), Ok(()));
    }

    #[test]
    fn time_claims_must_be_integers() {
        let c = claims(json!({"iss":"issuer","aud":AUDIENCE,"iat":"now","exp":NOW + 60}));
        assert_eq!(
            check(&c, &team(), &target(), NOW),
            Err(AuthFailure::BadTimeClaim("iat"))
        );
        let c = claims(json!({"iss":"issuer","aud":AUDIENCE,"iat":NOW,"exp":1.9e9}));
        assert_eq!(
            check(&c, &team(), &target(), NOW),
            Err(AuthFailure::BadTimeClaim("exp"))
        );
    }

    #[test]
    fn lifetime_limits_depend_on_scope() {
        let long = NOW + 21 * 60;
        let c = claims(json!({"iss":"issuer","aud":AUDIENCE,"iat":NOW,"exp":long}));
        assert_eq!(
            check(&c, &team(), &target(), NOW),
            Err(AuthFailure::LifetimeTooLong(21 * 60))
        );
        let c = claims(
            json!({"iss":"issuer","aud":AUDIENCE,"iat":NOW,"exp":long,"scope":["GET /v1/apps"]}),
        );
        assert_eq!(check(&c, &team(), &target(), NOW), Ok(()));
        let c = claims(
            json!({"iss":"issuer","aud":AUDIENCE,"iat":NOW,"exp":long,"scope":["GET /v1/apps","POST /v1/apps"]}),
        );
        assert_eq!(
            check(&c, &team(), &target(), NOW),
            Err(AuthFailure::LifetimeTooLong(21 * 60))
        );
    }

    #[test]
    fn individual_tokens_must_not_carry_iss() {
        let c = claims(json!({"sub":"user","iss":"x","aud":AUDIENCE,"iat":NOW,"exp":NOW + 60}));
        assert_eq!(
            check(&c, &Identity::Individual, &target(), NOW),
            Err(AuthFailure::IssuerInIndividualToken)
        );
        let c = claims(json!({"sub":"user","aud":AUDIENCE,"iat":NOW,"exp":NOW + 60}));
        assert_eq!(check(&c, &Identity::Individual, &target(), NOW), Ok(()));
    }

    #[test]
    fn audience_must_be_the_plain_string() {
        let c = claims(json!({"iss":"issuer","aud":[AUDIENCE],"iat":NOW,"exp":NOW + 60}));
        assert_eq!(
            check(&c, &team(), &target(), NOW),
            Err(AuthFailure::WrongAudience)
        );
    }
}
