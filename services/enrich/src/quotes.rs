//! Quotations and who said them, from English news text: direct quotes in
//! quotation marks (“…,” she said / said Kim / Kim told reporters: “…”)
//! and indirect speech (Kim said that …). A pronoun speaker ("he said") is
//! resolved to the nearest fitting named speaker before it; a surname or a
//! titled short form ("Yoon", "President Yoon") to the fullest form named
//! earlier ("Yoon Suk-yeol"). Rules, not a model: every pattern is here.
//!
//! Offsets are Unicode scalar values into the text, as everywhere in the
//! enrichment.

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;
use regex_automata::meta;

use crate::mentions::CharIndex;

/// One quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub text: String,
    /// [start, end) of `text`, in characters.
    pub span: (usize, usize),
    /// The speaker at their fullest known form; empty when unknown.
    pub speaker: String,
    /// [start, end) of the attribution's name or pronoun, in characters.
    pub speaker_span: Option<(usize, usize)>,
    /// "direct" or "indirect".
    pub kind: &'static str,
    /// Resolved from a pronoun.
    pub from_pronoun: bool,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

/// Verbs that attribute speech.
const VERBS: &str = "said|says|say|added|adds|told|tells|explained|explains|noted|notes|asked|asks|wrote|writes|continued|continues|stated|states|argued|argues|insisted|insists|warned|warns|recalled|recalls|admitted|admits|acknowledged|acknowledges|declared|declares|announced|announces|replied|replies|responded|remarked|commented|claimed|claims|cautioned|emphasized|emphasised|stressed|stresses|conceded|predicted|concluded|observed|urged|urges|suggested|suggests";

/// Titles that may precede a name ("President Yoon", "Dr. Kim").
const TITLES: &str = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St)\.?|President|Prime\s+Minister|Minister|Chancellor|Secretary|Chairman|Chairwoman|Chair|Governor|Mayor|Senator|Judge|Justice|Pope|King|Queen|Prince|Princess|Professor|Coach|Director|Commissioner|Ambassador|Spokesman|Spokeswoman|Spokesperson)";

/// One capitalised word of a name, or an initial ("J."). A word never ends
/// in a full stop otherwise, so a name does not run across sentences.
const NAME_WORD: &str = r"(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]*)";

/// A name: one to four capitalised words on one line (particles allowed
/// inside), optionally after a title.
fn name_pattern() -> String {
    format!(
        r"(?:{TITLES}[ \t]+)?{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|de|van|von|der|bin|al|da|la|le)){{0,3}}"
    )
}

/// A name in running text, organisations' "of the" and "and" included when
/// a capitalised word follows ("Ministry of the Interior and Safety").
fn mention_pattern() -> String {
    format!(r"{NAME_WORD}(?:[ \t]+(?:(?:of|for|and)(?:[ \t]+the)?[ \t]+)?{NAME_WORD}){{0,5}}")
}

/// A role phrase used as speaker: "the spokesman", "a ministry official".
const ROLE: &str = r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+){0,2}(?:spokesman|spokeswoman|spokesperson|official|officials|statement|ministry|company|police|agency|government|office|department|source|sources|report|minister|president|lawyer|analyst|analysts|expert|experts|researcher|researchers)(?:\s+(?:for|of|at)\s+(?:the\s+)?\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){0,5})?";

const PRONOUNS: &str = "he|she|they|it|we|I";

/// Text right after a closing mark: `, said Kim` / `, Kim said` / `, he said`.
static AFTER: LazyLock<meta::Regex> = LazyLock::new(|| {
    let name = name_pattern();
    nfa_regex(&format!(
        r"^[\s,]*(?:(?:{VERBS})\s+(?P<n1>{name}|{ROLE})|(?:(?:the|a|an|his|her|their)\s+[\p{{L}} \-]{{1,40}}?,\s+)?(?P<n2>{name}|{ROLE}|(?i:{PRONOUNS})),?\s+(?:{VERBS}))\b"
    ))
});

