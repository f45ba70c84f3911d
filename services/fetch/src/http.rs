//! The HTTP exchange: redirects followed by hand (so every hop is checked and
//! recorded), status mapped to an outcome, body streamed under a cap.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use newsflow_contracts::ids::{canonical_form, host_key, stable_id};
use newsflow_contracts::v1::{FetchTimings, Redirect};
use newsflow_contracts::{Page, UrlRequest};
use newsflow_runtime::{Failure, Outcome};
use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::StatusCode;
use url::Url;

use crate::charset;
use crate::memory_of;
use crate::metrics::FetchMetrics;
use crate::politeness::Ticket;
use crate::robots::Verdict;
use crate::settings::FetchSettings;
use crate::ssrf::Refused;
use crate::FetchStage;

/// Response headers kept on the Page.
const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "content-language",
    "last-modified",
    "etag",
    "date",
    "cache-control",
    "x-robots-tag",
];

/// Why a URL may not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRefusal {
    /// Stable error kind.
    pub kind: &'static str,
    /// Explanation.
    pub message: String,
}

/// Decides whether a URL may be fetched; consulted for the first URL and for
/// every redirect target. The SSRF defence and robots.txt implement it.
pub trait UrlGuard: Send + Sync {
    /// `Ok` to fetch, or the reason not to.
    fn check(&self, url: &Url) -> Result<(), UrlRefusal>;
}

/// The minimal guard: http and https only, no credentials in the URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct SchemeGuard;

impl UrlGuard for SchemeGuard {
    fn check(&self, url: &Url) -> Result<(), UrlRefusal> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(UrlRefusal {
                kind: "forbidden_url",
                message: format!("scheme {:?} is not http or https", url.scheme()),
            });
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlRefusal {
                kind: "forbidden_url",
                message: "credentials in the URL are not allowed".into(),
            });
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlRefusal {
                kind: "invalid_url",
                message: "the URL has no host".into(),
            });
        }
        Ok(())
    }
}

pub(crate) fn client(
    settings: &FetchSettings,
    resolver: crate::ssrf::GuardedResolver,
) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .user_agent(settings.user_agent_header())
        // Every hostname goes through the SSRF check, and nothing through a
        // proxy from the environment (which would connect for us).
        .dns_resolver(std::sync::Arc::new(resolver))
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_millis(settings.connect_timeout_ms))
        .timeout(Duration::from_millis(settings.total_timeout_ms))
        .gzip(true)
        .brotli(true)
        .deflate(true)
        .zstd(true)
        .build()
}

/// A `Retry-After` value: delay-seconds or an HTTP date.
pub struct RetryAfter;

impl RetryAfter {
    /// Parses a header value relative to `now`.
    pub fn parse(value: &str, now: SystemTime) -> Option<Duration> {
        let value = value.trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        let at = httpdate::parse_http_date(value).ok()?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    RetryAfter::parse(value, SystemTime::now())
}

/// What a transport error means.
pub(crate) enum TransportError {
    /// The SSRF defence refused the address (permanent).
    Refused(String),
    /// Response headers over hyper's limit (permanent).
    HeadersTooLarge(String),
    /// Worth another try: `timeout`, `connect` or `transfer`.
    Transient(Failure),
}

pub(crate) fn classify(e: &reqwest::Error) -> TransportError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(refused) = err.downcast_ref::<Refused>() {
            return TransportError::Refused(refused.to_string());
        }
        if let Some(h) = err.downcast_ref::<hyper::Error>() {
            if h.is_parse_too_large() {
                return TransportError::HeadersTooLarge(format!("{e:#}"));
            }
        }
        source = err.source();
    }
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else {
        "transfer"
    };
    TransportError::Transient(Failure::new(kind, format!("{e:#}")))
}

