//! One message up to the point of writing: decode it, run the stage with
//! retries and encode what it emits. Both delivery modes share this; they
//! differ only in how the result is made durable ([`worker`](super::worker)
//! waits for acknowledgements, [`transactional`](super::transactional)
//! commits a batch in one transaction).

use std::collections::HashMap;
use std::sync::Arc;

use newsflow_contracts::{decode, encode, CONTENT_TYPE_HEADER};
use rdkafka::message::{Header, Message, OwnedHeaders};
use tokio_util::sync::CancellationToken;

use super::dlq;
use crate::config::TopicSettings;
use crate::metrics::StageMetrics;
use crate::retry::{execute, Final, RetryPolicy, Slot};
use crate::stage::Stage;

/// Error kind of a message whose value cannot be decoded.
pub const DECODE: &str = "decode";
/// Error kind of an output larger than its topic allows.
pub const OUTPUT_TOO_LARGE: &str = "output_too_large";

/// What every message of one service shares, whatever the delivery mode.
pub(crate) struct Core<S: Stage> {
    pub stage: Arc<S>,
    pub input: TopicSettings,
    pub outputs: HashMap<&'static str, TopicSettings>,
    pub retry: RetryPolicy,
    pub metrics: StageMetrics,
    /// Fired when work still retrying must give up (drain deadline passed).
    pub abandon: CancellationToken,
    pub permits: Arc<tokio::sync::Semaphore>,
    pub waiting: Arc<tokio::sync::Semaphore>,
}

/// One encoded output record.
pub(crate) struct Output {
    pub topic: String,
    pub key: Option<String>,
    pub value: Vec<u8>,
    pub content_type: &'static str,
}

impl Output {
    /// The headers every output carries.
    pub fn headers(&self, stage: &str) -> OwnedHeaders {
        OwnedHeaders::new()
            .insert(Header {
                key: CONTENT_TYPE_HEADER,
                value: Some(self.content_type),
            })
            .insert(Header {
                key: "newsflow-stage",
                value: Some(stage),
            })
    }
}

/// What to write for one message.
pub(crate) enum Prepared {
    /// Nothing: dropped on purpose, for this reason.
    Skip(&'static str),
    /// These outputs (possibly none).
    Outputs(Vec<Output>),
    /// The input, to the dead-letter topic.
    DeadLetter {
        kind: &'static str,
        text: String,
        attempts: u32,
    },
}

/// The span of one message's work: stage, topic, partition, offset, and
/// the id once the stage names it.
pub(crate) fn message_span(stage: &str, message: &impl Message) -> tracing::Span {
    tracing::info_span!(
        "message",
        stage,
        topic = %message.topic(),
        partition = message.partition(),
        offset = message.offset(),
        id = tracing::field::Empty,
    )
}

/// Decodes, runs and encodes one message. `None` means abandoned (the drain
/// deadline passed during a retry): nothing may be committed for it. The
/// caller keeps `slot` until the outputs are acknowledged, so that
/// `runtime.max_in_flight` bounds the outputs held in memory too.
pub(crate) async fn prepare<S: Stage>(
    core: &Core<S>,
    message: &impl Message,
    slot: &mut Slot,
) -> Option<Prepared> {
    let content_type = dlq::header(message, CONTENT_TYPE_HEADER);
    let input: S::Input = match decode(message.payload(), content_type, core.input.format) {
        Ok(input) => input,
        Err(e) => {
            tracing::warn!(error = %e, "undecodable message: dead-lettering");
            return Some(Prepared::DeadLetter {
                kind: DECODE,
                text: e.to_string(),
                attempts: 0,
            });
        }
    };
    if let Some(id) = core.stage.message_id(&input) {
        tracing::Span::current().record("id", id.as_str());
    }
    let decision = execute(
        &*core.stage,
        &input,
        &core.retry,
        &core.metrics,
        &core.abandon,
        slot,
    )
    .await?;
    Some(match decision {
        Final::Skip(reason) => Prepared::Skip(reason),
        Final::DeadLetter {
            kind,
            message: text,
            attempts,
        } => {
            tracing::warn!(kind, error = %text, attempts, "rejected: dead-lettering");
            Prepared::DeadLetter {
                kind,
                text,
                attempts,
            }
        }
        Final::Emit(emits) => {
            let mut outputs = Vec::with_capacity(emits.len());
            for e in emits {
                let Some(topic) = core.outputs.get(e.output) else {
                    return Some(Prepared::DeadLetter {
                        kind: crate::memory::UNKNOWN_OUTPUT,
                        text: format!("stage emitted to undeclared output {:?}", e.output),
                        attempts: 1,
                    });
                };
                let value = encode(&e.message, topic.format);
                if value.len() > topic.max_message_bytes {
                    return Some(Prepared::DeadLetter {
                        kind: OUTPUT_TOO_LARGE,
                        text: format!(
                            "output to {} is {} bytes; the topic allows {} (topics.*.max_message_bytes)",
                            topic.name,
                            value.len(),
                            topic.max_message_bytes
                        ),
                        attempts: 1,
                    });
                }
                outputs.push(Output {
                    topic: topic.name.clone(),
                    key: e.key,
                    value,
                    content_type: topic.format.content_type(),
                });
            }
            Prepared::Outputs(outputs)
        }
    })
}
