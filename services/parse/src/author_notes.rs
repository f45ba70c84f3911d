//! The article's own people out of its text, once the authors are known:
//! a byline the text repeats under the headline without "By" ("Manoj Jain
//! and Jagpreet Chhatwal | Guest Columnists"), and an author's note or box
//! at the end ("Jane Doe is a freelance writer…").

use std::sync::LazyLock;

use regex::Regex;

use crate::body::{Body, CLOSING_AFTER};

/// What follows an author's name in a note about them ("… is a freelance
/// writer", "… has covered tech since 2013", "…, Editor, studied …").
static AUTHOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:is|was|has|had|joined|writes|covers|lives|holds|studied|specializes|specialises|reports|started|founded|co-founded|serves|teaches|worked|graduated|earned)\b")
        .expect("valid regex")
});

/// Paragraphs at the end searched for an author's note.
const AUTHOR_NOTE_TAIL: usize = 2;

/// Paragraphs at the end searched for an author box's name line.
const AUTHOR_BOX_TAIL: usize = 4;

/// Longest paragraph taken for an author's note.
const AUTHOR_NOTE_LINE: usize = 800;

/// Paragraphs at the start searched for a byline without "By".
const BYLINE_HEAD: usize = 3;

/// Longest paragraph taken for such a byline.
const BYLINE_LINE: usize = 150;

/// Words besides the names a byline without "By" may hold: a role
/// ("Guest Columnists"), a degree ("PhD").
const BYLINE_OTHER_WORDS: usize = 3;

/// A byline the text repeats without "By": a short paragraph that starts
/// with an author's full name and holds little besides the authors' names,
/// separators and a role ("Manoj Jain and Jagpreet Chhatwal | Guest
/// Columnists", "Jennifer Huberty1, PhD ;", "Tim Enwall"). A sentence that
/// starts with the name ("Rahul Tyagi, CEO of SECQAI, delves into…") stays.
fn is_byline(p: &str, names: &[&str]) -> bool {
    // A lead in another language than English ("Von", "Oleh:", "Par") may
    // come first: the body's own byline rule reads only "By".
    let p = crate::authors::strip_lead(p);
    if p.len() > BYLINE_LINE || !names.iter().any(|n| n.contains(' ') && p.starts_with(n)) {
        return false;
    }
    let mut rest = p.to_string();
    for name in names.iter().filter(|n| !n.is_empty()) {
        rest = rest.replace(name, " ");
    }
    rest.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && !crate::authors::AND_WORDS.contains(w))
        .count()
        <= BYLINE_OTHER_WORDS
}

/// A byline the text repeats among its first three paragraphs without
/// "By": a paragraph of at most 150 bytes that starts with an author's full
/// name and holds at most three words besides the authors' names and
/// separators ("Manoj Jain and Jagpreet Chhatwal | Guest Columnists",
/// "Jennifer Huberty1, PhD ;", "Tim Enwall"); a sentence that starts with
/// the name stays. `names` are the article's authors. Development corpus:
/// 3 pages better (a news byline 0.980 -> 0.984), 2 worse (a journal
/// article and a resource page whose truths keep their lists of authors).
pub fn bylines_removed(body: &mut Body, names: &[&str]) {
    let paragraphs: Vec<&str> = body.text.split("\n\n").collect();
    let mut gone = Vec::new();
    let kept: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let byline = *i < BYLINE_HEAD && paragraphs.len() > BYLINE_HEAD && is_byline(p, names);
            if byline {
                gone.push(p.to_string());
            }
            !byline
        })
        .map(|(_, p)| *p)
        .collect();
    if gone.is_empty() {
        return;
    }
    body.text = kept.join("\n\n");
    body.bylines.extend(gone.iter().cloned());
    body.removed.extend(gone);
}

