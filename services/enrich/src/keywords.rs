//! Keywords and keyphrases of one document, YAKE-style (Campos et al.,
//! "YAKE! Keyword extraction from single documents using multiple local
//! features", Information Sciences 2020): no corpus, no model — each word is
//! scored from its casing, position, frequency, the variety of its
//! neighbours and its spread over sentences; a phrase of 1–2 words from the
//! scores of its words. Lower YAKE scores are better; the contract's score is
//! `1 / (1 + yake)`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use crate::{FastMap, FastSet};

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

/// One word of the text: as written, and the id of its lower-case form.
struct Token<'a> {
    text: &'a str,
    id: u32,
}

/// What is counted of one distinct (lower-case) word.
#[derive(Default)]
struct Stats {
    tf: f64,
    upper: f64,
    /// How many sentences it occurs in, the last of them so far, and the
    /// median one (the middle of their list, as YAKE takes it).
    sentences: u32,
    last_sentence: Option<u32>,
    median_sentence: u32,
    /// Occurrences with a word before / after it in its chunk, and how many
    /// distinct such words.
    left: (usize, usize),
    right: (usize, usize),
}

/// The lower-case words of a document, each stored once and named by an
/// id (a per-occurrence `String` and `&str` maps of neighbours were half
/// of this function's time).
#[derive(Default)]
struct Vocabulary<'a> {
    ids: FastMap<Cow<'a, str>, u32>,
    words: Vec<Cow<'a, str>>,
}

impl<'a> Vocabulary<'a> {
    fn id(&mut self, word: &'a str) -> u32 {
        let lower = crate::lower(word);
        if let Some(&id) = self.ids.get(&lower) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(lower.clone());
        self.ids.insert(lower, id);
        id
    }
}

