//! Answers read as they arrive: a [`ByteStream`] of chunks, or written to an
//! [`AsyncWrite`] without holding the whole body in memory.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt as _;
use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use crate::body;
use crate::client::Client;
use crate::error::Error;
use crate::execute::SuccessBody;
use crate::pending::Sending;
use crate::request::Request;
use crate::response::{self, Response};

/// The body of a successful answer, chunk by chunk as it arrives. A chunk that cannot be
/// read (the connection drops mid-body) is an [`Error::CutShort`] or [`Error::Timeout`]
/// item, and the stream ends after it: a body is never retried once it has started.
#[must_use = "streams do nothing unless polled"]
pub struct ByteStream {
    operation: &'static str,
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>,
}

impl ByteStream {
    fn new(operation: &'static str, answer: reqwest::Response) -> Self {
        let status = answer.status().as_u16();
        let declared = answer.content_length();
        let start = Some((answer, 0u64));
        let chunks = futures_util::stream::unfold(start, move |state| async move {
            let (mut answer, received) = state?;
            // The URL may carry a credential in its query: errors name the operation instead.
            match answer.chunk().await.map_err(reqwest::Error::without_url) {
                Ok(Some(chunk)) => {
                    let received = received + chunk.len() as u64;
                    Some((Ok(chunk), Some((answer, received))))
                }
                Ok(None) => None,
                Err(source) => {
                    let error = Error::from_reqwest(operation, source);
                    Some((
                        Err(body::cut_short(error, status, received, declared)),
                        None,
                    ))
                }
            }
        });
        Self {
            operation,
            inner: Box::pin(chunks),
        }
    }

    /// Writes every chunk to `writer`, then flushes it; returns how many bytes were written.
    ///
    /// # Errors
    ///
    /// The error of a chunk that could not be read, or [`Error::Write`] when `writer`
    /// refuses the bytes.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(
        mut self,
        writer: &mut W,
    ) -> Result<u64, Error> {
        let mut written = 0u64;
        let operation = self.operation;
        let write_error = |source| Error::Write { operation, source };
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await.map_err(write_error)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(write_error)?;
        Ok(written)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(context)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}

impl Client {
    /// Sends `request` (retrying as the policy allows until an answer arrives) and returns
    /// a successful answer with its body still to be read, as a [`ByteStream`]. Error
    /// answers are read and decoded as [`Client::execute`] does.
    ///
    /// # Errors
    ///
    /// As [`Client::execute`], for everything up to the answer's headers.
    pub async fn execute_stream(&self, request: Request) -> Result<Response<ByteStream>, Error> {
        let url = self.url_for(&request)?;
        let answer = self
            .send_with_retries(&request, &url, SuccessBody::Open)
            .await?;
        let operation = request.operation();
        let response = response::decode_with(
            operation,
            answer.status,
            answer.headers,
            &answer.body,
            |_, _| Ok(()),
        )?;
        let open = answer.open.ok_or_else(|| Error::UndecodableBody {
            operation,
            status: response.status.as_u16(),
            reason: "the answer's body was read before it could be streamed".to_owned(),
            snippet: String::new(),
            rate_limit: response.rate_limit(),
        })?;
        Ok(Response {
            status: response.status,
            headers: response.headers,
            body: ByteStream::new(operation, open),
        })
    }

    /// [`Client::execute_stream`] for a request that may have failed to build.
    pub fn send_stream(&self, request: Result<Request, Error>) -> Sending<Response<ByteStream>> {
        let client = self.clone();
        Sending::new(async move { client.execute_stream(request?).await })
    }
}
