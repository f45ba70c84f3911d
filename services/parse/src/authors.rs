//! Bylines into persons: "By A, staff reporter; B and C" → A (role "staff
//! reporter"), B, C; "Dylan Bailey, MS, RD" keeps its credentials in the
//! name, as printed; "BySummer Swann-June 12, 2025" → "Summer Swann".

use std::sync::LazyLock;

use newsflow_contracts::v1::Author;
use regex::Regex;

/// "By", "Written by:", "Reviewed by" and the like at the start of a byline.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:(?:{COLON_LEADS})\s*[:：]|authors?\s*:?|(?:this (?:post|article|story|piece) (?:was|is) )?(?:written|posted|reviewed|authored|reported|edited|words|text|story|content)\s*(?:by)?|by|von|par|por|da|автор|(?:{SPACED_LEADS})(?:\s|[:：])|autor(?:in)?|auteur|yazar)\s*[:：]?\s*",
    ))
    .expect("valid regex")
});

/// Leads of bylines in languages other than English that are words of
/// their own, followed by a space or a colon ("Door Jan de Vries", "Oleh:
/// Budi Santoso", "Ein Artikel von …", Greek "Γράφει η Μαρία …", "writes");
/// shared with the visible byline scan.
pub(crate) const SPACED_LEADS: &str =
    "ein (?:artikel|beitrag|gastbeitrag|kommentar) von|door|av|af|przez|di|oleh|γράφει (?:ο|η)";

/// Leads that name the writer's part and are bylines only with a colon
/// ("Penulis: …", "Teksti: …", "Texto: …", "Reporter: …", Hungarian
/// "Szerző: …", Turkish "Haber: …", "Текст: …", Greek "Συντάκτης: …"):
/// without one they start sentences.
pub(crate) const COLON_LEADS: &str =
    "penulis|teksti|tekst|texto|testo|reporter|wartawan|szerző|haber|текст|συντάκτης";

/// "Written by" and kin inside a byline line, with what precedes it.
static INNER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^.*?\b(?:written|posted|authored)\s+by\b\s*:?\s*").expect("valid regex")
});

/// Where the name part of a byline ends: a date, a "Published"/"Updated"
/// label, a reading time, a separator followed by other matter.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:published|updated|last updated|posted|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d+\s*min(?:ute)?s? read|·|•|\s-\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|-\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}).*$",
    )
    .expect("valid regex")
});

/// Post-nominal credentials kept with the name ("MD", "Ph.D.", "RD", "Jr.").
static CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z]{0,2}\.?){1,4}(?:-[A-Z]+)?(?:\s?\d{1,4})?®?$|^(?i:jr\.?|sr\.?|ii|iii|iv|esq\.?)$")
        .expect("valid regex")
});

/// Words that make a comma part a job description, not another person.
const ROLE_WORDS: &[&str] = &[
    "reporter",
    "writer",
    "editor",
    "correspondent",
    "columnist",
    "contributor",
    "director",
    "ceo",
    "founder",
    "expert",
    "staff",
    "producer",
    "analyst",
    "manager",
    "officer",
    "president",
    "professor",
    "attorney",
    "journalist",
    "consultant",
    "specialist",
    "chief",
    "head",
    "senior",
    "lead",
    "team",
    "of",
    "at",
    "for",
];

/// Words that end a job title: next to a person's name, a byline element's
/// other line ("Editor", "AI Writer", "Digital Security Expert") is that
/// person's title, not another author. Alone it is kept: some pages sign
/// as "SFist Contributor" or "Community Editor".
const JOB_TITLE_ENDS: &[&str] = &[
    "reporter",
    "writer",
    "editor",
    "correspondent",
    "columnist",
    "contributor",
    "journalist",
    "expert",
    "producer",
    "analyst",
    "coordinator",
    "specialist",
    "consultant",
];

