//! The three phases of a benchmark run for one system, and the raw broker
//! reference (see the module documentation of `bench`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::kafka::{self, Follower, Seen};
use super::procs::{Profile, Service};
use super::report::{Latency, Pipeline, RawFigures, ServiceFigures, StageFigures};
use super::systems::{io, topic, Launch, System, STAGES};
use super::{corpus, Options};
use crate::chaos::Topics;

/// Every topic role a run follows; the first five are the pipeline's main
/// topics (their payload samples feed the raw reference).
const ROLES: [&str; 10] = [
    "urls",
    "pages",
    "articles_parsed",
    "articles_unique",
    "articles_enriched",
    "articles_duplicates",
    "urls.dlq",
    "pages.dlq",
    "articles_parsed.dlq",
    "articles_unique.dlq",
];

/// A stage is given up on when its outputs stop growing this long.
const STALL: Duration = Duration::from_secs(120);

fn role_index(role: &str) -> usize {
    ROLES.iter().position(|r| *r == role).expect("known role")
}

/// URLs number `from..to` on the site.
fn urls(site: &str, from: usize, to: usize) -> Vec<String> {
    (from..to)
        .map(|n| format!("http://{site}{}", corpus::path(n as u64)))
        .collect()
}

async fn submit(
    brokers: &str,
    topic: String,
    urls: Vec<String>,
    per_second: Option<f64>,
) -> anyhow::Result<HashMap<String, i64>> {
    let brokers = brokers.to_string();
    Ok(
        tokio::task::spawn_blocking(move || kafka::submit(&brokers, &topic, &urls, per_second))
            .await?,
    )
}

