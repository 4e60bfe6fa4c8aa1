//! Macro invocations written out by hand and spliced into prettyplease's output.
//!
//! prettyplease prints the tokens of a macro invocation on as few lines as fit, which makes
//! the bodies of the runtime's declaration macros unreadable. Their text is written here
//! instead, one field or value per line, and a placeholder item `__splice!(N);` stands in
//! for it in the token stream; [`Splices::apply`] puts the text in its place, indented
//! like the placeholder.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Texts waiting to replace their placeholders.
#[derive(Debug, Default)]
pub struct Splices {
    texts: Vec<String>,
}

impl Splices {
    /// Keeps `text` (whole lines, unindented) and returns the placeholder item for it.
    pub fn add(&mut self, text: String) -> TokenStream {
        let index = Literal::usize_unsuffixed(self.texts.len());
        self.texts.push(text);
        quote! { __splice!(#index); }
    }

    /// Replaces every placeholder line of `formatted` by its text.
    pub fn apply(&self, formatted: &str) -> String {
        let mut out = String::with_capacity(
            formatted.len() + self.texts.iter().map(String::len).sum::<usize>(),
        );
        for line in formatted.lines() {
            match self.placeholder(line) {
                Some((indent, text)) => {
                    for text_line in text.lines() {
                        if !text_line.is_empty() {
                            out.push_str(indent);
                            out.push_str(text_line);
                        }
                        out.push('\n');
                    }
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The indentation and text of a placeholder line.
    fn placeholder<'a>(&'a self, line: &'a str) -> Option<(&'a str, &'a str)> {
        let trimmed = line.trim_start();
        let index: usize = trimmed
            .strip_prefix("__splice!(")?
            .strip_suffix(");")?
            .parse()
            .ok()?;
        let text = self.texts.get(index)?;
        Some((&line[..line.len() - trimmed.len()], text))
    }
}

#[cfg(test)]
mod tests {
    use super::Splices;

    #[test]
    fn placeholders_take_their_text_indented() {
        let mut splices = Splices::default();
        let first = splices.add("a! {\n    x,\n\n}\n".to_owned());
        let second = splices.add("b!();\n".to_owned());
        let file: syn::File = syn::parse2(quote::quote! {
            mod m { #first }
            #second
        })
        .unwrap();
        let formatted = prettyplease::unparse(&file);
        assert_eq!(
            splices.apply(&formatted),
            "mod m {\n    a! {\n        x,\n\n    }\n}\nb!();\n"
        );
    }
}
