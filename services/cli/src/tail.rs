//! `newsflow tail TOPIC`: decoded messages as JSON lines.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsflow_contracts::{
    decode, Article, Contract, Page, UrlRequest, WireFormat, CONTENT_TYPE_HEADER,
};
use newsflow_runtime::config::Settings;
use newsflow_runtime::kafka::dlq;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::ClientConfig;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct Args {
    /// The topic to read (a topic name, e.g. `pages` or `urls.dlq`).
    topic: String,
    /// Start from the end instead of the beginning.
    #[arg(long)]
    latest: bool,
    /// Stop after this many messages.
    #[arg(long)]
    max: Option<usize>,
    /// Stop when no message arrives for this many seconds.
    #[arg(long)]
    idle_timeout: Option<f64>,
}

#[derive(Clone, Copy)]
enum Kind {
    Url,
    Page,
    Article,
}

fn kind_of(settings: &Settings, topic: &str) -> Option<(Kind, WireFormat, bool)> {
    settings.topics.iter().find_map(|(role, t)| {
        let kind = match role.as_str() {
            "urls" => Kind::Url,
            "pages" => Kind::Page,
            _ => Kind::Article,
        };
        if t.name == topic {
            Some((kind, t.format, false))
        } else if t.dlq_name() == topic {
            Some((kind, t.format, true))
        } else {
            None
        }
    })
}

fn to_json<T: Contract>(value: Option<&[u8]>, ct: Option<&str>, fallback: WireFormat) -> Value {
    match decode::<T>(value, ct, fallback) {
        Ok(m) => serde_json::to_value(&m).unwrap_or(Value::Null),
        Err(e) => {
            json!({ "undecodable": e.to_string(), "raw": String::from_utf8_lossy(value.unwrap_or_default()) })
        }
    }
}

fn render(kind: Kind, value: Option<&[u8]>, ct: Option<&str>, fallback: WireFormat) -> Value {
    match kind {
        Kind::Url => to_json::<UrlRequest>(value, ct, fallback),
        Kind::Page => to_json::<Page>(value, ct, fallback),
        Kind::Article => to_json::<Article>(value, ct, fallback),
    }
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<ExitCode> {
    let Some((kind, format, is_dlq)) = kind_of(settings, &args.topic) else {
        anyhow::bail!(
            "{:?} is not a topic of the configured topology (see [topics])",
            args.topic
        );
    };
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", &settings.kafka.brokers)
        .set("group.id", format!("newsflow-tail-{}", std::process::id()))
        .set("enable.auto.commit", "false")
        .set("isolation.level", "read_committed")
        .set(
            "auto.offset.reset",
            if args.latest { "latest" } else { "earliest" },
        );
    for (k, v) in &settings.kafka.properties {
        config.set(k, v);
    }
    let consumer: StreamConsumer = config.create()?;
    consumer.subscribe(&[&args.topic])?;
    let idle = args.idle_timeout.map(Duration::from_secs_f64);
    let mut stdout = std::io::stdout().lock();
    let mut count = 0;
    let mut last = Instant::now();
    while args.max.is_none_or(|m| count < m) {
        let next = match idle {
            Some(idle) => {
                match tokio::time::timeout(idle.saturating_sub(last.elapsed()), consumer.recv())
                    .await
                {
                    Ok(m) => m,
                    Err(_) => break,
                }
            }
            None => consumer.recv().await,
        };
        let message = next?;
        last = Instant::now();
        let ct = dlq::header(&message, CONTENT_TYPE_HEADER);
        let line = if is_dlq {
            let mut dl = dlq::read(&message);
            let original = render(kind, message.payload(), ct, format);
            dl.payload.clear();
            let mut v = serde_json::to_value(&dl)?;
            v["original"] = original;
            v
        } else {
            render(kind, message.payload(), ct, format)
        };
        writeln!(stdout, "{line}")?;
        count += 1;
    }
    Ok(ExitCode::SUCCESS)
}
