//! The SSRF defence against adversarial targets. The forbidden targets are
//! real listening sockets that count connections; none may receive one.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use newsflow_fetch::ssrf::HostLookup;
use newsflow_fetch::{FetchDeps, FetchSettings, FetchStage};
use newsflow_fixture_site::RobotsMode;
use newsflow_runtime::Outcome;

use super::{page, process, reject_kind, serve};

/// A listener that must never be connected to.
struct Trap {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

async fn trap(bind: &str) -> Trap {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    Trap { addr, hits }
}

/// A resolver the test controls; answers may change from call to call.
#[derive(Default)]
struct Lookup {
    answers: Mutex<HashMap<String, Vec<Vec<IpAddr>>>>,
}

impl Lookup {
    fn with(answers: &[(&str, &[&str])]) -> Self {
        let map = answers
            .iter()
            .map(|(host, ips)| {
                let ips = ips.iter().map(|ip| ip.parse().unwrap()).collect();
                (host.to_string(), vec![ips])
            })
            .collect();
        Lookup {
            answers: Mutex::new(map),
        }
    }

    /// `host` answers `first`, then `then` for every later lookup.
    fn rebinding(self, host: &str, first: &str, then: &str) -> Self {
        self.answers.lock().unwrap().insert(
            host.to_string(),
            vec![vec![first.parse().unwrap()], vec![then.parse().unwrap()]],
        );
        self
    }
}

impl HostLookup for Lookup {
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>> {
        let mut answers = self.answers.lock().unwrap();
        let result = match answers.get_mut(&host) {
            Some(list) if list.len() > 1 => Ok(list.remove(0)),
            Some(list) => Ok(list[0].clone()),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{host}: unknown"),
            )),
        };
        Box::pin(async move { result })
    }
}

fn stage(allow: &[String], lookup: Lookup) -> FetchStage {
    let settings = FetchSettings {
        allow: allow.iter().map(|a| a.parse().unwrap()).collect(),
        politeness: super::loopback_settings().politeness,
        ..Default::default()
    };
    let deps = FetchDeps {
        lookup: Arc::new(lookup),
        ..FetchDeps::default()
    };
    FetchStage::with_deps(settings, deps).unwrap()
}

#[tokio::test]
async fn forbidden_targets_receive_no_connection_on_any_path() {
    let (base, site) = serve(RobotsMode::Missing).await;
    let t4 = trap("127.0.0.1:0").await;
    let t6 = trap("[::1]:0").await;
    let p4 = t4.addr.port();
    let p6 = t6.addr.port();
    let lookup = Lookup::with(&[
        ("localhost", &["127.0.0.1", "::1"]),
        ("evil.test", &["127.0.0.1"]),
        ("mixed.test", &["10.0.0.1", "127.0.0.1"]),
        ("meta.test", &["169.254.169.254"]),
        ("v6.test", &["::1"]),
        ("mapped.test", &["::ffff:127.0.0.1"]),
        ("ula.test", &["fd00:ec2::254"]),
        ("cgnat.test", &["100.64.1.1"]),
    ]);
    let stage = stage(&[site.to_string()], lookup);

    let mut targets: Vec<String> = vec![
        format!("http://127.0.0.1:{p4}/"),
        format!("http://[::1]:{p6}/"),
        format!("http://localhost:{p4}/"),
        format!("http://2130706433:{p4}/"),
        format!("http://0x7f.0.0.1:{p4}/"),
        format!("http://0177.0.0.1:{p4}/"),
        format!("http://0x7f000001:{p4}/"),
        format!("http://127.1:{p4}/"),
        format!("http://[::ffff:127.0.0.1]:{p4}/"),
        format!("http://[::ffff:7f00:1]:{p4}/"),
        format!("http://evil.test:{p4}/"),
        format!("http://mixed.test:{p4}/"),
        format!("http://v6.test:{p6}/"),
        format!("http://mapped.test:{p4}/"),
        "http://meta.test/latest/meta-data/".into(),
        "http://ula.test/".into(),
        "http://cgnat.test/".into(),
        "http://169.254.169.254/latest/meta-data/".into(),
        "http://[fd00:ec2::254]/".into(),
        "http://10.0.0.1/".into(),
        "http://172.16.5.4/".into(),
        "http://192.168.1.1/".into(),
        "http://100.64.0.1/".into(),
        "http://0.0.0.0/".into(),
        "http://[::]/".into(),
        "http://224.0.0.1/".into(),
        "http://255.255.255.255/".into(),
        "http://192.0.2.1/".into(),
        "http://[64:ff9b::7f00:1]/".into(),
        "http://[fe80::1]/".into(),
        format!("http://127.0.0.2:{}/", site.port()),
    ];
    // The same targets behind every kind of redirect from the allowed site.
    for status in [301, 302, 303, 307, 308] {
        for to in [
            format!("http://127.0.0.1:{p4}/"),
            format!("http://[::1]:{p6}/"),
            format!("http://evil.test:{p4}/"),
            "http://169.254.169.254/latest/meta-data/".to_string(),
        ] {
            targets.push(format!("{base}/goto/{status}?to={to}"));
        }
    }
    for url in &targets {
        let outcome = process(&stage, url).await;
        assert_eq!(
            reject_kind(&outcome),
            Some("forbidden_address"),
            "{url}: {outcome:?}"
        );
    }
    assert_eq!(
        t4.hits.load(Ordering::SeqCst),
        0,
        "IPv4 trap was connected to"
    );
    assert_eq!(
        t6.hits.load(Ordering::SeqCst),
        0,
        "IPv6 trap was connected to"
    );
    // The allowed site itself still works.
    page(process(&stage, &format!("{base}/news/1")).await);
}

