//! Table-driven tests: a hand-written table of inputs and their canonical
//! forms, then generated equivalence classes (every variant of an article
//! maps to the article's form, and different articles stay apart).

use super::*;

fn c(s: &str) -> String {
    canonicalize(&Url::parse(s).expect(s)).to_string()
}

#[test]
fn the_table() {
    let table: &[(&str, &str)] = &[
        // scheme, host case, ports, www
        ("HTTP://Example.COM/a", "https://example.com/a"),
        ("http://example.com:80/a", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://www.example.com/a", "https://example.com/a"),
        ("https://WWW.Example.com/a", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        // dot segments, slashes, indexes
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/a//b", "https://example.com/a/b"),
        ("https://example.com/news/", "https://example.com/news"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com", "https://example.com/"),
        (
            "https://example.com/news/index.html",
            "https://example.com/news",
        ),
        (
            "https://example.com/news/index.php",
            "https://example.com/news",
        ),
        (
            "https://example.com/news/default.aspx",
            "https://example.com/news",
        ),
        ("https://example.com/index.html", "https://example.com/"),
        (
            "https://example.com/news/indexes.html",
            "https://example.com/news/indexes.html",
        ),
        // percent-encoding
        (
            "https://example.com/%7Euser/a",
            "https://example.com/~user/a",
        ),
        (
            "https://example.com/caf%c3%a9",
            "https://example.com/caf%C3%A9",
        ),
        ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
        ("https://example.com/%41%42c", "https://example.com/ABc"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        // fragments and queries
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com/a?", "https://example.com/a"),
        (
            "https://example.com/a?b=2&a=1",
            "https://example.com/a?a=1&b=2",
        ),
        ("https://example.com/a?a=1&a=1", "https://example.com/a?a=1"),
        (
            "https://example.com/a?id=7&utm_source=x",
            "https://example.com/a?id=7",
        ),
        (
            "https://example.com/a?q=hello%20world",
            "https://example.com/a?q=hello+world",
        ),
        ("https://example.com/a?flag", "https://example.com/a?flag"),
        // tracking parameters
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&utm_campaign=x",
            "https://example.com/a",
        ),
        (
            "https://example.com/a?UTM_SOURCE=tw",
            "https://example.com/a",
        ),
        ("https://example.com/a?fbclid=abc", "https://example.com/a"),
        ("https://example.com/a?gclid=abc", "https://example.com/a"),
        (
            "https://example.com/a?mc_cid=1&mc_eid=2",
            "https://example.com/a",
        ),
        ("https://example.com/a?_ga=2.1", "https://example.com/a"),
        ("https://example.com/a?igshid=x", "https://example.com/a"),
        ("https://example.com/a?ref=hn", "https://example.com/a"),
        (
            "https://example.com/a?pk_campaign=x&pk_kwd=y",
            "https://example.com/a",
        ),
        ("https://example.com/a?mkt_tok=x", "https://example.com/a"),
        ("https://example.com/a?ocid=x", "https://example.com/a"),
        (
            "https://example.com/a?smid=tw-share",
            "https://example.com/a",
        ),
        (
            "https://example.com/a?page=2&utm_source=x",
            "https://example.com/a?page=2",
        ),
        (
            "https://example.com/article?id=123&fbclid=x",
            "https://example.com/article?id=123",
        ),
        // AMP and mobile
        (
            "https://example.com/amp/news/a",
            "https://example.com/news/a",
        ),
        (
            "https://example.com/news/a/amp",
            "https://example.com/news/a",
        ),
        (
            "https://example.com/news/a/amp/",
            "https://example.com/news/a",
        ),
        (
            "https://example.com/news/a.amp.html",
            "https://example.com/news/a.html",
        ),
        (
            "https://example.com/news/a.amp",
            "https://example.com/news/a",
        ),
        (
            "https://example.com/news/a?amp=1",
            "https://example.com/news/a",
        ),
        (
            "https://example.com/news/a?outputType=amp",
            "https://example.com/news/a",
        ),
        (
            "https://amp.example.com/news/a",
            "https://example.com/news/a",
        ),
        ("https://m.example.com/news/a", "https://example.com/news/a"),
        (
            "https://mobile.example.com/news/a",
            "https://example.com/news/a",
        ),
        (
            "https://www.m.example.com/news/a",
            "https://example.com/news/a",
        ),
        ("https://m.co/a", "https://m.co/a"),
        ("https://www.co/a", "https://www.co/a"),
        ("https://example.com/amp", "https://example.com/amp"),
        (
            "https://example.com/ampersand/a",
            "https://example.com/ampersand/a",
        ),
        (
            "https://example.com/news/example.html",
            "https://example.com/news/example.html",
        ),
        // IDNA, IPs
        (
            "https://BÜCHER.example/a",
            "https://xn--bcher-kva.example/a",
        ),
        ("http://127.0.0.1:8080/a/", "https://127.0.0.1:8080/a"),
        ("http://[::1]/a", "https://[::1]/a"),
    ];
    let mut failures = Vec::new();
    for (input, want) in table {
        let got = c(input);
        if got != *want {
            failures.push(format!("{input}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_page_s_rel_canonical_wins_on_the_same_site_only() {
    let u = Url::parse("https://m.example.com/amp/story-1?utm_source=x").unwrap();
    let same = canonicalize_with(&u, Some("https://www.example.com/news/story-1/"));
    assert_eq!(same.as_str(), "https://example.com/news/story-1");
    let relative = canonicalize_with(&u, Some("/news/story-1"));
    assert_eq!(relative.as_str(), "https://example.com/news/story-1");
    let other_site = canonicalize_with(&u, Some("https://spam.example.net/x"));
    assert_eq!(other_site.as_str(), "https://example.com/story-1");
    let junk = canonicalize_with(&u, Some("javascript:alert(1)"));
    assert_eq!(junk.as_str(), "https://example.com/story-1");
    assert_eq!(
        canonicalize_with(&u, Some("  ")).as_str(),
        "https://example.com/story-1"
    );
}

/// Ways the same article's URL is written in the wild.
const VARIANTS: &[fn(&str, &str) -> String] = &[
    |h, p| format!("https://{h}{p}"),
    |h, p| format!("http://{h}{p}"),
    |h, p| format!("https://www.{h}{p}"),
    |h, p| format!("https://{}{p}", h.to_uppercase()),
    |h, p| format!("https://{h}:443{p}"),
    |h, p| format!("https://{h}{p}/"),
    |h, p| format!("https://{h}{p}#comments"),
    |h, p| format!("https://{h}{p}?utm_source=newsletter&utm_medium=email"),
    |h, p| format!("https://{h}{p}?fbclid=IwAR0abc"),
    |h, p| format!("https://m.{h}{p}"),
    |h, p| format!("https://{h}/amp{p}"),
    |h, p| format!("https://{h}{p}/amp"),
    |h, p| format!("https://{h}{p}?amp=1&gclid=x"),
    |h, p| format!("https://{h}{p}/index.html"),
    |h, p| format!("https://{h}/./x/..{p}"),
];

const SITES: &[(&str, &str)] = &[
    ("news.example", "/2024/06/28/harbour-solar-plant"),
    ("example.co.uk", "/news/uk-politics-123456"),
    ("gazette.example", "/arti/national/1148"),
    ("times.example", "/world/europe/election-results"),
    ("daily.example", "/sport/football/final-report"),
    ("herald.example", "/business/markets/stocks-fall"),
    ("courier.example", "/local/library-hours"),
    ("ledger.example", "/features/dairy-farm"),
    ("post.example", "/opinion/columnists/on-trains"),
    ("tribune.example", "/2023/01/02/new-year"),
    ("journal.example", "/science/space/mars-rover"),
    ("chronicle.example", "/tech/ai/model-release"),
    ("observer.example", "/culture/film/review"),
    ("monitor.example", "/health/nutrition/diet"),
    ("bulletin.example", "/education/schools/exam-results"),
    ("standard.example", "/travel/ferry-resumes"),
    ("record.example", "/crime/court/verdict"),
    ("sentinel.example", "/weather/storm-warning"),
    ("express.example", "/money/pensions/change"),
    ("press.example", "/politics/council-vote"),
    ("vestnik.example", "/news/2024/06/28/solar"),
    ("hanbit.example", "/society/12345"),
    ("tonichi.example", "/articles/20240628/k001"),
    ("islandnews.example", "/news/ferry-service-resumes"),
    ("metrodaily.example", "/live/election-night"),
];

#[test]
fn every_variant_of_an_article_has_the_article_s_form() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (host, path) in SITES {
        let want = c(&format!("https://{host}{path}"));
        for variant in VARIANTS {
            let input = variant(host, path);
            let got = c(&input);
            checked += 1;
            if got != want {
                failures.push(format!("{input}: {got} (want {want})"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(checked >= 300, "{checked} cases");
}

#[test]
fn different_articles_stay_apart() {
    let mut forms = std::collections::BTreeSet::new();
    for (host, path) in SITES {
        forms.insert(c(&format!("https://{host}{path}")));
        forms.insert(c(&format!("https://{host}{path}-2")));
        forms.insert(c(&format!("https://{host}{path}?page=2")));
        forms.insert(c(&format!("https://{host}{path}?id=1")));
        forms.insert(c(&format!("https://{host}{path}?id=2")));
        forms.insert(c(&format!("https://other.{host}{path}")));
    }
    assert_eq!(forms.len(), SITES.len() * 6);
}
