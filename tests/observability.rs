//! What operators get is checked for real: the four stages run over Kafka on
//! the fixture site, a real Prometheus scrapes them with the shipped
//! configuration (deploy/prometheus), and then every panel query of the
//! shipped Grafana dashboard and every alert rule is evaluated through
//! Prometheus's HTTP API.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::time::Duration;

use newsflow_e2e::{decoded, eventually, read_until_async, repo_root, Prometheus};

use super::{
    allow_site, article_topics, demo_list, env, fixture_site, newsflow, setup_topics, spawn_stages,
};

/// What Grafana would put for the dashboard's variables: every stage, and a
/// rate window of several scrapes (the shipped interval is 5 s).
fn as_grafana_would(expr: &str) -> String {
    expr.replace("$__rate_interval", "30s")
        .replace("$stage", ".*")
}

/// Every (panel title, query) of the shipped dashboard.
fn dashboard_queries() -> Vec<(String, String)> {
    let path = repo_root().join("deploy/grafana/dashboards/newsflow.json");
    let text = std::fs::read_to_string(&path).expect("dashboard");
    let dashboard: serde_json::Value = serde_json::from_str(&text).expect("dashboard JSON");
    let mut out = Vec::new();
    for panel in dashboard["panels"].as_array().expect("panels") {
        for target in panel["targets"].as_array().into_iter().flatten() {
            let title = panel["title"].as_str().unwrap_or_default().to_string();
            out.push((title, target["expr"].as_str().expect("expr").to_string()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn dashboard_and_alerts_work_on_live_metrics() {
    let queries = dashboard_queries();
    assert!(
        queries.len() >= 20,
        "the dashboard has {} queries",
        queries.len()
    );

    let base = fixture_site().await;
    let mut env = env(16);
    allow_site(&mut env, &base);
    let enriched = article_topics(&mut env);
    // Fail fast on the fixture's 500s, so retries and dead letters both show.
    env.vars
        .push(("NEWSFLOW__RUNTIME__MAX_ATTEMPTS".into(), "2".into()));
    setup_topics(&env);

    let services = spawn_stages(&env, false);
    let targets: Vec<(&str, SocketAddr)> = services
        .iter()
        .map(|(stage, admin, _)| (*stage, *admin))
        .collect();
    let prometheus = tokio::task::spawn_blocking(move || Prometheus::start_shipped(&targets))
        .await
        .expect("prometheus");

    let (list, want) = demo_list(&base);
    // Twice: the second round is skipped as recently fetched.
    for _ in 0..2 {
        let out = newsflow(&env, &["submit", "--file", "-"], Some(&list));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Article ids, as a redelivered record may be enriched twice.
    let distinct = |m: &[rdkafka::message::OwnedMessage]| {
        m.iter()
            .map(|m| decoded::<newsflow_contracts::Article>(m).id)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let articles = read_until_async(&enriched, Duration::from_secs(120), move |m| {
        distinct(m) >= want
    })
    .await;
    assert_eq!(distinct(&articles), want);

    let prometheus = tokio::task::spawn_blocking(move || {
        // Scraped after the last article, and enough samples for the rates.
        // At least `want`, not exactly: delivery is at-least-once, and a
        // rebalance while the group forms can hand enrich a record twice.
        let caught_up = eventually(Duration::from_secs(60), || {
            prometheus
                .value("sum(newsflow_enrich_articles_total)")
                .is_some_and(|n| n >= want as f64)
                && prometheus.value("count(up{job=\"newsflow\"} == 1)") == Some(4.0)
        });
        assert!(
            caught_up,
            "prometheus: {}",
            prometheus.query("newsflow_enrich_articles_total")
        );
        prometheus
    })
    .await
    .expect("prometheus");

    // Every panel query parses and returns data (rates need a few scrapes).
    let (prometheus, empty) = tokio::task::spawn_blocking(move || {
        let mut empty = Vec::new();
        eventually(Duration::from_secs(60), || {
            empty.clear();
            for (title, expr) in &queries {
                let answer = prometheus.query_full(&as_grafana_would(expr));
                assert_eq!(
                    answer["status"], "success",
                    "panel {title:?}: {expr}\n{answer}"
                );
                if answer["data"]["result"]
                    .as_array()
                    .is_none_or(|r| r.is_empty())
                {
                    empty.push(format!("{title}: {expr}"));
                }
            }
            empty.is_empty()
        });
        (prometheus, empty)
    })
    .await
    .expect("panels");
    assert!(
        empty.is_empty(),
        "panels without data:\n{}",
        empty.join("\n")
    );

    // The services answer under the labels the alerts use.
    let services_up: BTreeSet<String> = prometheus
        .query("up{job=\"newsflow\"} == 1")
        .as_array()
        .expect("up")
        .iter()
        .map(|s| {
            s["metric"]["service"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        services_up,
        BTreeSet::from(["dedup", "enrich", "fetch", "parse"].map(String::from))
    );

    // Prometheus loaded every shipped alert rule and evaluates each without error.
    let shipped =
        std::fs::read_to_string(repo_root().join("deploy/prometheus/alerts.yml")).expect("alerts");
    let count = shipped
        .lines()
        .filter(|l| l.trim_start().starts_with("- alert:"))
        .count();
    let rules = tokio::task::spawn_blocking(move || {
        let mut rules = Vec::new();
        let evaluated = eventually(Duration::from_secs(30), || {
            let answer = prometheus.api("/api/v1/rules?type=alert");
            rules = answer["data"]["groups"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|g| g["rules"].as_array().cloned().unwrap_or_default())
                .collect::<Vec<_>>();
            rules.len() == count && rules.iter().all(|r| r["health"] != "unknown")
        });
        assert!(evaluated, "rules: {rules:?}");
        for rule in &rules {
            let name = rule["name"].as_str().unwrap_or_default();
            assert_eq!(rule["health"], "ok", "alert {name}: {}", rule["lastError"]);
            let query = rule["query"].as_str().expect("query");
            let answer = prometheus.query_full(query);
            assert_eq!(answer["status"], "success", "alert {name}: {answer}");
        }
        rules
    })
    .await
    .expect("rules");
    assert!(count >= 6, "{count} alert rules");
    // A healthy pipeline fires nothing but, with the fixture's deliberate
    // 404s and 500s, possibly the dead-letter and error ratios.
    for rule in &rules {
        let name = rule["name"].as_str().unwrap_or_default();
        if rule["state"] == "firing" {
            assert!(
                matches!(
                    name,
                    "NewsflowDeadLetterRate" | "NewsflowErrorRatio" | "NewsflowFetchFailureRatio"
                ),
                "{name} fires on a healthy pipeline: {rule}"
            );
        }
    }
    drop(services);
}
