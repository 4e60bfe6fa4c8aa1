//! Declared types: response structs, request enums and response enums.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::names::{Place, ident, rust_type};
use crate::ir::{EnumDef, Field, StatusVariant, TypeDef, TypeKind, TypeRef};

/// The declaration of one type with its impls.
pub fn type_def(def: &TypeDef, place: &Place<'_>) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(fields) => structure(def, fields, place),
        TypeKind::Alias(target) => alias(def, target, place),
        TypeKind::Responses(variants) => responses(def, variants, place),
        TypeKind::Enum(enumeration) if enumeration.catch_all.is_some() => {
            open_enum(def, enumeration)
        }
        TypeKind::Enum(enumeration) => closed_enum(def, enumeration),
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
        pub enum #name {
            #(#variants)*
        }
    }
}

fn structure(def: &TypeDef, fields: &[Field], place: &Place<'_>) -> TokenStream {
    let name = ident(&def.name);
    let doc = type_doc(def, "object");
    let default = fields
        .iter()
        .all(|field| !field.required)
        .then(|| quote! { Default, });
    let fields = fields.iter().map(|f| field(f, place));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default ::serde::Deserialize, ::serde::Serialize)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field(field: &Field, place: &Place<'_>) -> TokenStream {
    let name = ident(&field.rust_name);
    let doc = match &field.doc {
        Some(text) => docs::doc(text),
        None => docs::own(&format!("The `{}` value.", field.wire_name)),
    };
    let mut serde = Vec::new();
    if field.rust_name.trim_start_matches("r#") != field.wire_name && !field.flatten {
        let wire = &field.wire_name;
        serde.push(quote! { rename = #wire });
    }
    let inner = rust_type(&field.ty, place);
    let inner = if field.boxed {
        quote! { Box<#inner> }
    } else {
        inner
    };
    if field.flatten {
        serde.push(quote! { flatten });
    }
    let (ty, skip) = match (&field.ty, field.required || field.flatten) {
        (_, true) => (inner, None),
        (TypeRef::Vec(_), false) => (inner, Some("Vec::is_empty")),
        (TypeRef::Map(_), false) => (inner, Some("::std::collections::BTreeMap::is_empty")),
        (_, false) => (quote! { Option<#inner> }, Some("Option::is_none")),
    };
    if let Some(skip) = skip {
        serde.push(quote! { default, skip_serializing_if = #skip });
    }
    let serde = (!serde.is_empty()).then(|| quote! { #[serde(#(#serde),*)] });
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

/// The definition's description of a type, or a sentence naming it.
fn type_doc(def: &TypeDef, what: &str) -> TokenStream {
    match &def.doc {
        Some(text) => docs::doc(text),
        None => docs::own(&format!("The `{}` {what}.", def.name)),
    }
}

/// A `#[allow]` for clippy's `enum_variant_names` when the wire values force such names.
fn variant_names_allow(name: &str, variants: &[&str]) -> TokenStream {
    let words = |variant: &str| -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for character in variant.chars() {
            match words.last_mut() {
                Some(word) if !character.is_uppercase() => word.push(character),
                _ => words.push(character.to_string()),
            }
        }
        words
    };
    let split: Vec<Vec<String>> = variants.iter().map(|variant| words(variant)).collect();
    let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
        let first = split.first().and_then(pick);
        first.is_some() && split.iter().all(|words| pick(words) == first)
    };
    let repeats_enum_name = variants
        .iter()
        .any(|variant| variant.starts_with(name) || variant.ends_with(name));
    let shares_affix = variants.len() >= 3 && (shared(|w| w.first()) || shared(|w| w.last()));
    if repeats_enum_name || shares_affix {
        quote! { #[allow(clippy::enum_variant_names, reason = "the names follow the API's values")] }
    } else {
        quote! {}
    }
}

/// The pieces both kinds of enum are made of.
struct EnumParts {
    name: proc_macro2::Ident,
    header: TokenStream,
    variants: Vec<proc_macro2::Ident>,
    wires: Vec<String>,
    variant_docs: Vec<TokenStream>,
}

/// Name, doc and lint attributes, variants and wire values of an enum; `catch_all` is
/// counted for clippy's naming lint.
fn enum_parts(def: &TypeDef, enumeration: &EnumDef) -> EnumParts {
    let mut names: Vec<&str> = enumeration
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    names.extend(enumeration.catch_all.as_deref());
    let doc = type_doc(def, "values");
    let allow = variant_names_allow(&def.name, &names);
    let wires: Vec<String> = enumeration
        .variants
        .iter()
        .map(|v| v.wire.clone())
        .collect();
    EnumParts {
        name: ident(&def.name),
        header: quote! { #doc #allow },
        variants: enumeration
            .variants
            .iter()
            .map(|v| ident(&v.rust_name))
            .collect(),
        variant_docs: wires
            .iter()
            .map(|wire| docs::own(&format!("`{wire}`")))
            .collect(),
        wires,
    }
}

fn closed_enum(def: &TypeDef, enumeration: &EnumDef) -> TokenStream {
    let EnumParts {
        name,
        header,
        variants,
        wires,
        variant_docs,
    } = enum_parts(def, enumeration);
    quote! {
        #header
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variant_docs #variants, )*
        }

        impl #name {
            /// Every value, in the order the definition lists them.
            pub const ALL: &[Self] = &[#(Self::#variants),*];

            /// The value as it is sent.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( Self::#variants => #wires, )*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::connector_runtime::meta::UnknownValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    #( #wires => Ok(Self::#variants), )*
                    _ => Err(::connector_runtime::meta::UnknownValue {
                        value: value.to_owned(),
                        allowed: &[#(#wires),*],
                    }),
                }
            }
        }
    }
}

fn open_enum(def: &TypeDef, enumeration: &EnumDef) -> TokenStream {
    let EnumParts {
        name,
        header,
        variants,
        wires,
        variant_docs,
    } = enum_parts(def, enumeration);
    let catch_all = ident(enumeration.catch_all.as_deref().unwrap_or("Unknown"));
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this client does not know yet, kept as it was received.
            #catch_all(String),
        }

        impl #name {
            /// The value as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#catch_all(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    #( #wires => Self::#variants, )*
                    _ => Self::#catch_all(value),
                })
            }
        }
    }
}
