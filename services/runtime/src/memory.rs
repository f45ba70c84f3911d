//! The in-memory transport: stages joined by bounded channels in one process.
//! The embedded `newsflow run` uses it, and so do fast tests. Semantics match
//! the Kafka transport — bounded in-flight work, the same retry policy, dead
//! letters with the same metadata — minus durability.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use newsflow_contracts::{v1::DeadLetter, Contract, WireFormat};
use tokio::sync::{mpsc, Semaphore};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::metrics::StageMetrics;
use crate::retry::{execute, Final, RetryPolicy, Slot};
use crate::stage::Stage;

/// Error kind of an emit to an output the stage did not declare.
pub const UNKNOWN_OUTPUT: &str = "unknown_output";

/// What one stage did over a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StageReport {
    /// Inputs taken.
    pub consumed: u64,
    /// Outputs written, all outputs together.
    pub emitted: u64,
    /// Outputs written, by output name.
    pub emitted_by_output: BTreeMap<&'static str, u64>,
    /// Inputs skipped, by reason.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Inputs dead-lettered, by error kind.
    pub dead_lettered: BTreeMap<&'static str, u64>,
    /// Inputs abandoned by cancellation.
    pub abandoned: u64,
}

/// How a stage runs in memory.
#[derive(Clone)]
pub struct MemoryOptions {
    /// Inputs processed at once.
    pub max_in_flight: usize,
    /// Inputs that may wait for a retry without an in-flight place.
    pub max_waiting: usize,
    /// Retries.
    pub retry: RetryPolicy,
    /// Metrics handle.
    pub metrics: StageMetrics,
    /// Stops the stage: in-flight work in backoff is abandoned.
    pub cancel: CancellationToken,
}

/// Runs `stage` over `input` until the channel closes and all work is done.
/// Emits go to `outputs` by name; failures go to `dead_letters` as
/// [`DeadLetter`] records whose payload is the input in canonical JSON.
/// Closing happens by drop: when this returns, its senders are gone, so the
/// next stage sees the end of its input.
pub async fn run_stage<S: Stage>(
    stage: Arc<S>,
    mut input: mpsc::Receiver<S::Input>,
    outputs: HashMap<&'static str, mpsc::Sender<S::Output>>,
    dead_letters: mpsc::Sender<DeadLetter>,
    options: MemoryOptions,
) -> StageReport {
    let permits = Arc::new(Semaphore::new(options.max_in_flight.max(1)));
    let waiting = Arc::new(Semaphore::new(options.max_waiting));
    let outputs = Arc::new(outputs);
    let mut tasks: JoinSet<Result<Done, ()>> = JoinSet::new();
    let mut report = StageReport::default();
    let mut input_seq: i64 = 0;
    loop {
        tokio::select! {
            biased;
            Some(done) = tasks.join_next(), if !tasks.is_empty() => record(&mut report, done),
            message = input.recv() => {
                let Some(message) = message else { break };
                let Ok(permit) = permits.clone().acquire_owned().await else { break };
                report.consumed += 1;
                input_seq += 1;
                let (stage, outputs, dead_letters, options) =
                    (stage.clone(), outputs.clone(), dead_letters.clone(), options.clone());
                let offset = input_seq;
                let slot = Slot::new(permit, permits.clone(), waiting.clone());
                tasks.spawn(async move {
                    handle(&*stage, message, offset, &outputs, &dead_letters, &options, slot).await
                });
            }
        }
    }
    while let Some(done) = tasks.join_next().await {
        record(&mut report, done);
    }
    report
}

