//! SSRF defence: which network addresses the fetcher may connect to.
//!
//! URLs arrive from a topic anyone upstream can write to, so the fetcher must
//! not become a way into the network it runs in. Every address is checked at
//! the moment of connecting: hostnames through [`GuardedResolver`] (reqwest
//! connects to exactly the addresses it returns, so a DNS answer that changes
//! between a check and the connection — rebinding — cannot slip through), and
//! IP-literal hosts (which skip DNS) through [`AddressPolicy::check_url`],
//! which the fetch loop applies to the first URL and every redirect target.
//! The WHATWG URL parser turns decimal, octal and hex IPv4 spellings
//! (`http://2130706433/`, `http://0x7f.1/`, `http://0177.0.0.1/`) into
//! ordinary addresses before any of this runs.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde::{Deserialize, Serialize};
use url::{Host, Url};

/// Why an address is refused: a fixed set, used as a metric label.
pub fn forbidden_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    (u32::from(ip) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    const RANGES: &[([u8; 4], u32, &str)] = &[
        ([169, 254, 169, 254], 32, "metadata"),
        ([0, 0, 0, 0], 8, "unspecified"),
        ([10, 0, 0, 0], 8, "private"),
        ([100, 64, 0, 0], 10, "cgnat"),
        ([127, 0, 0, 0], 8, "loopback"),
        ([169, 254, 0, 0], 16, "link_local"),
        ([172, 16, 0, 0], 12, "private"),
        ([192, 0, 0, 0], 24, "reserved"),
        ([192, 0, 2, 0], 24, "documentation"),
        ([192, 88, 99, 0], 24, "reserved"),
        ([192, 168, 0, 0], 16, "private"),
        ([198, 18, 0, 0], 15, "reserved"),
        ([198, 51, 100, 0], 24, "documentation"),
        ([203, 0, 113, 0], 24, "documentation"),
        ([224, 0, 0, 0], 4, "multicast"),
        ([255, 255, 255, 255], 32, "broadcast"),
        ([240, 0, 0, 0], 4, "reserved"),
    ];
    RANGES
        .iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map(|(_, _, reason)| *reason)
}

fn in_v6(ip: Ipv6Addr, net: Ipv6Addr, prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix)
    };
    (u128::from(ip) & mask) == (u128::from(net) & mask)
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let v6 = |s: &str| Ipv6Addr::from_str(s).unwrap_or(Ipv6Addr::UNSPECIFIED);
    if ip == v6("fd00:ec2::254") {
        return Some("metadata");
    }
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    let ranges: [(&str, u32, &'static str); 11] = [
        // IPv4-mapped and IPv4-compatible: an IPv4 address in disguise.
        ("::ffff:0:0", 96, "ipv4_mapped"),
        ("::", 96, "ipv4_mapped"),
        // NAT64 prefixes reach IPv4 hosts through a translator.
        ("64:ff9b::", 96, "nat64"),
        ("64:ff9b:1::", 48, "nat64"),
        // 6to4 embeds an IPv4 address too.
        ("2002::", 16, "6to4"),
        ("fc00::", 7, "unique_local"),
        ("fe80::", 10, "link_local"),
        ("fec0::", 10, "site_local"),
        ("ff00::", 8, "multicast"),
        ("2001:db8::", 32, "documentation"),
        ("100::", 64, "discard"),
    ];
    ranges
        .iter()
        .find(|(net, prefix, _)| in_v6(ip, v6(net), *prefix))
        .map(|(_, _, reason)| *reason)
}

/// An allow-list entry: an address or network, optionally one port
/// (`127.0.0.1:8480`, `10.1.0.0/16`, `[::1]:9000`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AllowRule {
    net: IpAddr,
    prefix: u32,
    port: Option<u16>,
}

