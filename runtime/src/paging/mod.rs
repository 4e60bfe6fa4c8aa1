//! Following `links.next` from page to page, as a lazy [`Stream`].

mod link;

use std::sync::Arc;

pub use futures_core::Stream;
use futures_util::StreamExt as _;
use futures_util::stream;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::client::Client;
use crate::credential_query;
use crate::error::Error;
use crate::pending::{Items, Pages, Sending};
use crate::request::Request;
use crate::response::{self, Response};

/// A response document that may link to a next page.
pub trait Page: DeserializeOwned + Send + 'static {
    /// One element of the page.
    type Item: Send + 'static;

    /// The URL of the next page (`links.next`), if any: absolute, or relative to the
    /// client's base URL.
    fn next_link(&self) -> Option<&str>;

    /// The page's elements, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Any JSON:API document: the next link is the string at `/links/next`; the items are
/// the `data` array (a `data` object is one item; absent or `null` is none).
impl Page for Value {
    type Item = Value;

    fn next_link(&self) -> Option<&str> {
        self.pointer("/links/next").and_then(Value::as_str)
    }

    fn into_items(self) -> Vec<Value> {
        let Value::Object(mut document) = self else {
            return Vec::new();
        };
        match document.remove("data") {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) => Vec::new(),
            Some(item) => vec![item],
        }
    }
}

/// How a page stream decodes a successful body.
type Decode<T> = dyn Fn(StatusCode, &[u8]) -> Result<T, String> + Send + Sync;

/// Where a page stream stands between two polls.
enum Cursor {
    /// The first request (or the error building it), not sent yet.
    First(Result<Request, Error>),
    /// The next page: the first request as template, sent to this URL.
    Next(Request, Url),
    /// The next link could not be followed; this error is the last item.
    Failed(Error),
    /// Nothing more.
    Done,
}

impl Client {
    /// Pages of the list `first` asks for: sends `first`, then follows each page's
    /// `links.next` until a page has none. A build error of `first` is the stream's only
    /// item; an error on any page is its last. Lazy: nothing is sent before the first
    /// poll, and each page is requested only when the previous one was taken. Every page
    /// request is retried as the [`RetryPolicy`](crate::RetryPolicy) allows. A next link
    /// to another scheme, host or port ends the stream with [`Error::ForeignNextLink`].
    pub fn pages<T: Page>(&self, first: Result<Request, Error>) -> Pages<T> {
        self.pages_with(first, |_, body| response::json(body))
    }

    /// [`Client::pages`], with each successful body decoded by `decode` (given the status
    /// and the bytes) instead of as JSON into `T`: for callers that judge a page by other
    /// types before keeping it.
    pub fn pages_with<T: Page>(
        &self,
        first: Result<Request, Error>,
        decode: impl Fn(StatusCode, &[u8]) -> Result<T, String> + Send + Sync + 'static,
    ) -> Pages<T> {
        let client = self.clone();
        let decode: Arc<Decode<T>> = Arc::new(decode);
        Pages::new(stream::unfold(Cursor::First(first), move |cursor| {
            let client = client.clone();
            let decode = Arc::clone(&decode);
            async move { client.next_page::<T>(cursor, &*decode).await }
        }))
    }

    /// The items of every page of [`Client::pages`], in order; an error is the last item.
    pub fn items<T: Page>(&self, first: Result<Request, Error>) -> Items<T> {
        Items::new(
            self.pages::<T>(first)
                .flat_map(|page| stream::iter(page_items(page))),
        )
    }

    /// The items of at most `max_pages` pages (`0` = no cap) of [`Client::pages`], in
    /// order. Fails with the first error; stops requesting once the cap is reached.
    ///
    /// ```no_run
    /// # async fn demo(client: connector_runtime::Client) -> Result<(), connector_runtime::Error> {
    /// use connector_runtime::{Method, Request};
    ///
    /// let mut first = Request::new("List_Apps", Method::GET, "/v1/apps");
    /// first.query("limit", 200).credential_header("authorization", "Bearer ", "");
    /// // Every app, at most 10 pages of them.
    /// let apps = client.collect_all::<serde_json::Value>(Ok(first), 10).await?;
    /// # Ok(()) }
    /// ```
    pub fn collect_all<T: Page>(
        &self,
        first: Result<Request, Error>,
        max_pages: usize,
    ) -> Sending<Vec<T::Item>> {
        let mut pages = self.pages::<T>(first);
        Sending::new(async move {
            let mut items = Vec::new();
            let mut fetched = 0;
            while let Some(page) = pages.next().await {
                items.extend(page?.body.into_items());
                fetched += 1;
                if fetched == max_pages {
                    break;
                }
            }
            Ok(items)
        })
    }

