//! Kafka client configuration and the consumer context (rebalance and
//! statistics callbacks).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
// Offset commits are synchronous (see poller.rs: rust-rdkafka 0.38 never
// calls `commit_callback` for asynchronous ones), so there is no callback.
use rdkafka::error::KafkaError;
use rdkafka::message::OwnedMessage;
use rdkafka::{ClientConfig, ClientContext, Statistics, TopicPartitionList};

use crate::admin::Health;
use crate::config::Settings;
use crate::metrics::{Metrics, StageMetrics};
use crate::watermark::{OffsetTracker, TopicPartition};

/// librdkafka settings shared by consumer and producer.
fn common(settings: &Settings, stage: &str) -> ClientConfig {
    let mut config = ClientConfig::new();
    let client_id = if settings.kafka.client_id.is_empty() {
        format!("newsflow-{stage}")
    } else {
        settings.kafka.client_id.clone()
    };
    config
        .set("bootstrap.servers", &settings.kafka.brokers)
        .set("client.id", client_id);
    for (key, value) in &settings.kafka.properties {
        config.set(key, value);
    }
    config
}

/// The consumer configuration: manual commits, cooperative-sticky assignment.
pub fn consumer_config(settings: &Settings, stage: &str) -> ClientConfig {
    let mut config = common(settings, stage);
    let group = if settings.kafka.group_id.is_empty() {
        format!("newsflow-{stage}")
    } else {
        settings.kafka.group_id.clone()
    };
    config
        .set("group.id", group)
        .set("partition.assignment.strategy", "cooperative-sticky")
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", &settings.kafka.auto_offset_reset)
        .set(
            "session.timeout.ms",
            settings.kafka.session_timeout_ms.to_string(),
        )
        .set(
            "max.poll.interval.ms",
            settings.kafka.max_poll_interval_ms.to_string(),
        )
        .set(
            "statistics.interval.ms",
            settings.kafka.statistics_interval_ms.to_string(),
        )
        // Never read outputs of aborted transactions (upstream stages may
        // run in transactional mode).
        .set("isolation.level", "read_committed");
    if !settings.kafka.group_instance_id.is_empty() {
        config.set("group.instance.id", &settings.kafka.group_instance_id);
    }
    // librdkafka prefetches up to 64 MiB on its own, beside what the
    // runtime buffers; hold it to the runtime's budget (exactly-once mode,
    // which has no buffer of its own, peaked at 283 MB in parse without it).
    if !settings
        .kafka
        .properties
        .contains_key("queued.max.messages.kbytes")
    {
        config.set(
            "queued.max.messages.kbytes",
            (settings.runtime.max_buffered_bytes / 1024)
                .max(1024)
                .to_string(),
        );
    }
    config
}

/// The producer configuration: idempotent, compressed as configured
/// (`kafka.compression`, zstd by default), acks from all replicas.
pub fn producer_config(settings: &Settings, stage: &str) -> ClientConfig {
    let mut config = common(settings, stage);
    let largest = settings
        .topics
        .values()
        .map(|t| t.max_message_bytes)
        .max()
        .unwrap_or(1024 * 1024);
    config
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("compression.type", &settings.kafka.compression)
        .set("linger.ms", settings.kafka.linger_ms.to_string())
        // Room for the largest allowed value plus key and headers.
        .set("message.max.bytes", (largest + 64 * 1024).to_string());
    config
}

/// A message taken from the consumer but not yet handed to a worker.
pub(crate) struct Stashed {
    pub tp: TopicPartition,
    pub epoch: u64,
    pub message: OwnedMessage,
}

impl Stashed {
    /// Bytes it holds (payload and key).
    pub fn size(&self) -> usize {
        use rdkafka::Message;
        self.message.payload().map_or(0, <[u8]>::len) + self.message.key().map_or(0, <[u8]>::len)
    }
}

