//! The site's routes.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;

use crate::pages::{article_html, encoded_page};

/// What the site answers at `/robots.txt`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RobotsMode {
    /// Disallows `/private/` for every agent.
    #[default]
    Standard,
    /// 404.
    Missing,
    /// 503.
    ServerError,
    /// Answers after 30 s.
    Slow,
    /// 2 MiB of `Allow` lines, then a `Disallow: /` that lies past any sane cap.
    Huge,
    /// Binary junk.
    Malformed,
    /// Disallows everything.
    DisallowAll,
}

#[derive(Clone, Default)]
struct Site {
    /// Requests seen per flaky id.
    flaky: Arc<Mutex<HashMap<String, u32>>>,
    robots: RobotsMode,
    /// Arrival times of `/timed/…` requests, for politeness tests.
    timed: Arc<Mutex<Vec<std::time::Instant>>>,
}

/// The site's router with the standard robots.txt.
pub fn router() -> Router {
    router_with(RobotsMode::Standard)
}

/// The site's router with the given robots.txt behaviour.
pub fn router_with(robots: RobotsMode) -> Router {
    Router::new()
        .route("/robots.txt", get(robots_txt))
        .route("/private/{n}", get(news))
        .route("/noarchive/news/{n}", get(noarchive_news))
        .route("/timed/{n}", get(timed))
        .route("/etag/news/{n}", get(etag_news))
        .route("/timed-log", get(timed_log))
        .route("/goto/{status}", get(goto))
        .route("/", get(index))
        .route("/news/{n}", get(news))
        .route("/gzip/news/{n}", get(gzip_news))
        .route("/delay/{ms}/news/{n}", get(delayed_news))
        .route("/redirect/{k}/news/{n}", get(redirect))
        .route("/loop/{side}", get(redirect_loop))
        .route("/status/{code}", get(status))
        .route("/flaky/{id}/{failures}", get(flaky))
        .route("/charset/{mode}/{label}", get(charset))
        .route("/slow-headers", get(slow_headers))
        .route("/slow-body", get(slow_body))
        .route("/big", get(big))
        .route("/endless", get(endless))
        .route("/bomb", get(bomb))
        .route("/image.png", get(image))
        .route("/binary-as-html", get(binary_as_html))
        .route("/mislabelled", get(mislabelled))
        .route("/huge-headers", get(huge_headers))
        .route("/brotli-bomb", get(brotli_bomb))
        .route("/feed.json", get(feed))
        .with_state(Site {
            robots,
            ..Site::default()
        })
}

async fn robots_txt(State(site): State<Site>) -> Response {
    let text = |body: String| ([(header::CONTENT_TYPE, "text/plain")], body).into_response();
    match site.robots {
        RobotsMode::Standard => text("User-agent: *\nDisallow: /private/\n".into()),
        RobotsMode::DisallowAll => text("User-agent: *\nDisallow: /\n".into()),
        RobotsMode::Missing => (StatusCode::NOT_FOUND, "no robots\n").into_response(),
        RobotsMode::ServerError => (StatusCode::SERVICE_UNAVAILABLE, "down\n").into_response(),
        RobotsMode::Slow => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            text("User-agent: *\nDisallow: /\n".into())
        }
        RobotsMode::Huge => {
            let mut body = String::from("User-agent: *\n");
            while body.len() < 2 * 1024 * 1024 {
                body.push_str("Allow: /news/\n");
            }
            body.push_str("Disallow: /\n");
            text(body)
        }
        RobotsMode::Malformed => (
            [(header::CONTENT_TYPE, "text/plain")],
            vec![0u8, 159, 146, 150, 0xff, 0xfe, b'\n', 0],
        )
            .into_response(),
    }
}

