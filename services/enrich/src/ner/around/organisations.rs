//! Organisations named by the words around them: a company's kind before
//! the name ("carmaker Renault"), a role only an organisation has after it
//! ("ISRO chief"), an organisation's kind after a place ("Tokyo Stock
//! Exchange", "London Newsroom"), a plural verb after a club ("Barcelona
//! have"), a country after "of" ("Karlsruhe of Germany").

use super::{in_capitals, is_common_word};
use crate::ner::features;
use crate::ner::refine::{
    is_capitalised, is_one_of, label_span, EVERYDAY_TAILS, LOC, ORG, ORGANISATION_TAILS,
    PLACE_ENDINGS,
};

/// Lower-case nouns that name what kind of company, outlet or club the
/// capitalised words right after them are ("the French carmaker Renault",
/// "sportswear giant Nike", "news agency Yonhap", "messaging app
/// WhatsApp"). Words that stand before people as often ("party", "team",
/// "company's founder") are not among them.
const KINDS: &[&str] = &[
    "airline",
    "app",
    "automaker",
    "bank",
    "brand",
    "brewer",
    "broadcaster",
    "carmaker",
    "chipmaker",
    "club",
    "company",
    "conglomerate",
    "drugmaker",
    "exchange",
    "firm",
    "giant",
    "group",
    "insurer",
    "label",
    "lender",
    "magazine",
    "manufacturer",
    "miner",
    "network",
    "newspaper",
    "outlet",
    "planemaker",
    "platform",
    "publisher",
    "regulator",
    "retailer",
    "startup",
    "start-up",
    "supermarket",
    "tabloid",
    "watchdog",
];

/// Acronyms of things, not of companies, that follow a kind noun ("the
/// platform AI features", "the company HR team").
const GENERIC_ACRONYMS: &[&str] = &[
    "AI", "API", "CEO", "CFO", "CRM", "GPS", "HR", "ID", "IT", "PDF", "PR", "SEO", "SMS", "TV",
    "UI", "URL", "USB", "UX", "VPN",
];

/// Capitalised words that are no company's name after a kind noun (nor
/// are a weekday or a month: "the firm Monday said", "the bank in
/// January", see `sports::is_calendar_word`).
pub(super) const NOT_NAMES: &[&str] = &[
    "I", "The", "A", "An", "This", "That", "It", "He", "She", "They", "We",
];

/// Longest run of capitalised words taken for a company's name.
const LONGEST_NAME: usize = 4;

/// Labels the capitalised words right after a kind noun (`KINDS`) as an
/// organisation: whatever the tagger made of them ("Nike" a person,
/// "Nissan" left out), "sportswear giant Nike" names a company. The run
/// is left alone if it starts with a title before a person the tagger
/// found ("the company Chairman Lee"; not "carmaker General Motors"), a
/// weekday or month, or runs longer than `LONGEST_NAME` words (a
/// heading in title case), or if it is only part of a longer name the
/// tagger found.
pub fn after_kind(words: &[&str], labels: &mut [&str]) {
    for k in 0..words.len().saturating_sub(1) {
        // Cheap tests first: this runs on every word of every sentence.
        if !is_capitalised(words[k + 1]) || labels[k] != "O" || !KINDS.contains(&words[k]) {
            continue;
        }
        let start = k + 1;
        let end = (start..words.len())
            .find(|&j| !is_capitalised(words[j]))
            .unwrap_or(words.len());
        let run = &words[start..end];
        // A title before a person the tagger found ("Chairman Lee"), not
        // a company's first word ("General Motors").
        let titled = features::is_title_cue(&run.first().unwrap_or(&"").to_lowercase())
            && labels[start..end].iter().any(|l| l.ends_with("-PER"));
        if run.is_empty()
            || run.len() > LONGEST_NAME
            || NOT_NAMES.contains(&run[0])
            || crate::ner::sports::is_calendar_word(run[0])
            || titled
        {
            continue;
        }
        let found = labels[start..end].iter().any(|l| *l != "O");
        // "APIs", "ATMs": plural acronyms are things.
        let plural_acronym = |w: &&str| {
            w.len() > 2
                && w.ends_with('s')
                && w[..w.len() - 1].chars().all(|c| c.is_ascii_uppercase())
        };
        if (!found && run.iter().all(|w| is_common_word(w)))
            || run.iter().any(plural_acronym)
            || (run.len() == 1 && GENERIC_ACRONYMS.contains(&run[0]))
        {
            continue;
        }
        // A name the tagger found running past the capitalised words (or
        // starting before them) is a longer name: leave it be.
        let continues = labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if continues || labels[start].starts_with("I-") {
            continue;
        }
        label_span(labels, start, end, ORG);
    }
}

