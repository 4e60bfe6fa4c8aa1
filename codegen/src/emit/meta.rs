//! The operation table: a static description of each operation and a way to call it with
//! text arguments, for callers that choose operations at run time (the `asc` command line).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::bounds::info_bounds;
use crate::emit::names::{Place, ident, rust_type};
use crate::emit::operation::{explicit_parameters, option_parameters};
use crate::ir::{Api, Operation, ParamLocation, Parameter, TypeRef};

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

/// `INFO` and `from_arguments` inside an operation's module.
pub fn operation_info(operation: &Operation) -> TokenStream {
    let (id, name, method, path) = (
        &operation.id,
        &operation.fn_name,
        &operation.method,
        &operation.path,
    );
    let summary = optional_text(operation.summary.as_deref());
    let description = optional_text(operation.description.as_deref());
    let parameters = explicit_parameters(operation).map(parameter_info);
    let options = if option_parameters(operation).is_empty() {
        quote! { &[] }
    } else {
        quote! { Options::PARAMETERS }
    };
    let pageable = operation.paging.is_some();
    let from_arguments = from_arguments(operation);
    quote! {
        /// This operation, described for callers that pick operations at run time.
        pub static INFO: ::connector_runtime::meta::OperationInfo = ::connector_runtime::meta::OperationInfo {
            id: #id,
            name: #name,
            summary: #summary,
            description: #description,
            method: #method,
            path: #path,
            parameters: &[#(#parameters),*],
            options: #options,
            pageable: #pageable,
            build: from_arguments,
        };

        #from_arguments
    }
}

fn optional_text(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

fn parameter_info(parameter: &Parameter) -> TokenStream {
    let wire = &parameter.wire_name;
    let rust_name = parameter.rust_name.trim_start_matches("r#");
    let location = match parameter.location {
        ParamLocation::Path => quote! { Path },
        ParamLocation::Query => quote! { Query },
        ParamLocation::Header => quote! { Header },
        ParamLocation::Body => quote! { Body },
        ParamLocation::FormData => quote! { FormData },
    };
    let required = parameter.required;
    let description = optional_text(parameter.doc.as_deref());
    let kind = if parameter.location == ParamLocation::Body {
        quote! { ::connector_runtime::meta::ValueKind::String }
    } else {
        value_kind(&parameter.ty)
    };
    let bounds = info_bounds(parameter);
    quote! {
        ::connector_runtime::meta::ParameterInfo {
            wire_name: #wire,
            rust_name: #rust_name,
            location: ::connector_runtime::meta::Location::#location,
            required: #required,
            description: #description,
            kind: #kind,
            bounds: #bounds,
        }
    }
}

/// The kind of value a parameter takes; enums say it through the runtime's `Value` trait.
fn value_kind(ty: &TypeRef) -> TokenStream {
    let kind = |name: TokenStream| quote! { ::connector_runtime::meta::ValueKind::#name };
    match ty {
        TypeRef::I32 | TypeRef::I64 => kind(quote! { Integer }),
        TypeRef::F32 | TypeRef::F64 => kind(quote! { Number }),
        TypeRef::Boolean => kind(quote! { Boolean }),
        TypeRef::Bytes => kind(quote! { File }),
        TypeRef::Vec(item) => {
            let item = value_kind(item);
            kind(quote! { List(&#item) })
        }
        TypeRef::Named(_) => {
            let ty = rust_type(ty, &Place::Operation);
            quote! { <#ty as ::connector_runtime::parameter::Value>::KIND }
        }
        TypeRef::String | TypeRef::Json | TypeRef::Unit | TypeRef::Map(_) | TypeRef::Model(_) => {
            kind(quote! { String })
        }
    }
}

/// Parses text arguments through the typed builder, so validation is the library's.
fn from_arguments(operation: &Operation) -> TokenStream {
    let required = operation.params.iter().filter(|p| p.required).map(parse);
    let optional = explicit_parameters(operation)
        .filter(|p| !p.required)
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let parsed = parse(parameter);
            quote! {
                if let Some(value) = #parsed {
                    request = request.#name(value);
                }
            }
        });
    let options = (!option_parameters(operation).is_empty())
        .then(|| quote! { request.options.parse(OPERATION_ID, arguments)?; });
    let mutability = operation
        .params
        .iter()
        .any(|p| !p.required)
        .then(|| quote! { mut });
    let arguments = if operation.params.is_empty() {
        quote! { _arguments }
    } else {
        quote! { arguments }
    };
    quote! {
        /// Parses text arguments, keyed by wire name, into a [`Request`] and builds it.
        fn from_arguments(
            client: &::connector_runtime::Client,
            #arguments: &::connector_runtime::meta::Arguments,
        ) -> Result<::connector_runtime::Request, ::connector_runtime::Error> {
            let #mutability request = Request::new(client.clone(), #(#required),*);
            #(#optional)*
            #options
            request.build()
        }
    }
}

/// The expression that parses one argument: the value for a required parameter, an
/// `Option` of it for an optional one. Lists are parsed item by item.
fn parse(parameter: &Parameter) -> TokenStream {
    let wire = &parameter.wire_name;
    if parameter.location == ParamLocation::Body {
        let ty = rust_type(&parameter.ty, &Place::Operation);
        return if parameter.required {
            quote! { arguments.required_json::<#ty>(OPERATION_ID, #wire)? }
        } else {
            quote! { arguments.json::<#ty>(OPERATION_ID, #wire)? }
        };
    }
    match (&parameter.ty, parameter.required) {
        (TypeRef::Bytes, true) => quote! { arguments.required_file(OPERATION_ID, #wire)? },
        (TypeRef::Bytes, false) => quote! { arguments.file(OPERATION_ID, #wire)? },
        (TypeRef::Vec(item), true) => {
            let item = rust_type(item, &Place::Operation);
            quote! { arguments.required_list::<#item>(OPERATION_ID, #wire)? }
        }
        (TypeRef::Vec(item), false) => {
            let item = rust_type(item, &Place::Operation);
            quote! { arguments.list::<#item>(OPERATION_ID, #wire)? }
        }
        (other, true) => {
            let ty = rust_type(other, &Place::Operation);
            quote! { arguments.required::<#ty>(OPERATION_ID, #wire)? }
        }
        (other, false) => {
            let ty = rust_type(other, &Place::Operation);
            quote! { arguments.parse::<#ty>(OPERATION_ID, #wire)? }
        }
    }
}
