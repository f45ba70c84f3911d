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

use std::collections::HashMap;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A trained model.
pub struct Crf {
    labels: Vec<String>,
    /// Weight of label `to` following label `from`, at `from * n + to`.
    transition: Vec<f64>,
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
            labels,
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
    /// marginal probability.
    pub fn tag(&self, words: &[&str]) -> Vec<(usize, f64)> {
        let n = self.labels.len();
        let t = words.len();
        if t == 0 {
            return Vec::new();
        }
        let mut score = vec![0.0; t * n];
        super::features::each(words, |i, f| {
            if let Some(&(a, b)) = self.features.get(&feature_hash(f)) {
                for &(label, w) in &self.weights[a as usize..b as usize] {
                    score[i * n + label as usize] += w;
                }
            }
        });
        let path = self.viterbi(&score, t);
        let marginals = self.marginals(&score, t);
        path.into_iter()
            .enumerate()
            .map(|(i, l)| (l, marginals[i * n + l]))
            .collect()
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
        let trans: Vec<f64> = self.transition.iter().map(|w| w.exp()).collect();
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
        crate::ner::features::each(&words, |i, f| {
            if let Some(&(a, b)) = crf.features.get(&feature_hash(f)) {
                for &(l, w) in &crf.weights[a as usize..b as usize] {
                    score[i * n + l as usize] += w;
                }
            }
        });
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
    fn a_broken_model_is_refused_with_the_line() {
        let err = Crf::parse("labels\tO\ns\tb\tX\t1.0\n")
            .err()
            .expect("unknown label");
        assert!(err.contains("line 2"), "{err}");
        assert!(Crf::parse("").is_err());
    }
}
