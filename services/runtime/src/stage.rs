//! The stage contract: what a stage is, and what it may answer.

use std::future::Future;
use std::time::Duration;

use newsflow_contracts::Contract;

/// A unit of pipeline logic, free of any transport.
///
/// The runtime calls [`Stage::process`] once per attempt with the decoded
/// input; the stage answers with an [`Outcome`]. Stages keep no state that
/// matters across restarts: anything shared lives in a store behind a trait.
pub trait Stage: Send + Sync + 'static {
    /// The message type read from the input topic.
    type Input: Contract;
    /// The message type written to every output.
    type Output: Contract;

    /// Short lowercase name (`fetch`, `parse`, …): a metric label, the DLQ
    /// `stage` header, and the default consumer group suffix.
    fn name(&self) -> &'static str;

    /// The named outputs this stage emits to. The configuration maps each to
    /// a topic; the in-memory transport maps each to a channel.
    fn outputs(&self) -> &'static [&'static str];

    /// Processes one message. `attempt` starts at 1 and grows with each
    /// retry of the same message.
    fn process(
        &self,
        input: &Self::Input,
        attempt: u32,
    ) -> impl Future<Output = Outcome<Self::Output>> + Send;

    /// An id for log spans (the article or page id), when the input has one.
    fn message_id(&self, _input: &Self::Input) -> Option<String> {
        None
    }

    /// Whether the stage's own dependencies (a shared store) answered the
    /// last time they were used. `/readyz` reports not ready while this is
    /// false; messages keep retrying meanwhile.
    fn dependencies_ok(&self) -> bool {
        true
    }
}

/// What a stage decided about one message.
#[derive(Debug)]
pub enum Outcome<O> {
    /// Write these messages, each to a named output.
    Emit(Vec<Emit<O>>),
    /// Drop the message on purpose; the reason is a metric label, so it must
    /// come from a small fixed set.
    Skip(&'static str),
    /// A transient failure: try again after a backoff (at least
    /// `retry_after` when given), until the attempt budget runs out — or,
    /// for a failure marked `until_recovered`, for as long as it takes.
    Retry(Failure),
    /// A permanent failure: the message goes to the dead-letter topic.
    Reject(Failure),
}

/// One output message.
#[derive(Debug, Clone)]
pub struct Emit<O> {
    /// Which named output (one of [`Stage::outputs`]).
    pub output: &'static str,
    /// The Kafka key; `None` means no key.
    pub key: Option<String>,
    /// The message.
    pub message: O,
}

/// Why processing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// A short, stable error kind from a fixed set (`timeout`,
    /// `http_not_found`, …): a metric label and the DLQ `error-kind` header.
    pub kind: &'static str,
    /// A human-readable explanation for logs and the DLQ.
    pub message: String,
    /// For transient failures: the earliest sensible retry (e.g. from a
    /// `Retry-After` header).
    pub retry_after: Option<Duration>,
    /// A shared dependency (a store) is down, not something wrong with the
    /// message: retried with backoff until it recovers, never dead-lettered
    /// for running out of attempts.
    pub until_recovered: bool,
}

impl Failure {
    /// A failure with no retry hint.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            retry_after: None,
            until_recovered: false,
        }
    }

    /// Adds a retry hint.
    pub fn retry_after(mut self, after: Option<Duration>) -> Self {
        self.retry_after = after;
        self
    }
}

impl<O> Outcome<O> {
    /// A single message to a single output.
    pub fn emit(output: &'static str, key: Option<String>, message: O) -> Self {
        Outcome::Emit(vec![Emit {
            output,
            key,
            message,
        }])
    }

    /// A transient failure.
    pub fn retry(kind: &'static str, message: impl Into<String>) -> Self {
        Outcome::Retry(Failure::new(kind, message))
    }

    /// A shared dependency is down: retry until it is back, however many
    /// attempts that takes (the service reports not ready meanwhile through
    /// [`Stage::dependencies_ok`]).
    pub fn retry_until_recovered(kind: &'static str, message: impl Into<String>) -> Self {
        Outcome::Retry(Failure {
            until_recovered: true,
            ..Failure::new(kind, message)
        })
    }

    /// A permanent failure.
    pub fn reject(kind: &'static str, message: impl Into<String>) -> Self {
        Outcome::Reject(Failure::new(kind, message))
    }
}