impl TryFrom<String> for AllowRule {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<AllowRule> for String {
    fn from(rule: AllowRule) -> String {
        let ip = match rule.net {
            IpAddr::V6(v6) if rule.port.is_some() => format!("[{v6}]"),
            ip => ip.to_string(),
        };
        let full = if rule.net.is_ipv4() { 32 } else { 128 };
        let prefix = if rule.prefix == full {
            String::new()
        } else {
            format!("/{}", rule.prefix)
        };
        let port = rule.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{ip}{prefix}{port}")
    }
}

impl FromStr for AllowRule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not an address, a network (a.b.c.d/n) or address:port");
        if let Ok(sa) = SocketAddr::from_str(s) {
            let prefix = if sa.is_ipv4() { 32 } else { 128 };
            return Ok(AllowRule {
                net: sa.ip(),
                prefix,
                port: Some(sa.port()),
            });
        }
        let (ip, prefix) = match s.split_once('/') {
            Some((ip, p)) => (ip, Some(p.parse::<u32>().map_err(|_| bad())?)),
            None => (s, None),
        };
        let net = IpAddr::from_str(ip).map_err(|_| bad())?;
        let full = if net.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(full);
        if prefix > full {
            return Err(bad());
        }
        Ok(AllowRule {
            net,
            prefix,
            port: None,
        })
    }
}

impl AllowRule {
    fn matches_ip(&self, ip: IpAddr) -> bool {
        match (self.net, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => in_v4(ip, net.octets(), self.prefix),
            (IpAddr::V6(net), IpAddr::V6(ip)) => in_v6(ip, net, self.prefix),
            _ => false,
        }
    }
}

/// A refused address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refused to connect to {addr} ({reason} address); allow it in stages.fetch.allow if intended"
)]
pub struct Refused {
    /// The address.
    pub addr: IpAddr,
    /// Which forbidden range it is in.
    pub reason: &'static str,
}

/// Which addresses may be connected to: everything public, plus the
/// allow-list.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    allow: Vec<AllowRule>,
    /// When false, every address is allowed (only for trusted inputs).
    pub enabled: bool,
}

impl AddressPolicy {
    /// A policy refusing non-public addresses except those in `allow`.
    pub fn new(allow: Vec<AllowRule>) -> Self {
        AddressPolicy {
            allow,
            enabled: true,
        }
    }

    /// A policy that allows everything.
    pub fn disabled() -> Self {
        AddressPolicy {
            allow: Vec::new(),
            enabled: false,
        }
    }

    /// Checks an address, with the port when known.
    pub fn check(&self, ip: IpAddr, port: Option<u16>) -> Result<(), Refused> {
        if !self.enabled {
            return Ok(());
        }
        let Some(reason) = forbidden_reason(ip) else {
            return Ok(());
        };
        // The resolver does not learn the port, so a rule with a port admits
        // only URLs that name its address literally (checked with the port).
        let allowed = self.allow.iter().any(|rule| {
            rule.matches_ip(ip)
                && match (rule.port, port) {
                    (None, _) => true,
                    (Some(allowed), Some(port)) => allowed == port,
                    (Some(_), None) => false,
                }
        });
        if allowed {
            Ok(())
        } else {
            Err(Refused { addr: ip, reason })
        }
    }

    /// Checks a URL whose host is an IP literal (those never reach the
    /// resolver). Hostnames pass here and are checked when resolved.
    pub fn check_url(&self, url: &Url) -> Result<(), Refused> {
        let ip = match url.host() {
            Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
            _ => return Ok(()),
        };
        self.check(ip, url.port_or_known_default())
    }
}

/// Looks up a hostname's addresses. The system resolver in production; a
/// fixed table in tests.
pub trait HostLookup: Send + Sync + 'static {
    /// The addresses of `host`.
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>>;
}

/// The operating system's resolver (getaddrinfo, via tokio).
#[derive(Debug, Default)]
pub struct SystemLookup;

