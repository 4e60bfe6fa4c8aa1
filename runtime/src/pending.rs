//! Named futures and streams for what generated requests return: [`Sending`] (an answer
//! being fetched), [`Pages`] and [`Items`] (a listing being followed page by page).
//!
//! They box the runtime's own futures, so generated code has no `async` body and no opaque
//! return type of its own; that keeps large generated crates quick to check, at the cost
//! of one allocation per call.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::Error;
use crate::paging::Page;
use crate::response::Response;

/// A request being sent: resolves to its decoded answer, or to the error that stopped it.
/// Nothing is sent before it is first polled.
#[must_use = "a request is only sent when the future is awaited"]
pub struct Sending<T> {
    inner: Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>,
}

impl<T> Sending<T> {
    /// Wraps `future`.
    pub fn new(future: impl Future<Output = Result<T, Error>> + Send + 'static) -> Self {
        Self {
            inner: Box::pin(future),
        }
    }
}

impl<T> Future for Sending<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(context)
    }
}

impl<T> fmt::Debug for Sending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sending")
    }
}

/// The pages of a listing, each a decoded answer; see [`Client::pages`](crate::Client::pages).
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    inner: Pin<Box<dyn Stream<Item = Result<Response<T>, Error>> + Send>>,
}

impl<T> Pages<T> {
    pub(crate) fn new(
        stream: impl Stream<Item = Result<Response<T>, Error>> + Send + 'static,
    ) -> Self {
        Self {
            inner: Box::pin(stream),
        }
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<Response<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(context)
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pages")
    }
}

/// The items of every page of a listing, in order; see
/// [`Client::items`](crate::Client::items).
#[must_use = "streams do nothing unless polled"]
pub struct Items<T: Page> {
    inner: Pin<Box<dyn Stream<Item = Result<T::Item, Error>> + Send>>,
}

impl<T: Page> Items<T> {
    pub(crate) fn new(stream: impl Stream<Item = Result<T::Item, Error>> + Send + 'static) -> Self {
        Self {
            inner: Box::pin(stream),
        }
    }
}

impl<T: Page> Stream for Items<T> {
    type Item = Result<T::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(context)
    }
}

impl<T: Page> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Items")
    }
}
