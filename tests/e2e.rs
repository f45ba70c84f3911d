//! End to end: the real `newsflow` and `newsflow-fetch` binaries as separate
//! processes, a real Kafka broker, and the fixture site on loopback.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use newsflow_contracts::{Page, WireFormat};
use newsflow_e2e::{
    binary, brokers, committed_total, decoded, eventually, free_port, header, http_get,
    read_until_async, unique, Proc, Prometheus,
};
use newsflow_fixture_site::{demo_urls, Expect};
use rdkafka::message::OwnedMessage;

mod observability;

/// One isolated topology: random topic names and group, passed to every
/// process through `NEWSFLOW__…` environment variables.
struct Env {
    urls: String,
    pages: String,
    group: String,
    admin: SocketAddr,
    vars: Vec<(String, String)>,
}

/// The fetch settings file: the SSRF defence admits the fixture site only,
/// and the fixture (our own) gets no politeness delay.
fn allow_site(env: &mut Env, site: &str) {
    config_file(env, site, "");
}

/// The settings file of `allow_site`, followed by `extra` TOML.
fn config_file(env: &mut Env, site: &str, extra: &str) {
    let path = std::env::temp_dir().join(format!("{}.toml", unique("newsflow-e2e")));
    let addr = site.trim_start_matches("http://");
    let config = format!(
        "[stages.fetch]\nallow = [\"{addr}\"]\n\n[stages.fetch.politeness]\nmin_delay_ms = 0\nmax_concurrent_per_host = 64\n\n{extra}"
    );
    std::fs::write(&path, config).expect("config file");
    env.vars
        .push(("NEWSFLOW_CONFIG".into(), path.display().to_string()));
}

