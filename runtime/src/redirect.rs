//! Redirects: followed within the origin, refused with a clear error when they leave it.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use url::Url;

use crate::error::Error;

/// How many redirects one request may follow.
const MOST_REDIRECTS: usize = 10;

/// Follows at most 10 redirects, and only those that stay on the origin (scheme, host and
/// port) they started from, so credentials in custom headers never leave it. A redirect
/// elsewhere is not followed: its answer comes back, and [`refused`] names it.
pub(crate) fn same_origin_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MOST_REDIRECTS {
            attempt.error("more than 10 redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// [`Error::ForeignRedirect`] when an answer to a request for `url` is a redirect that
/// [`same_origin_policy`] did not follow.
pub(crate) fn refused(
    operation: &'static str,
    url: &Url,
    status: StatusCode,
    headers: &HeaderMap,
) -> Option<Error> {
    if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
        return None;
    }
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let location = match url.join(location) {
        Ok(mut target) => {
            // Only where it pointed: a user name, password or query may hold secrets.
            let _ = target.set_username("");
            let _ = target.set_password(None);
            target.set_query(None);
            target.set_fragment(None);
            target.to_string()
        }
        Err(_) => location.chars().take(512).collect(),
    };
    Some(Error::ForeignRedirect {
        operation,
        status: status.as_u16(),
        location,
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn answer(location: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            LOCATION,
            HeaderValue::from_str(location).expect("header value"),
        );
        headers
    }

    #[test]
    fn a_refused_redirect_names_where_it_pointed_without_secrets() {
        let url = Url::parse("https://api.example.com/v1/apps?cursor=a").expect("url");
        let headers = answer("http://user:pass@evil.example:8443/steal?token=t#f");
        let error = refused("Op", &url, StatusCode::FOUND, &headers).expect("refused");
        let Error::ForeignRedirect {
            status, location, ..
        } = error
        else {
            panic!("expected ForeignRedirect, got {error:?}");
        };
        assert_eq!(status, 302);
        assert_eq!(location, "http://evil.example:8443/steal");
    }

    #[test]
    fn relative_locations_resolve_and_other_answers_are_not_redirects() {
        let url = Url::parse("http://127.0.0.1:9/v1/apps").expect("url");
        let error = refused(
            "Op",
            &url,
            StatusCode::TEMPORARY_REDIRECT,
            &answer("/v2/apps"),
        );
        assert!(matches!(
            error,
            Some(Error::ForeignRedirect { ref location, .. }) if location == "http://127.0.0.1:9/v2/apps"
        ));
        assert!(refused("Op", &url, StatusCode::NOT_MODIFIED, &answer("/x")).is_none());
        assert!(refused("Op", &url, StatusCode::OK, &answer("/x")).is_none());
        assert!(refused("Op", &url, StatusCode::FOUND, &HeaderMap::new()).is_none());
    }
}
