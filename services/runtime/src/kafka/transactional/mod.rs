//! Exactly-once mode: consume–transform–produce in Kafka transactions.
//!
//! One OS thread owns the consumer and the transactional producer (every
//! blocking rdkafka call stays off the async workers) and repeats:
//! 1. *gather* a batch: up to `runtime.max_in_flight` messages or
//!    `kafka.transaction_batch_ms`, whichever comes first;
//! 2. *process* it: every message runs concurrently on the async runtime
//!    through the same [`prepare`] as at-least-once mode (retries included);
//! 3. *commit* it: begin a transaction, write every output and dead letter,
//!    add the batch's next offsets with the consumer's group metadata
//!    (`send_offsets_to_transaction`: a member that lost its partitions in
//!    a rebalance is fenced here, KIP-447), commit.
//!
//! Any failure aborts the transaction and rewinds the consumer to the
//! committed offsets, so the batch is redone. A fatal error (the producer
//! was fenced) or one whose outcome is unknown (a timed-out commit)
//! re-creates the producer first: `init_transactions` with the same
//! transactional id settles the previous transaction one way or the other,
//! and the committed offsets, read back from the broker, say which.
//!
//! Rebalance callbacks run only while gathering, when no transaction is
//! open: messages of revoked partitions are dropped from the batch (their
//! new owner reads them from the committed offset). Shutdown finishes and
//! commits the batch in progress if it can within the drain deadline;
//! otherwise the batch is abandoned and nothing of it becomes visible.

mod batcher;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::{ClientContext, Statistics};
use tokio_util::sync::CancellationToken;

use super::client::{partitions, report_error, report_stats};
use super::prepare::Core;
use super::{consumer_config, producer_config, TransportError};
use crate::admin::Health;
use crate::config::Settings;
use crate::metrics::Metrics;
use crate::stage::Stage;
use crate::watermark::TopicPartition;
use batcher::Batcher;

/// Timeout of the transactional calls (init, send offsets, commit, abort).
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The consumer context of exactly-once mode: lag, client errors, and the
/// partitions revoked since the gather loop last looked.
struct TxContext {
    metrics: Metrics,
    health: Arc<Health>,
    /// Read and emptied by the gather loop.
    revoked: Mutex<Vec<TopicPartition>>,
}

impl ClientContext for TxContext {
    fn stats(&self, statistics: Statistics) {
        report_stats(&self.metrics, &statistics);
    }
    fn error(&self, error: KafkaError, reason: &str) {
        report_error(&self.metrics, &error, reason);
    }
}

impl ConsumerContext for TxContext {
    fn pre_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(tpl) = rebalance {
            let revoked = partitions(tpl);
            tracing::info!(?revoked, "partitions revoked");
            for tp in &revoked {
                self.metrics.clear_lag(&tp.0, tp.1);
            }
            self.revoked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(revoked);
        }
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(tpl) => {
                tracing::info!(assigned = ?partitions(tpl), "partitions assigned");
                self.health.set_ready(true);
            }
            Rebalance::Revoke(_) => {}
            Rebalance::Error(e) => tracing::error!(error = %e, "rebalance error"),
        }
    }
}

/// The `transactional.id` of this instance (see `kafka.transactional_id`).
pub fn transactional_id(settings: &Settings, stage: &str) -> String {
    if !settings.kafka.transactional_id.is_empty() {
        return settings.kafka.transactional_id.clone();
    }
    if !settings.kafka.group_instance_id.is_empty() {
        return format!("newsflow-{stage}-{}", settings.kafka.group_instance_id);
    }
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".into());
    format!("newsflow-{stage}-{host}-{}", std::process::id())
}

/// Runs `core.stage` in exactly-once mode until `shutdown` fires.
pub(crate) async fn run<S: Stage>(
    core: Core<S>,
    settings: &Settings,
    metrics: Metrics,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> Result<(), TransportError> {
    let stage = core.stage.name();
    let context = TxContext {
        metrics,
        health: health.clone(),
        revoked: Mutex::new(Vec::new()),
    };
    let consumer: BaseConsumer<TxContext> =
        consumer_config(settings, stage).create_with_context(context)?;
    consumer.subscribe(&[&core.input.name])?;
    let id = transactional_id(settings, stage);
    let mut producer_config = producer_config(settings, stage);
    producer_config.set("transactional.id", &id).set(
        "transaction.timeout.ms",
        settings.kafka.transaction_timeout_ms.to_string(),
    );
    tracing::info!(
        stage,
        topic = %core.input.name,
        transactional_id = %id,
        "subscribed (exactly-once)"
    );
    let core = Arc::new(core);
    let stop = CancellationToken::new();
    // Should this future be dropped rather than shut down, the thread stops too.
    let _stop_on_drop = stop.clone().drop_guard();
    let mut batcher = Batcher {
        consumer,
        producer: None,
        producer_config,
        core: core.clone(),
        runtime: tokio::runtime::Handle::current(),
        max_batch: settings.runtime.max_in_flight,
        gather_for: Duration::from_millis(settings.kafka.transaction_batch_ms.into()),
        stop: stop.clone(),
        failures: 0,
    };
    let thread = std::thread::Builder::new()
        .name(format!("{stage}-tx"))
        .spawn(move || batcher.run())
        .map_err(|e| TransportError::PollThread(e.to_string()))?;
    let finished = CancellationToken::new();
    let waiter = {
        let finished = finished.clone();
        tokio::task::spawn_blocking(move || {
            let result = thread.join();
            finished.cancel();
            result
        })
    };
    tokio::select! {
        _ = shutdown.cancelled() => {}
        _ = finished.cancelled() => {}
    }
    // Stop gathering; the batch in progress may finish within the deadline.
    health.set_ready(false);
    stop.cancel();
    let drain = Duration::from_secs(settings.runtime.drain_timeout_secs);
    if tokio::time::timeout(drain, finished.cancelled())
        .await
        .is_err()
    {
        tracing::warn!("drain deadline passed; the open batch is abandoned, uncommitted");
        core.abandon.cancel();
    }
    match waiter.await {
        Ok(Ok(Ok(()))) => {
            tracing::info!("stopped");
            Ok(())
        }
        Ok(Ok(Err(e))) => Err(e),
        Ok(Err(_)) => Err(TransportError::PollThread("panicked".into())),
        Err(e) => Err(TransportError::PollThread(e.to_string())),
    }
}