enum Done {
    Emitted(Vec<&'static str>),
    Skipped(&'static str),
    DeadLettered(&'static str),
    Abandoned,
}

fn record(report: &mut StageReport, done: Result<Result<Done, ()>, tokio::task::JoinError>) {
    match done {
        Ok(Ok(Done::Emitted(outputs))) => {
            report.emitted += outputs.len() as u64;
            for o in outputs {
                *report.emitted_by_output.entry(o).or_default() += 1;
            }
        }
        Ok(Ok(Done::Skipped(reason))) => *report.skipped.entry(reason).or_default() += 1,
        Ok(Ok(Done::DeadLettered(kind))) => *report.dead_lettered.entry(kind).or_default() += 1,
        Ok(Ok(Done::Abandoned)) | Ok(Err(())) => report.abandoned += 1,
        Err(e) => {
            tracing::error!(error = %e, "stage task panicked");
            *report.dead_lettered.entry("panic").or_default() += 1;
        }
    }
}

async fn handle<S: Stage>(
    stage: &S,
    message: S::Input,
    offset: i64,
    outputs: &HashMap<&'static str, mpsc::Sender<S::Output>>,
    dead_letters: &mpsc::Sender<DeadLetter>,
    options: &MemoryOptions,
    mut slot: Slot,
) -> Result<Done, ()> {
    let metrics = &options.metrics;
    let _in_flight = metrics.in_flight();
    metrics.consumed("memory");
    let span = tracing::info_span!(
        "message",
        stage = stage.name(),
        offset,
        id = stage.message_id(&message)
    );
    let decision = execute(
        stage,
        &message,
        &options.retry,
        metrics,
        &options.cancel,
        &mut slot,
    )
    .instrument(span)
    .await;
    let dead = |kind: &'static str, text: String, attempts: u32| DeadLetter {
        stage: stage.name().to_string(),
        error_kind: kind.to_string(),
        error_message: text,
        attempts,
        original_topic: "memory".into(),
        original_offset: offset,
        failed_at: Some(newsflow_contracts::now()),
        payload: newsflow_contracts::encode(&message, WireFormat::Json),
        content_type: WireFormat::Json.content_type().into(),
        ..Default::default()
    };
    match decision {
        None => Ok(Done::Abandoned),
        Some(Final::Skip(reason)) => {
            metrics.skipped(reason);
            Ok(Done::Skipped(reason))
        }
        Some(Final::DeadLetter {
            kind,
            message: text,
            attempts,
        }) => {
            metrics.rejected(kind);
            dead_letters
                .send(dead(kind, text, attempts))
                .await
                .map_err(|_| ())?;
            Ok(Done::DeadLettered(kind))
        }
        Some(Final::Emit(emits)) => {
            if let Some(bad) = emits.iter().find(|e| !outputs.contains_key(e.output)) {
                let text = format!("stage emitted to undeclared output {:?}", bad.output);
                metrics.rejected(UNKNOWN_OUTPUT);
                dead_letters
                    .send(dead(UNKNOWN_OUTPUT, text, 1))
                    .await
                    .map_err(|_| ())?;
                return Ok(Done::DeadLettered(UNKNOWN_OUTPUT));
            }
            let names: Vec<&'static str> = emits.iter().map(|e| e.output).collect();
            for emit in emits {
                outputs[emit.output]
                    .send(emit.message)
                    .await
                    .map_err(|_| ())?;
                metrics.produced(emit.output);
            }
            Ok(Done::Emitted(names))
        }
    }
}

/// Re-decodes a memory dead letter's payload (handy in tests and reports).
pub fn dead_letter_payload<T: Contract>(dl: &DeadLetter) -> Option<T> {
    newsflow_contracts::decode(Some(&dl.payload), Some(&dl.content_type), WireFormat::Json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Metrics;
    use crate::stage::Outcome;
    use newsflow_contracts::UrlRequest;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    /// Upper-cases URLs; "skip" is skipped, "bad" rejected, "flaky" fails
    /// transiently twice, "down" always fails transiently.
    struct Upper {
        flaky_calls: AtomicU32,
    }

    impl Stage for Upper {
        type Input = UrlRequest;
        type Output = UrlRequest;
        fn name(&self) -> &'static str {
            "upper"
        }
        fn outputs(&self) -> &'static [&'static str] {
            &["out"]
        }
        async fn process(&self, input: &UrlRequest, _attempt: u32) -> Outcome<UrlRequest> {
            match input.url.as_str() {
                "skip" => Outcome::Skip("told_to"),
                "bad" => Outcome::reject("bad_input", "cannot handle"),
                "down" => Outcome::retry("unavailable", "still down"),
                "flaky" if self.flaky_calls.fetch_add(1, Ordering::SeqCst) < 2 => {
                    Outcome::retry("unavailable", "not yet")
                }
                url => Outcome::emit(
                    "out",
                    None,
                    UrlRequest {
                        url: url.to_uppercase(),
                        ..Default::default()
                    },
                ),
            }
        }
    }

    #[tokio::test]
    async fn each_outcome_lands_where_it_should() {
        let (in_tx, in_rx) = mpsc::channel(4);
        let (out_tx, mut out_rx) = mpsc::channel(16);
        let (dl_tx, mut dl_rx) = mpsc::channel(16);
        let options = MemoryOptions {
            max_in_flight: 3,
            max_waiting: 3,
            retry: RetryPolicy {
                max_attempts: 3,
                initial_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(5),
                max_retry_after: Duration::from_millis(5),
            },
            metrics: Metrics::new("test").stage("upper"),
            cancel: CancellationToken::new(),
        };
        let stage = Arc::new(Upper {
            flaky_calls: AtomicU32::new(0),
        });
        let runner = tokio::spawn(run_stage(
            stage,
            in_rx,
            HashMap::from([("out", out_tx)]),
            dl_tx,
            options,
        ));
        for url in ["a", "skip", "bad", "flaky", "down", "b"] {
            in_tx
                .send(UrlRequest {
                    url: url.into(),
                    ..Default::default()
                })
                .await
                .unwrap();
        }
        drop(in_tx);
        let report = runner.await.unwrap();
        let mut out = Vec::new();
        while let Some(m) = out_rx.recv().await {
            out.push(m.url);
        }
        out.sort();
        assert_eq!(out, ["A", "B", "FLAKY"]);
        let mut dead = Vec::new();
        while let Some(d) = dl_rx.recv().await {
            let original: UrlRequest = dead_letter_payload(&d).unwrap();
            dead.push((original.url, d.error_kind, d.attempts));
        }
        dead.sort();
        assert_eq!(
            dead,
            [
                ("bad".to_string(), "bad_input".to_string(), 1),
                ("down".to_string(), "retries_exhausted".to_string(), 3)
            ]
        );
        assert_eq!(report.consumed, 6);
        assert_eq!(report.emitted, 3);
        assert_eq!(report.skipped.get("told_to"), Some(&1));
        assert_eq!(report.dead_lettered.len(), 2);
    }
}
