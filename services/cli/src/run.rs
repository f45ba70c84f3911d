//! `newsflow run`: the pipeline embedded in one process, stages joined by
//! bounded channels (no Kafka). Stages are added here as they are built;
//! today the pipeline is fetch.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use newsflow_contracts::{UrlRequest, WireFormat};
use newsflow_fetch::{FetchSettings, FetchStage};
use newsflow_runtime::config::Settings;
use newsflow_runtime::memory::{self, MemoryOptions};
use newsflow_runtime::Metrics;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// URLs to ingest; when none are given, read them from --file or stdin.
    urls: Vec<String>,
    /// A file of URLs, one per line (`-` for stdin).
    #[arg(long, short)]
    file: Option<PathBuf>,
    /// Serve the built-in fixture news site on loopback and ingest its 50
    /// demo URLs (no network needed).
    #[arg(long, conflicts_with_all = ["urls", "file"])]
    demo: bool,
    /// Write the output JSON lines here instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Write dead letters (failures with their reason) here as JSON lines.
    #[arg(long)]
    dead_letters: Option<PathBuf>,
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<ExitCode> {
    let mut _site = None;
    let mut fetch_settings: FetchSettings = settings.stage("fetch")?;
    let urls: Vec<String> = if args.demo {
        let (addr, task) =
            newsflow_fixture_site::serve(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        _site = Some(task);
        // The SSRF defence refuses loopback; admit exactly the demo site.
        // It is our own site: no politeness delay.
        let rule = addr.to_string().parse().map_err(anyhow::Error::msg)?;
        fetch_settings.allow.push(rule);
        fetch_settings.politeness.min_delay_ms = 0;
        fetch_settings.politeness.max_concurrent_per_host = settings.runtime.max_in_flight;
        eprintln!("serving the fixture site on http://{addr}");
        newsflow_fixture_site::demo_urls(&format!("http://{addr}"))
            .into_iter()
            .map(|d| d.url)
            .collect()
    } else {
        input::read_urls(&args.urls, args.file.as_ref())?
    };
    let (valid, invalid) = input::validate(urls);
    input::report_invalid(&invalid);

    let metrics = Metrics::new(env!("CARGO_PKG_VERSION"));
    let cancel = CancellationToken::new();
    let fetch = Arc::new(FetchStage::new(fetch_settings)?);
    let capacity = settings.runtime.max_in_flight;
    let options = |stage: &'static str| MemoryOptions {
        max_in_flight: settings.runtime.max_in_flight,
        max_waiting: settings.runtime.max_waiting,
        retry: settings.runtime.retry_policy(),
        metrics: metrics.stage(stage),
        cancel: cancel.clone(),
    };

    let (url_tx, url_rx) = mpsc::channel::<UrlRequest>(capacity);
    let (page_tx, mut page_rx) = mpsc::channel(capacity);
    let (dead_tx, mut dead_rx) = mpsc::channel(capacity);
    let fetch_task = tokio::spawn(memory::run_stage(
        fetch,
        url_rx,
        HashMap::from([("pages", page_tx)]),
        dead_tx,
        options("fetch"),
    ));
    let total = valid.len() as u64;
    tokio::spawn(async move {
        for url in valid {
            let request = UrlRequest {
                url: url.to_string(),
                submitted_at: Some(newsflow_contracts::now()),
                source: "newsflow run".into(),
                ..Default::default()
            };
            if url_tx.send(request).await.is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        tokio::signal::ctrl_c().await.ok();
        cancel.cancel();
    });

    let mut out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let mut dead_out: Option<Box<dyn Write + Send>> = match &args.dead_letters {
        Some(path) => Some(Box::new(std::fs::File::create(path)?)),
        None => None,
    };
    let progress = (args.output.is_some() || std::io::stdout().is_terminal())
        .then(|| indicatif::ProgressBar::new(total))
        .filter(|_| std::io::stderr().is_terminal());
    let started = Instant::now();
    let mut dead_letters = Vec::new();
    let (mut pages_open, mut dead_open) = (true, true);
    while pages_open || dead_open {
        tokio::select! {
            page = page_rx.recv(), if pages_open => match page {
                Some(page) => {
                    out.write_all(&newsflow_contracts::encode(&page, WireFormat::Json))?;
                    out.write_all(b"\n")?;
                    if let Some(p) = &progress { p.inc(1) }
                }
                None => pages_open = false,
            },
            dead = dead_rx.recv(), if dead_open => match dead {
                Some(dl) => {
                    if let Some(w) = dead_out.as_mut() {
                        let original: Option<UrlRequest> = memory::dead_letter_payload(&dl);
                        let mut v = serde_json::to_value(&dl)?;
                        v["payload"] = serde_json::to_value(&original)?;
                        writeln!(w, "{v}")?;
                    }
                    if let Some(p) = &progress { p.inc(1) }
                    dead_letters.push(dl);
                }
                None => dead_open = false,
            },
        }
    }
    out.flush()?;
    let report = fetch_task.await?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let elapsed = started.elapsed().as_secs_f64();
    eprintln!(
        "fetch: {} URLs in {elapsed:.1} s — {} pages, {} skipped {:?}, {} failed {:?}{}",
        report.consumed,
        report.emitted,
        report.skipped.values().sum::<u64>(),
        report.skipped,
        report.dead_lettered.values().sum::<u64>(),
        report.dead_lettered,
        if invalid.is_empty() {
            String::new()
        } else {
            format!(", {} invalid URLs", invalid.len())
        },
    );
    for dl in dead_letters.iter().take(10) {
        let original: Option<UrlRequest> = memory::dead_letter_payload(dl);
        eprintln!(
            "  failed {} [{}]: {}",
            original.map(|o| o.url).unwrap_or_default(),
            dl.error_kind,
            dl.error_message
        );
    }
    Ok(ExitCode::SUCCESS)
}
