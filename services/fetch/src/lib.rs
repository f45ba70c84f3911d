//! The fetch stage (`urls` → `pages`): HTTP(S) GET with a capped redirect
//! chain, connect and total timeouts, a minimum transfer rate, a body cap
//! enforced while streaming (after content decoding, so a gzip bomb stops at
//! the cap), robots.txt, an SSRF defence checked on every hop at connect
//! time, and charset detection that turns any encoding into UTF-8.
//!
//! Decisions, each with a stable kind:
//! - 2xx HTML → a [`Page`] on output `pages`;
//! - skips: `not_html`, `not_modified` (304 to a conditional GET),
//!   `recently_fetched` (inside `recent_window_secs`), `robots_disallowed`;
//! - rejects (to the DLQ): `http_not_found` (404), `http_gone` (410),
//!   `http_client_error` (other 4xx), `redirect_loop`, `too_many_redirects`,
//!   `bad_redirect`, `body_too_large`, `headers_too_large`, `invalid_url`,
//!   `url_too_long`, `forbidden_url` (scheme, credentials),
//!   `forbidden_address` (SSRF defence);
//! - retries: `http_throttled` (429) and `http_server_error` (5xx), both
//!   honouring `Retry-After`; `timeout`, `connect`, `transfer`, `too_slow`,
//!   `robots_unavailable`, `host_busy` (the per-host gate is full for longer
//!   than `politeness.max_wait_ms`).

pub mod charset;
mod http;
mod memory_of;
pub mod metrics;
pub mod politeness;
pub mod robots;
pub mod settings;
pub mod ssrf;

use std::sync::Arc;

use newsflow_contracts::{Page, UrlRequest};
use newsflow_runtime::{Outcome, Stage};

pub use http::{RetryAfter, SchemeGuard, UrlGuard, UrlRefusal};
pub use politeness::PolitenessSettings;
pub use settings::{FetchSettings, RobotsSettings};

/// Default admin port of `newsflow-fetch`.
pub const ADMIN_PORT: u16 = 9471;

/// What the stage is built with besides its settings.
#[derive(Clone)]
pub struct FetchDeps {
    /// Where to register the fetch metrics (none: unregistered).
    pub registry: Option<prometheus::Registry>,
    /// How hostnames are resolved (the system resolver by default).
    pub lookup: Arc<dyn ssrf::HostLookup>,
    /// Extra per-URL checks (robots-like policies); http(s) only by default.
    pub guard: Arc<dyn UrlGuard>,
    /// The shared store for validators and the recently-fetched window.
    pub store: Arc<dyn newsflow_runtime::store::Store>,
}

impl Default for FetchDeps {
    fn default() -> Self {
        FetchDeps {
            registry: None,
            lookup: Arc::new(ssrf::SystemLookup),
            guard: Arc::new(SchemeGuard),
            store: Arc::new(newsflow_runtime::store::MemoryStore::new(100_000)),
        }
    }
}

/// The fetch stage.
pub struct FetchStage {
    pub(crate) client: reqwest::Client,
    pub(crate) settings: FetchSettings,
    pub(crate) guard: Arc<dyn UrlGuard>,
    pub(crate) policy: Arc<ssrf::AddressPolicy>,
    pub(crate) robots: Option<robots::RobotsCache>,
    pub(crate) metrics: metrics::FetchMetrics,
    pub(crate) gate: Arc<politeness::HostGate>,
    pub(crate) store: Arc<dyn newsflow_runtime::store::Store>,
}

impl FetchStage {
    /// Builds the stage with default dependencies.
    pub fn new(settings: FetchSettings) -> Result<Self, reqwest::Error> {
        Self::with_deps(settings, FetchDeps::default())
    }

    /// Builds the stage.
    pub fn with_deps(settings: FetchSettings, deps: FetchDeps) -> Result<Self, reqwest::Error> {
        let metrics = metrics::FetchMetrics::new(deps.registry.as_ref());
        let policy = Arc::new(if settings.ssrf_protection {
            ssrf::AddressPolicy::new(settings.allow.clone())
        } else {
            ssrf::AddressPolicy::disabled()
        });
        let refused_metrics = metrics.clone();
        let resolver = ssrf::GuardedResolver::new(
            policy.clone(),
            deps.lookup,
            Arc::new(move |r: &ssrf::Refused| refused_metrics.refused(r.reason)),
        );
        let client = http::client(&settings, resolver)?;
        let robots = settings
            .robots
            .enabled
            .then(|| robots::RobotsCache::new(settings.robots.clone(), settings.robots_agent()));
        let gate = politeness::HostGate::new(settings.politeness.clone());
        Ok(FetchStage {
            store: deps.store,
            gate,
            client,
            settings,
            guard: deps.guard,
            policy,
            robots,
            metrics,
        })
    }
}

impl Stage for FetchStage {
    type Input = UrlRequest;
    type Output = Page;

    fn name(&self) -> &'static str {
        "fetch"
    }

    fn outputs(&self) -> &'static [&'static str] {
        &["pages"]
    }

    async fn process(&self, request: &UrlRequest, _attempt: u32) -> Outcome<Page> {
        http::fetch(self, request).await
    }

    fn message_id(&self, request: &UrlRequest) -> Option<String> {
        url::Url::parse(&request.url).ok().map(|u| {
            newsflow_contracts::ids::stable_id(&newsflow_contracts::ids::canonical_form(&u))
        })
    }
}