    /// Sends `template` (same operation, method, headers, credential headers and body)
    /// to the URL `next` instead of its own path and query. `next` is resolved against
    /// the base URL and must have its scheme, host and port, else nothing is sent and
    /// the result is [`Error::ForeignNextLink`]. Its query is sent as given, except that
    /// pairs named by [`Request::credential_query`] are replaced by the credential.
    pub async fn execute_next<T: DeserializeOwned>(
        &self,
        template: &Request,
        next: &str,
    ) -> Result<Response<T>, Error> {
        let url = self.next_link_url(template, next)?;
        self.execute_at(template, &url, |_, body| response::json(body))
            .await
    }

    /// Fetches the page `cursor` points to and works out the cursor after it.
    async fn next_page<T: Page>(
        &self,
        cursor: Cursor,
        decode: &Decode<T>,
    ) -> Option<(Result<Response<T>, Error>, Cursor)> {
        let (request, url) = match cursor {
            Cursor::Done => return None,
            Cursor::First(Err(error)) | Cursor::Failed(error) => {
                return Some((Err(error), Cursor::Done));
            }
            Cursor::First(Ok(request)) => match self.url_for(&request) {
                Ok(url) => (request, url),
                Err(error) => return Some((Err(error), Cursor::Done)),
            },
            Cursor::Next(request, url) => (request, url),
        };
        match self.execute_at(&request, &url, decode).await {
            Ok(page) => {
                let after = self.cursor_after(&page.body, request, &url);
                Some((Ok(page), after))
            }
            Err(error) => Some((Err(error), Cursor::Done)),
        }
    }

    /// `link` resolved for `request` by [`link::next_url`], without the request's
    /// credential query pairs (a server may echo them; they are added again when sent),
    /// whose values are redacted from errors.
    fn next_link_url(&self, request: &Request, link: &str) -> Result<Url, Error> {
        let names = request.credential_query_names();
        link::next_url(self.base_url(), request.operation(), link)
            .map(|url| credential_query::without_credentials(&url, names))
            .map_err(|error| link::redacted(error, names))
    }

    /// The cursor after a page fetched from `url` with `request`.
    fn cursor_after<T: Page>(&self, page: &T, request: Request, url: &Url) -> Cursor {
        let Some(link) = page.next_link() else {
            return Cursor::Done;
        };
        match self.next_link_url(&request, link) {
            Ok(next) if next == *url => Cursor::Failed(Error::InvalidNextLink {
                operation: request.operation(),
                url: next.into(),
                reason: "it points to the page just fetched; paging stopped to avoid a loop"
                    .to_owned(),
            }),
            Ok(next) => Cursor::Next(request, next),
            Err(error) => Cursor::Failed(error),
        }
    }
}

fn page_items<T: Page>(page: Result<Response<T>, Error>) -> Vec<Result<T::Item, Error>> {
    match page {
        Ok(page) => page.body.into_items().into_iter().map(Ok).collect(),
        Err(error) => vec![Err(error)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_documents_are_pages() {
        let page = json!({"data": [1, 2], "links": {"next": "https://h/v1/x?cursor=a"}});
        assert_eq!(page.next_link(), Some("https://h/v1/x?cursor=a"));
        assert_eq!(page.into_items(), vec![json!(1), json!(2)]);
        let single = json!({"data": {"id": "1"}, "links": {"self": "x"}});
        assert_eq!(single.next_link(), None);
        assert_eq!(single.into_items(), vec![json!({"id": "1"})]);
    }

    #[test]
    fn odd_documents_have_no_items_or_links() {
        for odd in [
            json!({}),
            json!({"data": null}),
            json!(null),
            json!([1, 2]),
            json!("text"),
            json!({"links": {"next": 5}}),
            json!({"links": "next"}),
        ] {
            assert_eq!(odd.next_link(), None, "{odd}");
            assert!(odd.into_items().is_empty());
        }
    }
}
