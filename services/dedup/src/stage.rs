//! The dedup stage on the runtime.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use newsflow_contracts::v1::dedup_info::Decision;
use newsflow_contracts::Article;
use newsflow_runtime::store::{StoreKind, StoreSettings};
use newsflow_runtime::{Outcome, Stage};

use crate::decide::{self, DedupSettings};
use crate::index::{Index, IndexError, MemoryIndex};
use crate::metrics::DedupMetrics;
use crate::redis_index::RedisIndex;

/// The admin port of `newsflow-dedup`.
pub const ADMIN_PORT: u16 = 9473;

/// The dedup stage: unique articles (and new versions) to `unique`, copies
/// to `duplicates`, each with its decision in `dedup`.
pub struct DedupStage {
    settings: DedupSettings,
    index: Arc<dyn Index>,
    store_ok: AtomicBool,
    metrics: DedupMetrics,
}

impl DedupStage {
    /// A stage over an index.
    pub fn new(settings: DedupSettings, index: Arc<dyn Index>) -> Self {
        DedupStage {
            settings,
            index,
            store_ok: AtomicBool::new(true),
            metrics: DedupMetrics::default(),
        }
    }

    /// The same stage, counting its decisions in `registry`.
    pub fn with_metrics(mut self, registry: &prometheus::Registry) -> Self {
        self.metrics = DedupMetrics::new(Some(registry));
        self
    }

    /// A stage over the configured store (`[store]`: Redis or memory).
    pub fn from_store(settings: DedupSettings, store: &StoreSettings) -> Result<Self, IndexError> {
        let index: Arc<dyn Index> = match store.kind {
            StoreKind::Memory => Arc::new(MemoryIndex::new()),
            StoreKind::Redis => Arc::new(RedisIndex::new(&store.redis_url, &store.key_prefix)?),
        };
        Ok(Self::new(settings, index))
    }
}

impl Stage for DedupStage {
    type Input = Article;
    type Output = Article;

    fn name(&self) -> &'static str {
        "dedup"
    }

    fn outputs(&self) -> &'static [&'static str] {
        &["unique", "duplicates"]
    }

    async fn process(&self, article: &Article, _attempt: u32) -> Outcome<Article> {
        if article.url.is_empty() && article.canonical_url.is_empty() {
            return Outcome::reject("no_url", "the article has neither url nor canonicalUrl");
        }
        let entry = decide::entry(article, &self.settings);
        let window = Duration::from_secs(self.settings.window_secs);
        let registered = self.index.register(&entry, window).await;
        self.store_ok.store(
            !matches!(registered, Err(IndexError::Unavailable(_))),
            Ordering::Relaxed,
        );
        let seen = match registered {
            Ok(seen) => seen,
            // Nothing is passed on without a decision: the message waits
            // and retries with backoff until the store is back (an outage is
            // no reason to dead-letter the article).
            Err(e @ IndexError::Unavailable(_)) => {
                return Outcome::retry_until_recovered("store_unavailable", e.to_string())
            }
            Err(e @ IndexError::Corrupt(_)) => {
                return Outcome::retry("store_corrupt", e.to_string())
            }
        };
        let info = decide::decide(&entry.member, &seen, &self.settings);
        self.metrics.decided(info.decision, &info.method);
        let output = if info.decision == Decision::Duplicate as i32 {
            "duplicates"
        } else {
            "unique"
        };
        let mut out = article.clone();
        out.dedup = Some(info);
        let key = out.id.clone();
        Outcome::emit(output, Some(key), out)
    }

    fn message_id(&self, article: &Article) -> Option<String> {
        Some(article.id.clone())
    }

    fn dependencies_ok(&self) -> bool {
        self.store_ok.load(Ordering::Relaxed)
    }
}
