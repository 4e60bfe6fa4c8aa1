//! Form bodies: `application/x-www-form-urlencoded`, or `multipart/form-data` when a file is
//! part of it or the operation says so.

/// The fields of a form body, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    parts: Vec<Part>,
    multipart: bool,
}

#[derive(Clone)]
enum Part {
    Text {
        name: String,
        value: String,
    },
    File {
        name: String,
        #[cfg_attr(
            not(feature = "multipart"),
            expect(dead_code, reason = "only a multipart body names the file")
        )]
        file_name: String,
        bytes: Vec<u8>,
    },
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part::Text { name, .. } => write!(f, "{name}"),
            Part::File { name, bytes, .. } => write!(f, "{name} ({} bytes)", bytes.len()),
        }
    }
}

impl Form {
    /// Adds a text field.
    pub(crate) fn text(&mut self, name: &str, value: String) {
        self.parts.push(Part::Text {
            name: name.to_owned(),
            value,
        });
    }

    /// Adds a file; the form becomes multipart.
    pub(crate) fn file(&mut self, name: &str, file_name: String, bytes: Vec<u8>) {
        self.multipart = true;
        self.parts.push(Part::File {
            name: name.to_owned(),
            file_name,
            bytes,
        });
    }

    /// Sends the form as `multipart/form-data` even without files.
    pub(crate) fn set_multipart(&mut self) {
        self.multipart = true;
    }

    /// Whether no field was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Whether the form is sent as `multipart/form-data`.
    pub(crate) fn is_multipart(&self) -> bool {
        self.multipart
    }

    /// The text fields as `(name, value)`.
    pub(crate) fn text_fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parts.iter().filter_map(|part| match part {
            Part::Text { name, value } => Some((name.as_str(), value.as_str())),
            Part::File { .. } => None,
        })
    }

    /// The body of an urlencoded form (files, if any, are left out: they need multipart).
    pub(crate) fn urlencoded(&self) -> Vec<u8> {
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.text_fields() {
            serializer.append_pair(name, value);
        }
        serializer.finish().into_bytes()
    }

    /// A multipart body, made anew for every attempt.
    #[cfg(feature = "multipart")]
    pub(crate) fn multipart_form(&self) -> reqwest::multipart::Form {
        self.parts
            .iter()
            .fold(reqwest::multipart::Form::new(), |form, part| match part {
                Part::Text { name, value } => form.text(name.clone(), value.clone()),
                Part::File {
                    name,
                    file_name,
                    bytes,
                } => form.part(
                    name.clone(),
                    reqwest::multipart::Part::bytes(bytes.clone()).file_name(file_name.clone()),
                ),
            })
    }
}

/// Marks generated code that sends `multipart/form-data` bodies: nothing when the
/// `multipart` feature is on, a compile error saying to turn it on when it is off.
#[cfg(feature = "multipart")]
#[macro_export]
#[doc(hidden)]
macro_rules! requires_multipart {
    () => {};
}

/// Marks generated code that sends `multipart/form-data` bodies: nothing when the
/// `multipart` feature is on, a compile error saying to turn it on when it is off.
#[cfg(not(feature = "multipart"))]
#[macro_export]
#[doc(hidden)]
macro_rules! requires_multipart {
    () => {
        ::core::compile_error!(
            "this client sends multipart/form-data bodies: turn on the `multipart` feature of \
             connector-runtime (`connector-runtime = { version = \"0.1\", features = [\"multipart\"] }`)"
        );
    };
}

#[cfg(test)]
mod tests {
    use super::Form;

    #[test]
    fn text_fields_are_urlencoded_in_order() {
        let mut form = Form::default();
        form.text("to", "a b&c".to_owned());
        form.text("n", "1".to_owned());
        assert!(!form.is_multipart());
        assert_eq!(
            String::from_utf8(form.urlencoded()).unwrap(),
            "to=a+b%26c&n=1"
        );
    }

    #[test]
    fn a_file_makes_the_form_multipart() {
        let mut form = Form::default();
        form.file("upload", "report.csv".to_owned(), b"a,b".to_vec());
        assert!(form.is_multipart());
        assert_eq!(form.text_fields().count(), 0);
        #[cfg(feature = "multipart")]
        assert!(form.multipart_form().boundary().len() > 10);
        assert_eq!(
            format!("{form:?}"),
            "Form { parts: [upload (3 bytes)], multipart: true }"
        );
    }
}
