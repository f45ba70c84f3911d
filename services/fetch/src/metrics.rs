//! The fetch stage's own metrics (beside the runtime's per-stage ones).

use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, Opts, Registry};

/// Counters of what the fetcher saw on the network.
#[derive(Clone)]
pub struct FetchMetrics {
    responses: IntCounterVec,
    body_bytes: IntCounter,
    refused: IntCounterVec,
    robots: IntCounterVec,
    politeness_wait: Histogram,
    store_errors: IntCounter,
}

impl FetchMetrics {
    /// Creates the counters and registers them in `registry` (when given;
    /// a second registration of the same names is ignored).
    pub fn new(registry: Option<&Registry>) -> Self {
        let responses = IntCounterVec::new(
            Opts::new(
                "newsflow_fetch_responses_total",
                "HTTP responses received, by status class (every hop).",
            ),
            &["status_class"],
        )
        .expect("valid metric");
        let body_bytes = IntCounter::new(
            "newsflow_fetch_body_bytes_total",
            "Body bytes read after content decoding.",
        )
        .expect("valid metric");
        let refused = IntCounterVec::new(
            Opts::new(
                "newsflow_fetch_refused_addresses_total",
                "Connections refused by the SSRF defence, by address kind.",
            ),
            &["reason"],
        )
        .expect("valid metric");
        let robots = IntCounterVec::new(
            Opts::new(
                "newsflow_fetch_robots_decisions_total",
                "robots.txt verdicts, by decision.",
            ),
            &["decision"],
        )
        .expect("valid metric");
        let politeness_wait = Histogram::with_opts(
            HistogramOpts::new(
                "newsflow_fetch_politeness_wait_seconds",
                "Time a request waited at its host's gate.",
            )
            .buckets(vec![0.0, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0]),
        )
        .expect("valid metric");
        let store_errors = IntCounter::new(
            "newsflow_fetch_store_errors_total",
            "Shared-store operations that failed (the fetch went ahead without them).",
        )
        .expect("valid metric");
        if let Some(registry) = registry {
            let _ = registry.register(Box::new(politeness_wait.clone()));
            let _ = registry.register(Box::new(store_errors.clone()));
            for c in [&responses, &refused, &robots] {
                let _ = registry.register(Box::new(c.clone()));
            }
            let _ = registry.register(Box::new(body_bytes.clone()));
        }
        FetchMetrics {
            responses,
            body_bytes,
            refused,
            robots,
            politeness_wait,
            store_errors,
        }
    }

    /// A store operation failed.
    pub fn store_error(&self) {
        self.store_errors.inc();
    }

    /// Time waited at a host's gate.
    pub fn politeness_wait(&self, waited: std::time::Duration) {
        self.politeness_wait.observe(waited.as_secs_f64());
    }

    /// One response with this status.
    pub fn response(&self, status: u16) {
        let class = match status {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.responses.with_label_values(&[class]).inc();
    }

    /// Body bytes read.
    pub fn body_bytes(&self, n: usize) {
        self.body_bytes.inc_by(n as u64);
    }

    /// An address refused.
    pub fn refused(&self, reason: &str) {
        self.refused.with_label_values(&[reason]).inc();
    }

    /// A robots.txt verdict.
    pub fn robots(&self, decision: &str) {
        self.robots.with_label_values(&[decision]).inc();
    }
}
