//! Keywords and keyphrases of one document, YAKE-style (Campos et al.,
//! "YAKE! Keyword extraction from single documents using multiple local
//! features", Information Sciences 2020): no corpus, no model — each word is
//! scored from its casing, position, frequency, the variety of its
//! neighbours and its spread over sentences; a phrase of 1–2 words from the
//! scores of its words. Lower YAKE scores are better; the contract's score is
//! `1 / (1 + yake)`.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::FastMap;

/// Keywords returned per article.
pub const MAX_KEYWORDS: usize = 10;

/// Longest keyphrase, words (three-word phrases were mostly headline
/// fragments in our fixtures).
const MAX_PHRASE: usize = 2;

/// English function words (other languages fall back to the length rule:
/// words of one or two letters are never keywords).
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "according",
    "across",
    "already",
    "although",
    "among",
    "around",
    "away",
    "back",
    "even",
    "ever",
    "every",
    "however",
    "including",
    "later",
    "least",
    "less",
    "little",
    "made",
    "make",
    "next",
    "often",
    "partly",
    "perhaps",
    "quite",
    "rather",
    "really",
    "several",
    "still",
    "though",
    "today",
    "week",
    "within",
    "without",
    "well",
    "whether",
    "yesterday",
    "tomorrow",
];

/// [`STOP`] as a set: a linear scan of it was a tenth of enrich's time.
static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());

fn is_stop(word: &str) -> bool {
    word.chars().count() <= 2 || STOP_SET.contains(word) || word.chars().all(|c| c.is_ascii_digit())
}

#[derive(Default)]
struct Stats<'a> {
    tf: f64,
    upper: f64,
    sentences: Vec<usize>,
    left: FastMap<&'a str, usize>,
    right: FastMap<&'a str, usize>,
}

/// A word as written and in lower case.
struct Word<'a> {
    text: &'a str,
    lower: String,
}

