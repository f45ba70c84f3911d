//! The admin HTTP port: `/metrics` (Prometheus text), `/healthz` (the process
//! is alive) and `/readyz` (connected to Kafka and holding a group
//! assignment, possibly empty).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::{extract::State, http::StatusCode, response::IntoResponse, routing::get, Router};
use tokio_util::sync::CancellationToken;

use crate::metrics::Metrics;

/// A check of the stage's own dependencies (see `Stage::dependencies_ok`).
type DependencyCheck = Box<dyn Fn() -> bool + Send + Sync>;

/// Readiness: flipped by the transport, and false while the stage reports
/// a dependency down.
#[derive(Default)]
pub struct Health {
    ready: AtomicBool,
    dependencies: std::sync::OnceLock<DependencyCheck>,
}

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health")
            .field("ready", &self.is_ready())
            .finish()
    }
}

impl Health {
    /// Marks the service ready (or not).
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::Relaxed);
    }
    /// Adds the stage's dependency check (once).
    pub fn set_dependency_check(&self, check: impl Fn() -> bool + Send + Sync + 'static) {
        let _ = self.dependencies.set(Box::new(check));
    }
    /// Whether the service is ready: in its group, and its dependencies up.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed) && self.dependencies.get().is_none_or(|check| check())
    }
}

#[derive(Clone)]
struct AdminState {
    metrics: Metrics,
    health: Arc<Health>,
}

/// The admin routes.
pub fn router(metrics: Metrics, health: Arc<Health>) -> Router {
    Router::new()
        .route("/metrics", get(metrics_handler))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready_handler))
        .with_state(AdminState { metrics, health })
}

async fn metrics_handler(State(state): State<AdminState>) -> impl IntoResponse {
    (
        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(),
    )
}

async fn ready_handler(State(state): State<AdminState>) -> impl IntoResponse {
    if state.health.is_ready() {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
    }
}

/// Binds the admin port and serves until `shutdown` fires. Returns the bound
/// address (useful with port 0) and the server task.
pub async fn serve(
    listen: SocketAddr,
    metrics: Metrics,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = router(metrics, health);
    let task = tokio::spawn(async move {
        let result = axum::serve(listener, app)
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await;
        if let Err(e) = result {
            tracing::error!(error = %e, "admin server failed");
        }
    });
    Ok((addr, task))
}
