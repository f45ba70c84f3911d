//! `[stages.fetch]` settings.

use serde::{Deserialize, Serialize};

/// How the fetcher behaves. Every field has a default; see
/// `docs/configuration.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchSettings {
    /// The User-Agent header; say who you are and how to reach you.
    pub user_agent: String,
    /// Time to establish a TCP (and TLS) connection, ms.
    pub connect_timeout_ms: u64,
    /// Time for one whole fetch, redirects and body included, ms.
    pub total_timeout_ms: u64,
    /// Redirects followed before giving up with `too_many_redirects`.
    pub max_redirects: usize,
    /// Largest body accepted, in bytes after content decoding.
    pub max_body_bytes: usize,
    /// Media types treated as HTML; anything else is skipped as `not_html`.
    pub html_types: Vec<String>,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            user_agent: format!("newsflow/{} (news ingestion)", env!("CARGO_PKG_VERSION")),
            connect_timeout_ms: 5_000,
            total_timeout_ms: 30_000,
            max_redirects: 10,
            max_body_bytes: 5 * 1024 * 1024,
            html_types: vec!["text/html".into(), "application/xhtml+xml".into()],
        }
    }
}
