//! The Kafka transport.
//!
//! Three parts cooperate:
//! - a *poll thread* (`poller`) owns every call on the consumer: it takes
//!   messages while in-flight permits are free (pausing the assignment when
//!   they are not), serves rebalance callbacks, and commits watermarks;
//! - *workers* (`worker`), one tokio task per message, decode, run the
//!   stage with retries, produce the outputs (or the dead letter) and wait for
//!   the broker's acknowledgement before marking the offset finished;
//! - the [`OffsetTracker`] between them turns
//!   out-of-order completion into a contiguous commit watermark.
//!
//! That is at-least-once mode; exactly-once mode (`transactional`) reuses
//! the same per-message logic (`prepare`) in a gather–process–commit loop.
//!
//! Shutdown (SIGTERM, or the token passed to [`run`]): stop taking messages,
//! let in-flight work finish within the drain deadline, commit what is done,
//! flush the producer, leave the group. Work still running after the deadline
//! is abandoned uncommitted, so a later owner redoes it.

mod client;
pub mod dlq;
mod poller;
mod prepare;
mod transactional;
mod worker;

use std::sync::Arc;
use std::time::Duration;

use rdkafka::producer::Producer;
use tokio::sync::{mpsc, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::admin::Health;
use crate::config::{DeliveryMode, Settings};
use crate::metrics::Metrics;
use crate::stage::Stage;
use crate::watermark::OffsetTracker;

pub use client::{consumer_config, producer_config};
pub use prepare::{DECODE, OUTPUT_TOO_LARGE};

/// Why the transport could not run. All of these need an operator: the
/// service exits non-zero and is restarted.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The configuration does not fit the stage.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The Kafka client could not be created or subscribed.
    #[error("kafka client: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// The poll thread died.
    #[error("poll thread failed: {0}")]
    PollThread(String),
}

/// Runs `stage` on Kafka until `shutdown` fires, then drains and returns.
pub async fn run<S: Stage>(
    stage: Arc<S>,
    settings: &Settings,
    metrics: Metrics,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> Result<(), TransportError> {
    let binding = settings.binding(stage.name(), stage.outputs())?;
    let input = settings.topic(&binding.input)?.clone();
    let mut outputs = std::collections::HashMap::new();
    for name in stage.outputs() {
        let role = &binding.outputs[*name];
        outputs.insert(*name, settings.topic(role)?.clone());
    }
    let stage_metrics = metrics.stage(stage.name());
    let permits = Arc::new(Semaphore::new(settings.runtime.max_in_flight));
    let core = prepare::Core {
        stage,
        input,
        outputs,
        retry: settings.runtime.retry_policy(),
        metrics: stage_metrics,
        // Work stops retrying when the drain deadline passes.
        abandon: CancellationToken::new(),
        permits: permits.clone(),
        waiting: Arc::new(Semaphore::new(settings.runtime.max_waiting)),
    };
    if settings.kafka.delivery == DeliveryMode::ExactlyOnce {
        return transactional::run(core, settings, metrics, health, shutdown).await;
    }
    let stage = core.stage.clone();
    let stage_metrics = core.metrics.clone();
    let input = core.input.clone();
    let tracker = Arc::new(OffsetTracker::default());
    let producer: rdkafka::producer::FutureProducer =
        producer_config(settings, stage.name()).create()?;
    let context = client::RuntimeContext::new(
        tracker.clone(),
        metrics.clone(),
        stage_metrics.clone(),
        health.clone(),
        Duration::from_secs(settings.runtime.drain_timeout_secs),
    );
    let consumer: rdkafka::consumer::BaseConsumer<client::RuntimeContext> =
        consumer_config(settings, stage.name()).create_with_context(context)?;
    rdkafka::consumer::Consumer::subscribe(&consumer, &[&input.name])?;
    tracing::info!(stage = stage.name(), topic = %input.name, brokers = %settings.kafka.brokers, "subscribed");

    let (work_tx, mut work_rx) = mpsc::unbounded_channel();
    let poll_shutdown = CancellationToken::new();
    let poller = poller::Poller {
        consumer: Arc::new(consumer),
        tracker: tracker.clone(),
        permits: permits.clone(),
        work: work_tx,
        metrics: stage_metrics.clone(),
        commit_interval: Duration::from_millis(settings.runtime.commit_interval_ms),
        buffer_messages: settings.runtime.max_buffered_messages,
        buffer_bytes: settings.runtime.max_buffered_bytes,
        drain_timeout: Duration::from_secs(settings.runtime.drain_timeout_secs),
        shutdown: poll_shutdown.clone(),
    };
    let poll_thread = std::thread::Builder::new()
        .name(format!("{}-poll", stage.name()))
        .spawn(move || poller.run())
        .map_err(|e| TransportError::PollThread(e.to_string()))?;

    let shared = Arc::new(worker::Shared {
        core,
        producer: producer.clone(),
        tracker,
    });
    let tasks = TaskTracker::new();
    loop {
        tokio::select! {
            work = work_rx.recv() => match work {
                Some(work) => { tasks.spawn(worker::process(shared.clone(), work)); }
                None => break,
            },
            _ = shutdown.cancelled() => break,
        }
    }
    // Stop taking work; the poll thread drains, commits and leaves the group.
    health.set_ready(false);
    poll_shutdown.cancel();
    let drain = Duration::from_secs(settings.runtime.drain_timeout_secs);
    tasks.close();
    // Messages already handed over but not started are still run: they are
    // tracked as pending, and the poll thread waits for them.
    let pending_work = async {
        while let Some(work) = work_rx.recv().await {
            tasks.spawn(worker::process(shared.clone(), work));
        }
    };
    let _ = tokio::time::timeout(drain, async {
        pending_work.await;
        tasks.wait().await;
    })
    .await;
    shared.core.abandon.cancel();
    let join = tokio::task::spawn_blocking(move || poll_thread.join());
    match join.await {
        Ok(Ok(())) => {}
        Ok(Err(_)) => return Err(TransportError::PollThread("panicked".into())),
        Err(e) => return Err(TransportError::PollThread(e.to_string())),
    }
    let flush = tokio::task::spawn_blocking(move || producer.flush(Duration::from_secs(10)));
    if let Ok(Err(e)) = flush.await {
        tracing::warn!(error = %e, "producer flush incomplete");
    }
    tracing::info!("stopped");
    Ok(())
}
