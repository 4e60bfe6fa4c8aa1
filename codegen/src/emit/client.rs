//! The generated `Client`: construction and one method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{self, Para};
use crate::emit::names::{Place, ident};
use crate::emit::operation;
use crate::ir::{Api, Operation};

/// `DEFAULT_BASE_URL`, `Client` and its impls.
pub fn client(api: &Api) -> TokenStream {
    let base_url = &api.default_base_url;
    let base_url_doc = docs::own(&format!("The address the definition names: `{base_url}`."));
    let title = format!("A client for {}.", docs::escape(&api.title));
    let auth = (!api.auth.is_empty()).then(|| {
        let schemes: Vec<String> = api.auth.iter().map(|line| format!("- {line}")).collect();
        format!(
            "Give it credentials with `Client::builder().auth(...)`; the definition names:\n{}",
            schemes.join("\n")
        )
    });
    let doc = docs::paragraphs(
        [
            Some(Para::Own(&title)),
            api.description.as_deref().map(Para::Spec),
            auth.as_deref().map(Para::Own),
            Some(Para::Own(
                "Cloning is cheap: clones share the connection pool and the token cache.",
            )),
        ]
        .into_iter()
        .flatten(),
    );
    let methods = api.operations.iter().map(method);
    let with_connection = (!api.connection_parameters.is_empty()).then(|| quote! {
        /// Starts configuring a client whose connection has the settings of `connection`.
        pub fn with_connection(connection: Connection) -> ::connector_runtime::ClientBuilder<Self> {
            connection.apply(Self::builder())
        }
    });
    let base_url_template = api.base_url_template.as_ref().map(|template| {
        quote! { .base_url_template(#template) }
    });
    quote! {
        #base_url_doc
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::connector_runtime::Client,
        }

        impl Client {
            /// Starts configuring a client for [`DEFAULT_BASE_URL`]: credentials, base URL,
            /// timeouts.
            pub fn builder() -> ::connector_runtime::ClientBuilder<Self> {
                ::connector_runtime::ClientBuilder::new(DEFAULT_BASE_URL)
                    .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                    #base_url_template
            }

            /// A client with default settings that authenticates with `auth`: an
            /// [`::connector_runtime::Auth`], or App Store Connect
            /// [`::connector_runtime::Credentials`].
            ///
            /// # Errors
            ///
            /// When the HTTP client cannot be set up, or the base URL cannot be made.
            pub fn new(auth: impl Into<::connector_runtime::Auth>) -> Result<Self, ::connector_runtime::Error> {
                Self::builder().auth(auth).build()
            }

            #with_connection

            /// The runtime client that sends the requests.
            pub fn runtime(&self) -> &::connector_runtime::Client {
                &self.inner
            }

            #(#methods)*
        }

        impl From<::connector_runtime::Client> for Client {
            fn from(inner: ::connector_runtime::Client) -> Self {
                Self { inner }
            }
        }
    }
}

fn method(operation: &Operation) -> TokenStream {
    let name = ident(&operation.fn_name);
    let module = ident(&operation.fn_name);
    let doc = operation::operation_doc(operation);
    let required: Vec<_> = operation.params.iter().filter(|p| p.required).collect();
    let (arguments, values): (Vec<_>, Vec<_>) = required
        .iter()
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let place = Place::Root {
                module: &operation.fn_name,
            };
            let (ty, conversion) = operation::argument(parameter, &quote! { #name }, &place);
            (quote! { #name: #ty }, conversion)
        })
        .unzip();
    let argument_docs = (!required.is_empty()).then(|| {
        let lines = required.iter().map(|parameter| {
            let text = format!(
                "- `{}`: {}",
                parameter.rust_name.trim_start_matches("r#"),
                docs::escape(
                    &parameter
                        .doc
                        .as_deref()
                        .unwrap_or("required.")
                        .replace('\n', " ")
                )
            );
            docs::own(&text)
        });
        quote! {
            ///
            /// # Arguments
            ///
            #(#lines)*
        }
    });
    let many_arguments = (required.len() + 1 > 7).then(|| {
        quote! { #[allow(clippy::too_many_arguments, reason = "one argument per required parameter")] }
    });
    let deprecated = operation.deprecated.then(|| {
        quote! { #[deprecated = "The definition marks this operation as deprecated."] }
    });
    quote! {
        #doc
        #argument_docs
        #deprecated
        #many_arguments
        pub fn #name(&self, #(#arguments),*) -> operations::#module::Request {
            operations::#module::Request::new(self.inner.clone(), #(#values),*)
        }
    }
}
