//! One operation's module: its request builder and the types it declares.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::bounds::{bound_literal, bounds_text};
use crate::emit::docs::{self, Para};
use crate::emit::names::{Place, ident, rust_type, type_text};
use crate::emit::splice::Splices;
use crate::emit::{compact, meta, paging, policy, types};
use crate::ir::{
    Decoding, Operation, ParamLocation, Parameter, PathPart, StatusVariant, TypeKind, TypeRef,
    ValuePart,
};

/// The `pub mod <fn_name> { … }` of an operation.
pub fn module(operation: &Operation, splices: &mut Splices) -> TokenStream {
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
    let sending = sending(operation, splices);
    let options = option_parameters(operation);
    let options =
        (!options.is_empty()).then(|| splices.add(compact::options(&options, &Place::Operation)));
    let info = meta::operation_info(operation);
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
            #sending
            #options
            #info
            #(#types)*
            #page
        }
    }
}

/// Whether a parameter is set through the operation's `options!`: an optional query or
/// header value of a type the runtime sends as text, which no policy reads.
pub fn is_option(operation: &Operation, parameter: &Parameter) -> bool {
    let read_by_policy = operation.policy_values.iter().any(|value| {
        value.parts.iter().any(|part| {
            matches!(part, ValuePart::Param(index) if operation.params[*index].rust_name == parameter.rust_name)
        })
    });
    !parameter.required
        && matches!(
            parameter.location,
            ParamLocation::Query | ParamLocation::Header
        )
        && sent_as_text(operation, &parameter.ty, true)
        && !read_by_policy
}

/// Whether values of `ty` have the runtime's text form: text, numbers, flags, enums and
/// (one level of) lists of those.
fn sent_as_text(operation: &Operation, ty: &TypeRef, list_allowed: bool) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Boolean
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64 => true,
        TypeRef::Named(name) => {
            operation.reexports.iter().any(|(local, _)| local == name)
                || operation
                    .types
                    .iter()
                    .any(|def| &def.name == name && matches!(def.kind, TypeKind::Enum(_)))
        }
        TypeRef::Vec(item) => list_allowed && sent_as_text(operation, item, false),
        _ => false,
    }
}

/// The parameters of the operation's `options!`, in declaration order.
pub fn option_parameters(operation: &Operation) -> Vec<&Parameter> {
    operation
        .params
        .iter()
        .filter(|parameter| is_option(operation, parameter))
        .collect()
}

