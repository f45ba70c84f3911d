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

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{ClientContext, Offset, Statistics, TopicPartitionList};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::client::{partitions, report_error, report_stats};
use super::prepare::{prepare, Core, Prepared};
use super::{consumer_config, dlq, producer_config, TransportError};
use crate::admin::Health;
use crate::config::Settings;
use crate::metrics::Metrics;
use crate::retry::Slot;
use crate::stage::Stage;
use crate::watermark::TopicPartition;

/// Timeout of the transactional calls (init, send offsets, commit, abort).
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The consumer context of exactly-once mode: lag, client errors, and the
/// partitions revoked since the gather loop last looked.
struct TxContext {
    metrics: Metrics,
    health: Arc<Health>,
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
    let mut producer_config = producer_config(settings, stage);
    producer_config
        .set("transactional.id", transactional_id(settings, stage))
        .set(
            "transaction.timeout.ms",
            settings.kafka.transaction_timeout_ms.to_string(),
        );
    tracing::info!(
        stage,
        topic = %core.input.name,
        transactional_id = %transactional_id(settings, stage),
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

/// The gather–process–commit loop and everything it owns.
struct Batcher<S: Stage> {
    consumer: BaseConsumer<TxContext>,
    /// `None` until initialised, and after a fatal error until re-created.
    producer: Option<BaseProducer>,
    producer_config: rdkafka::ClientConfig,
    core: Arc<Core<S>>,
    runtime: tokio::runtime::Handle,
    max_batch: usize,
    gather_for: Duration,
    stop: CancellationToken,
    /// Consecutive failed transactions, for the backoff between attempts.
    failures: u32,
}

/// How a failed transaction is cleaned up.
enum Cleanup {
    /// Aborted: the batch's own start is where to resume.
    Aborted,
    /// Outcome unknown or producer unusable: re-create the producer, then ask
    /// the broker where to resume.
    Recreate,
}

impl<S: Stage> Batcher<S> {
    fn run(&mut self) -> Result<(), TransportError> {
        while !self.stop.is_cancelled() {
            if self.producer.is_none() && !self.init_producer() {
                continue;
            }
            let batch = self.gather();
            if batch.is_empty() {
                continue;
            }
            let Some(prepared) = self.process(&batch)? else {
                // Abandoned at the drain deadline: nothing was written.
                break;
            };
            self.commit(&batch, &prepared);
        }
        // Every batch is committed or aborted by now: there is nothing to
        // commit on the way out. Dropping the consumer leaves the group.
        self.consumer.unsubscribe();
        Ok(())
    }

    /// Creates the producer and fences any earlier incarnation of this
    /// transactional id (aborting or completing its open transaction).
    fn init_producer(&mut self) -> bool {
        let created: Result<BaseProducer, KafkaError> = self.producer_config.create();
        let result = created.and_then(|p| p.init_transactions(CALL_TIMEOUT).map(|()| p));
        match result {
            Ok(p) => {
                self.producer = Some(p);
                self.failures = 0;
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot initialise the transactional producer; retrying");
                self.backoff();
                false
            }
        }
    }

    /// Polls until the batch is full, the gather time is up, or shutdown.
    /// Waits for a first message as long as it takes.
    fn gather(&mut self) -> Vec<OwnedMessage> {
        let mut batch: Vec<OwnedMessage> = Vec::new();
        let mut deadline: Option<Instant> = None;
        while batch.len() < self.max_batch && !self.stop.is_cancelled() {
            let timeout = match deadline {
                None => Duration::from_millis(100),
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    left
                }
            };
            let polled = self.consumer.poll(timeout);
            self.drop_revoked(&mut batch);
            match polled {
                None => {}
                Some(Err(e)) => tracing::warn!(error = %e, "consume error"),
                Some(Ok(message)) => {
                    self.core.metrics.consumed(message.topic());
                    batch.push(message.detach());
                    deadline.get_or_insert_with(|| Instant::now() + self.gather_for);
                }
            }
        }
        if self.stop.is_cancelled() && !batch.is_empty() {
            // Not started: give it back rather than start work at shutdown.
            self.rewind(&batch, false);
            batch.clear();
        }
        batch
    }

    fn drop_revoked(&self, batch: &mut Vec<OwnedMessage>) {
        let revoked = std::mem::take(
            &mut *self
                .consumer
                .context()
                .revoked
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        if !revoked.is_empty() {
            batch.retain(|m| {
                !revoked
                    .iter()
                    .any(|(t, p)| t == m.topic() && *p == m.partition())
            });
        }
    }

    /// Runs every message of the batch concurrently; `None` if any was
    /// abandoned (drain deadline). A panicking stage is an error: the
    /// service stops with nothing of the batch written, and its restart
    /// redoes the batch.
    fn process(&self, batch: &[OwnedMessage]) -> Result<Option<Vec<Prepared>>, TransportError> {
        let handles: Vec<_> = batch
            .iter()
            .map(|message| {
                let core = self.core.clone();
                let message = message.clone();
                let span = tracing::info_span!(
                    "message",
                    stage = core.stage.name(),
                    topic = %message.topic(),
                    partition = message.partition(),
                    offset = message.offset(),
                    id = tracing::field::Empty,
                );
                self.runtime.spawn(
                    async move {
                        let _in_flight = core.metrics.in_flight();
                        let permit = core.permits.clone().acquire_owned().await.ok()?;
                        let slot = Slot::new(permit, core.permits.clone(), core.waiting.clone());
                        prepare(&*core, &message, slot).await
                    }
                    .instrument(span),
                )
            })
            .collect();
        let results = self.runtime.block_on(futures::future::join_all(handles));
        let mut prepared = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(Some(p)) => prepared.push(p),
                Ok(None) => return Ok(None),
                Err(e) => {
                    return Err(TransportError::PollThread(format!(
                        "stage task failed: {e}"
                    )))
                }
            }
        }
        Ok(Some(prepared))
    }