/// A redirect with the given status to the `to` query parameter.
async fn goto(
    Path(status): Path<u16>,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
    let to = query.get("to").cloned().unwrap_or_else(|| "/".into());
    let mut response = (status, "moved\n").into_response();
    if let Ok(value) = header::HeaderValue::from_str(&to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn index(headers: HeaderMap) -> Response {
    let links: String = (0..20)
        .map(|n| {
            format!(
                "<li><a href=\"{}/news/{n}\">{}</a></li>",
                base(&headers),
                crate::article_title(n)
            )
        })
        .collect();
    html(format!("<!DOCTYPE html><html><head><title>The Fixture Gazette</title></head><body><h1>Latest</h1><ul>{links}</ul></body></html>"))
}

async fn news(Path(n): Path<u64>, headers: HeaderMap) -> Response {
    html(article_html(&base(&headers), &format!("/news/{n}"), n))
}

/// An article after `ms` milliseconds (at most 10 s): slow but healthy.
async fn delayed_news(Path((ms, n)): Path<(u64, u64)>, headers: HeaderMap) -> Response {
    tokio::time::sleep(Duration::from_millis(ms.min(10_000))).await;
    html(article_html(
        &base(&headers),
        &format!("/delay/{ms}/news/{n}"),
        n,
    ))
}

/// An article with validators; a matching If-None-Match or an
/// If-Modified-Since at or after its date gets a 304.
async fn etag_news(Path(n): Path<u64>, headers: HeaderMap) -> Response {
    const LAST_MODIFIED: &str = "Fri, 28 Jun 2024 08:18:00 GMT";
    let etag = format!("\"v{n}\"");
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
        || headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == LAST_MODIFIED);
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        html(article_html(&base(&headers), &format!("/etag/news/{n}"), n))
    };
    if let Ok(value) = header::HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response.headers_mut().insert(
        header::LAST_MODIFIED,
        header::HeaderValue::from_static(LAST_MODIFIED),
    );
    response
}

/// An article; the arrival time is logged for `/timed-log`.
async fn timed(State(site): State<Site>, Path(n): Path<u64>, headers: HeaderMap) -> Response {
    site.timed
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(std::time::Instant::now());
    html(article_html(&base(&headers), &format!("/timed/{n}"), n))
}

/// Milliseconds between the first `/timed/…` request and each one, one per line.
async fn timed_log(State(site): State<Site>) -> Response {
    let times = site.timed.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let first = times.first().copied();
    let lines: String = times
        .iter()
        .map(|t| format!("{}\n", first.map_or(0, |f| t.duration_since(f).as_millis())))
        .collect();
    ([(header::CONTENT_TYPE, "text/plain")], lines).into_response()
}

/// An article that opts out of archiving (header) and indexing (meta).
async fn noarchive_news(Path(n): Path<u64>, headers: HeaderMap) -> Response {
    let page = article_html(&base(&headers), &format!("/noarchive/news/{n}"), n).replacen(
        "<head>",
        "<head>\n<meta name=\"robots\" content=\"noindex, NoFollow\">",
        1,
    );
    let mut response = html(page);
    response.headers_mut().insert(
        "x-robots-tag",
        header::HeaderValue::from_static("noarchive"),
    );
    response
}

async fn gzip_news(Path(n): Path<u64>, headers: HeaderMap) -> Response {
    let page = article_html(&base(&headers), &format!("/gzip/news/{n}"), n);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(page.as_bytes());
    let gz = encoder.finish().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        gz,
    )
        .into_response()
}

async fn redirect(Path((k, n)): Path<(u32, u64)>) -> Response {
    if k <= 1 {
        Redirect::permanent(&format!("/news/{n}")).into_response()
    } else {
        Redirect::temporary(&format!("/redirect/{}/news/{n}", k - 1)).into_response()
    }
}

async fn redirect_loop(Path(side): Path<String>) -> Response {
    let other = if side == "a" { "b" } else { "a" };
    Redirect::to(&format!("/loop/{other}")).into_response()
}