/// Lower-case words after a name that make it an organisation's ("ISRO
/// chief K Sivan", "Barcelona boss", "Ford chief executive").
const ROLES_AFTER: &[&str] = &[
    "boss",
    "ceo",
    "chairman",
    "chairwoman",
    "chief",
    "coach",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// A place (not a country) or an acronym taken for a person, right before
/// a role only an organisation has (`ROLES_AFTER`), is an organisation:
/// the tagger had "ISRO" of "ISRO chief K Sivan" a place. A country keeps
/// its label ("Japan coach": national teams are their countries' places
/// in news NER corpora), and a state's chief minister his state.
pub fn roles_after(words: &[&str], labels: &mut [&str]) {
    if !words.iter().any(|w| ROLES_AFTER.contains(w)) {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        let Some(role) = words.get(end) else { continue };
        let name = &words[first..end];
        let taken = match kind.as_str() {
            "LOC" => !crate::countries::is_country(&name.join(" ")),
            "PER" => name.len() == 1 && in_capitals(name) && name[0].len() >= 2,
            _ => false,
        };
        let state_title = *role == "chief"
            && words
                .get(end + 1)
                .is_some_and(|w| matches!(*w, "minister" | "secretary" | "justice" | "of"));
        if taken && ROLES_AFTER.contains(role) && !state_title {
            label_span(labels, first, end, ORG);
        }
    }
}

/// A name the tagger took for a place that ends in a word only
/// organisations' names end in ("Delta Hospital", "Alabama Legislature":
/// a place's name and the body's kind; not "West Bank" or "Soviet
/// Union") is the organisation, unless the gazetteer knows the whole as a
/// place.
pub fn organisation_ends(words: &[&str], labels: &mut [&str]) {
    // Most sentences hold no such word inside or after a place: the spans
    // are not built then.
    let after_place = |i: usize| {
        labels[i - 1].ends_with("-LOC") && labels[i] != "B-LOC" && is_capitalised(words[i])
    };
    if !(1..words.len()).any(after_place) || !words.iter().any(|w| is_kind_end(w)) {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind != "LOC" {
            continue;
        }
        let last = words[end - 1];
        if end - first >= 2 && is_kind_end(last) && !features::is_known_place(&words[first..end]) {
            label_span(labels, first, end, ORG);
        } else if let Some(to) = kind_after_place(words, labels, end) {
            label_span(labels, first, to, ORG);
        }
    }
}

/// Words that end the name of an organisation's office after its town
/// ("London Newsroom", "New York Energy Desk", "Ottawa Bureau"), lower
/// case: read only after a place, as they end everyday phrases too ("Help
/// Desk").
const OFFICE_TAILS: &[&str] = &["bureau", "desk", "newsroom"];

/// Whether `word`, capitalised, ends an organisation's name after a
/// place's: an organisation's kind ([`ORGANISATION_TAILS`]) that ends no
/// place's name ("West Bank") and is no everyday phrase's end ("US
/// Group"), or an office's ([`OFFICE_TAILS`]).
fn is_kind_end(word: &str) -> bool {
    is_capitalised(word)
        && ((is_one_of(word, ORGANISATION_TAILS)
            && !is_one_of(word, PLACE_ENDINGS)
            && !is_one_of(word, EVERYDAY_TAILS))
            || is_one_of(word, OFFICE_TAILS))
}

/// Longest run of capitalised words the tagger left out read after a
/// place for an organisation's kind ("Stock Exchange", "Energy Desk").
const LONGEST_KIND_RUN: usize = 3;

/// Where the organisation ends that a place opens, when the place the
/// tagger found (ending before `end`) is followed by an organisation's
/// kind ([`is_kind_end`]): capitalised words the tagger left out that end
/// in one ("Tokyo Stock Exchange", "N'Djamena University", "U.S.
/// Treasury", "London Newsroom"), or an organisation it found there that
/// does ("London" and "International Financial Futures and Options
/// Exchange"). Not where the kind heads a longer name ("U.S. Department
/// of Energy", "California Institute of Technology": the place may be
/// part of it or not).
fn kind_after_place(words: &[&str], labels: &[&str], end: usize) -> Option<usize> {
    let to = if labels.get(end) == Some(&ORG.0) {
        let mut to = end + 1;
        while labels.get(to) == Some(&ORG.1) {
            to += 1;
        }
        Some(to).filter(|&to| is_kind_end(words[to - 1]))
    } else {
        (end..words.len().min(end + LONGEST_KIND_RUN))
            .take_while(|&k| labels[k] == "O" && is_capitalised(words[k]))
            .filter(|&k| is_kind_end(words[k]))
            .last()
            .map(|k| k + 1)
    };
    // "on" and a day or month is when: "the U.S. Treasury Department on
    // Wednesday denied".
    let when = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| crate::ner::breaks::is_day_or_month(w))
    };
    to.filter(|&to| {
        labels.get(to).is_none_or(|l| !l.starts_with("I-"))
            && words.get(to).is_none_or(|w| {
                !matches!(*w, "of" | "for" | "on" | "and" | "&") || (*w == "on" && when(to + 1))
            })
    })
}

