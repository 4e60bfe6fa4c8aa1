//! Putting one attempt on the wire: headers, credential, body.

use reqwest::RequestBuilder;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::auth::Secret;
use crate::client::Client;
use crate::credential_query;
use crate::error::Error;
use crate::request::Request;

impl Client {
    /// Sends `request` to `url` with `secret` in its credential headers and credential
    /// query pairs (added to a copy of `url` that nothing else sees). Errors of requests
    /// with credential query pairs carry no URL.
    pub(crate) async fn send(
        &self,
        request: &Request,
        url: &Url,
        secret: Option<&Secret>,
    ) -> Result<reqwest::Response, Error> {
        let mut builder = self
            .http()
            .request(request.method().clone(), url_to_send(request, url, secret))
            .headers(headers_for(request, secret)?);
        let form = request.form();
        if let Some(body) = request.body() {
            builder = builder.body(body.to_vec());
        } else if form.is_multipart() {
            builder = multipart(builder, request)?;
        } else if !form.is_empty() {
            builder = builder
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.urlencoded());
        }
        builder
            .send()
            .await
            .map_err(|source| Error::from_reqwest_for(request, source))
    }
}

/// `url` plus the credential query pairs, if the request has any.
/// Puts the form on `builder` as `multipart/form-data`.
#[cfg(feature = "multipart")]
fn multipart(builder: RequestBuilder, request: &Request) -> Result<RequestBuilder, Error> {
    Ok(builder.multipart(request.form().multipart_form()))
}

/// Refuses a multipart form: this build cannot encode one.
#[cfg(not(feature = "multipart"))]
fn multipart(_: RequestBuilder, request: &Request) -> Result<RequestBuilder, Error> {
    Err(Error::InvalidRequest {
        operation: request.operation(),
        parameter: "form".into(),
        reason: "is sent as multipart/form-data, which needs the `multipart` feature of \
                 connector-runtime"
            .into(),
    })
}

fn url_to_send(request: &Request, url: &Url, secret: Option<&Secret>) -> Url {
    let names = request.credential_query_names();
    match secret {
        Some(secret) if !names.is_empty() => {
            credential_query::with_credentials(url, names, secret.as_str())
        }
        _ => url.clone(),
    }
}

/// `Accept: application/json`, the request's headers, then its credential headers.
fn headers_for(request: &Request, secret: Option<&Secret>) -> Result<HeaderMap, Error> {
    let operation = request.operation();
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    for (name, value) in request.headers() {
        headers.insert(
            header_name(operation, name)?,
            header_value(operation, name, value.clone())?,
        );
    }
    if let Some(secret) = secret {
        for credential in request.credential_headers() {
            let text = format!(
                "{}{}{}",
                credential.prefix,
                secret.as_str(),
                credential.suffix
            );
            let mut value = header_value(operation, credential.name, text)?;
            value.set_sensitive(true);
            headers.insert(header_name(operation, credential.name)?, value);
        }
    }
    Ok(headers)
}

fn header_name(operation: &'static str, name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::invalid_request(operation, name, "is not a valid HTTP header name"))
}

/// Builds a header value; the error never echoes the value (it may hold a credential).
fn header_value(operation: &'static str, name: &str, value: String) -> Result<HeaderValue, Error> {
    HeaderValue::try_from(value).map_err(|_| {
        Error::invalid_request(
            operation,
            name,
            "has a value with characters not allowed in HTTP headers (e.g. a line break)",
        )
    })
}