/// State shared between the poll loop and the callbacks it triggers.
pub struct RuntimeContext {
    pub(crate) tracker: Arc<OffsetTracker>,
    pub(crate) stash: Mutex<VecDeque<Stashed>>,
    /// Payload bytes in `stash`.
    pub(crate) stash_bytes: AtomicUsize,
    /// Bumped on every assignment, so the poll loop re-pauses new partitions.
    pub(crate) assignments: AtomicU64,
    metrics: Metrics,
    stage_metrics: StageMetrics,
    health: Arc<Health>,
    drain_timeout: Duration,
}

impl RuntimeContext {
    pub(crate) fn new(
        tracker: Arc<OffsetTracker>,
        metrics: Metrics,
        stage_metrics: StageMetrics,
        health: Arc<Health>,
        drain_timeout: Duration,
    ) -> Self {
        RuntimeContext {
            tracker,
            stash: Mutex::new(VecDeque::new()),
            stash_bytes: AtomicUsize::new(0),
            assignments: AtomicU64::new(0),
            metrics,
            stage_metrics,
            health,
            drain_timeout,
        }
    }

    /// Un-takes stashed messages of the given partitions (all when `None`):
    /// they were never started by a worker, so the next owner reads them.
    pub(crate) fn forget_stashed(&self, only: Option<&[TopicPartition]>) {
        let mut stash = self.stash.lock().unwrap_or_else(|e| e.into_inner());
        let mut kept = VecDeque::new();
        let mut lowest: std::collections::HashMap<TopicPartition, i64> = Default::default();
        for s in stash.drain(..) {
            if only.is_none_or(|o| o.contains(&s.tp)) {
                use rdkafka::Message;
                let offset = s.message.offset();
                lowest
                    .entry(s.tp.clone())
                    .and_modify(|l| *l = (*l).min(offset))
                    .or_insert(offset);
            } else {
                kept.push_back(s);
            }
        }
        let bytes = kept.iter().map(|s| s.size()).sum();
        self.stash_bytes.store(bytes, Ordering::SeqCst);
        *stash = kept;
        drop(stash);
        for (tp, offset) in lowest {
            self.tracker.forget_from(&tp, offset);
        }
    }

    /// The watermarks of the given partitions (all when `None`) that the
    /// broker has not confirmed yet; `None` when there are none.
    pub(crate) fn uncommitted(
        &self,
        only: Option<&[TopicPartition]>,
    ) -> Option<TopicPartitionList> {
        let positions = self
            .tracker
            .take_commits_where(|tp| only.is_none_or(|o| o.contains(tp)));
        if positions.is_empty() {
            return None;
        }
        let mut tpl = TopicPartitionList::new();
        for ((topic, partition), offset) in &positions {
            if let Err(e) =
                tpl.add_partition_offset(topic, *partition, rdkafka::Offset::Offset(*offset))
            {
                tracing::warn!(error = %e, "cannot build commit list");
            }
        }
        Some(tpl)
    }

    /// Commits the watermarks of the given partitions (all when `None`) and
    /// waits for the broker's answer.
    pub(crate) fn commit_sync(
        &self,
        consumer: &BaseConsumer<Self>,
        only: Option<&[TopicPartition]>,
    ) {
        if let Some(tpl) = self.uncommitted(only) {
            self.commit_list(consumer, &tpl);
        }
    }

    /// Commits `tpl` synchronously and records the answer.
    pub(crate) fn commit_list(&self, consumer: &BaseConsumer<Self>, tpl: &TopicPartitionList) {
        match consumer.commit(tpl, CommitMode::Sync) {
            Ok(()) => self.confirm(tpl),
            Err(e) => self.commit_failed(&e),
        }
    }
}

impl RuntimeContext {
    fn commit_failed(&self, error: &KafkaError) {
        self.stage_metrics.commit(false);
        tracing::warn!(error = %error, "offset commit failed; the next commit repeats it");
    }

