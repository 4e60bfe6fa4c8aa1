//! `send`, and for listings `pages`, `items` and `collect_all`: through the runtime's
//! `send!` and `pages!`, or by hand for answers decoded by status.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::names::{Place, ident, rust_type, type_text};
use crate::emit::splice::Splices;
use crate::ir::{Decoding, Operation, StatusVariant, TypeRef};

/// The methods that send an operation's request.
pub fn sending(operation: &Operation, splices: &mut Splices) -> TokenStream {
    let body = type_text(&operation.response, &Place::Operation);
    let decoding = match &operation.decoding {
        Decoding::Json => "json",
        Decoding::Text => "text",
        Decoding::Bytes => "bytes",
        Decoding::ByStatus(variants) => return send_by_status(operation, variants),
    };
    let mut text = format!("::connector_runtime::send!(Request -> {decoding} {body});\n");
    if let Some(paging) = &operation.paging {
        let item = type_text(&paging.item, &Place::Operation);
        text.push_str(&format!(
            "\n::connector_runtime::pages!(Request -> {body}, {item});\n"
        ));
    }
    splices.add(text)
}

/// `send` for an operation whose statuses carry different bodies, and the `decode_body`
/// it decodes them with (which the operation table shares).
fn send_by_status(operation: &Operation, variants: &[StatusVariant]) -> TokenStream {
    let body = rust_type(&operation.response, &Place::Operation);
    let arms = status_arms(variants);
    quote! {
        impl Request {
            /// Checks the parameters, sends the request and decodes the answer.
            ///
            /// # Errors
            ///
            /// [`::connector_runtime::Error::InvalidRequest`] when a parameter is out of bounds
            /// (nothing is sent), and the transport, API and decoding errors of
            /// [`::connector_runtime::Client::execute`].
            pub fn send(self) -> ::connector_runtime::Sending<::connector_runtime::Response<#body>> {
                let request = self.build();
                self.client.send_with(request, decode_body)
            }
        }

        /// Decodes a successful answer by its status, as the definition lists them.
        fn decode_body(status: ::connector_runtime::StatusCode, bytes: &[u8]) -> Result<#body, String> {
            match status.as_u16() {
                #arms
            }
        }
    }
}

/// One match arm per status the definition lists, and an error for the others.
fn status_arms(variants: &[StatusVariant]) -> TokenStream {
    let arms = variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let value = match &variant.payload {
            None => quote! { Ok(Body::#name) },
            Some(TypeRef::Bytes) => quote! { Ok(Body::#name(bytes.to_vec())) },
            Some(_) => {
                quote! { ::connector_runtime::response::json(bytes).map(Body::#name) }
            }
        };
        if variant.status == 0 {
            quote! { _ => #value, }
        } else {
            let status = Literal::u16_unsuffixed(variant.status);
            quote! { #status => #value, }
        }
    });
    let fallback = variants.iter().all(|v| v.status != 0).then(|| {
        quote! { other => Err(format!("status {other} is not one the definition lists")), }
    });
    quote! { #(#arms)* #fallback }
}
