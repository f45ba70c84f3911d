//! `newsflow-bench`: the end-to-end benchmark (see the `bench` module and
//! docs/benchmarks.md). Needs the local stack (`deploy/stack.sh start`),
//! the release binaries, and for the baseline a Python with
//! bench/baseline/requirements.txt (`bench/run.sh` prepares all three).

use std::path::PathBuf;

use clap::Parser;
use newsflow_e2e::bench::{self, systems::System, Options};

/// Runs newsflow and the Python baseline on the same real pages and reports
/// rates, CPU, memory, latency and the broker's raw limit.
#[derive(Parser)]
#[command(name = "newsflow-bench")]
struct Args {
    /// URLs per phase (each a distinct copy of a corpus page).
    #[arg(long, default_value_t = 2_000)]
    urls: usize,
    /// Replicas per stage, for both systems.
    #[arg(long, default_value_t = 1)]
    replicas: usize,
    /// Partitions per topic, for both systems.
    #[arg(long, default_value_t = 4)]
    partitions: i32,
    /// Seconds of submission at each latency load (50 % and 90 %).
    #[arg(long, default_value_t = 30)]
    latency_secs: u64,
    /// newsflow's delivery mode: `at-least-once` or `exactly-once`.
    #[arg(long, default_value = "at-least-once")]
    delivery: String,
    /// Skip the Python baseline.
    #[arg(long)]
    newsflow_only: bool,
    /// Directory of pages to serve (`*.html`, `*.html.gz`).
    #[arg(long)]
    pages: Option<PathBuf>,
    /// Profile each newsflow stage with `perf` and write summaries here.
    #[arg(long)]
    profile: Option<PathBuf>,
    /// Python interpreter of the baseline.
    #[arg(long, default_value = ".venv-bench/bin/python")]
    python: PathBuf,
    /// Write the report as JSON here.
    #[arg(long, default_value = "target/bench/report.json")]
    report: PathBuf,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    newsflow_e2e::init_tracing();
    let a = Args::parse();
    let repo = newsflow_e2e::repo_root();
    let mut systems = vec![System::Newsflow];
    if !a.newsflow_only {
        systems.push(System::Python);
    }
    if let Some(dir) = &a.profile {
        std::fs::create_dir_all(dir)?;
    }
    let options = Options {
        urls: a.urls,
        replicas: a.replicas,
        partitions: a.partitions,
        latency_secs: a.latency_secs,
        systems,
        pages: a
            .pages
            .unwrap_or_else(|| repo.join("../shared/eval/wceb-dev/html")),
        profile_dir: a.profile,
        python: repo.join(a.python),
        brokers: newsflow_e2e::brokers(),
        delivery: a.delivery,
    };
    let report = bench::run(
        options,
        newsflow_e2e::chaos::bin_dir(),
        repo.join("target/bench/logs"),
    )
    .await?;
    if let Some(dir) = a.report.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&a.report, serde_json::to_string_pretty(&report)?)?;
    println!("{}", report.markdown());
    eprintln!("report: {}", a.report.display());
    Ok(())
}
