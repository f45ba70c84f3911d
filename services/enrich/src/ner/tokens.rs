//! Words and sentences of a text, with their byte offsets, cut the way the
//! training corpora (Universal Dependencies English-EWT, tweets) are cut:
//! punctuation and hyphens on their own ("Suk - yeol", as EWT has it),
//! "U.S.", "Mr." and initials ("F.") whole, a possessive "'s" apart.

use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

/// One token: its text is `text[start..end]` of the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// Abbreviations that keep their full stop (a sentence does not end
/// there); so do the US states of [`STATE_ABBREVIATIONS`].
const ABBREVIATIONS: &str = "Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Rep|Sen|Gov|Lt|Col|Capt|Sgt|Prof|Rev|Inc|Corp|Ltd|Co|Bros|No|vs|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// US states as news agencies abbreviate them, with their full stop (the
/// two-letter ones, "N.C.", are tokens whole anyway). Not "Ill.", "Ind.",
/// "La.", "Mass.", "Miss.", "Mo.", "Pa.", "Del.", "Wash.": words or titles
/// as well.
pub const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Fla.", "Ga.", "Kan.", "Kans.", "Ky.",
    "Md.", "Mich.", "Minn.", "Mont.", "Neb.", "Nev.", "Okla.", "Ore.", "Tenn.", "Tex.", "Va.",
    "Vt.", "Wis.", "Wyo.", "N.C.", "N.D.", "N.H.", "N.J.", "N.M.", "N.Y.", "R.I.", "S.C.", "S.D.",
    "D.C.",
];

/// One token, as the first alternative that matches where the token
/// starts (leftmost-first). A slash joins words unless a capitalised word
/// or a capital alone follows it: a photo credit ("AP Photo/Rich
/// Pedroncelli", "REUTERS/Leonhard Foeger") names someone after it. (A
/// word boundary after the capital, to keep "A/B" whole, put the search
/// on a slower engine: +10 % of the enrichment's instructions.)
fn token_pattern() -> String {
    // The states written with one full stop ("Calif."): the others,
    // "N.C.", are tokens whole by the first alternative.
    let states: Vec<&str> = STATE_ABBREVIATIONS
        .iter()
        .filter_map(|s| s.strip_suffix('.'))
        .filter(|s| !s.contains('.'))
        .collect();
    let abbreviations = format!("{ABBREVIATIONS}|{}", states.join("|"));
    format!(
        r"(?x)
        (?:\p{{L}}\.){{2,}}                          # U.S., U.K., e.g.
        | (?:{abbreviations})\.                     # Mr., Calif.
        | \p{{Lu}}\.                                  # an initial, as in John F. Kennedy
        | \p{{N}}+(?:[.,]\p{{N}}+)+                       # 40,000 and 3.5
        | [\p{{L}}\p{{M}}\p{{N}}]+(?:[.&'’@_][\p{{L}}\p{{M}}\p{{N}}]+ # words, AT&T, O'Brien,
          | /[\p{{Ll}}\p{{Lo}}\p{{Lt}}\p{{Lm}}\p{{M}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}}]*    # and/or, 24/7,
          | /\p{{Lu}}[\p{{Lu}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}}]*  # AC/DC; not Photo/Rich, a credit
          )*
        | [@\#][\p{{L}}\p{{N}}_]+                      # handles and hashtags
        | \S                                        # any other character alone
        "
    )
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&token_pattern()).expect("valid token regex"));

/// The byte spans of `line`'s tokens, as `TOKEN.find_iter` gives them. A
/// token starts at the first character that is not white space (`\S`
/// matches any), so each is searched for anchored there: a search that
/// knows its start needs no reverse scan to find it, which took a quarter
/// of the unanchored search's time.
fn token_spans(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &line[at..];
        at += rest.len() - rest.trim_start().len();
        if at >= line.len() {
            return None;
        }
        let input = Input::new(line).range(at..).anchored(Anchored::Yes);
        let (start, end) = match TOKEN.find(input) {
            Some(m) => (m.start(), m.end()),
            // Unreachable (`\S` matches any such character); a character
            // alone keeps the walk going all the same.
            None => (at, at + line[at..].chars().next().map_or(1, char::len_utf8)),
        };
        at = end;
        Some((start, end))
    })
}

/// Longest sentence handed to the tagger; a longer run of words without a
/// full stop (a table, a list) is cut so that tagging time stays linear.
pub const MAX_SENTENCE: usize = 120;

