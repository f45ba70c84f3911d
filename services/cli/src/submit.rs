//! `newsflow submit`: URLs → the `urls` topic, keyed by host.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use newsflow_contracts::{encode, ids, UrlRequest, CONTENT_TYPE_HEADER};
use newsflow_runtime::config::Settings;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// URLs to submit; when none are given, read them from --file or stdin.
    urls: Vec<String>,
    /// A file of URLs, one per line (`-` for stdin).
    #[arg(long, short)]
    file: Option<PathBuf>,
    /// Name of the submitter, carried on every request.
    #[arg(long, default_value = "newsflow-submit")]
    source: String,
    /// Ask the fetcher to re-fetch even if it fetched the URL recently.
    #[arg(long)]
    refetch: bool,
}

/// Exit status: 0 when every URL was valid and sent, 1 when some were
/// invalid (the valid ones are still sent).
pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<ExitCode> {
    let (valid, invalid) = input::validate(input::read_urls(&args.urls, args.file.as_ref())?);
    input::report_invalid(&invalid);
    let (valid, repeated) = input::distinct(valid);
    let topic = settings.topic("urls")?;
    let producer: FutureProducer =
        newsflow_runtime::kafka::producer_config(settings, "submit").create()?;
    let content_type = topic.format.content_type();
    let sends = valid.iter().map(|url| {
        let request = UrlRequest {
            url: url.to_string(),
            submitted_at: Some(newsflow_contracts::now()),
            source: args.source.clone(),
            refetch: args.refetch,
            ..Default::default()
        };
        let value = encode(&request, topic.format);
        let key = ids::host_key(url);
        let producer = &producer;
        async move {
            let record = FutureRecord::to(&topic.name)
                .key(&key)
                .payload(&value)
                .headers(OwnedHeaders::new().insert(Header {
                    key: CONTENT_TYPE_HEADER,
                    value: Some(content_type),
                }));
            producer
                .send(record, Duration::from_secs(30))
                .await
                .map_err(|(e, _)| e)
        }
    });
    let results = futures::future::join_all(sends).await;
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    producer.flush(Duration::from_secs(10))?;
    if let Some(e) = failed.first() {
        anyhow::bail!("{} of {} URLs not sent: {e}", failed.len(), valid.len());
    }
    eprintln!(
        "submitted {} URLs to {}; {} invalid{}",
        valid.len(),
        topic.name,
        invalid.len(),
        if repeated > 0 {
            format!(", {repeated} repeated (same canonical URL) left out")
        } else {
            String::new()
        }
    );
    Ok(if invalid.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
