//! The definition's bounds on a parameter, as the words of its documentation, the bound list
//! of an `options!` row and the `Bound`s of its description.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Constraints, Parameter, TypeRef};

/// Whether the parameter's type is a number.
fn numeric(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    )
}

/// A literal for `bound` that fits the parameter's type, or `None` when every value of the
/// type satisfies it anyway.
pub fn bound_literal(ty: &TypeRef, bound: &serde_json::Number) -> Option<Literal> {
    match ty {
        TypeRef::F32 | TypeRef::F64 => bound.as_f64().map(Literal::f64_unsuffixed),
        TypeRef::I32 => bound
            .as_i64()
            .filter(|value| i32::try_from(*value).is_ok())
            .map(Literal::i64_unsuffixed),
        _ => bound.as_i64().map(Literal::i64_unsuffixed),
    }
}

/// One bound, named as the runtime's checks are, with its value.
struct Checked {
    name: &'static str,
    value: String,
    bound: TokenStream,
}

/// The bounds that are checked before sending, in a fixed order.
fn checked(parameter: &Parameter) -> Vec<Checked> {
    let constraints = &parameter.constraints;
    let ty = &parameter.ty;
    let mut checked = Vec::new();
    let number = |value: &serde_json::Number| {
        let literal = bound_literal(ty, value)?;
        let text = literal.to_string();
        let text = if text.starts_with('-') {
            format!("({text})")
        } else {
            text
        };
        let as_f64 = value.as_f64()?;
        Some((text, as_f64))
    };
    if numeric(ty) {
        for (bound, inclusive, exclusive, variant, exclusive_variant) in [
            (
                &constraints.minimum,
                "minimum",
                "exclusive_minimum",
                quote! { Minimum },
                quote! { ExclusiveMinimum },
            ),
            (
                &constraints.maximum,
                "maximum",
                "exclusive_maximum",
                quote! { Maximum },
                quote! { ExclusiveMaximum },
            ),
        ] {
            if let Some((value, is_exclusive)) = bound
                && let Some((text, as_f64)) = number(value)
            {
                let (name, variant) = if *is_exclusive {
                    (exclusive, exclusive_variant)
                } else {
                    (inclusive, variant)
                };
                let as_f64 = Literal::f64_unsuffixed(as_f64);
                checked.push(Checked {
                    name,
                    value: text,
                    bound: quote! { ::connector_runtime::meta::Bound::#variant(#as_f64) },
                });
            }
        }
        let allowed: Option<Vec<String>> = constraints
            .one_of
            .iter()
            .map(|value| bound_literal(ty, value).map(|literal| literal.to_string()))
            .collect();
        if let Some(allowed) = allowed.filter(|allowed| !allowed.is_empty()) {
            let list = format!("[{}]", allowed.join(", "));
            checked.push(Checked {
                name: "one_of",
                bound: quote! { ::connector_runtime::meta::Bound::OneOf(#list) },
                value: list,
            });
        }
    }
    if *ty == TypeRef::String {
        for (length, name, variant) in [
            (constraints.min_length, "min_length", quote! { MinLength }),
            (constraints.max_length, "max_length", quote! { MaxLength }),
        ] {
            if let Some(length) = length.and_then(|length| usize::try_from(length).ok()) {
                let literal = Literal::usize_unsuffixed(length);
                checked.push(Checked {
                    name,
                    value: literal.to_string(),
                    bound: quote! { ::connector_runtime::meta::Bound::#variant(#literal) },
                });
            }
        }
        if let Some(pattern) = &constraints.pattern {
            checked.push(Checked {
                name: "pattern",
                value: Literal::string(pattern).to_string(),
                bound: quote! { ::connector_runtime::meta::Bound::Pattern(#pattern) },
            });
        }
    }
    checked
}

/// ` [minimum 1, maximum 200]` after the type of an `options!` row, or nothing.
pub fn macro_bounds(parameter: &Parameter) -> String {
    let checked = checked(parameter);
    if checked.is_empty() {
        return String::new();
    }
    let list: Vec<String> = checked
        .iter()
        .map(|check| format!("{} {}", check.name, check.value))
        .collect();
    format!(" [{}]", list.join(", "))
}

/// The `&[Bound::…]` of a parameter's description.
pub fn info_bounds(parameter: &Parameter) -> TokenStream {
    let bounds = checked(parameter).into_iter().map(|check| check.bound);
    quote! { &[#(#bounds),*] }
}

/// The bounds in words for a parameter's documentation, such as
/// "Must be at most 50; checked before sending."
pub fn bounds_text(constraints: &Constraints) -> Option<String> {
    let mut bounds = Vec::new();
    if let Some((min, exclusive)) = &constraints.minimum {
        let word = if *exclusive {
            "greater than"
        } else {
            "at least"
        };
        bounds.push(format!("{word} {min}"));
    }
    if let Some((max, exclusive)) = &constraints.maximum {
        let word = if *exclusive { "less than" } else { "at most" };
        bounds.push(format!("{word} {max}"));
    }
    if let Some(min) = constraints.min_length {
        bounds.push(format!("at least {min} characters"));
    }
    if let Some(max) = constraints.max_length {
        bounds.push(format!("at most {max} characters"));
    }
    if !constraints.one_of.is_empty() {
        let values: Vec<String> = constraints.one_of.iter().map(ToString::to_string).collect();
        bounds.push(format!("one of {}", values.join(", ")));
    }
    if let Some(pattern) = &constraints.pattern {
        bounds.push(format!("matching the pattern `{pattern}`"));
    }
    (!bounds.is_empty()).then(|| format!("Must be {}; checked before sending.", bounds.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamLocation;

    fn parameter(ty: TypeRef, constraints: Constraints) -> Parameter {
        Parameter {
            wire_name: "limit".into(),
            rust_name: "limit".into(),
            location: ParamLocation::Query,
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
        assert_eq!(
            macro_bounds(&parameter(TypeRef::I32, constraints.clone())),
            " [minimum (-5), exclusive_maximum 200]"
        );
        assert_eq!(
            macro_bounds(&parameter(TypeRef::F64, constraints.clone())),
            " [minimum (-5.0), exclusive_maximum 200.0]"
        );
        assert_eq!(
            macro_bounds(&parameter(TypeRef::String, constraints)),
            " [max_length 3]"
        );
        let huge = Constraints {
            maximum: Some((serde_json::Number::from(u64::MAX), false)),
            ..Constraints::default()
        };
        assert_eq!(macro_bounds(&parameter(TypeRef::I32, huge)), "");
    }
}
