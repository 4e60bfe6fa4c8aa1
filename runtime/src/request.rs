//! One API call as prepared by generated code, before it is sent.

use std::fmt;

use reqwest::Method;

use crate::encode::query_component;
use crate::error::Error;
use crate::form::Form;

/// A header whose value is `prefix + token + suffix`, filled in at send time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CredentialHeader {
    pub(crate) name: &'static str,
    pub(crate) prefix: &'static str,
    pub(crate) suffix: &'static str,
}

/// A request: operation name, method, encoded path, raw query pairs, headers and an
/// optional JSON body. `Debug` shows header names and credential query names only.
#[derive(Clone)]
pub struct Request {
    operation: &'static str,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    credential_headers: Vec<CredentialHeader>,
    credential_query: Vec<&'static str>,
    body: Option<Vec<u8>>,
    form: Form,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| *name).collect();
        let credential_names: Vec<&str> = self.credential_headers.iter().map(|h| h.name).collect();
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("credential_headers", &credential_names)
            .field("credential_query", &self.credential_query)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .field("form", &self.form)
            .finish()
    }
}

impl Request {
    /// Starts a request. `path` begins with `/` and is already percent-encoded
    /// (see [`crate::encode::path_segment`]); it is appended to the base URL's path.
    pub fn new(operation: &'static str, method: Method, path: impl Into<String>) -> Self {
        Request {
            operation,
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            credential_headers: Vec::new(),
            credential_query: Vec::new(),
            body: None,
            form: Form::default(),
        }
    }

