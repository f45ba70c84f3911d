//! Per-host politeness inside one replica: at most `max_concurrent_per_host`
//! requests at once to a host, starts spaced by at least `min_delay_ms` (or
//! the host's robots.txt Crawl-delay, if longer, up to a cap), and an
//! adaptive penalty after 429/503 that honours `Retry-After`.
//!
//! A message waits at its host's gate for at most `max_wait_ms`; past that it
//! is handed back as a retry (`host_busy`), which releases its in-flight place
//! (see the runtime's retry slots), so one slow or throttled host never
//! starves the others. URLs are keyed by host on the `urls` topic, so one
//! host's queue lives on one partition and one replica.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use serde::{Deserialize, Serialize};

/// `[stages.fetch.politeness]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolitenessSettings {
    /// Apply per-host limits.
    pub enabled: bool,
    /// Requests in flight to one host at once.
    pub max_concurrent_per_host: usize,
    /// Least time between the starts of two requests to one host, ms.
    pub min_delay_ms: u64,
    /// Longest robots.txt Crawl-delay honoured, seconds.
    pub max_crawl_delay_secs: u64,
    /// Longest a message waits at its host's gate before it is handed back
    /// as a retry (`host_busy`), ms.
    pub max_wait_ms: u64,
    /// First penalty added to a host's delay after a 429 or 503, ms; it
    /// doubles per further throttle and halves per success.
    pub throttle_penalty_ms: u64,
    /// Largest penalty, seconds.
    pub max_throttle_penalty_secs: u64,
    /// Hosts remembered at most (idle ones are forgotten first).
    pub max_hosts: usize,
}

impl Default for PolitenessSettings {
    fn default() -> Self {
        PolitenessSettings {
            enabled: true,
            max_concurrent_per_host: 2,
            min_delay_ms: 1_000,
            max_crawl_delay_secs: 30,
            max_wait_ms: 10_000,
            throttle_penalty_ms: 2_000,
            max_throttle_penalty_secs: 300,
            max_hosts: 100_000,
        }
    }
}

#[derive(Debug)]
struct Host {
    active: usize,
    next_start: Instant,
    blocked_until: Instant,
    penalty: Duration,
}

/// The per-host gates of one fetcher.
#[derive(Debug)]
pub struct HostGate {
    settings: PolitenessSettings,
    hosts: Mutex<HashMap<String, Host>>,
}

/// Permission to send one request to a host; frees the host's place when
/// dropped.
#[derive(Debug)]
pub struct Ticket {
    gate: Option<(Arc<HostGate>, String)>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Some((gate, host)) = self.gate.take() {
            let mut hosts = gate.lock();
            if let Some(h) = hosts.get_mut(&host) {
                h.active = h.active.saturating_sub(1);
            }
        }
    }
}

