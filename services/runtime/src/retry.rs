//! Attempts and backoff: the part of message handling shared by every
//! transport. [`execute`] runs a stage on one message until it reaches a
//! final decision ([`Final`]) or the runtime is shutting down.

use std::time::{Duration, Instant};

use std::sync::Arc;

use rand::Rng;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;

use crate::metrics::StageMetrics;
use crate::stage::{Emit, Outcome, Stage};

/// Error kind recorded when the attempt budget runs out.
pub const RETRIES_EXHAUSTED: &str = "retries_exhausted";

/// Capped exponential backoff with jitter.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Backoff before the second attempt.
    pub initial_backoff: Duration,
    /// No backoff grows beyond this.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is cut to it.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// The ceiling of the backoff after failed attempt number `attempt`
    /// (1-based): `initial * 2^(attempt-1)`, capped.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(31));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait after failed attempt `attempt`: "equal jitter" — half the
    /// ceiling plus a random share of the other half, so retries of many
    /// messages spread out but never come back immediately. A server's
    /// `Retry-After` (capped) is a floor.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let ceiling = self.ceiling(attempt);
        let half = ceiling / 2;
        let jitter = rand::rng().random_range(0..=half.as_millis() as u64);
        let backoff = half + Duration::from_millis(jitter);
        match retry_after {
            Some(hint) => backoff.max(hint.min(self.max_retry_after)),
            None => backoff,
        }
    }
}

/// The final decision about one message.
#[derive(Debug)]
pub enum Final<O> {
    /// Write these outputs.
    Emit(Vec<Emit<O>>),
    /// Dropped on purpose.
    Skip(&'static str),
    /// Give up: to the dead-letter topic.
    DeadLetter {
        /// Error kind.
        kind: &'static str,
        /// Explanation.
        message: String,
        /// Attempts made.
        attempts: u32,
    },
}

/// The in-flight permit of one message. While the message waits for a
/// retry it lends the permit back (when a *waiting* place is free), so a
/// throttled host whose messages all wait cannot occupy every in-flight
/// place and starve the others. Both pools are bounded: memory stays bounded.
pub struct Slot {
    permits: Arc<Semaphore>,
    waiting: Arc<Semaphore>,
    held: Option<OwnedSemaphorePermit>,
    parked: Option<OwnedSemaphorePermit>,
}

impl Slot {
    /// A slot holding `permit` from `permits`, able to park in `waiting`.
    pub fn new(
        permit: OwnedSemaphorePermit,
        permits: Arc<Semaphore>,
        waiting: Arc<Semaphore>,
    ) -> Self {
        Slot {
            permits,
            waiting,
            held: Some(permit),
            parked: None,
        }
    }

    /// Before a wait: give the in-flight permit back if a waiting place is free.
    fn park(&mut self) {
        if self.held.is_some() {
            if let Ok(waiting) = self.waiting.clone().try_acquire_owned() {
                self.parked = Some(waiting);
                self.held = None;
            }
        }
    }