#[tokio::test]
async fn other_schemes_and_credentials_are_refused_also_after_a_redirect() {
    let (base, site) = serve(RobotsMode::Missing).await;
    let stage = stage(&[site.to_string()], Lookup::default());
    for url in [
        "file:///etc/passwd".to_string(),
        "ftp://example.com/file".into(),
        "gopher://127.0.0.1:70/".into(),
        "data:text/html,<p>hi</p>".into(),
        format!("http://user:secret@{site}/news/1"),
        format!("{base}/goto/302?to=file:///etc/passwd"),
        format!("{base}/goto/301?to=ftp://example.com/"),
    ] {
        let outcome = process(&stage, &url).await;
        assert_eq!(
            reject_kind(&outcome),
            Some("forbidden_url"),
            "{url}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn a_dns_answer_that_changes_cannot_reach_a_forbidden_address() {
    // The fixture listens on 127.0.0.2 (allowed), the trap on 127.0.0.1 at
    // the same port (forbidden). The name answers 127.0.0.2, then 127.0.0.1.
    let (base, site) = serve_on("127.0.0.2:0").await;
    let Ok(listener) = tokio::net::TcpListener::bind(("127.0.0.1", site.port())).await else {
        // The port is taken on 127.0.0.1 by something else: nothing to prove.
        return;
    };
    drop(listener);
    let t = trap(&format!("127.0.0.1:{}", site.port())).await;
    let lookup = Lookup::default().rebinding("rebind.test", "127.0.0.2", "127.0.0.1");
    let stage = stage(&["127.0.0.2".to_string()], lookup);
    let url = format!("http://rebind.test:{}/news/3", site.port());
    for _ in 0..3 {
        let outcome = process(&stage, &url).await;
        // Either the pooled connection to the checked address is reused, or
        // the new answer is checked and refused — never a connection to it.
        match &outcome {
            Outcome::Emit(_) => {}
            other => assert_eq!(reject_kind(other), Some("forbidden_address"), "{other:?}"),
        }
    }
    assert_eq!(t.hits.load(Ordering::SeqCst), 0);
    let _ = base;
}

async fn serve_on(addr: &str) -> (String, SocketAddr) {
    let (addr, task) =
        newsflow_fixture_site::serve_with(addr.parse().unwrap(), RobotsMode::Missing)
            .await
            .unwrap();
    std::mem::forget(task);
    (format!("http://{addr}"), addr)
}

#[tokio::test]
async fn with_the_defence_off_loopback_is_reachable() {
    let (base, _) = serve(RobotsMode::Missing).await;
    let settings = FetchSettings {
        ssrf_protection: false,
        ..super::loopback_settings()
    };
    let stage = FetchStage::new(settings).unwrap();
    page(process(&stage, &format!("{base}/news/1")).await);
}

#[tokio::test]
async fn refused_addresses_are_counted_by_kind() {
    let registry = prometheus::Registry::new();
    let settings = FetchSettings::default();
    let deps = FetchDeps {
        registry: Some(registry.clone()),
        lookup: Arc::new(Lookup::with(&[("meta.test", &["169.254.169.254"])])),
        ..FetchDeps::default()
    };
    let stage = FetchStage::with_deps(settings, deps).unwrap();
    process(&stage, "http://10.1.1.1/").await;
    process(&stage, "http://meta.test/").await;
    let mut text = Vec::new();
    use prometheus::Encoder;
    prometheus::TextEncoder::new()
        .encode(&registry.gather(), &mut text)
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("newsflow_fetch_refused_addresses_total{reason=\"private\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("newsflow_fetch_refused_addresses_total{reason=\"metadata\"} 1"),
        "{text}"
    );
}
