//! The accounting of a chaos run: a read_committed reader of every final
//! topic (enriched articles, duplicate records, the four dead-letter
//! topics) counts, per submitted URL and per injected malformed message,
//! how often it came out.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use newsflow_contracts::{decode, Article, Page, UrlRequest, WireFormat, CONTENT_TYPE_HEADER};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::Message;

use crate::header;
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

/// Where a record was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exit {
    /// On the enriched-articles topic.
    Enriched,
    /// On the duplicates topic.
    Duplicate,
    /// On a dead-letter topic.
    DeadLetter,
}

/// What the final topics say.
#[derive(Default)]
pub struct Ledger {
    /// Per submitted URL: every exit it took.
    pub urls: BTreeMap<String, Vec<Exit>>,
    /// Per malformed-message marker: dead letters seen.
    pub junk: BTreeMap<String, usize>,
    /// Dead letters by error kind.
    pub dead_letter_kinds: BTreeMap<String, usize>,
    /// Records that name no submitted URL and no marker.
    pub strangers: usize,
    /// Per URL that came out: milliseconds from its submission until the
    /// reader saw its first exit.
    pub latencies_ms: Vec<f64>,
    /// When every URL and marker had come out (after the faults ended).
    pub completed_at: Option<Instant>,
}

/// When each URL was submitted (filled by the submitter, read by the reader).
pub type Submitted = Arc<Mutex<HashMap<String, Instant>>>;

impl Ledger {
    /// A ledger expecting these URLs and markers (each seen zero times so far).
    pub fn expecting(urls: &[String], junk: &[String]) -> Ledger {
        Ledger {
            urls: urls.iter().map(|u| (u.clone(), Vec::new())).collect(),
            junk: junk.iter().map(|j| (j.clone(), 0)).collect(),
            ..Default::default()
        }
    }

    /// URLs with no exit.
    pub fn lost(&self) -> Vec<&str> {
        self.urls
            .iter()
            .filter(|(_, e)| e.is_empty())
            .map(|(u, _)| u.as_str())
            .collect()
    }

    /// Outputs beyond the first, over URLs and markers.
    pub fn duplicated(&self) -> usize {
        self.urls
            .values()
            .map(|e| e.len().saturating_sub(1))
            .sum::<usize>()
            + self
                .junk
                .values()
                .map(|n| n.saturating_sub(1))
                .sum::<usize>()
    }

    /// Markers with no dead letter.
    pub fn lost_junk(&self) -> usize {
        self.junk.values().filter(|n| **n == 0).count()
    }

    /// Whether every URL and marker came out at least once.
    pub fn complete(&self) -> bool {
        self.lost().is_empty() && self.lost_junk() == 0
    }

    /// URLs per exit (the first exit of each).
    pub fn by_exit(&self) -> BTreeMap<Exit, usize> {
        let mut counts = BTreeMap::new();
        for e in self.urls.values().filter_map(|e| e.first()) {
            *counts.entry(*e).or_insert(0) += 1;
        }
        counts
    }

    /// Latency percentile `p` (0–100) of first exits, ms.
    pub fn latency_ms(&self, p: f64) -> f64 {
        let mut l = self.latencies_ms.clone();
        if l.is_empty() {
            return 0.0;
        }
        l.sort_by(f64::total_cmp);
        let i = ((p / 100.0) * (l.len() - 1) as f64).round() as usize;
        l[i.min(l.len() - 1)]
    }

    fn record(&mut self, url: &str, exit: Exit) -> bool {
        match self.urls.get_mut(url) {
            Some(exits) => {
                exits.push(exit);
                exits.len() == 1
            }
            None => {
                self.strangers += 1;
                false
            }
        }
    }