/// Link texts next to a byline ("More about this author", "View Full Profile").
static LINK_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:more (?:about|from|by|posts|articles|stories|options)|view |see (?:all|more)|follow|read more|learn more|sign (?:in|up)|log ?in|subscribe|all (?:posts|articles|stories)|contact|email|share|skip to\b|search this\b|home$|menu$|toggle\b)")
        .expect("valid regex")
});

/// Bylines that name nobody: placeholders, social-network links, a
/// weekday stamp cut from a date.
const NOBODY: &[&str] = &[
    "by",
    "youtube",
    "facebook",
    "instagram",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "author",
    "the author",
    "admin",
    "anonymous",
    "unknown",
];

/// "and" between two names, in the languages of the bylines we read
/// ("Max Mustermann und Erika Musterfrau", "Jean Dupont et Marie Curie",
/// "Budi Santoso dan Siti Aminah", "Иван Петров и Мария Иванова").
static AND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(" (?:And|{}) ", AND_WORDS.join("|"))).expect("valid regex")
});

/// The words of [`AND`], lower case.
pub(crate) const AND_WORDS: [&str; 16] = [
    "and", "und", "et", "y", "e", "en", "dan", "и", "і", "ve", "og", "och", "ja", "és", "și", "και",
];

/// One [`Author`] per person in `bylines` (as found: meta tags, JSON-LD,
/// the page's byline), duplicates dropped.
pub fn split(bylines: &[String]) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    for entry in bylines {
        let entry = clean_byline(entry);
        for part in entry.split([';', '|', '&']).flat_map(|p| AND.split(p)) {
            for author in persons(part) {
                if !out
                    .iter()
                    .any(|a| a.name.eq_ignore_ascii_case(&author.name))
                {
                    out.push(author);
                }
            }
        }
    }
    if out.iter().any(|a| looks_like_person(&a.name)) {
        out.retain(|a| !is_job_title(&a.name));
    }
    out
}

fn is_job_title(name: &str) -> bool {
    name.rsplit([' ', '-'])
        .next()
        .is_some_and(|w| JOB_TITLE_ENDS.contains(&w.to_lowercase().as_str()))
}

/// [`split`] for bylines read from the page's visible text, which is
/// noisier than markup meant for a byline: only persons whose name (without
/// credentials) is two to four capitalised words are kept.
pub fn split_visible(bylines: &[String]) -> Vec<Author> {
    let persons: Vec<Author> = split(bylines)
        .into_iter()
        .filter(|a| {
            let name = a.name.split(',').next().unwrap_or_default();
            looks_like_person(name) || looks_like_team(name)
        })
        .collect();
    if !persons.is_empty() {
        return persons;
    }
    bylines
        .iter()
        .filter_map(|b| {
            let b = b.trim();
            CJK_BYLINE
                .captures(b)
                .or_else(|| CASELESS_BYLINE.captures(b))
        })
        .map(|c| Author {
            name: c[1].to_string(),
            ..Default::default()
        })
        .take(1)
        .collect()
}

/// A Chinese or Japanese byline: a lead ("作者：", "记者", "記者", "文/")
/// and a name of two to four Han characters ("王小明") or a Japanese name
/// in kanji and kana, family and given name apart or not ("山田 太郎").
/// Names in these scripts have no capitals, so the lead is the evidence:
/// without it, "新华社" next to a date is an agency, not a person.
static CJK_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:作者|筆者|记者|記者|撰文|文)\s*[:：/／]?\s*(\p{Han}{2,4}|[\p{Han}\p{Hiragana}\p{Katakana}]{1,4}\s[\p{Han}\p{Hiragana}\p{Katakana}]{1,4})$",
    )
    .expect("valid regex")
});

