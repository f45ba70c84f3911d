//! `newsflow run`: the pipeline embedded in one process, stages joined by
//! bounded channels (no Kafka). Stages are added here as they are built;
//! the pipeline is fetch → parse → dedup → enrich (`--until` stops earlier).
//! The output is the last stage's: enriched unique articles by default.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use newsflow_contracts::v1::DeadLetter;
use newsflow_contracts::{Contract, Page, UrlRequest, WireFormat};
use newsflow_dedup::{DedupSettings, DedupStage};
use newsflow_enrich::EnrichStage;
use newsflow_fetch::{FetchSettings, FetchStage};
use newsflow_parse::{ParseSettings, ParseStage};
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
    /// The last stage run: its output is what is written.
    #[arg(long, value_enum, default_value_t = Until::Enrich)]
    until: Until,
    /// Write the articles dedup found to be copies here as JSON lines
    /// (with their `dedup` decision); by default they are only counted.
    #[arg(long)]
    duplicates: Option<PathBuf>,
}

/// The last stage of an embedded run.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Until {
    /// Pages (the fetch stage's output).
    Fetch,
    /// Articles (the parse stage's output).
    Parse,
    /// Unique articles and new versions (the dedup stage's `unique` output).
    Dedup,
    /// Unique articles, enriched.
    Enrich,
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
    let (page_tx, page_rx) = mpsc::channel::<Page>(capacity);
    let (dead_tx, dead_rx) = mpsc::channel(capacity);
    let fetch_task = tokio::spawn(memory::run_stage(
        fetch,
        url_rx,
        HashMap::from([("pages", page_tx)]),
        dead_tx.clone(),
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
    tokio::spawn({
        let cancel = cancel.clone();
        async move {
            tokio::signal::ctrl_c().await.ok();
            cancel.cancel();
        }
    });

    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let dead_out: Option<Box<dyn Write + Send>> = match &args.dead_letters {
        Some(path) => Some(Box::new(std::fs::File::create(path)?)),
        None => None,
    };
    let progress = (args.output.is_some() || std::io::stdout().is_terminal())
        .then(|| indicatif::ProgressBar::new(total))
        .filter(|_| std::io::stderr().is_terminal());
    let started = Instant::now();
    let sink = Sink {
        out,
        dead_out,
        progress: progress.clone(),
    };
    let (dead_letters, parse_report, dedup_report) = match args.until {
        Until::Fetch => {
            drop(dead_tx);
            (sink.drain(page_rx, dead_rx).await?, None, None)
        }
        Until::Parse | Until::Dedup | Until::Enrich => {
            let parse_settings: ParseSettings = settings.stage("parse")?;
            let (article_tx, article_rx) = mpsc::channel(capacity);
            let parse_task = tokio::spawn(memory::run_stage(
                Arc::new(ParseStage::new(parse_settings)),
                page_rx,
                HashMap::from([("articles", article_tx)]),
                dead_tx.clone(),
                options("parse"),
            ));
            if args.until == Until::Parse {
                drop(dead_tx);
                let dead_letters = sink.drain(article_rx, dead_rx).await?;
                (dead_letters, Some(parse_task.await?), None)
            } else {
                let dedup_settings: DedupSettings = settings.stage("dedup")?;
                let dedup = DedupStage::from_store(dedup_settings, &settings.store)?;
                let (unique_tx, unique_rx) = mpsc::channel(capacity);
                let (dup_tx, dup_rx) = mpsc::channel(capacity);
                let dead_tx_enrich = dead_tx.clone();
                let dedup_task = tokio::spawn(memory::run_stage(
                    Arc::new(dedup),
                    article_rx,
                    HashMap::from([("unique", unique_tx), ("duplicates", dup_tx)]),
                    dead_tx,
                    options("dedup"),
                ));
                let duplicates = tokio::spawn(write_duplicates(dup_rx, args.duplicates.clone()));
                let dead_letters = if args.until == Until::Dedup {
                    drop(dead_tx_enrich);
                    sink.drain(unique_rx, dead_rx).await?
                } else {
                    let (enriched_tx, enriched_rx) = mpsc::channel(capacity);
                    let enrich_task = tokio::spawn(memory::run_stage(
                        Arc::new(EnrichStage::default()),
                        unique_rx,
                        HashMap::from([("articles", enriched_tx)]),
                        dead_tx_enrich,
                        options("enrich"),
                    ));
                    let dead_letters = sink.drain(enriched_rx, dead_rx).await?;
                    let enrich = enrich_task.await?;
                    eprintln!(
                        "enrich: {} articles — {} enriched, {} failed {:?}",
                        enrich.consumed,
                        enrich.emitted,
                        enrich.dead_lettered.values().sum::<u64>(),
                        enrich.dead_lettered,
                    );
                    dead_letters
                };
                duplicates.await??;
                (
                    dead_letters,
                    Some(parse_task.await?),
                    Some(dedup_task.await?),
                )
            }
        }
    };
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
    if let Some(parse) = parse_report {
        eprintln!(
            "parse: {} pages — {} articles, {} failed {:?}",
            parse.consumed,
            parse.emitted,
            parse.dead_lettered.values().sum::<u64>(),
            parse.dead_lettered,
        );
    }
    if let Some(dedup) = dedup_report {
        let emitted = |o: &str| dedup.emitted_by_output.get(o).copied().unwrap_or(0);
        eprintln!(
            "dedup: {} articles — {} unique, {} duplicates, {} failed {:?}",
            dedup.consumed,
            emitted("unique"),
            emitted("duplicates"),
            dedup.dead_lettered.values().sum::<u64>(),
            dedup.dead_lettered,
        );
    }
    for dl in dead_letters.iter().take(10) {
        eprintln!(
            "  failed {} in {} [{}]: {}",
            dead_letter_url(dl),
            dl.stage,
            dl.error_kind,
            dl.error_message
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes (or only drains) the duplicates output.
async fn write_duplicates(
    mut duplicates: mpsc::Receiver<newsflow_contracts::Article>,
    path: Option<PathBuf>,
) -> anyhow::Result<()> {
    let mut out = match &path {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    while let Some(article) = duplicates.recv().await {
        if let Some(w) = out.as_mut() {
            w.write_all(&newsflow_contracts::encode(&article, WireFormat::Json))?;
            w.write_all(b"\n")?;
        }
    }
    if let Some(w) = out.as_mut() {
        w.flush()?;
    }
    Ok(())
}

/// A dead letter's payload as JSON, decoded as the input of the stage that
/// wrote it (`null` when it does not decode).
fn dead_letter_original(dl: &DeadLetter) -> serde_json::Value {
    let value = match dl.stage.as_str() {
        "fetch" => serde_json::to_value(memory::dead_letter_payload::<UrlRequest>(dl)),
        "parse" => serde_json::to_value(memory::dead_letter_payload::<Page>(dl)),
        _ => serde_json::to_value(memory::dead_letter_payload::<newsflow_contracts::Article>(
            dl,
        )),
    };
    value.unwrap_or(serde_json::Value::Null)
}

/// The URL a dead letter is about, whichever stage wrote it.
fn dead_letter_url(dl: &DeadLetter) -> String {
    dead_letter_original(dl)["url"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Where an embedded run writes: the last stage's outputs and all dead
/// letters, as JSON lines.
struct Sink {
    out: Box<dyn Write + Send>,
    dead_out: Option<Box<dyn Write + Send>>,
    progress: Option<indicatif::ProgressBar>,
}

impl Sink {
    /// Writes until both channels close; returns the dead letters.
    async fn drain<T: Contract>(
        mut self,
        mut outputs: mpsc::Receiver<T>,
        mut dead: mpsc::Receiver<DeadLetter>,
    ) -> anyhow::Result<Vec<DeadLetter>> {
        let mut dead_letters = Vec::new();
        let (mut outputs_open, mut dead_open) = (true, true);
        while outputs_open || dead_open {
            tokio::select! {
                output = outputs.recv(), if outputs_open => match output {
                    Some(output) => {
                        self.out.write_all(&newsflow_contracts::encode(&output, WireFormat::Json))?;
                        self.out.write_all(b"\n")?;
                        if let Some(p) = &self.progress { p.inc(1) }
                    }
                    None => outputs_open = false,
                },
                dl = dead.recv(), if dead_open => match dl {
                    Some(dl) => {
                        if let Some(w) = self.dead_out.as_mut() {
                            // The payload shown as JSON, not base64 bytes.
                            let mut v = serde_json::to_value(&dl)?;
                            v["payload"] = dead_letter_original(&dl);
                            writeln!(w, "{v}")?;
                        }
                        if let Some(p) = &self.progress { p.inc(1) }
                        dead_letters.push(dl);
                    }
                    None => dead_open = false,
                },
            }
        }
        self.out.flush()?;
        Ok(dead_letters)
    }
}