    /// Adds a query parameter; `name` and `value` are raw and encoded at send time.
    /// Order is preserved and repeated names are allowed.
    pub fn query(&mut self, name: &str, value: impl fmt::Display) -> &mut Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Sets a header (replacing one of the same name set earlier, and the default
    /// `Accept: application/json`).
    pub fn header(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        self.headers
            .retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        self.headers.push((name, value.into()));
        self
    }

    /// Declares a header carrying the credential: its value is `prefix + credential +
    /// suffix` (e.g. `Authorization`, `"Bearer "`, `""`), filled in at send time. The
    /// credential is the JWT, API key or bearer token of the client's
    /// [`Auth`](crate::Auth), or `base64(username:password)` for basic authentication.
    pub fn credential_header(
        &mut self,
        name: &'static str,
        prefix: &'static str,
        suffix: &'static str,
    ) -> &mut Self {
        self.credential_headers
            .retain(|existing| !existing.name.eq_ignore_ascii_case(name));
        self.credential_headers.push(CredentialHeader {
            name,
            prefix,
            suffix,
        });
        self
    }

    /// Declares a query parameter whose value is the credential (see
    /// [`Request::credential_header`]), added at send time after the other query pairs.
    ///
    /// The pair is added only to the URL actually sent: it is not in
    /// [`Request::query_pairs`], [`Request::encoded_query`], `Debug`, tracing spans or
    /// errors (transport errors of such requests carry no URL). A pair of that name
    /// already in the URL (e.g. echoed by a next-page link) is replaced.
    pub fn credential_query(&mut self, name: &'static str) -> &mut Self {
        self.credential_query.retain(|existing| *existing != name);
        self.credential_query.push(name);
        self
    }

    /// Sets the request body to `bytes` as they are, with `Content-Type: content_type`.
    pub fn raw_body(&mut self, content_type: &str, bytes: Vec<u8>) -> &mut Self {
        self.body = Some(bytes);
        self.header("content-type", content_type)
    }

    /// Serializes `body` as the JSON request body and sets `Content-Type:
    /// application/json`.
    pub fn json_body(&mut self, body: &impl serde::Serialize) -> Result<&mut Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            Error::invalid_request(
                self.operation,
                "body",
                format!("cannot be serialized as JSON ({error})"),
            )
        })?;
        self.body = Some(bytes);
        Ok(self.header("content-type", "application/json"))
    }

    /// Adds a field to the form body (urlencoded unless a file or [`Request::multipart`]
    /// makes it multipart).
    pub fn form_field(&mut self, name: &str, value: impl fmt::Display) -> &mut Self {
        self.form.text(name, value.to_string());
        self
    }

    /// Adds a file to the form body, which is then sent as `multipart/form-data`.
    pub fn form_file(
        &mut self,
        name: &str,
        file_name: impl Into<String>,
        bytes: Vec<u8>,
    ) -> &mut Self {
        self.form.file(name, file_name.into(), bytes);
        self
    }

    /// Sends the form body as `multipart/form-data` even when it holds no file.
    pub fn multipart(&mut self) -> &mut Self {
        self.form.set_multipart();
        self
    }

    /// The text fields of the form body, in order.
    pub fn form_fields(&self) -> Vec<(&str, &str)> {
        self.form.text_fields().collect()
    }

    /// Whether the form body is sent as `multipart/form-data`.
    pub fn is_multipart(&self) -> bool {
        self.form.is_multipart()
    }

    pub(crate) fn form(&self) -> &Form {
        &self.form
    }

    /// The operation (API call) name, used in error messages.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The encoded path, relative to the base URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The raw (unencoded) query pairs, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The query string as sent: `name=value` pairs, each part encoded with
    /// [`query_component`], joined by `&` (e.g. `fields%5Bapps%5D=name`).
    pub fn encoded_query(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| format!("{}={}", query_component(name), query_component(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The plain headers set with [`Request::header`].
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// True if the request carries the credential in at least one header or query
    /// parameter.
    pub fn uses_credentials(&self) -> bool {
        !self.credential_headers.is_empty() || !self.credential_query.is_empty()
    }

    /// The serialized body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    pub(crate) fn credential_headers(&self) -> &[CredentialHeader] {
        &self.credential_headers
    }

    /// The names of the query parameters carrying the credential, in order.
    pub(crate) fn credential_query_names(&self) -> &[&'static str] {
        &self.credential_query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_encoded_in_order() {
        let mut request = Request::new("op", Method::GET, "/v1/apps");
        request
            .query("fields[apps]", "name")
            .query("filter[name]", "A b")
            .query("limit", 5);
        assert_eq!(
            request.encoded_query(),
            "fields%5Bapps%5D=name&filter%5Bname%5D=A%20b&limit=5"
        );
        assert_eq!(
            request.query_pairs()[1],
            ("filter[name]".into(), "A b".into())
        );
    }

    #[test]
    fn empty_query_is_empty_string() {
        assert_eq!(Request::new("op", Method::GET, "/").encoded_query(), "");
    }

    #[test]
    fn json_body_sets_content_type() {
        let mut request = Request::new("op", Method::POST, "/v1/things");
        request
            .json_body(&serde_json::json!({"a": 1}))
            .expect("serializable");
        assert_eq!(request.body(), Some(&br#"{"a":1}"#[..]));
        assert_eq!(
            request.headers(),
            &[("content-type", "application/json".to_owned())]
        );
    }

    #[test]
    fn debug_hides_header_values() {
        let mut request = Request::new("op", Method::GET, "/");
        request
            .header("x-secret", "hunter2")
            .credential_header("authorization", "Bearer ", "");
        let debug = format!("{request:?}");
        assert!(debug.contains("x-secret") && debug.contains("authorization"));
        assert!(!debug.contains("hunter2"));
        assert!(request.uses_credentials());
    }

    #[test]
    fn credential_query_names_are_kept_apart_from_the_query() {
        let mut request = Request::new("op", Method::GET, "/");
        assert!(!request.uses_credentials());
        request
            .query("a", 1)
            .credential_query("key")
            .credential_query("code")
            .credential_query("key");
        assert!(request.uses_credentials());
        assert_eq!(request.credential_query_names(), ["code", "key"]);
        assert_eq!(request.encoded_query(), "a=1");
        let debug = format!("{request:?}");
        assert!(
            debug.contains(r#"credential_query: ["code", "key"]"#),
            "{debug}"
        );
    }
}
