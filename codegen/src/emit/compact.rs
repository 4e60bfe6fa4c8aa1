//! The invocations of the runtime's declaration macros (`model!`, `closed_enum!`,
//! `open_enum!`, `one_of!`, `parameters!`), written one field, value or parameter per line.
//!
//! The macros expand to the struct or enum and every impl it needs, so each value costs a
//! line of source rather than a dozen, and the code the compiler checks is a fraction of
//! what serde's derives produce.

use proc_macro2::Literal;

use crate::emit::docs::{self, Para};
use crate::emit::names::{Place, type_text};
use crate::ir::{EnumDef, Field, Operation, ParamLocation, Parameter, TypeDef, TypeRef, UnionDef};

const INDENT: &str = "    ";

/// Text built line by line at an indentation depth.
#[derive(Debug, Default)]
struct Text {
    out: String,
}

impl Text {
    fn line(&mut self, depth: usize, line: &str) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn docs(&mut self, depth: usize, lines: &[String]) {
        self.out
            .push_str(&docs::comment(lines, &INDENT.repeat(depth)));
    }
}

/// A Rust string literal for `text`.
fn literal(text: &str) -> String {
    Literal::string(text).to_string()
}

/// The definition's description of a type, or a sentence naming it.
fn type_docs(def: &TypeDef, what: &str) -> Vec<String> {
    match &def.doc {
        Some(text) => docs::lines([Para::Spec(text)]),
        None => docs::lines([Para::Own(&format!("The `{}` {what}.", def.name))]),
    }
}

/// The serde traits of a struct or union: written when requests carry it, read when
/// answers do.
fn serde_traits(def: &TypeDef) -> &'static str {
    match (def.serialize, def.deserialize) {
        (true, true) => "Serialize + Deserialize",
        (true, false) => "Serialize",
        (false, _) => "Deserialize",
    }
}

/// What the documentation of a member decoded on demand adds.
const DEFERRED_DOC: &str =
    "Kept as the JSON text received: [`decode`](connector_runtime::Deferred::decode) reads it.";

/// `model! { struct … }` for a struct.
pub fn model(def: &TypeDef, fields: &[Field], place: &Place<'_>) -> String {
    let mut text = Text::default();
    text.line(0, "::connector_runtime::model! {");
    text.docs(1, &type_docs(def, "object"));
    let required = constructor_arguments(fields);
    // Only what requests carry is built by callers: with `Default` when every member is
    // optional, else with `new(required members)`.
    if def.serialize && required.is_empty() {
        text.line(1, "#[derive(Default)]");
    }
    let constructor = if def.serialize && !required.is_empty() {
        let arguments: Vec<String> = required
            .iter()
            .map(|field| format!("{}: {}", field.rust_name, field_type(field, place)))
            .collect();
        format!(" new({})", arguments.join(", "))
    } else {
        String::new()
    };
    text.line(
        1,
        &format!(
            "pub struct {}: {}{constructor} {{",
            def.name,
            serde_traits(def)
        ),
    );
    for field in fields {
        let ty = field_type(field, place);
        if field.flatten {
            text.line(2, &format!(".. => pub {}: {ty},", field.rust_name));
            continue;
        }
        let deferred = matches!(field.ty, TypeRef::Deferred(_))
            .then_some(Para::Own(DEFERRED_DOC))
            .into_iter();
        let field_docs = docs::lines(
            field
                .doc
                .as_deref()
                .map(Para::Spec)
                .into_iter()
                .chain(deferred),
        );
        if !field_docs.is_empty() {
            text.docs(2, &field_docs);
        }
        if field.deprecated {
            text.line(
                2,
                "#[deprecated = \"The definition marks this member as deprecated.\"]",
            );
        }
        let collection = matches!(field.ty, TypeRef::Vec(_) | TypeRef::Map(_));
        let required = if field.required && collection {
            " [required]"
        } else {
            ""
        };
        text.line(
            2,
            &format!(
                "{} => pub {}: {ty}{required},",
                literal(&field.wire_name),
                field.rust_name
            ),
        );
    }
    text.line(1, "}");
    text.line(0, "}");
    text.out
}

/// The members a request model's `new` takes: the required ones, in name order, so that a
/// definition listing its members in another order does not reorder the arguments.
pub(crate) fn constructor_arguments(fields: &[Field]) -> Vec<&Field> {
    let mut required: Vec<&Field> = fields
        .iter()
        .filter(|field| field.required && !field.flatten)
        .collect();
    required.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    required
}