/// A byline in a script without capitals, where the lead is the evidence
/// as for [`CJK_BYLINE`]: Arabic "بقلم" / "كتب", Persian "به قلم" /
/// "نویسنده", Hebrew "מאת", Thai "โดย", Hindi "लेखक" (or "By" before the name
/// on the line after a lead standing alone), then two to four words of one
/// of those scripts and nothing else ("بقلم: محمد أحمد", "מאת דני כהן",
/// "โดย สมชาย ใจดี"). Combining marks (Arabic harakat, Hebrew points) are
/// part of a word.
static CASELESS_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // The names' pattern is inserted as a value: written inside the
    // format string, each of its braces would need doubling.
    let names = r"(?:\s*[:：]\s*|\s+)((?:[\p{Arabic}\p{Mn}]+\s+){1,3}[\p{Arabic}\p{Mn}]+|(?:[\p{Hebrew}\p{Mn}]+\s+){1,3}[\p{Hebrew}\p{Mn}]+|(?:\p{Thai}+\s+){1,3}\p{Thai}+|(?:[\p{Devanagari}\p{Mn}\p{Mc}]+\s+){1,3}[\p{Devanagari}\p{Mn}\p{Mc}]+)$";
    Regex::new(&format!("^(?:[Bb]y|{CASELESS_LEADS}){names}")).expect("valid regex")
});

/// Byline leads in scripts without capitals, a regex alternation: Arabic,
/// Persian, Hebrew, Thai, Hindi (see [`CASELESS_BYLINE`]; the visible
/// byline scan looks for the same leads).
pub(crate) const CASELESS_LEADS: &str = "بقلم|كتبت?|به قلم|نویسنده|מאת|โดย|लेखक";

/// Roles a Korean byline puts after the name ("김민지 기자"), longest first.
pub(crate) const KOREAN_ROLES: &[&str] = &["선임기자", "특파원", "기자"];

/// A team signing as author: capitalised words ending in "Team" ("The
/// Meetingnotes Team", "DianaHR Team"), at most five words.
pub(crate) fn looks_like_team(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.last() == Some(&"Team")
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// A byline without its lead-in and trailing date matter.
fn clean_byline(raw: &str) -> String {
    let s = crate::text::collapse_whitespace(raw);
    // "Jun 2 Written By Polly Barks": what comes before an explicit lead
    // inside the line is a date or a label, not the name (and a lead at the
    // line's end leaves no name at all).
    let s = match INNER_LEAD.find(&s) {
        Some(m) => &s[m.end()..],
        None => &s,
    };
    let s = strip_lead(s);
    // ", USA TODAY": a template without the person's name left only the
    // outlet after the comma, and an outlet is no author.
    if s.trim_start().starts_with(',') {
        return String::new();
    }
    let s = TAIL.replace(s, "");
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | ':' | '|'))
        .to_string()
}

/// Strips "By" and kin. "BySummer" is "By Summer"; "Byron" stays.
pub(crate) fn strip_lead(s: &str) -> &str {
    if let Some(m) = LEAD.find(s) {
        let rest = &s[m.end()..];
        let glued = m.as_str().chars().last().is_some_and(char::is_alphabetic);
        if !glued || rest.starts_with(|c: char| c.is_uppercase()) {
            return rest;
        }
    }
    s
}

/// The persons of one byline part: "A, MS, RD" is one person; "A, staff
/// reporter" is A with a role; "A, B" is two persons.
fn persons(part: &str) -> Vec<Author> {
    // "David Jackson - Fullstack Editorial Team": a person, a spaced dash,
    // then what they are or work for.
    let dashed = [" - ", " – ", " — "]
        .iter()
        .find_map(|d| part.split_once(d))
        .map(|(name, rest)| (name.trim(), rest.trim()))
        .filter(|(name, rest)| looks_like_person(name) && !rest.is_empty());
    if let Some((name, rest)) = dashed {
        let mut out = Vec::new();
        let (role, other) = if looks_like_person(rest) {
            ("", Some(rest))
        } else {
            (rest, None)
        };
        for (name, role) in [(name, role)].into_iter().chain(other.map(|o| (o, ""))) {
            push_person(
                &mut out,
                Author {
                    name: strip_lead(name).to_string(),
                    role: role.to_string(),
                    ..Default::default()
                },
            );
        }
        return out;
    }
    let mut out: Vec<Author> = Vec::new();
    let mut pieces = part.split(',').map(str::trim).filter(|p| !p.is_empty());
    let Some(first) = pieces.next() else {
        return out;
    };
    let mut current = Author {
        name: strip_lead(first).to_string(),
        ..Default::default()
    };
    // Korean bylines put the role after the name: "김민지 기자".
    for role in KOREAN_ROLES {
        if let Some(name) = current.name.strip_suffix(role) {
            if !name.trim().is_empty() {
                current.name = name.trim().to_string();
                current.role = role.to_string();
            }
            break;
        }
    }
    for piece in pieces {
        if is_date_piece(piece) {
            // "by Kan Chu Sen, 1721.", "By Jane Doe, June 12, 2024": a
            // date after the name is no role.
            continue;
        }
        if !current.role.is_empty() {
            current.role = format!("{}, {piece}", current.role);
        } else if CREDENTIAL.is_match(piece) {
            current.name = format!("{}, {piece}", current.name);
        } else if looks_like_person(piece) {
            push_person(&mut out, std::mem::take(&mut current));
            current.name = strip_lead(piece).to_string();
        } else {
            current.role = piece.to_string();
        }
    }
    push_person(&mut out, current);
    out
}