/// Text right before an opening mark: `Kim said: ` / `he told reporters, `.
/// (One regex with [`ACCORDING_BEFORE`] as its other branch was dearer:
/// only stretches with a speech verb need this one.)
static SAID_BEFORE: LazyLock<meta::Regex> = LazyLock::new(|| {
    let name = name_pattern();
    nfa_regex(&format!(
        r"(?P<n>{name}|{ROLE}|(?i:{PRONOUNS}))\s+(?:{VERBS})(?:\s+[\p{{L}}-]+){{0,5}}\s*[:,]?\s*$"
    ))
});

/// Text right before an opening mark: `According to Kim, `.
static ACCORDING_BEFORE: LazyLock<meta::Regex> = LazyLock::new(|| {
    let name = name_pattern();
    nfa_regex(&format!(
        r"(?i:according\s+to)\s+(?P<n>{name}|{ROLE})(?:,[^,“”\x22]{{1,80}})?\s*[:,]?\s*$"
    ))
});

/// A speech verb: what every match of [`SAID_BEFORE`] holds. Literals
/// only, so the regex crate finds them by substring search; a stretch
/// without one skips the costlier regex.
static VERB: LazyLock<Regex> = LazyLock::new(|| Regex::new(VERBS).expect("valid regex"));

/// The attribution written before a quotation, from the stretch of text
/// right before its opening mark: the name's span in `before`.
fn attribution_before(before: &str) -> Option<(usize, usize)> {
    let said = VERB
        .is_match(before)
        .then(|| named_group(&SAID_BEFORE, before, &["n"]))
        .flatten();
    // ASCII lower-casing is enough: no letter of "according" has another
    // Unicode case form, so the regex's `(?i:...)` matches nothing else.
    let according = before
        .as_bytes()
        .windows("according".len())
        .any(|w| w.eq_ignore_ascii_case(b"according"))
        .then(|| named_group(&ACCORDING_BEFORE, before, &["n"]))
        .flatten();
    // As one regex of two branches would: the match starting first, the
    // first branch on a tie.
    match (said, according) {
        (Some(s), Some(a)) if a.0 < s.0 => Some(a.1),
        (Some(s), _) => Some(s.1),
        (None, a) => a.map(|a| a.1),
    }
}

/// Indirect speech: `said that …` up to the sentence's end (the speaker
/// is read from the words before, see [`SPEAKER_BEFORE`]).
static SAID_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:said|says|told\s+\p{L}+|added|noted|argued|warned|stressed|insisted|claimed)\s+that\s+(?P<q>[^.!?“”\x22]{12,}[.!?])",
    )
    .expect("valid regex")
});

/// The speaker right before a speech verb: `Kim` / `His lawyer, Jang Mi-rae,`
/// / `he`. Matched on a short stretch only (it is anchored at the end).
static SPEAKER_BEFORE: LazyLock<meta::Regex> = LazyLock::new(|| {
    let name = name_pattern();
    nfa_regex(&format!(
        r"(?P<n>{name}|{ROLE}|\b(?i:he|she|they|it)),?\s+$"
    ))
});

/// Bytes before a quotation or a speech verb searched for its attribution.
const REACH: usize = 160;

/// A regex for the attribution patterns, run by the NFA engines only (the
/// bounded backtracker, or the PikeVM on longer text). These patterns
/// read a short stretch each, and their Unicode classes and bounded
/// repeats made the regex crate's lazy DFA build new states for nearly
/// every stretch: that determinizing was most of the quotations' cost.
/// Measured on 150 development articles, whole enrichment:
/// docs/benchmarks.md, "Enrich: quotations".
fn nfa_regex(pattern: &str) -> meta::Regex {
    meta::Regex::builder()
        .configure(meta::Regex::config().hybrid(false).dfa(false))
        .build(pattern)
        .expect("valid regex")
}

/// The first match of `re` in `hay`: where it starts, and the byte span
/// of its first capture group of `names` that took part.
fn named_group(re: &meta::Regex, hay: &str, names: &[&str]) -> Option<(usize, (usize, usize))> {
    let mut caps = re.create_captures();
    re.captures(hay, &mut caps);
    let start = caps.get_match()?.start();
    let group = names.iter().find_map(|n| caps.get_group_by_name(n))?;
    Some((start, (group.start, group.end)))
}

static ROLE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{ROLE}$")).expect("valid regex"));

