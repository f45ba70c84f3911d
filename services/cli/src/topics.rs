//! `newsflow topics create`: every topic of the topology and its DLQ.

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use newsflow_runtime::config::Settings;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::{ClientContext, DefaultClientContext};
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, DeliveryResult, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::ClientConfig;

/// How long the brokers get to answer a metadata request before the command
/// gives up and says why (a wrong password or CA otherwise looks like a hang).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// Keeps the client's last connection error, to explain a failed connect.
#[derive(Clone, Default)]
struct LastError(Arc<Mutex<Option<String>>>);

impl LastError {
    fn set(&self, text: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
    }
}

// librdkafka reports a failed connect (authentication, TLS) as an error event
// or, depending on the client's queues, only as an error-level log line.
impl ClientContext for LastError {
    fn error(&self, error: KafkaError, reason: &str) {
        // "All brokers down" follows the real cause; keep the cause.
        let summary = error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown);
        if !(summary && self.0.lock().unwrap_or_else(|e| e.into_inner()).is_some()) {
            self.set(format!("{error}: {reason}"));
        }
    }

    fn log(&self, level: RDKafkaLogLevel, _fac: &str, log_message: &str) {
        if (level as i32) <= (RDKafkaLogLevel::Error as i32) {
            self.set(log_message.to_string());
        }
    }
}

impl ProducerContext for LastError {
    type DeliveryOpaque = ();

    fn delivery(&self, _: &DeliveryResult<'_>, _: ()) {}
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Create every topic of `[topics]` and its `.dlq`; existing ones are left alone.
    Create,
}

/// Asks the brokers for metadata until they answer or `CONNECT_TIMEOUT`
/// passes; on failure the error says what the client last reported
/// (authentication failed, certificate not trusted, connection refused).
fn check_connection(config: &ClientConfig, brokers: &str) -> anyhow::Result<()> {
    let mut config = config.clone();
    // Error-level client logs reach `LastError` whatever the log filter says.
    config.set_log_level(RDKafkaLogLevel::Error);
    let last_error = LastError::default();
    // A producer, because polling it serves the client's error and log events.
    let probe: BaseProducer<LastError> = config.create_with_context(last_error.clone())?;
    let deadline = std::time::Instant::now() + CONNECT_TIMEOUT;
    loop {
        match probe.client().fetch_metadata(None, Duration::from_secs(1)) {
            Ok(_) => return Ok(()),
            Err(e) => {
                probe.poll(Duration::ZERO);
                if std::time::Instant::now() >= deadline {
                    let why = last_error
                        .0
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .take();
                    anyhow::bail!(
                        "cannot reach the brokers at {brokers} ({e}){}",
                        why.map(|w| format!(": {w}")).unwrap_or_default()
                    );
                }
            }
        }
    }
}

pub async fn run(settings: &Settings, command: Command) -> anyhow::Result<ExitCode> {
    let Command::Create = command;
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", &settings.kafka.brokers);
    for (k, v) in &settings.kafka.properties {
        config.set(k, v);
    }
    check_connection(&config, &settings.kafka.brokers)?;
    let admin: AdminClient<DefaultClientContext> = config.create()?;
    // Room for key and headers above the value cap.
    let specs: Vec<(String, i32, i32, String)> = settings
        .topics
        .values()
        .flat_map(|t| {
            let max = (t.max_message_bytes + 64 * 1024).to_string();
            [
                (
                    t.name.clone(),
                    t.partitions,
                    t.replication_factor,
                    max.clone(),
                ),
                (t.dlq_name(), t.partitions, t.replication_factor, max),
            ]
        })
        .collect();
    let new_topics: Vec<NewTopic<'_>> = specs
        .iter()
        .map(|(name, partitions, rf, max)| {
            NewTopic::new(name, *partitions, TopicReplication::Fixed(*rf))
                .set("max.message.bytes", max)
        })
        .collect();
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    let results = admin.create_topics(&new_topics, &options).await?;
    let mut failed = 0;
    for result in results {
        match result {
            Ok(name) => println!("created {name}"),
            Err((name, RDKafkaErrorCode::TopicAlreadyExists)) => println!("exists  {name}"),
            Err((name, code)) => {
                failed += 1;
                eprintln!("failed  {name}: {code}");
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
