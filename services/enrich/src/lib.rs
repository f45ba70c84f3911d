//! The enrich stage (`articles.unique` → `articles.enriched`): adds what
//! downstream consumers search, filter and cluster by, offline and on CPU,
//! never removing what parse found. This first version adds the language
//! and script ([`language`], whatlang and lingua), keywords ([`keywords`], YAKE-style),
//! dates mentioned in the text ([`mentions`]), a document tone ([`tone`]),
//! word count and reading time, quotations with their speakers
//! ([`quotes`], English), countries, capitals and nationality words with
//! ISO codes and the main countries ([`countries`], a gazetteer), and names
//! every annotator with its version; and, for English, named entities
//! (people, organisations, places, other names) by a CRF tagger ([`ner`]),
//! reconciled with the gazetteer and grouped per article.

pub mod countries;
pub mod keywords;
pub mod language;
pub mod mentions;
pub mod metrics;
pub mod ner;
pub mod quotes;
mod stage;
pub mod tone;

use newsflow_contracts::v1::{
    Annotator, Enrichment, Entity, Keyword, MentionedDate, Quotation, Span,
};
use newsflow_contracts::Article;

pub use stage::{EnrichStage, ADMIN_PORT};

/// A hash map with foldhash: the annotators hash many short strings per
/// article, where the standard SipHash showed in profiles.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set with [`FastMap`]'s hasher.
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// `word` in lower case, borrowed where it already is (most words of a
/// text): the annotators lower-case every word, and a `String` per word
/// showed in their profiles.
pub(crate) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// Text read for language detection (it settles long before).
const LANGUAGE_SAMPLE: usize = 4_000;

/// The contract's span of [start, end) character offsets.
fn span((start, end): (usize, usize)) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
    }
}

/// Countries, capitals and nationality words only (languages the tagger
/// was not trained for).
fn places_only(title: &str, body: &str) -> (Vec<ner::group::Entity>, Vec<String>) {
    let (places, main) = countries::find(title, body);
    let entities = places.into_iter().map(ner::group::Entity::from).collect();
    (entities, main)
}

/// The enrichment of one article.
pub fn enrich(article: &Article) -> Enrichment {
    let mut e = Enrichment::default();
    let text = format!("{}\n{}", article.title, article.body_text);
    let sample: String = text.chars().take(LANGUAGE_SAMPLE).collect();
    match language::decide(&sample, &article.language) {
        Some(d) => {
            if !d.reliable {
                e.warnings.push("language_uncertain".into());
            }
            if d.from_declaration {
                e.warnings.push("language_from_declaration".into());
            }
            e.declared_language_confirmed = language::agrees(&article.language, &d.language);
            e.language = d.language;
            e.language_confidence = d.confidence;
            e.script = d.script;
        }
        None => e.warnings.push("language_unknown".into()),
    }
    let (words, unspaced) = newsflow_contracts::text::count_words(&text);
    e.word_count = words + unspaced;
    e.reading_minutes = words as f64 / 230.0 + unspaced as f64 / 500.0;
    if matches!(e.language.as_str(), "ja" | "zh" | "th") {
        e.warnings.push("keywords_unsupported_language".into());
    } else {
        e.keywords = keywords::extract(&article.title, &article.body_text)
            .into_iter()
            .map(|(text, score)| Keyword { text, score })
            .collect();
    }
    if e.language == "en" {
        (e.tone, e.positive_share, e.negative_share) = tone::tone(&text);
    } else {
        e.warnings.push("tone_unsupported_language".into());
    }
    let published = article
        .published_at
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if published.is_none() {
        e.warnings
            .push("no_published_date_for_relative_dates".into());
    }
    e.dates = mentions::find(&article.body_text, published)
        .into_iter()
        .map(|m| MentionedDate {
            phrase: m.phrase,
            date: m.date.format("%Y-%m-%d").to_string(),
            span: Some(span((m.start, m.end))),
        })
        .collect();
    if e.language == "en" {
        e.quotations = quotes::find(&article.body_text)
            .into_iter()
            .map(|q| Quotation {
                text: q.text,
                span: Some(span(q.span)),
                speaker: q.speaker,
                speaker_span: q.speaker_span.map(span),
                kind: q.kind.into(),
                speaker_from_pronoun: q.from_pronoun,
                confidence: q.confidence,
            })
            .collect();
        if e.quotations.iter().any(|q| q.confidence < 0.5) {
            e.warnings.push("quotation_speaker_uncertain".into());
        }
    } else {
        e.warnings.push("quotations_unsupported_language".into());
    }
    let (entities, main_countries) = if e.language == "en" {
        match ner::group::entities(&article.title, &article.body_text) {
            Ok(found) => found,
            Err(err) => {
                // Only a broken build gets here (the model ships inside the
                // binary); the article still goes out, with what is known.
                tracing::error!(error = %err, "named-entity tagging failed");
                e.warnings.push("entities_failed".into());
                places_only(&article.title, &article.body_text)
            }
        }
    } else {
        e.warnings.push("entities_only_countries".into());
        places_only(&article.title, &article.body_text)
    };
    if entities.iter().any(|x| x.confidence < 0.5) {
        e.warnings.push("entity_uncertain".into());
    }
    e.entities = entities
        .into_iter()
        .map(|x| Entity {
            name: x.name,
            r#type: x.kind.as_str().into(),
            mentions: x.spans.len() as u32,
            salience: x.salience,
            country_code: x.code,
            spans: x.spans.into_iter().map(span).collect(),
            confidence: x.confidence,
        })
        .collect();
    e.main_countries = main_countries;
    let version = env!("CARGO_PKG_VERSION");
    e.annotators = [
        ("language/whatlang", "0.18"),
        ("language/lingua", "1.8"),
        ("keywords/yake", version),
        ("dates/en-rules", version),
        ("tone/vader-lexicon", "3.3.2"),
        ("quotations/en-rules", version),
        ("countries/world-countries-gazetteer", "5.1.0"),
        ("entities/crfsuite-uner-btc-wnut", version),
        ("counts", version),
    ]
    .into_iter()
    .map(|(name, version)| Annotator {
        name: name.into(),
        version: version.into(),
    })
    .collect();
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_enriched_and_keeps_its_fields() {
        let a = Article {
            title: "Harbour city opens first floating solar plant".into(),
            body_text: "The port city of Haeseong opened the country's first floating solar plant on Wednesday, covering a third of the Daeam reservoir.\n\nCity officials said the floating solar plant would power twelve thousand households.".into(),
            language: "en-GB".into(),
            published_at: "2024-06-28T17:18:00+09:00".into(),
            ..Default::default()
        };
        let e = enrich(&a);
        assert_eq!(e.language, "en");
        assert!(e.declared_language_confirmed);
        assert_eq!(e.script, "Latn");
        assert_eq!(e.word_count, 40);
        assert!(e.reading_minutes > 0.15 && e.reading_minutes < 0.25);
        assert_eq!(e.dates[0].phrase, "on Wednesday");
        assert_eq!(e.dates[0].date, "2024-06-26");
        assert!(e
            .keywords
            .iter()
            .any(|k| k.text.to_lowercase().contains("solar plant")));
        assert_eq!(e.annotators.len(), 9);
        assert!(e.tone.abs() < 20.0 && e.positive_share >= 0.0);
        assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    }

    #[test]
    fn low_confidence_is_marked_not_hidden() {
        let e = enrich(&Article {
            body_text: "ok".into(),
            ..Default::default()
        });
        assert!(!e.warnings.is_empty());
        assert!(e
            .warnings
            .contains(&"no_published_date_for_relative_dates".to_string()));
    }
}