/// Waits until `follower` has seen `want` records on `topics`, failing when
/// they stop coming for [`STALL`] or a service exits; `at_first` runs once
/// when the first one appears.
async fn wait_for(
    follower: &Follower,
    topics: &[usize],
    want: usize,
    services: &mut [Service],
    mut at_first: impl FnMut(usize, &[Service]),
) -> anyhow::Result<()> {
    let (mut last, mut progress, mut first) = (0, Instant::now(), true);
    loop {
        let n = follower.count(topics);
        if n > 0 && first {
            first = false;
            at_first(n, services);
        }
        if n >= want {
            return Ok(());
        }
        if n > last {
            (last, progress) = (n, Instant::now());
        }
        if let Some(s) = services
            .iter_mut()
            .find_map(|s| s.exited().then_some(&s.name))
        {
            anyhow::bail!("{} exited ({n} of {want} outputs); see its log", s);
        }
        anyhow::ensure!(
            progress.elapsed() < STALL,
            "stalled at {n} of {want} outputs for {} s",
            STALL.as_secs()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn start(
    launch: &Launch,
    system: System,
    stage: &str,
    topics: &Topics,
    run: &str,
    phase: &str,
    replicas: usize,
) -> anyhow::Result<Vec<Service>> {
    (0..replicas)
        .map(|r| {
            let command = launch.command(system, stage, topics, run, r)?;
            Service::start(
                format!("{stage}-{r}"),
                command,
                &launch.log(system, phase, stage, r),
            )
            .with_context(|| format!("start {stage}"))
        })
        .collect()
}

fn cpu(services: &[Service]) -> f64 {
    services.iter().map(Service::cpu_seconds).sum()
}

/// Records per second between the first and the last output timestamp.
fn rate(seen: &[&Seen]) -> f64 {
    let first = seen.iter().map(|s| s.created_ms).min().unwrap_or(0);
    let last = seen.iter().map(|s| s.created_ms).max().unwrap_or(0);
    (seen.len().saturating_sub(1)) as f64 * 1000.0 / ((last - first).max(1)) as f64
}

fn mean_bytes(seen: &[Seen], role: usize) -> f64 {
    let (n, total) = seen
        .iter()
        .filter(|s| s.topic == role)
        .fold((0usize, 0usize), |(n, t), s| (n + 1, t + s.bytes));
    total as f64 / n.max(1) as f64
}

/// Phase 1: each stage alone on a filled input topic. Returns the figures
/// and payload samples of the five main topics.
pub async fn each_stage(
    o: &Options,
    launch: &Launch,
    system: System,
) -> anyhow::Result<(Vec<StageFigures>, Vec<(String, Vec<Vec<u8>>)>)> {
    let run = crate::unique(&format!("bench-{}", system.name()));
    let topics = Topics::new(&run);
    topics.create(o.partitions).await;
    let names: Vec<String> = ROLES.iter().map(|r| topic(&topics, r)).collect();
    let follower = Follower::start(&o.brokers, names, vec![false; ROLES.len()], 2_000);
    submit(
        &o.brokers,
        topics.name("urls"),
        urls(&launch.site, 0, o.urls),
        None,
    )
    .await?;
    let mut expected = o.urls;
    let mut figures = Vec::new();
    for stage in STAGES {
        let (input, outputs) = io(stage);
        let outs: Vec<usize> = outputs.iter().map(|r| role_index(r)).collect();
        let mut services = start(launch, system, stage, &topics, &run, "stage", o.replicas)?;
        // Profiled from the first output on, as the CPU is counted: a
        // `perf record -p` started with the process raced its start-up and
        // missed the threads it created meanwhile (an enrich profile of
        // eight samples, all of the main thread).
        let mut profile = None;
        let mut cpu_at_first = (0.0, 0);
        wait_for(&follower, &outs, expected, &mut services, |n, s| {
            cpu_at_first = (cpu(s), n);
            if let (Some(dir), System::Newsflow) = (&o.profile_dir, system) {
                let pids: Vec<u32> = s.iter().map(Service::pid).collect();
                profile = Profile::start(&pids, &dir.join(format!("{stage}.perf.data")));
            }
        })
        .await
        .with_context(|| format!("{} {stage}", system.name()))?;
        let cpu_end = cpu(&services);
        let peak_rss_mb = services
            .iter()
            .map(Service::peak_rss_mb)
            .fold(0.0, f64::max);
        if let (Some(p), Some(dir)) = (profile, &o.profile_dir) {
            p.finish(
                &dir.join(format!("{stage}.txt")),
                &format!("newsflow-{stage} alone, {expected} records"),
            )?;
        }
        for s in services {
            s.stop();
        }
        let seen = follower.seen();
        let mine: Vec<&Seen> = seen.iter().filter(|s| outs.contains(&s.topic)).collect();
        let main = mine.iter().filter(|s| s.topic == outs[0]).count();
        let dead = mine
            .iter()
            .filter(|s| ROLES[s.topic].ends_with(".dlq"))
            .count();
        let counted = mine.len().saturating_sub(cpu_at_first.1).max(1);
        figures.push(StageFigures {
            stage: stage.into(),
            inputs: expected,
            outputs: main,
            duplicates: mine.len() - main - dead,
            dead_letters: dead,
            per_s: rate(&mine),
            cpu_ms_per_record: (cpu_end - cpu_at_first.0) * 1000.0 / counted as f64,
            peak_rss_mb,
            in_bytes: mean_bytes(&seen, role_index(input)),
            out_bytes: mean_bytes(&seen, outs[0]),
        });
        expected = main;
    }
    let samples = follower.stop();
    let kept = ROLES[..5]
        .iter()
        .zip(samples)
        .map(|(r, s)| (r.to_string(), s))
        .collect();
    Ok((figures, kept))
}

/// Warm-up URLs before the timed burst (the consumer groups settle).
const WARM_UP: usize = 20;

/// Phases 2 and 3: the whole pipeline at full speed, then at 50 % and 90 %
/// of that rate for latency.
pub async fn pipeline(o: &Options, launch: &Launch, system: System) -> anyhow::Result<Pipeline> {
    let run = crate::unique(&format!("bench-{}-all", system.name()));
    let topics = Topics::new(&run);
    topics.create(o.partitions).await;
    let finals: Vec<&str> = ROLES[4..].to_vec();
    let names: Vec<String> = finals.iter().map(|r| topic(&topics, r)).collect();
    let with_url: Vec<bool> = finals.iter().map(|r| !r.ends_with(".dlq")).collect();
    let follower = Follower::start(&o.brokers, names, with_url, 0);
    let all: Vec<usize> = (0..finals.len()).collect();
    let mut services = Vec::new();
    for stage in STAGES {
        services.extend(start(
            launch, system, stage, &topics, &run, "pipeline", o.replicas,
        )?);
    }
    let urls_topic = topics.name("urls");
    let mut next = o.urls;
    let mut taken = |n: usize| {
        let list = urls(&launch.site, next, next + n);
        next += n;
        list
    };
    submit(&o.brokers, urls_topic.clone(), taken(WARM_UP), None).await?;
    wait_for(&follower, &all, WARM_UP, &mut services, |_, _| {})
        .await
        .context("warm-up")?;

    let cpu_before: Vec<f64> = services.iter().map(Service::cpu_seconds).collect();
    let started = kafka::now_ms();
    submit(&o.brokers, urls_topic.clone(), taken(o.urls), None).await?;
    wait_for(&follower, &all, WARM_UP + o.urls, &mut services, |_, _| {})
        .await
        .context("full-speed run")?;
    // Every page served is a valid article page: a run where many end as
    // dead letters measured a broken setup, not the pipeline.
    let dead = follower.count(&(2..finals.len()).collect::<Vec<_>>());
    anyhow::ensure!(
        dead <= (WARM_UP + o.urls) / 20,
        "{dead} of {} URLs were dead-lettered; see the logs in {}",
        WARM_UP + o.urls,
        launch.work_dir.display()
    );
    let done = follower
        .seen()
        .iter()
        .map(|s| s.seen_ms)
        .max()
        .unwrap_or(started);
    let per_s = o.urls as f64 * 1000.0 / (done - started).max(1) as f64;
    let cpu_used: Vec<f64> = services
        .iter()
        .zip(&cpu_before)
        .map(|(s, before)| s.cpu_seconds() - before)
        .collect();

    let mut latency = Vec::new();
    let mut expected = WARM_UP + o.urls;
    for fraction in [0.5, 0.9] {
        let rate = per_s * fraction;
        let count = ((rate * o.latency_secs as f64) as usize).max(20);
        let submitting = submit(&o.brokers, urls_topic.clone(), taken(count), Some(rate));
        let submitted = submitting.await?;
        expected += count;
        wait_for(&follower, &all, expected, &mut services, |_, _| {})
            .await
            .with_context(|| format!("latency run at {fraction}"))?;
        latency.push(Latency::of(fraction, rate, &submitted, &follower.seen()));
    }
    let seen = follower.seen();
    let figures = Pipeline {
        urls: o.urls,
        per_s,
        cpu_ms_per_article: cpu_used.iter().sum::<f64>() * 1000.0 / o.urls as f64,
        enriched: seen.iter().filter(|s| s.topic == 0).count(),
        duplicates: seen.iter().filter(|s| s.topic == 1).count(),
        dead_letters: seen.iter().filter(|s| s.topic >= 2).count(),
        services: services
            .iter()
            .zip(&cpu_used)
            .map(|(s, used)| ServiceFigures {
                name: s.name.clone(),
                cpu_ms_per_article: used * 1000.0 / o.urls as f64,
                peak_rss_mb: s.peak_rss_mb(),
            })
            .collect(),
        latency,
    };
    for s in services {
        s.stop();
    }
    follower.stop();
    Ok(figures)
}

/// The raw reference: each main topic's messages (samples from newsflow's
/// own run) produced to and consumed from a fresh topic, as fast as the
/// broker allows.
pub async fn raw_reference(o: &Options, samples: Vec<(String, Vec<Vec<u8>>)>) -> Vec<RawFigures> {
    let mut out = Vec::new();
    for (role, payloads) in samples {
        if payloads.is_empty() {
            continue;
        }
        let name = crate::unique(&format!("bench-raw-{role}"));
        crate::create_topics(&[(name.as_str(), o.partitions)]).await;
        let count = o.urls.clamp(2_000, 10_000);
        let brokers = o.brokers.clone();
        let raw = tokio::task::spawn_blocking(move || {
            kafka::raw_rates(&brokers, &name, &payloads, count)
        })
        .await;
        if let Ok(raw) = raw {
            out.push(RawFigures { role, raw });
        }
    }
    out
}