/// Words after which a place written as the subject of a plural verb is a
/// club: "Barcelona have tabled an offer" (British sports copy agrees the
/// verb with the team's players). Not a country (national teams are
/// places), not a place after "in" ("schools in Chicago are") or one of
/// several subjects ("Arizona and Nebraska are").
pub fn plural_subjects(words: &[&str], labels: &mut [&str]) {
    if !words.iter().any(|w| matches!(*w, "have" | "are" | "were")) {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        let verb = words
            .get(end)
            .is_some_and(|w| matches!(*w, "have" | "are" | "were"));
        // Not after "and" or a comma: "Kentucky and New Jersey have" is
        // plural for its two subjects.
        let subject = first == 0
            || matches!(
                words[first - 1],
                "but" | "while" | "as" | "when" | "after" | "that" | ":" | "—" | "-"
            );
        let name = &words[first..end];
        if kind == "LOC"
            && verb
            && subject
            && !crate::countries::is_country(&name.join(" "))
            && !name.last().is_some_and(|w| w.ends_with('s'))
        {
            label_span(labels, first, end, ORG);
        }
    }
}

/// Words that make "X of <country>" one name: a state's body, a ruler,
/// a people ("Government of India", "King of Spain", "Republic of
/// Korea"), besides the institutions' heads and tails of
/// [`crate::ner::refine`].
const OF_COUNTRY_HEADS: &[&str] = &[
    "government",
    "embassy",
    "consulate",
    "republic",
    "kingdom",
    "people",
    "peoples",
    "state",
    "states",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "president",
    "diocese",
];

