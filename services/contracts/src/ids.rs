//! Stable identifiers shared by every stage.

use sha2::{Digest, Sha256};

/// The id of an article or page: the first 128 bits of SHA-256 over the
/// canonical URL, in hex. The same URL always gives the same id, so a replayed
/// message is recognised as itself and never as a duplicate of itself.
pub fn stable_id(canonical_url: &str) -> String {
    let digest = Sha256::digest(canonical_url.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical form of a URL as a string (see [`crate::canonical`]): what
/// [`stable_id`] is computed over.
pub fn canonical_form(url: &url::Url) -> String {
    crate::canonical::canonicalize(url).to_string()
}

/// The Kafka key of a URL on the `urls` topic, and the fetcher's politeness
/// key: its canonical host (lower-cased, without `www.`, `m.` and the like),
/// so all URLs of one site land on one partition and share one gate.
pub fn host_key(url: &url::Url) -> String {
    crate::canonical::canonicalize(url)
        .host_str()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = stable_id("https://example.com/a");
        assert_eq!(a, stable_id("https://example.com/a"));
        assert_eq!(a.len(), 32);
        assert_ne!(a, stable_id("https://example.com/b"));
    }

    #[test]
    fn canonical_form_drops_noise() {
        let u = url::Url::parse("HTTP://Example.COM:80/a/./b/../c#frag").unwrap();
        assert_eq!(canonical_form(&u), "https://example.com/a/c");
        assert_eq!(host_key(&u), "example.com");
    }
}