static TITLE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{TITLES}\s+")).expect("valid regex"));

/// Words that make a speaker an organisation ("it said").
const ORG_WORDS: &[&str] = &[
    "ministry",
    "agency",
    "company",
    "inc",
    "corp",
    "group",
    "office",
    "department",
    "police",
    "committee",
    "council",
    "government",
    "bank",
    "university",
    "court",
    "association",
    "union",
    "party",
    "statement",
    "report",
];

/// Quotation marks: (open, close).
const MARKS: &[(char, char)] = &[('“', '”'), ('"', '"'), ('«', '»'), ('„', '“'), ('‘', '’')];

/// Fewest words a quotation has (shorter ones are scare quotes or titles).
const MIN_WORDS: usize = 3;

/// The quotations of `text`, in text order.
pub fn find(text: &str) -> Vec<Quote> {
    let chars = CharIndex::new(text);
    let mut raw: Vec<RawQuote> = direct(text);
    raw.extend(indirect(text, &raw));
    raw.sort_by_key(|q| q.start);
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut out = Vec::new();
    for mut q in raw {
        q.attribution = q
            .attribution
            .take()
            .and_then(|(who, span)| clean_name(&who).map(|who| (who, span)));
        let (speaker, from_pronoun, confidence) = match &q.attribution {
            None => (String::new(), false, 0.2),
            Some((who, _)) if is_pronoun(who) => {
                match resolve_pronoun(who, &speakers, &Before::new(&text[..q.start])) {
                    Some(s) => (s, true, 0.75),
                    None => (String::new(), true, 0.3),
                }
            }
            Some((who, _)) => {
                let full = fullest(who, &speakers, &Before::new(&text[..q.start]));
                speakers.push(Speaker {
                    name: full.clone(),
                    is_org: is_org(&full),
                });
                let role = full.starts_with(|c: char| c.is_lowercase());
                (full, false, if role { 0.6 } else { 0.9 })
            }
        };
        let confidence = if q.kind == "indirect" {
            confidence * 0.8
        } else {
            confidence
        };
        out.push(Quote {
            text: text[q.start..q.end].to_string(),
            span: (chars.at(q.start), chars.at(q.end)),
            speaker,
            speaker_span: q
                .attribution
                .as_ref()
                .map(|(_, (s, e))| (chars.at(*s), chars.at(*e))),
            kind: q.kind,
            from_pronoun,
            confidence,
        });
    }
    out
}

struct RawQuote {
    start: usize,
    end: usize,
    kind: &'static str,
    /// The attribution as written (name, role or pronoun) and its byte span.
    attribution: Option<(String, (usize, usize))>,
}

struct Speaker {
    name: String,
    is_org: bool,
}

/// Quotations in marks, each attributed from the text after its closing
/// mark or before its opening one (within the paragraph).
fn direct(text: &str) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    let mut para_start = 0;
    for para in text.split("\n\n") {
        let base = para_start;
        para_start += para.len() + 2;
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for &(open, close) in MARKS {
            let mut from = 0;
            while let Some(o) = para[from..].find(open).map(|i| from + i) {
                let inner = o + open.len_utf8();
                let Some(c) = para[inner..].find(close).map(|i| inner + i) else {
                    break;
                };
                from = c + close.len_utf8();
                if taken.iter().any(|&(s, e)| o < e && s < from) {
                    continue;
                }
                // A ‘ that is an apostrophe-like mark inside a word is no quote.
                if open == '‘' && para[..o].ends_with(|ch: char| ch.is_alphanumeric()) {
                    from = inner;
                    continue;
                }
                let quoted = para[inner..c].trim_end_matches([',', ' ']);
                if quoted.split_whitespace().count() < MIN_WORDS {
                    continue;
                }
                taken.push((o, from));
                let attribution = named_group(&AFTER, &para[from..], &["n1", "n2"])
                    .map(|(_, (s, e))| {
                        (
                            para[from + s..from + e].to_string(),
                            (base + from + s, base + from + e),
                        )
                    })
                    .or_else(|| {
                        let start = sentence_start(para, o)
                            .max(ceil_char_boundary(para, o.saturating_sub(REACH)));
                        let before = &para[start..o];
                        let offset = o - before.len();
                        attribution_before(before).map(|(s, e)| {
                            (
                                before[s..e].to_string(),
                                (base + offset + s, base + offset + e),
                            )
                        })
                    })
                    .or_else(|| continued(&out, base, para, o));
                out.push(RawQuote {
                    start: base + inner,
                    end: base + inner + quoted.len(),
                    kind: "direct",
                    attribution,
                });
            }
        }
    }
    out
}

