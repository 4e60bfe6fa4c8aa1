//! Declared types: structs, string enums and unions through the runtime's declaration
//! macros, type aliases and the answers of an operation by status.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::names::{Place, ident, rust_type};
use crate::emit::splice::Splices;
use crate::emit::{compact, docs};
use crate::ir::{StatusVariant, TypeDef, TypeKind, TypeRef};

/// The declaration of one type with its impls; macro invocations go through `splices`.
pub fn type_def(def: &TypeDef, place: &Place<'_>, splices: &mut Splices) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(fields) => splices.add(compact::model(def, fields, place)),
        TypeKind::Enum(enumeration) => splices.add(compact::string_enum(def, enumeration)),
        TypeKind::Union(union) => splices.add(compact::one_of(def, union, place)),
        TypeKind::Alias(target) => alias(def, target, place),
        TypeKind::Responses(variants) => responses(def, variants, place),
    }
}

fn alias(def: &TypeDef, target: &TypeRef, place: &Place<'_>) -> TokenStream {
    let name = ident(&def.name);
    let doc = type_doc(def, "value");
    let target = rust_type(target, place);
    quote! {
        #doc
        pub type #name = #target;
    }
}

/// The answers of an operation whose statuses carry different bodies.
fn responses(def: &TypeDef, variants: &[StatusVariant], place: &Place<'_>) -> TokenStream {
    let name = ident(&def.name);
    let doc = type_doc(def, "answer");
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let status = if variant.status == 0 {
            "Any other success status (`default`).".to_owned()
        } else {
            format!("Status {}.", variant.status)
        };
        let status = docs::own(&status);
        match &variant.payload {
            Some(payload) => {
                let payload = rust_type(payload, place);
                quote! { #status #variant_name(#payload), }
            }
            None => quote! { #status #variant_name, },
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The definition's description of a type, or a sentence naming it.
fn type_doc(def: &TypeDef, what: &str) -> TokenStream {
    match &def.doc {
        Some(text) => docs::doc(text),
        None => docs::own(&format!("The `{}` {what}.", def.name)),
    }
}
