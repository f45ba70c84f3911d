//! Corrections read off the words around a tagged name, as news copy
//! writes them: a company's kind before its name ("carmaker Renault"), a
//! listed organisation's acronym whatever its sentence makes it look like
//! ("into the EU"), an acronym defined in parentheses ("( NAPM )"), a place noun after a place ("the Nowshera sector"), an
//! office title to cut ("Chancellor Angela Merkel"), a dateline in capitals
//! ("CANBERRA, March 12"), a state's abbreviation after a town
//! ("Sacramento, Calif."), a role only an organisation has ("ISRO chief"),
//! a player's position ("center Ivica Zubac"), a plural verb after a club
//! ("Barcelona have"), a place's name ending in an organisation's kind
//! ("Delta Hospital"), a town and a newspaper's word ("Jakarta Post"), an
//! organisation run on into its country
//! ("Karlsruhe of Germany"), an event's word ending a name ("Hamburg Open", other),
//! an adjective that is no place ("Middle Eastern"), a
//! possessive after a name ("Paul’s deputy"). Applied by
//! [`super::refine::all`], so the trainer's scorer measures them too.
//! Written from errors on real news (bench/ner/semeval_news.py).

mod acronyms;
mod events;
mod organisations;
mod outlets;
mod people;
mod places;

pub use acronyms::{
    acronyms_before_members, defined_acronyms, institution_words, known_acronyms, spelled_acronyms,
};
pub use events::{events, indices};
pub use organisations::{after_kind, of_country, organisation_ends, plural_subjects, roles_after};
pub use outlets::{before_outlets, newspapers};
pub(in crate::ner) use people::PLAYER_POSITIONS;
pub use people::{
    after_position, doubled_names, initials_and_particles, party_words, possessives, titles,
};
pub(in crate::ner) use places::PLACE_NOUNS;
pub use places::{
    adjectival_places, after_place_noun_of, before_place_noun, countries_as_places,
    places_in_capitals, possessive_places, state_abbreviations, towns_before_countries,
};

/// Zipf frequency from which a word is common English: a run of such
/// words the tagger left out ("the app Store Listing", "the platform
/// Starting") is no evidence of a name.
const COMMON_ZIPF: f32 = 4.0;

/// Whether `word`, in lower case, is common English ([`COMMON_ZIPF`]).
pub(super) fn is_common_word(word: &str) -> bool {
    crate::ner::features::zipf(&word.to_lowercase()).is_some_and(|z| z >= COMMON_ZIPF)
}

/// Whether every word is written in capitals (letters, no lower case).
pub(super) fn in_capitals(words: &[&str]) -> bool {
    words
        .iter()
        .all(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
}