/// Maps a transport error to an outcome (refused addresses are counted by
/// the resolver already).
fn transport_outcome(e: &reqwest::Error) -> Outcome<Page> {
    match classify(e) {
        TransportError::Refused(m) => Outcome::reject("forbidden_address", m),
        TransportError::HeadersTooLarge(m) => Outcome::reject("headers_too_large", m),
        TransportError::Transient(f) => Outcome::Retry(f),
    }
}

fn refusal<T>(r: UrlRefusal) -> Outcome<T> {
    Outcome::Reject(Failure::new(r.kind, r.message))
}

/// Fetches one URL.
pub(crate) async fn fetch(stage: &FetchStage, request: &UrlRequest) -> Outcome<Page> {
    let settings = &stage.settings;
    if request.url.len() > settings.max_url_bytes {
        return Outcome::reject(
            "url_too_long",
            format!(
                "{} bytes; the limit is {}",
                request.url.len(),
                settings.max_url_bytes
            ),
        );
    }
    let url = match Url::parse(request.url.trim()) {
        Ok(u) => u,
        Err(e) => return Outcome::reject("invalid_url", format!("{:?}: {e}", request.url)),
    };
    let page_id = stable_id(&canonical_form(&url));
    let recall = memory_of::recall(stage, &page_id, request).await;
    if recall.recently_fetched(stage, request) {
        return Outcome::Skip("recently_fetched");
    }
    let started = Instant::now();
    let mut current = url.clone();
    let mut redirects = Vec::new();
    let mut seen = HashSet::from([current.clone()]);
    let (response, _ticket) = loop {
        let ticket = match check_hop(stage, &current).await {
            Ok(ticket) => ticket,
            Err(outcome) => return outcome,
        };
        let mut get = stage.client.get(current.clone());
        if redirects.is_empty() {
            let (etag, last_modified) = recall.validators(stage);
            if let Some(etag) = etag {
                get = get.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = last_modified {
                get = get.header(reqwest::header::IF_MODIFIED_SINCE, lm);
            }
        }
        let response = match get.send().await {
            Ok(r) => r,
            Err(e) => return transport_outcome(&e),
        };
        let status = response.status();
        stage.metrics.response(status.as_u16());
        if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
            break (response, ticket);
        }
        let Some(location) = response
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
        else {
            return Outcome::reject(
                "bad_redirect",
                format!("{status} without a Location header"),
            );
        };
        if location.len() > settings.max_url_bytes {
            return Outcome::reject(
                "url_too_long",
                format!("redirect target of {} bytes", location.len()),
            );
        }
        let next = match current.join(location) {
            Ok(next) => next,
            Err(e) => {
                return Outcome::reject("bad_redirect", format!("Location {location:?}: {e}"))
            }
        };
        redirects.push(Redirect {
            url: current.to_string(),
            status: u32::from(status.as_u16()),
        });
        if !seen.insert(next.clone()) {
            return Outcome::reject("redirect_loop", format!("{next} was already visited"));
        }
        if redirects.len() > settings.max_redirects {
            return Outcome::reject(
                "too_many_redirects",
                format!("more than {} redirects", settings.max_redirects),
            );
        }
        current = next;
    };
    let headers_ms = started.elapsed().as_millis() as u64;
    let status = response.status();
    if let Some(outcome) = status_outcome(status, &current, response.headers()) {
        if matches!(status.as_u16(), 429 | 503) {
            stage
                .gate
                .throttled(&host_key(&current), retry_after(response.headers()));
        }
        if status == StatusCode::NOT_MODIFIED {
            memory_of::remember(stage, &recall, false, None, None).await;
        }
        return outcome;
    }
    stage.gate.succeeded(&host_key(&current));
    let content_type_header = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let media_type = content_type_header.as_deref().map(|ct| {
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(media) = &media_type {
        if !settings
            .html_types
            .iter()
            .any(|t| t.eq_ignore_ascii_case(media))
        {
            return Outcome::Skip("not_html");
        }
    }
    if response
        .content_length()
        .is_some_and(|len| len as usize > settings.max_body_bytes)
        // Content-Length counts encoded bytes; only trust it when no
        // content coding is applied.
        && !response.headers().contains_key(reqwest::header::CONTENT_ENCODING)
    {
        return Outcome::reject(
            "body_too_large",
            format!("Content-Length exceeds {} bytes", settings.max_body_bytes),
        );
    }
    let kept: BTreeMap<String, String> = KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = response.headers().get(*name)?.to_str().ok()?;
            Some((name.to_string(), value.to_string()))
        })
        .collect();
    let body = match read_capped(response, settings, &stage.metrics).await {
        Ok(body) => body,
        Err(outcome) => return outcome,
    };
    if (media_type.is_none() && !charset::looks_like_html(&body)) || charset::looks_binary(&body) {
        return Outcome::Skip("not_html");
    }
    memory_of::remember(
        stage,
        &recall,
        true,
        kept.get("etag").cloned(),
        kept.get("last-modified").cloned(),
    )
    .await;
    let decoded = charset::decode(&body, content_type_header.as_deref(), current.host_str());
    let robots_directives = robots_directives(kept.get("x-robots-tag"), &decoded.text);
    let page = Page {
        id: page_id,
        url: url.to_string(),
        final_url: current.to_string(),
        redirects,
        status: u32::from(status.as_u16()),
        headers: kept.into_iter().collect(),
        content_type: media_type.unwrap_or_else(|| "text/html".into()),
        charset: decoded.encoding.name().to_string(),
        charset_source: decoded.source as i32,
        html: decoded.text,
        body_bytes: body.len() as u64,
        timings: Some(FetchTimings {
            headers_ms,
            total_ms: started.elapsed().as_millis() as u64,
        }),
        fetched_at: Some(newsflow_contracts::now()),
        request: Some(request.clone()),
        robots_directives,
    };
    let key = page.id.clone();
    Outcome::emit("pages", Some(key), page)
}