/// An organisation the tagger ran on into "of" and a country
/// ("Karlsruhe of Germany", "Toyota of Japan") is the organisation and the
/// country, as news corpora mark them; not an institution's name that
/// holds its country ("Bank of Japan", "Communist Party of China",
/// "Government of India": `OF_COUNTRY_HEADS`; "National Gallery of
/// Canada": a common word).
pub fn of_country(words: &[&str], labels: &mut [&str]) {
    // Most sentences have no "of" inside an organisation's name.
    if !(0..words.len()).any(|k| words[k] == "of" && labels[k] == "I-ORG") {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind != "ORG" {
            continue;
        }
        let Some(of) = (first + 1..end.saturating_sub(1)).find(|&k| words[k] == "of") else {
            continue;
        };
        let head = &words[first..of];
        let last = head[head.len() - 1];
        let joint = |w: &str| {
            is_one_of(w, OF_COUNTRY_HEADS)
                || is_one_of(w, crate::ner::refine::INSTITUTION_HEADS)
                || is_one_of(w, ORGANISATION_TAILS)
        };
        // A common word in the name makes it an institution's too ("National
        // Gallery of Canada"): Zipf 4.5 and over, above "Moscow" (4.4).
        let common = |w: &str| features::zipf(&w.to_lowercase()).is_some_and(|z| z >= 4.5);
        if head.iter().all(|w| is_capitalised(w))
            && !head.iter().any(|w| joint(w) || common(w))
            && !features::is_title_cue(&last.to_lowercase())
            && crate::countries::is_country(&words[of + 1..end].join(" "))
        {
            labels[of] = "O";
            label_span(labels, of + 1, end, LOC);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn an_organisation_of_a_country_is_the_two() {
        let o = "O";
        check(
            of_country,
            &[
                (
                    "against Karlsruhe of Germany .",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", o, "B-LOC", o],
                ),
                (
                    "Dinamo Moscow of Russia won",
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &["B-ORG", "I-ORG", o, "B-LOC", o],
                ),
            ],
        );
        let org = |n: usize| {
            let mut l = vec!["I-ORG"; n];
            l[0] = "B-ORG";
            l
        };
        let unchanged: &[(&str, &[&'static str])] = &[
            ("Bank of Japan", &org(3)),
            ("Communist Party of China", &org(4)),
            ("Government of India", &org(3)),
            ("King of Spain", &org(3)),
            // Not a country after "of", not an organisation.
            ("University of Michigan", &org(3)),
            ("National Gallery of Canada", &org(4)),
            ("Karlsruhe of Baden", &org(3)),
            ("Republic of Korea", &["B-LOC", "I-LOC", "I-LOC"]),
        ];
        check_unchanged(of_country, unchanged);
    }

    #[test]
    fn a_kind_noun_names_the_company_after_it() {
        let o = "O";
        check(
            after_kind,
            &[
                (
                    "the French carmaker Renault named",
                    &[o, "B-MISC", o, o, o],
                    &[o, "B-MISC", o, "B-ORG", o],
                ),
                (
                    "sportswear giant Nike said",
                    &[o, o, "B-PER", o],
                    &[o, o, "B-ORG", o],
                ),
                (
                    "news agency Yonhap and carmaker Hyundai Motor said",
                    &[o, o, "B-ORG", o, o, o, o, o],
                    &[o, o, "B-ORG", o, o, "B-ORG", "I-ORG", o],
                ),
                // A title that begins a company's name.
                (
                    "carmaker General Motors Co said",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                // Not a name: a weekday, a title, a longer name found,
                // common words left out, a generic or plural acronym.
                ("the firm Monday said", &[o, o, o, o], &[o, o, o, o]),
                ("the app Store Listing", &[o, o, o, o], &[o, o, o, o]),
                ("the platform APIs and company HR", &[o; 6], &[o; 6]),
                (
                    "the company Chairman Lee Jae-yong",
                    &[o, o, o, "B-PER", "I-PER"],
                    &[o, o, o, "B-PER", "I-PER"],
                ),
                (
                    "bank Sarasin Alpen Kanal Partners Group fund",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
            ],
        );
    }

    #[test]
    fn a_place_ending_in_an_organisations_kind_is_the_organisation() {
        let o = "O";
        check(
            organisation_ends,
            &[
                (
                    "at Delta Hospital and the Alabama Legislature",
                    &[o, "B-LOC", "I-LOC", o, o, "B-LOC", "I-LOC"],
                    &[o, "B-ORG", "I-ORG", o, o, "B-ORG", "I-ORG"],
                ),
                // Not a kind a place may end in, or lower case.
                (
                    "the West Bank",
                    &[o, "B-LOC", "I-LOC"],
                    &[o, "B-LOC", "I-LOC"],
                ),
                ("Delta hospital", &["B-LOC", "I-LOC"], &["B-LOC", "I-LOC"]),
                // A place and the kind's words the tagger left out or took
                // for an organisation of their own.
                (
                    "on the Tokyo Stock Exchange , said Bucharest Newsroom",
                    &[o, o, "B-LOC", o, o, o, o, "B-LOC", "I-LOC"],
                    &[o, o, "B-ORG", "I-ORG", "I-ORG", o, o, "B-ORG", "I-ORG"],
                ),
                (
                    "the London International Futures and Options Exchange ( LIFFE )",
                    &[
                        o, "B-LOC", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o,
                    ],
                    &[
                        o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o,
                    ],
                ),
                // "on" and a day after it is when.
                (
                    "the U.S. Treasury Department on Wednesday denied",
                    &[o, "B-LOC", "B-ORG", "I-ORG", o, o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, o, o],
                ),
            ],
        );
        check_unchanged(
            organisation_ends,
            &[
                // The kind heads a longer name, whose place may be its own.
                (
                    "the U.S. Department of Energy",
                    &[o, "B-LOC", o, o, "B-ORG"],
                ),
                // An everyday phrase's end, or lower case.
                ("the US Group stage", &[o, "B-LOC", o, o]),
                (
                    "the U.S. Council on Foreign Relations",
                    &[o, "B-LOC", "B-ORG", o, "B-ORG", "I-ORG"],
                ),
                ("the Warsaw stock exchange", &[o, "B-LOC", o, o]),
            ],
        );
    }

    #[test]
    fn a_role_after_a_name_makes_it_an_organisation() {
        let o = "O";
        check(
            roles_after,
            &[
                (
                    "ISRO chief K Sivan",
                    &["B-LOC", o, "B-PER", "I-PER"],
                    &["B-ORG", o, "B-PER", "I-PER"],
                ),
                ("Barcelona boss", &["B-LOC", o], &["B-ORG", o]),
                // A country's team, a state's chief minister.
                ("Japan coach", &["B-LOC", o], &["B-LOC", o]),
                ("Kerala chief minister", &["B-LOC", o, o], &["B-LOC", o, o]),
            ],
        );
    }

    #[test]
    fn a_place_before_a_plural_verb_is_a_club() {
        let o = "O";
        check(
            plural_subjects,
            &[
                ("Barcelona have tabled", &["B-LOC", o, o], &["B-ORG", o, o]),
                // A country, several subjects, a place after "in".
                ("Spain have won", &["B-LOC", o, o], &["B-LOC", o, o]),
                (
                    "Arizona and Nebraska are",
                    &["B-LOC", o, "B-LOC", o],
                    &["B-LOC", o, "B-LOC", o],
                ),
                (
                    "schools in Chicago are",
                    &[o, o, "B-LOC", o],
                    &[o, o, "B-LOC", o],
                ),
            ],
        );
    }
}
