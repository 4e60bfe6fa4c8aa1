//! Errors that name the input file and the place in it that is wrong.

use std::path::PathBuf;

/// Why a connector definition could not be turned into Rust code.
///
/// Every variant names the file; syntax errors carry `line:column`, structural and
/// semantic errors carry the JSON path of the offending value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", file.display())]
    Read {
        /// The file that could not be read.
        file: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not valid JSON.
    #[error("{}:{line}:{column}: invalid JSON: {message}", file.display())]
    Syntax {
        /// The file with the syntax error.
        file: PathBuf,
        /// One-based line of the error.
        line: usize,
        /// One-based column of the error.
        column: usize,
        /// What the JSON parser expected or found.
        message: String,
    },
    /// The file is valid JSON but not a definition the generator understands.
    #[error("{}: at {path}: {message}", file.display())]
    Invalid {
        /// The file with the problem.
        file: PathBuf,
        /// The JSON path of the offending value, such as `paths./v1/apps.get.parameters[3]`.
        path: String,
        /// What is wrong and, where possible, how to fix it.
        message: String,
    },
    /// No operation has the tags or path prefixes a subset asked for.
    #[error(
        "{}: no operation has the tags or path prefixes {only}; tags are matched ignoring case, \
         and a path prefix starts with `/`",
        file.display()
    )]
    NothingSelected {
        /// The definition.
        file: PathBuf,
        /// The tags and path prefixes asked for, joined with commas.
        only: String,
    },
    /// The generated code could not be parsed back; this is a bug in the generator.
    #[error("{}: the generated code does not parse ({message}); please report this with the definition", file.display())]
    Emit {
        /// The definition being generated.
        file: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// The generated code could not be written.
    #[error("{}: cannot write the generated code: {source}", file.display())]
    Write {
        /// The output file.
        file: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

/// A location inside a JSON document, rendered like `paths./v1/apps.get.parameters[3]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl JsonPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.segments.push(Segment::Key(key.to_owned()));
        path
    }

    /// The path of the enclosing value (the root stays the root).
    pub fn parent(&self) -> Self {
        let mut path = self.clone();
        path.segments.pop();
        path
    }

    /// The sibling of this path named `key`: `parent().key(key)`.
    pub fn parent_key(&self, key: &str) -> Self {
        self.parent().key(key)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.segments.push(Segment::Index(index));
        path
    }
}

impl std::fmt::Display for JsonPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.segments.is_empty() {
            return f.write_str(".");
        }
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::JsonPath;

    #[test]
    fn paths_render_like_serde_path_to_error() {
        let path = JsonPath::root()
            .key("paths")
            .key("/v1/apps")
            .key("get")
            .key("parameters")
            .index(3);
        assert_eq!(path.to_string(), "paths./v1/apps.get.parameters[3]");
        assert_eq!(JsonPath::root().to_string(), ".");
    }
}
