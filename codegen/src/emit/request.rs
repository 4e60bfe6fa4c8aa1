//! `Request::build`: the HTTP request an operation sends, from its path, its parameters
//! (placed by the runtime's `parameters!`), its raw bodies, the constants and policy values
//! of the connector, and the credential.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::names::ident;
use crate::emit::policy;
use crate::ir::{Operation, ParamLocation, PathPart, TypeRef};

/// `pub fn build(&self) -> Result<Request, Error>`.
pub fn build_fn(operation: &Operation) -> TokenStream {
    let method = ident(&operation.method);
    let path = path_expression(operation);
    let mut steps = Vec::new();
    if operation.sends_multipart() {
        steps.push(quote! { ::connector_runtime::requires_multipart!(); });
    }
    let has_form = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::FormData);
    if has_form && operation.multipart {
        steps.push(quote! { request.multipart(); });
    }
    steps.push(quote! { self.parameters.apply(OPERATION_ID, &mut request)?; });
    steps.extend(raw_bodies(operation));
    steps.extend(operation.constants.iter().map(|constant| {
        let (name, value) = (&constant.wire_name, &constant.value);
        match constant.location {
            ParamLocation::Header => quote! { request.header(#name, #value); },
            ParamLocation::FormData => quote! { request.form_field(#name, #value); },
            _ => quote! { request.query(#name, #value); },
        }
    }));
    steps.extend(policy::values(operation));
    steps.extend(operation.credential_headers.iter().map(|header| {
        let (name, prefix, suffix) = (&header.name, &header.prefix, &header.suffix);
        quote! { request.credential_header(#name, #prefix, #suffix); }
    }));
    steps.extend(operation.credential_queries.iter().map(|name| {
        quote! { request.credential_query(#name); }
    }));
    quote! {
        /// Checks every parameter against the definition's bounds and builds the HTTP request
        /// without sending it.
        ///
        /// # Errors
        ///
        /// [`::connector_runtime::Error::InvalidRequest`] naming the first parameter out of bounds.
        pub fn build(&self) -> Result<::connector_runtime::Request, ::connector_runtime::Error> {
            let mut request = ::connector_runtime::Request::new(
                OPERATION_ID,
                ::connector_runtime::Method::#method,
                #path,
            );
            #(#steps)*
            Ok(request)
        }
    }
}

/// Bodies sent as they are (bytes, or text when the operation consumes no JSON): the
/// request knows their media type, so it places them itself.
fn raw_bodies(operation: &Operation) -> Vec<TokenStream> {
    let media = &operation.raw_body_media;
    operation
        .params
        .iter()
        .filter(|parameter| parameter.location == ParamLocation::Body)
        .filter_map(|parameter| {
            let name = ident(&parameter.rust_name);
            let bytes = match &parameter.ty {
                TypeRef::Bytes => quote! { body.clone() },
                TypeRef::String if operation.raw_text_body => quote! { body.clone().into_bytes() },
                _ => return None,
            };
            Some(if parameter.required {
                quote! {
                    let body = &self.parameters.#name;
                    request.raw_body(#media, #bytes);
                }
            } else {
                quote! {
                    if let Some(body) = &self.parameters.#name {
                        request.raw_body(#media, #bytes);
                    }
                }
            })
        })
        .collect()
}

/// The path with each parameter percent-encoded as one segment.
fn path_expression(operation: &Operation) -> TokenStream {
    let literal: Option<String> = operation
        .path_parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if let Some(path) = literal {
        return quote! { #path };
    }
    let encode = |text: TokenStream, double: bool| {
        if double {
            quote! { &::connector_runtime::encode::path_segment_double(#text) }
        } else {
            quote! { &::connector_runtime::encode::path_segment(#text) }
        }
    };
    let pieces = operation.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote! { #text },
        PathPart::Constant {
            value,
            double_encoded,
        } => encode(quote! { #value }, *double_encoded),
        PathPart::Connection { name, default: Some(default) } => {
            encode(quote! { self.client.connection_parameter(#name).unwrap_or(#default) }, false)
        }
        PathPart::Connection { name, default: None } => encode(
            quote! {
                self.client.connection_parameter(#name).ok_or_else(|| {
                    ::connector_runtime::Error::MissingConnectionParameter { name: #name.to_owned() }
                })?
            },
            false,
        ),
        PathPart::Param(index) => {
            let parameter = &operation.params[*index];
            let name = ident(&parameter.rust_name);
            let text = match parameter.ty {
                TypeRef::String => quote! { &self.parameters.#name },
                _ => quote! { &self.parameters.#name.to_string() },
            };
            encode(text, parameter.double_encoded)
        }
    });
    quote! { [#(#pieces),*].concat() }
}
