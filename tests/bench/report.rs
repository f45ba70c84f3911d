//! What a benchmark run found, as JSON and as the Markdown tables that go
//! into docs/benchmarks.md.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use super::kafka::{Raw, Seen};
use super::systems::System;
use super::Options;

/// One stage run alone on a filled input topic.
#[derive(Debug, Clone, Serialize)]
pub struct StageFigures {
    /// The stage.
    pub stage: String,
    /// Records in its input topic.
    pub inputs: usize,
    /// Records on its main output topic.
    pub outputs: usize,
    /// Records on the duplicates topic (dedup).
    pub duplicates: usize,
    /// Dead letters.
    pub dead_letters: usize,
    /// Sustained records per second (first to last output timestamp).
    pub per_s: f64,
    /// CPU milliseconds per record, all replicas, from the first output on.
    pub cpu_ms_per_record: f64,
    /// Peak resident memory of the largest replica, MB.
    pub peak_rss_mb: f64,
    /// Mean bytes (key + value) of an input record.
    pub in_bytes: f64,
    /// Mean bytes (key + value) of a main output record.
    pub out_bytes: f64,
}

/// Latency at one submission rate.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    /// Share of the full-speed rate.
    pub load: f64,
    /// URLs submitted per second.
    pub per_s: f64,
    /// URLs submitted.
    pub submitted: usize,
    /// Of them, with a final article (enriched or duplicate) seen.
    pub measured: usize,
    /// Submission to readable final article, ms: p50, p95, p99, max.
    pub ms: [f64; 4],
}

impl Latency {
    /// Latencies of the `submitted` URLs from the records seen.
    pub fn of(load: f64, per_s: f64, submitted: &HashMap<String, i64>, seen: &[Seen]) -> Latency {
        let mut first: HashMap<&str, i64> = HashMap::new();
        for s in seen {
            if let Some(url) = &s.url {
                first.entry(url).or_insert(s.seen_ms);
            }
        }
        let mut ms: Vec<f64> = submitted
            .iter()
            .filter_map(|(url, at)| first.get(url.as_str()).map(|seen| (seen - at) as f64))
            .collect();
        ms.sort_by(f64::total_cmp);
        let pct = |p: f64| {
            if ms.is_empty() {
                return 0.0;
            }
            ms[((p / 100.0 * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1]
        };
        Latency {
            load,
            per_s,
            submitted: submitted.len(),
            measured: ms.len(),
            ms: [pct(50.0), pct(95.0), pct(99.0), pct(100.0)],
        }
    }
}

/// One service replica in the pipeline run.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceFigures {
    /// `<stage>-<replica>`.
    pub name: String,
    /// Its CPU milliseconds per article of the full-speed run.
    pub cpu_ms_per_article: f64,
    /// Its peak resident memory over the whole pipeline run, MB.
    pub peak_rss_mb: f64,
}

/// The whole pipeline.
#[derive(Debug, Clone, Serialize)]
pub struct Pipeline {
    /// URLs of the full-speed run.
    pub urls: usize,
    /// Sustained articles per second, first submission to last final output.
    pub per_s: f64,
    /// CPU milliseconds per article, summed over the services.
    pub cpu_ms_per_article: f64,
    /// Final records over the whole run, by kind.
    pub enriched: usize,
    /// See `enriched`.
    pub duplicates: usize,
    /// See `enriched`.
    pub dead_letters: usize,
    /// Per replica.
    pub services: Vec<ServiceFigures>,
    /// At 50 % and 90 % of `per_s`.
    pub latency: Vec<Latency>,
}

/// One system's results.
#[derive(Debug, Clone, Serialize)]
pub struct SystemFigures {
    /// Which.
    pub system: System,
    /// Each stage alone.
    pub stages: Vec<StageFigures>,
    /// All together.
    pub pipeline: Pipeline,
}

/// Raw broker rates for one topic's messages.
#[derive(Debug, Clone, Serialize)]
pub struct RawFigures {
    /// The topic role the messages come from.
    pub role: String,
    /// The rates.
    pub raw: Raw,
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `git describe` of the repository.
    pub commit: String,
    /// CPU model and count, memory.
    pub machine: String,
    /// What ran.
    pub options: Options,
    /// Distinct pages served.
    pub pages: usize,
    /// Their mean size, bytes.
    pub mean_page_bytes: f64,
    /// Per system.
    pub systems: Vec<SystemFigures>,
    /// The physical limit.
    pub raw: Vec<RawFigures>,
}

impl Report {
    /// An empty report for `options`.
    pub fn new(options: &Options, pages: usize, mean_page_bytes: f64) -> Report {
        Report {
            commit: command("git", &["describe", "--always", "--dirty"]),
            machine: machine(),
            options: options.clone(),
            pages,
            mean_page_bytes,
            systems: Vec::new(),
            raw: Vec::new(),
        }
    }

    /// Adds one system's results.
    pub fn add(&mut self, system: System, stages: Vec<StageFigures>, pipeline: Pipeline) {
        self.systems.push(SystemFigures {
            system,
            stages,
            pipeline,
        });
    }

    fn raw_for(&self, role: &str) -> Option<&Raw> {
        self.raw.iter().find(|r| r.role == role).map(|r| &r.raw)
    }

