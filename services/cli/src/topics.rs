//! `newsflow topics create`: every topic of the topology and its DLQ.

use std::process::ExitCode;
use std::time::Duration;

use newsflow_runtime::config::Settings;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::ClientConfig;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Create every topic of `[topics]` and its `.dlq`; existing ones are left alone.
    Create,
}

pub async fn run(settings: &Settings, command: Command) -> anyhow::Result<ExitCode> {
    let Command::Create = command;
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", &settings.kafka.brokers);
    for (k, v) in &settings.kafka.properties {
        config.set(k, v);
    }
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
