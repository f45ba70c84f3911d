//! Prometheus metrics of a service. Names follow Prometheus conventions:
//! `newsflow_` prefix, base units, `_total` counters, `_seconds` histograms.
//! Labels are of low cardinality: stage, topic, outcome, reason, error kind
//! (all from fixed sets in code) and partition — never a URL.

use std::time::Duration;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

/// The metrics of one service process.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    consumed: IntCounterVec,
    produced: IntCounterVec,
    skipped: IntCounterVec,
    retried: IntCounterVec,
    rejected: IntCounterVec,
    processing: HistogramVec,
    in_flight: IntGaugeVec,
    lag: IntGaugeVec,
    commits: IntCounterVec,
    transactions: IntCounterVec,
    /// Kafka client errors by kind (broker down, fatal, …).
    pub kafka_errors: IntCounterVec,
}

fn counter(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
    registry
        .register(Box::new(c.clone()))
        .expect("unique metric");
    c
}

impl Metrics {
    /// Creates and registers every metric; `version` feeds `newsflow_build_info`.
    pub fn new(version: &str) -> Metrics {
        let registry = Registry::new();
        let build = IntGaugeVec::new(
            Opts::new("newsflow_build_info", "Build information; always 1."),
            &["version"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(build.clone()))
            .expect("unique metric");
        build.with_label_values(&[version]).set(1);
        let processing = HistogramVec::new(
            HistogramOpts::new(
                "newsflow_processing_duration_seconds",
                "Time a stage spent on one attempt at one message, by outcome.",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0, 30.0,
            ]),
            &["stage", "outcome"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(processing.clone()))
            .expect("unique metric");
        let in_flight = IntGaugeVec::new(
            Opts::new(
                "newsflow_in_flight_messages",
                "Messages being processed now.",
            ),
            &["stage"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(in_flight.clone()))
            .expect("unique metric");
        let lag = IntGaugeVec::new(
            Opts::new(
                "newsflow_consumer_lag_messages",
                "Messages between the committed offset and the end of the partition (librdkafka statistics).",
            ),
            &["topic", "partition"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(lag.clone()))
            .expect("unique metric");
        Metrics {
            consumed: counter(
                &registry,
                "newsflow_messages_consumed_total",
                "Messages read from an input topic.",
                &["stage", "topic"],
            ),
            produced: counter(
                &registry,
                "newsflow_messages_produced_total",
                "Messages written and acknowledged, by topic (DLQ included).",
                &["stage", "topic"],
            ),
            skipped: counter(
                &registry,
                "newsflow_messages_skipped_total",
                "Messages dropped on purpose, by reason.",
                &["stage", "reason"],
            ),
            retried: counter(
                &registry,
                "newsflow_messages_retried_total",
                "Attempts that failed transiently and were retried, by error kind.",
                &["stage", "error_kind"],
            ),
            rejected: counter(
                &registry,
                "newsflow_messages_rejected_total",
                "Messages sent to the dead-letter topic, by error kind.",
                &["stage", "error_kind"],
            ),
            commits: counter(
                &registry,
                "newsflow_offset_commits_total",
                "Offset commits, by result.",
                &["stage", "result"],
            ),
            transactions: counter(
                &registry,
                "newsflow_transactions_total",
                "Exactly-once mode: transactions by result (committed, aborted, producer_recreated).",
                &["stage", "result"],
            ),
            kafka_errors: counter(
                &registry,
                "newsflow_kafka_client_errors_total",
                "Errors reported by the Kafka client, by kind.",
                &["kind"],
            ),
            processing,
            in_flight,
            lag,
            registry,
        }
    }

    /// The registry, for a stage's own metrics.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The handle a stage's workers record with.
    pub fn stage(&self, stage: &'static str) -> StageMetrics {
        StageMetrics {
            stage,
            metrics: self.clone(),
            in_flight: self.in_flight.with_label_values(&[stage]),
        }
    }

    /// Sets the lag gauge of one partition.
    pub fn set_lag(&self, topic: &str, partition: i32, lag: i64) {
        self.lag
            .with_label_values(&[topic, &partition.to_string()])
            .set(lag);
    }

    /// Drops the lag gauge of a partition this instance no longer owns.
    pub fn clear_lag(&self, topic: &str, partition: i32) {
        let _ = self
            .lag
            .remove_label_values(&[topic, &partition.to_string()]);
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        // Encoding into a Vec fails only on invalid metric families, which
        // registration already rules out.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Metrics bound to one stage label.
#[derive(Clone)]
pub struct StageMetrics {
    stage: &'static str,
    metrics: Metrics,
    in_flight: IntGauge,
}

impl StageMetrics {
    /// One message read from `topic`.
    pub fn consumed(&self, topic: &str) {
        self.metrics
            .consumed
            .with_label_values(&[self.stage, topic])
            .inc();
    }
    /// One message written to `topic` and acknowledged.
    pub fn produced(&self, topic: &str) {
        self.metrics
            .produced
            .with_label_values(&[self.stage, topic])
            .inc();
    }
    /// One message skipped.
    pub fn skipped(&self, reason: &str) {
        self.metrics
            .skipped
            .with_label_values(&[self.stage, reason])
            .inc();
    }
    /// One attempt failed transiently.
    pub fn retried(&self, kind: &str) {
        self.metrics
            .retried
            .with_label_values(&[self.stage, kind])
            .inc();
    }
    /// One message dead-lettered.
    pub fn rejected(&self, kind: &str) {
        self.metrics
            .rejected
            .with_label_values(&[self.stage, kind])
            .inc();
    }
    /// One offset commit.
    pub fn commit(&self, ok: bool) {
        let result = if ok { "ok" } else { "error" };
        self.metrics
            .commits
            .with_label_values(&[self.stage, result])
            .inc();
    }
    /// One transaction ended (`committed`, `aborted`, `producer_recreated`).
    pub fn transaction(&self, result: &'static str) {
        self.metrics
            .transactions
            .with_label_values(&[self.stage, result])
            .inc();
    }
    /// One attempt took `elapsed` and ended in `outcome`.
    pub fn observe_processing(&self, outcome: &str, elapsed: Duration) {
        self.metrics
            .processing
            .with_label_values(&[self.stage, outcome])
            .observe(elapsed.as_secs_f64());
    }
    /// Marks one message in flight until the guard drops.
    pub fn in_flight(&self) -> InFlightGuard {
        self.in_flight.inc();
        InFlightGuard(self.in_flight.clone())
    }
}

/// Decrements the in-flight gauge when dropped.
pub struct InFlightGuard(IntGauge);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text_with_bounded_labels() {
        let m = Metrics::new("1.2.3");
        let s = m.stage("fetch");
        s.consumed("urls");
        s.skipped("not_html");
        s.rejected("http_not_found");
        s.observe_processing("emit", Duration::from_millis(3));
        {
            let _g = s.in_flight();
            assert!(m
                .render()
                .contains("newsflow_in_flight_messages{stage=\"fetch\"} 1"));
        }
        m.set_lag("urls", 3, 42);
        let text = m.render();
        assert!(text.contains("newsflow_build_info{version=\"1.2.3\"} 1"));
        assert!(text.contains("newsflow_messages_consumed_total{stage=\"fetch\",topic=\"urls\"} 1"));
        assert!(
            text.contains("newsflow_messages_skipped_total{reason=\"not_html\",stage=\"fetch\"} 1")
        );
        assert!(text.contains("newsflow_in_flight_messages{stage=\"fetch\"} 0"));
        assert!(text.contains("newsflow_consumer_lag_messages{partition=\"3\",topic=\"urls\"} 42"));
        assert!(text.contains("newsflow_processing_duration_seconds_bucket{outcome=\"emit\",stage=\"fetch\",le=\"0.005\"} 1"));
        m.clear_lag("urls", 3);
        assert!(!m.render().contains("partition=\"3\""));
    }
}
