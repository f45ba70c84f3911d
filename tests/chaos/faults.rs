//! The inputs of a chaos run and the faults injected while they flow, at
//! seeded random times on seeded random targets.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::fleet::{signal, Fleet, STAGES};
use super::Plan;

/// One kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// SIGKILL a stage process; restart it in its slot 0.5–3 s later.
    Kill,
    /// SIGKILL the broker and start it again.
    BrokerRestart,
    /// SIGSTOP a stage process past its session timeout, then SIGCONT.
    Pause,
    /// Start one more replica of a stage (a rebalance).
    ScaleOut,
    /// SIGTERM a replica of a stage that has more than one (a rebalance).
    ScaleIn,
    /// SIGSTOP Redis for three seconds.
    RedisPause,
}

impl Fault {
    fn label(self) -> &'static str {
        match self {
            Fault::Kill => "sigkill",
            Fault::BrokerRestart => "broker_restart",
            Fault::Pause => "pause_past_session_timeout",
            Fault::ScaleOut => "scale_out",
            Fault::ScaleIn => "scale_in",
            Fault::RedisPause => "redis_pause",
        }
    }
}

/// The submitted URLs: fixture articles, and one in fifty a page that is
/// not there (a dead letter at fetch).
pub fn urls(base: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            if i % 50 == 7 {
                format!("{base}/status/404?chaos={i}")
            } else {
                format!("{base}/news/{i}")
            }
        })
        .collect()
}

/// The dead-letter reasons the inputs explain: the missing pages and the
/// malformed messages.
pub const EXPECTED_DEAD_LETTERS: [&str; 2] = ["http_not_found", "decode"];

/// Markers of the malformed messages (`share` of `n`, at least one).
pub fn junk_markers(n: usize, share: f64) -> Vec<String> {
    let count = ((n as f64 * share).round() as usize).max(1);
    (0..count).map(|k| format!("chaos-junk-{k}")).collect()
}

/// What [`inject`] did.
pub struct Injected {
    /// Faults by kind.
    pub counts: BTreeMap<String, usize>,
    /// Processes that exited on their own.
    pub crashes: Vec<String>,
}

enum Undo {
    Restart(usize),
    Resume(usize),
    ResumeRedis(Option<u32>),
}

/// Injects the plan's faults over its window, then returns with every
/// fault undone (killed replicas restarted, paused ones resumed).
pub async fn inject(plan: &Plan, fleet: &mut Fleet, stack: &Path) -> Injected {
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let window = Duration::from_secs(plan.window_secs);
    let mut schedule: Vec<(Duration, Fault)> = Vec::new();
    for (fault, count) in [
        (Fault::Kill, plan.kills),
        (Fault::BrokerRestart, plan.broker_restarts),
        (Fault::Pause, plan.pauses),
        (Fault::ScaleOut, plan.scale_events),
        (Fault::ScaleIn, plan.scale_events),
        (Fault::RedisPause, plan.redis_pauses),
    ] {
        for _ in 0..count {
            let at = window.mul_f64(rng.random_range(0.05..0.9));
            schedule.push((at, fault));
        }
    }
    schedule.sort_by_key(|(at, _)| *at);
    schedule.reverse();

    let start = Instant::now();
    let mut undo: Vec<(Instant, Undo)> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut crashes = Vec::new();
    while start.elapsed() < window || !undo.is_empty() || !schedule.is_empty() {
        for (index, gone) in fleet.exited() {
            tracing::warn!(%gone, "stage process exited on its own; restarting");
            crashes.push(gone);
            undo.push((
                Instant::now() + Duration::from_secs(1),
                Undo::Restart(index),
            ));
        }
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = undo.into_iter().partition(|(at, _)| *at <= now);
        undo = later;
        for (_, u) in due {
            match u {
                Undo::Restart(i) => {
                    if let Err(e) = fleet.start(i) {
                        tracing::error!(error = %e, "restart failed");
                    }
                }
                Undo::Resume(i) => fleet.resume(i),
                Undo::ResumeRedis(pid) => signal(pid, "CONT"),
            }
        }
        if schedule
            .last()
            .is_some_and(|(at, _)| start.elapsed() >= *at)
        {
            let (_, fault) = schedule.pop().expect("checked");
            if let Some(u) = apply(fault, fleet, stack, &mut rng).await {
                undo.push(u);
            }
            *counts.entry(fault.label().to_string()).or_insert(0) += 1;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Injected { counts, crashes }
}

async fn apply(
    fault: Fault,
    fleet: &mut Fleet,
    stack: &Path,
    rng: &mut StdRng,
) -> Option<(Instant, Undo)> {
    let pick = |rng: &mut StdRng, of: Vec<usize>| -> Option<usize> {
        (!of.is_empty()).then(|| of[rng.random_range(0..of.len())])
    };
    tracing::info!(?fault, "injecting");
    match fault {
        Fault::Kill => {
            let i = pick(rng, fleet.live(None))?;
            fleet.kill(i);
            let after = Duration::from_millis(rng.random_range(500..3000));
            Some((Instant::now() + after, Undo::Restart(i)))
        }
        Fault::Pause => {
            let i = pick(rng, fleet.live(None))?;
            fleet.pause(i);
            // The session timeout is 6 s: the group moves on without it.
            Some((Instant::now() + Duration::from_secs(8), Undo::Resume(i)))
        }
        Fault::ScaleOut => {
            let stage = STAGES[rng.random_range(0..STAGES.len())].0;
            if let Err(e) = fleet.add(stage) {
                tracing::error!(error = %e, "scale out failed");
            }
            None
        }
        Fault::ScaleIn => {
            let stages: Vec<&str> = STAGES
                .iter()
                .map(|(s, _)| *s)
                .filter(|s| fleet.live(Some(s)).len() > 1)
                .collect();
            let stage = *stages.get(rng.random_range(0..stages.len().max(1)))?;
            let i = pick(rng, fleet.live(Some(stage)))?;
            tokio::task::block_in_place(|| fleet.stop(i));
            None
        }
        Fault::BrokerRestart => {
            let stack = stack.to_path_buf();
            let status = tokio::task::spawn_blocking(move || {
                Command::new("bash")
                    .arg(&stack)
                    .arg("restart-kafka")
                    .status()
            })
            .await;
            if !matches!(status, Ok(Ok(s)) if s.success()) {
                tracing::error!(?status, "broker restart failed");
            }
            None
        }
        Fault::RedisPause => {
            let pid = Command::new("bash")
                .arg(stack)
                .args(["pid", "redis"])
                .output()
                .ok()
                .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok());
            signal(pid, "STOP");
            Some((
                Instant::now() + Duration::from_secs(3),
                Undo::ResumeRedis(pid),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_distinct_and_one_in_fifty_is_missing_on_the_site() {
        let u = urls("http://h", 200);
        let distinct: std::collections::BTreeSet<_> = u.iter().collect();
        assert_eq!(distinct.len(), 200);
        assert_eq!(u.iter().filter(|u| u.contains("/status/404")).count(), 4);
        assert_eq!(junk_markers(500, 0.01).len(), 5);
        assert_eq!(junk_markers(10, 0.01).len(), 1);
    }
}
