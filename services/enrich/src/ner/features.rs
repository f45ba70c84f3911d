//! What the tagger sees of each word: the word itself, its shape and
//! affixes, how common it is in English, its neighbours, and whether it or
//! the words around it are known place, organisation or person names,
//! nationality words, personal titles or words that end organisation and
//! place names. Training and tagging both call [`each`], so the model and
//! the service can never disagree on a feature's spelling.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use crate::FastMap;

type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// Kind of a gazetteer entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    Place,
    Nationality,
    Organisation,
}

/// Multi-word names as token sequences joined by one space.
struct Gazetteer {
    names: FastMap<String, Known>,
    /// The same names in lower case.
    lower: FastSet<String>,
    /// Lower-cased first words of all names: a match can start only there.
    first: FastSet<String>,
    longest: usize,
}

/// The words of a name as the tokenizer cuts them ("Guinea-Bissau" →
/// "Guinea", "-", "Bissau"), as gazetteer names are matched.
pub fn words_of(name: &str) -> Vec<&str> {
    super::tokens::sentences(name)
        .concat()
        .iter()
        .map(|t| &name[t.start..t.end])
        .collect()
}

/// `words` (as the tokenizer cuts them) are a place the gazetteer knows
/// (GeoNames places, countries and capitals).
pub fn is_known_place(words: &[&str]) -> bool {
    known(words) == Some(Known::Place)
}

/// `words` are a place the gazetteer knows or a country's name
/// ([`crate::countries::is_country`]: also in capitals, "PANAMA", and the
/// home nations).
pub fn is_known_place_or_country(words: &[&str]) -> bool {
    is_known_place(words) || crate::countries::is_country(&words.join(" "))
}

/// The kind of the gazetteer name `words` (as the tokenizer cuts them) are.
fn known(words: &[&str]) -> Option<Known> {
    GAZETTEER.names.get(words.join(" ").as_str()).copied()
}

/// `words` are a name the gazetteer knows: a place, an organisation or a
/// nationality.
pub fn is_known_name(words: &[&str]) -> bool {
    GAZETTEER.names.contains_key(words.join(" ").as_str())
}

/// `words` are an organisation of the well-known organisations list.
pub fn is_known_organisation(words: &[&str]) -> bool {
    known(words) == Some(Known::Organisation)
}

/// `word`, in lower case, is a title cue word ("mr", "president",
/// "chairman"): it stands before a person's name.
pub fn is_title_cue(word: &str) -> bool {
    CUES.get(word) == Some(&"title")
}

/// `name`, as written, is a given name or surname of the people-names list.
pub fn is_person_name(name: &str) -> bool {
    PERSON_NAMES.contains(name)
}

/// The Zipf frequency of a lower-case English word (wordfreq), when it is
/// among the common ones.
pub fn zipf(word: &str) -> Option<f32> {
    FREQUENCY.get(word).copied()
}

/// The lines of a shipped data file, without comments and blank lines.
pub(super) fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut names = FastMap::default();
    let mut add = |name: &str, kind: Known| {
        let words = words_of(name);
        if !words.is_empty() {
            names.entry(words.join(" ")).or_insert(kind);
        }
    };
    for line in lines(include_str!("../../data/places.tsv")) {
        add(line.split('\t').next().unwrap_or(line), Known::Place);
    }
    for line in lines(include_str!("../../data/organisations.txt")) {
        add(line, Known::Organisation);
    }
    for line in lines(include_str!("../../data/countries.tsv")) {
        match line.split('\t').collect::<Vec<_>>().as_slice() {
            [_, "demonym", text] => text.split(", ").for_each(|d| add(d, Known::Nationality)),
            [_, "name" | "capital" | "common", text] => add(text, Known::Place),
            _ => {}
        }
    }
    let lower: FastSet<String> = names.keys().map(|n| n.to_lowercase()).collect();
    let first = lower
        .iter()
        .filter_map(|n| n.split(' ').next())
        .map(str::to_string)
        .collect();
    let longest = names
        .keys()
        .map(|n| n.split(' ').count())
        .max()
        .unwrap_or(1);
    Gazetteer {
        names,
        lower,
        first,
        longest,
    }
});

/// Given names and surnames (@cspell/dict-people-names, MIT), as written.
static PERSON_NAMES: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/person_names.txt")).collect());