/// A field's type: `Option` around what is not required, except lists and maps, which are
/// empty when absent; `Box` inside for types that contain themselves.
pub(crate) fn field_type(field: &Field, place: &Place<'_>) -> String {
    let inner = type_text(&field.ty, place);
    let inner = if field.boxed {
        format!("Box<{inner}>")
    } else {
        inner
    };
    let collection = matches!(field.ty, TypeRef::Vec(_) | TypeRef::Map(_));
    if field.required || field.flatten || collection {
        inner
    } else {
        format!("Option<{inner}>")
    }
}

/// `closed_enum!` or `open_enum!` for a string enum.
pub fn string_enum(def: &TypeDef, enumeration: &EnumDef) -> String {
    let mut text = Text::default();
    let kind = if enumeration.catch_all.is_some() {
        "open_enum"
    } else {
        "closed_enum"
    };
    text.line(0, &format!("::connector_runtime::{kind}! {{"));
    text.docs(1, &type_docs(def, "values"));
    text.line(1, &format!("pub enum {} {{", def.name));
    for variant in &enumeration.variants {
        text.line(
            2,
            &format!("{} = {},", variant.rust_name, literal(&variant.wire)),
        );
    }
    if let Some(catch_all) = &enumeration.catch_all {
        text.line(2, &format!("_ => {catch_all}(String),"));
    }
    text.line(1, "}");
    text.line(0, "}");
    text.out
}

/// `one_of!` for a union: tagged by a member, or told apart by shape.
pub fn one_of(def: &TypeDef, union: &UnionDef, place: &Place<'_>) -> String {
    let mut text = Text::default();
    text.line(0, "::connector_runtime::one_of! {");
    text.docs(1, &type_docs(def, "value"));
    let traits = serde_traits(def);
    match &union.tag {
        Some(tag) => text.line(
            1,
            &format!("pub enum {}: {traits} by {} {{", def.name, literal(tag)),
        ),
        None => text.line(1, &format!("pub enum {}: {traits} {{", def.name)),
    }
    for variant in &union.variants {
        let ty = type_text(&variant.ty, place);
        match &variant.tag {
            Some(tag) => text.line(2, &format!("{} => {}({ty}),", literal(tag), variant.name)),
            None => text.line(2, &format!("{}({ty}),", variant.name)),
        }
    }
    text.line(2, &format!("_ => {},", union.catch_all));
    text.line(1, "}");
    text.line(0, "}");
    text.out
}

/// `parameters!` for the parameters of an operation: the required ones, then the optional
/// ones, in declaration order.
pub fn parameters(operation: &Operation, table: bool, place: &Place<'_>) -> String {
    let mut text = Text::default();
    text.line(0, "::connector_runtime::parameters! {");
    text.line(1, "/// The parameters of [`Request`].");
    let with_table = if table { " with table" } else { "" };
    text.line(
        1,
        &format!("struct Parameters in Request.parameters{with_table} {{"),
    );
    for (section, required) in [("required", true), ("optional", false)] {
        text.line(2, &format!("{section} {{"));
        for parameter in operation.params.iter().filter(|p| p.required == required) {
            if let Some(doc) = &parameter.doc {
                text.docs(3, &docs::lines([Para::Spec(doc)]));
            }
            if parameter.deprecated && !required {
                text.line(
                    3,
                    "#[deprecated = \"The definition marks this parameter as deprecated.\"]",
                );
            }
            let bounds = crate::emit::bounds::macro_bounds(parameter);
            text.line(
                3,
                &format!(
                    "{} {} => {}: {}{bounds},",
                    location(parameter, operation.raw_text_body),
                    literal(&parameter.wire_name),
                    parameter.rust_name,
                    type_text(&parameter.ty, place)
                ),
            );
        }
        text.line(2, "}");
    }
    text.line(1, "}");
    text.line(0, "}");
    text.out
}

/// The location keyword of a `parameters!` row.
fn location(parameter: &Parameter, raw_text_body: bool) -> &'static str {
    match (parameter.location, &parameter.ty) {
        (ParamLocation::Path, _) => "path",
        (ParamLocation::Query, _) if parameter.explode => "query_each",
        (ParamLocation::Query, _) => "query",
        (ParamLocation::Header, _) => "header",
        (ParamLocation::Body, TypeRef::Bytes) => "body_bytes",
        (ParamLocation::Body, TypeRef::String) if raw_text_body => "body_text",
        (ParamLocation::Body, _) => "body",
        (ParamLocation::FormData, TypeRef::Bytes) => "file",
        (ParamLocation::FormData, _) => "form",
    }
}
