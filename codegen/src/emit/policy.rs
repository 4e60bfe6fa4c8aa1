//! Headers and query parameters built by policies from parameters and connection settings,
//! and the `Connection` struct that holds those settings.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs;
use crate::emit::names::ident;
use crate::ir::{Api, Operation, ParamLocation, PolicyValue, ValuePart};
use crate::naming::{self, Scope};

/// The statements that add an operation's policy values to `request`.
pub fn values(operation: &Operation) -> Vec<TokenStream> {
    operation
        .policy_values
        .iter()
        .map(|value| one(operation, value))
        .collect()
}

/// One value: the concatenation of its parts, left out when an optional part is missing.
fn one(operation: &Operation, value: &PolicyValue) -> TokenStream {
    let mut optional = Vec::new();
    let pieces: Vec<TokenStream> = value
        .parts
        .iter()
        .map(|part| match part {
            ValuePart::Text(text) => quote! { #text },
            ValuePart::Connection {
                name,
                default: Some(default),
            } => {
                quote! { self.client.connection_parameter(#name).unwrap_or(#default) }
            }
            ValuePart::Connection {
                name,
                default: None,
            } => bind(
                &mut optional,
                quote! { self.client.connection_parameter(#name) },
            ),
            ValuePart::Param(index) => {
                let parameter = &operation.params[*index];
                let field = ident(&parameter.rust_name);
                if parameter.required {
                    quote! { self.parameters.#field.as_str() }
                } else {
                    bind(&mut optional, quote! { self.parameters.#field.as_deref() })
                }
            }
        })
        .collect();
    let name = &value.name;
    let text = match pieces.as_slice() {
        [one] => one.clone(),
        many => quote! { [#(#many),*].concat() },
    };
    let place = match value.location {
        ParamLocation::Query => quote! { request.query(#name, #text); },
        _ => quote! { request.header(#name, #text); },
    };
    match optional.as_slice() {
        [] => place,
        [(name, source)] => quote! {
            if let Some(#name) = #source {
                #place
            }
        },
        many => {
            let (names, sources): (Vec<_>, Vec<_>) = many.iter().cloned().unzip();
            quote! {
                if let (#(Some(#names)),*) = (#(#sources),*) {
                    #place
                }
            }
        }
    }
}

/// Binds an optional piece to a fresh name and returns that name.
fn bind(optional: &mut Vec<(proc_macro2::Ident, TokenStream)>, source: TokenStream) -> TokenStream {
    let name = format_ident!("part_{}", optional.len());
    optional.push((name.clone(), source));
    quote! { #name }
}

/// `Connection`, a typed holder of the connection settings, when the definition has any.
pub fn connection(api: &Api) -> TokenStream {
    if api.connection_parameters.is_empty() {
        return quote! {};
    }
    let mut names = Scope::default();
    let fields: Vec<_> = api
        .connection_parameters
        .iter()
        .map(|parameter| {
            (
                parameter,
                ident(&names.claim(naming::snake(&parameter.name))),
            )
        })
        .collect();
    let declarations = fields.iter().map(|(parameter, field)| {
        let doc = match &parameter.doc {
            Some(text) => docs::paragraphs([
                docs::Para::Spec(text),
                docs::Para::Own(&format!(
                    "Sent as the connection parameter `{}`.",
                    parameter.name
                )),
            ]),
            None => docs::own(&format!("The connection parameter `{}`.", parameter.name)),
        };
        quote! { #doc pub #field: Option<String>, }
    });
    let debug_fields = fields.iter().map(|(parameter, field)| {
        let label = field.to_string();
        if parameter.secret {
            quote! { .field(#label, &self.#field.as_ref().map(|_| "<redacted>")) }
        } else {
            quote! { .field(#label, &self.#field) }
        }
    });
    let applies = fields.iter().map(|(parameter, field)| {
        let name = &parameter.name;
        quote! {
            if let Some(value) = self.#field {
                builder = builder.connection_parameter(#name, value);
            }
        }
    });
    quote! {
        /// The connection settings the definition declares (`connectionParameters`), given to
        /// a client with [`Client::with_connection`]: start from `Connection::default()` and
        /// set the ones you need. `Debug` hides the secret ones.
        #[derive(Clone, Default)]
        #[non_exhaustive]
        pub struct Connection {
            #(#declarations)*
        }

        impl ::std::fmt::Debug for Connection {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.debug_struct("Connection") #(#debug_fields)* .finish()
            }
        }

        impl Connection {
            /// Passes every setting that is given to `builder`.
            pub fn apply(self, mut builder: ::connector_runtime::ClientBuilder<Client>) -> ::connector_runtime::ClientBuilder<Client> {
                #(#applies)*
                builder
            }
        }
    }
}
