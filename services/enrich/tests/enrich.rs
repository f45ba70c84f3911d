//! The enrich stage on the team's fixtures: quotation attribution
//! precision (issue target ≥ 0.9) and recall, measured on
//! `tests/fixtures/quotations.json`.

use newsflow_contracts::Article;

#[derive(serde::Deserialize)]
struct Fixtures {
    articles: Vec<Fixture>,
}

#[derive(serde::Deserialize)]
struct Fixture {
    name: String,
    body: String,
    expected: Vec<(String, String)>,
}

#[test]
fn quotations_are_attributed_to_the_right_speaker() {
    let text = include_str!("fixtures/quotations.json");
    let fixtures: Fixtures = serde_json::from_str(text).expect("fixtures");
    let (mut attributed, mut right, mut expected, mut found) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for f in &fixtures.articles {
        let article = Article {
            title: "Fixture".into(),
            body_text: f.body.clone(),
            language: "en".into(),
            ..Default::default()
        };
        let e = newsflow_enrich::enrich(&article);
        let chars: Vec<char> = f.body.chars().collect();
        for q in &e.quotations {
            // Offsets point at the quoted words.
            let span = q.span.as_ref().expect("span");
            let at: String = chars[span.start as usize..span.end as usize]
                .iter()
                .collect();
            assert_eq!(at, q.text, "{}", f.name);
        }
        for (quote, speaker) in &f.expected {
            expected += 1;
            let got = e.quotations.iter().find(|q| q.text == *quote);
            match got {
                Some(q) => {
                    found += 1;
                    if !q.speaker.is_empty() || !speaker.is_empty() {
                        attributed += usize::from(!q.speaker.is_empty());
                        if q.speaker == *speaker && !speaker.is_empty() {
                            right += 1;
                        } else {
                            report.push(format!(
                                "{}: {quote:?} → {:?}, want {speaker:?}",
                                f.name, q.speaker
                            ));
                        }
                    }
                }
                None => report.push(format!("{}: {quote:?} not found", f.name)),
            }
        }
        // Nothing beyond the expected quotations is reported.
        for q in &e.quotations {
            assert!(
                f.expected.iter().any(|(quote, _)| *quote == q.text),
                "{}: unexpected quotation {:?}",
                f.name,
                q.text
            );
        }
    }
    let named = fixtures
        .articles
        .iter()
        .flat_map(|f| &f.expected)
        .filter(|(_, speaker)| !speaker.is_empty())
        .count();
    let precision = right as f64 / attributed.max(1) as f64;
    let attribution_recall = right as f64 / named as f64;
    let recall = found as f64 / expected as f64;
    println!("quotations: {found}/{expected} found, attribution precision {precision:.3} ({right}/{attributed}), {right}/{named} named speakers found");
    for line in &report {
        println!("  {line}");
    }
    assert!(
        precision >= 0.9,
        "precision {precision:.3}\n{}",
        report.join("\n")
    );
    assert!(recall >= 0.9, "recall {recall:.3}\n{}", report.join("\n"));
    assert!(
        attribution_recall >= 0.8,
        "speakers found {attribution_recall:.3}\n{}",
        report.join("\n")
    );
}