/// “A,” he said. “B.” — the second part of a quote broken by its
/// attribution takes the first part's speaker, when only the attribution
/// stands between them.
fn continued(
    earlier: &[RawQuote],
    base: usize,
    para: &str,
    o: usize,
) -> Option<(String, (usize, usize))> {
    let prev = earlier.last()?;
    // `prev.end` is an offset into the text, `para` starts at `base`; a
    // quote of an earlier paragraph ends before it.
    let between_start = prev.end.checked_sub(base)?;
    let between = para.get(between_start..o)?;
    let short = between.split_whitespace().count() <= 10;
    (short && !between.contains("\n")).then(|| prev.attribution.clone())?
}

/// The nearest char boundary at or after `i` (`str::ceil_char_boundary`
/// is newer than the workspace's rust-version).
fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Where the sentence holding byte `at` of `para` starts.
fn sentence_start(para: &str, at: usize) -> usize {
    para[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1)
}

/// "Kim said that …", outside any direct quotation.
fn indirect(text: &str, direct: &[RawQuote]) -> Vec<RawQuote> {
    SAID_THAT
        .captures_iter(text)
        .filter_map(|cap| {
            let (verb, q) = (cap.get(0)?, cap.name("q")?);
            let from = ceil_char_boundary(text, verb.start().saturating_sub(REACH)).max(
                text[..verb.start()]
                    .rfind(['.', '!', '?', '\n'])
                    .map_or(0, |i| i + 1),
            );
            let (_, (s, e)) = named_group(&SPEAKER_BEFORE, &text[from..verb.start()], &["n"])?;
            let (n_start, n_end) = (from + s, from + e);
            let inside = direct.iter().any(|d| n_start < d.end && d.start < q.end());
            (!inside).then(|| RawQuote {
                start: q.start(),
                end: q.end() - 1,
                kind: "indirect",
                attribution: Some((text[n_start..n_end].to_string(), (n_start, n_end))),
            })
        })
        .collect()
}

fn is_pronoun(who: &str) -> bool {
    PRONOUNS.split('|').any(|p| p.eq_ignore_ascii_case(who))
}

fn is_org(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| ORG_WORDS.contains(&w.to_lowercase().trim_matches('.')))
        || name.starts_with(|c: char| c.is_lowercase())
}

/// "he"/"she" → the speaker named nearest before (a surname taken at its
/// fullest form), else the latest speaker; "it" → likewise an
/// organisation, or else the organisation named nearest before; other
/// pronouns stay unresolved. (On the development corpus, resolving "she"
/// to any person named before picked the wrong one in one case of three.)
fn resolve_pronoun(who: &str, speakers: &[Speaker], before: &Before) -> Option<String> {
    let wants_org = match who.to_lowercase().as_str() {
        "he" | "she" => false,
        "it" => true,
        _ => return None,
    };
    let fits = |name: &str| is_org(name) == wants_org;
    let mentions = before.mentions();
    let spoke = |name: &str| speakers.iter().any(|s| s.name == name);
    // Nearest mention of someone who spoke, else the nearest fitting name.
    mentions
        .iter()
        .rev()
        .map(|m| fullest(m, speakers, before))
        .find(|name| fits(name) && spoke(name))
        .or_else(|| {
            // A person who never spoke is too often someone else the
            // text names (a scientist cited, an interviewer): only
            // organisations are taken this way.
            mentions
                .iter()
                .rev()
                .find(|m| wants_org && fits(m))
                .cloned()
        })
        .or_else(|| {
            speakers
                .iter()
                .rev()
                .find(|s| s.is_org == wants_org)
                .map(|s| s.name.clone())
        })
}

