//! robots.txt (RFC 9309): fetched once per origin with its own size and time
//! caps, parsed by `texting_robots`, cached with expiry.
//!
//! - 2xx: the rules apply (a body over the size cap is cut at the cap);
//! - 4xx (404 included): no rules, everything allowed;
//! - 5xx, timeouts, connection failures: the site is treated as fully
//!   disallowed for `unavailable_ttl_secs`, and URLs are retried later.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use texting_robots::Robot;
use url::Url;

use newsflow_runtime::Failure;

use crate::http::{classify, TransportError};
use crate::settings::RobotsSettings;
use crate::ssrf::AddressPolicy;

/// What robots.txt says about one URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Fetch it; the site asks for this delay between requests, if any.
    Allowed {
        /// Crawl-delay for our agent.
        crawl_delay: Option<Duration>,
    },
    /// The rules disallow it.
    Disallowed,
    /// robots.txt could not be read (5xx: `robots_unavailable`; or the
    /// transport failure's kind): try again later.
    Unavailable(Failure),
    /// The host resolves only to forbidden addresses.
    Forbidden(String),
}

impl Verdict {
    /// A metric label.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Allowed { .. } => "allowed",
            Verdict::Disallowed => "disallowed",
            Verdict::Unavailable(_) => "unavailable",
            Verdict::Forbidden(_) => "forbidden",
        }
    }
}

enum Rules {
    AllowAll,
    Parsed(Box<Robot>),
    Unavailable(Failure),
    Forbidden(String),
}

struct Entry {
    rules: Arc<Rules>,
    expires: Instant,
}

/// Per-origin robots.txt rules, cached.
pub struct RobotsCache {
    settings: RobotsSettings,
    agent: String,
    entries: Mutex<HashMap<String, Entry>>,
}

impl RobotsCache {
    /// A cache for `agent` (the robots.txt product token).
    pub fn new(settings: RobotsSettings, agent: &str) -> Self {
        RobotsCache {
            settings,
            agent: agent.to_string(),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The verdict for `url`, fetching the origin's robots.txt when needed.
    pub async fn verdict(
        &self,
        client: &reqwest::Client,
        policy: &AddressPolicy,
        url: &Url,
    ) -> Verdict {
        let origin = url.origin().ascii_serialization();
        let cached = {
            let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .get(&origin)
                .filter(|e| e.expires > Instant::now())
                .map(|e| e.rules.clone())
        };
        let rules = match cached {
            Some(rules) => rules,
            None => {
                let rules = Arc::new(self.fetch(client, policy, &origin).await);
                let ttl = match *rules {
                    Rules::Unavailable(_) | Rules::Forbidden(_) => {
                        self.settings.unavailable_ttl_secs
                    }
                    _ => self.settings.cache_ttl_secs,
                };
                self.store(origin, rules.clone(), Duration::from_secs(ttl));
                rules
            }
        };
        match &*rules {
            Rules::AllowAll => Verdict::Allowed { crawl_delay: None },
            Rules::Unavailable(failure) => Verdict::Unavailable(failure.clone()),
            Rules::Forbidden(why) => Verdict::Forbidden(why.clone()),
            Rules::Parsed(robot) => {
                if robot.allowed(url.as_str()) {
                    Verdict::Allowed {
                        crawl_delay: robot
                            .delay
                            .filter(|d| d.is_finite() && *d > 0.0)
                            .map(|d| Duration::from_secs_f32(d.min(3600.0))),
                    }
                } else {
                    Verdict::Disallowed
                }
            }
        }
    }

    fn store(&self, origin: String, rules: Arc<Rules>, ttl: Duration) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.settings.cache_entries {
            let now = Instant::now();
            entries.retain(|_, e| e.expires > now);
            if entries.len() >= self.settings.cache_entries {
                // Still full of live entries: start over rather than grow.
                entries.clear();
            }
        }
        entries.insert(
            origin,
            Entry {
                rules,
                expires: Instant::now() + ttl,
            },
        );
    }

    async fn fetch(&self, client: &reqwest::Client, policy: &AddressPolicy, origin: &str) -> Rules {
        let timeout = Duration::from_millis(self.settings.timeout_ms);
        match tokio::time::timeout(timeout, self.fetch_inner(client, policy, origin)).await {
            Ok(rules) => rules,
            Err(_) => Rules::Unavailable(Failure::new(
                "robots_unavailable",
                format!("{origin}/robots.txt timed out"),
            )),
        }
    }

    async fn fetch_inner(
        &self,
        client: &reqwest::Client,
        policy: &AddressPolicy,
        origin: &str,
    ) -> Rules {
        let Ok(mut url) = Url::parse(&format!("{origin}/robots.txt")) else {
            return Rules::AllowAll;
        };
        // RFC 9309: follow at least five redirects.
        for _ in 0..=5 {
            if policy.check_url(&url).is_err() {
                // A robots.txt that redirects somewhere forbidden says nothing.
                return Rules::AllowAll;
            }
            let response = match client.get(url.clone()).send().await {
                Ok(r) => r,
                Err(e) => {
                    return match classify(&e) {
                        TransportError::Refused(m) => Rules::Forbidden(m),
                        TransportError::HeadersTooLarge(m) => {
                            Rules::Unavailable(Failure::new("robots_unavailable", m))
                        }
                        TransportError::Transient(f) => Rules::Unavailable(f),
                    }
                }
            };
            let status = response.status();
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| url.join(l).ok());
                match next {
                    Some(next) => {
                        url = next;
                        continue;
                    }
                    None => return Rules::AllowAll,
                }
            }
            if status.is_server_error() {
                return Rules::Unavailable(Failure::new(
                    "robots_unavailable",
                    format!("{url} answered {status}"),
                ));
            }
            if !status.is_success() {
                return Rules::AllowAll;
            }
            let body = read_prefix(response, self.settings.max_bytes).await;
            return match Robot::new(&self.agent, &body) {
                Ok(robot) => Rules::Parsed(Box::new(robot)),
                Err(_) => Rules::AllowAll,
            };
        }
        Rules::AllowAll
    }
}

/// The first `cap` bytes of a body (the rest is not read).
async fn read_prefix(mut response: reqwest::Response, cap: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while body.len() < cap {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            _ => break,
        }
    }
    body
}
