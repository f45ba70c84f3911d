//! Per-partition commit watermarks.
//!
//! Messages of one partition are processed concurrently and finish in any
//! order. The offset we may commit is the lowest offset still unfinished (or
//! one past the highest started, when nothing is pending): committing further
//! would skip work that has not been done. Each assignment of a partition gets
//! a new *epoch*, so work that finishes after its partition was revoked cannot
//! move the watermark of a later assignment.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A topic-partition.
pub type TopicPartition = (String, i32);

#[derive(Debug, Default)]
struct PartitionState {
    epoch: u64,
    pending: BTreeSet<i64>,
    /// Highest offset started, if any.
    max_started: Option<i64>,
    /// The last position the broker confirmed as committed.
    committed: Option<i64>,
}

impl PartitionState {
    fn position(&self) -> Option<i64> {
        match self.pending.first() {
            Some(&lowest) => Some(lowest),
            None => self.max_started.map(|o| o + 1),
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    next_epoch: u64,
    partitions: HashMap<TopicPartition, PartitionState>,
}

/// Tracks started and finished offsets of every assigned partition. Shared by
/// the poll thread (start, commit, revoke) and the workers (finish).
#[derive(Debug, Default)]
pub struct OffsetTracker {
    inner: Mutex<Inner>,
    finished: Condvar,
}

impl OffsetTracker {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding this lock leaves plain integers behind: the
        // state is still consistent, so keep going.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A partition was assigned; returns its epoch.
    pub fn assign(&self, tp: TopicPartition) -> u64 {
        let mut inner = self.lock();
        inner.next_epoch += 1;
        let epoch = inner.next_epoch;
        inner.partitions.insert(
            tp,
            PartitionState {
                epoch,
                ..Default::default()
            },
        );
        epoch
    }

    /// A partition was revoked: forget it. Later finishes are ignored.
    pub fn revoke(&self, tp: &TopicPartition) {
        self.lock().partitions.remove(tp);
        self.finished.notify_all();
    }

    /// The partitions currently tracked.
    pub fn assigned(&self) -> Vec<TopicPartition> {
        self.lock().partitions.keys().cloned().collect()
    }

    /// A message was taken from the consumer; returns the epoch to finish it
    /// with, or `None` when the partition is not (or no longer) assigned.
    pub fn start(&self, tp: &TopicPartition, offset: i64) -> Option<u64> {
        let mut inner = self.lock();
        let state = inner.partitions.get_mut(tp)?;
        state.pending.insert(offset);
        state.max_started = Some(state.max_started.map_or(offset, |m| m.max(offset)));
        Some(state.epoch)
    }

    /// Whether work of this epoch still belongs to a current assignment.
    pub fn is_current(&self, tp: &TopicPartition, epoch: u64) -> bool {
        self.lock()
            .partitions
            .get(tp)
            .is_some_and(|s| s.epoch == epoch)
    }

    /// A message is done (outputs acknowledged, or dead-lettered).
    pub fn finish(&self, tp: &TopicPartition, offset: i64, epoch: u64) {
        let mut inner = self.lock();
        if let Some(state) = inner.partitions.get_mut(tp) {
            if state.epoch == epoch {
                state.pending.remove(&offset);
            }
        }
        drop(inner);
        self.finished.notify_all();
    }

    /// Un-starts every offset from `offset` on: messages taken from the
    /// consumer but never handed to a worker. Only valid for the highest
    /// started offsets, which such messages always are.
    pub fn forget_from(&self, tp: &TopicPartition, offset: i64) {
        let mut inner = self.lock();
        if let Some(state) = inner.partitions.get_mut(tp) {
            state.pending.retain(|&o| o < offset);
            if state.max_started.is_some_and(|m| m >= offset) {
                state.max_started = Some(offset - 1);
            }
        }
    }

    /// Positions beyond what the broker confirmed. They stay in this list,
    /// and are sent again by the next commit, until [`Self::confirm`] is
    /// called: a commit lost in a rebalance is simply repeated.
    pub fn take_commits(&self) -> BTreeMap<TopicPartition, i64> {
        self.take_commits_where(|_| true)
    }

    /// [`Self::take_commits`] restricted to some partitions.
    pub fn take_commits_where(
        &self,
        filter: impl Fn(&TopicPartition) -> bool,
    ) -> BTreeMap<TopicPartition, i64> {
        let mut inner = self.lock();
        let mut out = BTreeMap::new();
        for (tp, state) in inner.partitions.iter_mut().filter(|(tp, _)| filter(tp)) {
            if let Some(pos) = state.position() {
                if state.committed.is_none_or(|c| pos > c) {
                    out.insert(tp.clone(), pos);
                }
            }
        }
        out
    }

    /// The broker confirmed a commit of `offset`.
    pub fn confirm(&self, tp: &TopicPartition, offset: i64) {
        let mut inner = self.lock();
        if let Some(state) = inner.partitions.get_mut(tp) {
            state.committed = Some(state.committed.map_or(offset, |c| c.max(offset)));
        }
    }

    /// Number of unfinished messages in the given partitions (all when `None`).
    pub fn pending(&self, only: Option<&[TopicPartition]>) -> usize {
        let inner = self.lock();
        inner
            .partitions
            .iter()
            .filter(|(tp, _)| only.is_none_or(|o| o.contains(tp)))
            .map(|(_, s)| s.pending.len())
            .sum()
    }

    /// Blocks until the given partitions (all when `None`) have no unfinished
    /// messages, or the deadline passes. Returns what is still pending.
    pub fn wait_idle(&self, only: Option<&[TopicPartition]>, timeout: Duration) -> usize {
        let deadline = Instant::now() + timeout;
        let mut inner = self.lock();
        loop {
            let pending: usize = inner
                .partitions
                .iter()
                .filter(|(tp, _)| only.is_none_or(|o| o.contains(tp)))
                .map(|(_, s)| s.pending.len())
                .sum();
            let now = Instant::now();
            if pending == 0 || now >= deadline {
                return pending;
            }
            inner = self
                .finished
                .wait_timeout(inner, (deadline - now).min(Duration::from_millis(100)))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp() -> TopicPartition {
        ("urls".to_string(), 0)
    }

    #[test]
    fn out_of_order_completion_never_commits_past_unfinished_work() {
        let t = OffsetTracker::default();
        let e = t.assign(tp());
        for o in 10..15 {
            assert_eq!(t.start(&tp(), o), Some(e));
        }
        // 12 and 14 finish first: 10 is still running, nothing may move.
        t.finish(&tp(), 12, e);
        t.finish(&tp(), 14, e);
        // position = lowest pending = 10, which is a first commit at 10.
        assert_eq!(t.take_commits().get(&tp()), Some(&10));
        t.confirm(&tp(), 10);
        t.finish(&tp(), 10, e);
        assert_eq!(t.take_commits().get(&tp()), Some(&11));
        t.finish(&tp(), 11, e);
        assert_eq!(t.take_commits().get(&tp()), Some(&13));
        t.confirm(&tp(), 13);
        // Nothing changed since the confirmed commit: no commit.
        assert!(t.take_commits().is_empty());
        t.finish(&tp(), 13, e);
        assert_eq!(t.take_commits().get(&tp()), Some(&15));
    }

    #[test]
    fn an_unconfirmed_commit_is_sent_again() {
        let t = OffsetTracker::default();
        let e = t.assign(tp());
        t.start(&tp(), 0);
        t.finish(&tp(), 0, e);
        assert_eq!(t.take_commits().get(&tp()), Some(&1));
        assert_eq!(t.take_commits().get(&tp()), Some(&1), "not confirmed yet");
        t.confirm(&tp(), 1);
        assert!(t.take_commits().is_empty());
    }

    #[test]
    fn work_from_an_old_assignment_is_ignored() {
        let t = OffsetTracker::default();
        let old = t.assign(tp());
        t.start(&tp(), 5);
        t.revoke(&tp());
        assert!(!t.is_current(&tp(), old));
        assert_eq!(t.start(&tp(), 6), None, "revoked partitions take no work");
        let new = t.assign(tp());
        t.start(&tp(), 5);
        t.finish(&tp(), 5, old);
        assert_eq!(t.pending(None), 1, "a stale finish must not clear new work");
        t.finish(&tp(), 5, new);
        assert_eq!(t.take_commits().get(&tp()), Some(&6));
    }

    #[test]
    fn forgotten_messages_are_redone_after_a_restart() {
        let t = OffsetTracker::default();
        let e = t.assign(tp());
        for o in 0..4 {
            t.start(&tp(), o);
        }
        t.finish(&tp(), 0, e);
        t.finish(&tp(), 1, e);
        t.forget_from(&tp(), 2);
        assert_eq!(t.pending(None), 0);
        assert_eq!(t.take_commits().get(&tp()), Some(&2));
    }

    #[test]
    fn wait_idle_returns_when_work_finishes_or_at_the_deadline() {
        let t = std::sync::Arc::new(OffsetTracker::default());
        let e = t.assign(tp());
        t.start(&tp(), 0);
        t.start(&tp(), 1);
        assert_eq!(t.wait_idle(None, Duration::from_millis(50)), 2);
        let t2 = t.clone();
        let worker = std::thread::spawn(move || {
            t2.finish(&tp(), 0, e);
            t2.finish(&tp(), 1, e);
        });
        assert_eq!(t.wait_idle(Some(&[tp()]), Duration::from_secs(10)), 0);
        worker.join().unwrap();
    }
}