/// The text before a quotation, with the names in it read once (pronoun
/// resolution and short forms both look for them, once per name tried).
struct Before<'a> {
    text: &'a str,
    mentions: OnceCell<Vec<String>>,
}

impl<'a> Before<'a> {
    fn new(text: &'a str) -> Self {
        Before {
            text,
            mentions: OnceCell::new(),
        }
    }

    fn mentions(&self) -> &[String] {
        self.mentions.get_or_init(|| mentions_before(self.text))
    }
}

/// Names in the last stretch of `before` (2,000 bytes are plenty), without
/// titles or a leading "The", in text order.
fn mentions_before(before: &str) -> Vec<String> {
    let from = ceil_char_boundary(before, before.len().saturating_sub(2000));
    MENTION
        .find_iter(&before[from..])
        .filter_map(|m| {
            let name = TITLE_PREFIX.replace(m.as_str(), "");
            clean_name(name.trim_start_matches("The "))
        })
        .collect()
}

/// A mention of a name in running text (for pronoun resolution).
static MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&mention_pattern()).expect("valid regex"));

/// Words that start a sentence, not a name ("But Keatley said").
const NOT_NAME_START: &[&str] = &[
    "But",
    "You",
    "And",
    "When",
    "As",
    "If",
    "While",
    "After",
    "Before",
    "Then",
    "So",
    "Yet",
    "Also",
    "Meanwhile",
    "However",
    "Still",
    "Now",
    "Here",
    "There",
    "That",
    "This",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "Once",
    "Even",
    "Only",
    "Just",
    "Like",
    "With",
    "For",
    "In",
    "On",
    "At",
    "Or",
    "Instead",
    "Today",
    "Later",
];

/// An attribution as a speaker's name: leading sentence words dropped;
/// `None` for a possessive ("Kim's report said": the report spoke).
fn clean_name(who: &str) -> Option<String> {
    let mut words: Vec<&str> = who.split_whitespace().collect();
    while words.len() > 1 && NOT_NAME_START.contains(&words[0]) {
        words.remove(0);
    }
    let name = words.join(" ");
    let possessive = name.contains("'s") || name.contains("’s");
    // "Co-Founder", "Estera Events Co-Owner": a description, not a name.
    if words.last().is_some_and(|w| TITLE_WORD.is_match(w)) {
        return None;
    }
    (!name.is_empty() && !possessive && !NOT_NAME_START.contains(&name.as_str())).then_some(name)
}

/// Plural nouns that speak as a group ("Officials said"): roles, not names.
const GROUPS: &[&str] = &[
    "officials",
    "critics",
    "residents",
    "analysts",
    "experts",
    "police",
    "witnesses",
    "sources",
    "authorities",
    "researchers",
    "scientists",
    "protesters",
    "lawmakers",
    "doctors",
    "investigators",
    "prosecutors",
    "economists",
    "organisers",
    "organizers",
    "others",
];

/// The fullest earlier form of `who`: "Yoon" or "President Yoon" after
/// "Yoon Suk-yeol" (family name first), "Delgado" after "Maria Delgado",
/// from earlier speakers or names in the text before; "Seoul Mayor Oh
/// Se-hoon" is "Oh Se-hoon"; groups and roles are lower-cased ("officials",
/// "the spokesman").
fn fullest(who: &str, speakers: &[Speaker], before: &Before) -> String {
    if GROUPS.contains(&who.to_lowercase().as_str()) {
        return who.to_lowercase();
    }
    if ROLE_ONLY.is_match(who) {
        let mut chars = who.chars();
        return chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
    }
    let bare = after_titles(who);
    if bare.split_whitespace().count() == 1 {
        let known = speakers
            .iter()
            .map(|s| s.name.clone())
            .chain(before.mentions().iter().map(|m| after_titles(m)));
        let mut found = None;
        for name in known {
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() > 1
                && !is_org(&name)
                && !name.contains(" and ")
                && (words.first() == Some(&bare.as_str()) || words.last() == Some(&bare.as_str()))
            {
                found = Some(name);
            }
        }
        if let Some(name) = found {
            return name;
        }
    }
    bare
}

