//! Listings that link to their next page: a `Page` impl for the body and streams of pages
//! and items on the request builder.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::names::{Place, ident, rust_type};
use std::collections::BTreeSet;

use crate::ir::{Api, Operation, Paging, TypeRef};

/// `impl Page for Body` in the module of a pageable operation whose body is its own type.
pub fn page_impl(operation: &Operation) -> TokenStream {
    match (&operation.paging, &operation.response) {
        (Some(paging), body @ TypeRef::Named(_)) => page(body, paging, &Place::Operation),
        _ => quote! {},
    }
}

/// `impl Page` for every model that a pageable operation answers with, once each, in the
/// `models` module.
pub fn model_page_impls(api: &Api) -> Vec<TokenStream> {
    let mut done = BTreeSet::new();
    api.operations
        .iter()
        .filter_map(|operation| match (&operation.paging, &operation.response) {
            (Some(paging), body @ TypeRef::Model(name)) if done.insert(name.clone()) => {
                Some(page(body, paging, &Place::Models))
            }
            _ => None,
        })
        .collect()
}

/// `impl Page for <body>` as written at `place`.
fn page(body: &TypeRef, paging: &Paging, place: &Place<'_>) -> TokenStream {
    let body = rust_type(body, place);
    let item = rust_type(&paging.item, place);
    let next = next_link(paging);
    let items = ident(&paging.items_field);
    quote! {
        impl ::connector_runtime::Page for #body {
            type Item = #item;

            fn next_link(&self) -> Option<&str> {
                #next
            }

            fn into_items(self) -> Vec<#item> {
                self.#items
            }
        }
    }
}

/// `self.links.as_ref()?.next.as_deref()` and the like: each optional step is `?`-ed.
fn next_link(paging: &Paging) -> TokenStream {
    let mut expression = quote! { self };
    let last = paging.next.len().saturating_sub(1);
    for (index, (field, required)) in paging.next.iter().enumerate() {
        let field = ident(field);
        expression = match (index == last, required) {
            (false, true) => quote! { #expression.#field },
            (false, false) => quote! { #expression.#field.as_ref()? },
            (true, true) => quote! { Some(#expression.#field.as_str()) },
            (true, false) => quote! { #expression.#field.as_deref() },
        };
    }
    expression
}