    fn record_seen(&mut self, url: &str, exit: Exit, submitted: &Submitted) {
        if self.record(url, exit) {
            let at = submitted.lock().ok().and_then(|s| s.get(url).copied());
            if let Some(at) = at {
                self.latencies_ms.push(at.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }

    fn record_junk(&mut self, payload: &[u8]) -> bool {
        let text = String::from_utf8_lossy(payload);
        let Some(start) = text.find("chaos-junk-") else {
            return false;
        };
        let marker: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        match self.junk.get_mut(&marker) {
            Some(n) => *n += 1,
            None => self.strangers += 1,
        }
        true
    }
}

/// The final topics of a run.
pub struct Finals {
    /// The enriched-articles topic.
    pub enriched: String,
    /// The duplicate-records topic.
    pub duplicates: String,
    /// Dead-letter topics with the message type of their records.
    pub dead_letters: Vec<(String, Carried)>,
}

/// What a dead-letter topic carries (the input of the stage that gave up).
#[derive(Clone, Copy)]
pub enum Carried {
    /// `UrlRequest` (fetch gave up).
    Request,
    /// `Page` (parse gave up).
    Page,
    /// `Article` (dedup or enrich gave up).
    Article,
}

/// Reads the final topics from the beginning into `ledger` while the run
/// goes on, until `faults_done` is set, the ledger is complete, and then
/// `settle` more has passed (late repeats show up there) — or until
/// `deadline`.
pub fn read(
    brokers: &str,
    finals: &Finals,
    ledger: &mut Ledger,
    submitted: &Submitted,
    faults_done: &AtomicBool,
    settle: Duration,
    deadline: Instant,
) -> Result<(), String> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", format!("chaos-ledger-{}", std::process::id()))
        .set("enable.auto.commit", "false")
        .set("isolation.level", "read_committed")
        .create()
        .map_err(|e| e.to_string())?;
    let mut topics = vec![finals.enriched.clone(), finals.duplicates.clone()];
    topics.extend(finals.dead_letters.iter().map(|(t, _)| t.clone()));
    let mut tpl = TopicPartitionList::new();
    for topic in &topics {
        let metadata = consumer
            .fetch_metadata(Some(topic), Duration::from_secs(20))
            .map_err(|e| format!("metadata of {topic}: {e}"))?;
        for t in metadata.topics() {
            for p in t.partitions() {
                tpl.add_partition_offset(topic, p.id(), Offset::Beginning)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    consumer.assign(&tpl).map_err(|e| e.to_string())?;
    let mut complete_at: Option<Instant> = None;
    while Instant::now() < deadline {
        if let Some(at) = complete_at {
            if at.elapsed() >= settle {
                ledger.completed_at = Some(at);
                break;
            }
        }
        if complete_at.is_none() && faults_done.load(Ordering::SeqCst) && ledger.complete() {
            complete_at = Some(Instant::now());
        }
        let Some(Ok(m)) = consumer.poll(Duration::from_millis(200)) else {
            continue;
        };
        let content_type = header(&m, CONTENT_TYPE_HEADER);
        let ct = content_type.as_deref();
        let topic = m.topic();
        let payload = m.payload();
        if topic == finals.enriched || topic == finals.duplicates {
            let exit = if topic == finals.enriched {
                Exit::Enriched
            } else {
                Exit::Duplicate
            };
            match decode::<Article>(payload, ct, WireFormat::Json) {
                Ok(a) => ledger.record_seen(&a.url, exit, submitted),
                Err(_) => ledger.strangers += 1,
            }
        } else if let Some((_, carried)) = finals.dead_letters.iter().find(|(t, _)| t == topic) {
            let kind = header(&m, "newsflow-dlq-error-kind").unwrap_or_else(|| "unknown".into());
            *ledger.dead_letter_kinds.entry(kind).or_insert(0) += 1;
            let url = match carried {
                Carried::Request => decode::<UrlRequest>(payload, ct, WireFormat::Json)
                    .ok()
                    .map(|r| r.url),
                Carried::Page => decode::<Page>(payload, ct, WireFormat::Json)
                    .ok()
                    .map(|p| p.url),
                Carried::Article => decode::<Article>(payload, ct, WireFormat::Json)
                    .ok()
                    .map(|a| a.url),
            };
            match url {
                Some(url) => ledger.record_seen(&url, Exit::DeadLetter, submitted),
                None => {
                    if !ledger.record_junk(payload.unwrap_or_default()) {
                        ledger.strangers += 1;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_and_duplicated_are_counted_per_url_and_marker() {
        let urls = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let junk = vec!["chaos-junk-1".to_string(), "chaos-junk-2".to_string()];
        let mut l = Ledger::expecting(&urls, &junk);
        assert!(l.record("a", Exit::Enriched), "first exit");
        assert!(!l.record("a", Exit::Enriched), "a repeat");
        l.record("b", Exit::DeadLetter);
        l.record("zzz", Exit::Enriched);
        assert!(l.record_junk(b"\x00\x01chaos-junk-1\xff"));
        assert!(!l.record_junk(b"{\"url\":\"c\"}"));
        assert_eq!(l.lost(), ["c"]);
        assert_eq!(l.lost_junk(), 1);
        assert_eq!(l.duplicated(), 1);
        assert_eq!(l.strangers, 1);
        assert!(!l.complete());
        l.record("c", Exit::Duplicate);
        assert!(l.record_junk(b"chaos-junk-2"));
        assert!(l.complete());
        assert_eq!(l.by_exit()[&Exit::Enriched], 1);
    }
}
