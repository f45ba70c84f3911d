//! Wire codec: proto3 canonical JSON by default, binary protobuf per topic.
//!
//! Every message on a newsflow topic carries a `content-type` header naming its
//! format, so a reader never has to guess; [`decode`] falls back to the
//! topic's configured format only for messages written by other tools that
//! set no header.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// Name of the Kafka header that says how a message value is encoded.
pub const CONTENT_TYPE_HEADER: &str = "content-type";

/// A message type that can travel on a newsflow topic.
pub trait Contract:
    prost::Message + Default + Serialize + DeserializeOwned + Clone + Send + Sync + 'static
{
    /// Fully-qualified proto name, e.g. `newsflow.v1.Page`.
    const PROTO_NAME: &'static str;
}

macro_rules! contract {
    ($($ty:ty => $name:literal),* $(,)?) => {
        $(impl Contract for $ty { const PROTO_NAME: &'static str = $name; })*
    };
}

contract! {
    crate::v1::UrlRequest => "newsflow.v1.UrlRequest",
    crate::v1::Page => "newsflow.v1.Page",
    crate::v1::Article => "newsflow.v1.Article",
    crate::v1::DeadLetter => "newsflow.v1.DeadLetter",
}

/// How a topic's message values are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireFormat {
    /// The proto3 canonical JSON mapping (lowerCamelCase names), readable with
    /// kcat and jq. The default.
    #[default]
    Json,
    /// Binary protobuf: smaller and faster, needs the `.proto` files to read.
    Protobuf,
}

impl WireFormat {
    /// The value of the `content-type` header for this format.
    pub fn content_type(self) -> &'static str {
        match self {
            WireFormat::Json => "application/json",
            WireFormat::Protobuf => "application/x-protobuf",
        }
    }

    /// Recognises a `content-type` header value (parameters are ignored).
    pub fn from_content_type(value: &str) -> Option<Self> {
        let media = value.split(';').next().unwrap_or("").trim();
        match media.to_ascii_lowercase().as_str() {
            "application/json" => Some(WireFormat::Json),
            "application/x-protobuf"
            | "application/protobuf"
            | "application/vnd.google.protobuf" => Some(WireFormat::Protobuf),
            _ => None,
        }
    }
}

/// Why a message value could not be decoded. Never worth retrying: the same
/// bytes will fail the same way, so the message belongs in the DLQ.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The `content-type` header names a format newsflow does not speak.
    #[error("unsupported content-type {0:?}")]
    UnsupportedContentType(String),
    /// The value is not valid JSON for this message type.
    #[error("invalid JSON for {message}: {source}")]
    Json {
        /// Proto name of the expected message.
        message: &'static str,
        /// The parser's complaint.
        source: serde_json::Error,
    },
    /// The value is not valid binary protobuf for this message type.
    #[error("invalid protobuf for {message}: {source}")]
    Protobuf {
        /// Proto name of the expected message.
        message: &'static str,
        /// The parser's complaint.
        source: prost::DecodeError,
    },
    /// The message carries no value at all.
    #[error("empty message value")]
    Empty,
}

/// Encodes a message in the given wire format.
pub fn encode<T: Contract>(message: &T, format: WireFormat) -> Vec<u8> {
    match format {
        // Serialising generated types to a Vec cannot fail: every field is a
        // plain value and map keys are strings.
        WireFormat::Json => serde_json::to_vec(message).unwrap_or_default(),
        WireFormat::Protobuf => message.encode_to_vec(),
    }
}

/// Decodes a message value. The `content-type` header wins when present;
/// otherwise `fallback` (the topic's configured format) is used.
pub fn decode<T: Contract>(
    value: Option<&[u8]>,
    content_type: Option<&str>,
    fallback: WireFormat,
) -> Result<T, DecodeError> {
    let value = value.ok_or(DecodeError::Empty)?;
    let format = match content_type {
        Some(ct) => WireFormat::from_content_type(ct)
            .ok_or_else(|| DecodeError::UnsupportedContentType(ct.to_string()))?,
        None => fallback,
    };
    match format {
        WireFormat::Json => serde_json::from_slice(value).map_err(|source| DecodeError::Json {
            message: T::PROTO_NAME,
            source,
        }),
        WireFormat::Protobuf => T::decode(value).map_err(|source| DecodeError::Protobuf {
            message: T::PROTO_NAME,
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::{CharsetSource, Page, Redirect, UrlRequest};

    fn sample_page() -> Page {
        Page {
            id: "abc".into(),
            url: "http://example.com/a".into(),
            final_url: "http://example.com/b".into(),
            redirects: vec![Redirect {
                url: "http://example.com/a".into(),
                status: 301,
            }],
            status: 200,
            charset: "EUC-KR".into(),
            charset_source: CharsetSource::Meta as i32,
            html: "<p>안녕하세요</p>".into(),
            fetched_at: Some(crate::timestamp_from_millis(1_719_562_680_000)),
            ..Default::default()
        }
    }

    #[test]
    fn json_uses_canonical_lower_camel_case_names() {
        let json: serde_json::Value =
            serde_json::from_slice(&encode(&sample_page(), WireFormat::Json)).unwrap();
        assert_eq!(json["finalUrl"], "http://example.com/b");
        assert_eq!(json["charsetSource"], "CHARSET_SOURCE_META");
        assert_eq!(json["fetchedAt"], "2024-06-28T08:18:00+00:00");
        assert_eq!(json["redirects"][0]["status"], 301);
        assert!(json.get("final_url").is_none());
    }

    #[test]
    fn both_formats_round_trip() {
        for format in [WireFormat::Json, WireFormat::Protobuf] {
            let bytes = encode(&sample_page(), format);
            let back: Page = decode(Some(&bytes), Some(format.content_type()), WireFormat::Json)
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!(back, sample_page());
        }
    }

    #[test]
    fn header_wins_over_fallback_and_unknown_types_are_refused() {
        let bytes = encode(&sample_page(), WireFormat::Protobuf);
        let page: Page = decode(
            Some(&bytes),
            Some("application/x-protobuf"),
            WireFormat::Json,
        )
        .unwrap();
        assert_eq!(page.status, 200);
        let err = decode::<Page>(Some(&bytes), Some("text/xml"), WireFormat::Json).unwrap_err();
        assert!(matches!(err, DecodeError::UnsupportedContentType(_)));
    }

    #[test]
    fn bad_values_are_decode_errors() {
        let err = decode::<UrlRequest>(Some(b"not json"), None, WireFormat::Json).unwrap_err();
        assert!(err.to_string().contains("newsflow.v1.UrlRequest"), "{err}");
        assert!(matches!(
            decode::<UrlRequest>(None, None, WireFormat::Json),
            Err(DecodeError::Empty)
        ));
        // A JSON field of the wrong type is an error, not a silent default.
        let err = decode::<UrlRequest>(Some(br#"{"url": 5}"#), None, WireFormat::Json);
        assert!(err.is_err());
    }
}
