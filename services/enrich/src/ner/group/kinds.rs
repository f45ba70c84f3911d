//! The type of an entity: what most of its mentions were tagged, unless
//! the article shows it otherwise (a dateline, a place noun after it, a
//! person named whole, a country's name that is a first name too).

use super::in_whole_name;
use crate::countries;
use crate::ner::{Found, Kind};

/// Most mentions of a person's short form per mention of the whole name
/// for the whole name to decide the type (see [`Group::kind`]).
const SHORT_FORMS_PER_WHOLE: i32 = 5;

/// The tagged mentions of one name, while grouping.
pub(super) struct Group {
    pub(super) name: String,
    pub(super) spans: Vec<(usize, usize)>,
    /// The spans of `spans` that are places where something happens (a
    /// dateline, "in Chicago"): a place whatever the name's other mentions
    /// make it (a team).
    pub(super) venues: Vec<(usize, usize)>,
    /// Mentions per [`Kind`], in its order.
    kinds: [usize; 4],
    /// Whether a dateline names it: a place, not a person.
    on_dateline: bool,
    /// Whether a mention stands before a place noun ("the disputed
    /// Nagorno-Karabakh region").
    before_place_noun: bool,
    /// Mentions of a first name and more the tagger typed a person, less
    /// those of as many words it typed otherwise.
    whole_person: i32,
    pub(super) confidence: f64,
}

impl Group {
    pub(super) fn new(name: String) -> Self {
        Group {
            name,
            spans: Vec::new(),
            venues: Vec::new(),
            kinds: [0; 4],
            on_dateline: false,
            before_place_noun: false,
            whole_person: 0,
            confidence: 0.0,
        }
    }

    /// Adds the mention `f` of `body`, at `span` in characters; `dateline`
    /// says whether it is the story's dateline.
    pub(super) fn add(&mut self, body: &str, f: &Found, span: (usize, usize), dateline: bool) {
        self.spans.push(span);
        if f.kind == Kind::Location && (dateline || is_venue(body, f.start)) {
            self.venues.push(span);
        }
        self.on_dateline |= dateline;
        self.before_place_noun |= is_before_place_noun(body, f.end);
        if let Some((first, _)) = body[f.start..f.end].split_once(' ') {
            // Not a town's name the tagger ran on into the next word
            // ("Barcelona Olmo", "Richmond Jewish"), though many towns are
            // first names too.
            if crate::ner::features::is_person_name(first)
                && !crate::ner::features::is_known_place_or_country(&[first])
            {
                self.whole_person += if f.kind == Kind::Person { 1 } else { -1 };
            }
        }
        self.kinds[f.kind as usize] += 1;
        self.confidence = self.confidence.max(f.confidence);
    }

    /// The group's type; `found` are all the article's tagged mentions.
    pub(super) fn kind(&self, body: &str, found: &[Found]) -> Kind {
        // The type most mentions have; on a tie, the first in Kind's order.
        let most = self.kinds.iter().copied().max().unwrap_or(0);
        let kind = [
            Kind::Person,
            Kind::Organization,
            Kind::Location,
            Kind::Other,
        ][self.kinds.iter().position(|&k| k == most).unwrap_or(3)];
        // A person named whole by a first name and more is a person
        // though the tagger took the surname alone for something else more
        // often ("Anthony Hill" once, "said Hill" a place five times).
        // Not where the short form outnumbers the whole name more than
        // `SHORT_FORMS_PER_WHOLE` times: the tagger ran a word on into a
        // brand's name once ("Like Allianz"), which the article writes
        // thirty times alone.
        let mentions = self.spans.len() as i32;
        let whole_person = self.whole_person > 0
            && mentions - self.whole_person <= SHORT_FORMS_PER_WHOLE * self.whole_person;
        let kind = if whole_person { Kind::Person } else { kind };
        // A name the dateline gives is where the story was filed, a
        // place, though the tagger took its other mentions for a person
        // ("LANDGRAAF" and "between Roermond and Landgraaf"). A team keeps
        // its type: its town's dateline is a venue, split off by the
        // caller. So is a name before a place noun ("the Nagorno-Karabakh
        // region"), and a country whose name is a first name too ("Chad",
        // "Jordan": the gazetteer leaves them to the tagger) where no
        // person of the article bears it in a whole name ("Michael
        // Jordan"): a person is seldom named by a first name alone in
        // news. Without a code: "Georgia" may be the state.
        let country = || {
            !self.name.contains(' ')
                && countries::is_common_name(&self.name)
                && !in_whole_name(body, found, &self.name)
        };
        if kind == Kind::Person && (self.on_dateline || self.before_place_noun || country()) {
            Kind::Location
        } else {
            kind
        }
    }
}

/// Whether the name at byte `start` of `body` follows "in" or "at" (in
/// any case): where something happens, a place, though a team bears its
/// name ("In Chicago , the Braves", "KANSAS CITY AT DETROIT").
pub(super) fn is_venue(body: &str, start: usize) -> bool {
    let word = body[..start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    word.eq_ignore_ascii_case("in") || word.eq_ignore_ascii_case("at")
}

/// Whether the word after `end` is a place noun ("region", "province":
/// [`crate::ner::around::PLACE_NOUNS`]).
fn is_before_place_noun(body: &str, end: usize) -> bool {
    let word = body[end..]
        .trim_start_matches(' ')
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    crate::ner::around::PLACE_NOUNS.contains(&word)
}
