//! The poll thread, which polls the consumer, and its committer thread.
//!
//! librdkafka serves rebalance callbacks inside `poll`, and our revocation
//! callback blocks while in-flight work of the revoked partitions drains. A
//! dedicated OS thread keeps that wait away from the async workers doing the
//! draining.
//!
//! Periodic offset commits are synchronous, on a committer thread of their
//! own: rust-rdkafka 0.38 never delivers the result of an asynchronous
//! commit (fede1024/rust-rdkafka#856), so a commit is only known to be
//! confirmed when a synchronous one returns. The committer keeps that wait
//! off the poll loop; while one commit is in flight the next tick is
//! skipped, and unconfirmed positions are simply sent again.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::TopicPartitionList;
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;

use super::client::{RuntimeContext, Stashed};
use crate::metrics::StageMetrics;
use crate::watermark::{OffsetTracker, TopicPartition};

/// One message handed to a worker, with its in-flight permit.
pub(crate) struct Work {
    pub tp: TopicPartition,
    pub epoch: u64,
    pub message: OwnedMessage,
    pub permit: OwnedSemaphorePermit,
}

pub(crate) struct Poller {
    pub consumer: Arc<BaseConsumer<RuntimeContext>>,
    pub tracker: Arc<OffsetTracker>,
    pub permits: Arc<Semaphore>,
    pub work: mpsc::UnboundedSender<Work>,
    pub metrics: StageMetrics,
    pub commit_interval: Duration,
    /// Messages taken from the consumer and not yet started may fill this
    /// many places before fetching pauses…
    pub buffer_messages: usize,
    /// …and this many bytes.
    pub buffer_bytes: usize,
    pub drain_timeout: Duration,
    pub shutdown: CancellationToken,
}

impl Poller {
    pub fn run(self) {
        let (commits, committer) = self.spawn_committer();
        let context = self.consumer.context();
        let mut paused = false;
        let mut paused_at_assignment = 0;
        let mut last_commit = Instant::now();
        while !self.shutdown.is_cancelled() {
            let full = self.dispatch_stashed();
            // Backpressure: while every permit is taken, messages wait in
            // the stash; when the stash is full, pause fetching so that poll
            // only serves callbacks, and resume once it is half empty.
            // Pausing drops librdkafka's prefetched messages and costs a
            // refetch, so it must be rare: pausing whenever the permits ran
            // out gave 552 messages/s on a pass-through stage instead of
            // thousands (examples/delivery_cost.rs). Newly assigned
            // partitions start unpaused, so pause again after every
            // assignment.
            let stashed = context.stash.lock().map(|s| s.len()).unwrap_or(0);
            let bytes = context.stash_bytes.load(Ordering::SeqCst);
            let over = stashed >= self.buffer_messages || bytes >= self.buffer_bytes;
            let under = stashed <= self.buffer_messages / 2 && bytes <= self.buffer_bytes / 2;
            let generation = context.assignments.load(Ordering::SeqCst);
            if over && (!paused || generation != paused_at_assignment) {
                self.set_paused(true);
                paused = true;
                paused_at_assignment = generation;
            } else if paused && under {
                self.set_paused(false);
                paused = false;
            }
            let timeout = Duration::from_millis(if full { 20 } else { 100 });
            match self.consumer.poll(timeout) {
                None => {}
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "consume error");
                }
                Some(Ok(message)) => {
                    let tp = (message.topic().to_string(), message.partition());
                    self.metrics.consumed(&tp.0);
                    if let Some(epoch) = self.tracker.start(&tp, message.offset()) {
                        let message = message.detach();
                        let stashed = Stashed { tp, epoch, message };
                        context
                            .stash_bytes
                            .fetch_add(stashed.size(), Ordering::SeqCst);
                        let mut stash = context.stash.lock().unwrap_or_else(|e| e.into_inner());
                        stash.push_back(stashed);
                    }
                }
            }
            if last_commit.elapsed() >= self.commit_interval {
                if let Some(tpl) = context.uncommitted(None) {
                    match commits.try_send(tpl) {
                        Ok(()) | Err(TrySendError::Full(_)) => {}
                        Err(TrySendError::Disconnected(_)) => {
                            tracing::error!("the committer thread is gone");
                        }
                    }
                }
                last_commit = Instant::now();
            }
        }
        drop(commits);
        if committer.join().is_err() {
            tracing::error!("the committer thread panicked");
        }
        self.drain();
    }

    /// The committer thread: commits each list it receives, synchronously.
    fn spawn_committer(&self) -> (SyncSender<TopicPartitionList>, std::thread::JoinHandle<()>) {
        let (tx, rx) = sync_channel::<TopicPartitionList>(1);
        let consumer = self.consumer.clone();
        let handle = std::thread::Builder::new()
            .name("commit".into())
            .spawn(move || {
                for tpl in rx {
                    consumer.context().commit_list(&consumer, &tpl);
                }
            })
            .expect("spawn the committer thread");
        (tx, handle)
    }

    /// Hands stashed messages to workers while permits last; returns whether
    /// the service is full.
    fn dispatch_stashed(&self) -> bool {
        let context = self.consumer.context();
        let mut stash = context.stash.lock().unwrap_or_else(|e| e.into_inner());
        while !stash.is_empty() {
            let Ok(permit) = self.permits.clone().try_acquire_owned() else {
                return true;
            };
            let Some(s) = stash.pop_front() else { break };
            context.stash_bytes.fetch_sub(s.size(), Ordering::SeqCst);
            let work = Work {
                tp: s.tp,
                epoch: s.epoch,
                message: s.message,
                permit,
            };
            if self.work.send(work).is_err() {
                // The dispatcher is gone: we are shutting down.
                return true;
            }
        }
        self.permits.available_permits() == 0
    }

    fn set_paused(&self, pause: bool) {
        let Ok(assignment) = self.consumer.assignment() else {
            return;
        };
        if assignment.count() == 0 {
            return;
        }
        let result = if pause {
            self.consumer.pause(&assignment)
        } else {
            self.consumer.resume(&assignment)
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, pause, "pause/resume failed");
        }
    }

    /// Stop taking work, wait for in-flight work, commit, leave the group.
    fn drain(self) {
        let context = self.consumer.context();
        self.set_paused(true);
        context.forget_stashed(None);
        let deadline = Instant::now() + self.drain_timeout;
        // Keep serving callbacks while workers finish.
        while self.tracker.pending(None) > 0 && Instant::now() < deadline {
            if let Some(Ok(message)) = self.consumer.poll(Duration::from_millis(50)) {
                // Fetched before the pause took effect: not started, not
                // committed; the next owner reads it.
                tracing::debug!(offset = message.offset(), "ignoring message during drain");
            }
        }
        let left = self.tracker.pending(None);
        if left > 0 {
            tracing::warn!(
                abandoned = left,
                "drain deadline passed; unfinished work stays uncommitted"
            );
        }
        context.commit_sync(&self.consumer, None);
        // Forget the assignment so the revocation that closing triggers has
        // nothing left to wait for.
        for tp in self.tracker.assigned() {
            self.tracker.revoke(&tp);
        }
        drop(self.work);
        self.consumer.unsubscribe();
        // Dropping the consumer closes it: it leaves the group.
    }
}
