//! The HTTP exchange: redirects followed by hand (so every hop is checked and
//! recorded), status mapped to an outcome, body streamed under a cap.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use newsflow_contracts::ids::{basic_canonical, stable_id};
use newsflow_contracts::v1::{FetchTimings, Redirect};
use newsflow_contracts::{Page, UrlRequest};
use newsflow_runtime::{Failure, Outcome};
use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::StatusCode;
use url::Url;

use crate::charset;
use crate::settings::FetchSettings;

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

pub(crate) fn client(settings: &FetchSettings) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .user_agent(&settings.user_agent)
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

fn transport_failure(e: &reqwest::Error) -> Failure {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else {
        "transfer"
    };
    Failure::new(kind, format!("{e:#}"))
}

fn refusal<T>(r: UrlRefusal) -> Outcome<T> {
    Outcome::Reject(Failure::new(r.kind, r.message))
}

/// Fetches one URL.
pub(crate) async fn fetch(
    client: &reqwest::Client,
    settings: &FetchSettings,
    guard: &dyn crate::UrlGuard,
    request: &UrlRequest,
) -> Outcome<Page> {
    let url = match Url::parse(request.url.trim()) {
        Ok(u) => u,
        Err(e) => return Outcome::reject("invalid_url", format!("{:?}: {e}", request.url)),
    };
    if let Err(r) = guard.check(&url) {
        return refusal(r);
    }
    let started = Instant::now();
    let mut current = url.clone();
    let mut redirects = Vec::new();
    let mut seen = HashSet::from([current.clone()]);
    let response = loop {
        let response = match client.get(current.clone()).send().await {
            Ok(r) => r,
            Err(e) => return Outcome::Retry(transport_failure(&e)),
        };
        let status = response.status();
        if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
            break response;
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
        if let Err(r) = guard.check(&next) {
            return refusal(r);
        }
        current = next;
    };
    let headers_ms = started.elapsed().as_millis() as u64;
    let status = response.status();
    match status.as_u16() {
        200..=299 => {}
        304 => return Outcome::Skip("not_modified"),
        404 => return Outcome::reject("http_not_found", format!("{current} answered 404")),
        410 => return Outcome::reject("http_gone", format!("{current} answered 410")),
        429 => {
            return Outcome::Retry(
                Failure::new("http_throttled", format!("{current} answered 429"))
                    .retry_after(retry_after(response.headers())),
            )
        }
        500..=599 => {
            return Outcome::Retry(
                Failure::new("http_server_error", format!("{current} answered {status}"))
                    .retry_after(retry_after(response.headers())),
            )
        }
        400..=499 => {
            return Outcome::reject("http_client_error", format!("{current} answered {status}"))
        }
        _ => {
            return Outcome::reject(
                "http_unexpected_status",
                format!("{current} answered {status}"),
            )
        }
    }
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
    let body = match read_capped(response, settings.max_body_bytes).await {
        Ok(body) => body,
        Err(outcome) => return outcome,
    };
    if media_type.is_none() && !charset::looks_like_html(&body) {
        return Outcome::Skip("not_html");
    }
    let decoded = charset::decode(&body, content_type_header.as_deref(), current.host_str());
    let page = Page {
        id: stable_id(&basic_canonical(&url)),
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
    };
    let key = page.id.clone();
    Outcome::emit("pages", Some(key), page)
}

/// Reads the body, decoded (gzip, br, deflate, zstd), stopping as soon as it
/// passes `cap` bytes.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, Outcome<Page>> {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > cap {
                    return Err(Outcome::reject(
                        "body_too_large",
                        format!("body exceeds {cap} bytes"),
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(Outcome::Retry(transport_failure(&e))),
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
