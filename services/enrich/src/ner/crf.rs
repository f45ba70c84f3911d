//! Tagging with a linear-chain CRF trained by CRFsuite, in Rust.
//!
//! The `crfsuite` crate trains the model (`newsflow-ner-train`); for tagging
//! it builds a C string and looks up a dictionary for each of the ~35
//! features of every word, which made named entities 85 % of the whole
//! enrichment (docs/benchmarks.md). The trained weights are therefore
//! exported to a text file (`data/ner.model`: labels, transition weights,
//! one line per feature and label) and scored here: features go straight
//! from a reused buffer into a hash lookup, then Viterbi for the labels and
//! forward–backward for each label's probability.

use super::features::{self, Prepared, NEIGHBOURS};
use crate::FastMap;

/// A trained model.
pub struct Crf {
    labels: Vec<String>,
    /// Index of the "O" (outside any name) label.
    outside: Option<usize>,
    /// Weight of label `to` following label `from`, at `from * n + to`.
    transition: Vec<f64>,
    /// The same, exponentiated (for forward–backward).
    transition_exp: Vec<f64>,
    /// Hash of a feature's text → its range in `weights`. Keys are 64-bit
    /// hashes, not strings: comparing strings on every hit was a tenth of
    /// the enrichment's time; two of the model's features sharing a hash is
    /// refused when loading, and a word's feature meeting a model feature's
    /// hash by chance has odds of about 40,000 in 2^64.
    features: FastMap<u64, (u32, u32)>,
    /// (label, weight) of every feature, grouped by feature.
    weights: Vec<(u16, f64)>,
}

impl Crf {
    /// Reads the text model: a `labels` line, `t FROM TO WEIGHT` lines and
    /// `s FEATURE LABEL WEIGHT` lines, tab-separated; `#` lines are comments.
    pub fn parse(text: &str) -> Result<Crf, String> {
        let mut labels: Vec<String> = Vec::new();
        let mut transitions = Vec::new();
        let mut state: FastMap<Box<str>, Vec<(u16, f64)>> = FastMap::default();
        for (n, line) in text.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = || format!("line {}: {line:?}", n + 1);
            match cols.as_slice() {
                ["labels", rest @ ..] => labels = rest.iter().map(|l| l.to_string()).collect(),
                ["t", from, to, w] => {
                    transitions.push((*from, *to, w.parse::<f64>().map_err(|_| bad())?))
                }
                ["s", f, label, w] => {
                    let label = labels.iter().position(|l| l == label).ok_or_else(bad)?;
                    state
                        .entry(Box::from(*f))
                        .or_default()
                        .push((label as u16, w.parse().map_err(|_| bad())?));
                }
                _ if line.starts_with('#') || line.is_empty() => {}
                _ => return Err(bad()),
            }
        }
        let n = labels.len();
        if n == 0 {
            return Err("no labels line".into());
        }
        let mut transition = vec![0.0; n * n];
        for (from, to, w) in transitions {
            let at = |l: &str| {
                labels
                    .iter()
                    .position(|x| x == l)
                    .ok_or(format!("unknown label {l}"))
            };
            transition[at(from)? * n + at(to)?] = w;
        }
        let mut weights = Vec::new();
        let mut features = FastMap::default();
        for (f, ws) in state {
            let range = (weights.len() as u32, (weights.len() + ws.len()) as u32);
            if features.insert(feature_hash(&f), range).is_some() {
                return Err(format!("two features share a hash: {f}"));
            }
            weights.extend(ws);
        }
        Ok(Crf {
            outside: labels.iter().position(|l| l == "O"),
            labels,
            transition_exp: transition.iter().map(|w| w.exp()).collect(),
            transition,
            features,
            weights,
        })
    }

    /// The label names, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The most likely labels of one sentence's words, each with its
    /// marginal probability (without a cache; see [`Tagger`]).
    pub fn tag(&self, words: &[&str]) -> Vec<(usize, f64)> {
        Tagger::new(self).tag(words)
    }

    /// Adds the weights of `feature` to `row` (one score per label).
    fn add(&self, feature: &str, row: &mut [f64]) {
        if let Some(&(a, b)) = self.features.get(&feature_hash(feature)) {
            for &(label, w) in &self.weights[a as usize..b as usize] {
                row[label as usize] += w;
            }
        }
    }

    fn viterbi(&self, score: &[f64], t: usize) -> Vec<usize> {
        let n = self.labels.len();
        let mut best = score[..n].to_vec();
        let mut back = vec![0usize; t * n];
        for i in 1..t {
            let mut next = vec![f64::NEG_INFINITY; n];
            for (to, slot) in next.iter_mut().enumerate() {
                for (from, b) in best.iter().enumerate() {
                    let s = b + self.transition[from * n + to];
                    if s > *slot {
                        *slot = s;
                        back[i * n + to] = from;
                    }
                }
                *slot += score[i * n + to];
            }
            best = next;
        }
        let mut label = (0..n).fold(0, |b, l| if best[l] > best[b] { l } else { b });
        let mut path = vec![0; t];
        for i in (0..t).rev() {
            path[i] = label;
            label = back[i * n + label];
        }
        path
    }

    /// The probability of each label at each position (forward–backward
    /// in scaled probabilities, as CRFsuite does: one exp per score, not
    /// one per pair of labels).
    fn marginals(&self, score: &[f64], t: usize) -> Vec<f64> {
        let n = self.labels.len();
        let trans = &self.transition_exp;
        // Each position's scores are shifted by their maximum before exp;
        // the shift cancels in the normalisation below.
        let mut state = vec![0.0; t * n];
        for i in 0..t {
            let row = &score[i * n..(i + 1) * n];
            let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for l in 0..n {
                state[i * n + l] = (row[l] - m).exp();
            }
        }
        let mut alpha = vec![0.0; t * n];
        let mut scale = vec![0.0; t];
        for i in 0..t {
            for to in 0..n {
                let incoming = if i == 0 {
                    1.0
                } else {
                    (0..n)
                        .map(|from| alpha[(i - 1) * n + from] * trans[from * n + to])
                        .sum()
                };
                alpha[i * n + to] = incoming * state[i * n + to];
            }
            let sum: f64 = alpha[i * n..(i + 1) * n].iter().sum();
            scale[i] = if sum > 0.0 { 1.0 / sum } else { 1.0 };
            alpha[i * n..(i + 1) * n]
                .iter_mut()
                .for_each(|a| *a *= scale[i]);
        }
        let mut beta = vec![0.0; t * n];
        beta[(t - 1) * n..]
            .iter_mut()
            .for_each(|b| *b = scale[t - 1]);
        for i in (0..t - 1).rev() {
            for from in 0..n {
                beta[i * n + from] = (0..n)
                    .map(|to| {
                        trans[from * n + to] * state[(i + 1) * n + to] * beta[(i + 1) * n + to]
                    })
                    .sum::<f64>()
                    * scale[i];
            }
        }
        (0..t * n)
            .map(|k| alpha[k] * beta[k] / scale[k / n])
            .collect()
    }
}