/// The parameters set as arguments or with hand-written setters: everything but options.
pub fn explicit_parameters(operation: &Operation) -> impl Iterator<Item = &Parameter> {
    operation
        .params
        .iter()
        .filter(|parameter| !is_option(operation, parameter))
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

/// The type a caller passes for a parameter: the field type, or `Option` of it.
fn field_type(parameter: &Parameter) -> TokenStream {
    let ty = rust_type(&parameter.ty, &Place::Operation);
    if parameter.required {
        ty
    } else {
        quote! { Option<#ty> }
    }
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
    let has_options = !option_parameters(operation).is_empty();
    let options_field = has_options.then(|| quote! { options: Options, });
    let options_init = has_options.then(|| quote! { options: Options::default(), });
    let fields = explicit_parameters(operation).map(|parameter| {
        let name = ident(&parameter.rust_name);
        let ty = field_type(parameter);
        quote! { #name: #ty, }
    });
    let required: Vec<&Parameter> = operation.params.iter().filter(|p| p.required).collect();
    let new_args = required.iter().map(|parameter| {
        let name = ident(&parameter.rust_name);
        let ty = rust_type(&parameter.ty, &Place::Operation);
        quote! { #name: #ty }
    });
    let initialisers = explicit_parameters(operation).map(|parameter| {
        let name = ident(&parameter.rust_name);
        if parameter.required {
            quote! { #name, }
        } else {
            quote! { #name: None, }
        }
    });
    let many_arguments = (required.len() + 1 > 7).then(|| {
        quote! { #[allow(clippy::too_many_arguments, reason = "one argument per required parameter")] }
    });
    let setters = explicit_parameters(operation)
        .filter(|p| !p.required)
        .map(setter);
    let build = build_fn(operation);
    quote! {
        #signature
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct Request {
            client: ::connector_runtime::Client,
            #(#fields)*
            #options_field
        }

        impl Request {
            #many_arguments
            pub(crate) fn new(client: ::connector_runtime::Client, #(#new_args),*) -> Self {
                Self { client, #(#initialisers)* #options_init }
            }

            #(#setters)*

            #build
        }
    }
}

/// `send`, and for listings `pages`, `items` and `collect_all`: through the runtime's
/// `send!` and `pages!`, or by hand for answers decoded by status.
fn sending(operation: &Operation, splices: &mut Splices) -> TokenStream {
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

/// `send` for an operation whose statuses carry different bodies.
fn send_by_status(operation: &Operation, variants: &[StatusVariant]) -> TokenStream {
    let body = rust_type(&operation.response, &Place::Operation);
    let execute = execute_by_status(variants);
    quote! {
        impl Request {
            /// Checks the parameters, sends the request and decodes the answer.
            ///
            /// # Errors
            ///
            /// [`::connector_runtime::Error::InvalidRequest`] when a parameter is out of bounds
            /// (nothing is sent), and the transport, API and decoding errors of
            /// [`::connector_runtime::Client::execute`].
            pub async fn send(self) -> Result<::connector_runtime::Response<#body>, ::connector_runtime::Error> {
                let request = self.build()?;
                #execute
            }
        }
    }
}

/// The call that sends the request and decodes the body by status.
fn execute_by_status(variants: &[StatusVariant]) -> TokenStream {
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
    quote! {
        self.client
            .execute_with(request, |status, bytes| match status.as_u16() {
                #(#arms)*
                #fallback
            })
            .await
    }
}

fn setter(parameter: &Parameter) -> TokenStream {
    let name = ident(&parameter.rust_name);
    let doc = parameter_doc(parameter);
    let (argument, conversion) = argument(parameter, &quote! { value }, &Place::Operation);
    quote! {
        #doc
        pub fn #name(mut self, value: #argument) -> Self {
            self.#name = Some(#conversion);
            self
        }
    }
}

/// The parameter's description, wire name and bounds as doc attributes.
pub fn parameter_doc(parameter: &Parameter) -> TokenStream {
    let wire = format!(
        "Sent as `{}` ({}).",
        parameter.wire_name,
        location_name(parameter.location)
    );
    let bounds = bounds_text(&parameter.constraints);
    docs::paragraphs(
        [
            parameter.doc.as_deref().map(Para::Spec),
            Some(Para::Own(&wire)),
            bounds.as_deref().map(Para::Own),
        ]
        .into_iter()
        .flatten(),
    )
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Body => "the JSON body",
        ParamLocation::FormData => "form field",
    }
}

fn build_fn(operation: &Operation) -> TokenStream {
    let method = ident(&operation.method);
    let path = path_expression(operation);
    let params = explicit_parameters(operation).filter(|p| p.location != ParamLocation::Path);
    let path_checks = operation
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let checks = checks(parameter, &quote! { &self.#name }, &quote! { self.#name });
            quote! { #checks }
        });
    let mut sends: Vec<_> = params
        .map(|parameter| send_parameter(operation, parameter))
        .collect();
    if !option_parameters(operation).is_empty() {
        sends.push(quote! { self.options.apply(OPERATION_ID, &mut request)?; });
    }
    let has_form = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::FormData);
    if has_form && operation.multipart {
        sends.insert(0, quote! { request.multipart(); });
    }
    let constants = operation.constants.iter().map(|constant| {
        let (name, value) = (&constant.wire_name, &constant.value);
        match constant.location {
            ParamLocation::Header => quote! { request.header(#name, #value); },
            ParamLocation::FormData => quote! { request.form_field(#name, #value); },
            _ => quote! { request.query(#name, #value); },
        }
    });
    let credentials = operation.credential_headers.iter().map(|header| {
        let (name, prefix, suffix) = (&header.name, &header.prefix, &header.suffix);
        quote! { request.credential_header(#name, #prefix, #suffix); }
    });
    let policy_values = policy::values(operation);
    let credential_queries = operation.credential_queries.iter().map(|name| {
        quote! { request.credential_query(#name); }
    });
    let new = quote! {
        ::connector_runtime::Request::new(OPERATION_ID, ::connector_runtime::Method::#method, #path)
    };
    let adds_nothing = sends.is_empty()
        && operation.constants.is_empty()
        && operation.credential_headers.is_empty()
        && operation.credential_queries.is_empty()
        && policy_values.is_empty();
    let body = if adds_nothing {
        quote! { Ok(#new) }
    } else {
        quote! {
            let mut request = #new;
            #(#sends)*
            #(#constants)*
            #(#policy_values)*
            #(#credentials)*
            #(#credential_queries)*
            Ok(request)
        }
    };
    quote! {
        /// Checks every parameter against the definition's bounds and builds the HTTP request
        /// without sending it.
        ///
        /// # Errors
        ///
        /// [`::connector_runtime::Error::InvalidRequest`] naming the first parameter out of bounds.
        pub fn build(&self) -> Result<::connector_runtime::Request, ::connector_runtime::Error> {
            #(#path_checks)*
            #body
        }
    }
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
                TypeRef::String => quote! { &self.#name },
                _ => quote! { &self.#name.to_string() },
            };
            encode(text, parameter.double_encoded)
        }
    });
    quote! { [#(#pieces),*].concat() }
}

/// Validation and placement of one parameter that is not in the path.
fn send_parameter(operation: &Operation, parameter: &Parameter) -> TokenStream {
    let name = ident(&parameter.rust_name);
    let wire = &parameter.wire_name;
    let (reference, copy) = match (parameter.required, parameter.ty.is_copy()) {
        (true, _) => (quote! { &self.#name }, quote! { self.#name }),
        (false, true) => (quote! { &value }, quote! { value }),
        (false, false) => (quote! { value }, quote! { *value }),
    };
    let checks = checks(parameter, &reference, &copy);
    let owned = if parameter.required {
        quote! { self.#name.clone() }
    } else {
        quote! { value.clone() }
    };
    let text = match &parameter.ty {
        TypeRef::Vec(_) => quote! {
            #reference.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
        },
        _ => quote! { #reference },
    };
    let place = match (parameter.location, parameter.ty.is_copy()) {
        (ParamLocation::Body, _) if parameter.ty == TypeRef::Bytes => {
            let media = &operation.raw_body_media;
            quote! { request.raw_body(#media, #owned); }
        }
        (ParamLocation::Body, _) if parameter.ty == TypeRef::String && operation.raw_text_body => {
            let media = &operation.raw_body_media;
            quote! { request.raw_body(#media, #owned.into_bytes()); }
        }
        (ParamLocation::Body, _) => quote! { request.json_body(#reference)?; },
        (ParamLocation::FormData, _) if parameter.ty == TypeRef::Bytes => {
            quote! { request.form_file(#wire, #wire, #owned); }
        }
        (ParamLocation::FormData, true) => quote! { request.form_field(#wire, #copy); },
        (ParamLocation::FormData, false) => quote! { request.form_field(#wire, #text); },
        (ParamLocation::Header, _) => quote! { request.header(#wire, #text.to_string()); },
        (_, true) => quote! { request.query(#wire, #copy); },
        (_, false) => quote! { request.query(#wire, #text); },
    };
    let field = if parameter.ty.is_copy() {
        quote! { self.#name }
    } else {
        quote! { &self.#name }
    };
    if parameter.required {
        quote! { #checks #place }
    } else {
        quote! {
            if let Some(value) = #field {
                #checks
                #place
            }
        }
    }
}

/// Bound checks for a parameter whose value is `reference` (a `&T`) or `copy` (a `T`).
fn checks(parameter: &Parameter, reference: &TokenStream, copy: &TokenStream) -> TokenStream {
    let wire = &parameter.wire_name;
    let constraints = &parameter.constraints;
    let mut checks = Vec::new();
    let numeric = matches!(
        parameter.ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    );
    if numeric {
        for (bound, function) in [
            (&constraints.maximum, quote! { maximum }),
            (&constraints.minimum, quote! { minimum }),
        ] {
            if let Some((value, exclusive)) = bound
                && let Some(literal) = bound_literal(&parameter.ty, value)
            {
                checks.push(quote! {
                    ::connector_runtime::validate::#function(OPERATION_ID, #wire, #copy, #literal, #exclusive)?;
                });
            }
        }
    }
    let allowed: Option<Vec<Literal>> = constraints
        .one_of
        .iter()
        .map(|value| bound_literal(&parameter.ty, value))
        .collect();
    if numeric
        && !constraints.one_of.is_empty()
        && let Some(allowed) = allowed
    {
        checks.push(quote! {
            ::connector_runtime::validate::one_of(OPERATION_ID, #wire, #copy, &[#(#allowed),*])?;
        });
    }
    if parameter.ty == TypeRef::String {
        if let Some(max) = constraints.max_length {
            let max = Literal::u64_unsuffixed(max);
            checks.push(quote! { ::connector_runtime::validate::max_length(OPERATION_ID, #wire, #reference, #max)?; });
        }
        let min = match (constraints.min_length, parameter.location) {
            (Some(min), _) => Some(min),
            (None, ParamLocation::Path) => Some(1),
            (None, _) => None,
        };
        if let Some(min) = min.filter(|min| *min > 0) {
            let min = Literal::u64_unsuffixed(min);
            checks.push(quote! { ::connector_runtime::validate::min_length(OPERATION_ID, #wire, #reference, #min)?; });
        }
        if let Some(pattern) = &constraints.pattern {
            checks.push(quote! { ::connector_runtime::validate::pattern(OPERATION_ID, #wire, #reference, #pattern)?; });
        }
    }
    quote! { #(#checks)* }
}
