//! newsflow's message contracts.
//!
//! The proto3 files in `proto/` are the single source of truth for every
//! topic's message. This crate holds the Rust types generated from them
//! (prost for binary protobuf, pbjson for the proto3 canonical JSON mapping),
//! the wire codec that picks between the two, and the helpers that every
//! service needs to agree on (stable ids, the schema snapshot).

pub mod canonical;
pub mod codec;
pub mod ids;
pub mod schema;
pub mod text;

/// Generated types of the `newsflow.v1` proto package.
#[allow(missing_docs, clippy::all)]
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/newsflow.v1.rs"));
    include!(concat!(env!("OUT_DIR"), "/newsflow.v1.serde.rs"));
}

pub use codec::{decode, encode, Contract, DecodeError, WireFormat, CONTENT_TYPE_HEADER};
pub use v1::{Article, DeadLetter, Page, UrlRequest};

impl Page {
    /// The page's fetch record without its HTML: what an article carries of
    /// the page it came from. Cloning the page and then emptying its HTML
    /// copied ~200 KB per article for nothing. Every field is named, so a
    /// field added to the contract must be decided on here.
    pub fn without_html(&self) -> Page {
        let Page {
            id,
            url,
            final_url,
            redirects,
            status,
            headers,
            content_type,
            charset,
            charset_source,
            html: _,
            body_bytes,
            timings,
            fetched_at,
            request,
            robots_directives,
        } = self;
        Page {
            id: id.clone(),
            url: url.clone(),
            final_url: final_url.clone(),
            redirects: redirects.clone(),
            status: *status,
            headers: headers.clone(),
            content_type: content_type.clone(),
            charset: charset.clone(),
            charset_source: *charset_source,
            html: String::new(),
            body_bytes: *body_bytes,
            timings: *timings,
            fetched_at: *fetched_at,
            request: request.clone(),
            robots_directives: robots_directives.clone(),
        }
    }
}

/// `google.protobuf.Timestamp`, as used by the contracts.
pub type Timestamp = pbjson_types::Timestamp;

/// The current time as a protobuf timestamp.
pub fn now() -> Timestamp {
    timestamp_from(std::time::SystemTime::now())
}

/// The current time in milliseconds since the Unix epoch.
pub fn now_millis() -> i64 {
    let now = now();
    now.seconds * 1000 + i64::from(now.nanos / 1_000_000)
}

/// Converts a system time to a protobuf timestamp (times before 1970 clamp to it).
pub fn timestamp_from(t: std::time::SystemTime) -> Timestamp {
    let d = t.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Timestamp {
        seconds: d.as_secs() as i64,
        nanos: d.subsec_nanos() as i32,
    }
}

/// Converts epoch milliseconds to a protobuf timestamp.
pub fn timestamp_from_millis(ms: i64) -> Timestamp {
    Timestamp {
        seconds: ms.div_euclid(1000),
        nanos: (ms.rem_euclid(1000) * 1_000_000) as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_html_keeps_every_other_field() {
        let page = Page {
            id: "p1".into(),
            url: "https://a.example/x".into(),
            final_url: "https://a.example/y".into(),
            redirects: vec![v1::Redirect::default()],
            status: 200,
            headers: [("etag".to_string(), "\"1\"".to_string())].into(),
            content_type: "text/html".into(),
            charset: "utf-8".into(),
            charset_source: 2,
            html: "<p>page</p>".repeat(1000),
            body_bytes: 11_000,
            timings: Some(v1::FetchTimings::default()),
            fetched_at: Some(now()),
            request: Some(UrlRequest {
                url: "https://a.example/x".into(),
                ..Default::default()
            }),
            robots_directives: vec!["noarchive".into()],
        };
        let expected = Page {
            html: String::new(),
            ..page.clone()
        };
        assert_eq!(page.without_html(), expected);
    }
}