    /// After a wait: take an in-flight permit again.
    async fn unpark(&mut self) {
        if self.held.is_none() {
            self.held = self.permits.clone().acquire_owned().await.ok();
            self.parked = None;
        }
    }
}

/// Runs `stage` on `input`, retrying transient failures per `policy`.
/// Returns `None` when `cancel` fires during a backoff: the message is then
/// abandoned, uncommitted, for a later run to redo.
pub async fn execute<S: Stage>(
    stage: &S,
    input: &S::Input,
    policy: &RetryPolicy,
    metrics: &StageMetrics,
    cancel: &CancellationToken,
    slot: &mut Slot,
) -> Option<Final<S::Output>> {
    let mut attempt = 1;
    loop {
        let started = Instant::now();
        let outcome = stage.process(input, attempt).await;
        let label = match &outcome {
            Outcome::Emit(_) => "emit",
            Outcome::Skip(_) => "skip",
            Outcome::Retry(_) => "retry",
            Outcome::Reject(_) => "reject",
        };
        metrics.observe_processing(label, started.elapsed());
        match outcome {
            Outcome::Emit(outputs) => return Some(Final::Emit(outputs)),
            Outcome::Skip(reason) => return Some(Final::Skip(reason)),
            Outcome::Reject(failure) => {
                return Some(Final::DeadLetter {
                    kind: failure.kind,
                    message: failure.message,
                    attempts: attempt,
                })
            }
            Outcome::Retry(failure)
                if attempt >= policy.max_attempts && !failure.until_recovered =>
            {
                return Some(Final::DeadLetter {
                    kind: RETRIES_EXHAUSTED,
                    message: format!(
                        "gave up after {attempt} attempts; last error ({}): {}",
                        failure.kind, failure.message
                    ),
                    attempts: attempt,
                });
            }
            Outcome::Retry(failure) => {
                metrics.retried(failure.kind);
                let wait = policy.delay(attempt, failure.retry_after);
                tracing::debug!(kind = failure.kind, error = %failure.message, attempt, ?wait, "retrying");
                slot.park();
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = cancel.cancelled() => return None,
                }
                tokio::select! {
                    _ = slot.unpark() => {}
                    _ = cancel.cancelled() => return None,
                }
                attempt += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_waiting_message_lends_its_permit_while_waiting_places_last() {
        let permits = Arc::new(Semaphore::new(1));
        let waiting = Arc::new(Semaphore::new(1));
        let first = permits.clone().try_acquire_owned().unwrap();
        let mut slot = Slot::new(first, permits.clone(), waiting.clone());
        slot.park();
        assert_eq!(permits.available_permits(), 1, "lent back while waiting");
        assert_eq!(waiting.available_permits(), 0);
        // Someone else takes the free in-flight place; a second waiter finds
        // no waiting place and keeps its permit.
        let other = permits.clone().try_acquire_owned().unwrap();
        let mut second = Slot::new(other, permits.clone(), waiting.clone());
        second.park();
        assert_eq!(permits.available_permits(), 0);
        drop(second);
        slot.unpark().await;
        assert_eq!(
            permits.available_permits(),
            0,
            "the first took its place back"
        );
        assert_eq!(waiting.available_permits(), 1);
    }

    /// Fails the first `failures` attempts, then emits.
    struct Flaky {
        failures: u32,
        until_recovered: bool,
    }

    impl Stage for Flaky {
        type Input = newsflow_contracts::UrlRequest;
        type Output = newsflow_contracts::UrlRequest;
        fn name(&self) -> &'static str {
            "flaky"
        }
        fn outputs(&self) -> &'static [&'static str] {
            &["out"]
        }
        async fn process(&self, input: &Self::Input, attempt: u32) -> Outcome<Self::Output> {
            if attempt <= self.failures {
                return if self.until_recovered {
                    Outcome::retry_until_recovered("store_unavailable", "down")
                } else {
                    Outcome::retry("timeout", "slow")
                };
            }
            Outcome::emit("out", None, input.clone())
        }
    }

    async fn run(stage: Flaky) -> Final<newsflow_contracts::UrlRequest> {
        let policy = RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(2),
            max_retry_after: Duration::from_millis(2),
        };
        let permits = Arc::new(Semaphore::new(1));
        let waiting = Arc::new(Semaphore::new(1));
        let permit = permits.clone().try_acquire_owned().unwrap();
        let mut slot = Slot::new(permit, permits, waiting);
        let metrics = crate::Metrics::new("test").stage("flaky");
        execute(
            &stage,
            &Default::default(),
            &policy,
            &metrics,
            &CancellationToken::new(),
            &mut slot,
        )
        .await
        .expect("not cancelled")
    }

    #[tokio::test]
    async fn the_attempt_budget_dead_letters_a_failing_message_but_not_a_dependency_outage() {
        let ordinary = run(Flaky {
            failures: 10,
            until_recovered: false,
        })
        .await;
        assert!(
            matches!(
                ordinary,
                Final::DeadLetter {
                    kind: RETRIES_EXHAUSTED,
                    attempts: 3,
                    ..
                }
            ),
            "{ordinary:?}"
        );
        let outage = run(Flaky {
            failures: 10,
            until_recovered: true,
        })
        .await;
        assert!(matches!(outage, Final::Emit(_)), "{outage:?}");
    }

    #[test]
    fn backoff_doubles_then_caps() {
        let p = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(5),
        };
        assert_eq!(p.ceiling(1), Duration::from_millis(100));
        assert_eq!(p.ceiling(2), Duration::from_millis(200));
        assert_eq!(p.ceiling(4), Duration::from_millis(800));
        assert_eq!(p.ceiling(5), Duration::from_secs(1));
        assert_eq!(p.ceiling(60), Duration::from_secs(1));
    }

    #[test]
    fn delay_is_jittered_within_half_to_full_ceiling() {
        let p = RetryPolicy::default();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let d = p.delay(3, None);
            assert!(d >= p.ceiling(3) / 2 && d <= p.ceiling(3), "{d:?}");
            seen.insert(d.as_millis());
        }
        assert!(seen.len() > 10, "jitter should spread delays: {seen:?}");
    }

    #[test]
    fn retry_after_is_a_capped_floor() {
        let p = RetryPolicy::default();
        assert!(p.delay(1, Some(Duration::from_secs(7))) >= Duration::from_secs(7));
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(100_000))),
            p.max_retry_after
        );
    }
}
