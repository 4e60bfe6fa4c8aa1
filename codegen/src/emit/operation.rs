//! One operation's module: its request, the parameters it takes, how it is sent and
//! described, and the types it declares.

use proc_macro2::TokenStream;
use quote::quote;

use crate::Options;
use crate::emit::docs::{self, Para};
use crate::emit::names::{Place, ident, rust_type};
use crate::emit::splice::Splices;
use crate::emit::{compact, meta, paging, request, sending, types};
use crate::ir::{Operation, Parameter, TypeRef};

/// The `pub mod <fn_name> { … }` of an operation.
pub fn module(operation: &Operation, options: &Options, splices: &mut Splices) -> TokenStream {
    let module = ident(&operation.fn_name);
    let doc = operation_doc(operation);
    let id = &operation.id;
    let reexports = operation.reexports.iter().map(|(local, shared)| {
        let (local_ident, shared_ident) = (ident(local), ident(shared));
        if local == shared {
            quote! { pub use super::super::parameters::#shared_ident; }
        } else {
            quote! { pub use super::super::parameters::#shared_ident as #local_ident; }
        }
    });
    let request = request_struct(operation);
    let parameters = splices.add(compact::parameters(
        operation,
        options.operation_table,
        &Place::Operation,
    ));
    let build = request::build_fn(operation);
    let sending = sending::sending(operation, splices);
    let info = options
        .operation_table
        .then(|| meta::operation_info(operation));
    let types: Vec<TokenStream> = operation
        .types
        .iter()
        .map(|def| types::type_def(def, &Place::Operation, splices))
        .collect();
    let page = paging::page_impl(operation);
    quote! {
        #doc
        pub mod #module {
            #(#reexports)*

            /// The operation's `operationId` in the definition.
            pub const OPERATION_ID: &str = #id;

            #request
            #parameters

            impl Request {
                #build
            }

            #sending
            #info
            #(#types)*
            #page
        }
    }
}

/// Summary, description and `METHOD /path` as doc attributes.
pub fn operation_doc(operation: &Operation) -> TokenStream {
    let signature = format!("`{} {}`", operation.method, operation.path);
    let summary = operation.summary.as_deref();
    let description = operation
        .description
        .as_deref()
        .filter(|d| Some(*d) != summary);
    let deprecated = operation
        .deprecated
        .then_some(Para::Own("Deprecated by the API."));
    docs::paragraphs(
        [
            summary.map(Para::Spec),
            description.map(Para::Spec),
            deprecated,
            Some(Para::Own(&signature)),
        ]
        .into_iter()
        .flatten(),
    )
}

/// The argument type of a setter or client method, and how the argument `value` becomes
/// the field value.
pub fn argument(
    parameter: &Parameter,
    value: &TokenStream,
    place: &Place<'_>,
) -> (TokenStream, TokenStream) {
    match &parameter.ty {
        TypeRef::String => (quote! { impl Into<String> }, quote! { #value.into() }),
        TypeRef::Bytes => (quote! { impl Into<Vec<u8>> }, quote! { #value.into() }),
        TypeRef::Vec(item) => {
            let item = rust_type(item, place);
            (
                quote! { impl IntoIterator<Item = #item> },
                quote! { #value.into_iter().collect() },
            )
        }
        other => (rust_type(other, place), quote! { #value }),
    }
}

/// The request struct: the client and the parameters.
fn request_struct(operation: &Operation) -> TokenStream {
    let optional = if operation.params.iter().any(|p| !p.required) {
        "Set optional parameters with the methods of the same name, then call [`Request::send`]."
    } else {
        "Send it with [`Request::send`]."
    };
    let signature = docs::own(&format!(
        "A `{} {}` request.\n{optional}",
        operation.method, operation.path
    ));
    quote! {
        #signature
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct Request {
            client: ::connector_runtime::Client,
            parameters: Parameters,
        }
    }
}
