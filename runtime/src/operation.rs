//! The methods every generated request has, declared with [`send!`](crate::send) and
//! [`pages!`](crate::pages).
//!
//! A generated request is a struct with a `client: Client` field and a
//! `fn build(&self) -> Result<Request, Error>` that checks its parameters and makes the
//! HTTP request. These macros add what sends it: `send`, and for listings that link to a
//! next page `pages`, `items` and `collect_all`.

/// Adds `send` to a generated request: it builds the request, sends it and decodes the
/// answer as JSON (`json`), UTF-8 text (`text`) or bytes (`bytes`).
///
/// ```
/// use connector_runtime::{Client, Error, Method, Request};
///
/// pub struct ListApps {
///     client: Client,
/// }
///
/// impl ListApps {
///     pub fn build(&self) -> Result<Request, Error> {
///         Ok(Request::new("List", Method::GET, "/v1/apps"))
///     }
/// }
///
/// connector_runtime::send!(ListApps -> json serde_json::Value);
/// ```
///
/// Requests answered with bytes also get `stream`, which hands the body over as it arrives.
#[macro_export]
macro_rules! send {
    ($request:ident -> bytes $body:ty) => {
        $crate::send!(@send $request -> bytes $body);

        impl $request {
            /// Checks the parameters, sends the request and returns the answer with its body
            /// still to be read: a [`ByteStream`]($crate::ByteStream) of chunks, or
            /// [`write_to`]($crate::ByteStream::write_to) a file, so a large download
            /// never sits whole in memory.
            ///
            /// # Errors
            ///
            /// As `send`, up to the answer's headers; then each chunk may fail on its own.
            pub fn stream(self) -> $crate::Sending<$crate::Response<$crate::ByteStream>> {
                let request = self.build();
                self.client.send_stream(request)
            }
        }
    };
    ($request:ident -> $decoding:ident $body:ty) => {
        $crate::send!(@send $request -> $decoding $body);
    };
    (@send $request:ident -> $decoding:ident $body:ty) => {
        impl $request {
            /// Checks the parameters, sends the request and decodes the answer.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`]($crate::Error::InvalidRequest) when a parameter is
            /// out of bounds (nothing is sent), and the transport, API and decoding errors of
            /// [`Client::execute`]($crate::Client::execute).
            pub fn send(self) -> $crate::Sending<$crate::Response<$body>> {
                let request = self.build();
                $crate::__execute!($decoding, self.client, request)
            }
        }
    };
}

/// How `send` decodes the answer.
#[doc(hidden)]
#[macro_export]
macro_rules! __execute {
    (json, $client:expr, $request:ident) => {
        $client.send_json($request)
    };
    (text, $client:expr, $request:ident) => {
        $client.send_text($request)
    };
    (bytes, $client:expr, $request:ident) => {
        $client.send_bytes($request)
    };
}

/// Adds `pages`, `items` and `collect_all` to a generated request whose answer, a
/// [`Page`](crate::Page), links to the next page.
///
/// Written `Request -> Body of Item`: the body's type and the type of one item.
#[macro_export]
macro_rules! pages {
    ($request:ident -> $body:ty, $item:ty) => {
        impl $request {
            /// Sends the request, then follows `links.next` page after page until the last
            /// one.
            ///
            /// Nothing is sent before the stream is polled. A next link that leaves the
            /// client's base URL (scheme, host and port) ends the stream with
            /// [`Error::ForeignNextLink`]($crate::Error::ForeignNextLink): the token is never
            /// sent elsewhere.
            pub fn pages(self) -> $crate::Pages<$body> {
                let first = self.build();
                self.client.pages::<$body>(first)
            }

            /// The items of every page, in order; see [`pages`](Self::pages).
            pub fn items(self) -> $crate::Items<$body> {
                let first = self.build();
                self.client.items::<$body>(first)
            }

            /// The items of at most `max_pages` pages (0 means no cap); see
            /// [`pages`](Self::pages).
            ///
            /// # Errors
            ///
            /// The first error of any page.
            pub fn collect_all(self, max_pages: usize) -> $crate::Sending<::std::vec::Vec<$item>> {
                let first = self.build();
                self.client.collect_all::<$body>(first, max_pages)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt as _;

    use crate::{Client, Error, Method, Request};

    crate::model! {
        /// A page of apps.
        pub struct Apps: Deserialize {
            "data" => pub data: Vec<String>,
            "links" => pub links: Option<serde_json::Value>,
        }
    }

    impl crate::Page for Apps {
        type Item = String;

        fn next_link(&self) -> Option<&str> {
            self.links.as_ref()?.get("next")?.as_str()
        }

        fn into_items(self) -> Vec<String> {
            self.data
        }
    }

    pub struct ListApps {
        client: Client,
        bad: bool,
    }

    impl ListApps {
        pub fn build(&self) -> Result<Request, Error> {
            if self.bad {
                return Err(Error::invalid_request("List", "limit", "is bad"));
            }
            Ok(Request::new("List", Method::GET, "/v1/apps"))
        }
    }

    crate::send!(ListApps -> json Apps);
    crate::pages!(ListApps -> Apps, String);

    #[tokio::test]
    async fn a_request_that_does_not_build_sends_nothing() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let list = || ListApps {
            client: client.clone(),
            bad: true,
        };
        assert!(matches!(
            list().send().await,
            Err(Error::InvalidRequest { .. })
        ));
        assert!(matches!(
            list().collect_all(0).await,
            Err(Error::InvalidRequest { .. })
        ));
        let mut pages = std::pin::pin!(list().pages());
        assert!(matches!(
            pages.next().await,
            Some(Err(Error::InvalidRequest { .. }))
        ));
        assert!(pages.next().await.is_none());
        let mut items = std::pin::pin!(list().items());
        assert!(matches!(
            items.next().await,
            Some(Err(Error::InvalidRequest { .. }))
        ));
    }
}
