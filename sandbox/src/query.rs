//! Query string handling shared by all endpoints: decoding, parameter families,
//! `limit[…]` bounds and sparse fieldsets.

use crate::errors::ApiError;

/// Largest value of a `limit[relationship]` parameter.
pub(crate) const MAX_RELATIONSHIP_LIMIT: usize = 50;

/// The kinds of query parameter Apple's spec defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `fields[type]`
    Fields,
    /// `include`
    Include,
    /// `filter[x]`
    Filter,
    /// `limit[relationship]`
    RelationshipLimit,
    /// `exists[x]`
    Exists,
    /// `sort`
    Sort,
    /// `limit`
    Limit,
    /// `cursor`
    Cursor,
}

/// Families a collection GET (`/v1/apps`) accepts.
pub(crate) const COLLECTION: &[Family] = &[
    Family::Fields,
    Family::Include,
    Family::Filter,
    Family::RelationshipLimit,
    Family::Exists,
    Family::Sort,
    Family::Limit,
    Family::Cursor,
];

/// Families an instance GET (`/v1/apps/{id}`) accepts (as the spec lists them).
pub(crate) const INSTANCE: &[Family] =
    &[Family::Fields, Family::Include, Family::RelationshipLimit];

/// Percent-decodes a raw query string into its pairs, in order (`+` is a space).
pub(crate) fn parse_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .filter(|(k, v)| !(k.is_empty() && v.is_empty()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    })
    .unwrap_or_default()
}

/// The family of a parameter name, if it belongs to one.
pub(crate) fn family_of(name: &str) -> Option<Family> {
    match name {
        "include" => return Some(Family::Include),
        "sort" => return Some(Family::Sort),
        "limit" => return Some(Family::Limit),
        "cursor" => return Some(Family::Cursor),
        _ => {}
    }
    let (prefix, _) = bracketed(name)?;
    match prefix {
        "fields" => Some(Family::Fields),
        "filter" => Some(Family::Filter),
        "limit" => Some(Family::RelationshipLimit),
        "exists" => Some(Family::Exists),
        _ => None,
    }
}

/// Splits `prefix[inner]` into its parts; `inner` must be non-empty.
pub(crate) fn bracketed(name: &str) -> Option<(&str, &str)> {
    let (prefix, rest) = name.split_once('[')?;
    let inner = rest.strip_suffix(']')?;
    if prefix.is_empty() || inner.is_empty() || inner.contains(['[', ']']) {
        return None;
    }
    Some((prefix, inner))
}

/// Rejects the first parameter outside `allowed` with PARAMETER_ERROR.ILLEGAL, then checks
/// every `limit[…]` value.
pub(crate) fn check_parameters(
    pairs: &[(String, String)],
    allowed: &[Family],
) -> Result<(), ApiError> {
    for (name, value) in pairs {
        match family_of(name) {
            Some(family) if allowed.contains(&family) => {
                if family == Family::RelationshipLimit {
                    parse_bounded(name, value, MAX_RELATIONSHIP_LIMIT)?;
                }
            }
            _ => return Err(ApiError::illegal_parameter(name)),
        }
    }
    Ok(())
}

/// Parses an integer in `1..=max`, else PARAMETER_ERROR.INVALID naming `name`.
pub(crate) fn parse_bounded(name: &str, value: &str, max: usize) -> Result<usize, ApiError> {
    match value.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(n) if n > max => Err(ApiError::invalid_parameter(
            name,
            &format!("The parameter '{name}' exceeds the maximum allowed value of {max}: '{n}'"),
        )),
        _ => Err(ApiError::invalid_parameter(
            name,
            &format!(
                "'{value}' is not a valid value for '{name}': expected an integer from 1 to {max}"
            ),
        )),
    }
}

/// The last value of parameter `name`, if present.
pub(crate) fn last_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Splits a comma-joined list value; an empty list or empty item is PARAMETER_ERROR.INVALID.
pub(crate) fn list_value(name: &str, value: &str) -> Result<Vec<String>, ApiError> {
    let items: Vec<String> = value.split(',').map(str::to_owned).collect();
    if items.iter().any(String::is_empty) {
        return Err(ApiError::invalid_parameter(
            name,
            &format!("The parameter '{name}' has an empty value"),
        ));
    }
    Ok(items)
}

/// `fields[resource_type]`, validated against the `known` field names.
pub(crate) fn sparse_fields(
    pairs: &[(String, String)],
    resource_type: &str,
    known: &[&str],
) -> Result<Option<Vec<String>>, ApiError> {
    let name = format!("fields[{resource_type}]");
    let Some(value) = last_value(pairs, &name) else {
        return Ok(None);
    };
    let fields = list_value(&name, value)?;
    if let Some(unknown) = fields.iter().find(|f| !known.contains(&f.as_str())) {
        return Err(ApiError::invalid_parameter(
            &name,
            &format!("'{unknown}' is not a valid field name for '{name}'"),
        ));
    }
    Ok(Some(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_in_order() {
        let pairs = parse_pairs(Some("filter%5Bname%5D=Caf%C3%A9+Finder&limit=2&&x"));
        assert_eq!(
            pairs,
            vec![
                ("filter[name]".to_owned(), "Café Finder".to_owned()),
                ("limit".to_owned(), "2".to_owned()),
                ("x".to_owned(), String::new()),
            ]
        );
        assert!(parse_pairs(None).is_empty());
    }

    #[test]
    fn families_are_recognised() {
        assert_eq!(family_of("fields[apps]"), Some(Family::Fields));
        assert_eq!(
            family_of("filter[appStoreVersions.platform]"),
            Some(Family::Filter)
        );
        assert_eq!(family_of("limit[builds]"), Some(Family::RelationshipLimit));
        assert_eq!(family_of("exists[x]"), Some(Family::Exists));
        assert_eq!(family_of("limit"), Some(Family::Limit));
        assert_eq!(family_of("filter[]"), None);
        assert_eq!(family_of("filter"), None);
        assert_eq!(family_of("foo[bar]"), None);
        assert_eq!(family_of("filter[a]x"), None);
    }

    #[test]
    fn illegal_and_out_of_range_parameters_are_rejected() {
        let p = parse_pairs(Some("limit[builds]=51"));
        let err = check_parameters(&p, COLLECTION).expect_err("too big");
        assert_eq!(err.code, "PARAMETER_ERROR.INVALID");
        let p = parse_pairs(Some("sort=name"));
        let err = check_parameters(&p, INSTANCE).expect_err("not for instances");
        assert_eq!(err.code, "PARAMETER_ERROR.ILLEGAL");
        let p = parse_pairs(Some("limit[builds]=50&fields[apps]=name"));
        assert!(check_parameters(&p, INSTANCE).is_ok());
    }

    #[test]
    fn sparse_fields_are_validated() {
        let known = ["name", "sku"];
        let p = parse_pairs(Some("fields[apps]=name,sku"));
        assert_eq!(
            sparse_fields(&p, "apps", &known).expect("ok"),
            Some(vec!["name".to_owned(), "sku".to_owned()])
        );
        let p = parse_pairs(Some("fields[apps]=nope"));
        assert!(sparse_fields(&p, "apps", &known).is_err());
        let p = parse_pairs(Some("fields[apps]="));
        assert!(sparse_fields(&p, "apps", &known).is_err());
    }
}