    fn confirm(&self, tpl: &TopicPartitionList) {
        self.stage_metrics.commit(true);
        for e in tpl.elements() {
            if let rdkafka::Offset::Offset(offset) = e.offset() {
                self.tracker
                    .confirm(&(e.topic().to_string(), e.partition()), offset);
            }
        }
        tracing::debug!(?tpl, "commit confirmed");
    }
}

pub(crate) fn partitions(tpl: &TopicPartitionList) -> Vec<TopicPartition> {
    tpl.elements()
        .iter()
        .map(|e| (e.topic().to_string(), e.partition()))
        .collect()
}

/// Feeds the consumer-lag gauge from librdkafka's statistics.
pub(crate) fn report_stats(metrics: &Metrics, statistics: &Statistics) {
    for (topic, stats) in &statistics.topics {
        for (partition, p) in &stats.partitions {
            if *partition >= 0 && p.consumer_lag >= 0 {
                metrics.set_lag(topic, *partition, p.consumer_lag);
            }
        }
    }
}

/// Counts and logs an error the Kafka client reports on its own (these are
/// mostly transient: the client reconnects by itself).
pub(crate) fn report_error(metrics: &Metrics, error: &KafkaError, reason: &str) {
    let kind = match error.rdkafka_error_code() {
        Some(code) => format!("{code:?}"),
        None => "other".to_string(),
    };
    metrics.kafka_errors.with_label_values(&[&kind]).inc();
    tracing::warn!(error = %error, reason, "kafka client error");
}

impl ClientContext for RuntimeContext {
    fn stats(&self, statistics: Statistics) {
        report_stats(&self.metrics, &statistics);
    }

    fn error(&self, error: KafkaError, reason: &str) {
        report_error(&self.metrics, &error, reason);
    }
}

impl ConsumerContext for RuntimeContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(tpl) = rebalance {
            let revoked = partitions(tpl);
            tracing::info!(?revoked, "partitions revoked: draining");
            self.forget_stashed(Some(&revoked));
            let left = self.tracker.wait_idle(Some(&revoked), self.drain_timeout);
            if left > 0 {
                tracing::warn!(
                    abandoned = left,
                    "drain deadline passed; unfinished work stays uncommitted"
                );
            }
            if !consumer.assignment_lost() {
                self.commit_sync(consumer, Some(&revoked));
            }
            for tp in &revoked {
                self.tracker.revoke(tp);
                self.metrics.clear_lag(&tp.0, tp.1);
            }
        }
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(tpl) => {
                let assigned = partitions(tpl);
                tracing::info!(?assigned, "partitions assigned");
                for tp in assigned {
                    self.tracker.assign(tp);
                }
                self.assignments.fetch_add(1, Ordering::SeqCst);
                self.health.set_ready(true);
            }
            Rebalance::Revoke(_) => {}
            Rebalance::Error(e) => tracing::error!(error = %e, "rebalance error"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consumer_prefetch_is_held_to_the_runtime_buffer_unless_overridden() {
        let mut settings = Settings::default();
        settings.runtime.max_buffered_bytes = 8 * 1024 * 1024;
        let config = consumer_config(&settings, "parse");
        assert_eq!(config.get("queued.max.messages.kbytes"), Some("8192"));

        settings
            .kafka
            .properties
            .insert("queued.max.messages.kbytes".into(), "2048".into());
        let config = consumer_config(&settings, "parse");
        assert_eq!(config.get("queued.max.messages.kbytes"), Some("2048"));
    }

    #[test]
    fn the_producer_compresses_as_configured() {
        let mut settings = Settings::default();
        let config = producer_config(&settings, "parse");
        assert_eq!(config.get("compression.type"), Some("zstd"));
        settings.kafka.compression = "lz4".into();
        let config = producer_config(&settings, "parse");
        assert_eq!(config.get("compression.type"), Some("lz4"));
    }
}