async fn status(Path(code): Path<u16>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = (status, format!("status {code}\n")).into_response();
    if code == 429 || code == 503 {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    response
}

/// 503 with `Retry-After: 1` for the first `failures` requests of `id`,
/// then an article.
async fn flaky(
    State(site): State<Site>,
    Path((id, failures)): Path<(String, u32)>,
    headers: HeaderMap,
) -> Response {
    let seen = {
        let mut map = site.flaky.lock().unwrap_or_else(|e| e.into_inner());
        let count = map.entry(id.clone()).or_default();
        *count += 1;
        *count
    };
    if seen <= failures {
        let mut response = (StatusCode::SERVICE_UNAVAILABLE, "try later\n").into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        return response;
    }
    html(article_html(
        &base(&headers),
        &format!("/flaky/{id}/{failures}"),
        1000,
    ))
}

async fn charset(Path((mode, label)): Path<(String, String)>) -> Response {
    match encoded_page(&mode, &label) {
        Some((body, content_type)) => {
            ([(header::CONTENT_TYPE, content_type)], body).into_response()
        }
        None => (StatusCode::NOT_FOUND, "unknown encoding\n").into_response(),
    }
}

async fn slow_headers() -> Response {
    tokio::time::sleep(Duration::from_secs(60)).await;
    html("<p>too late</p>".into())
}

/// Headers at once, then one byte a second for a minute.
async fn slow_body() -> Response {
    let stream = futures::stream::unfold(0u32, |i| async move {
        if i >= 60 {
            return None;
        }
        if i > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        Some((Ok::<_, std::io::Error>(Bytes::from_static(b"<")), i + 1))
    });
    (
        [(header::CONTENT_TYPE, "text/html")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// 20 MiB of HTML, without a Content-Length, so the cap must act while
/// streaming.
async fn big() -> Response {
    let chunk =
        Bytes::from("<p>filler filler filler filler filler filler filler</p>\n".repeat(1024));
    let stream = futures::stream::iter(
        (0..20 * 1024 * 1024 / chunk.len()).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
    );
    (
        [(header::CONTENT_TYPE, "text/html")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// A body that never ends (64 KiB chunks for as long as the client reads).
async fn endless() -> Response {
    let chunk = Bytes::from("<p>more</p>\n".repeat(5 * 1024));
    let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
    (
        [(header::CONTENT_TYPE, "text/html")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// About 100 KiB of gzip that inflates to 100 MiB.
async fn bomb() -> Response {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    let gz = BOMB.get_or_init(|| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..100 {
            let _ = encoder.write_all(&zeros);
        }
        encoder.finish().unwrap_or_default()
    });
    (
        [
            (header::CONTENT_TYPE, "text/html"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        gz.clone(),
    )
        .into_response()
}

/// Binary bytes labelled text/html.
async fn binary_as_html() -> Response {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response()
}

/// A windows-1251 page labelled UTF-8.
async fn mislabelled() -> Response {
    let (body, _) = crate::pages::encoded_page("none", "windows-1251").unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// 200 header lines of 4 KiB each (800 KiB of headers).
async fn huge_headers() -> Response {
    let mut response = html("<p>hi</p>".into());
    let value = header::HeaderValue::from_str(&"x".repeat(4096))
        .unwrap_or(header::HeaderValue::from_static("x"));
    for i in 0..200 {
        if let Ok(name) = header::HeaderName::from_bytes(format!("x-filler-{i}").as_bytes()) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}

/// About 100 KiB of brotli that inflates to 200 MiB.
async fn brotli_bomb() -> Response {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    let br = BOMB.get_or_init(|| {
        let mut out = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, 9, 22);
            let chunk = vec![b'a'; 1024 * 1024];
            for _ in 0..200 {
                let _ = writer.write_all(&chunk);
            }
        }
        out
    });
    (
        [
            (header::CONTENT_TYPE, "text/html"),
            (header::CONTENT_ENCODING, "br"),
        ],
        br.clone(),
    )
        .into_response()
}

async fn image() -> Response {
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    ([(header::CONTENT_TYPE, "image/png")], PNG).into_response()
}

async fn feed() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        "{\"items\":[]}",
    )
        .into_response()
}
