//! `[stages.fetch]` settings.

use serde::{Deserialize, Serialize};

use crate::politeness::PolitenessSettings;
use crate::ssrf::AllowRule;

/// How the fetcher behaves. Every field has a default; see
/// `docs/configuration.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchSettings {
    /// The product token in the User-Agent header and the name matched
    /// against robots.txt groups.
    pub user_agent: String,
    /// A URL (or `mailto:`) where site owners can reach the operator; added
    /// to the User-Agent as `(+URL)` when set.
    pub contact_url: String,
    /// Time to establish a TCP (and TLS) connection, ms.
    pub connect_timeout_ms: u64,
    /// Time for one whole fetch, redirects and body included, ms.
    pub total_timeout_ms: u64,
    /// Redirects followed before giving up with `too_many_redirects`.
    pub max_redirects: usize,
    /// Largest body accepted, in bytes after content decoding.
    pub max_body_bytes: usize,
    /// Longest URL accepted (also for redirect targets), bytes.
    pub max_url_bytes: usize,
    /// Slowest acceptable transfer once `slow_grace_ms` has passed, bytes per
    /// second; a slower body is abandoned as `too_slow` (retried).
    pub min_bytes_per_sec: u64,
    /// Time a response may take before the minimum rate applies, ms.
    pub slow_grace_ms: u64,
    /// Media types treated as HTML; anything else is skipped as `not_html`.
    pub html_types: Vec<String>,
    /// Refuse loopback, private, link-local, metadata and other non-public
    /// addresses (on every hop, at connect time). Keep on unless every URL
    /// source is trusted.
    pub ssrf_protection: bool,
    /// Addresses allowed despite `ssrf_protection`: `ip`, `ip:port` (admits
    /// only URLs naming that address literally) or `net/prefix`.
    pub allow: Vec<AllowRule>,
    /// A canonical URL fetched less than this long ago is skipped as
    /// `recently_fetched` unless the request asks for a re-fetch; seconds,
    /// 0 disables. Kept in the shared store (`[store]`).
    pub recent_window_secs: u64,
    /// Send If-None-Match / If-Modified-Since from the last fetch; a 304 is
    /// skipped as `not_modified`.
    pub conditional_get: bool,
    /// How long validators (ETag, Last-Modified) are kept, seconds.
    pub validators_ttl_secs: u64,
    /// robots.txt handling.
    pub robots: RobotsSettings,
    /// Per-host limits.
    pub politeness: PolitenessSettings,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            user_agent: format!("newsflow/{}", env!("CARGO_PKG_VERSION")),
            contact_url: String::new(),
            connect_timeout_ms: 5_000,
            total_timeout_ms: 30_000,
            max_redirects: 10,
            max_body_bytes: 5 * 1024 * 1024,
            max_url_bytes: 2048,
            min_bytes_per_sec: 512,
            slow_grace_ms: 5_000,
            html_types: vec!["text/html".into(), "application/xhtml+xml".into()],
            ssrf_protection: true,
            allow: Vec::new(),
            recent_window_secs: 3600,
            conditional_get: true,
            validators_ttl_secs: 30 * 24 * 3600,
            robots: RobotsSettings::default(),
            politeness: PolitenessSettings::default(),
        }
    }
}

impl FetchSettings {
    /// The User-Agent header value.
    pub fn user_agent_header(&self) -> String {
        if self.contact_url.is_empty() {
            self.user_agent.clone()
        } else {
            format!("{} (+{})", self.user_agent, self.contact_url)
        }
    }

    /// The robots.txt agent name: the product token without its version.
    pub fn robots_agent(&self) -> &str {
        self.user_agent.split('/').next().unwrap_or("newsflow")
    }
}

/// robots.txt handling (RFC 9309).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RobotsSettings {
    /// Obey robots.txt.
    pub enabled: bool,
    /// How long a host's rules are cached, seconds.
    pub cache_ttl_secs: u64,
    /// How long an unreachable robots.txt (5xx, timeout) blocks the host
    /// before it is tried again, seconds.
    pub unavailable_ttl_secs: u64,
    /// Largest robots.txt read; the rest is ignored, bytes.
    pub max_bytes: usize,
    /// Time to fetch robots.txt, ms.
    pub timeout_ms: u64,
    /// Hosts whose rules are cached at most.
    pub cache_entries: usize,
}

impl Default for RobotsSettings {
    fn default() -> Self {
        RobotsSettings {
            enabled: true,
            cache_ttl_secs: 3600,
            unavailable_ttl_secs: 60,
            max_bytes: 512 * 1024,
            timeout_ms: 10_000,
            cache_entries: 10_000,
        }
    }
}