    /// The run as Markdown tables.
    pub fn markdown(&self) -> String {
        let mut m = String::new();
        let _ = writeln!(
            m,
            "Commit `{}`, {}; {} URLs per phase over {} pages (mean {:.0} KB), {} replica(s) per stage, {} partitions, newsflow {}.\n",
            self.commit,
            self.machine,
            self.options.urls,
            self.pages,
            self.mean_page_bytes / 1024.0,
            self.options.replicas,
            self.options.partitions,
            self.options.delivery
        );
        m.push_str("Each stage alone (input topic filled first):\n\n| system | stage | records/s | CPU ms/record | records per CPU-s | peak RSS MB | bytes in → out | broker raw limit/s (consume in, produce out) | limit ÷ rate |\n|---|---|---|---|---|---|---|---|---|\n");
        for s in &self.systems {
            for st in &s.stages {
                let (input, output) = super::systems::io(&st.stage);
                let limit = match (self.raw_for(input), self.raw_for(&output[0])) {
                    (Some(i), Some(o)) => Some(i.consume_per_s.min(o.produce_per_s)),
                    _ => None,
                };
                let _ = writeln!(
                    m,
                    "| {} | {} | {:.0} | {:.2} | {} | {:.0} | {:.0} → {:.0} | {} | {} |",
                    s.system.name(),
                    st.stage,
                    st.per_s,
                    st.cpu_ms_per_record,
                    per_cpu_second(st.cpu_ms_per_record),
                    st.peak_rss_mb,
                    st.in_bytes,
                    st.out_bytes,
                    limit.map_or("–".into(), |l| format!("{l:.0}")),
                    limit.map_or("–".into(), |l| format!("{:.1}×", l / st.per_s.max(1e-9))),
                );
            }
        }
        m.push_str("\nThe whole pipeline (all four stages at once, burst of N URLs):\n\n| system | articles/s | CPU ms/article | articles per CPU-s | peak RSS MB per service | latency p50/p95/p99 ms at 50 % | at 90 % | final: enriched / duplicate / dead letter |\n|---|---|---|---|---|---|---|---|\n");
        for s in &self.systems {
            let p = &s.pipeline;
            let rss: Vec<String> = p
                .services
                .iter()
                .map(|x| format!("{} {:.0}", x.name, x.peak_rss_mb))
                .collect();
            let lat = |i: usize| {
                p.latency.get(i).map_or("–".into(), |l| {
                    format!(
                        "{:.0}/{:.0}/{:.0} ({:.0}/s)",
                        l.ms[0], l.ms[1], l.ms[2], l.per_s
                    )
                })
            };
            let _ = writeln!(
                m,
                "| {} | {:.1} | {:.1} | {} | {} | {} | {} | {} / {} / {} |",
                s.system.name(),
                p.per_s,
                p.cpu_ms_per_article,
                per_cpu_second(p.cpu_ms_per_article),
                rss.join(", "),
                lat(0),
                lat(1),
                p.enriched,
                p.duplicates,
                p.dead_letters
            );
        }
        if let [a, b, ..] = &self.systems[..] {
            let per_core = |s: &SystemFigures| 1000.0 / s.pipeline.cpu_ms_per_article.max(1e-9);
            let _ = writeln!(
                m,
                "\nRatio {} ÷ {}: {:.1}× articles/s, {:.1}× articles per CPU-second.",
                a.system.name(),
                b.system.name(),
                a.pipeline.per_s / b.pipeline.per_s.max(1e-9),
                per_core(a) / per_core(b)
            );
        }
        m.push_str("\nRaw broker rates for the same messages (newsflow's producer settings, one client):\n\n| topic | mean bytes | produce/s | consume/s |\n|---|---|---|---|\n");
        for r in &self.raw {
            let _ = writeln!(
                m,
                "| {} | {:.0} | {:.0} | {:.0} |",
                r.role, r.raw.mean_bytes, r.raw.produce_per_s, r.raw.consume_per_s
            );
        }
        m
    }
}

/// Records per CPU second; "–" when too little CPU was used to measure
/// (under one clock tick, e.g. a tiny run).
fn per_cpu_second(cpu_ms: f64) -> String {
    if cpu_ms > 0.0 {
        format!("{:.0}", 1000.0 / cpu_ms)
    } else {
        "–".into()
    }
}

fn command(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let mem_gb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("{cpu}, {cores} cores, {mem_gb:.0} GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(url: &str, at: i64) -> Seen {
        Seen {
            topic: 0,
            created_ms: at,
            seen_ms: at,
            bytes: 1,
            url: Some(url.into()),
        }
    }

    #[test]
    fn latency_counts_each_url_once_from_its_first_sighting() {
        let submitted: HashMap<String, i64> = (0..100)
            .map(|i| (format!("u{i}"), 1_000))
            .chain([("never".to_string(), 1_000)])
            .collect();
        // u0..u99 arrive after 1..100 ms; u5 is seen again much later (a
        // redelivery), and a stranger URL is ignored.
        let mut records: Vec<Seen> = (0..100)
            .map(|i| seen(&format!("u{i}"), 1_001 + i))
            .collect();
        records.push(seen("u5", 9_000));
        records.push(seen("stranger", 50_000));
        let l = Latency::of(0.5, 10.0, &submitted, &records);
        assert_eq!(l.submitted, 101);
        assert_eq!(l.measured, 100);
        assert_eq!(l.ms, [50.0, 95.0, 99.0, 100.0]);
    }
}
