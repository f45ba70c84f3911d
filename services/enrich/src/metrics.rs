//! The enrich stage's own metrics: how much of each article it could
//! annotate (the dashboard's "enrichment coverage").

use newsflow_contracts::v1::Enrichment;
use prometheus::{IntCounter, IntCounterVec, Opts, Registry};

/// Articles enriched, fields filled, warnings given.
#[derive(Clone)]
pub struct EnrichMetrics {
    articles: IntCounter,
    annotated: IntCounterVec,
    warnings: IntCounterVec,
}

impl EnrichMetrics {
    /// Creates the counters and registers them in `registry` (when given; a
    /// second registration of the same names is ignored).
    pub fn new(registry: Option<&Registry>) -> Self {
        let articles = IntCounter::new(
            "newsflow_enrich_articles_total",
            "Articles enriched (a redelivered article counts again).",
        )
        .expect("valid metric");
        let annotated = IntCounterVec::new(
            Opts::new(
                "newsflow_enrich_annotated_total",
                "Enriched articles with a field filled, by field \
                 (language, keywords, dates, tone, quotations).",
            ),
            &["field"],
        )
        .expect("valid metric");
        let warnings = IntCounterVec::new(
            Opts::new(
                "newsflow_enrich_warnings_total",
                "Low-confidence or skipped annotations, by warning code \
                 (language_uncertain, tone_unsupported_language, ...).",
            ),
            &["warning"],
        )
        .expect("valid metric");
        if let Some(registry) = registry {
            let _ = registry.register(Box::new(articles.clone()));
            for c in [&annotated, &warnings] {
                let _ = registry.register(Box::new(c.clone()));
            }
        }
        EnrichMetrics {
            articles,
            annotated,
            warnings,
        }
    }

    /// Counts one enriched article and what it got.
    pub fn record(&self, e: &Enrichment) {
        self.articles.inc();
        let filled = [
            ("language", !e.language.is_empty()),
            ("keywords", !e.keywords.is_empty()),
            ("dates", !e.dates.is_empty()),
            ("tone", e.positive_share + e.negative_share > 0.0),
            ("quotations", !e.quotations.is_empty()),
            ("entities", !e.entities.is_empty()),
        ];
        for (field, present) in filled {
            // Touch every series so a field never filled still shows as 0.
            let counter = self.annotated.with_label_values(&[field]);
            if present {
                counter.inc();
            }
        }
        for w in &e.warnings {
            self.warnings.with_label_values(&[w.as_str()]).inc();
        }
    }
}

impl Default for EnrichMetrics {
    fn default() -> Self {
        Self::new(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_articles_fields_and_warnings() {
        let registry = Registry::new();
        let m = EnrichMetrics::new(Some(&registry));
        let e = Enrichment {
            language: "en".into(),
            warnings: vec!["language_uncertain".into()],
            ..Enrichment::default()
        };
        m.record(&e);
        m.record(&Enrichment::default());
        let text = {
            use prometheus::Encoder;
            let mut buf = Vec::new();
            prometheus::TextEncoder::new()
                .encode(&registry.gather(), &mut buf)
                .unwrap();
            String::from_utf8(buf).unwrap()
        };
        assert!(text.contains("newsflow_enrich_articles_total 2"), "{text}");
        assert!(
            text.contains("newsflow_enrich_annotated_total{field=\"language\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("newsflow_enrich_annotated_total{field=\"keywords\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("newsflow_enrich_warnings_total{warning=\"language_uncertain\"} 1"),
            "{text}"
        );
    }
}