/// The same in lower case.
static PERSON_NAMES_LOWER: LazyLock<FastSet<String>> =
    LazyLock::new(|| PERSON_NAMES.iter().map(|n| n.to_lowercase()).collect());

/// Feature names of the half-Zipf frequency steps ("f=3.5"), by step.
static FREQUENCY_STEPS: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..=20)
        .map(|s| format!("f={}", f64::from(s) / 2.0))
        .collect()
});

/// Zipf frequency of common English words (wordfreq, CC BY-SA 4.0).
static FREQUENCY: LazyLock<FastMap<&'static str, f32>> = LazyLock::new(|| {
    lines(include_str!("../../data/word_frequency.tsv"))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(w, z)| Some((w, z.parse().ok()?)))
        .collect()
});

/// Cue words by kind: "title" (before a person's name), "organisation"
/// (in organisation names), "place" (ending place names).
static CUES: LazyLock<FastMap<&'static str, &'static str>> = LazyLock::new(|| {
    lines(include_str!("../../data/cue_words.tsv"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(kind, word)| (word, kind))
        .collect()
});

/// The word's shape: X for an upper-case letter, x lower, d digit, the
/// character itself otherwise, runs collapsed ("Yoon" → "Xx", "3.5" → "d.d").
fn shape(word: &str) -> String {
    let mut s = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if !s.ends_with(k) {
            s.push(k);
        }
    }
    s
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// For each word, (first word?, kind) of the longest gazetteer name
/// covering it, matched exactly, and (first word?) of a name matched in
/// lower case.
type GazetteerMarks = (Vec<Option<(bool, Known)>>, Vec<Option<bool>>);

fn gazetteer(words: &[&str], lower_words: &[Cow<str>]) -> GazetteerMarks {
    let g = &*GAZETTEER;
    let mut exact = vec![None; words.len()];
    let mut lower = vec![None; words.len()];
    let mut key = String::new();
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        if g.first.contains(lower_words[i].as_ref()) {
            for n in (1..=g.longest.min(words.len() - i)).rev() {
                key.clear();
                for (j, w) in words[i..i + n].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(kind) = g.names.get(key.as_str()) {
                    for (j, e) in exact[i..i + n].iter_mut().enumerate() {
                        *e = Some((j == 0, *kind));
                    }
                    matched = n;
                    break;
                }
                if lower[i].is_none() && g.lower.contains(&key.to_lowercase()) {
                    for (j, l) in lower[i..i + n].iter_mut().enumerate() {
                        *l = Some(j == 0);
                    }
                }
            }
        }
        i += matched.max(1);
    }
    (exact, lower)
}

/// Offsets -2..=2 as written in feature names.
const OFFSETS: [&str; 5] = ["-2", "-1", "0", "1", "2"];

/// One sentence, prepared for feature extraction.
pub struct Prepared<'a> {
    words: &'a [&'a str],
    lower: Vec<Cow<'a, str>>,
    shapes: Vec<String>,
    exact: Vec<Option<(bool, Known)>>,
    lower_gazetteer: Vec<Option<bool>>,
}

/// Builds one feature name from pieces (pushed, not formatted: formatting
/// was a twentieth of the enrichment's time) and hands it to `emit`.
fn put(buf: &mut String, emit: &mut impl FnMut(&str), parts: &[&str]) {
    buf.clear();
    parts.iter().for_each(|p| buf.push_str(p));
    emit(buf);
}

fn at<S: AsRef<str>>(v: &[S], i: isize) -> &str {
    if i < 0 {
        "<s>"
    } else {
        v.get(i as usize).map_or("</s>", AsRef::as_ref)
    }
}