/// The sentences of `text` as runs of tokens. A line break always ends a
/// sentence; so does ".", "!" or "?" (or a closing quote after one) before
/// a token that does not start in lower case — not a "." touching a digit
/// after it (".583").
pub fn sentences(text: &str) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let mut current: Vec<Token> = Vec::new();
        let mut ended = false;
        for (token_start, token_end) in token_spans(line) {
            let (start, end) = (offset + token_start, offset + token_end);
            let word = &line[token_start..token_end];
            // A quote mark touching the next word opens a quotation.
            let closing = is_closing(word)
                && !line[token_end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if ended && !word.starts_with(|c: char| c.is_lowercase()) && !closing {
                out.push(std::mem::take(&mut current));
            }
            // ".583" (a standings row's percentage) is no full stop.
            let decimal = word == "."
                && line[token_end..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
            if !closing {
                ended = matches!(word, "." | "!" | "?" | "…") && !decimal;
            }
            // "Yoon's" → "Yoon" "'s": the name alone is the entity.
            let possessive = ["'s", "’s", "'S", "’S"]
                .iter()
                .find(|p| word.len() > p.len() + 1 && word.ends_with(*p));
            // "Wang 's": a possessive set apart, as tokenised corpora
            // write it, is one token as when it touches the name.
            let apart = matches!(word, "s" | "S")
                && current
                    .last()
                    .is_some_and(|t| t.end == start && matches!(&text[t.start..t.end], "'" | "’"));
            if let Some(p) = possessive {
                current.push(Token {
                    start,
                    end: end - p.len(),
                });
                current.push(Token {
                    start: end - p.len(),
                    end,
                });
            } else if apart {
                if let Some(quote) = current.last_mut() {
                    quote.end = end;
                }
            } else {
                current.push(Token { start, end });
            }
            if current.len() >= MAX_SENTENCE {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        offset += line.len() + 1;
    }
    out
}

fn is_closing(word: &str) -> bool {
    matches!(word, "\"" | "'" | "”" | "’" | ")" | "]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .into_iter()
            .map(|s| s.into_iter().map(|t| &text[t.start..t.end]).collect())
            .collect()
    }

    #[test]
    fn words_and_sentences_are_cut_like_the_training_data() {
        assert_eq!(
            words("Mr. Yoon's party met in the U.S. on Monday. \"It was fine,\" he said.\nAT&T fell 3.5%, John F. Kennedy said 40,000 times."),
            vec![
                vec!["Mr.", "Yoon", "'s", "party", "met", "in", "the", "U.S.", "on", "Monday", "."],
                vec!["\"", "It", "was", "fine", ",", "\"", "he", "said", "."],
                vec![
                    "AT&T", "fell", "3.5", "%", ",", "John", "F.", "Kennedy", "said", "40,000",
                    "times", "."
                ],
            ]
        );
        // A possessive set apart, as tokenised corpora write it.
        assert_eq!(
            words("Wang 's family and the players ' union"),
            vec![vec![
                "Wang", "'s", "family", "and", "the", "players", "'", "union"
            ]]
        );
        // A slash joins words, not a credit's name to what is before it.
        assert_eq!(
            words("and/or 24/7 AC/DC (AP Photo/Rich Pedroncelli) REUTERS/Leonhard"),
            vec![vec![
                "and/or",
                "24/7",
                "AC/DC",
                "(",
                "AP",
                "Photo",
                "/",
                "Rich",
                "Pedroncelli",
                ")",
                "REUTERS",
                "/",
                "Leonhard"
            ]]
        );
        // A standings row's percentage is no full stop.
        assert_eq!(
            words("NEW YORK 74 53 .583 -\nBALTIMORE 66 61 .520 8"),
            vec![
                vec!["NEW", "YORK", "74", "53", ".", "583", "-"],
                vec!["BALTIMORE", "66", "61", ".", "520", "8"],
            ]
        );
    }

    #[test]
    fn anchored_tokens_are_those_of_an_unanchored_search() {
        let reference = regex::Regex::new(&token_pattern()).expect("valid");
        let fixtures = [
            include_str!("../../tests/fixtures/entities.txt"),
            "  leading and trailing spaces\u{a0}and\u{2003}odd ones  ",
            "Mr. Yoon's U.S. trip: AT&T, O'Brien, @handle #tag 40,000 3.5% “quoted” — dash",
            "한국어 문장, 日本語の文。Русский текст! عربى 😀 e\u{301}e",
            "",
            "   ",
        ];
        for text in fixtures {
            for line in text.split('\n') {
                let want: Vec<(usize, usize)> = reference
                    .find_iter(line)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(token_spans(line).collect::<Vec<_>>(), want, "{line}");
            }
        }
    }

    #[test]
    fn a_run_without_full_stops_is_cut() {
        let text = "word ".repeat(MAX_SENTENCE * 2 + 5);
        let s = sentences(&text);
        assert_eq!(s.len(), 3);
        assert!(s.iter().all(|s| s.len() <= MAX_SENTENCE));
    }
}
