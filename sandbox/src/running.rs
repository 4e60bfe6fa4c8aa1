//! [`RunningSandbox`]: the handle to a started sandbox.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::record::RecordedRequest;
use crate::state::Shared;

/// How long [`RunningSandbox::shutdown`] waits for open connections before aborting.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A sandbox serving on `127.0.0.1`. Dropping it stops the server too.
pub struct RunningSandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    pub(crate) fn new(
        shared: Arc<Shared>,
        addr: SocketAddr,
        stop: oneshot::Sender<()>,
        task: JoinHandle<()>,
    ) -> Self {
        RunningSandbox {
            shared,
            addr,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Makes the next `times` requests (whatever their token or path) answer `status` in
    /// Apple's error shape (429 → `RATE_LIMIT_EXCEEDED`, 500 → `UNEXPECTED_ERROR`,
    /// 503 → `SERVICE_UNAVAILABLE`, …), with `Retry-After: retry_after` when given.
    /// Calls queue up: later faults follow earlier ones.
    pub fn fail_next(&self, status: u16, times: usize, retry_after: Option<&str>) {
        self.shared.faults.push(status, times, retry_after);
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.log.snapshot()
    }

    /// How many requests arrived so far.
    pub fn request_count(&self) -> usize {
        self.shared.log.len()
    }

    /// Stops accepting connections, lets open ones finish (up to 5 s), and waits for the
    /// server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
        {
            tracing::warn!("sandbox connections did not close in time; aborting");
            task.abort();
        }
    }
}

impl Drop for RunningSandbox {
    /// Signals the server to stop; the listener closes as soon as the runtime polls it.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("addr", &self.addr)
            .field("requests", &self.request_count())
            .finish()
    }
}
