//! The fetch stage (`urls` → `pages`): HTTP(S) GET with a capped redirect
//! chain, connect and total timeouts, a body cap enforced while streaming
//! (after content decoding, so a gzip bomb stops at the cap), and charset
//! detection that turns any encoding into UTF-8.
//!
//! Decisions, each with a stable kind:
//! - 2xx HTML → a [`Page`](newsflow_contracts::Page) on output `pages`;
//! - non-HTML → skip `not_html`; 304 → skip `not_modified`;
//! - 404 → reject `http_not_found`, 410 → `http_gone`, other 4xx →
//!   `http_client_error`; a redirect loop → `redirect_loop`; too many
//!   redirects → `too_many_redirects`; an oversize body → `body_too_large`;
//!   an unusable URL → `invalid_url` or `forbidden_url`;
//! - 429 → retry `http_throttled`, 5xx → retry `http_server_error` (both
//!   honour `Retry-After`), timeouts → retry `timeout`, connection failures →
//!   retry `connect`.
//!
//! Politeness, robots.txt and the SSRF defence plug in through [`UrlGuard`]
//! (checked on every hop) and, later, a per-host gate.

pub mod charset;
mod http;
pub mod settings;

use std::sync::Arc;

use newsflow_contracts::{Page, UrlRequest};
use newsflow_runtime::{Outcome, Stage};

pub use http::{RetryAfter, SchemeGuard, UrlGuard, UrlRefusal};
pub use settings::FetchSettings;

/// Default admin port of `newsflow-fetch`.
pub const ADMIN_PORT: u16 = 9471;

/// The fetch stage.
pub struct FetchStage {
    client: reqwest::Client,
    settings: FetchSettings,
    guard: Arc<dyn UrlGuard>,
}

impl FetchStage {
    /// Builds the stage with the default guard (http and https only).
    pub fn new(settings: FetchSettings) -> Result<Self, reqwest::Error> {
        Self::with_guard(settings, Arc::new(SchemeGuard))
    }

    /// Builds the stage with a custom URL guard.
    pub fn with_guard(
        settings: FetchSettings,
        guard: Arc<dyn UrlGuard>,
    ) -> Result<Self, reqwest::Error> {
        let client = http::client(&settings)?;
        Ok(FetchStage {
            client,
            settings,
            guard,
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
        http::fetch(&self.client, &self.settings, &*self.guard, request).await
    }

    fn message_id(&self, request: &UrlRequest) -> Option<String> {
        url::Url::parse(&request.url).ok().map(|u| {
            newsflow_contracts::ids::stable_id(&newsflow_contracts::ids::basic_canonical(&u))
        })
    }
}
