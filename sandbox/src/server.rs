//! Binding, routing and spawning the HTTP server.

use std::net::Ipv4Addr;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use crate::apps;
use crate::chaos::ChaosEngine;
use crate::faults::FaultQueue;
use crate::pipeline::pipeline;
use crate::rate::RateLimit;
use crate::record::RequestLog;
use crate::state::Shared;
use crate::{RunningSandbox, Sandbox, SandboxError};

/// Binds a free loopback port and spawns the server on the current runtime.
pub(crate) async fn start(config: Sandbox) -> Result<RunningSandbox, SandboxError> {
    let runtime = Handle::try_current().map_err(|_| SandboxError::NoRuntime)?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(SandboxError::Bind)?;
    let addr = listener.local_addr().map_err(SandboxError::Bind)?;
    let base_url = format!("http://{addr}");
    let shared = Arc::new(Shared {
        verifier: config.verifier,
        apps: config.apps,
        page_size: config.page_size,
        next_link_base: config.next_link_base.unwrap_or_else(|| base_url.clone()),
        base_url,
        log: RequestLog::new(config.record_requests),
        faults: FaultQueue::default(),
        rate: RateLimit::new(config.hourly_limit),
        chaos: config.chaos.map(ChaosEngine::new),
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(Arc::clone(&shared));
    let task = runtime.spawn(async move {
        let signal = async move {
            let _ = stopped.await;
        };
        if let Err(error) = axum::serve(listener, app)
            .with_graceful_shutdown(signal)
            .await
        {
            tracing::warn!(%error, "sandbox server stopped with an error");
        }
    });
    tracing::debug!(%addr, "sandbox listening");
    Ok(RunningSandbox::new(shared, addr, stop, task))
}

/// The routes, wrapped in the per-request [`pipeline`].
fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/v1/apps",
            get(apps::list_apps).fallback(apps::method_not_allowed),
        )
        .route(
            "/v1/apps/{id}",
            get(apps::read_app).fallback(apps::method_not_allowed),
        )
        .fallback(apps::not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            pipeline,
        ))
        .with_state(shared)
}
