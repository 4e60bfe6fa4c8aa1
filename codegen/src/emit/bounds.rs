//! The definition's bounds on a parameter, as the bound list of its `parameters!` row.

use proc_macro2::Literal;

use crate::ir::{ParamLocation, Parameter, TypeRef};

/// Whether the parameter's type is a number.
fn numeric(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    )
}

/// A literal for `bound` that fits the parameter's type, or `None` when every value of the
/// type satisfies it anyway.
fn bound_literal(ty: &TypeRef, bound: &serde_json::Number) -> Option<Literal> {
    match ty {
        TypeRef::F32 | TypeRef::F64 => bound.as_f64().map(Literal::f64_unsuffixed),
        TypeRef::I32 => bound
            .as_i64()
            .filter(|value| i32::try_from(*value).is_ok())
            .map(Literal::i64_unsuffixed),
        _ => bound.as_i64().map(Literal::i64_unsuffixed),
    }
}

/// A number as one token tree: negative numbers in parentheses, and whole numbers beyond
/// `i32` suffixed `_i64` (an unsuffixed literal is an `i32` where the macro converts it).
fn number(ty: &TypeRef, value: &serde_json::Number) -> Option<String> {
    let mut text = bound_literal(ty, value)?.to_string();
    if *ty == TypeRef::I64 && value.as_i64().is_some_and(|v| i32::try_from(v).is_err()) {
        text.push_str("_i64");
    }
    Some(if text.starts_with('-') {
        format!("({text})")
    } else {
        text
    })
}

/// The bounds checked before sending, named as the runtime's checks are, with their values,
/// in a fixed order. A path segment must not be empty.
fn checked(parameter: &Parameter) -> Vec<(&'static str, String)> {
    let constraints = &parameter.constraints;
    let ty = &parameter.ty;
    let mut checked = Vec::new();
    if numeric(ty) {
        if let Some((value, exclusive)) = &constraints.minimum
            && let Some(text) = number(ty, value)
        {
            let name = if *exclusive {
                "exclusive_minimum"
            } else {
                "minimum"
            };
            checked.push((name, text));
        }
        if let Some((value, exclusive)) = &constraints.maximum
            && let Some(text) = number(ty, value)
        {
            let name = if *exclusive {
                "exclusive_maximum"
            } else {
                "maximum"
            };
            checked.push((name, text));
        }
        let allowed: Option<Vec<String>> = constraints
            .one_of
            .iter()
            .map(|value| bound_literal(ty, value).map(|literal| literal.to_string()))
            .collect();
        if let Some(allowed) = allowed.filter(|allowed| !allowed.is_empty()) {
            checked.push(("one_of", format!("[{}]", allowed.join(", "))));
        }
    }
    if *ty == TypeRef::String {
        let path_min = (parameter.location == ParamLocation::Path).then_some(1);
        let lengths = [
            ("min_length", constraints.min_length.or(path_min)),
            ("max_length", constraints.max_length),
        ];
        for (name, length) in lengths {
            if let Some(length) = length.and_then(|length| usize::try_from(length).ok()) {
                checked.push((name, length.to_string()));
            }
        }
        if let Some(pattern) = &constraints.pattern {
            checked.push(("pattern", Literal::string(pattern).to_string()));
        }
    }
    checked
}

/// ` [minimum 1, maximum 200]` after the type of a `parameters!` row, or nothing.
pub fn macro_bounds(parameter: &Parameter) -> String {
    let checked = checked(parameter);
    if checked.is_empty() {
        return String::new();
    }
    let list: Vec<String> = checked
        .iter()
        .map(|(name, value)| format!("{name} {value}"))
        .collect();
    format!(" [{}]", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Constraints;

    fn parameter(ty: TypeRef, location: ParamLocation, constraints: Constraints) -> Parameter {
        Parameter {
            wire_name: "limit".into(),
            rust_name: "limit".into(),
            location,
            required: false,
            doc: None,
            ty,
            constraints,
            double_encoded: false,
            explode: false,
            deprecated: false,
        }
    }

    #[test]
    fn rows_list_the_bounds_the_type_can_break() {
        let constraints = Constraints {
            minimum: Some((serde_json::Number::from(-5), false)),
            maximum: Some((serde_json::Number::from(200), true)),
            max_length: Some(3),
            ..Constraints::default()
        };
        let query = ParamLocation::Query;
        assert_eq!(
            macro_bounds(&parameter(TypeRef::I32, query, constraints.clone())),
            " [minimum (-5), exclusive_maximum 200]"
        );
        assert_eq!(
            macro_bounds(&parameter(TypeRef::F64, query, constraints.clone())),
            " [minimum (-5.0), exclusive_maximum 200.0]"
        );
        assert_eq!(
            macro_bounds(&parameter(TypeRef::String, query, constraints.clone())),
            " [max_length 3]"
        );
        assert_eq!(
            macro_bounds(&parameter(
                TypeRef::String,
                ParamLocation::Path,
                constraints
            )),
            " [min_length 1, max_length 3]"
        );
        let huge = Constraints {
            maximum: Some((serde_json::Number::from(u64::MAX), false)),
            ..Constraints::default()
        };
        assert_eq!(macro_bounds(&parameter(TypeRef::I32, query, huge)), "");
        let wide = Constraints {
            minimum: Some((serde_json::Number::from(-9_999_999_999_i64), false)),
            maximum: Some((serde_json::Number::from(9_999_999_999_i64), false)),
            ..Constraints::default()
        };
        assert_eq!(
            macro_bounds(&parameter(TypeRef::I64, query, wide)),
            " [minimum (-9999999999_i64), maximum 9999999999_i64]"
        );
    }
}
