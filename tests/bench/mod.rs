//! The end-to-end benchmark: real article pages served on loopback, the
//! four stages as separate processes over the local stack, and the same job
//! run by the Python comparison baseline on the same pages in the same run.
//!
//! Per system, three phases on fresh topics:
//! 1. **each stage alone**: its input topic filled first, then the stage
//!    started and timed until it has answered every input — its sustained
//!    rate (from its outputs' timestamps), CPU seconds per article, peak
//!    RSS, bytes per record on its output topic, and (with `--profile`) a
//!    `perf` profile of it under that load;
//! 2. **the pipeline at full speed**: all four running, N URLs submitted at
//!    once, timed to the last final output (end-to-end sustained rate, CPU
//!    seconds per article summed over the services);
//! 3. **latency**: URLs submitted at 50 % and 90 % of that rate; for each,
//!    the time from its submission to its enriched article being readable
//!    (read_committed), p50/p95/p99.
//!
//! Then the raw produce and consume rates of the same messages through the
//! same broker with the services' producer settings: the physical limit.
//! `cargo run --release -p newsflow-e2e --bin newsflow-bench -- --help`;
//! docs/benchmarks.md has the figures.

pub mod corpus;
pub mod kafka;
mod phases;
pub mod procs;
pub mod report;
pub mod systems;

use std::path::PathBuf;
use std::sync::Arc;

pub use report::Report;
use systems::{Launch, System};

/// What one benchmark run does.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Options {
    /// URLs per phase (each a distinct copy of a corpus page).
    pub urls: usize,
    /// Replicas per stage (both systems).
    pub replicas: usize,
    /// Partitions per topic (both systems).
    pub partitions: i32,
    /// Seconds of submission at each latency load.
    pub latency_secs: u64,
    /// The systems to run.
    pub systems: Vec<System>,
    /// Directory of the pages to serve.
    pub pages: PathBuf,
    /// Write a `perf` profile summary of each newsflow stage here.
    pub profile_dir: Option<PathBuf>,
    /// Python interpreter of the baseline.
    #[serde(skip)]
    pub python: PathBuf,
    /// Kafka bootstrap servers.
    pub brokers: String,
    /// newsflow's delivery mode: `at-least-once` or `exactly-once` (the
    /// baseline is always at-least-once).
    pub delivery: String,
}

/// Runs the benchmark; processes' logs go to `work_dir`.
pub async fn run(options: Options, bin_dir: PathBuf, work_dir: PathBuf) -> anyhow::Result<Report> {
    std::fs::create_dir_all(&work_dir)?;
    let pages = corpus::load(&options.pages)
        .map_err(|e| anyhow::anyhow!("{}: {e}", options.pages.display()))?;
    anyhow::ensure!(!pages.is_empty(), "no pages in {}", options.pages.display());
    let page_count = pages.len();
    let mean_page_bytes = pages.iter().map(Vec::len).sum::<usize>() as f64 / page_count as f64;
    let site = corpus::serve(Arc::new(pages)).await?.to_string();
    let launch = Launch {
        delivery: options.delivery.clone(),
        bin_dir,
        python: options.python.clone(),
        repo: crate::repo_root(),
        brokers: options.brokers.clone(),
        site: site.clone(),
        work_dir,
    };
    launch.write_config()?;
    let mut report = Report::new(&options, page_count, mean_page_bytes);
    let mut samples = Vec::new();
    for &system in &options.systems {
        tracing::info!(system = system.name(), "stages one at a time");
        let (stages, kept) = phases::each_stage(&options, &launch, system).await?;
        if system == System::Newsflow {
            samples = kept;
        }
        tracing::info!(system = system.name(), "the whole pipeline");
        let pipeline = phases::pipeline(&options, &launch, system).await?;
        report.add(system, stages, pipeline);
    }
    if !samples.is_empty() {
        tracing::info!("raw broker rates for the same messages");
        report.raw = phases::raw_reference(&options, samples).await;
    }
    Ok(report)
}
