//! The log of received requests.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One request the sandbox received. Never holds the `Authorization` header or the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `"GET"`.
    pub method: String,
    /// The path as received, still percent-encoded (so `/v1/apps/a%2Fb` stays one segment).
    pub path: String,
    /// The query string as received, without `?`.
    pub raw_query: Option<String>,
    /// Percent-decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Whether the bearer token passed verification.
    pub authorized: bool,
    /// HTTP status of the answer (0 while the answer is still being produced).
    pub status: u16,
}

/// Requests in arrival order; the status is filled in when the answer is ready. When not
/// recording, requests are only counted.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: Mutex<Vec<RecordedRequest>>,
    recording: bool,
    count: AtomicUsize,
}

impl RequestLog {
    /// An empty log that keeps requests if `recording`, else only counts them.
    pub(crate) fn new(recording: bool) -> Self {
        RequestLog {
            entries: Mutex::new(Vec::new()),
            recording,
            count: AtomicUsize::new(0),
        }
    }

    /// Appends a request on arrival (or only counts it) and returns its position.
    pub(crate) fn begin(&self, request: RecordedRequest) -> usize {
        let index = self.count.fetch_add(1, Ordering::Relaxed);
        if !self.recording {
            return index;
        }
        let mut entries = self.lock();
        entries.push(request);
        entries.len() - 1
    }

    /// Stores the answer's status for the request at `index`.
    pub(crate) fn finish(&self, index: usize, status: u16) {
        if let Some(entry) = self.lock().get_mut(index) {
            entry.status = status;
        }
    }

    /// A copy of every entry.
    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.lock().clone()
    }

    /// How many requests arrived.
    pub(crate) fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
