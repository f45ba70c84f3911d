//! From an article to its index entry, and from what the index saw before it
//! to the decision. Plain values in, plain values out: no Kafka, no Redis.

use newsflow_contracts::v1::dedup_info::Decision;
use newsflow_contracts::v1::DedupInfo;
use newsflow_contracts::Article;
use serde::{Deserialize, Serialize};

use crate::index::{Entry, Member, Seen};
use crate::text;

/// `[stages.dedup]`: thresholds and the window. Every field has a default.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DedupSettings {
    /// How long an article is remembered, seconds (the dedup window).
    pub window_secs: u64,
    /// Bodies with fewer words are compared by URL only: empty and stub
    /// pages must never cluster together.
    pub min_words: usize,
    /// Near-duplicate when this share of the shorter body's shingles is in
    /// the other (estimated containment)…
    pub near_containment: f64,
    /// …and their Jaccard similarity is at least this (a short quote inside
    /// a long article is not a copy of it).
    pub near_min_jaccard: f64,
    /// Same story when the headline-and-lead similarity is at least this.
    pub story_threshold: f64,
    /// Words of the body's start used with the headline for same-story.
    pub story_lead_words: usize,
}

impl Default for DedupSettings {
    fn default() -> Self {
        DedupSettings {
            window_secs: 7 * 24 * 3600,
            min_words: 40,
            near_containment: 0.8,
            near_min_jaccard: 0.2,
            story_threshold: 0.12,
            story_lead_words: 60,
        }
    }
}

/// Story signature slots and rows per band (candidates from J ≈ 0.2 up).
const STORY_SLOTS: usize = 64;
const STORY_ROWS: usize = 2;

/// Words too common to say what a story is about (English; other languages
/// rely on the length filter).
const STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "this", "from", "was", "were", "are", "has", "have",
    "had", "but", "not", "its", "his", "her", "their", "they", "will", "would", "said", "says",
    "about", "after", "more", "than", "into", "been", "also", "who", "which", "when", "what",
    "there", "over", "out", "new", "one", "two",
];

/// The index entry of an article: its fingerprint, keys and signatures.
pub fn entry(article: &Article, s: &DedupSettings) -> Entry {
    let url = if article.canonical_url.is_empty() {
        &article.url
    } else {
        &article.canonical_url
    };
    let parsed = url::Url::parse(url)
        .ok()
        .map(|u| newsflow_contracts::canonical::canonicalize(&u));
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let canonical = parsed.map_or_else(|| url.to_string(), |u| u.to_string());
    let paragraphs = text::paragraphs(&article.body_text);
    let words = || paragraphs.iter().flatten();
    let content_hash = text::content_hash(words());
    let long_enough = words().count() >= s.min_words;
    let (signature, shingles) = if long_enough {
        let sh = text::paragraph_shingles(&paragraphs, text::SHINGLE);
        (text::signature(&sh), sh.len())
    } else {
        (Vec::new(), 0)
    };
    let story = if long_enough {
        story_signature(&article.title, words(), s.story_lead_words)
    } else {
        Vec::new()
    };
    let id = if article.id.is_empty() {
        newsflow_contracts::ids::stable_id(&canonical)
    } else {
        article.id.clone()
    };
    // A redelivered message carries the same parse time and is recognised
    // as itself; a re-fetch (or a re-parse) of unchanged content is a new
    // delivery and becomes an exact URL duplicate.
    let stamp = article
        .parsed_at
        .as_ref()
        .or(article.page.as_ref().and_then(|p| p.fetched_at.as_ref()))
        .map_or(0, |t| t.seconds * 1_000 + i64::from(t.nanos / 1_000_000));
    let member = Member {
        seq: 0,
        fingerprint: format!("{id}:{content_hash}:{stamp}"),
        id,
        host,
        content_hash: content_hash.clone(),
        signature: signature.clone(),
        shingles,
        story: story.clone(),
        title: text::words(&article.title)
            .iter()
            .map(|w| text::hash64(w.as_bytes()))
            .collect(),
    };
    Entry {
        bands: text::bands(&signature, text::ROWS),
        story_bands: text::bands(&story, STORY_ROWS),
        content: long_enough.then_some(content_hash),
        url: canonical,
        member,
    }
}

/// The headline and the body's first words, without short and common
/// words, as a set of words, MinHashed (different write-ups of one event
/// share names and key words, not phrasing).
fn story_signature<'a>(
    title: &str,
    body: impl Iterator<Item = &'a String>,
    lead: usize,
) -> Vec<u64> {
    let keep = |w: &&String| w.chars().count() > 2 && !STOP.contains(&w.as_str());
    let mut words: Vec<String> = text::words(title).into_iter().collect();
    words.retain(|w| keep(&w));
    words.extend(body.take(lead).filter(keep).cloned());
    let features = text::shingles(&words, 1);
    let full = text::signature(&features);
    full[..STORY_SLOTS].to_vec()
}

/// How two articles compare, by the rules the stage applies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// One is a near-duplicate (or exact copy) of the other.
    pub near_duplicate: bool,
    /// They report the same story (near-duplicates always do).
    pub same_story: bool,
    /// Estimated containment of the shorter body in the longer (0 when a
    /// body is too short to compare).
    pub score: f64,
    /// Estimated Jaccard similarity of the bodies' shingle sets.
    pub jaccard: f64,
    /// Similarity of headline and lead (same-story signal).
    pub story_similarity: f64,
}