/// A name without the titles and descriptors in front of it: "Seoul Mayor
/// Oh Se-hoon" → "Oh Se-hoon", "President Yoon" → "Yoon".
fn after_titles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last_title = words.iter().rposition(|w| TITLE_WORD.is_match(w));
    match last_title {
        Some(i) if i + 1 < words.len() => words[i + 1..].join(" "),
        _ => name.to_string(),
    }
}

static TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^(?:{TITLES}|Minister|Mayor|Executive|Officer|Chief|Co-Founder|Founder|Co-Owner|Owner|Designer|Planner|Manager|Editor|Writer|Engineer|Partner|Head|Lead|VP|CEO|CTO|CFO|COO)$"
    ))
    .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    #[test]
    fn attributions_after_and_before_the_quote() {
        let text = "“We will rebuild the harbour within two years,” said Kim Min-ji, the mayor.\n\nPark Ji-won told reporters: “The money is already there.”\n\n“Nobody expected the storm to be this strong,” Lee Soo-jin said on Tuesday.";
        assert_eq!(
            pairs(text),
            [
                (
                    "We will rebuild the harbour within two years".into(),
                    "Kim Min-ji".into()
                ),
                ("The money is already there.".into(), "Park Ji-won".into()),
                (
                    "Nobody expected the storm to be this strong".into(),
                    "Lee Soo-jin".into()
                ),
            ]
        );
    }

    #[test]
    fn pronouns_and_short_forms_resolve_to_the_named_speaker() {
        let text = "President Yoon Suk-yeol spoke at the ceremony.\n\n“This is a day of remembrance for all of us,” Yoon Suk-yeol said.\n\n“We owe them our freedom,” he added. “And we will not forget them.”\n\n“The alliance is stronger than ever,” President Yoon said.\n\nThe Defence Ministry issued a statement. “Troops remain on alert along the border,” it said.";
        let quotes = find(text);
        let got: Vec<(&str, &str, bool)> = quotes
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.as_str(), q.from_pronoun))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "This is a day of remembrance for all of us",
                    "Yoon Suk-yeol",
                    false
                ),
                ("We owe them our freedom", "Yoon Suk-yeol", true),
                ("And we will not forget them.", "Yoon Suk-yeol", true),
                ("The alliance is stronger than ever", "Yoon Suk-yeol", false),
                (
                    "Troops remain on alert along the border",
                    "Defence Ministry",
                    true
                ),
            ]
        );
    }

    #[test]
    fn the_attribution_before_a_quote_is_the_one_starting_first() {
        fn name(before: &str) -> Option<&str> {
            attribution_before(before).map(|(s, e)| &before[s..e])
        }
        assert_eq!(name("Kim Min-ji told reporters: "), Some("Kim Min-ji"));
        assert_eq!(
            name("According to the ministry, Kim said: "),
            Some("the ministry")
        );
        assert_eq!(name("He said, according to Kim: "), Some("Kim"));
        assert_eq!(name("The storm came at night. "), None);
    }

    #[test]
    fn indirect_speech_and_scare_quotes() {
        let text = "The minister said that the new rules would take effect in March next year.\n\nCritics called the plan a “quick fix” and little more.";
        let quotes = find(text);
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(quotes[0].kind, "indirect");
        assert_eq!(quotes[0].speaker, "the minister");
        assert_eq!(
            quotes[0].text,
            "the new rules would take effect in March next year"
        );
    }

    #[test]
    fn offsets_count_characters() {
        let text = "Ein Satz — “Wir bauen den Hafen wieder auf,” sagte niemand. “Das Geld ist schon da und wartet,” said Jörg Müller.";
        let quotes = find(text);
        let chars: Vec<char> = text.chars().collect();
        for q in &quotes {
            let (s, e) = q.span;
            assert_eq!(chars[s..e].iter().collect::<String>(), q.text);
            if let Some((s, e)) = q.speaker_span {
                let named: String = chars[s..e].iter().collect();
                assert!(
                    q.speaker.contains(named.trim_start_matches("President ")),
                    "{named} / {}",
                    q.speaker
                );
            }
        }
        assert_eq!(quotes.last().unwrap().speaker, "Jörg Müller");
        assert_eq!(
            quotes[0].speaker, "",
            "German attribution verbs are not read"
        );
    }
}
