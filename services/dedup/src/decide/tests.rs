//! Decisions over the in-memory index, one scenario per kind of input.

use super::*;
use crate::index::{Index, MemoryIndex};
use newsflow_contracts::v1::dedup_info::Decision;
use std::time::Duration;

/// Sentences written for these tests, a few topics' worth.
const SENTENCES: &[&str] = &[
    "The port city opened the country's first floating solar plant on Friday, covering a third of the reservoir with panels.",
    "City officials said the plant would generate enough electricity for about twelve thousand households every year.",
    "Residents had opposed the project for two years, arguing that the panels would harm the fish in the reservoir.",
    "An environmental review found no measurable effect on the water or the wildlife during the pilot phase.",
    "The city plans to add a second array on the neighbouring reservoir by 2026, subject to a new review.",
    "The mayor told reporters at the opening ceremony that the plant had been finished ahead of schedule.",
    "Engineers will monitor the water temperature under the panels for the next three summers.",
    "The project cost about forty million dollars, most of it borrowed from a regional development bank.",
    "Local fishermen said they would watch the catch closely and would not hesitate to go to court.",
    "Electricity from the plant will be sold to the grid at a fixed price for the first fifteen years.",
    "The council voted seven to four on Tuesday to approve the long-debated harbour plan after months of hearings.",
    "Work on the new quay is expected to begin after the winter and to take about eighteen months.",
    "Opponents argued that the money would be better spent repairing roads and bridges across the city.",
    "Shipping companies welcomed the decision, saying larger vessels could finally dock in the harbour.",
    "The plan includes a public promenade and a small park at the end of the old fishing pier.",
    "A spokesman for the port authority said traffic through the harbour had doubled in a decade.",
    "The library will open on Sundays from next month after commissioners approved extra money in the budget.",
    "The director said Sunday opening had been the most common request in a survey of residents.",
    "Eight new part-time employees will staff the extra hours at the five branches.",
    "One commissioner voted against the measure, saying the money should come from savings elsewhere.",
];

fn body(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|&i| SENTENCES[i])
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Each article built is a new delivery (its own parse time).
fn article(url: &str, title: &str, body: String) -> Article {
    static PARSED: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1_700_000_000);
    let u = url::Url::parse(url).unwrap();
    Article {
        parsed_at: Some(newsflow_contracts::timestamp_from_millis(
            PARSED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) * 1000,
        )),
        id: newsflow_contracts::ids::stable_id(&newsflow_contracts::ids::canonical_form(&u)),
        url: url.to_string(),
        title: title.to_string(),
        body_text: body,
        ..Default::default()
    }
}

async fn run(index: &MemoryIndex, a: &Article) -> DedupInfo {
    let s = DedupSettings::default();
    let e = entry(a, &s);
    let seen = index.register(&e, Duration::from_secs(3600)).await.unwrap();
    decide(&e.member, &seen, &s)
}

fn solar() -> Article {
    article(
        "https://gazette.example/news/solar",
        "Harbour city opens first floating solar plant",
        body(&[0, 1, 2, 3, 4, 5, 6, 7]),
    )
}

#[tokio::test]
async fn the_same_url_again_is_a_duplicate_and_changed_content_a_new_version() {
    let index = MemoryIndex::new();
    let first = run(&index, &solar()).await;
    assert_eq!(first.decision, Decision::Unique as i32);
    assert_eq!(first.version, 1);
    let mut refetch = solar();
    refetch.url = "https://www.gazette.example/news/solar/?utm_source=x".into();
    let again = run(&index, &refetch).await;
    assert_eq!(
        (again.decision, again.method.as_str()),
        (Decision::Duplicate as i32, "url")
    );
    let mut changed = solar();
    changed
        .body_text
        .push_str("\n\nUpdate: the plant was shut for an inspection on Saturday.");
    let v2 = run(&index, &changed).await;
    assert_eq!(v2.decision, Decision::NewVersion as i32);
    assert_eq!(v2.version, 2);
    assert!(
        v2.previous_version.starts_with(&solar().id),
        "{}",
        v2.previous_version
    );
}

#[tokio::test]
async fn a_replay_gets_the_same_decision_never_duplicate_of_itself() {
    let index = MemoryIndex::new();
    let a = solar();
    let first = run(&index, &a).await;
    for _ in 0..3 {
        assert_eq!(run(&index, &a).await, first);
    }
    let copy = article(
        "https://other.example/a",
        "Solar plant opens",
        a.body_text.clone(),
    );
    let dup = run(&index, &copy).await;
    assert_eq!(dup.duplicate_of, a.id);
    assert_eq!(
        run(&index, &copy).await,
        dup,
        "the duplicate's replay agrees too"
    );
}

#[tokio::test]
async fn syndicated_copies_are_near_duplicates_with_a_score() {
    let index = MemoryIndex::new();
    let original = solar();
    run(&index, &original).await;
    let boiler = "Subscribe to our morning newsletter for the day's top stories delivered to your inbox before breakfast every weekday.";
    let variants = [
        // Another site's boilerplate around the same text.
        format!("{boiler}\n\n{}\n\n{boiler}", original.body_text),
        // Small edits.
        original
            .body_text
            .replace("Friday", "Friday morning")
            .replace("twelve", "12"),
        // Truncated to its first five paragraphs.
        body(&[0, 1, 2, 3, 4]),
        // Paragraphs moved.
        body(&[0, 1, 5, 4, 3, 2, 7, 6]),
    ];
    for (i, text) in variants.into_iter().enumerate() {
        let copy = article(
            &format!("https://wire{i}.example/story"),
            "Floating solar farm switched on",
            text,
        );
        let d = run(&index, &copy).await;
        assert_eq!(d.decision, Decision::Duplicate as i32, "variant {i}: {d:?}");
        assert_eq!(d.duplicate_of, original.id, "variant {i}");
        assert!(
            d.method == "minhash" && d.score >= 0.8 || d.method == "content-hash",
            "variant {i}: {d:?}"
        );
    }
}