/// Compares two articles as the stage would (`newsflow similar`).
pub fn compare(a: &Article, b: &Article, s: &DedupSettings) -> Comparison {
    let (ea, eb) = (entry(a, s), entry(b, s));
    let (ma, mb) = (&ea.member, &eb.member);
    let jaccard = text::jaccard(&ma.signature, &mb.signature);
    let score = text::containment(jaccard, ma.shingles, mb.shingles);
    let exact = !ma.signature.is_empty() && ma.content_hash == mb.content_hash;
    let near_duplicate = exact || (!ma.signature.is_empty() && near_score(ma, mb, s).is_some());
    let story_similarity = text::jaccard(&ma.story, &mb.story);
    Comparison {
        near_duplicate,
        same_story: near_duplicate || (!ma.story.is_empty() && same_story(ma, mb, s)),
        score: if exact { 1.0 } else { score },
        jaccard,
        story_similarity,
    }
}

/// Whether `other` is a near-duplicate of `me` and with what score.
fn near_score(me: &Member, other: &Member, s: &DedupSettings) -> Option<f64> {
    let j = text::jaccard(&me.signature, &other.signature);
    let c = text::containment(j, me.shingles, other.shingles);
    if c < s.near_containment || j < s.near_min_jaccard {
        return None;
    }
    if site_boilerplate(me, other) {
        return None;
    }
    Some(c)
}

/// Two pages of one site whose bodies match but whose headlines differ are
/// one boilerplate (a paywall or cookie notice) or one template filled in
/// twice (results, weather, local briefs), not a copy: a site's own copies
/// keep their headline. Copies across sites are judged by the text alone.
fn site_boilerplate(me: &Member, other: &Member) -> bool {
    same_host(me, other) && title_similarity(&me.title, &other.title) < SAME_SITE_TITLE
}

/// Both from one known host (texts without a URL have no site).
fn same_host(me: &Member, other: &Member) -> bool {
    !me.host.is_empty() && me.host == other.host
}

/// Same story: headline-and-lead similarity over the threshold; on one
/// site the headlines must also share words, since a site's template
/// sentences alone make leads look alike.
fn same_story(me: &Member, other: &Member, s: &DedupSettings) -> bool {
    text::jaccard(&me.story, &other.story) >= s.story_threshold
        && (!same_host(me, other)
            || title_similarity(&me.title, &other.title) >= SAME_SITE_STORY_TITLE)
}

/// Headline word overlap two same-site articles of one story share.
const SAME_SITE_STORY_TITLE: f64 = 0.3;

/// Headline word overlap a same-site copy keeps.
const SAME_SITE_TITLE: f64 = 0.8;

fn title_similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared as f64 / a.len().max(b.len()) as f64
}

/// The decision for `me` given what was registered before it.
pub fn decide(me: &Member, seen: &Seen, s: &DedupSettings) -> DedupInfo {
    let mut info = DedupInfo {
        story_id: story_id(me, seen, s),
        version: 1,
        ..Default::default()
    };
    let earlier_url: Vec<&Member> = seen.same_url.iter().filter(|m| m.seq < seen.seq).collect();
    if !earlier_url.is_empty() {
        if let Some(same) = earlier_url
            .iter()
            .find(|m| m.content_hash == me.content_hash)
        {
            info.decision = Decision::Duplicate as i32;
            info.method = "url".into();
            info.score = 1.0;
            info.duplicate_of = same.id.clone();
            return info;
        }
        let mut hashes: Vec<&str> = earlier_url
            .iter()
            .map(|m| m.content_hash.as_str())
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let latest = earlier_url.iter().max_by_key(|m| m.seq).expect("not empty");
        info.decision = Decision::NewVersion as i32;
        info.method = "url".into();
        info.version = hashes.len() as u32 + 1;
        info.previous_version = latest.fingerprint.clone();
        return info;
    }
    if let Some(first) = seen
        .same_content
        .iter()
        .filter(|m| m.seq < seen.seq && m.id != me.id && !site_boilerplate(me, m))
        .min_by_key(|m| m.seq)
    {
        info.decision = Decision::Duplicate as i32;
        info.method = "content-hash".into();
        info.score = 1.0;
        info.duplicate_of = first.id.clone();
        return info;
    }
    if !me.signature.is_empty() {
        if let Some((score, first)) = seen
            .near
            .iter()
            .filter(|m| m.seq < seen.seq && m.id != me.id && !m.signature.is_empty())
            .filter_map(|m| near_score(me, m, s).map(|score| (score, m)))
            .min_by_key(|(_, m)| m.seq)
        {
            info.decision = Decision::Duplicate as i32;
            info.method = "minhash".into();
            info.score = score;
            info.duplicate_of = first.id.clone();
            return info;
        }
    }
    info.decision = Decision::Unique as i32;
    info
}

/// The story: the earliest earlier article whose headline and lead are
/// similar enough, else this article itself.
fn story_id(me: &Member, seen: &Seen, s: &DedupSettings) -> String {
    if me.story.is_empty() {
        return me.id.clone();
    }
    seen.story
        .iter()
        .filter(|m| m.seq < seen.seq && m.id != me.id && !m.story.is_empty())
        .filter(|m| same_story(me, m, s))
        .min_by_key(|m| m.seq)
        .map_or_else(|| me.id.clone(), |m| m.id.clone())
}

#[cfg(test)]
mod tests;