/// The text model [`Crf::parse`] reads, from the text CRFsuite's
/// `crfsuite dump` (`Model::dump_file`) writes of a trained model.
pub fn from_crfsuite_dump(dump: &str) -> String {
    let mut labels = Vec::new();
    let mut body = String::new();
    let mut section = "";
    for line in dump.lines() {
        if let Some(name) = line.strip_suffix(" = {") {
            section = name;
            continue;
        }
        let line = line.trim_start();
        match section {
            "LABELS" => {
                if let Some((_, l)) = line.split_once(": ") {
                    labels.push(l.to_string());
                }
            }
            "TRANSITIONS" | "STATE_FEATURES" => {
                // "(1) FROM --> TO: WEIGHT"; a feature may itself hold "-->"
                // but never ": " or a space.
                let Some((rest, w)) = line.rsplit_once(": ") else {
                    continue;
                };
                let Some((from, to)) = rest
                    .split_once(") ")
                    .and_then(|(_, r)| r.rsplit_once(" --> "))
                else {
                    continue;
                };
                let kind = if section == "TRANSITIONS" { "t" } else { "s" };
                body.push_str(&format!("{kind}\t{from}\t{to}\t{w}\n"));
            }
            _ => {}
        }
    }
    format!(
        "# Named-entity model of newsflow-enrich: a linear-chain CRF trained by CRFsuite\n\
         # (newsflow-ner-train; data/README.md). Tab-separated: the labels; t FROM TO WEIGHT;\n\
         # s FEATURE LABEL WEIGHT.\nlabels\t{}\n{body}",
        labels.join("\t")
    )
}