/// "1721.", "June 12", "12.06.2024": numbers and month names only.
fn is_date_piece(piece: &str) -> bool {
    let words: Vec<&str> = piece
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | '/' | '-'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || crate::months::is_month_name(w))
}

fn push_person(out: &mut Vec<Author>, mut a: Author) {
    // Names whose encoding a CMS broke ("JaroÅ\u{84}" for "Jaroń") are
    // repaired as titles are.
    a.name = crate::text::repair(&tidy_name(&a.name));
    let base = a
        .name
        .split(',')
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let plausible = !base.is_empty()
        && a.name.chars().count() <= 80
        && !NOBODY.contains(&base.as_str())
        && a.name.chars().any(char::is_alphabetic)
        && !a.name.starts_with("http")
        && !is_template_field(&a.name)
        && !LINK_TEXT.is_match(&a.name)
        && !a
            .name
            .chars()
            .all(|c| c.is_ascii_digit() || !c.is_alphanumeric());
    if plausible {
        out.push(a);
    }
}

/// A template's field name or placeholder left unfilled
/// ("page.head.extra.author", "{{ author }}", "%AUTHOR%"). Handles with
/// dots ("andrew.keaveney", "sara.r.peter") stay.
fn is_template_field(name: &str) -> bool {
    let fields: Vec<&str> = name.split('.').collect();
    let dotted = fields.len() >= 3
        && fields
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        && fields.iter().any(|w| {
            matches!(
                *w,
                "author" | "authors" | "byline" | "name" | "page" | "post" | "meta" | "head"
            )
        });
    dotted
        || ["{{", "}}", "${", "%%"].iter().any(|m| name.contains(m))
        || name.len() > 2 && name.starts_with('%') && name.ends_with('%')
}