/// The document's keywords, most relevant first, with relevance in (0, 1].
pub fn extract(title: &str, body: &str) -> Vec<(String, f64)> {
    let text = format!("{title}.\n{body}");
    // Sentences of words; punctuation inside a sentence breaks phrases.
    // Each word is lower-cased once here and borrowed from then on (this
    // function allocated a string per word and per neighbour).
    let mut sentences: Vec<Vec<Vec<Word>>> = Vec::new();
    for sentence in text.split(['.', '!', '?', '\n', '。', '！', '？']) {
        let chunks: Vec<Vec<Word>> = sentence
            .split([',', ';', ':', '(', ')', '"', '“', '”', '«', '»', '—', '–'])
            .map(|c| {
                c.split_whitespace()
                    .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()))
                    .filter(|w| !w.is_empty())
                    .map(|w| Word {
                        text: w,
                        lower: w.to_lowercase(),
                    })
                    .collect::<Vec<Word>>()
            })
            .filter(|c| !c.is_empty())
            .collect();
        if !chunks.is_empty() {
            sentences.push(chunks);
        }
    }
    if sentences.is_empty() {
        return Vec::new();
    }
    let mut stats: FastMap<&str, Stats> = FastMap::default();
    for (si, chunks) in sentences.iter().enumerate() {
        let mut first = true;
        for chunk in chunks {
            for (i, w) in chunk.iter().enumerate() {
                let st = stats.entry(w.lower.as_str()).or_default();
                st.tf += 1.0;
                let capital = w.text.chars().next().is_some_and(char::is_uppercase);
                let acronym = w.text.chars().count() > 1
                    && w.text
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit());
                if (capital && !first) || acronym {
                    st.upper += 1.0;
                }
                if st.sentences.last() != Some(&si) {
                    st.sentences.push(si);
                }
                if i > 0 {
                    *st.left.entry(chunk[i - 1].lower.as_str()).or_default() += 1;
                }
                if i + 1 < chunk.len() {
                    *st.right.entry(chunk[i + 1].lower.as_str()).or_default() += 1;
                }
                first = false;
            }
        }
    }
    // Sorted, so that sums below do not depend on hash order.
    let mut content: Vec<f64> = stats
        .iter()
        .filter(|(w, _)| !is_stop(w))
        .map(|(_, s)| s.tf)
        .collect();
    content.sort_by(f64::total_cmp);
    if content.is_empty() {
        return Vec::new();
    }
    let mean = content.iter().sum::<f64>() / content.len() as f64;
    let std =
        (content.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / content.len() as f64).sqrt();
    let max_tf = content.iter().cloned().fold(0.0, f64::max);
    let n_sentences = sentences.len() as f64;
    let score: FastMap<&str, f64> = stats
        .iter()
        .map(|(w, s)| {
            let t_case = s.upper / (1.0 + s.tf.ln());
            // Sentence indexes are pushed in order: already sorted.
            let median = s.sentences[s.sentences.len() / 2] as f64;
            let t_pos = (3.0 + median).ln().ln();
            let t_freq = s.tf / (mean + std);
            let spread = |m: &FastMap<&str, usize>| {
                let total: usize = m.values().sum();
                if total == 0 {
                    0.0
                } else {
                    m.len() as f64 / total as f64
                }
            };
            let t_rel = 1.0 + (spread(&s.left) + spread(&s.right)) * s.tf / max_tf;
            let t_sent = s.sentences.len() as f64 / n_sentences;
            let h = t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel);
            (*w, h)
        })
        .collect();
    // Candidate phrases of 1–2 words, not starting or ending with a stop word.
    let mut candidates: FastMap<String, (f64, FastMap<String, usize>)> = FastMap::default();
    for chunks in &sentences {
        for chunk in chunks {
            for n in 1..=MAX_PHRASE {
                for window in chunk.windows(n) {
                    if is_stop(&window[0].lower) || is_stop(&window[n - 1].lower) {
                        continue;
                    }
                    let join = |f: for<'w> fn(&'w Word<'w>) -> &'w str| {
                        window.iter().map(f).collect::<Vec<&str>>().join(" ")
                    };
                    let (key, form) = (join(|w| &w.lower), join(|w| w.text));
                    let entry = candidates.entry(key).or_default();
                    entry.0 += 1.0;
                    *entry.1.entry(form).or_default() += 1;
                }
            }
        }
    }
    let mut scored: Vec<(String, f64)> = candidates
        .into_iter()
        .map(|(key, (tf, forms))| {
            let words: Vec<&str> = key.split(' ').collect();
            let (mut product, mut sum) = (1.0, 0.0);
            for w in &words {
                let s = score.get(w).copied().unwrap_or(1.0);
                if !is_stop(w) {
                    product *= s;
                    sum += s;
                }
            }
            let yake = product / (tf * (1.0 + sum));
            let shown = forms
                .into_iter()
                .max_by_key(|(f, c)| (*c, f.clone()))
                .map(|(f, _)| f)
                .unwrap_or(key);
            (shown, yake)
        })
        .collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let mut out: Vec<(String, f64)> = Vec::new();
    for (phrase, yake) in scored {
        let lower = phrase.to_lowercase();
        // A phrase already covered by a better one ("harbour" after
        // "harbour plan") adds nothing.
        if out.iter().any(|(p, _)| {
            let p = p.to_lowercase();
            p == lower
                || p.split(' ').any(|w| w == lower)
                || lower.split(' ').all(|w| p.contains(w))
        }) {
            continue;
        }
        out.push((phrase, 1.0 / (1.0 + yake)));
        if out.len() == MAX_KEYWORDS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::extract;

    #[test]
    fn the_subject_of_an_article_ranks_first() {
        let title = "Harbour city opens first floating solar plant";
        let body = "The port city of Haeseong opened the country's first floating solar plant on Friday, covering a third of the Daeam reservoir with panels.\nCity officials said the floating solar plant would power twelve thousand households.\nResidents of Haeseong had opposed the project for two years, arguing that the panels would harm fish in the Daeam reservoir.\nAn environmental review found no effect on the reservoir during the pilot phase of the solar plant.";
        let k = extract(title, body);
        let top: Vec<String> = k.iter().take(6).map(|(p, _)| p.to_lowercase()).collect();
        assert!(top.iter().any(|p| p.contains("solar plant")), "{top:?}");
        assert!(
            top.iter()
                .any(|p| p.contains("haeseong") || p.contains("daeam")),
            "{top:?}"
        );
        assert!(
            k.windows(2).all(|w| w[0].1 >= w[1].1),
            "sorted by relevance"
        );
        assert!(k
            .iter()
            .all(|(p, s)| *s > 0.0 && *s <= 1.0 && !p.is_empty()));
        assert!(extract("", "").is_empty());
    }
}
