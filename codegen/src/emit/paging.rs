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

/// `pages`, `items` and `collect_all` on the request builder of a pageable operation.
pub fn request_methods(operation: &Operation) -> TokenStream {
    let Some(paging) = &operation.paging else {
        return quote! {};
    };
    let body = rust_type(&operation.response, &Place::Operation);
    let item = rust_type(&paging.item, &Place::Operation);
    quote! {
        /// Sends the request, then follows `links.next` page after page until the last one.
        ///
        /// Nothing is sent before the stream is polled. A next link that leaves the client's
        /// base URL (scheme, host and port) ends the stream with
        /// [`::connector_runtime::Error::ForeignNextLink`]: the token is never sent elsewhere.
        pub fn pages(self) -> impl ::connector_runtime::Stream<Item = Result<::connector_runtime::Response<#body>, ::connector_runtime::Error>> + Send + 'static {
            let first = self.build();
            self.client.pages::<#body>(first)
        }

        /// The items of every page, in order; see [`Request::pages`].
        pub fn items(self) -> impl ::connector_runtime::Stream<Item = Result<#item, ::connector_runtime::Error>> + Send + 'static {
            let first = self.build();
            self.client.items::<#body>(first)
        }

        /// The items of at most `max_pages` pages (0 means no cap); see [`Request::pages`].
        ///
        /// # Errors
        ///
        /// The first error of any page.
        pub async fn collect_all(self, max_pages: usize) -> Result<Vec<#item>, ::connector_runtime::Error> {
            let first = self.build();
            self.client.collect_all::<#body>(first, max_pages).await
        }
    }
}
