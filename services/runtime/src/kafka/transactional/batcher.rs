//! The gather–process–commit loop of exactly-once mode (see the module
//! above for the protocol).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::{TxContext, CALL_TIMEOUT};
use crate::kafka::dlq;
use crate::kafka::prepare::{message_span, prepare, Core, Prepared};
use crate::kafka::TransportError;
use crate::retry::Slot;
use crate::stage::Stage;
use crate::watermark::TopicPartition;

/// The gather–process–commit loop and everything it owns.
pub(super) struct Batcher<S: Stage> {
    pub consumer: BaseConsumer<TxContext>,
    /// `None` until initialised, and after a fatal error until re-created.
    pub producer: Option<BaseProducer>,
    pub producer_config: rdkafka::ClientConfig,
    pub core: Arc<Core<S>>,
    pub runtime: tokio::runtime::Handle,
    pub max_batch: usize,
    pub gather_for: Duration,
    pub stop: CancellationToken,
    /// Consecutive failed transactions, for the backoff between attempts.
    pub failures: u32,
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
    pub fn run(&mut self) -> Result<(), TransportError> {
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
        if self.stop.is_cancelled() {
            // Not started: leave it to the next owner (the consumer closes
            // next, and nothing of it is committed).
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
                let span = message_span(core.stage.name(), &message);
                self.runtime.spawn(
                    async move {
                        let _in_flight = core.metrics.in_flight();
                        let permit = core.permits.clone().acquire_owned().await.ok()?;
                        let mut slot =
                            Slot::new(permit, core.permits.clone(), core.waiting.clone());
                        prepare(&*core, &message, &mut slot).await
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
                self.count(prepared);
            }
            Err((e, cleanup)) => {
                // An abort that fails leaves the outcome unknown too.
                let aborted = matches!(cleanup, Cleanup::Aborted)
                    && match self.producer_ref().abort_transaction(CALL_TIMEOUT) {
                        Ok(()) => true,
                        Err(abort) => {
                            tracing::warn!(error = %abort, "abort failed");
                            false
                        }
                    };
                if aborted {
                    tracing::warn!(error = %e, messages = batch.len(), "transaction aborted; the batch will be redone");
                    self.core.metrics.transaction("aborted");
                    self.rewind(batch, false);
                } else {
                    tracing::warn!(error = %e, messages = batch.len(), "transaction failed; re-creating the producer");
                    self.core.metrics.transaction("producer_recreated");
                    self.producer = None;
                    while self.producer.is_none() && !self.stop.is_cancelled() {
                        self.init_producer();
                    }
                    self.rewind(batch, true);
                }
                self.failures += 1;
                self.backoff();
            }
        }
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
                            let text = dlq::payload_omitted(text, &dlq_topic);
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
    fn count(&self, prepared: &[Prepared]) {
        let metrics = &self.core.metrics;
        for p in prepared {
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

#[cfg(test)]
mod tests {
    use super::*;
    use rdkafka::Timestamp;

    fn message(topic: &str, partition: i32, offset: i64) -> OwnedMessage {
        OwnedMessage::new(
            None,
            None,
            topic.into(),
            Timestamp::NotAvailable,
            partition,
            offset,
            None,
        )
    }

    #[test]
    fn offsets_to_commit_are_one_past_each_partitions_last_message() {
        let batch = [
            message("a", 0, 7),
            message("a", 1, 3),
            message("a", 0, 5),
            message("b", 0, 10),
            message("a", 0, 9),
        ];
        let tpl = next_offsets(&batch);
        let got: BTreeMap<(String, i32), Offset> = tpl
            .elements()
            .iter()
            .map(|e| ((e.topic().to_string(), e.partition()), e.offset()))
            .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[&("a".to_string(), 0)], Offset::Offset(10));
        assert_eq!(got[&("a".to_string(), 1)], Offset::Offset(4));
        assert_eq!(got[&("b".to_string(), 0)], Offset::Offset(11));
    }

    #[test]
    fn errors_without_the_abortable_flag_re_create_the_producer() {
        // Errors outside a transaction call (no abort flag) leave an unknown
        // state: the producer is re-created and the broker asked.
        let (_, cleanup) = classify(KafkaError::Global(RDKafkaErrorCode::State));
        assert!(matches!(cleanup, Cleanup::Recreate));
        let (_, cleanup) = classify(KafkaError::MessageProduction(
            RDKafkaErrorCode::MessageTimedOut,
        ));
        assert!(matches!(cleanup, Cleanup::Recreate));
    }
}
