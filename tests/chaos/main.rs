//! `newsflow-chaos`: one chaos run (see the `chaos` module and
//! docs/guarantees.md). Needs the local stack (`deploy/stack.sh start`) and
//! the service binaries built with the same profile.

use std::path::PathBuf;

use clap::Parser;
use newsflow_e2e::chaos::{self, Plan};

/// Runs the four stages under faults and accounts for every URL.
#[derive(Parser)]
#[command(name = "newsflow-chaos")]
struct Args {
    /// URLs submitted.
    #[arg(long, default_value_t = 5_000)]
    urls: usize,
    /// Seed of fault times and targets.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// `exactly-once` or `at-least-once`.
    #[arg(long, default_value = "exactly-once")]
    delivery: String,
    /// SIGKILLs of stage processes.
    #[arg(long, default_value_t = 32)]
    kills: usize,
    /// Broker crashes and restarts.
    #[arg(long, default_value_t = 2)]
    broker_restarts: usize,
    /// Replicas frozen past their session timeout.
    #[arg(long, default_value_t = 4)]
    pauses: usize,
    /// Replicas added, and as many removed.
    #[arg(long, default_value_t = 2)]
    scale_events: usize,
    /// Redis freezes of three seconds.
    #[arg(long, default_value_t = 2)]
    redis_pauses: usize,
    /// Share of malformed messages per input topic.
    #[arg(long, default_value_t = 0.01)]
    junk_share: f64,
    /// Seconds of submission and faults.
    #[arg(long, default_value_t = 240)]
    window_secs: u64,
    /// Seconds to wait after the window for the last outputs.
    #[arg(long, default_value_t = 240)]
    drain_secs: u64,
    /// The small seeded variant CI runs: 500 URLs, 5 kills, 1 broker
    /// restart, 1 pause, 1 scale out and in, 1 Redis freeze, in 60 s.
    #[arg(long)]
    small: bool,
    /// Static membership (a `group.instance.id` per replica slot).
    #[arg(long)]
    static_membership: bool,
    /// Write the report here as JSON too.
    #[arg(long)]
    report: Option<PathBuf>,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    newsflow_e2e::init_tracing();
    let a = Args::parse();
    let mut plan = Plan {
        urls: a.urls,
        seed: a.seed,
        delivery: a.delivery,
        kills: a.kills,
        broker_restarts: a.broker_restarts,
        pauses: a.pauses,
        scale_events: a.scale_events,
        redis_pauses: a.redis_pauses,
        junk_share: a.junk_share,
        window_secs: a.window_secs,
        drain_secs: a.drain_secs,
        brokers: newsflow_e2e::brokers(),
        static_membership: a.static_membership,
        ..Plan::default()
    };
    if a.small {
        plan = Plan {
            urls: 500,
            kills: 5,
            broker_restarts: 1,
            pauses: 1,
            scale_events: 1,
            redis_pauses: 1,
            window_secs: 60,
            drain_secs: 180,
            ..plan
        };
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = repo
        .join("target/chaos")
        .join(format!("seed-{}", plan.seed));
    let report = chaos::run(
        plan,
        &chaos::bin_dir(),
        &repo.join("deploy/stack.sh"),
        &work,
    )
    .await?;
    let json = serde_json::to_string_pretty(&report)?;
    println!("{json}");
    if let Some(path) = a.report {
        std::fs::write(path, &json)?;
    }
    eprintln!(
        "chaos ({}): {} URLs, faults {:?}, lost {}, duplicated {}, malformed lost {}, {:.0} s; logs in {}",
        report.plan.delivery,
        report.plan.urls,
        report.faults,
        report.lost,
        report.duplicated,
        report.lost_malformed,
        report.seconds,
        work.display()
    );
    if !report.passed() {
        anyhow::bail!("the run broke its delivery promise");
    }
    Ok(())
}