impl<'a> Prepared<'a> {
    /// Lower-cases, shapes and gazetteer matches of the words.
    pub fn new(words: &'a [&'a str]) -> Self {
        let lower: Vec<Cow<str>> = words.iter().map(|w| crate::lower(w)).collect();
        let shapes = words.iter().map(|w| shape(w)).collect();
        let (exact, lower_gazetteer) = gazetteer(words, &lower);
        Prepared {
            words,
            lower,
            shapes,
            exact,
            lower_gazetteer,
        }
    }

    /// The features of word `i` that depend on that word alone (the same
    /// wherever it occurs, so a tagger may cache their sum per word).
    pub fn local(&self, i: usize, mut emit: impl FnMut(&str)) {
        let mut buf = String::with_capacity(32);
        let word = self.words[i];
        let w = self.lower[i].as_ref();
        let mut put = |parts: &[&str]| put(&mut buf, &mut emit, parts);
        put(&["b"]);
        put(&["w=", w]);
        put(&["s=", &self.shapes[i]]);
        let chars = w.chars().count();
        for n in 1..=3 {
            if chars > n {
                let end = w.char_indices().nth(n).map_or(w.len(), |(b, _)| b);
                put(&[["p1=", "p2=", "p3="][n - 1], &w[..end]]);
            }
        }
        for n in 2..=4 {
            if chars > n {
                let start = w.char_indices().nth(chars - n).map_or(0, |(b, _)| b);
                put(&[["x2=", "x3=", "x4="][n - 2], &w[start..]]);
            }
        }
        let upper = starts_upper(word);
        let all_upper = word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !word.chars().any(char::is_lowercase);
        if upper && !all_upper {
            put(&["T"]);
        }
        if all_upper {
            put(&["U"]);
        }
        // How common the word is, in half-Zipf steps: a capitalised word
        // that is rare in English is more often a name.
        let zipf = FREQUENCY.get(w);
        match zipf {
            Some(z) => put(&[&FREQUENCY_STEPS[((z * 2.0).floor() as usize).min(20)]]),
            None => put(&["f=rare"]),
        }
        if upper {
            match zipf {
                Some(z) if *z >= 4.0 => put(&["T:common"]),
                Some(_) => put(&["T:known"]),
                None => put(&["T:rare"]),
            }
        }
        if PERSON_NAMES.contains(word) {
            put(&["pn0"]);
        } else if !upper && PERSON_NAMES_LOWER.contains(w) {
            put(&["pn-lc"]);
        }
        if let Some(kind) = CUES.get(w) {
            put(&[cue_name(kind), "0"]);
        }
    }

    /// The features word `i` gets from the word at offset `d` (−2, −1, 1
    /// or 2) from it: that word, its shape, whether it is a person's name
    /// or a cue word; past the sentence's ends, "<s>" or "</s>".
    pub fn neighbour(&self, i: usize, d: isize, emit: impl FnMut(&str)) {
        if self.is_edge(i, d) {
            edge(d, emit)
        } else {
            self.as_neighbour((i as isize + d) as usize, d, emit)
        }
    }

    /// The features word `j` gives the word it is at offset `d` from. They
    /// depend on word `j` alone, so a tagger may cache their sum per word.
    pub fn as_neighbour(&self, j: usize, d: isize, mut emit: impl FnMut(&str)) {
        let mut buf = String::with_capacity(32);
        let mut put = |parts: &[&str]| put(&mut buf, &mut emit, parts);
        let (w, s) = neighbour_names(d);
        put(&[w, &self.lower[j]]);
        if let Some(s) = s {
            put(&[s, &self.shapes[j]]);
        }
        let offset = OFFSETS[(d + 2) as usize];
        if d.abs() == 1 && PERSON_NAMES.contains(self.words[j]) {
            put(&["pn", offset]);
        }
        if let Some(kind) = CUES.get(self.lower[j].as_ref()) {
            put(&[cue_name(kind), offset]);
        }
    }

    /// Whether the word at offset `d` from word `i` lies past the sentence's ends.
    pub fn is_edge(&self, i: usize, d: isize) -> bool {
        let j = i as isize + d;
        j < 0 || j as usize >= self.words.len()
    }

    /// The features of word `i` that depend on its place or on two words
    /// at once: first word, neighbouring pairs, gazetteer matches.
    pub fn context(&self, i: usize, mut emit: impl FnMut(&str)) {
        let mut buf = String::with_capacity(64);
        let (lower, shapes) = (&self.lower, &self.shapes);
        let ii = i as isize;
        let w = lower[i].as_ref();
        let mut put = |parts: &[&str]| put(&mut buf, &mut emit, parts);
        if i == 0 {
            put(&[if starts_upper(self.words[0]) {
                "first:T"
            } else {
                "first"
            }]);
        }
        put(&["s-1|s=", at(shapes, ii - 1), "|", &shapes[i]]);
        put(&["s|s+1=", &shapes[i], "|", at(shapes, ii + 1)]);
        put(&["w-1|w=", at(lower, ii - 1), "|", w]);
        put(&["w|w+1=", w, "|", at(lower, ii + 1)]);
        if let Some((first, kind)) = self.exact[i] {
            let k = match kind {
                Known::Place => "gp",
                Known::Nationality => "gn",
                Known::Organisation => "go",
            };
            put(&[k, "=", if first { "B" } else { "I" }]);
        }
        if let Some(first) = self.lower_gazetteer[i] {
            put(&["gl=", if first { "B" } else { "I" }]);
        }
    }
}

