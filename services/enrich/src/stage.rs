//! The enrich stage on the runtime.

use newsflow_contracts::Article;
use newsflow_runtime::{Outcome, Stage};

/// The admin port of `newsflow-enrich`.
pub const ADMIN_PORT: u16 = 9474;

/// The enrich stage: every article out again with `enrichment` filled in.
#[derive(Debug, Default, Clone)]
pub struct EnrichStage;

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
        out.enrichment = Some(crate::enrich(article));
        let key = out.id.clone();
        Outcome::emit("articles", Some(key), out)
    }

    fn message_id(&self, article: &Article) -> Option<String> {
        Some(article.id.clone())
    }
}