impl HostGate {
    /// Gates with these settings.
    pub fn new(settings: PolitenessSettings) -> Arc<Self> {
        Arc::new(HostGate {
            settings,
            hosts: Mutex::new(HashMap::new()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Host>> {
        self.hosts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a place at `host`. `Err(wait)` when the wait would pass
    /// `max_wait_ms`: try again after `wait`. The time waited is returned
    /// with the ticket.
    pub async fn acquire(
        self: &Arc<Self>,
        host: &str,
        crawl_delay: Option<Duration>,
    ) -> Result<(Ticket, Duration), Duration> {
        if !self.settings.enabled {
            return Ok((Ticket { gate: None }, Duration::ZERO));
        }
        let started = Instant::now();
        let max_wait = Duration::from_millis(self.settings.max_wait_ms);
        let crawl_delay = crawl_delay
            .unwrap_or_default()
            .min(Duration::from_secs(self.settings.max_crawl_delay_secs));
        loop {
            let now = Instant::now();
            let wait = {
                let mut hosts = self.lock();
                if hosts.len() >= self.settings.max_hosts && !hosts.contains_key(host) {
                    hosts
                        .retain(|_, h| h.active > 0 || h.next_start > now || h.blocked_until > now);
                }
                let h = hosts.entry(host.to_string()).or_insert_with(|| Host {
                    active: 0,
                    next_start: now,
                    blocked_until: now,
                    penalty: Duration::ZERO,
                });
                let earliest = h.next_start.max(h.blocked_until);
                if h.active < self.settings.max_concurrent_per_host && earliest <= now {
                    let delay = Duration::from_millis(self.settings.min_delay_ms).max(crawl_delay)
                        + h.penalty;
                    h.active += 1;
                    h.next_start = now + delay;
                    return Ok((
                        Ticket {
                            gate: Some((self.clone(), host.to_string())),
                        },
                        started.elapsed(),
                    ));
                }
                if earliest > now {
                    earliest - now
                } else {
                    // Full: poll for a free place.
                    Duration::from_millis(20)
                }
            };
            if started.elapsed() + wait > max_wait {
                return Err(wait.max(Duration::from_millis(100)));
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// The host answered 429 or 503: back off for at least `retry_after`
    /// and grow its penalty.
    pub fn throttled(&self, host: &str, retry_after: Option<Duration>) {
        if !self.settings.enabled {
            return;
        }
        let mut hosts = self.lock();
        if let Some(h) = hosts.get_mut(host) {
            let first = Duration::from_millis(self.settings.throttle_penalty_ms);
            let max = Duration::from_secs(self.settings.max_throttle_penalty_secs);
            h.penalty = (h.penalty * 2).max(first).min(max);
            let pause = retry_after.unwrap_or(h.penalty).min(max);
            h.blocked_until = h.blocked_until.max(Instant::now() + pause);
        }
    }

    /// The host answered normally: its penalty decays.
    pub fn succeeded(&self, host: &str) {
        let mut hosts = self.lock();
        if let Some(h) = hosts.get_mut(host) {
            h.penalty /= 2;
            if h.penalty < Duration::from_millis(100) {
                h.penalty = Duration::ZERO;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(concurrent: usize, delay_ms: u64, max_wait_ms: u64) -> Arc<HostGate> {
        HostGate::new(PolitenessSettings {
            max_concurrent_per_host: concurrent,
            min_delay_ms: delay_ms,
            max_wait_ms,
            ..Default::default()
        })
    }

    #[tokio::test(start_paused = true)]
    async fn starts_to_one_host_are_spaced_and_other_hosts_are_not_held_up() {
        let g = gate(4, 1_000, 60_000);
        let t0 = tokio::time::Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let (ticket, _) = g.acquire("a.example", None).await.unwrap();
            starts.push(t0.elapsed());
            drop(ticket);
        }
        assert!(
            starts[1] >= Duration::from_millis(1_000) && starts[2] >= Duration::from_millis(2_000),
            "{starts:?}"
        );
        // Another host goes at once.
        let before = t0.elapsed();
        g.acquire("b.example", None).await.unwrap();
        assert_eq!(t0.elapsed(), before);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrency_per_host_is_capped_and_long_waits_are_handed_back() {
        let g = gate(1, 0, 500);
        let (held, _) = g.acquire("a.example", None).await.unwrap();
        // The only place is taken: after max_wait the caller is told to retry.
        assert!(g.acquire("a.example", None).await.is_err());
        drop(held);
        assert!(g.acquire("a.example", None).await.is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn throttling_blocks_the_host_for_retry_after_and_crawl_delay_spaces_it() {
        let g = gate(2, 0, 60_000);
        drop(g.acquire("a.example", None).await.unwrap());
        g.throttled("a.example", Some(Duration::from_secs(5)));
        let t0 = tokio::time::Instant::now();
        drop(g.acquire("a.example", None).await.unwrap());
        assert!(t0.elapsed() >= Duration::from_secs(5));
        let g = gate(2, 0, 60_000);
        drop(
            g.acquire("c.example", Some(Duration::from_secs(3)))
                .await
                .unwrap(),
        );
        let t0 = tokio::time::Instant::now();
        drop(
            g.acquire("c.example", Some(Duration::from_secs(3)))
                .await
                .unwrap(),
        );
        assert!(t0.elapsed() >= Duration::from_secs(3));
    }
}