impl HostLookup for SystemLookup {
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>> {
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// A reqwest resolver that hands the connector only allowed addresses.
pub struct GuardedResolver {
    policy: Arc<AddressPolicy>,
    lookup: Arc<dyn HostLookup>,
    refused: Arc<dyn Fn(&Refused) + Send + Sync>,
}

impl GuardedResolver {
    /// Wraps `lookup`; `on_refused` is told of every refused address.
    pub fn new(
        policy: Arc<AddressPolicy>,
        lookup: Arc<dyn HostLookup>,
        on_refused: Arc<dyn Fn(&Refused) + Send + Sync>,
    ) -> Self {
        GuardedResolver {
            policy,
            lookup,
            refused: on_refused,
        }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (policy, lookup, refused) = (
            self.policy.clone(),
            self.lookup.clone(),
            self.refused.clone(),
        );
        Box::pin(async move {
            let ips = lookup.lookup(name.as_str().to_string()).await?;
            let mut allowed = Vec::new();
            let mut first_refusal = None;
            for ip in ips {
                match policy.check(ip, None) {
                    Ok(()) => allowed.push(SocketAddr::new(ip, 0)),
                    Err(r) => {
                        refused(&r);
                        first_refusal.get_or_insert(r);
                    }
                }
            }
            if allowed.is_empty() {
                let error: Box<dyn std::error::Error + Send + Sync> = match first_refusal {
                    Some(r) => Box::new(r),
                    None => format!("{} has no address", name.as_str()).into(),
                };
                return Err(error);
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        IpAddr::from_str(s).unwrap()
    }

    #[test]
    fn every_forbidden_range_is_refused_with_its_reason() {
        let cases = [
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("10.1.2.3", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("100.64.0.1", "cgnat"),
            ("100.127.255.255", "cgnat"),
            ("169.254.169.254", "metadata"),
            ("169.254.1.1", "link_local"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "unspecified"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast"),
            ("255.255.255.255", "broadcast"),
            ("192.0.2.10", "documentation"),
            ("198.51.100.7", "documentation"),
            ("203.0.113.9", "documentation"),
            ("198.18.0.1", "reserved"),
            ("240.0.0.1", "reserved"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("::ffff:127.0.0.1", "ipv4_mapped"),
            ("::ffff:8.8.8.8", "ipv4_mapped"),
            ("::127.0.0.1", "ipv4_mapped"),
            ("64:ff9b::a9fe:a9fe", "nat64"),
            ("2002:7f00:1::", "6to4"),
            ("fd00:ec2::254", "metadata"),
            ("fc00::1", "unique_local"),
            ("fd12:3456::1", "unique_local"),
            ("fe80::1", "link_local"),
            ("ff02::1", "multicast"),
            ("2001:db8::1", "documentation"),
        ];
        for (addr, reason) in cases {
            assert_eq!(forbidden_reason(ip(addr)), Some(reason), "{addr}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for addr in [
            "8.8.8.8",
            "1.1.1.1",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "2a00:1450::1",
        ] {
            assert_eq!(forbidden_reason(ip(addr)), None, "{addr}");
        }
    }

    #[test]
    fn odd_ipv4_spellings_are_normalised_by_the_url_parser() {
        let policy = AddressPolicy::new(vec![]);
        for url in [
            "http://2130706433/",
            "http://0x7f.0.0.1/",
            "http://0177.0.0.1/",
            "http://0x7f000001/",
            "http://127.1/",
            "http://[::ffff:7f00:1]/",
            "http://[::1]:8080/",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            let u = Url::parse(url).unwrap();
            assert!(policy.check_url(&u).is_err(), "{url} must be refused");
        }
        assert!(policy
            .check_url(&Url::parse("http://example.com/").unwrap())
            .is_ok());
    }

    #[test]
    fn the_allow_list_admits_exactly_what_it_names() {
        let rule: AllowRule = "127.0.0.1:8480".parse().unwrap();
        let policy = AddressPolicy::new(vec![rule.clone()]);
        assert!(policy
            .check_url(&Url::parse("http://127.0.0.1:8480/x").unwrap())
            .is_ok());
        assert!(policy
            .check_url(&Url::parse("http://127.0.0.1:8481/x").unwrap())
            .is_err());
        assert!(policy
            .check_url(&Url::parse("http://127.0.0.2:8480/x").unwrap())
            .is_err());
        // A hostname resolving to the address does not get in: no port at
        // resolve time.
        assert!(policy.check(ip("127.0.0.1"), None).is_err());
        assert_eq!(String::from(rule), "127.0.0.1:8480");
        let net: AllowRule = "10.1.0.0/16".parse().unwrap();
        let policy = AddressPolicy::new(vec![net]);
        assert!(policy.check(ip("10.1.200.3"), Some(80)).is_ok());
        assert!(policy.check(ip("10.2.0.1"), Some(80)).is_err());
        assert!("10.0.0.0/33".parse::<AllowRule>().is_err());
        assert!("not-an-ip".parse::<AllowRule>().is_err());
        assert!(AddressPolicy::disabled()
            .check(ip("127.0.0.1"), None)
            .is_ok());
    }
}
