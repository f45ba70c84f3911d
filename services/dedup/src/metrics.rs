//! The dedup stage's own metric (beside the runtime's per-stage ones).

use newsflow_contracts::v1::dedup_info::Decision;
use prometheus::{IntCounterVec, Opts, Registry};

/// Decisions made, by decision and method.
#[derive(Clone)]
pub struct DedupMetrics {
    decisions: IntCounterVec,
}

impl DedupMetrics {
    /// Creates the counter and registers it in `registry` (when given; a
    /// second registration of the same name is ignored).
    pub fn new(registry: Option<&Registry>) -> Self {
        let decisions = IntCounterVec::new(
            Opts::new(
                "newsflow_dedup_decisions_total",
                "Dedup decisions, by decision (unique, duplicate, new_version) and method \
                 (url, content-hash, minhash, ...; empty for unique). A redelivered article \
                 is decided again.",
            ),
            &["decision", "method"],
        )
        .expect("valid metric");
        if let Some(registry) = registry {
            let _ = registry.register(Box::new(decisions.clone()));
        }
        DedupMetrics { decisions }
    }

    /// Counts one decision.
    pub fn decided(&self, decision: i32, method: &str) {
        let decision = match Decision::try_from(decision) {
            Ok(Decision::Unique) => "unique",
            Ok(Decision::Duplicate) => "duplicate",
            Ok(Decision::NewVersion) => "new_version",
            _ => "unspecified",
        };
        self.decisions.with_label_values(&[decision, method]).inc();
    }
}

impl Default for DedupMetrics {
    fn default() -> Self {
        Self::new(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_decision_and_method() {
        let registry = Registry::new();
        let m = DedupMetrics::new(Some(&registry));
        m.decided(Decision::Unique as i32, "");
        m.decided(Decision::Duplicate as i32, "minhash");
        m.decided(Decision::Duplicate as i32, "minhash");
        let c = |d: &str, method: &str| m.decisions.with_label_values(&[d, method]).get();
        assert_eq!(c("unique", ""), 1);
        assert_eq!(c("duplicate", "minhash"), 2);
        assert_eq!(c("new_version", ""), 0);
        assert_eq!(registry.gather().len(), 1, "registered once");
    }
}
