//! One message, start to finish: decode, run the stage with retries, write
//! the outputs or the dead letter, wait for the broker's acknowledgement, and
//! only then mark the offset finished.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use newsflow_contracts::{decode, encode, CONTENT_TYPE_HEADER};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::dlq;
use super::poller::Work;
use crate::config::TopicSettings;
use crate::metrics::StageMetrics;
use crate::retry::{execute, Final, RetryPolicy, Slot};
use crate::stage::{Emit, Stage};
use crate::watermark::OffsetTracker;

/// Error kind of a message whose value cannot be decoded.
pub const DECODE: &str = "decode";
/// Error kind of an output larger than its topic allows.
pub const OUTPUT_TOO_LARGE: &str = "output_too_large";

/// What every worker of one service shares.
pub(crate) struct Shared<S: Stage> {
    pub stage: Arc<S>,
    pub producer: FutureProducer,
    pub tracker: Arc<OffsetTracker>,
    pub input: TopicSettings,
    pub outputs: HashMap<&'static str, TopicSettings>,
    pub retry: RetryPolicy,
    pub metrics: StageMetrics,
    pub abandon: CancellationToken,
    pub permits: Arc<tokio::sync::Semaphore>,
    pub waiting: Arc<tokio::sync::Semaphore>,
}

pub(crate) async fn process<S: Stage>(shared: Arc<Shared<S>>, work: Work) {
    let span = tracing::info_span!(
        "message",
        stage = shared.stage.name(),
        topic = %work.tp.0,
        partition = work.tp.1,
        offset = work.message.offset(),
        id = tracing::field::Empty,
    );
    async move {
        if !shared.tracker.is_current(&work.tp, work.epoch) {
            // Revoked while queued: the new owner reads it.
            return;
        }
        let _in_flight = shared.metrics.in_flight();
        let slot = Slot::new(work.permit, shared.permits.clone(), shared.waiting.clone());
        let done = handle(&shared, &work.message, slot).await;
        if done {
            shared
                .tracker
                .finish(&work.tp, work.message.offset(), work.epoch);
        }
    }
    .instrument(span)
    .await
}

/// Returns whether the message is done (outputs or dead letter acknowledged,
/// or skipped); `false` means abandoned, to be redone by a later owner.
async fn handle<S: Stage>(shared: &Shared<S>, message: &impl Message, mut slot: Slot) -> bool {
    let content_type = dlq::header(message, CONTENT_TYPE_HEADER);
    let input: S::Input = match decode(message.payload(), content_type, shared.input.format) {
        Ok(input) => input,
        Err(e) => {
            tracing::warn!(error = %e, "undecodable message: dead-lettering");
            return dead_letter(shared, message, DECODE, &e.to_string(), 0).await;
        }
    };
    if let Some(id) = shared.stage.message_id(&input) {
        tracing::Span::current().record("id", id.as_str());
    }
    let decision = execute(
        &*shared.stage,
        &input,
        &shared.retry,
        &shared.metrics,
        &shared.abandon,
        &mut slot,
    )
    .await;
    match decision {
        None => false,
        Some(Final::Skip(reason)) => {
            tracing::debug!(reason, "skipped");
            shared.metrics.skipped(reason);
            true
        }
        Some(Final::DeadLetter {
            kind,
            message: text,
            attempts,
        }) => {
            tracing::warn!(kind, error = %text, attempts, "rejected: dead-lettering");
            dead_letter(shared, message, kind, &text, attempts).await
        }
        Some(Final::Emit(emits)) => emit(shared, message, emits).await,
    }
}

struct Encoded<'a> {
    topic: &'a str,
    key: Option<String>,
    value: Vec<u8>,
    content_type: &'static str,
}

