//! The two systems the harness runs on the same pages: newsflow's four
//! services, and the comparison baseline — the same job as a team would
//! build it in Python (bench/baseline/pipeline.py: confluent-kafka,
//! trafilatura, datasketch MinHash, langdetect).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::chaos::Topics;

/// The four stages, in pipeline order.
pub const STAGES: [&str; 4] = ["fetch", "parse", "dedup", "enrich"];

/// Which pipeline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    /// newsflow's services (the release binaries).
    Newsflow,
    /// The Python comparison baseline.
    Python,
}

impl System {
    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            System::Newsflow => "newsflow",
            System::Python => "python-baseline",
        }
    }
}

/// The topic a stage reads, and the topics its outputs go to: main output
/// first, then the duplicates topic (dedup) and the stage's dead letters.
pub fn io(stage: &str) -> (&'static str, Vec<String>) {
    match stage {
        "fetch" => ("urls", vec!["pages".into(), "urls.dlq".into()]),
        "parse" => ("pages", vec!["articles_parsed".into(), "pages.dlq".into()]),
        "dedup" => (
            "articles_parsed",
            vec![
                "articles_unique".into(),
                "articles_duplicates".into(),
                "articles_parsed.dlq".into(),
            ],
        ),
        _ => (
            "articles_unique",
            vec!["articles_enriched".into(), "articles_unique.dlq".into()],
        ),
    }
}

/// A topic by role, where a role may end in `.dlq`.
pub fn topic(topics: &Topics, role: &str) -> String {
    match role.strip_suffix(".dlq") {
        Some(base) => format!("{}.dlq", topics.name(base)),
        None => topics.name(role),
    }
}

/// Where the processes come from and what they share.
pub struct Launch {
    /// Directory of newsflow's release binaries.
    pub bin_dir: PathBuf,
    /// The Python interpreter with bench/baseline/requirements.txt installed.
    pub python: PathBuf,
    /// The repository (for bench/baseline/pipeline.py).
    pub repo: PathBuf,
    /// Kafka bootstrap servers.
    pub brokers: String,
    /// The benchmark site (`127.0.0.1:port`), admitted by the fetcher.
    pub site: String,
    /// Where configuration and logs go.
    pub work_dir: PathBuf,
    /// newsflow's `kafka.delivery`.
    pub delivery: String,
}

impl Launch {
    /// Writes newsflow's configuration file (the fetcher admits the site
    /// and does not pace it). Once, before any service starts: rewritten
    /// per service, a starting service could read it half-written.
    pub fn write_config(&self) -> std::io::Result<()> {
        std::fs::write(
            self.config(),
            format!(
                "[stages.fetch]\nallow = [\"{}\"]\n\n[stages.fetch.politeness]\nmin_delay_ms = 0\nmax_concurrent_per_host = 64\n",
                self.site
            ),
        )
    }

    fn config(&self) -> PathBuf {
        self.work_dir.join("bench.toml")
    }

    /// The command of one replica of `stage` of `system` on the topics of
    /// `run` (which also names its dedup state, so phases do not share it).
    pub fn command(
        &self,
        system: System,
        stage: &str,
        topics: &Topics,
        run: &str,
        replica: usize,
    ) -> std::io::Result<Command> {
        let group = format!("{run}-{stage}");
        match system {
            System::Newsflow => {
                let mut c = Command::new(self.bin_dir.join(format!("newsflow-{stage}")));
                c.envs(topics.env())
                    .env("NEWSFLOW_CONFIG", self.config())
                    .env("NEWSFLOW__KAFKA__BROKERS", &self.brokers)
                    .env("NEWSFLOW__KAFKA__GROUP_ID", &group)
                    .env("NEWSFLOW__KAFKA__DELIVERY", &self.delivery)
                    .env(
                        "NEWSFLOW__KAFKA__TRANSACTIONAL_ID",
                        format!("{group}-{replica}"),
                    )
                    .env("NEWSFLOW__KAFKA__STATISTICS_INTERVAL_MS", "0")
                    .env("NEWSFLOW__STORE__KIND", "redis")
                    .env("NEWSFLOW__STORE__KEY_PREFIX", format!("{run}:"))
                    .env(
                        "NEWSFLOW__ADMIN__LISTEN",
                        format!("127.0.0.1:{}", crate::free_port()),
                    )
                    .env("NEWSFLOW__LOG__FORMAT", "json")
                    .env("RUST_LOG", "warn");
                Ok(c)
            }
            System::Python => {
                let (input, outputs) = io(stage);
                let mut c = Command::new(&self.python);
                c.arg(self.repo.join("bench/baseline/pipeline.py"))
                    .arg(stage)
                    .env("BENCH_BROKERS", &self.brokers)
                    .env("BENCH_GROUP", &group)
                    .env("BENCH_IN", topic(topics, input))
                    .env("BENCH_OUT", topic(topics, &outputs[0]))
                    .env("BENCH_DLQ", format!("{}.dlq", topics.name(input)))
                    .env("BENCH_DUPLICATES", topics.name("articles_duplicates"))
                    .env("PYTHONUNBUFFERED", "1");
                Ok(c)
            }
        }
    }

    /// The log file of one replica.
    pub fn log(&self, system: System, phase: &str, stage: &str, replica: usize) -> PathBuf {
        log_path(&self.work_dir, system, phase, stage, replica)
    }
}

fn log_path(dir: &Path, system: System, phase: &str, stage: &str, replica: usize) -> PathBuf {
    dir.join(format!("{}-{phase}-{stage}-{replica}.log", system.name()))
}
