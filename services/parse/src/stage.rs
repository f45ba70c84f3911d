//! The parse stage on the runtime: `pages` → `articles`, with a per-page
//! time guard and bounded CPU parallelism.

use std::sync::Arc;
use std::time::Duration;

use newsflow_contracts::{Article, Page};
use newsflow_runtime::{Outcome, Stage};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::{extract_with, Limits, MAX_DEPTH, MAX_HTML_BYTES};

/// The admin port of `newsflow-parse` (`/metrics`, `/healthz`, `/readyz`).
pub const ADMIN_PORT: u16 = 9472;

/// `[stages.parse]`: how pages are parsed. Every field has a default.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ParseSettings {
    /// Largest page parsed, bytes of HTML; a larger page is dead-lettered
    /// as `page_too_large`.
    pub max_html_bytes: usize,
    /// Deepest element nesting parsed; a deeper page is dead-lettered as
    /// `too_deeply_nested` (HTML5 parsing and Readability grow much faster
    /// than linearly with depth).
    pub max_depth: usize,
    /// Longest time one page may take, ms; a slower page is dead-lettered
    /// as `parse_timeout`. Its thread finishes in the background, still
    /// holding its place in `parallelism`.
    pub timeout_ms: u64,
    /// Pages parsed at once (CPU threads); 0 means one per core.
    pub parallelism: usize,
}

impl Default for ParseSettings {
    fn default() -> Self {
        ParseSettings {
            max_html_bytes: MAX_HTML_BYTES,
            max_depth: MAX_DEPTH,
            timeout_ms: 10_000,
            parallelism: 0,
        }
    }
}

/// The parse stage. Parsing is CPU work: it runs on blocking threads, at
/// most `parallelism` at once, so the async workers keep polling Kafka.
#[derive(Debug, Clone)]
pub struct ParseStage {
    limits: Limits,
    timeout: Duration,
    cpus: Arc<Semaphore>,
}

impl Default for ParseStage {
    fn default() -> Self {
        ParseStage::new(ParseSettings::default())
    }
}

impl ParseStage {
    /// A parse stage with these settings.
    pub fn new(settings: ParseSettings) -> Self {
        let parallelism = match settings.parallelism {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        ParseStage {
            limits: Limits {
                max_html_bytes: settings.max_html_bytes,
                max_depth: settings.max_depth,
            },
            timeout: Duration::from_millis(settings.timeout_ms),
            cpus: Arc::new(Semaphore::new(parallelism)),
        }
    }
}

impl Stage for ParseStage {
    type Input = Page;
    type Output = Article;

    fn name(&self) -> &'static str {
        "parse"
    }

    fn outputs(&self) -> &'static [&'static str] {
        &["articles"]
    }

    async fn process(&self, page: &Page, _attempt: u32) -> Outcome<Article> {
        let Ok(permit) = self.cpus.clone().acquire_owned().await else {
            return Outcome::retry("shutting_down", "the parse pool is closed");
        };
        let (html, url, limits) = (page.html.clone(), page.final_url.clone(), self.limits);
        let job = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            extract_with(&html, &url, limits)
        });
        let result = match tokio::time::timeout(self.timeout, job).await {
            Err(_) => {
                return Outcome::reject(
                    "parse_timeout",
                    format!("parsing took longer than {} ms", self.timeout.as_millis()),
                )
            }
            // A panic in a parsing crate is a property of this page: the
            // same page panics again, so it is not retried.
            Ok(Err(join)) => return Outcome::reject("parse_panic", join.to_string()),
            Ok(Ok(result)) => result,
        };
        match result {
            Ok(mut article) => {
                article.page = Some(page.without_html());
                article.parsed_at = Some(newsflow_contracts::now());
                let key = article.id.clone();
                Outcome::emit("articles", Some(key), article)
            }
            Err(e) => Outcome::reject(e.kind(), e.to_string()),
        }
    }

    fn message_id(&self, page: &Page) -> Option<String> {
        Some(page.id.clone())
    }
}