async fn emit<S: Stage>(
    shared: &Shared<S>,
    message: &impl Message,
    emits: Vec<Emit<S::Output>>,
) -> bool {
    let mut encoded = Vec::with_capacity(emits.len());
    for e in emits {
        let Some(topic) = shared.outputs.get(e.output) else {
            let text = format!("stage emitted to undeclared output {:?}", e.output);
            return dead_letter(shared, message, crate::memory::UNKNOWN_OUTPUT, &text, 1).await;
        };
        let value = encode(&e.message, topic.format);
        if value.len() > topic.max_message_bytes {
            let text = format!(
                "output to {} is {} bytes; the topic allows {} (topics.*.max_message_bytes)",
                topic.name,
                value.len(),
                topic.max_message_bytes
            );
            return dead_letter(shared, message, OUTPUT_TOO_LARGE, &text, 1).await;
        }
        encoded.push(Encoded {
            topic: &topic.name,
            key: e.key,
            value,
            content_type: topic.format.content_type(),
        });
    }
    let stage = shared.stage.name();
    let sends = encoded.iter().map(|o| {
        let headers = OwnedHeaders::new()
            .insert(Header {
                key: CONTENT_TYPE_HEADER,
                value: Some(o.content_type),
            })
            .insert(Header {
                key: "newsflow-stage",
                value: Some(stage),
            });
        send_until_acked(
            shared,
            o.topic,
            o.key.as_deref().map(str::as_bytes),
            Some(&o.value),
            headers,
        )
    });
    let results = futures::future::join_all(sends).await;
    if results.iter().all(|r| matches!(r, Sent::Acked)) {
        for o in &encoded {
            shared.metrics.produced(o.topic);
        }
        return true;
    }
    if results.iter().any(|r| matches!(r, Sent::TooLarge)) {
        let text = "the broker refused an output as too large (message.max.bytes)";
        return dead_letter(shared, message, OUTPUT_TOO_LARGE, text, 1).await;
    }
    false
}

enum Sent {
    Acked,
    TooLarge,
    Abandoned,
}

/// Sends one record, retrying transient failures (broker down, queue full)
/// with backoff until it is acknowledged or the service gives up draining.
/// Nothing is committed for a message whose outputs are not acknowledged, so
/// waiting here can delay but never lose.
async fn send_until_acked<S: Stage>(
    shared: &Shared<S>,
    topic: &str,
    key: Option<&[u8]>,
    payload: Option<&[u8]>,
    headers: OwnedHeaders,
) -> Sent {
    let mut attempt = 1;
    loop {
        let mut record: FutureRecord<'_, [u8], [u8]> =
            FutureRecord::to(topic).headers(headers.clone());
        if let Some(key) = key {
            record = record.key(key);
        }
        if let Some(payload) = payload {
            record = record.payload(payload);
        }
        match shared.producer.send(record, Duration::from_secs(30)).await {
            Ok(_) => return Sent::Acked,
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::MessageSizeTooLarge), _)) => {
                return Sent::TooLarge
            }
            Err((e, _)) => {
                let wait = shared.retry.delay(attempt, None);
                tracing::warn!(error = %e, topic, ?wait, "produce failed; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shared.abandon.cancelled() => return Sent::Abandoned,
                }
                attempt += 1;
            }
        }
    }
}

async fn dead_letter<S: Stage>(
    shared: &Shared<S>,
    message: &impl Message,
    kind: &str,
    text: &str,
    attempts: u32,
) -> bool {
    let reason = dlq::Reason {
        stage: shared.stage.name(),
        kind,
        message: text,
        attempts,
    };
    let now_millis = newsflow_contracts::now_millis();
    let topic = shared.input.dlq_name();
    let headers = dlq::headers(message, &reason, now_millis);
    match send_until_acked(shared, &topic, message.key(), message.payload(), headers).await {
        Sent::Acked => {
            shared.metrics.rejected(kind);
            shared.metrics.produced(&topic);
            true
        }
        Sent::TooLarge => {
            // Only possible when the DLQ topic allows less than the input
            // topic: keep the record of the failure, without the payload.
            let text = format!("{text} [payload omitted: too large for {topic}]");
            let reason = dlq::Reason {
                message: &text,
                ..reason
            };
            let headers = dlq::headers(message, &reason, now_millis);
            match send_until_acked(shared, &topic, message.key(), None, headers).await {
                Sent::Acked | Sent::TooLarge => {
                    shared.metrics.rejected(kind);
                    true
                }
                Sent::Abandoned => false,
            }
        }
        Sent::Abandoned => false,
    }
}
