//! Identifiers and Rust types as tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// The identifier for a name produced by [`crate::naming`] (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Where generated code refers to a type from, which decides the path it takes.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// The crate root (the `Client` impl); operation types live in this operation's module.
    Root {
        /// The module of the operation whose types are meant.
        module: &'a str,
    },
    /// Inside an operation's module.
    Operation,
    /// Inside the `models` module.
    Models,
}

/// The Rust type for a [`TypeRef`] as written at `place`.
pub fn rust_type(ty: &TypeRef, place: &Place<'_>) -> TokenStream {
    match ty {
        TypeRef::String => quote! { String },
        TypeRef::Boolean => quote! { bool },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F32 => quote! { f32 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Unit => quote! { () },
        TypeRef::Bytes => quote! { Vec<u8> },
        TypeRef::Named(name) => {
            let name = ident(name);
            match place {
                Place::Root { module } => {
                    let module = ident(module);
                    quote! { operations::#module::#name }
                }
                Place::Operation | Place::Models => quote! { #name },
            }
        }
        TypeRef::Model(name) => {
            let name = ident(name);
            match place {
                Place::Root { .. } => quote! { models::#name },
                Place::Operation => quote! { super::super::models::#name },
                Place::Models => quote! { #name },
            }
        }
        TypeRef::Vec(item) => {
            let item = rust_type(item, place);
            quote! { Vec<#item> }
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, place);
            quote! { ::std::collections::BTreeMap<String, #value> }
        }
        TypeRef::Deferred(inner) => {
            let inner = rust_type(inner, place);
            quote! { ::connector_runtime::Deferred<#inner> }
        }
    }
}

/// The Rust type for a [`TypeRef`] as written at `place`, as text (for macro bodies, which
/// are written out rather than formatted).
pub fn type_text(ty: &TypeRef, place: &Place<'_>) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Boolean => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Json => "::serde_json::Value".to_owned(),
        TypeRef::Unit => "()".to_owned(),
        TypeRef::Bytes => "Vec<u8>".to_owned(),
        TypeRef::Named(name) => match place {
            Place::Root { module } => format!("operations::{module}::{name}"),
            Place::Operation | Place::Models => name.clone(),
        },
        TypeRef::Model(name) => match place {
            Place::Root { .. } => format!("models::{name}"),
            Place::Operation => format!("super::super::models::{name}"),
            Place::Models => name.clone(),
        },
        TypeRef::Vec(item) => format!("Vec<{}>", type_text(item, place)),
        TypeRef::Map(value) => format!(
            "::std::collections::BTreeMap<String, {}>",
            type_text(value, place)
        ),
        TypeRef::Deferred(inner) => {
            format!("::connector_runtime::Deferred<{}>", type_text(inner, place))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_text_matches_the_tokens() {
        let types = [
            TypeRef::Vec(Box::new(TypeRef::Model("App".into()))),
            TypeRef::Map(Box::new(TypeRef::Named("Value2".into()))),
            TypeRef::Deferred(Box::new(TypeRef::Named("Links".into()))),
            TypeRef::Json,
            TypeRef::Bytes,
        ];
        for place in [
            Place::Root { module: "op" },
            Place::Operation,
            Place::Models,
        ] {
            for ty in &types {
                let text: syn::Type = syn::parse_str(&type_text(ty, &place)).unwrap();
                assert_eq!(
                    rust_type(ty, &place).to_string(),
                    quote! { #text }.to_string()
                );
            }
        }
    }
}