    /// Writes the batch's records and offsets in one transaction; on failure
    /// cleans up and rewinds so that the batch is read again.
    fn commit(&mut self, batch: &[OwnedMessage], prepared: &[Prepared]) {
        match self.transact(batch, prepared) {
            Ok(()) => {
                self.failures = 0;
                self.core.metrics.transaction("committed");
                self.count(batch, prepared);
            }
            Err((e, cleanup)) => {
                let cleanup = match cleanup {
                    Cleanup::Aborted => match self.producer_ref().abort_transaction(CALL_TIMEOUT) {
                        Ok(()) => Cleanup::Aborted,
                        Err(abort) => {
                            tracing::warn!(error = %abort, "abort failed");
                            Cleanup::Recreate
                        }
                    },
                    Cleanup::Recreate => Cleanup::Recreate,
                };
                match cleanup {
                    Cleanup::Aborted => {
                        tracing::warn!(error = %e, messages = batch.len(), "transaction aborted; the batch will be redone");
                        self.core.metrics.transaction("aborted");
                        self.rewind(batch, false);
                    }
                    Cleanup::Recreate => {
                        tracing::warn!(error = %e, messages = batch.len(), "transaction failed; re-creating the producer");
                        self.core.metrics.transaction("producer_recreated");
                        self.producer = None;
                        while self.producer.is_none() && !self.init_producer_until_stopped() {}
                        self.rewind(batch, true);
                    }
                }
                self.failures += 1;
                self.backoff();
            }
        }
    }

    fn init_producer_until_stopped(&mut self) -> bool {
        self.init_producer() || self.stop.is_cancelled()
    }

    fn producer_ref(&self) -> &BaseProducer {
        self.producer.as_ref().expect("producer initialised")
    }

    fn transact(
        &self,
        batch: &[OwnedMessage],
        prepared: &[Prepared],
    ) -> Result<(), (KafkaError, Cleanup)> {
        let producer = self.producer_ref();
        producer.begin_transaction().map_err(classify)?;
        let stage = self.core.stage.name();
        let dlq_topic = self.core.input.dlq_name();
        for (message, p) in batch.iter().zip(prepared) {
            match p {
                Prepared::Skip(_) => {}
                Prepared::Outputs(outputs) => {
                    for o in outputs {
                        let key = o.key.as_deref().map(str::as_bytes);
                        self.send(&o.topic, key, Some(&o.value), o.headers(stage))
                            .map_err(|e| (e, Cleanup::Aborted))?;
                    }
                }
                Prepared::DeadLetter {
                    kind,
                    text,
                    attempts,
                } => {
                    let reason = dlq::Reason {
                        stage,
                        kind,
                        message: text,
                        attempts: *attempts,
                    };
                    let now = newsflow_contracts::now_millis();
                    let headers = dlq::headers(message, &reason, now);
                    match self.send(&dlq_topic, message.key(), message.payload(), headers) {
                        Err(KafkaError::MessageProduction(
                            RDKafkaErrorCode::MessageSizeTooLarge,
                        )) => {
                            // Keep the record of the failure, without the payload.
                            let text =
                                format!("{text} [payload omitted: too large for {dlq_topic}]");
                            let reason = dlq::Reason {
                                message: &text,
                                ..reason
                            };
                            let headers = dlq::headers(message, &reason, now);
                            self.send(&dlq_topic, message.key(), None, headers)
                                .map_err(|e| (e, Cleanup::Aborted))?;
                        }
                        other => other.map_err(|e| (e, Cleanup::Aborted))?,
                    }
                }
            }
        }
        let offsets = next_offsets(batch);
        let group = self.consumer.group_metadata().ok_or((
            KafkaError::Global(RDKafkaErrorCode::State),
            Cleanup::Aborted,
        ))?;
        retrying(|| producer.send_offsets_to_transaction(&offsets, &group, CALL_TIMEOUT))?;
        retrying(|| producer.commit_transaction(CALL_TIMEOUT))?;
        Ok(())
    }