#[tokio::test]
async fn exact_content_under_another_url_is_a_content_hash_duplicate() {
    let index = MemoryIndex::new();
    run(&index, &solar()).await;
    let copy = article(
        "https://mirror.example/x",
        "Other title",
        solar().body_text.to_uppercase(),
    );
    let d = run(&index, &copy).await;
    assert_eq!(
        (d.decision, d.method.as_str()),
        (Decision::Duplicate as i32, "content-hash")
    );
}

#[tokio::test]
async fn other_articles_of_the_same_site_and_topic_stay_unique() {
    let index = MemoryIndex::new();
    run(&index, &solar()).await;
    let harbour = article(
        "https://gazette.example/news/harbour",
        "Council approves harbour plan",
        body(&[10, 11, 12, 13, 14, 15, 5]),
    );
    assert_eq!(
        run(&index, &harbour).await.decision,
        Decision::Unique as i32
    );
    // Same topic, a different article sharing two sentences of background.
    let followup = article(
        "https://gazette.example/news/solar-fish",
        "Fishermen to watch catch near solar plant",
        body(&[8, 2, 3, 9, 6]),
    );
    assert_eq!(
        run(&index, &followup).await.decision,
        Decision::Unique as i32
    );
}

#[tokio::test]
async fn empty_and_stub_bodies_never_cluster() {
    let index = MemoryIndex::new();
    for i in 0..5 {
        let a = article(
            &format!("https://gazette.example/empty/{i}"),
            &format!("Stub {i}"),
            String::new(),
        );
        let d = run(&index, &a).await;
        assert_eq!(d.decision, Decision::Unique as i32, "empty {i}");
        let b = article(
            &format!("https://gazette.example/short/{i}"),
            "Photo gallery",
            "Click to see the photos.".into(),
        );
        assert_eq!(
            run(&index, &b).await.decision,
            Decision::Unique as i32,
            "stub {i}"
        );
    }
}

#[tokio::test]
async fn a_cookie_wall_repeated_across_a_site_does_not_collapse_its_articles() {
    let index = MemoryIndex::new();
    let wall = "We and our partners use cookies and similar technologies to store and access information on your device, to personalise content and adverts, to measure their performance and to understand our audiences. You can accept all cookies, reject them or choose which purposes you allow by selecting manage options. Your choice applies to this site only and you can change it at any time from the privacy settings page linked in the footer.";
    for (i, title) in [
        "Council approves harbour plan",
        "Library extends opening hours",
        "Ferry service resumes",
    ]
    .iter()
    .enumerate()
    {
        let a = article(
            &format!("https://walled.example/news/{i}"),
            title,
            wall.to_string(),
        );
        assert_eq!(
            run(&index, &a).await.decision,
            Decision::Unique as i32,
            "{title}"
        );
    }
}

#[tokio::test]
async fn different_write_ups_of_one_event_share_a_story_without_being_duplicates() {
    let index = MemoryIndex::new();
    let a = solar();
    let first = run(&index, &a).await;
    assert_eq!(first.story_id, a.id);
    let other = article(
        "https://courier.example/energy/floating-solar",
        "First floating solar plant opens in port city",
        format!(
            "A floating solar plant, the country's first, opened in the port city on Friday on the reservoir. {}\n\n{}\n\n{}",
            "Officials expect it to supply about twelve thousand households with electricity.",
            "Fishing groups said they would keep a close eye on their catch this year.",
            "Power from the array goes to the grid at a price fixed for fifteen years."
        ),
    );
    let d = run(&index, &other).await;
    assert_eq!(d.decision, Decision::Unique as i32, "{d:?}");
    assert_eq!(d.story_id, a.id, "{d:?}");
    let unrelated = article(
        "https://courier.example/local/library",
        "Library extends opening hours",
        body(&[16, 17, 18, 19]),
    );
    let u = run(&index, &unrelated).await;
    assert_eq!(u.story_id, unrelated.id);
}

#[tokio::test]
async fn a_site_s_template_sentences_do_not_make_one_story() {
    let index = MemoryIndex::new();
    let template = |place: &str, n: usize| {
        format!(
            "Officials in {place} said the decision followed {n} weeks of public consultation and two packed hearings. Residents who spoke at the meeting were divided, with several warning about the cost. The plan will be paid for partly from reserves and partly from a state grant awarded in spring. Work is expected to begin after the winter and to take about {n} months."
        )
    };
    let a = article(
        "https://gazette.example/news/1",
        "Riverton council approves bridge repairs",
        template("Riverton", 12),
    );
    let b = article(
        "https://gazette.example/news/2",
        "Easton school board delays new gym",
        template("Easton", 30),
    );
    let da = run(&index, &a).await;
    let db = run(&index, &b).await;
    assert_eq!(db.decision, Decision::Unique as i32, "{db:?}");
    assert_ne!(da.story_id, db.story_id, "{db:?}");
}