/// The checks every hop passes before a request — the URL guard, the SSRF
/// defence for IP-literal hosts, robots.txt — then the host's politeness
/// gate. The ticket must be held until the response is read.
async fn check_hop(stage: &FetchStage, url: &Url) -> Result<Ticket, Outcome<Page>> {
    if let Err(r) = stage.guard.check(url) {
        return Err(refusal(r));
    }
    if let Err(refused) = stage.policy.check_url(url) {
        stage.metrics.refused(refused.reason);
        return Err(Outcome::reject("forbidden_address", refused.to_string()));
    }
    let mut crawl_delay = None;
    if let Some(robots) = stage.robots.as_ref() {
        let verdict = robots.verdict(&stage.client, &stage.policy, url).await;
        stage.metrics.robots(verdict.label());
        match verdict {
            Verdict::Allowed { crawl_delay: d } => crawl_delay = d,
            Verdict::Disallowed => return Err(Outcome::Skip("robots_disallowed")),
            Verdict::Unavailable(failure) => return Err(Outcome::Retry(failure)),
            Verdict::Forbidden(why) => return Err(Outcome::reject("forbidden_address", why)),
        }
    }
    match stage.gate.acquire(&host_key(url), crawl_delay).await {
        Ok((ticket, waited)) => {
            stage.metrics.politeness_wait(waited);
            Ok(ticket)
        }
        Err(wait) => Err(Outcome::Retry(
            Failure::new(
                "host_busy",
                format!("{} is at its politeness limit", host_key(url)),
            )
            .retry_after(Some(wait)),
        )),
    }
}

/// The outcome a final status forces, if it is not a success.
fn status_outcome(status: StatusCode, url: &Url, headers: &HeaderMap) -> Option<Outcome<Page>> {
    Some(match status.as_u16() {
        200..=299 => return None,
        304 => Outcome::Skip("not_modified"),
        404 => Outcome::reject("http_not_found", format!("{url} answered 404")),
        410 => Outcome::reject("http_gone", format!("{url} answered 410")),
        429 => Outcome::Retry(
            Failure::new("http_throttled", format!("{url} answered 429"))
                .retry_after(retry_after(headers)),
        ),
        500..=599 => Outcome::Retry(
            Failure::new("http_server_error", format!("{url} answered {status}"))
                .retry_after(retry_after(headers)),
        ),
        400..=499 => Outcome::reject("http_client_error", format!("{url} answered {status}")),
        _ => Outcome::reject("http_unexpected_status", format!("{url} answered {status}")),
    })
}

