//! Doc comments from definition text that rustdoc and clippy accept as they are.

use proc_macro2::TokenStream;
use quote::quote;

/// A paragraph of documentation.
#[derive(Debug, Clone, Copy)]
pub enum Para<'a> {
    /// Text from the definition: Markdown specials are escaped.
    Spec(&'a str),
    /// Text the generator wrote: used as Markdown.
    Own(&'a str),
}

/// `#[doc]` attributes for text from the definition; each line becomes its own paragraph.
pub fn doc(text: &str) -> TokenStream {
    paragraphs([Para::Spec(text)])
}

/// `#[doc]` attributes for Markdown the generator wrote.
pub fn own(text: &str) -> TokenStream {
    paragraphs([Para::Own(text)])
}

/// `#[doc]` attributes for several paragraphs; blank lines and indentation are dropped so
/// nothing turns into a code block or a doctest.
pub fn paragraphs<'a>(paragraphs: impl IntoIterator<Item = Para<'a>>) -> TokenStream {
    let lines = lines(paragraphs);
    quote! { #( #[doc = #lines] )* }
}

/// The doc lines of several paragraphs, each as a `#[doc]` attribute holds it: a leading
/// space before the text, or nothing for the blank line between paragraphs.
pub fn lines<'a>(paragraphs: impl IntoIterator<Item = Para<'a>>) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let (text, escaped) = match paragraph {
            Para::Spec(text) => (text, true),
            Para::Own(text) => (text, false),
        };
        for line in text
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|line| !line.is_empty())
        {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            let line = if escaped {
                escape(line)
            } else {
                line.to_owned()
            };
            lines.push(format!(" {line}"));
        }
    }
    lines
}

/// Doc lines as `///` comments, one per line, each preceded by `indent`.
pub fn comment(lines: &[String], indent: &str) -> String {
    lines
        .iter()
        .map(|line| format!("{indent}///{line}\n"))
        .collect()
}

/// Escapes Markdown that would change meaning: link brackets, HTML, emphasis, code fences
/// and bare URLs. Balanced `code spans` are kept as they are.
pub fn escape(line: &str) -> String {
    let spans: Vec<&str> = line.split('`').collect();
    if spans.len().is_multiple_of(2) || line.contains("``") {
        return escape_text(line, true);
    }
    let mut out = String::with_capacity(line.len());
    for (index, span) in spans.iter().enumerate() {
        if index % 2 == 1 {
            out.push('`');
            out.push_str(span);
            out.push('`');
        } else {
            out.push_str(&escape_text(span, false));
        }
    }
    out
}

fn escape_text(text: &str, backticks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            let url = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"']);
            if is_plain_url(url) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(&escape_word(&word[url.len()..], backticks));
                continue;
            }
        }
        out.push_str(&escape_word(word, backticks));
    }
    out
}

fn is_plain_url(url: &str) -> bool {
    !url.contains(['<', '>', '[', ']', '`', '(', ')', '\\'])
}

fn escape_word(word: &str, backticks: bool) -> String {
    let mut out = String::with_capacity(word.len());
    for character in word.chars() {
        let special = matches!(
            character,
            '[' | ']' | '<' | '>' | '\\' | '*' | '_' | '#' | '|'
        );
        if special || (backticks && character == '`') {
            out.push('\\');
        }
        out.push(character);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape("Limit `limit[builds]` <b>"),
            "Limit `limit[builds]` \\<b\\>"
        );
        assert_eq!(escape("odd ` [x]"), "odd \\` \\[x\\]");
        assert_eq!(escape("fence ```rust```"), "fence \\`\\`\\`rust\\`\\`\\`");
        assert_eq!(
            escape("see https://example.com/a_b."),
            "see <https://example.com/a_b>."
        );
        assert_eq!(escape("snake_case *x*"), "snake\\_case \\*x\\*");
    }

    #[test]
    fn carriage_returns_break_lines() {
        let tokens = doc("one\rtwo\r\nthree").to_string();
        assert!(!tokens.contains("\\r"), "{tokens}");
        assert_eq!(tokens.matches("doc = \"\"").count(), 2, "{tokens}");
    }

    #[test]
    fn lines_become_paragraphs_without_indentation() {
        let tokens = doc("  first\n\n    ```code```\n- item\nmore").to_string();
        assert!(tokens.contains("\" first\""), "{tokens}");
        assert!(
            tokens.contains("\" \\\\`\\\\`\\\\`code\\\\`\\\\`\\\\`\""),
            "{tokens}"
        );
        assert_eq!(tokens.matches("doc = \"\"").count(), 3, "{tokens}");
    }
}
