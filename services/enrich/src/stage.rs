//! The enrich stage on the runtime.

use newsflow_contracts::Article;
use newsflow_runtime::{Outcome, Stage};
use prometheus::Registry;

use crate::metrics::EnrichMetrics;

/// The admin port of `newsflow-enrich`.
pub const ADMIN_PORT: u16 = 9474;

/// The enrich stage: every article out again with `enrichment` filled in.
#[derive(Default, Clone)]
pub struct EnrichStage {
    metrics: EnrichMetrics,
}

impl EnrichStage {
    /// A stage whose coverage metrics go to `registry` (when given).
    pub fn new(registry: Option<&Registry>) -> Self {
        EnrichStage {
            metrics: EnrichMetrics::new(registry),
        }
    }
}

impl Stage for EnrichStage {
    type Input = Article;
    type Output = Article;

    fn name(&self) -> &'static str {
        "enrich"
    }

    fn outputs(&self) -> &'static [&'static str] {
        &["articles"]
    }

    async fn process(&self, article: &Article, _attempt: u32) -> Outcome<Article> {
        let mut out = article.clone();
        let enrichment = crate::enrich(article);
        self.metrics.record(&enrichment);
        out.enrichment = Some(enrichment);
        let key = out.id.clone();
        Outcome::emit("articles", Some(key), out)
    }

    fn message_id(&self, article: &Article) -> Option<String> {
        Some(article.id.clone())
    }
}
