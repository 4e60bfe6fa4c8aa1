//! Where a `links.next` may lead: only to the origin of the client's base URL.

use url::Url;

use crate::credential_query;
use crate::error::Error;
use crate::response::snippet;

/// Resolves `link` against `base` (so relative links work) and checks that it stays on
/// the base URL's origin. User name, password and fragment are dropped; the query is
/// kept as given, since it carries the cursor and the original filters.
pub(crate) fn next_url(base: &Url, operation: &'static str, link: &str) -> Result<Url, Error> {
    let invalid = |reason: String| Error::InvalidNextLink {
        operation,
        url: snippet(link.as_bytes()),
        reason,
    };
    let mut url = base
        .join(link.trim())
        .map_err(|error| invalid(format!("it is not a URL ({error})")))?;
    // Both only fail for URLs that cannot have credentials, which then have none.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    if !same_origin(base, &url) {
        return Err(Error::ForeignNextLink {
            operation,
            url: url.into(),
        });
    }
    Ok(url)
}

/// `error` with the values of the query pairs named in `names` (the credential query
/// parameters of the request being paged) redacted from the link it shows.
pub(crate) fn redacted(error: Error, names: &[&str]) -> Error {
    match error {
        Error::ForeignNextLink { operation, url } => Error::ForeignNextLink {
            operation,
            url: credential_query::redact(&url, names),
        },
        Error::InvalidNextLink {
            operation,
            url,
            reason,
        } => Error::InvalidNextLink {
            operation,
            url: credential_query::redact(&url, names),
            reason,
        },
        other => other,
    }
}

/// True if both URLs have the same scheme, host and port, default ports normalised
/// (`https://h` equals `https://h:443`).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host().is_some()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    fn next(base: &str, link: &str) -> Result<String, Error> {
        next_url(&url(base), "op", link).map(String::from)
    }

    #[test]
    fn origin_compares_scheme_host_and_port() {
        let base = url("https://api.appstoreconnect.apple.com");
        assert!(same_origin(
            &base,
            &url("https://api.appstoreconnect.apple.com:443/v1/x")
        ));
        assert!(same_origin(
            &base,
            &url("https://API.AppStoreConnect.apple.com/v1")
        ));
        assert!(!same_origin(
            &base,
            &url("http://api.appstoreconnect.apple.com/v1")
        ));
        assert!(!same_origin(
            &base,
            &url("https://api.appstoreconnect.apple.com:8443/")
        ));
        assert!(!same_origin(&base, &url("https://evil.example/v1")));
        assert!(!same_origin(
            &base,
            &url("https://api.appstoreconnect.apple.com.evil.example/")
        ));
        let local = url("http://127.0.0.1:8080/api");
        assert!(same_origin(&local, &url("http://127.0.0.1:8080/other")));
        assert!(!same_origin(&local, &url("http://127.0.0.1:8081/api")));
        assert!(!same_origin(&local, &url("http://localhost:8080/api")));
        assert!(same_origin(&url("http://h"), &url("http://h:80/")));
        assert!(!same_origin(&url("http://h"), &url("https://h:80/")));
    }

    #[test]
    fn absolute_links_keep_their_query() {
        let link =
            "https://api.appstoreconnect.apple.com/v1/apps?cursor=AbC%3D&limit=2&filter%5Bx%5D=y";
        assert_eq!(
            next("https://api.appstoreconnect.apple.com", link).expect("ok"),
            link
        );
    }

    #[test]
    fn relative_links_resolve_against_the_base() {
        let base = "http://127.0.0.1:9/api/";
        assert_eq!(
            next(base, "/v1/apps?cursor=2").expect("ok"),
            "http://127.0.0.1:9/v1/apps?cursor=2"
        );
        assert_eq!(
            next(base, "v1/apps?cursor=2").expect("ok"),
            "http://127.0.0.1:9/api/v1/apps?cursor=2"
        );
        assert_eq!(
            next(base, "?cursor=3").expect("ok"),
            "http://127.0.0.1:9/api/?cursor=3"
        );
        match next(base, "//evil.example/v1/apps") {
            Err(Error::ForeignNextLink { url, .. }) => {
                assert_eq!(url, "http://evil.example/v1/apps")
            }
            other => panic!("scheme-relative link to another host: {other:?}"),
        }
    }

    #[test]
    fn credentials_and_fragments_are_dropped() {
        let cleaned = next("https://h.example", "https://u:p@h.example/v1?c=1#frag").expect("ok");
        assert_eq!(cleaned, "https://h.example/v1?c=1");
        match next("https://h.example", "https://u:p@other.example/") {
            Err(Error::ForeignNextLink { url, operation }) => {
                assert_eq!((url.as_str(), operation), ("https://other.example/", "op"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn echoed_credentials_are_redacted_from_errors() {
        let names = ["key"];
        let foreign = next(
            "https://h.example",
            "https://evil.example/v1?key=s3cret&c=1",
        )
        .map_err(|error| redacted(error, &names));
        match foreign {
            Err(Error::ForeignNextLink { url, .. }) => {
                assert_eq!(url, "https://evil.example/v1?key=<redacted>&c=1")
            }
            other => panic!("{other:?}"),
        }
        let invalid = next("https://h.example", "http://[::1/?key=s3cret")
            .map_err(|error| redacted(error, &names));
        match invalid {
            Err(error @ Error::InvalidNextLink { .. }) => {
                assert!(
                    !format!("{error} {error:?}").contains("s3cret"),
                    "{error:?}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unusable_links_are_invalid() {
        for link in ["http://h:99999/", "http://", "https://[::1/"] {
            assert!(
                matches!(
                    next("https://h.example", link),
                    Err(Error::InvalidNextLink { .. })
                ),
                "{link}"
            );
        }
        assert!(matches!(
            next("https://h.example", "mailto:x@h.example"),
            Err(Error::ForeignNextLink { .. })
        ));
        let long = format!("http://[{}", "x".repeat(5000));
        match next("https://h.example", &long) {
            Err(Error::InvalidNextLink { url, .. }) => assert!(url.len() <= 512),
            other => panic!("{other:?}"),
        }
    }
}
