//! URL canonicalisation shared by submit, fetch, parse and dedup: two URLs
//! of one article give one canonical form.
//!
//! On top of what the WHATWG parser (the `url` crate) already normalises —
//! scheme and host case, default ports, dot segments, IDNA — this:
//! - decodes percent-encoded unreserved characters (`%7E` → `~`) and
//!   upper-cases the hex of the rest (`%2f` → `%2F`);
//! - drops the fragment, an empty query, tracking parameters (`utm_*`,
//!   `fbclid`, `gclid`, `mc_cid`, …) and sorts what remains;
//! - maps AMP and mobile variants to their article (`/amp/`, `.amp.html`,
//!   `?amp=1`, `amp.` and `m.` hosts, `outputType=amp`);
//! - drops `www.`, directory indexes (`/index.html`, `/default.aspx`) and a
//!   trailing slash (not the root's);
//! - prefers the page's rel=canonical when it is on the same site.
//!
//! The result identifies an article; it is not always a URL that serves it
//! (the `www.` and `m.` hosts are folded), so fetchers keep the URL they were
//! given.

use url::Url;

/// Query parameters that only track where a click came from.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "__hssc",
    "__hstc",
    "__hsfp",
    "hsctatracking",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "rb_clickid",
    "s_cid",
    "cmpid",
    "ocid",
    "ncid",
    "sr_share",
    "ref_src",
    "ref_url",
    "smid",
    "smtyp",
    "share",
    "shared",
    "spm",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
    "ito",
    "xtor",
    "icid",
    "int_source",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "soc_src",
    "soc_trk",
    "amp",
    "outputtype",
    "amp_js_v",
    "usqp",
    "_amp",
    "mbid",
    "trk",
    "trkcampaign",
    "sc_cid",
    "ref",
    "referrer",
];

/// Prefixes of tracking parameter names (`utm_source`, `pk_campaign`, …).
const TRACKING_PREFIXES: &[&str] = &["utm_", "pk_", "mtm_", "hsa_", "itm_", "at_", "__s"];

/// Directory index file names dropped from the end of a path.
const INDEXES: &[&str] = &[
    "index.html",
    "index.htm",
    "index.php",
    "index.shtml",
    "index.asp",
    "index.aspx",
    "default.asp",
    "default.aspx",
    "default.htm",
    "default.html",
];

/// Host prefixes of mobile and AMP variants of a site.
const VARIANT_HOSTS: &[&str] = &["www.", "m.", "mobile.", "amp.", "amp-", "www.m."];

/// Whether a query parameter is tracking noise.
pub fn is_tracking_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING.contains(&name.as_str()) || TRACKING_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The canonical form of `url` (see the module documentation). URLs that
/// are not http(s) are returned as the parser normalised them.
pub fn canonicalize(url: &Url) -> Url {
    let mut u = url.clone();
    if !matches!(u.scheme(), "http" | "https") {
        u.set_fragment(None);
        return u;
    }
    u.set_fragment(None);
    let _ = u.set_username("");
    let _ = u.set_password(None);
    // One scheme per article: http and https are the same page.
    let _ = u.set_scheme("https");
    if let Some(host) = u.host_str().map(str::to_ascii_lowercase) {
        let mut h = host.trim_end_matches('.').to_string();
        while let Some(p) = VARIANT_HOSTS.iter().find(|p| h.starts_with(**p)) {
            // Keep at least a registrable-looking name ("m.co" stays).
            let rest = &h[p.len()..];
            if !rest.contains('.') {
                break;
            }
            h = rest.to_string();
        }
        let _ = u.set_host(Some(&h));
    }
    u.set_path(&normalise_path(u.path()));
    let mut pairs: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking_parameter(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs.dedup();
    if pairs.is_empty() {
        u.set_query(None);
    } else {
        let query = pairs
            .iter()
            .map(|(k, v)| {
                if v.is_empty() {
                    encode_component(k)
                } else {
                    format!("{}={}", encode_component(k), encode_component(v))
                }
            })
            .collect::<Vec<_>>()
            .join("&");
        u.set_query(Some(&query));
    }
    u
}

/// The canonical form of `url`, with the page's rel=canonical (`declared`,
/// as written, relative or absolute) preferred when it is a valid http(s)
/// URL on the same site.
pub fn canonicalize_with(url: &Url, declared: Option<&str>) -> Url {
    let own = canonicalize(url);
    let Some(declared) = declared.map(str::trim).filter(|d| !d.is_empty()) else {
        return own;
    };
    let Ok(declared) = url.join(declared) else {
        return own;
    };
    if !matches!(declared.scheme(), "http" | "https") {
        return own;
    }
    let declared = canonicalize(&declared);
    if same_site(&own, &declared) {
        declared
    } else {
        own
    }
}

/// Both hosts are one site: equal, or one a subdomain of the other.
fn same_site(a: &Url, b: &Url) -> bool {
    match (a.host_str(), b.host_str()) {
        (Some(x), Some(y)) => {
            x == y || x.ends_with(&format!(".{y}")) || y.ends_with(&format!(".{x}"))
        }
        _ => false,
    }
}

fn normalise_path(path: &str) -> String {
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(normalise_escapes)
        .collect();
    // /amp/…, …/amp, …/amp.html, ….amp.html, ….amp
    if segments
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("amp"))
        && segments.len() > 1
    {
        segments.remove(0);
    }
    if segments
        .last()
        .is_some_and(|s| s.eq_ignore_ascii_case("amp") || s.eq_ignore_ascii_case("amp.html"))
        && segments.len() > 1
    {
        segments.pop();
    }
    if let Some(last) = segments.last_mut() {
        for suffix in [".amp.html", ".amp.htm", ".amp"] {
            if last.len() > suffix.len() && last.to_ascii_lowercase().ends_with(suffix) {
                let keep = last.len() - suffix.len();
                let ext = if suffix.contains(".htm") {
                    &suffix[4..]
                } else {
                    ""
                };
                *last = format!("{}{ext}", &last[..keep]);
                break;
            }
        }
    }
    if segments
        .last()
        .is_some_and(|s| INDEXES.contains(&s.to_ascii_lowercase().as_str()))
    {
        segments.pop();
    }
    format!("/{}", segments.join("/"))
}

/// Decodes escapes of unreserved characters and upper-cases the others.
fn normalise_escapes(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = String::with_capacity(segment.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = &segment[i + 1..i + 3];
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                if v.is_ascii_alphanumeric() || matches!(v, b'-' | b'.' | b'_' | b'~') {
                    out.push(v as char);
                } else {
                    out.push('%');
                    out.push_str(&hex.to_ascii_uppercase());
                }
                i += 3;
                continue;
            }
        }
        out.push(bytes[i] as char);
        i += 1;
    }
    out
}

/// Percent-encodes a query component (form style, as `query_pairs` decoded it).
fn encode_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[cfg(test)]
mod tests;
