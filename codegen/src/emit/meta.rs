//! The operation table: a static description of each operation and a way to call it with
//! text arguments, for callers that choose operations at run time (the `asc` command line).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::names::{Place, ident, rust_type};
use crate::ir::{Api, Decoding, Operation};

/// `OPERATIONS`: every operation's `INFO`, sorted by name.
pub fn table(api: &Api) -> TokenStream {
    let entries = api.operations.iter().map(|operation| {
        let module = ident(&operation.fn_name);
        quote! { &operations::#module::INFO }
    });
    quote! {
        /// Every operation of the client, sorted by name, for callers that pick operations
        /// and parameters at run time.
        pub static OPERATIONS: &[&::connector_runtime::meta::OperationInfo] = &[#(#entries),*];
    }
}

/// `INFO` inside an operation's module: the operation, its parameters (described by its
/// `parameters!`) and a way to build it from text arguments.
pub fn operation_info(operation: &Operation) -> TokenStream {
    let (name, method, path) = (&operation.fn_name, &operation.method, &operation.path);
    let summary = optional_text(operation.summary.as_deref());
    let description = optional_text(operation.description.as_deref());
    let pageable = operation.paging.is_some();
    let check_body = check_body(operation);
    quote! {
        /// This operation, described for callers that pick operations at run time.
        pub static INFO: ::connector_runtime::meta::OperationInfo = ::connector_runtime::meta::OperationInfo {
            id: OPERATION_ID,
            name: #name,
            summary: #summary,
            description: #description,
            method: #method,
            path: #path,
            parameters: Parameters::PARAMETERS,
            pageable: #pageable,
            build: |client, arguments| Request::from_arguments(client, OPERATION_ID, arguments)?.build(),
            check_body: #check_body,
        };
    }
}

/// How `INFO` judges a successful body: the runtime's check for the operation's decoding,
/// or the operation's own `decode_body` when the body depends on the status.
fn check_body(operation: &Operation) -> TokenStream {
    match &operation.decoding {
        Decoding::Json => {
            let body = rust_type(&operation.response, &Place::Operation);
            quote! { ::connector_runtime::response::check_json::<#body> }
        }
        Decoding::Text => quote! { ::connector_runtime::response::check_text },
        Decoding::Bytes => quote! { ::connector_runtime::response::check_bytes },
        Decoding::ByStatus(_) => quote! { |status, bytes| decode_body(status, bytes).map(drop) },
    }
}

fn optional_text(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}