/// The document's keywords, most relevant first, with relevance in (0, 1].
pub fn extract(title: &str, body: &str) -> Vec<(String, f64)> {
    let text = format!("{title}.\n{body}");
    // Sentences of chunks of words; punctuation inside a sentence breaks
    // phrases. Chunks are ranges of `tokens`, with their sentence's index.
    let mut vocabulary = Vocabulary::default();
    let mut tokens: Vec<Token> = Vec::new();
    let mut chunks: Vec<(usize, usize, u32)> = Vec::new();
    let mut n_sentences = 0u32;
    for sentence in text.split(['.', '!', '?', '\n', '。', '！', '？']) {
        let before = chunks.len();
        for c in sentence.split([',', ';', ':', '(', ')', '"', '“', '”', '«', '»', '—', '–'])
        {
            let start = tokens.len();
            for w in c.split_whitespace() {
                let w = w.trim_matches(|ch: char| !ch.is_alphanumeric());
                if !w.is_empty() {
                    let id = vocabulary.id(w);
                    tokens.push(Token { text: w, id });
                }
            }
            if tokens.len() > start {
                chunks.push((start, tokens.len(), n_sentences));
            }
        }
        if chunks.len() > before {
            n_sentences += 1;
        }
    }
    if n_sentences == 0 {
        return Vec::new();
    }
    let words = &vocabulary.words;
    let stop: Vec<bool> = words.iter().map(|w| is_stop(w)).collect();
    let mut stats: Vec<Stats> = (0..words.len()).map(|_| Stats::default()).collect();
    let mut neighbours: FastSet<(bool, u32, u32)> = FastSet::default();
    let mut sentence_start = None;
    for &(start, end, si) in &chunks {
        let first_of_sentence = sentence_start != Some(si);
        sentence_start = Some(si);
        for i in start..end {
            let w = &tokens[i];
            let capital = w.text.chars().next().is_some_and(char::is_uppercase);
            let acronym = w.text.chars().count() > 1
                && w.text
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit());
            let new_left = i > start && neighbours.insert((false, w.id, tokens[i - 1].id));
            let new_right = i + 1 < end && neighbours.insert((true, w.id, tokens[i + 1].id));
            let st = &mut stats[w.id as usize];
            st.tf += 1.0;
            if (capital && !(first_of_sentence && i == start)) || acronym {
                st.upper += 1.0;
            }
            if st.last_sentence != Some(si) {
                st.last_sentence = Some(si);
                st.sentences += 1;
            }
            if i > start {
                st.left.0 += 1;
                st.left.1 += usize::from(new_left);
            }
            if i + 1 < end {
                st.right.0 += 1;
                st.right.1 += usize::from(new_right);
            }
        }
    }
    // The median sentence of each word: its sentences come in order, so
    // the middle one is met again by counting them up to half.
    let mut counted: Vec<(Option<u32>, u32)> = vec![(None, 0); words.len()];
    for &(start, end, si) in &chunks {
        for w in &tokens[start..end] {
            let (last, n) = &mut counted[w.id as usize];
            if *last != Some(si) {
                let st = &mut stats[w.id as usize];
                if *n == st.sentences / 2 {
                    st.median_sentence = si;
                }
                *last = Some(si);
                *n += 1;
            }
        }
    }
    // Sorted, so that sums below do not depend on the words' order.
    let mut content: Vec<f64> = stats
        .iter()
        .zip(&stop)
        .filter(|(_, stop)| !**stop)
        .map(|(s, _)| s.tf)
        .collect();
    content.sort_by(f64::total_cmp);
    if content.is_empty() {
        return Vec::new();
    }
    let mean = content.iter().sum::<f64>() / content.len() as f64;
    let std =
        (content.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / content.len() as f64).sqrt();
    let max_tf = content.iter().cloned().fold(0.0, f64::max);
    let n_sentences = f64::from(n_sentences);
    let score: Vec<f64> = stats
        .iter()
        .map(|s| {
            let t_case = s.upper / (1.0 + s.tf.ln());
            let median = f64::from(s.median_sentence);
            let t_pos = (3.0 + median).ln().ln();
            let t_freq = s.tf / (mean + std);
            let spread = |(total, distinct): (usize, usize)| {
                if total == 0 {
                    0.0
                } else {
                    distinct as f64 / total as f64
                }
            };
            let t_rel = 1.0 + (spread(s.left) + spread(s.right)) * s.tf / max_tf;
            let t_sent = f64::from(s.sentences) / n_sentences;
            t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel)
        })
        .collect();
    // Candidate phrases of 1–2 words, not starting or ending with a stop
    // word: their words' ids (`u32::MAX` for no second word) and how often
    // each written form of them occurs ("" for no second word).
    type Phrase = (u32, u32);
    type Form<'a> = (&'a str, &'a str);
    let mut forms: FastMap<(Phrase, Form), usize> = FastMap::default();
    for &(start, end, _) in &chunks {
        let chunk = &tokens[start..end];
        for n in 1..=MAX_PHRASE {
            for window in chunk.windows(n) {
                let (first, last) = (&window[0], &window[n - 1]);
                if stop[first.id as usize] || stop[last.id as usize] {
                    continue;
                }
                let key = (first.id, if n == 2 { last.id } else { u32::MAX });
                let form = (first.text, if n == 2 { last.text } else { "" });
                *forms.entry((key, form)).or_default() += 1;
            }
        }
    }
    // Each phrase's occurrences and the form written most often; of
    // equally frequent ones, the greatest as a string.
    fn as_text<'a>((a, b): Form<'a>) -> impl Iterator<Item = u8> + 'a {
        let space = if b.is_empty() { "" } else { " " };
        a.bytes().chain(space.bytes()).chain(b.bytes())
    }
    let mut candidates: FastMap<Phrase, (usize, Form, usize)> = FastMap::default();
    for ((key, form), count) in forms {
        let (tf, best, best_count) = candidates.entry(key).or_insert((0, form, 0));
        *tf += count;
        if count > *best_count || count == *best_count && as_text(form).gt(as_text(*best)) {
            (*best, *best_count) = (form, count);
        }
    }
    let mut scored: Vec<(String, f64)> = candidates
        .into_iter()
        .map(|((a, b), (tf, (first, second), _))| {
            let (mut product, mut sum) = (1.0, 0.0);
            for id in [a, b].into_iter().filter(|&id| id != u32::MAX) {
                let s = score[id as usize];
                product *= s;
                sum += s;
            }
            let yake = product / (tf as f64 * (1.0 + sum));
            let shown = if second.is_empty() {
                first.to_string()
            } else {
                format!("{first} {second}")
            };
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

    #[test]
    fn a_phrase_is_counted_in_any_case_and_shown_as_written_most() {
        // "tidal barrage" three times in two casings, "wind park" twice:
        // counted case-blind, the barrage leads, shown as written twice.
        let body = "Officials praised the Tidal Barrage near the harbour.\nThe tidal barrage opened after delays.\nCritics of the Tidal Barrage cited costs.\nA wind park was planned nearby.\nThe wind park was later dropped.";
        let k = extract("", body);
        let shown: Vec<&str> = k.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(shown.first(), Some(&"Tidal Barrage"), "{shown:?}");
    }
}