/// The offsets [`Prepared::neighbour`] takes.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// Feature name prefixes of the word and the shape at offset `d`.
fn neighbour_names(d: isize) -> (&'static str, Option<&'static str>) {
    match d {
        -2 => ("w-2=", None),
        -1 => ("w-1=", Some("s-1=")),
        1 => ("w+1=", Some("s+1=")),
        _ => ("w+2=", None),
    }
}

/// The features a word gets at offset `d` when the sentence ends there.
pub fn edge(d: isize, mut emit: impl FnMut(&str)) {
    let mut buf = String::with_capacity(16);
    let mut put = |parts: &[&str]| put(&mut buf, &mut emit, parts);
    let edge = if d < 0 { "<s>" } else { "</s>" };
    let (w, s) = neighbour_names(d);
    put(&[w, edge]);
    if let Some(s) = s {
        put(&[s, edge]);
    }
}

fn cue_name(kind: &str) -> &'static str {
    match kind {
        "title" => "ttl",
        "organisation" => "org",
        _ => "plc",
    }
}

/// Calls `emit(i, feature)` for every feature of every word `i` of one
/// sentence. The feature text is only valid during the call.
pub fn each(words: &[&str], mut emit: impl FnMut(usize, &str)) {
    let p = Prepared::new(words);
    for i in 0..words.len() {
        p.local(i, |f| emit(i, f));
        for d in NEIGHBOURS {
            p.neighbour(i, d, |f| emit(i, f));
        }
        p.context(i, |f| emit(i, f));
    }
}

/// The features of every word of one sentence, as CRFsuite attributes (for
/// training).
pub fn sentence(words: &[&str]) -> Vec<crfsuite::Item> {
    let mut out: Vec<crfsuite::Item> = vec![Vec::new(); words.len()];
    each(words, |i, f| {
        // CRFsuite takes C strings: a NUL in the text would end (and, in
        // the binding, panic on) a feature name.
        out[i].push(crfsuite::Attribute::new(f.replace('\0', "\u{FFFD}"), 1.0));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(words: &[&str], i: usize) -> Vec<String> {
        let mut out = Vec::new();
        each(words, |j, f| {
            if j == i {
                out.push(f.to_string());
            }
        });
        out
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Yoon"), "Xx");
        assert_eq!(shape("Suk-yeol"), "Xx-x");
        assert_eq!(shape("3.5"), "d.d");
        assert_eq!(shape("NATO"), "X");
    }

    #[test]
    fn gazetteer_and_lexicon_features_mark_the_right_words() {
        let words = [
            "President",
            "Yoon",
            "visited",
            "New",
            "York",
            "with",
            "South",
            "Korean",
            "Air",
            "Force",
            "officials",
            "of",
            "NATO",
        ];
        let yoon = names(&words, 1);
        for f in [
            "ttl-1",
            "T",
            "pn0",
            "w=yoon",
            "p2=yo",
            "x3=oon",
            "w-1=president",
        ] {
            assert!(yoon.contains(&f.to_string()), "{f} not in {yoon:?}");
        }
        assert!(names(&words, 3).contains(&"gp=B".to_string()));
        assert!(names(&words, 4).contains(&"gp=I".to_string()));
        assert!(names(&words, 6).contains(&"gn=B".to_string()));
        assert!(
            names(&words, 8).contains(&"org1".to_string()),
            "Force follows Air"
        );
        assert!(names(&words, 12).contains(&"go=B".to_string()));
        assert!(!names(&words, 2).iter().any(|n| n.starts_with("gp")));
        let visited = names(&words, 2);
        assert!(
            visited.iter().any(|n| n.starts_with("f=") && n != "f=rare"),
            "a common word has its frequency step: {visited:?}"
        );
    }

    #[test]
    fn a_nul_in_the_text_does_not_reach_crfsuite() {
        let items = sentence(&["a\0b"]);
        assert!(items[0].iter().all(|a| !a.name.contains('\0')));
    }
}
