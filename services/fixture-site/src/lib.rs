//! A deterministic news site served on loopback: the pages that the demo
//! (`newsflow run --demo`), the tests and the benchmarks fetch, so none of
//! them needs the internet. Every page is generated from code: article text
//! is assembled from word lists written for this project.
//!
//! Besides articles it serves every kind of trouble a fetcher meets: redirect
//! chains and loops, error statuses with `Retry-After`, slow headers, a
//! byte-a-second body, oversize and gzip-bomb bodies, non-HTML content, and
//! pages in legacy encodings declared by header, by `<meta>` or not at all.

mod pages;
mod routes;

use std::net::SocketAddr;

pub use pages::{article_html, article_title, encoded_page, ENCODINGS};
pub use routes::{router, router_with, RobotsMode};

/// What fetching a fixture URL should produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// A page whose final URL is this.
    Page {
        /// The URL that answers with the body.
        final_url: String,
        /// Redirects followed on the way.
        redirects: usize,
    },
    /// A dead letter with this error kind.
    DeadLetter(&'static str),
    /// Skipped with this reason.
    Skip(&'static str),
}

/// A URL of the demo set and what fetching it should produce.
#[derive(Debug, Clone)]
pub struct DemoUrl {
    /// The URL.
    pub url: String,
    /// The expected result.
    pub expect: Expect,
}

/// The demo set: 50 URLs of the site at `base` (e.g. `http://127.0.0.1:8080`)
/// — 42 that yield pages (plain, redirected, gzip-encoded, in seven
/// encodings, one after a transient 503) and 8 that fail or are skipped for
/// a known reason. With `fetch` defaults (10 redirects, 5 MiB body cap, 5
/// attempts) the expectations hold.
pub fn demo_urls(base: &str) -> Vec<DemoUrl> {
    let page = |path: String, redirects: usize| Expect::Page {
        final_url: format!("{base}{path}"),
        redirects,
    };
    let mut urls = Vec::new();
    for n in 0..28 {
        urls.push(DemoUrl {
            url: format!("{base}/news/{n}"),
            expect: page(format!("/news/{n}"), 0),
        });
    }
    for n in 28..31 {
        urls.push(DemoUrl {
            url: format!("{base}/redirect/3/news/{n}"),
            expect: page(format!("/news/{n}"), 3),
        });
    }
    for n in 31..34 {
        urls.push(DemoUrl {
            url: format!("{base}/gzip/news/{n}"),
            expect: page(format!("/gzip/news/{n}"), 0),
        });
    }
    for (i, (label, _, _)) in ENCODINGS.iter().enumerate() {
        let mode = ["header", "meta", "none"][i % 3];
        let path = format!("/charset/{mode}/{label}");
        urls.push(DemoUrl {
            url: format!("{base}{path}"),
            expect: page(path, 0),
        });
    }
    urls.push(DemoUrl {
        url: format!("{base}/flaky/demo-1/1"),
        expect: page("/flaky/demo-1/1".into(), 0),
    });
    for (path, expect) in [
        ("/status/404", Expect::DeadLetter("http_not_found")),
        ("/status/410", Expect::DeadLetter("http_gone")),
        ("/status/403", Expect::DeadLetter("http_client_error")),
        ("/status/500", Expect::DeadLetter("retries_exhausted")),
        ("/loop/a", Expect::DeadLetter("redirect_loop")),
        ("/big", Expect::DeadLetter("body_too_large")),
        ("/image.png", Expect::Skip("not_html")),
        ("/feed.json", Expect::Skip("not_html")),
    ] {
        urls.push(DemoUrl {
            url: format!("{base}{path}"),
            expect,
        });
    }
    urls
}

/// Serves the site on `addr` (port 0 picks a free one) until the task is
/// dropped or aborted. Returns the bound address and the server task.
pub async fn serve(addr: SocketAddr) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    serve_with(addr, RobotsMode::Standard).await
}

/// [`serve`] with a chosen robots.txt behaviour.
pub async fn serve_with(
    addr: SocketAddr,
    robots: RobotsMode,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router_with(robots)).await;
    });
    Ok((bound, task))
}
