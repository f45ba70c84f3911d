//! Annotated sentences in the CoNLL/IOB2 files the tagger is trained and
//! measured on, with the corpora's labels mapped to ours, and the
//! exact-span scoring used in docs/benchmarks.md.

use std::collections::HashSet;

/// One annotated sentence: words and BIO labels over PER, ORG, LOC, MISC.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The words as the corpus cut them.
    pub words: Vec<String>,
    /// One label per word: "O", "B-PER", "I-ORG", …
    pub labels: Vec<String>,
}

/// Our type for a corpus's entity type: UNER's PER/ORG/LOC/OTH, the Broad
/// Twitter Corpus's PER/ORG/LOC, WNUT-17's person, location, corporation,
/// group (organisations, bands, teams), creative-work and product.
fn map_type(t: &str) -> Option<&'static str> {
    match t {
        "PER" | "person" => Some("PER"),
        "ORG" | "corporation" | "group" => Some("ORG"),
        "LOC" | "location" => Some("LOC"),
        "OTH" | "MISC" | "creative-work" | "product" => Some("MISC"),
        _ => None,
    }
}

/// Reads a CoNLL-style file: one word per line, the word in the second
/// column when the first is a number (UNER's IOB2) and in the first
/// otherwise, the label in the last; a blank line between sentences; "# "
/// lines are comments.
pub fn read(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut s = Sentence::default();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() {
            if !s.words.is_empty() {
                out.push(std::mem::take(&mut s));
            }
            continue;
        }
        if cols.len() < 2 {
            continue;
        }
        let word = if cols.len() >= 3 && cols[0].parse::<u32>().is_ok() {
            cols[1]
        } else {
            cols[0]
        };
        let label = cols
            .iter()
            .skip(1)
            .find(|c| c.starts_with("B-") || c.starts_with("I-") || **c == "O");
        let label = match label.and_then(|l| l.split_once('-')) {
            Some((bio, t)) => match map_type(t) {
                Some(t) => format!("{bio}-{t}"),
                None => "O".into(),
            },
            None => "O".into(),
        };
        s.words.push(word.to_string());
        s.labels.push(label);
    }
    if !s.words.is_empty() {
        out.push(s);
    }
    out
}

/// Entity spans (type, first word, last word + 1) of a BIO sequence; an
/// "I-" after an "O" or another type opens a span (the conlleval rule).
pub fn spans(labels: &[impl AsRef<str>]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, l) in labels.iter().enumerate() {
        let l = l.as_ref();
        let (bio, t) = l.split_once('-').unwrap_or(("O", ""));
        let continues = bio == "I" && open.as_ref().is_some_and(|(ot, _)| ot == t);
        if !continues {
            if let Some((ot, start)) = open.take() {
                out.push((ot, start, i));
            }
            if bio != "O" {
                open = Some((t.to_string(), i));
            }
        }
    }
    if let Some((ot, start)) = open {
        out.push((ot, start, labels.len()));
    }
    out
}

/// Exact-span counts for the types in `types`: (true positives, predicted, gold).
pub fn score(
    gold: &[Vec<String>],
    predicted: &[Vec<String>],
    types: &[&str],
) -> (usize, usize, usize) {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (g, p) in gold.iter().zip(predicted) {
        let keep = |v: Vec<(String, usize, usize)>| -> HashSet<(String, usize, usize)> {
            v.into_iter()
                .filter(|(t, ..)| types.contains(&t.as_str()))
                .collect()
        };
        let g = keep(spans(g));
        let p = keep(spans(p));
        tp += g.intersection(&p).count();
        np += p.len();
        ng += g.len();
    }
    (tp, np, ng)
}

/// F1 of (true positives, predicted, gold).
pub fn f1((tp, np, ng): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_file_layouts_are_read_and_mapped() {
        let uner = "# sent_id = x\n# text = Kim met\n1\tKim\tB-PER\t-\t-\n2\tmet\tO\t-\t-\n3\tOpenAI\tB-OTH\t-\t-\n\n";
        let btc = "#MH17\tO\nKiev\tB-LOC\n\n";
        let wnut = "Foo\tB-group\nBar\tI-group\nbaz\tB-product\n";
        let u = read(uner);
        assert_eq!(u[0].words, ["Kim", "met", "OpenAI"]);
        assert_eq!(u[0].labels, ["B-PER", "O", "B-MISC"]);
        let b = read(btc);
        assert_eq!(b[0].words, ["#MH17", "Kiev"]);
        assert_eq!(b[0].labels, ["O", "B-LOC"]);
        assert_eq!(read(wnut)[0].labels, ["B-ORG", "I-ORG", "B-MISC"]);
    }

    #[test]
    fn spans_follow_conlleval_and_scores_are_exact_match() {
        let g = vec!["B-PER", "I-PER", "O", "I-LOC", "B-ORG"];
        assert_eq!(
            spans(&g),
            vec![
                ("PER".into(), 0, 2),
                ("LOC".into(), 3, 4),
                ("ORG".into(), 4, 5)
            ]
        );
        let gold = vec![g.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        let pred = vec![["B-PER", "O", "O", "B-LOC", "B-ORG"]
            .map(String::from)
            .to_vec()];
        // PER is cut short, LOC and ORG are right.
        assert_eq!(score(&gold, &pred, &["PER", "ORG", "LOC"]), (2, 3, 3));
        assert_eq!(score(&gold, &pred, &["PER"]), (0, 1, 1));
    }
}