/// Most words cached by a [`Tagger`] before it starts over (~400 bytes
/// each, so ~20 MB at most).
const CACHE_WORDS: usize = 50_000;

/// Tags with one model, remembering per word the summed scores of its own
/// features ([`Prepared::local`]) and of those it lends its neighbours
/// ([`Prepared::as_neighbour`]) — all but the pair and gazetteer features:
/// news repeat their words, so most are looked up once. One per thread.
pub struct Tagger<'a> {
    crf: &'a Crf,
    /// Word → its own scores, then its scores as the neighbour at each of
    /// [`NEIGHBOURS`] (5 rows of one score per label).
    cache: FastMap<String, Box<[f64]>>,
    /// Scores of the sentence's ends at each of [`NEIGHBOURS`].
    edges: Vec<f64>,
}

impl<'a> Tagger<'a> {
    /// A tagger with an empty cache.
    pub fn new(crf: &'a Crf) -> Self {
        let n = crf.labels.len();
        let mut edges = vec![0.0; NEIGHBOURS.len() * n];
        for (row, d) in edges.chunks_mut(n).zip(NEIGHBOURS) {
            features::edge(d, |f| crf.add(f, row));
        }
        Tagger {
            crf,
            cache: FastMap::default(),
            edges,
        }
    }

    /// The most likely labels of one sentence's words, each with its
    /// marginal probability — except in a sentence tagged without any name,
    /// where forward–backward is skipped and every "O" is given 1.
    pub fn tag(&mut self, words: &[&str]) -> Vec<(usize, f64)> {
        let crf = self.crf;
        let n = crf.labels.len();
        let t = words.len();
        if t == 0 {
            return Vec::new();
        }
        if self.cache.len() > CACHE_WORDS {
            self.cache.clear();
        }
        let p = Prepared::new(words);
        // Per distinct word: its own features' scores, then what it gives
        // the word it is at offset −2, −1, 1 and 2 from.
        for (j, word) in words.iter().enumerate() {
            if !self.cache.contains_key(*word) {
                let mut sums = vec![0.0; 5 * n];
                let (own, around) = sums.split_at_mut(n);
                p.local(j, |f| crf.add(f, own));
                for (row, d) in around.chunks_mut(n).zip(NEIGHBOURS) {
                    p.as_neighbour(j, d, |f| crf.add(f, row));
                }
                self.cache.insert(word.to_string(), sums.into_boxed_slice());
            }
        }
        // Each word's cached rows, looked up once.
        let cached: Vec<&[f64]> = words.iter().map(|w| &*self.cache[*w]).collect();
        let mut score = vec![0.0; t * n];
        for (i, row) in score.chunks_mut(n).enumerate() {
            row.copy_from_slice(&cached[i][..n]);
            for (k, d) in NEIGHBOURS.into_iter().enumerate() {
                let from = if p.is_edge(i, d) {
                    &self.edges[k * n..(k + 1) * n]
                } else {
                    let j = (i as isize + d) as usize;
                    &cached[j][(k + 1) * n..(k + 2) * n]
                };
                row.iter_mut().zip(from).for_each(|(r, e)| *r += e);
            }
            p.context(i, |f| crf.add(f, row));
        }
        let path = crf.viterbi(&score, t);
        if path.iter().all(|&l| Some(l) == crf.outside) {
            // Probabilities are read for names only; most sentences have none.
            return path.into_iter().map(|l| (l, 1.0)).collect();
        }
        let marginals = crf.marginals(&score, t);
        path.into_iter()
            .enumerate()
            .map(|(i, l)| (l, marginals[i * n + l]))
            .collect()
    }
}

