//! Text fingerprints: normalised words, shingles, a stable 64-bit hash,
//! MinHash signatures and their LSH bands.
//!
//! Near-duplicates are found with MinHash over 5-word shingles of the body:
//! the share of equal signature slots estimates the Jaccard similarity of
//! the shingle sets, and with the sets' sizes also the containment (how much
//! of the shorter text is in the longer one), which is what a truncated copy
//! keeps. Bands of 3 slots make candidates of pairs with Jaccard ≥ ~0.3 with
//! high probability (1 - (1 - J³)^40: 0.66 at 0.3, 0.995 at 0.5).

/// Words per shingle for near-duplicate detection.
pub const SHINGLE: usize = 5;
/// Signature slots.
pub const SLOTS: usize = 120;
/// Slots per LSH band.
pub const ROWS: usize = 3;
/// LSH bands.
pub const BANDS: usize = SLOTS / ROWS;

/// Lower-cased words (Unicode letters and digits), each Han/kana character
/// a word of its own.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if newsflow_contracts::text::is_han_or_kana(c) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// FNV-1a, 64 bits: stable across builds and machines (the standard
/// library's hasher is not), so replicas and restarts agree.
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a of `words` joined by single spaces, without joining them: the
/// same value as `hash64(words.join(" ").as_bytes())`, and no allocation
/// per shingle (a third of the stage's own time went to those joins).
pub fn hash_joined<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut step = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for (i, w) in words.into_iter().enumerate() {
        if i > 0 {
            step(b' ');
        }
        w.as_ref().bytes().for_each(&mut step);
    }
    h
}

/// A 64-bit mixer (splitmix64 finaliser): one cheap permutation per slot.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the distinct `n`-word shingles of `words` (a text shorter than
/// `n` words is one shingle).
pub fn shingles(words: &[String], n: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if words.len() < n {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_joined(words)]
        }
    } else {
        words.windows(n).map(hash_joined).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The words of each paragraph (line) of a body, empty paragraphs left
/// out. Their concatenation is [`words`] of the whole body.
pub fn paragraphs(body: &str) -> Vec<Vec<String>> {
    body.split('\n')
        .map(words)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Hashes of the distinct `n`-word shingles of a body's paragraphs, taken
/// within each paragraph, so paragraphs moved around keep their shingles.
pub fn paragraph_shingles(paragraphs: &[Vec<String>], n: usize) -> Vec<u64> {
    let mut out: Vec<u64> = paragraphs.iter().flat_map(|w| shingles(w, n)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Each slot's seed: the slot's number times the golden-ratio constant.
const SEEDS: [u64; SLOTS] = {
    let mut seeds = [0; SLOTS];
    let mut i = 0;
    while i < SLOTS {
        seeds[i] = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        i += 1;
    }
    seeds
};

/// The MinHash signature of a shingle set ([`SLOTS`] slots).
pub fn signature(shingles: &[u64]) -> Vec<u64> {
    let mut sig = [u64::MAX; SLOTS];
    for &s in shingles {
        for (slot, seed) in sig.iter_mut().zip(SEEDS) {
            *slot = (*slot).min(mix(s ^ seed));
        }
    }
    sig.to_vec()
}

/// The LSH band keys of a signature cut into bands of `rows` slots: band
/// index and a hash of its slots.
pub fn bands(sig: &[u64], rows: usize) -> Vec<String> {
    sig.chunks(rows)
        .enumerate()
        .map(|(i, rows)| {
            let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
            format!("{i}:{:016x}", hash64(&bytes))
        })
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Estimated containment of the smaller set in the larger, from the
/// Jaccard estimate and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J).
pub fn containment(j: f64, size_a: usize, size_b: usize) -> f64 {
    let small = size_a.min(size_b);
    if small == 0 {
        return 0.0;
    }
    let shared = j * (size_a + size_b) as f64 / (1.0 + j);
    (shared / small as f64).min(1.0)
}

/// The exact-content hash: the body's words, normalised, hashed.
pub fn content_hash<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    format!("{:016x}", hash_joined(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig_of(text: &str) -> (Vec<u64>, usize) {
        let s = shingles(&words(text), SHINGLE);
        (signature(&s), s.len())
    }

    fn text(n: usize, seed: u64) -> String {
        (0..n)
            .map(|i| format!("w{}", mix(i as u64 ^ seed) % 5000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn words_are_normalised() {
        assert_eq!(words("The CAT, the cat!"), ["the", "cat", "the", "cat"]);
        assert_eq!(words("東京で"), ["東", "京", "で"]);
    }

    #[test]
    fn estimates_track_the_truth() {
        let a = text(600, 1);
        let (sa, na) = sig_of(&a);
        assert_eq!(jaccard(&sa, &sa), 1.0);
        // Half of the text: Jaccard about 0.5, containment about 1.
        let half: String = a.split(' ').take(300).collect::<Vec<_>>().join(" ");
        let (sh, nh) = sig_of(&half);
        let j = jaccard(&sa, &sh);
        assert!((0.35..0.65).contains(&j), "{j}");
        assert!(containment(j, na, nh) > 0.8);
        // An unrelated text: near zero.
        let (sb, _) = sig_of(&text(600, 2));
        assert!(jaccard(&sa, &sb) < 0.1);
    }

    #[test]
    fn similar_texts_share_a_band_and_stable_hashes_do_not_move() {
        let a = text(400, 3);
        let b = format!("{a} one more closing sentence added by another site");
        let (sa, _) = sig_of(&a);
        let (sb, _) = sig_of(&b);
        let ba = bands(&sa, ROWS);
        let bb = bands(&sb, ROWS);
        assert!(ba.iter().any(|x| bb.contains(x)));
        // Pinned: the stored state of other replicas depends on these values.
        assert_eq!(hash64(b"newsflow"), 0x9e28b979b746d552);
    }

    #[test]
    fn joined_hashes_are_the_hashes_of_the_joined_text() {
        for ws in [&[][..], &["one"], &["one", "two", "three"], &["", "a", ""]] {
            assert_eq!(hash_joined(ws), hash64(ws.join(" ").as_bytes()), "{ws:?}");
        }
        // Pinned like hash64: band keys and content hashes are stored.
        assert_eq!(content_hash(["new", "york"]), "a361ce1f22a20d88");
    }
}