fn env(max_in_flight: usize) -> Env {
    let urls = unique("urls");
    let pages = unique("pages");
    let group = unique("fetch");
    let admin = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let vars = [
        ("NEWSFLOW__KAFKA__BROKERS", brokers()),
        ("NEWSFLOW__KAFKA__GROUP_ID", group.clone()),
        // A killed replica holds its partitions until its session expires.
        ("NEWSFLOW__KAFKA__SESSION_TIMEOUT_MS", "8000".into()),
        ("NEWSFLOW__TOPICS__URLS__NAME", urls.clone()),
        ("NEWSFLOW__TOPICS__URLS__PARTITIONS", "3".into()),
        ("NEWSFLOW__TOPICS__PAGES__NAME", pages.clone()),
        ("NEWSFLOW__TOPICS__PAGES__PARTITIONS", "3".into()),
        ("NEWSFLOW__ADMIN__LISTEN", admin.to_string()),
        ("NEWSFLOW__RUNTIME__COMMIT_INTERVAL_MS", "200".into()),
        ("NEWSFLOW__KAFKA__STATISTICS_INTERVAL_MS", "1000".into()),
        (
            "NEWSFLOW__RUNTIME__MAX_IN_FLIGHT",
            max_in_flight.to_string(),
        ),
        ("NEWSFLOW__RUNTIME__BACKOFF_INITIAL_MS", "100".into()),
        ("NEWSFLOW__LOG__FORMAT", "json".into()),
        // The fetch memory (validators, recently-fetched window) in Redis.
        ("NEWSFLOW__STORE__KIND", "redis".into()),
        ("NEWSFLOW__STORE__KEY_PREFIX", format!("{}:", unique("e2e"))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Env {
        urls,
        pages,
        group,
        admin,
        vars,
    }
}

fn newsflow(env: &Env, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(binary("newsflow"))
        .args(args)
        .envs(env.vars.iter().cloned())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsflow");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("newsflow output")
}

fn spawn_fetch(env: &Env) -> Proc {
    Proc(
        Command::new(binary("newsflow-fetch"))
            .envs(env.vars.iter().cloned())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn newsflow-fetch"),
    )
}

fn pages_by_request(messages: &[OwnedMessage]) -> BTreeMap<String, Vec<Page>> {
    let mut out: BTreeMap<String, Vec<Page>> = BTreeMap::new();
    for m in messages {
        let page: Page = decoded(m);
        out.entry(page.url.clone()).or_default().push(page);
    }
    out
}

fn setup_topics(env: &Env) {
    let out = newsflow(env, &["topics", "create"], None);
    assert!(
        out.status.success(),
        "topics create: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("created {}", env.urls)), "{text}");
    assert!(
        text.contains(&format!("created {}.dlq", env.urls)),
        "{text}"
    );
    // Idempotent: a second run finds everything in place.
    let again = newsflow(env, &["topics", "create"], None);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains(&format!("exists  {}", env.pages)));
}

async fn fixture_site() -> String {
    let (addr, task) = newsflow_fixture_site::serve(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("fixture site");
    std::mem::forget(task);
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_urls_become_exactly_the_expected_pages_and_dead_letters() {
    let base = fixture_site().await;
    let mut env = env(16);
    allow_site(&mut env, &base);
    setup_topics(&env);
    let demo = demo_urls(&base);
    let mut list: String = demo.iter().map(|d| format!("{}\n", d.url)).collect();
    list.push_str("ftp://example.com/not-http\nnot a url\n");
    let out = newsflow(&env, &["submit", "--file", "-"], Some(&list));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "invalid URLs make submit exit 1: {stderr}"
    );
    assert!(
        stderr.contains("submitted 50 URLs") && stderr.contains("2 invalid"),
        "{stderr}"
    );

    let fetch = spawn_fetch(&env);
    let expected_pages: BTreeMap<String, (String, usize)> = demo
        .iter()
        .filter_map(|d| match &d.expect {
            Expect::Page {
                final_url,
                redirects,
            } => Some((d.url.clone(), (final_url.clone(), *redirects))),
            _ => None,
        })
        .collect();
    let expected_dead: BTreeMap<String, String> = demo
        .iter()
        .filter_map(|d| match &d.expect {
            Expect::DeadLetter(kind) => Some((d.url.clone(), kind.to_string())),
            _ => None,
        })
        .collect();

    let pages = env.pages.clone();
    let want = expected_pages.len();
    let messages = read_until_async(&pages, Duration::from_secs(90), move |m| {
        pages_by_request(m).len() >= want
    })
    .await;
    let got = pages_by_request(&messages);
    assert_eq!(
        got.keys().cloned().collect::<BTreeSet<_>>(),
        expected_pages.keys().cloned().collect()
    );
    for (url, (final_url, redirects)) in &expected_pages {
        let page = &got[url][0];
        assert_eq!(&page.final_url, final_url, "{url}");
        assert_eq!(page.redirects.len(), *redirects, "{url}");
        assert!(!page.html.is_empty() && !page.id.is_empty(), "{url}");
    }

    let dlq = format!("{}.dlq", env.urls);
    let want = expected_dead.len();
    let dead = read_until_async(&dlq, Duration::from_secs(60), move |m| m.len() >= want).await;
    let got_dead: BTreeMap<String, String> = dead
        .iter()
        .map(|m| {
            let request: newsflow_contracts::UrlRequest = decoded(m);
            (
                request.url,
                header(m, "newsflow-dlq-error-kind").unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got_dead, expected_dead);

    let (group, urls) = (env.group.clone(), env.urls.clone());
    let covered = tokio::task::spawn_blocking(move || {
        eventually(Duration::from_secs(30), || {
            committed_total(&group, &urls, 3) == 50
        })
    })
    .await
    .expect("poll");
    assert!(covered, "committed offsets cover all 50 inputs");

    // The admin port answers, and the counters add up.
    let (status, _) = http_get(env.admin, "/readyz").expect("readyz");
    assert_eq!(status, 200);
    let (_, metrics) = http_get(env.admin, "/metrics").expect("metrics");
    let consumed = format!(
        "newsflow_messages_consumed_total{{stage=\"fetch\",topic=\"{}\"}} 50",
        env.urls
    );
    assert!(metrics.contains(&consumed), "{metrics}");
    assert!(
        metrics.contains("newsflow_messages_skipped_total{reason=\"not_html\",stage=\"fetch\"} 2"),
        "{metrics}"
    );

    // Lag from librdkafka statistics drops to zero once everything is
    // committed (all fixture URLs share one host, hence one partition).
    let admin = env.admin;
    let urls_topic = env.urls.clone();
    let lags = move || -> Vec<String> {
        let metrics = http_get(admin, "/metrics").unwrap_or_default().1;
        metrics
            .lines()
            .filter(|l| l.starts_with("newsflow_consumer_lag_messages") && l.contains(&urls_topic))
            .map(|l| l.rsplit(' ').next().unwrap_or("").to_string())
            .collect()
    };
    let lag_seen = eventually(Duration::from_secs(20), || {
        let lags = lags();
        !lags.is_empty() && lags.iter().all(|v| v == "0")
    });
    assert!(lag_seen, "lag gauges: {:?}", lags());

    // A real Prometheus scrapes the admin port and sees the same counters.
    let prometheus = tokio::task::spawn_blocking({
        let admin = env.admin;
        move || Prometheus::start(&[admin])
    })
    .await
    .expect("prometheus");
    let query = format!(
        "sum(newsflow_messages_consumed_total{{stage=\"fetch\",topic=\"{}\"}})",
        env.urls
    );
    let scraped = eventually(Duration::from_secs(30), || {
        prometheus.value(&query) == Some(50.0)
    });
    assert!(scraped, "prometheus: {}", prometheus.query(&query));
    assert_eq!(prometheus.value("up{job=\"newsflow\"}"), Some(1.0));
    let rejected = prometheus.value("sum(newsflow_messages_rejected_total{stage=\"fetch\"})");
    assert_eq!(rejected, Some(6.0));
    drop(prometheus);

    // `newsflow tail` renders the DLQ with its metadata.
    let out = newsflow(
        &env,
        &[
            "tail",
            &format!("{}.dlq", env.urls),
            "--max",
            "6",
            "--idle-timeout",
            "20",
        ],
        None,
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("tail prints JSON lines"))
        .collect();
    assert_eq!(lines.len(), 6);
    assert!(lines
        .iter()
        .all(|l| l["stage"] == "fetch" && l["original"]["url"].is_string()));

    // SIGTERM: drain and exit cleanly.
    let _ = Command::new("kill")
        .args(["-TERM", &fetch.id().to_string()])
        .status();
    let status = tokio::task::spawn_blocking(move || {
        let mut fetch = fetch;
        fetch.0.wait()
    })
    .await
    .expect("wait")
    .expect("exit");
    assert!(
        status.success(),
        "newsflow-fetch exits 0 on SIGTERM: {status:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_halfway_then_restart_loses_no_page() {
    let base = fixture_site().await;
    let mut env = env(2);
    allow_site(&mut env, &base);
    setup_topics(&env);
    let urls: Vec<String> = (0..50)
        .map(|n| format!("{base}/delay/150/news/{n}"))
        .collect();
    let out = newsflow(&env, &["submit", "--file", "-"], Some(&urls.join("\n")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let first = spawn_fetch(&env);
    let pages = env.pages.clone();
    let before = read_until_async(&pages, Duration::from_secs(60), move |m| m.len() >= 15).await;
    assert!(before.len() >= 15);
    drop(first); // SIGKILL

    let second = spawn_fetch(&env);
    let pages = env.pages.clone();
    let all = read_until_async(&pages, Duration::from_secs(90), move |m| {
        pages_by_request(m).len() >= 50
    })
    .await;
    let got = pages_by_request(&all);
    assert_eq!(
        got.keys().cloned().collect::<BTreeSet<_>>(),
        urls.iter().cloned().collect()
    );
    eprintln!(
        "crash test: {} pages for 50 URLs ({} redone after SIGKILL)",
        all.len(),
        all.len() - 50
    );
    drop(second);
}

#[test]
fn embedded_run_over_the_demo_site_needs_no_broker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages.jsonl");
    let dead = dir.path().join("dead.jsonl");
    let out = Command::new(binary("newsflow"))
        .args(["run", "--demo", "--output"])
        .arg(&pages)
        .arg("--dead-letters")
        .arg(&dead)
        // No broker at this address: the embedded mode must not need one.
        .env("NEWSFLOW__KAFKA__BROKERS", "127.0.0.1:1")
        .env("NEWSFLOW__RUNTIME__BACKOFF_INITIAL_MS", "50")
        .output()
        .expect("run newsflow");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("50 URLs")
            && stderr.contains("42 pages")
            && stderr.contains("parse: 42 pages — 42 articles, 0 failed"),
        "{stderr}"
    );
    let articles = std::fs::read_to_string(&pages).expect("articles written");
    let articles: Vec<newsflow_contracts::Article> = articles
        .lines()
        .map(|l| serde_json::from_str(l).expect("canonical JSON Article"))
        .collect();
    assert_eq!(articles.len(), 42);
    assert!(articles.iter().all(|a| !a.title.is_empty()));
    assert!(
        stderr.contains("dedup: 42 articles — 42 unique, 0 duplicates"),
        "{stderr}"
    );
    assert!(
        stderr.contains("enrich: 42 articles — 42 enriched, 0 failed"),
        "{stderr}"
    );
    assert!(articles.iter().all(|a| a.dedup.is_some()));
    let english = articles
        .iter()
        .filter_map(|a| a.enrichment.as_ref())
        .filter(|e| e.language == "en" && !e.keywords.is_empty())
        .count();
    assert!(english >= 30, "{english} English articles with keywords");
    assert!(articles
        .iter()
        .any(|a| a.page.as_ref().is_some_and(|p| p.charset == "EUC-KR")
            && a.body_text.contains("서울")));
    let dead = std::fs::read_to_string(&dead).expect("dead letters written");
    let mut kinds: Vec<String> = dead
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["errorKind"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "body_too_large",
            "http_client_error",
            "http_gone",
            "http_not_found",
            "redirect_loop",
            "retries_exhausted"
        ]
    );
}

/// `newsflow parse` into a reader that stopped early (`| head`) ends
/// quietly and successfully: no panic, no error message.
#[test]
fn parse_output_to_a_closed_pipe_is_no_failure() {
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../services/parse/tests/fixtures/jsonld-newsarticle.html");
    for args in [
        vec!["parse", "--url", "https://example.com/a"],
        vec!["parse", "--manifest"],
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let manifest = dir.path().join("manifest.jsonl");
        std::fs::write(
            &manifest,
            format!(
                "{{\"id\":\"a\",\"path\":{:?},\"url\":\"https://example.com/a\"}}\n",
                page.display().to_string()
            ),
        )
        .expect("manifest");
        let last = if args.len() == 2 { &manifest } else { &page };
        let mut child = Command::new(binary("newsflow"))
            .args(&args)
            .arg(last)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run newsflow");
        // The reader goes away before the page is parsed.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("newsflow exits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// The fixture pages of the parse crate, with their URLs and expected
/// titles (`services/parse/tests/fixtures/*.expected.json`).
fn parse_fixtures() -> Vec<(String, String, String)> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../services/parse/tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let expected: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(path.with_extension("expected.json")).expect("expected"),
            )
            .expect("expected JSON");
            out.push((
                expected["url"].as_str().expect("url").to_string(),
                std::fs::read_to_string(&path).expect("html"),
                expected["title"].as_str().expect("title").to_string(),
            ));
        }
    }
    out
}

/// `newsflow-parse` over Kafka: every good page becomes one article on
/// articles.parsed; each kind of bad input lands on pages.dlq with its
/// reason — binary junk, 20,000-deep nesting, an empty page, a message that
/// is not a Page at all — and the service keeps going.
#[tokio::test(flavor = "multi_thread")]
async fn parse_service_turns_pages_into_articles_and_bad_pages_into_dead_letters() {
    let mut env = env(8);
    let articles = unique("articles");
    env.vars.extend([
        (
            "NEWSFLOW__TOPICS__ARTICLES_PARSED__NAME".to_string(),
            articles.clone(),
        ),
        ("NEWSFLOW__KAFKA__GROUP_ID".to_string(), unique("parse")),
    ]);
    setup_topics(&env);
    let fixtures = parse_fixtures();
    assert!(fixtures.len() >= 10, "{} fixtures", fixtures.len());
    let page = |url: &str, html: String| Page {
        id: newsflow_contracts::ids::stable_id(url),
        url: url.to_string(),
        final_url: url.to_string(),
        status: 200,
        html,
        ..Default::default()
    };
    let mut bad: Vec<(Page, &str)> = vec![
        (
            page(
                "http://bad.example/binary",
                "\u{1}\u{2}\u{3}PNG\u{0}\u{FFFD}".repeat(2000),
            ),
            "not_text",
        ),
        (
            page(
                "http://bad.example/deep",
                format!(
                    "<html><body>{}x{}</body></html>",
                    "<div>".repeat(20_000),
                    "</div>".repeat(20_000)
                ),
            ),
            "too_deeply_nested",
        ),
        (
            page("http://bad.example/empty", "  \n ".into()),
            "empty_page",
        ),
    ];
    for (url, html, _) in &fixtures {
        let bytes = newsflow_contracts::encode(&page(url, html.clone()), WireFormat::Json);
        newsflow_e2e::produce(&env.pages, Some(url), &bytes, Some("application/json")).await;
    }
    for (p, _) in &bad {
        let bytes = newsflow_contracts::encode(p, WireFormat::Json);
        newsflow_e2e::produce(&env.pages, Some(&p.url), &bytes, Some("application/json")).await;
    }
    newsflow_e2e::produce(
        &env.pages,
        Some("junk"),
        b"{not a page",
        Some("application/json"),
    )
    .await;

    let _parse = Proc(
        Command::new(binary("newsflow-parse"))
            .envs(env.vars.iter().cloned())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn newsflow-parse"),
    );
    let want = fixtures.len();
    let got = read_until_async(&articles, Duration::from_secs(60), move |m| m.len() >= want).await;
    let titles: BTreeMap<String, String> = got
        .iter()
        .map(|m| {
            let a: newsflow_contracts::Article = decoded(m);
            assert!(
                a.page.as_ref().is_some_and(|p| p.html.is_empty()),
                "the page rides along without its HTML"
            );
            (a.url, a.title)
        })
        .collect();
    let expected: BTreeMap<String, String> = fixtures
        .iter()
        .map(|(u, _, t)| (u.clone(), t.clone()))
        .collect();
    assert_eq!(titles, expected);

    let dlq = format!("{}.dlq", env.pages);
    let want = bad.len() + 1;
    let dead = read_until_async(&dlq, Duration::from_secs(60), move |m| m.len() >= want).await;
    let mut kinds: Vec<String> = dead
        .iter()
        .map(|m| header(m, "newsflow-dlq-error-kind").unwrap_or_default())
        .collect();
    kinds.sort();
    bad.push((Page::default(), "decode"));
    let mut want_kinds: Vec<String> = bad.iter().map(|(_, k)| k.to_string()).collect();
    want_kinds.sort();
    assert_eq!(kinds, want_kinds);
}

/// `newsflow-dedup`, two replicas over Kafka and Redis: twelve stories, each
/// published by five sites (one original and four syndicated copies, some
/// with boilerplate or cut short) and one article redelivered, come out as
/// exactly twelve unique articles and the rest as duplicates pointing at
/// their original; an article without a URL and a message that is not an
/// Article go to the DLQ with their reasons.
#[tokio::test(flavor = "multi_thread")]
async fn two_dedup_replicas_agree_on_originals_and_copies() {
    let mut env = env(8);
    let parsed = unique("parsed");
    let uniq = unique("unique");
    let dups = unique("dups");
    let group = unique("dedup");
    env.vars.extend([
        (
            "NEWSFLOW__TOPICS__ARTICLES_PARSED__NAME".to_string(),
            parsed.clone(),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_PARSED__PARTITIONS".to_string(),
            "4".into(),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_UNIQUE__NAME".to_string(),
            uniq.clone(),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_DUPLICATES__NAME".to_string(),
            dups.clone(),
        ),
        ("NEWSFLOW__KAFKA__GROUP_ID".to_string(), group),
    ]);
    setup_topics(&env);
    let story = |s: usize| -> String {
        (0..6)
            .map(|p| {
                format!(
                    "Story {s} paragraph {p}: the council of town number {} voted on measure {} after {} hours of debate, and the mayor said the result for district {} would be announced within {} days.",
                    s * 7 + 3, s * 13 + p, p * 3 + 2, s + p * 11, p + s % 5 + 1
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let mut articles = Vec::new();
    for s in 0..12 {
        for site in 0..5 {
            let url = format!("https://site{site}.example/story/{s}");
            let body = match site {
                0 | 1 => story(s),
                2 => format!(
                    "Sign up for our newsletter to get every story first.\n\n{}",
                    story(s)
                ),
                3 => story(s)
                    .split("\n\n")
                    .take(4)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                _ => story(s).replace("voted on", "voted today on"),
            };
            articles.push(newsflow_contracts::Article {
                id: newsflow_contracts::ids::stable_id(&url),
                url,
                title: format!("Council {s} votes"),
                body_text: body,
                parsed_at: Some(newsflow_contracts::timestamp_from_millis(
                    1_700_000_000_000 + (s * 5 + site) as i64,
                )),
                ..Default::default()
            });
        }
    }
    // Originals first, so "original" is well defined: site 0 of each story.
    for a in articles.iter().filter(|a| a.url.contains("site0")) {
        let bytes = newsflow_contracts::encode(a, WireFormat::Json);
        newsflow_e2e::produce(&parsed, Some(&a.id), &bytes, Some("application/json")).await;
    }
    let produce_rest = async {
        for a in articles.iter().filter(|a| !a.url.contains("site0")) {
            let bytes = newsflow_contracts::encode(a, WireFormat::Json);
            newsflow_e2e::produce(&parsed, Some(&a.id), &bytes, Some("application/json")).await;
        }
        // A redelivery of one copy (same message again).
        let again = newsflow_contracts::encode(&articles[7], WireFormat::Json);
        newsflow_e2e::produce(
            &parsed,
            Some(&articles[7].id),
            &again,
            Some("application/json"),
        )
        .await;
        let no_url = newsflow_contracts::encode(
            &newsflow_contracts::Article {
                title: "No URL".into(),
                ..Default::default()
            },
            WireFormat::Json,
        );
        newsflow_e2e::produce(&parsed, None, &no_url, Some("application/json")).await;
        newsflow_e2e::produce(&parsed, None, b"[1,2,3", Some("application/json")).await;
    };
    let spawn = || {
        Proc(
            Command::new(binary("newsflow-dedup"))
                .envs(env.vars.iter().cloned())
                .env(
                    "NEWSFLOW__ADMIN__LISTEN",
                    format!("127.0.0.1:{}", free_port()),
                )
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("spawn newsflow-dedup"),
        )
    };
    let _a = spawn();
    // The originals are decided before the copies arrive.
    let first = read_until_async(&uniq, Duration::from_secs(60), move |m| m.len() >= 12).await;
    assert_eq!(first.len(), 12);
    let _b = spawn();
    produce_rest.await;

    let dup_messages =
        read_until_async(&dups, Duration::from_secs(60), move |m| m.len() >= 49).await;
    // Nothing else may arrive on unique: give it a moment to show up.
    let unique_messages = read_until_async(&uniq, Duration::from_secs(3), |_| false).await;
    let originals: BTreeSet<String> = unique_messages
        .iter()
        .map(|m| decoded::<newsflow_contracts::Article>(m).url)
        .collect();
    let want: BTreeSet<String> = (0..12)
        .map(|s| format!("https://site0.example/story/{s}"))
        .collect();
    assert_eq!(originals, want, "exactly the originals are unique");
    assert_eq!(dup_messages.len(), 49, "48 copies and one redelivery");
    for m in &dup_messages {
        let a = decoded::<newsflow_contracts::Article>(m);
        let d = a.dedup.expect("decision");
        let s: usize = a.url.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(
            d.duplicate_of,
            newsflow_contracts::ids::stable_id(&format!("https://site0.example/story/{s}")),
            "{}",
            a.url
        );
        assert!(d.method == "minhash" || d.method == "content-hash", "{d:?}");
    }
    let dlq = format!("{parsed}.dlq");
    let dead = read_until_async(&dlq, Duration::from_secs(30), move |m| m.len() >= 2).await;
    let mut kinds: Vec<String> = dead
        .iter()
        .map(|m| header(m, "newsflow-dlq-error-kind").unwrap_or_default())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["decode", "no_url"]);
}

/// The whole topology over Kafka: fetch, parse, dedup and enrich as four
/// processes (dedup state in Redis), the demo URLs submitted once — and the
/// same URLs a second time, as a publisher resubmitting would. Every page
/// becomes exactly one enriched article; the resubmitted URLs are skipped by
/// fetch as recently fetched, so nothing is duplicated downstream.
#[tokio::test(flavor = "multi_thread")]
async fn the_four_stages_over_kafka_turn_urls_into_enriched_articles() {
    let base = fixture_site().await;
    let mut env = env(16);
    allow_site(&mut env, &base);
    four_stages(env, &base).await;
}

/// The same flow with every service connecting through the local broker's
/// SASL_SSL listener (SCRAM-SHA-512 over TLS, the stack's own CA); the test
/// reads the results through the plaintext listener. A wrong password is
/// refused with an error that says so.
#[tokio::test(flavor = "multi_thread")]
async fn the_four_stages_connect_with_sasl_scram_over_tls() {
    let sasl = newsflow_e2e::sasl_ssl();
    let base = fixture_site().await;
    let security = |password: &str| {
        format!(
            "[kafka.properties]\n\"security.protocol\" = \"SASL_SSL\"\n\"sasl.mechanism\" = \"SCRAM-SHA-512\"\n\"sasl.username\" = \"{}\"\n\"sasl.password\" = \"{password}\"\n\"ssl.ca.location\" = \"{}\"\n",
            sasl.username,
            sasl.ca_file.display()
        )
    };
    let sasl_env = |password: &str| {
        let mut env = env(16);
        env.vars
            .push(("NEWSFLOW__KAFKA__BROKERS".into(), sasl.brokers.clone()));
        config_file(&mut env, &base, &security(password));
        env
    };

    let wrong = sasl_env("not-the-password");
    let out = newsflow(&wrong, &["topics", "create"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a wrong password must not connect");
    assert!(
        stderr.contains("SASL authentication error"),
        "the error names the cause: {stderr}"
    );

    four_stages(sasl_env(&sasl.password), &base).await;
}

/// Gives the article topics (parsed, unique, duplicates, enriched) their own
/// names in `env`; returns the enriched topic's.
fn article_topics(env: &mut Env) -> String {
    let enriched = unique("enriched");
    env.vars.extend([
        (
            "NEWSFLOW__TOPICS__ARTICLES_PARSED__NAME".to_string(),
            unique("parsed"),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_UNIQUE__NAME".to_string(),
            unique("unique"),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_DUPLICATES__NAME".to_string(),
            unique("dups"),
        ),
        (
            "NEWSFLOW__TOPICS__ARTICLES_ENRICHED__NAME".to_string(),
            enriched.clone(),
        ),
    ]);
    enriched
}

/// The fixture site's demo URLs as one list for `submit`, and how many of
/// them become pages.
fn demo_list(base: &str) -> (String, usize) {
    let demo = demo_urls(base);
    let pages = demo
        .iter()
        .filter(|d| matches!(d.expect, Expect::Page { .. }))
        .count();
    (demo.iter().map(|d| format!("{}\n", d.url)).collect(), pages)
}

/// The four stage services as processes, each in its own group
/// (`<env.group>-<stage>`) with its own admin address; their logs go to the
/// test's stderr when `show_logs`.
fn spawn_stages(env: &Env, show_logs: bool) -> Vec<(&'static str, SocketAddr, Proc)> {
    ["fetch", "parse", "dedup", "enrich"]
        .into_iter()
        .map(|stage| {
            let admin = SocketAddr::from(([127, 0, 0, 1], free_port()));
            let stderr = if show_logs {
                Stdio::inherit()
            } else {
                Stdio::null()
            };
            let process = Proc(
                Command::new(binary(&format!("newsflow-{stage}")))
                    .envs(env.vars.iter().cloned())
                    .env(
                        "NEWSFLOW__KAFKA__GROUP_ID",
                        format!("{}-{stage}", env.group),
                    )
                    .env("NEWSFLOW__ADMIN__LISTEN", admin.to_string())
                    .stdout(Stdio::null())
                    .stderr(stderr)
                    .spawn()
                    .unwrap_or_else(|e| panic!("spawn newsflow-{stage}: {e}")),
            );
            (stage, admin, process)
        })
        .collect()
}

/// Topics for `env`, the four services as processes, the demo URLs submitted
/// twice; asserts one enriched article per page and none repeated.
async fn four_stages(mut env: Env, base: &str) {
    let enriched = article_topics(&mut env);
    setup_topics(&env);
    let (list, want) = demo_list(base);
    let _services = spawn_stages(&env, true);
    let out = newsflow(&env, &["submit", "--file", "-"], Some(&list));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = read_until_async(&enriched, Duration::from_secs(120), move |m| {
        m.len() >= want
    })
    .await;
    assert_eq!(first.len(), want);
    // The publisher resubmits everything.
    let out = newsflow(&env, &["submit", "--file", "-"], Some(&list));
    assert!(out.status.success());
    // Whatever the second round would add has time to show up.
    let all = read_until_async(&enriched, Duration::from_secs(15), |_| false).await;
    let articles: Vec<newsflow_contracts::Article> = all.iter().map(decoded).collect();
    let ids: BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        articles.len(),
        want,
        "one enriched article per page, none repeated"
    );
    assert_eq!(ids.len(), want);
    for a in &articles {
        assert!(!a.title.is_empty(), "{}", a.url);
        assert!(a.dedup.is_some(), "{}", a.url);
        let e = a.enrichment.as_ref().expect("enriched");
        assert!(
            !e.language.is_empty() && !e.annotators.is_empty(),
            "{}",
            a.url
        );
    }
}
