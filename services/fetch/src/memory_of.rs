//! What the fetcher remembers about a canonical URL, in the shared store:
//! the validators of its last response (for conditional GET) and when it was
//! fetched (for the recently-fetched window).
//!
//! The record also carries a fingerprint of the request whose page was last
//! emitted, so a *replay* of that request (a redelivery after a crash, before
//! its offset was committed) is recognised and fetched again in full:
//! skipping it as "recently fetched" or sending it conditionally would lose
//! its page. (If a later request for the same URL has emitted a page since,
//! the replay is skipped: the URL's content went out with that later page.)

use std::time::Duration;

use newsflow_contracts::ids::stable_id;
use newsflow_contracts::UrlRequest;
use serde::{Deserialize, Serialize};

use crate::FetchStage;

/// The stored record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at_ms: i64,
    pub request: String,
}

/// What the memory says about this request.
pub(crate) struct Recall {
    key: String,
    fingerprint: String,
    pub record: Option<Record>,
}

impl Recall {
    /// Whether this request is a replay of the one that wrote the record.
    pub fn is_replay(&self) -> bool {
        self.record
            .as_ref()
            .is_some_and(|r| r.request == self.fingerprint)
    }

    /// Whether the URL was fetched inside the window by another request.
    pub fn recently_fetched(&self, stage: &FetchStage, request: &UrlRequest) -> bool {
        let window = stage.settings.recent_window_secs;
        match &self.record {
            Some(r) if window > 0 && !request.refetch && !self.is_replay() => {
                newsflow_contracts::now_millis() - r.fetched_at_ms < (window as i64) * 1000
            }
            _ => false,
        }
    }

    /// The conditional headers to send, if any.
    pub fn validators(&self, stage: &FetchStage) -> (Option<&str>, Option<&str>) {
        match &self.record {
            Some(r) if stage.settings.conditional_get && !self.is_replay() => {
                (r.etag.as_deref(), r.last_modified.as_deref())
            }
            _ => (None, None),
        }
    }
}

/// Looks the URL up (page id = canonical URL hash). A store failure is
/// counted and treated as "nothing remembered": the fetch goes ahead.
pub(crate) async fn recall(stage: &FetchStage, page_id: &str, request: &UrlRequest) -> Recall {
    let key = format!("fetch:{page_id}");
    let fingerprint = stable_id(&serde_json::to_string(request).unwrap_or_default());
    let enabled = stage.settings.recent_window_secs > 0 || stage.settings.conditional_get;
    let record = if enabled {
        match stage.store.get(&key).await {
            Ok(bytes) => bytes.and_then(|b| serde_json::from_slice(&b).ok()),
            Err(e) => {
                stage.metrics.store_error();
                tracing::warn!(error = %e, "fetch memory unavailable; fetching without it");
                None
            }
        }
    } else {
        None
    };
    Recall {
        key,
        fingerprint,
        record,
    }
}

/// Remembers a fetch: a 200 (`emitted`: a page goes out, with its
/// validators) or a 304 (nothing goes out: the old validators and the
/// fingerprint of the request whose page did go out are kept).
pub(crate) async fn remember(
    stage: &FetchStage,
    recall: &Recall,
    emitted: bool,
    etag: Option<String>,
    last_modified: Option<String>,
) {
    let settings = &stage.settings;
    if settings.recent_window_secs == 0 && !settings.conditional_get {
        return;
    }
    let previous = recall.record.clone().unwrap_or_default();
    let record = Record {
        etag: etag.or(previous.etag),
        last_modified: last_modified.or(previous.last_modified),
        fetched_at_ms: newsflow_contracts::now_millis(),
        request: if emitted {
            recall.fingerprint.clone()
        } else {
            previous.request
        },
    };
    let ttl = Duration::from_secs(
        settings
            .recent_window_secs
            .max(settings.validators_ttl_secs),
    );
    let value = serde_json::to_vec(&record).unwrap_or_default();
    if let Err(e) = stage.store.set(&recall.key, &value, ttl).await {
        stage.metrics.store_error();
        tracing::warn!(error = %e, "cannot remember the fetch");
    }
}
