//! One message, start to finish: decode, run the stage with retries, write
//! the outputs or the dead letter, wait for the broker's acknowledgement, and
//! only then mark the offset finished.

use std::sync::Arc;
use std::time::Duration;

use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use tracing::Instrument;

use super::dlq;
use super::poller::Work;
use super::prepare::{message_span, prepare, Core, Output, Prepared, OUTPUT_TOO_LARGE};
use crate::retry::Slot;
use crate::stage::Stage;
use crate::watermark::OffsetTracker;

/// What every worker of one service shares.
pub(crate) struct Shared<S: Stage> {
    pub core: Core<S>,
    pub producer: FutureProducer,
    pub tracker: Arc<OffsetTracker>,
}

pub(crate) async fn process<S: Stage>(shared: Arc<Shared<S>>, work: Work) {
    let span = message_span(shared.core.stage.name(), &work.message);
    async move {
        if !shared.tracker.is_current(&work.tp, work.epoch) {
            // Revoked while queued: the new owner reads it.
            return;
        }
        let _in_flight = shared.core.metrics.in_flight();
        let slot = Slot::new(
            work.permit,
            shared.core.permits.clone(),
            shared.core.waiting.clone(),
        );
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
///
/// The message keeps its in-flight place until its outputs are acknowledged:
/// released earlier, a stage faster than the broker piled up unacknowledged
/// outputs without bound (the fetch stage reached 570 MB in the benchmark).
async fn handle<S: Stage>(shared: &Shared<S>, message: &impl Message, mut slot: Slot) -> bool {
    match prepare(&shared.core, message, &mut slot).await {
        None => false,
        Some(Prepared::Skip(reason)) => {
            tracing::debug!(reason, "skipped");
            shared.core.metrics.skipped(reason);
            true
        }
        Some(Prepared::DeadLetter {
            kind,
            text,
            attempts,
        }) => dead_letter(shared, message, kind, &text, attempts).await,
        Some(Prepared::Outputs(outputs)) => emit(shared, message, outputs).await,
    }
}

async fn emit<S: Stage>(shared: &Shared<S>, message: &impl Message, outputs: Vec<Output>) -> bool {
    let stage = shared.core.stage.name();
    let sends = outputs.iter().map(|o| {
        send_until_acked(
            shared,
            &o.topic,
            o.key.as_deref().map(str::as_bytes),
            Some(&o.value),
            o.headers(stage),
        )
    });
    let results = futures::future::join_all(sends).await;
    if results.iter().all(|r| matches!(r, Sent::Acked)) {
        for o in &outputs {
            shared.core.metrics.produced(&o.topic);
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
                let wait = shared.core.retry.delay(attempt, None);
                tracing::warn!(error = %e, topic, ?wait, "produce failed; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shared.core.abandon.cancelled() => return Sent::Abandoned,
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
        stage: shared.core.stage.name(),
        kind,
        message: text,
        attempts,
    };
    let now_millis = newsflow_contracts::now_millis();
    let topic = shared.core.input.dlq_name();
    let headers = dlq::headers(message, &reason, now_millis);
    match send_until_acked(shared, &topic, message.key(), message.payload(), headers).await {
        Sent::Acked => {
            shared.core.metrics.rejected(kind);
            shared.core.metrics.produced(&topic);
            true
        }
        Sent::TooLarge => {
            // Only possible when the DLQ topic allows less than the input
            // topic: keep the record of the failure, without the payload.
            let text = dlq::payload_omitted(text, &topic);
            let reason = dlq::Reason {
                message: &text,
                ..reason
            };
            let headers = dlq::headers(message, &reason, now_millis);
            match send_until_acked(shared, &topic, message.key(), None, headers).await {
                Sent::Acked | Sent::TooLarge => {
                    shared.core.metrics.rejected(kind);
                    true
                }
                Sent::Abandoned => false,
            }
        }
        Sent::Abandoned => false,
    }
}
