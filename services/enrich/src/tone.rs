//! Document tone, the way GDELT reports it: the share of positive words
//! minus the share of negative words, times 100, here over the VADER
//! lexicon (MIT; `data/README.md`). Words count when their valence is at
//! least 1 in size; a "not" or "no" in the two words before flips a word.
//! English only.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

static LEXICON: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    include_str!("../data/vader_lexicon.tsv")
        .lines()
        .filter_map(|l| {
            let (w, v) = l.split_once('\t')?;
            Some((w, v.parse().ok()?))
        })
        .collect()
});

/// Valence that makes a word count as positive or negative.
const THRESHOLD: f64 = 1.0;

/// Tone of a text: (tone, positive share, negative share).
pub fn tone(text: &str) -> (f64, f64, f64) {
    let words: Vec<Cow<str>> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(crate::lower)
        .collect();
    if words.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let (mut pos, mut neg) = (0usize, 0usize);
    for (i, w) in words.iter().enumerate() {
        let Some(&v) = LEXICON.get(w.as_ref()) else {
            continue;
        };
        let negated = words[i.saturating_sub(2)..i].iter().any(|p| {
            matches!(
                p.as_ref(),
                "not" | "no" | "never" | "isn't" | "wasn't" | "don't" | "didn't"
            )
        });
        let v = if negated { -v } else { v };
        if v >= THRESHOLD {
            pos += 1;
        } else if v <= -THRESHOLD {
            neg += 1;
        }
    }
    let n = words.len() as f64;
    let (p, q) = (pos as f64 / n, neg as f64 / n);
    ((p - q) * 100.0, p, q)
}

/// Entries in the lexicon (for the annotator report and tests).
pub fn lexicon_size() -> usize {
    LEXICON.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_news_and_bad_news() {
        assert!(lexicon_size() > 7_000, "{}", lexicon_size());
        let (good, p, _) =
            tone("The festival was a wonderful success and visitors were happy and grateful.");
        let (bad, _, q) =
            tone("The attack killed three people and left the town in fear and grief.");
        assert!(good > 10.0 && p > 0.1, "{good}");
        assert!(bad < -10.0 && q > 0.1, "{bad}");
        let (flipped, _, _) = tone("The plan was not good.");
        assert!(flipped < 0.0, "{flipped}");
        assert_eq!(tone(""), (0.0, 0.0, 0.0));
    }
}