/// An author's note out of the text: one of the last two paragraphs that
/// starts with an author's full name, or first name, and a verb that
/// introduces a person ("Jane Doe is a freelance writer living in …",
/// "Jane has covered …", "Jean-Luc started the site in 2010 …"), or with the full name and a comma ("Jane Doe,
/// Editor, studied …"). Development corpus: of 35 such paragraphs, 28 are
/// not in the truth (the 7 that are: guest essays whose truth keeps the
/// note). Before that, an author box: an author's name alone on one of the
/// last four lines, with at most 2,000 bytes after it ("Jayesh Shinde",
/// "Executive Editor at Digit…"), goes with what follows it (of 20 such
/// lines, 19 are in no truth). `names` are the article's authors.
pub fn notes_removed(body: &mut Body, names: &[&str]) {
    let mut paragraphs: Vec<&str> = body.text.split("\n\n").collect();
    if paragraphs.len() <= 2 * AUTHOR_NOTE_TAIL {
        return;
    }
    let is_note = |p: &str| {
        p.len() <= AUTHOR_NOTE_LINE
            // A person's name: an organisation named as author ("Budlong")
            // is one word, and the article often ends on what it does.
            && names.iter().filter(|name| name.contains(' ')).any(|name| {
                let first = name.split_whitespace().next().unwrap_or_default();
                let by_full = p
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(", ") || AUTHOR_NOTE.is_match(rest));
                let by_first = first.chars().count() >= 3
                    && p.strip_prefix(first).is_some_and(|rest| AUTHOR_NOTE.is_match(rest));
                by_full || by_first
            })
    };
    let mut notes = Vec::new();
    // An author box: the name alone on a line, then a role or a note.
    let box_tail = paragraphs.len() - AUTHOR_BOX_TAIL;
    let mut after = 0;
    let mut starts = None;
    for (i, p) in paragraphs.iter().enumerate().skip(box_tail).rev() {
        if after > CLOSING_AFTER {
            break;
        }
        if names.contains(p) {
            starts = Some(i);
        }
        after += p.len();
    }
    if let Some(i) = starts {
        notes.extend(paragraphs.drain(i..).map(str::to_string));
    }
    // The box may have left fewer paragraphs than the tail searched.
    let tail = paragraphs.len().saturating_sub(AUTHOR_NOTE_TAIL);
    let mut i = paragraphs.len();
    while i > tail {
        i -= 1;
        if is_note(paragraphs[i]) {
            notes.push(paragraphs.remove(i).to_string());
        }
    }
    if notes.is_empty() {
        return;
    }
    body.text = paragraphs.join("\n\n");
    body.removed.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_without_by_under_the_headline_leaves_the_text() {
        let article = [
            "The council voted on Tuesday to approve the harbour plan.",
            "Opponents said they would take the decision to court.",
            "A second vote is due in May.",
        ];
        let names = ["Manoj Jain", "Jagpreet Chhatwal"];
        for byline in [
            "Manoj Jain and Jagpreet Chhatwal | Guest Columnists",
            "Manoj Jain1, PhD ; Jagpreet Chhatwal2, MS",
            "Manoj Jain",
            // With a lead in another language.
            "Von Manoj Jain und Jagpreet Chhatwal",
            "Oleh: Manoj Jain",
        ] {
            let mut body = Body {
                text: [&[byline][..], &article[..]].concat().join("\n\n"),
                ..Body::default()
            };
            bylines_removed(&mut body, &names);
            assert_eq!(body.text, article.join("\n\n"), "{byline}");
            assert_eq!(body.removed, [byline]);
        }
        // A sentence that starts with the name stays, and so does the
        // name further down the article.
        for kept in [
            "Manoj Jain, who runs the clinic, says the harbour plan will cost the town dearly.",
            "Manoj Jain reports on the council for the paper and has done so for years.",
            "Von Manoj Jain stammt der Plan, den der Rat am Dienstag beschloss.",
        ] {
            let text = [&[kept][..], &article[..]].concat().join("\n\n");
            let mut body = Body {
                text: text.clone(),
                ..Body::default()
            };
            bylines_removed(&mut body, &names);
            assert_eq!(body.text, text);
        }
        let text = [&article[..], &["Manoj Jain"][..]].concat().join("\n\n");
        let mut body = Body {
            text: text.clone(),
            ..Body::default()
        };
        bylines_removed(&mut body, &names);
        assert_eq!(body.text, text);
    }

    #[test]
    fn an_authors_note_at_the_end_leaves_the_text() {
        let article = [
            "Irene Okpanachi tested twelve lamps over a month.",
            "The council voted on Tuesday.",
            "A second vote is due in May.",
            "Irene would buy the cheapest one again.",
        ];
        let notes = [
            "Irene is an experienced writer with five years' experience in the Tech niche.",
            "Amanda Furrer, Editor, Running Reviews, studied journalism at NYU.",
        ];
        // A founder's note names the author by first name ("Jean-Luc
        // started CNX Software in 2010 …"), with a hyphen and a handle.
        let founder = "Jean-Luc started the site in 2010 as a part-time endeavour.";
        let mut body = Body {
            text: [&article[..], &[founder]].concat().join("\n\n"),
            ..Body::default()
        };
        notes_removed(&mut body, &["Jean-Luc Aufranc (CNXSoft)"]);
        assert_eq!(body.text, article.join("\n\n"));
        let mut body = Body {
            text: article
                .iter()
                .chain(&notes)
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n"),
            ..Body::default()
        };
        notes_removed(&mut body, &["Irene Okpanachi", "Amanda Furrer"]);
        assert_eq!(body.text, article.join("\n\n"));
        assert_eq!(body.removed.len(), 2);
        // An organisation named as author, a note not at the end, a name
        // that is no author: all stay.
        for (names, last) in [
            (["Budlong"], "Budlong is dedicated to plumbing engineering."),
            (["Jane Roe"], "Irene is an experienced writer."),
        ] {
            let text = [&article[..], &[last]].concat().join("\n\n");
            let mut body = Body {
                text: text.clone(),
                ..Body::default()
            };
            notes_removed(&mut body, &names);
            assert_eq!(body.text, text);
        }
        // An author box: the name alone, then what the author does.
        let author_box = ["Jayesh Shinde", "Executive Editor at Digit."];
        let mut body = Body {
            text: [&article[..], &author_box[..]].concat().join("\n\n"),
            ..Body::default()
        };
        notes_removed(&mut body, &["Jayesh Shinde"]);
        assert_eq!(body.text, article.join("\n\n"));
        // A box that leaves a single paragraph.
        let mut body = Body {
            text: [
                "One paragraph.",
                "Jayesh Shinde",
                "Editor.",
                "At Digit.",
                "Since 2008.",
            ]
            .join("\n\n"),
            ..Body::default()
        };
        notes_removed(&mut body, &["Jayesh Shinde"]);
        assert_eq!(body.text, "One paragraph.");
        let early = [&notes[..1], &article[..]].concat().join("\n\n");
        let mut body = Body {
            text: early.clone(),
            ..Body::default()
        };
        notes_removed(&mut body, &["Irene Okpanachi"]);
        assert_eq!(body.text, early);
    }
}