/// Robots directives from the X-Robots-Tag header and `<meta name="robots">`
/// in the head, lower-cased and de-duplicated, in order of appearance.
fn robots_directives(header: Option<&String>, html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |list: &str| {
        for d in list.split(',') {
            let d = d.trim().to_ascii_lowercase();
            // "googlebot: noindex" style agent prefixes are kept whole.
            if !d.is_empty() && !out.contains(&d) {
                out.push(d);
            }
        }
    };
    if let Some(h) = header {
        add(h);
    }
    let head_end = html
        .char_indices()
        .nth(32 * 1024)
        .map_or(html.len(), |(i, _)| i);
    let head = html[..head_end].to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if attr(tag, "name").as_deref() == Some("robots") {
            if let Some(content) = attr(tag, "content") {
                add(&content);
            }
        }
        rest = &rest[start + 5..];
    }
    out
}

/// The value of `name="..."` (or single-quoted, or bare) in a lower-cased tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(pos) = search.find(name) {
        let before = search[..pos].chars().last();
        let after = search[pos + name.len()..].trim_start();
        search = &search[pos + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let (quote, body) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
            _ => (None, value),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(body.len()),
        };
        return Some(body[..end].to_string());
    }
    None
}

/// Reads the body, decoded (gzip, br, deflate, zstd), stopping as soon as it
/// passes the cap or, after the grace period, falls below the minimum rate.
async fn read_capped(
    mut response: reqwest::Response,
    settings: &FetchSettings,
    metrics: &FetchMetrics,
) -> Result<Vec<u8>, Outcome<Page>> {
    let cap = settings.max_body_bytes;
    let grace = Duration::from_millis(settings.slow_grace_ms);
    let started = Instant::now();
    let mut body = Vec::new();
    loop {
        let chunk = response.chunk().await;
        match chunk {
            Ok(Some(chunk)) => {
                metrics.body_bytes(chunk.len());
                if body.len() + chunk.len() > cap {
                    return Err(Outcome::reject(
                        "body_too_large",
                        format!("body exceeds {cap} bytes"),
                    ));
                }
                if body.len() + chunk.len() > body.capacity() {
                    // Grow by doubling but never past the cap: a body near
                    // the cap must not hold a buffer of twice the cap.
                    let target = (body.len() * 2).max(body.len() + chunk.len()).min(cap);
                    body.reserve_exact(target - body.len());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(transport_outcome(&e)),
        }
        let elapsed = started.elapsed();
        if elapsed > grace
            && (body.len() as f64) < settings.min_bytes_per_sec as f64 * elapsed.as_secs_f64()
        {
            return Err(Outcome::retry(
                "too_slow",
                format!(
                    "{} bytes in {:.1} s is below {} bytes/s",
                    body.len(),
                    elapsed.as_secs_f64(),
                    settings.min_bytes_per_sec
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(
            RetryAfter::parse("120", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            RetryAfter::parse(&later, now),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(RetryAfter::parse(&earlier, now), Some(Duration::ZERO));
        assert_eq!(RetryAfter::parse("soon", now), None);
    }

    #[test]
    fn scheme_guard_refuses_other_schemes_and_credentials() {
        let g = SchemeGuard;
        assert!(g
            .check(&Url::parse("https://example.com/").unwrap())
            .is_ok());
        for bad in [
            "file:///etc/passwd",
            "ftp://example.com/",
            "http://user:pw@example.com/",
        ] {
            assert_eq!(
                g.check(&Url::parse(bad).unwrap()).unwrap_err().kind,
                "forbidden_url",
                "{bad}"
            );
        }
    }
}
