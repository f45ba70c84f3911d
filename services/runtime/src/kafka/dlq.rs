//! Dead-letter records: the original message, unchanged, plus
//! `newsflow-dlq-*` headers saying why and where it came from (the fields of
//! `newsflow.v1.DeadLetter`).

use newsflow_contracts::v1::DeadLetter;
use rdkafka::message::{Header, Headers, Message, OwnedHeaders};

/// Header: the stage that gave up.
pub const STAGE: &str = "newsflow-dlq-stage";
/// Header: the error kind.
pub const ERROR_KIND: &str = "newsflow-dlq-error-kind";
/// Header: the error message.
pub const ERROR_MESSAGE: &str = "newsflow-dlq-error-message";
/// Header: attempts made.
pub const ATTEMPTS: &str = "newsflow-dlq-attempts";
/// Header: source topic.
pub const TOPIC: &str = "newsflow-dlq-topic";
/// Header: source partition.
pub const PARTITION: &str = "newsflow-dlq-partition";
/// Header: source offset.
pub const OFFSET: &str = "newsflow-dlq-offset";
/// Header: source timestamp, epoch milliseconds.
pub const TIMESTAMP: &str = "newsflow-dlq-timestamp";
/// Header: when the stage gave up, epoch milliseconds.
pub const FAILED_AT: &str = "newsflow-dlq-failed-at";

/// Why a message is being dead-lettered.
#[derive(Debug, Clone)]
pub struct Reason<'a> {
    /// Stage name.
    pub stage: &'a str,
    /// Error kind.
    pub kind: &'a str,
    /// Explanation.
    pub message: &'a str,
    /// Attempts made (0 when the message could not even be decoded).
    pub attempts: u32,
}

/// The headers of a dead-letter record: the original headers (minus any DLQ
/// headers of an earlier trip) followed by this trip's.
pub fn headers(original: &impl Message, reason: &Reason<'_>, now_millis: i64) -> OwnedHeaders {
    let mut headers = OwnedHeaders::new();
    if let Some(h) = original.headers() {
        for header in h.iter() {
            if !header.key.starts_with("newsflow-dlq-") {
                headers = headers.insert(Header {
                    key: header.key,
                    value: header.value,
                });
            }
        }
    }
    let attempts = reason.attempts.to_string();
    let partition = original.partition().to_string();
    let offset = original.offset().to_string();
    let timestamp = original.timestamp().to_millis().unwrap_or(-1).to_string();
    let failed_at = now_millis.to_string();
    let message: String = reason.message.chars().take(4096).collect();
    for (key, value) in [
        (STAGE, reason.stage),
        (ERROR_KIND, reason.kind),
        (ERROR_MESSAGE, message.as_str()),
        (ATTEMPTS, attempts.as_str()),
        (TOPIC, original.topic()),
        (PARTITION, partition.as_str()),
        (OFFSET, offset.as_str()),
        (TIMESTAMP, timestamp.as_str()),
        (FAILED_AT, failed_at.as_str()),
    ] {
        headers = headers.insert(Header {
            key,
            value: Some(value),
        });
    }
    headers
}

/// The error message of a dead letter sent without its payload, because the
/// dead-letter topic allows less than the input topic did.
pub fn payload_omitted(text: &str, topic: &str) -> String {
    format!("{text} [payload omitted: too large for {topic}]")
}

/// Reads a dead-letter record back into its metadata (as `newsflow tail`
/// shows it).
pub fn read(message: &impl Message) -> DeadLetter {
    let mut dl = DeadLetter {
        key: message
            .key()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .unwrap_or_default(),
        payload: message.payload().unwrap_or_default().to_vec(),
        ..Default::default()
    };
    let Some(headers) = message.headers() else {
        return dl;
    };
    for h in headers.iter() {
        let value = h
            .value
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default();
        match h.key {
            STAGE => dl.stage = value,
            ERROR_KIND => dl.error_kind = value,
            ERROR_MESSAGE => dl.error_message = value,
            ATTEMPTS => dl.attempts = value.parse().unwrap_or_default(),
            TOPIC => dl.original_topic = value,
            PARTITION => dl.original_partition = value.parse().unwrap_or_default(),
            OFFSET => dl.original_offset = value.parse().unwrap_or_default(),
            TIMESTAMP => {
                dl.original_timestamp = value
                    .parse()
                    .ok()
                    .map(newsflow_contracts::timestamp_from_millis)
            }
            FAILED_AT => {
                dl.failed_at = value
                    .parse()
                    .ok()
                    .map(newsflow_contracts::timestamp_from_millis)
            }
            newsflow_contracts::CONTENT_TYPE_HEADER => dl.content_type = value,
            _ => {}
        }
    }
    dl
}

/// The value of a header, when present and UTF-8.
pub fn header<'a>(message: &'a impl Message, name: &str) -> Option<&'a str> {
    message
        .headers()?
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case(name))
        .and_then(|h| h.value)
        .and_then(|v| std::str::from_utf8(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rdkafka::message::{OwnedMessage, Timestamp};

    #[test]
    fn headers_carry_the_reason_and_origin_and_read_back() {
        let original = OwnedMessage::new(
            Some(b"{\"url\":1}".to_vec()),
            Some(b"example.com".to_vec()),
            "urls".into(),
            Timestamp::CreateTime(1_700_000_000_000),
            3,
            42,
            Some(
                OwnedHeaders::new()
                    .insert(Header {
                        key: "content-type",
                        value: Some("application/json"),
                    })
                    .insert(Header {
                        key: ERROR_KIND,
                        value: Some("stale"),
                    }),
            ),
        );
        let reason = Reason {
            stage: "fetch",
            kind: "decode",
            message: "bad json",
            attempts: 0,
        };
        let h = headers(&original, &reason, 1_700_000_001_000);
        let dl_message = OwnedMessage::new(
            original.payload().map(|p| p.to_vec()),
            original.key().map(|k| k.to_vec()),
            "urls.dlq".into(),
            Timestamp::NotAvailable,
            0,
            0,
            Some(h),
        );
        let dl = read(&dl_message);
        assert_eq!(dl.stage, "fetch");
        assert_eq!(
            dl.error_kind, "decode",
            "an earlier trip's headers are replaced"
        );
        assert_eq!(dl.error_message, "bad json");
        assert_eq!(dl.original_topic, "urls");
        assert_eq!((dl.original_partition, dl.original_offset), (3, 42));
        assert_eq!(dl.original_timestamp.unwrap().seconds, 1_700_000_000);
        assert_eq!(dl.failed_at.unwrap().seconds, 1_700_000_001);
        assert_eq!(dl.content_type, "application/json");
        assert_eq!(dl.key, "example.com");
        assert_eq!(dl.payload, b"{\"url\":1}");
        assert_eq!(
            header(&dl_message, "Content-Type"),
            Some("application/json")
        );
    }
}