/// A name without e-mail addresses, mail symbols and footnote marks
/// ("Newsdesk news@example.com", "✉ A. Writer", "Jennifer Huberty1").
fn tidy_name(name: &str) -> String {
    let is_email = |w: &&str| w.contains('@') && w.contains('.');
    // A byline that is only an address is kept as the page signs it.
    let only_email = name.split_whitespace().all(|w| is_email(&w));
    // A one-word signature with digits is a brand ("Rapid7", "Web3"), not
    // a person with a footnote mark.
    let one_word = name.split_whitespace().nth(1).is_none();
    name.split_whitespace()
        .filter(|w| only_email || !is_email(w))
        .map(|w| w.trim_matches(|c: char| matches!(c, '✉' | '*' | '†' | '‡')))
        .map(|w| {
            let bare = w.trim_end_matches(|c: char| c.is_ascii_digit());
            // "Huberty1" is a footnote; "RD2", "Jr" stay for CREDENTIAL.
            let word = bare.chars().all(char::is_alphabetic);
            if !one_word
                && bare.len() < w.len()
                && word
                && bare.ends_with(|c: char| c.is_lowercase())
            {
                bare
            } else {
                w
            }
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of a page's controls that a line of capitalised words beside a
/// byline may be ("No Comments", "Leave a Reply", "Share This").
const PAGE_WORDS: &[&str] = &[
    "comments", "comment", "reply", "replies", "share", "views", "likes", "min", "read",
];

/// A CMS account name rather than a person's: one word in lower case
/// ("kffnirmitap", "andrew.keaveney", "jdoe_42").
pub(crate) fn looks_like_handle(s: &str) -> bool {
    s.chars().count() >= 3
        && s.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// Two to four capitalised words, none of them a job word.
pub(crate) fn looks_like_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let lw = w.to_lowercase();
            !ROLE_WORDS.contains(&lw.as_str())
                && !PAGE_WORDS.contains(&lw.as_str())
                && (w.starts_with(|c: char| c.is_uppercase())
                    || matches!(
                        lw.as_str(),
                        "van" | "der" | "de" | "la" | "von" | "bin" | "da"
                    ))
        })
}

#[cfg(test)]
mod tests {
    use super::{split, split_visible, Author};

    fn just_names(authors: Vec<Author>) -> Vec<String> {
        authors.into_iter().map(|a| a.name).collect()
    }

    fn names(raw: &str) -> Vec<(String, String)> {
        split(&[raw.to_string()])
            .into_iter()
            .map(|a| (a.name, a.role))
            .collect()
    }

    fn n(name: &str, role: &str) -> (String, String) {
        (name.to_string(), role.to_string())
    }

    #[test]
    fn roles_persons_and_credentials() {
        assert_eq!(
            names("By Kim Min-ji, staff reporter; Lee Jun, senior staff writer"),
            [
                n("Kim Min-ji", "staff reporter"),
                n("Lee Jun", "senior staff writer")
            ]
        );
        assert_eq!(
            names("By TOM KRISHER, AP Auto Writer"),
            [n("TOM KRISHER", "AP Auto Writer")]
        );
        assert_eq!(
            names("Dylan Bailey, MS, RD, FAND"),
            [n("Dylan Bailey, MS, RD, FAND", "")]
        );
        assert_eq!(
            names("Genevieve Carlton, Ph.D."),
            [n("Genevieve Carlton, Ph.D.", "")]
        );
        assert_eq!(
            names("Rui Ma, Heba Ledwon, Manoel Cortes Mendez & Suparn Patra"),
            [
                n("Rui Ma", ""),
                n("Heba Ledwon", ""),
                n("Manoel Cortes Mendez", ""),
                n("Suparn Patra", "")
            ]
        );
        assert_eq!(
            names("Moses Kim and Kate Shokurova"),
            [n("Moses Kim", ""), n("Kate Shokurova", "")]
        );
        // "and" in the other languages of the bylines we read.
        for (byline, two) in [
            (
                "Von Max Mustermann und Erika Musterfrau",
                ["Max Mustermann", "Erika Musterfrau"],
            ),
            (
                "Par Jean Dupont et Marie Curie",
                ["Jean Dupont", "Marie Curie"],
            ),
            (
                "Por Juan Pérez y María López",
                ["Juan Pérez", "María López"],
            ),
            (
                "Di Mario Rossi e Luca Bianchi",
                ["Mario Rossi", "Luca Bianchi"],
            ),
            (
                "Door Jan Jansen en Piet de Vries",
                ["Jan Jansen", "Piet de Vries"],
            ),
            (
                "Oleh: Budi Santoso dan Siti Aminah",
                ["Budi Santoso", "Siti Aminah"],
            ),
            (
                "Автор: Иван Петров и Мария Иванова",
                ["Иван Петров", "Мария Иванова"],
            ),
        ] {
            assert_eq!(just_names(split(&[byline.to_string()])), two, "{byline}");
        }
        // A date after the name is no role; the role after it stays.
        assert_eq!(names("by Kan Chu Sen, 1721."), [n("Kan Chu Sen", "")]);
        assert_eq!(
            names("By Jane Doe, health reporter, June 12"),
            [n("Jane Doe", "health reporter")]
        );
    }

    #[test]
    fn lead_ins_and_trailing_dates_go() {
        assert_eq!(
            names("BySummer Swann-June 12, 2025"),
            [n("Summer Swann", "")]
        );
        assert_eq!(
            names("Written By:Cazzy MagennisLast Updated:August 1, 2025"),
            [n("Cazzy Magennis", "")]
        );
        assert_eq!(
            names("Reyan PerumalPublished on July 18, 2025"),
            [n("Reyan Perumal", "")]
        );
        assert_eq!(
            names("Dr. Vahid Osman - Mar 27, 2024"),
            [n("Dr. Vahid Osman", "")]
        );
        assert_eq!(names("Byron Smith"), [n("Byron Smith", "")]);
        assert_eq!(names("By"), []);
        assert_eq!(names(", USA TODAY"), []);
        assert_eq!(names("Dariusz JaroÅ\u{84}"), [n("Dariusz Jaroń", "")]);
        for link in [
            "Skip to main content",
            "Search this site",
            "Home",
            "More options",
        ] {
            assert_eq!(names(link), [], "{link}");
        }
        assert_eq!(
            names("By David Jackson - Fullstack Editorial Team"),
            [n("David Jackson", "Fullstack Editorial Team")]
        );
        // Persons either side of a dash are two persons.
        assert_eq!(
            names("Jane Doe - John Smith"),
            [n("Jane Doe", ""), n("John Smith", "")]
        );
        assert_eq!(names("By , USA TODAY"), []);
        for unfilled in ["page.head.extra.author", "{{ post.author }}", "%AUTHOR%"] {
            assert_eq!(names(unfilled), [], "{unfilled}");
        }
        assert_eq!(names("andrew.keaveney"), [n("andrew.keaveney", "")]);
        assert_eq!(names("sara.r.peter"), [n("sara.r.peter", "")]);
        assert_eq!(names("Author Isaiah Shelton"), [n("Isaiah Shelton", "")]);
        assert_eq!(names("More about this author"), []);
        assert_eq!(names("The Author"), []);
        assert_eq!(names("262588213843476"), []);
    }

    #[test]
    fn job_titles_beside_a_person_and_page_furniture_go() {
        // A byline element's second line is the person's title...
        let split_all = |lines: &[&str]| {
            just_names(split(
                &lines.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
            ))
        };
        assert_eq!(
            split_all(&["Stephen Jesudunsin", "AI Writer, Embarque"]),
            ["Stephen Jesudunsin"]
        );
        // ... but a page that signs with a title alone keeps it.
        assert_eq!(split_all(&["SFist Contributor"]), ["SFist Contributor"]);
        assert_eq!(
            split_all(&["WSET Global", "More posts from this author"]),
            ["WSET Global"]
        );
        assert_eq!(names("Learn More"), []);
        assert_eq!(names("Sign In"), []);
    }

    #[test]
    fn addresses_footnote_marks_and_lead_ins_leave_the_name() {
        assert_eq!(names("Newsdesk news@example.co.uk"), [n("Newsdesk", "")]);
        // An address alone is how the page signs: kept.
        assert_eq!(
            names("beatriz.pinto@example.studio"),
            [n("beatriz.pinto@example.studio", "")]
        );
        assert_eq!(
            names("Jennifer Huberty1, Jeni Green2"),
            [n("Jennifer Huberty", ""), n("Jeni Green", "")]
        );
        // Digits that are not a footnote stay.
        assert_eq!(names("Rapid7"), [n("Rapid7", "")]);
        assert_eq!(names("3d23d65-ddc6-4ce5"), [n("3d23d65-ddc6-4ce5", "")]);
        assert_eq!(
            names("Content by Melissa Dittmann Tracey"),
            [n("Melissa Dittmann Tracey", "")]
        );
        assert_eq!(names("Sat"), []);
        // Teams sign by the headline as persons do; headings do not.
        let visible = |raw: &str| just_names(split_visible(&[raw.to_string()]));
        assert_eq!(visible("by Marketing Team"), ["Marketing Team"]);
        assert_eq!(
            visible("By The Meetingnotes Team"),
            ["The Meetingnotes Team"]
        );
        assert!(visible("By the way, our team").is_empty());
        // Leads in other languages; names that start like one stay whole.
        for (raw, name) in [
            ("Von Max Mustermann", "Max Mustermann"),
            ("Door Jan de Vries", "Jan de Vries"),
            ("Av Lars Larsen", "Lars Larsen"),
            ("Przez Jan Kowalski", "Jan Kowalski"),
            ("Di Mario Rossi", "Mario Rossi"),
            ("Autor: Jan Novák", "Jan Novák"),
            ("Auteur : Jean Dupont", "Jean Dupont"),
            ("Автор: Иван Петров", "Иван Петров"),
            ("Oleh Budi Santoso", "Budi Santoso"),
            ("Oleh: Budi Santoso", "Budi Santoso"),
            ("Penulis: Budi Santoso", "Budi Santoso"),
            ("Reporter: Budi Santoso", "Budi Santoso"),
            ("Teksti: Matti Virtanen", "Matti Virtanen"),
            ("Tekst: Jan Jansen", "Jan Jansen"),
            ("Texto: Juan Pérez", "Juan Pérez"),
            ("Ein Artikel von Max Mustermann", "Max Mustermann"),
            ("Yazar: Ahmet Yılmaz", "Ahmet Yılmaz"),
            ("Haber: Ahmet Yılmaz", "Ahmet Yılmaz"),
            ("Szerző: Nagy János", "Nagy János"),
            ("Текст: Иван Петров", "Иван Петров"),
            ("Γράφει η Μαρία Παπαδοπούλου", "Μαρία Παπαδοπούλου"),
            ("Συντάκτης: Νίκος Γεωργίου", "Νίκος Γεωργίου"),
            ("作者：王小明", "王小明"),
            ("记者 李华", "李华"),
            ("文/张伟", "张伟"),
            ("記者 山田 太郎", "山田 太郎"),
            ("بقلم: محمد أحمد", "محمد أحمد"),
            ("كتب محمود عبد الله", "محمود عبد الله"),
            ("نویسنده: علی رضایی", "علی رضایی"),
            ("מאת דני כהן", "דני כהן"),
            ("โดย สมชาย ใจดี", "สมชาย ใจดี"),
            ("लेखक: राम कुमार", "राम कुमार"),
            ("By محمد أحمد", "محمد أحمد"),
            ("Leonardo DiCaprio", "Leonardo DiCaprio"),
            ("Diana Avery", "Diana Avery"),
            ("Dominic DiMaggio", "Dominic DiMaggio"),
        ] {
            assert_eq!(visible(raw), [name], "{raw}");
        }
        assert!(visible("Par for the course").is_empty());
        // Han characters without a lead, or a lead and a long phrase, are
        // no name.
        assert!(visible("新华社").is_empty());
        assert!(visible("作者：本报特约评论员文章").is_empty());
        assert!(visible("Por qué el puerto importa").is_empty());
        // Leads that need a colon start sentences without one.
        assert!(visible("Texto is a new app").is_empty());
        // In scripts without capitals, a lead and a sentence, a lead glued
        // to a word ("โดยเฉพาะ", "especially"), or a name without a lead
        // name nobody.
        assert!(visible("كتب الرئيس رسالة طويلة إلى أعضاء البرلمان أمس").is_empty());
        assert!(visible("โดยเฉพาะ ในช่วง ฤดูฝน").is_empty());
        assert!(visible("محمد أحمد").is_empty());
        assert!(visible("מאת: הכתב הצבאי שלנו בירושלים ובגליל המערבי").is_empty());
        assert_eq!(
            names("This post was written by Danielle Padula"),
            [n("Danielle Padula", "")]
        );
        assert_eq!(
            names("Authors: Julie Weisenhorn and Natalie Hoidal"),
            [n("Julie Weisenhorn", ""), n("Natalie Hoidal", "")]
        );
    }
}
