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
