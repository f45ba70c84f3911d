//! The shared dedup state behind one trait: Redis for services, memory for
//! the embedded mode and fast tests.
//!
//! One operation, [`Index::register`], atomically gives an article version
//! a sequence number, files it under its URL, content hash and LSH bands,
//! and returns the versions filed there *before* it. Decisions only ever look
//! at earlier sequence numbers, so two replicas racing on near-copies agree
//! (the later one is the duplicate), and a replay gets its old sequence
//! number back and sees exactly what it saw the first time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Failures of the shared state. All are transient: the caller retries.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The store cannot be reached or answered with an error.
    #[error("dedup state unavailable: {0}")]
    Unavailable(String),
    /// The store holds something this version cannot read.
    #[error("dedup state corrupt: {0}")]
    Corrupt(String),
}

/// What the index keeps of one article version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Member {
    /// Order of registration (set by the index).
    #[serde(default)]
    pub seq: u64,
    /// Identity of this version: article id and content hash.
    pub fingerprint: String,
    /// The article id (stable per canonical URL).
    pub id: String,
    /// The canonical URL's host.
    pub host: String,
    /// Exact-content hash of the body.
    pub content_hash: String,
    /// MinHash signature of the body's shingles (empty: too short).
    pub signature: Vec<u64>,
    /// Distinct shingles in the body.
    pub shingles: usize,
    /// MinHash signature of the headline and lead (same-story detection).
    pub story: Vec<u64>,
    /// Hashes of the headline's words.
    pub title: Vec<u64>,
}

/// An article version to register, with the keys it is filed under.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// The version itself.
    pub member: Member,
    /// Canonical URL.
    pub url: String,
    /// Content hash key, when the body is long enough to compare.
    pub content: Option<String>,
    /// Body LSH bands.
    pub bands: Vec<String>,
    /// Story LSH bands.
    pub story_bands: Vec<String>,
}

/// What was registered before an entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The entry's sequence number.
    pub seq: u64,
    /// The entry was registered before (a replay).
    pub replay: bool,
    /// Earlier versions with the same canonical URL.
    pub same_url: Vec<Member>,
    /// Earlier versions with the same content hash.
    pub same_content: Vec<Member>,
    /// Earlier versions sharing a body band.
    pub near: Vec<Member>,
    /// Earlier versions sharing a story band.
    pub story: Vec<Member>,
}

/// Earlier members read per key (the earliest ones: decisions point at the
/// first of a cluster).
pub const MAX_PER_KEY: usize = 32;

/// The shared state.
#[async_trait::async_trait]
pub trait Index: Send + Sync {
    /// Registers `entry` (idempotently, by fingerprint) and returns what was
    /// filed under its keys before it. Everything expires `ttl` after its
    /// last registration: the dedup window.
    async fn register(&self, entry: &Entry, ttl: Duration) -> Result<Seen, IndexError>;
}

/// The in-process index (embedded mode and tests).
#[derive(Default)]
pub struct MemoryIndex {
    state: Mutex<MemoryState>,
}

#[derive(Default)]
struct MemoryState {
    seq: u64,
    calls: u64,
    members: HashMap<String, (Member, Instant)>,
    keys: HashMap<String, (Vec<(u64, String)>, Instant)>,
}

impl MemoryIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait::async_trait]
impl Index for MemoryIndex {
    async fn register(&self, entry: &Entry, ttl: Duration) -> Result<Seen, IndexError> {
        let now = Instant::now();
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.calls += 1;
        if st.calls % 1024 == 0 {
            st.members.retain(|_, (_, exp)| *exp > now);
            st.keys.retain(|_, (_, exp)| *exp > now);
        }
        let fp = entry.member.fingerprint.clone();
        let (seq, replay) = match st.members.get(&fp).filter(|(_, exp)| *exp > now) {
            Some((m, _)) => (m.seq, true),
            None => {
                st.seq += 1;
                let seq = st.seq;
                let member = Member {
                    seq,
                    ..entry.member.clone()
                };
                st.members.insert(fp.clone(), (member, now + ttl));
                (seq, false)
            }
        };
        let MemoryState { members, keys, .. } = &mut *st;
        let mut file = |key: String| -> Vec<Member> {
            let (list, exp) = keys.entry(key).or_insert_with(|| (Vec::new(), now));
            if *exp <= now {
                list.clear();
            }
            if !replay && !list.iter().any(|(_, f)| *f == fp) {
                list.push((seq, fp.clone()));
            }
            *exp = now + ttl;
            let mut earlier: Vec<(u64, String)> =
                list.iter().filter(|(s, _)| *s < seq).cloned().collect();
            earlier.sort();
            earlier.truncate(MAX_PER_KEY);
            earlier
                .into_iter()
                .filter_map(|(_, f)| {
                    members
                        .get(&f)
                        .filter(|(_, e)| *e > now)
                        .map(|(m, _)| m.clone())
                })
                .collect()
        };
        let same_url = file(format!("u:{}", entry.url));
        let same_content = entry
            .content
            .as_ref()
            .map(|c| file(format!("c:{c}")))
            .unwrap_or_default();
        let near = merge(entry.bands.iter().map(|b| file(format!("b:{b}"))));
        let story = merge(entry.story_bands.iter().map(|b| file(format!("s:{b}"))));
        Ok(Seen {
            seq,
            replay,
            same_url,
            same_content,
            near,
            story,
        })
    }
}

/// Members of several keys, each once, in sequence order.
pub(crate) fn merge(lists: impl Iterator<Item = Vec<Member>>) -> Vec<Member> {
    let mut all: Vec<Member> = lists.flatten().collect();
    all.sort_by_key(|m| m.seq);
    all.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    all
}