fn feature_hash(feature: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6e66_6e65_7273_0001).hash_one(feature)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two labels; "w=kim" favours N, and N after N is likely.
    const TINY: &str = "labels\tO\tN\nt\tO\tO\t0.5\nt\tN\tN\t1.0\nt\tO\tN\t-0.5\nt\tN\tO\t0\ns\tw=kim\tN\t2.0\ns\tw=kim\tO\t-1.0\ns\tb\tO\t0.3\n";

    #[test]
    fn viterbi_and_marginals_agree_with_brute_force() {
        let crf = Crf::parse(TINY).expect("valid model");
        let words = ["kim", "yo", "kim"];
        let tagged = crf.tag(&words);
        // Brute force over all 2^3 paths.
        let n = 2;
        let mut score = vec![0.0; 3 * n];
        crate::ner::features::each(&words, |i, f| crf.add(f, &mut score[i * n..(i + 1) * n]));
        let mut paths = Vec::new();
        for p in 0..8usize {
            let path: Vec<usize> = (0..3).map(|i| (p >> i) & 1).collect();
            let mut s = (0..3).map(|i| score[i * n + path[i]]).sum::<f64>();
            s += (1..3)
                .map(|i| crf.transition[path[i - 1] * n + path[i]])
                .sum::<f64>();
            paths.push((path, s));
        }
        let z: f64 = paths.iter().map(|(_, s)| s.exp()).sum();
        let best = paths
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("paths");
        assert_eq!(tagged.iter().map(|(l, _)| *l).collect::<Vec<_>>(), best.0);
        for (i, (l, p)) in tagged.iter().enumerate() {
            let want: f64 = paths
                .iter()
                .filter(|(path, _)| path[i] == *l)
                .map(|(_, s)| s.exp())
                .sum::<f64>()
                / z;
            assert!((p - want).abs() < 1e-9, "position {i}: {p} vs {want}");
        }
    }

    #[test]
    fn a_model_trained_by_crfsuite_tags_the_same_here() {
        use crfsuite::{Algorithm, GraphicalModel, Model, Trainer};
        let train: &[(&str, &str)] = &[
            ("Kim met Lee in Seoul .", "B-PER O B-PER O B-LOC O"),
            (
                "Park Ji-sung played for Manchester United .",
                "B-PER I-PER O O B-ORG I-ORG O",
            ),
            ("The bank in Busan opened .", "O O O B-LOC O O"),
            ("Samsung hired Choi .", "B-ORG O B-PER O"),
            ("They flew to Tokyo and Osaka .", "O O O B-LOC O B-LOC O"),
            (
                "Moon Jae-in visited Samsung in Suwon .",
                "B-PER I-PER O B-ORG O B-LOC O",
            ),
        ];
        let mut trainer = Trainer::new(false);
        trainer
            .select(Algorithm::LBFGS, GraphicalModel::CRF1D)
            .expect("lbfgs");
        trainer.set("max_iterations", "50").expect("set");
        for (text, labels) in train {
            let words: Vec<&str> = text.split(' ').collect();
            let labels: Vec<&str> = labels.split(' ').collect();
            trainer
                .append(&crate::ner::features::sentence(&words), &labels, 0)
                .expect("append");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tiny.crfsuite");
        trainer
            .train(path.to_str().expect("UTF-8"), -1)
            .expect("train");
        let model = Model::from_file(path.to_str().expect("UTF-8")).expect("model");
        let dump = dir.path().join("tiny.dump");
        model.dump_file(&dump).expect("dump");
        let ours = Crf::parse(&from_crfsuite_dump(
            &std::fs::read_to_string(&dump).expect("dump"),
        ))
        .expect("exported model parses");
        let mut theirs = model.tagger().expect("tagger");
        // One tagger for all sentences: its per-word cache must not change a thing.
        let mut reused = Tagger::new(&ours);
        for text in [
            "Lee met Kim in Busan .",
            "Choi played for Samsung in Tokyo and Seoul .",
            "They opened .",
            "Park Ji-sung visited Osaka .",
        ] {
            let words: Vec<&str> = text.split(' ').collect();
            let want = theirs
                .tag(&crate::ner::features::sentence(&words))
                .expect("tag");
            let got: Vec<&str> = ours
                .tag(&words)
                .into_iter()
                .map(|(l, _)| ours.labels()[l].as_str())
                .collect();
            assert_eq!(got, want, "{text}");
            assert_eq!(reused.tag(&words), ours.tag(&words), "{text}, cached");
            // And CRFsuite's probability of each name's label.
            for (i, (l, p)) in ours.tag(&words).into_iter().enumerate() {
                if ours.labels()[l] != "O" {
                    let q = theirs
                        .marginal(&ours.labels()[l], i as i32)
                        .expect("marginal");
                    assert!((p - q).abs() < 1e-6, "{text} word {i}: {p} vs {q}");
                }
            }
        }
    }

    #[test]
    fn a_broken_model_is_refused_with_the_line() {
        let err = Crf::parse("labels\tO\ns\tb\tX\t1.0\n")
            .err()
            .expect("unknown label");
        assert!(err.contains("line 2"), "{err}");
        assert!(Crf::parse("").is_err());
    }
}