    /// Enqueues one record, waiting while the producer's queue is full.
    fn send(
        &self,
        topic: &str,
        key: Option<&[u8]>,
        payload: Option<&[u8]>,
        headers: OwnedHeaders,
    ) -> Result<(), KafkaError> {
        let producer = self.producer_ref();
        loop {
            let mut record: BaseRecord<'_, [u8], [u8]> =
                BaseRecord::to(topic).headers(headers.clone());
            if let Some(key) = key {
                record = record.key(key);
            }
            if let Some(payload) = payload {
                record = record.payload(payload);
            }
            match producer.send(record) {
                Ok(()) => return Ok(()),
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    producer.poll(Duration::from_millis(50));
                }
                Err((e, _)) => return Err(e),
            }
        }
    }

    /// Metrics of a committed batch.
    fn count(&self, batch: &[OwnedMessage], prepared: &[Prepared]) {
        let metrics = &self.core.metrics;
        for (_, p) in batch.iter().zip(prepared) {
            match p {
                Prepared::Skip(reason) => metrics.skipped(reason),
                Prepared::Outputs(outputs) => {
                    for o in outputs {
                        metrics.produced(&o.topic);
                    }
                }
                Prepared::DeadLetter { kind, .. } => {
                    metrics.rejected(kind);
                    metrics.produced(&self.core.input.dlq_name());
                }
            }
        }
    }

    /// Moves the consumer back so that the batch is read again: to the
    /// batch's first offsets after a clean abort, or to the offsets the
    /// broker has committed when the transaction's outcome is unknown.
    fn rewind(&self, batch: &[OwnedMessage], ask_broker: bool) {
        let mut to: BTreeMap<TopicPartition, i64> = BTreeMap::new();
        for m in batch {
            let first = to
                .entry((m.topic().to_string(), m.partition()))
                .or_insert(m.offset());
            *first = (*first).min(m.offset());
        }
        if ask_broker {
            let mut tpl = TopicPartitionList::new();
            for (topic, partition) in to.keys() {
                tpl.add_partition(topic, *partition);
            }
            loop {
                match self.consumer.committed_offsets(tpl.clone(), CALL_TIMEOUT) {
                    Ok(committed) => {
                        for e in committed.elements() {
                            if let Offset::Offset(o) = e.offset() {
                                to.insert((e.topic().to_string(), e.partition()), o);
                            }
                        }
                        break;
                    }
                    Err(e) if !self.stop.is_cancelled() => {
                        tracing::warn!(error = %e, "cannot read committed offsets; retrying");
                        std::thread::sleep(Duration::from_millis(500));
                    }
                    // Shutting down: the next owner starts from the
                    // committed offsets anyway.
                    Err(_) => return,
                }
            }
        }
        for ((topic, partition), offset) in to {
            if let Err(e) =
                self.consumer
                    .seek(&topic, partition, Offset::Offset(offset), CALL_TIMEOUT)
            {
                // Not ours any more (revoked): the new owner starts from the
                // committed offset.
                tracing::debug!(error = %e, topic, partition, "seek failed");
            }
        }
    }

    fn backoff(&self) {
        let wait = self.core.retry.delay(self.failures.max(1), None);
        let until = Instant::now() + wait;
        while Instant::now() < until && !self.stop.is_cancelled() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The offsets to commit: one past the last message of each partition.
fn next_offsets(batch: &[OwnedMessage]) -> TopicPartitionList {
    let mut next: BTreeMap<TopicPartition, i64> = BTreeMap::new();
    for m in batch {
        let n = next
            .entry((m.topic().to_string(), m.partition()))
            .or_insert(0);
        *n = (*n).max(m.offset() + 1);
    }
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), offset) in next {
        // Cannot fail for a non-negative offset.
        let _ = tpl.add_partition_offset(&topic, partition, Offset::Offset(offset));
    }
    tpl
}

/// Retries a transactional call while librdkafka calls its error retriable.
fn retrying(mut call: impl FnMut() -> Result<(), KafkaError>) -> Result<(), (KafkaError, Cleanup)> {
    let mut attempts = 0;
    loop {
        match call() {
            Ok(()) => return Ok(()),
            Err(KafkaError::Transaction(e)) if e.is_retriable() && attempts < 3 => {
                attempts += 1;
                tracing::debug!(error = %e, attempts, "retrying transactional call");
            }
            Err(e) => return Err(classify(e)),
        }
    }
}

/// Whether an error of a transactional call leaves a transaction to abort,
/// or a producer to re-create (fatal, or an outcome we cannot know).
fn classify(e: KafkaError) -> (KafkaError, Cleanup) {
    let cleanup = match &e {
        KafkaError::Transaction(t) if t.txn_requires_abort() && !t.is_fatal() => Cleanup::Aborted,
        _ => Cleanup::Recreate,
    };
    (e, cleanup)
}
