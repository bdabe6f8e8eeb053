//! Webhooks' rules (`cooperation.md`, "Webhooks"): which URLs a party may register as a
//! target, which addresses a delivery may reach, and how long to wait before each retry.
//!
//! Pure: the URL is parsed here, but resolving a host name (at delivery time, so that a
//! name cannot be rebound to a refused address after registration) is the worker's.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::audit::AuditAction;

/// The longest target URL accepted, in characters.
pub const URL_LENGTH_CHARS_MAX: usize = 2_048;

/// The most events one webhook subscribes to (every deliverable one fits).
pub const EVENTS_MAX: usize = 64;

/// The events a webhook may subscribe to: those that notify (`cooperation.md`,
/// "Notifications"), in declaration order.
pub fn deliverable_events() -> Vec<AuditAction> {
    AuditAction::ALL
        .iter()
        .copied()
        .filter(|action| action.notifies())
        .collect()
}

/// The host of a target: an address written literally, or a name resolved at delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// `http://192.0.2.1/` or `http://[2001:db8::1]/`.
    Address(IpAddr),
    /// `https://erp.example/`, lower-cased.
    Name(String),
}

/// A target URL, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Whether TLS is spoken (`https`).
    pub https: bool,
    /// Where.
    pub host: Host,
    /// The port: the URL's, or 80 / 443.
    pub port: u16,
    /// The path and query (at least `/`), as written.
    pub path_and_query: String,
}

impl Target {
    /// The host as the `Host` header and TLS name give it (IPv6 in brackets).
    pub fn host_text(&self) -> String {
        match &self.host {
            Host::Address(IpAddr::V6(address)) => format!("[{address}]"),
            Host::Address(address) => address.to_string(),
            Host::Name(name) => name.clone(),
        }
    }

    /// The `Host` header's value: the host, and the port unless it is the scheme's default.
    pub fn authority(&self) -> String {
        let default = if self.https { 443 } else { 80 };
        if self.port == default {
            self.host_text()
        } else {
            format!("{}:{}", self.host_text(), self.port)
        }
    }
}

/// Why a URL is not a target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Empty or too long.
    #[error("must be 1 to {URL_LENGTH_CHARS_MAX} characters")]
    Length,
    /// Not `http` or `https`.
    #[error("must start with http:// or https://")]
    Scheme,
    /// Credentials in the URL would be sent to whoever answers; the signature authenticates.
    #[error(
        "must not carry credentials (user:password@); the signature authenticates each delivery"
    )]
    Credentials,
    /// No host, a malformed one, or a bad port.
    #[error("has no valid host and port: {0}")]
    Host(String),
    /// Spaces, control characters or a fragment.
    #[error("must not contain spaces, control characters or a #fragment")]
    Characters,
    /// The address is one a platform must not be made to call.
    #[error("{0}")]
    Refused(String),
}

/// Parses a target URL: `http` or `https`, a host, an optional port, no credentials, at
/// most [`URL_LENGTH_CHARS_MAX`] characters. Addresses are not judged here (see
/// [`refused_address`]).
pub fn parse_target(url: &str) -> Result<Target, UrlError> {
    if url.is_empty() || url.chars().count() > URL_LENGTH_CHARS_MAX {
        return Err(UrlError::Length);
    }
    if url
        .chars()
        .any(|character| character.is_whitespace() || character.is_control() || character == '#')
    {
        return Err(UrlError::Characters);
    }
    let lower = url.to_ascii_lowercase();
    let (https, rest) = if lower.starts_with("https://") {
        (true, &url["https://".len()..])
    } else if lower.starts_with("http://") {
        (false, &url["http://".len()..])
    } else {
        return Err(UrlError::Scheme);
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    let (host, port) = split_port(authority)?;
    let port = match port {
        Some(text) => text
            .parse::<u16>()
            .ok()
            .filter(|port| *port > 0)
            .ok_or_else(|| UrlError::Host(format!("{text:?} is not a port")))?,
        None if https => 443,
        None => 80,
    };
    let host = parse_host(host)?;
    let path_and_query = match tail {
        "" => "/".to_owned(),
        tail if tail.starts_with('?') => format!("/{tail}"),
        tail => tail.to_owned(),
    };
    Ok(Target {
        https,
        host,
        port,
        path_and_query,
    })
}

fn split_port(authority: &str) -> Result<(&str, Option<&str>), UrlError> {
    if let Some(inner) = authority.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or_else(|| UrlError::Host("an IPv6 address lacks its ]".into()))?;
        let after = &inner[close + 1..];
        let port = match after {
            "" => None,
            after => Some(
                after
                    .strip_prefix(':')
                    .ok_or_else(|| UrlError::Host(format!("{after:?} after the address")))?,
            ),
        };
        return Ok((&authority[..close + 2], port));
    }
    Ok(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

fn parse_host(host: &str) -> Result<Host, UrlError> {
    if let Some(inner) = host
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return inner
            .parse::<Ipv6Addr>()
            .map(|address| Host::Address(IpAddr::V6(address)))
            .map_err(|_| UrlError::Host(format!("{inner:?} is not an IPv6 address")));
    }
    if host.is_empty() {
        return Err(UrlError::Host("the host is empty".into()));
    }
    if let Ok(address) = host.parse::<Ipv4Addr>() {
        return Ok(Host::Address(IpAddr::V4(address)));
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    };
    if name.len() > 253 || !name.split('.').all(label_ok) {
        return Err(UrlError::Host(format!("{host:?} is not a host name")));
    }
    // All-numeric names (`2130706433`, `0x7f.1`) are addresses in some resolvers' eyes.
    if name
        .split('.')
        .all(|label| label.bytes().all(|byte| byte.is_ascii_digit()) || label.starts_with("0x"))
    {
        return Err(UrlError::Host(format!(
            "{host:?} is not a host name or a dotted IPv4 address"
        )));
    }
    Ok(Host::Name(name))
}

/// Why the platform refuses to call `address`, or `None` when it may. With
/// `allow_private` (the operator's `serve --webhooks-allow-private`), loopback, private and
/// link-local addresses are allowed; addresses that name no single host (unspecified,
/// multicast, broadcast) never are.
pub fn refused_address(address: IpAddr, allow_private: bool) -> Option<String> {
    let address = match address {
        // `::ffff:127.0.0.1` is 127.0.0.1.
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    };
    let (never, private) = match address {
        IpAddr::V4(v4) => {
            let [first, second, ..] = v4.octets();
            let never = if v4.is_unspecified() || first == 0 {
                Some("unspecified")
            } else if v4.is_multicast() {
                Some("multicast")
            } else if v4.is_broadcast() {
                Some("broadcast")
            } else {
                None
            };
            let private = if v4.is_loopback() {
                Some("loopback")
            } else if v4.is_link_local() {
                Some("link-local (this includes cloud metadata at 169.254.169.254)")
            } else if v4.is_private() {
                Some("private (RFC 1918)")
            } else if first == 100 && (64..128).contains(&second) {
                Some("shared address space (RFC 6598)")
            } else {
                None
            };
            (never, private)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            let never = if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_multicast() {
                Some("multicast")
            } else {
                None
            };
            let private = if v6.is_loopback() {
                Some("loopback")
            } else if first & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if first & 0xfe00 == 0xfc00 {
                Some("private (unique local, fc00::/7)")
            } else {
                None
            };
            (never, private)
        }
    };
    if let Some(kind) = never {
        return Some(format!("{address} is a {kind} address, not a host"));
    }
    match private {
        Some(kind) if !allow_private => Some(format!(
            "{address} is a {kind} address; the operator allows such targets with serve --webhooks-allow-private"
        )),
        _ => None,
    }
}

/// Checks a target as registered: its literal address (or a `localhost` name) against
/// [`refused_address`]. Names are checked again, resolved, at every delivery.
pub fn check_target(url: &str, allow_private: bool) -> Result<Target, UrlError> {
    let target = parse_target(url)?;
    match &target.host {
        Host::Address(address) => {
            if let Some(reason) = refused_address(*address, allow_private) {
                return Err(UrlError::Refused(reason));
            }
        }
        Host::Name(name) => {
            if !allow_private && (name == "localhost" || name.ends_with(".localhost")) {
                return Err(UrlError::Refused(format!(
                    "{name} is a loopback name; the operator allows such targets with serve --webhooks-allow-private"
                )));
            }
        }
    }
    Ok(target)
}

/// How long to wait after the `attempts`-th failed attempt (1 for the first): `initial`
/// doubled for each earlier failure, at most `max`; seconds.
pub fn retry_delay_seconds(attempts: i64, initial: u64, max: u64) -> u64 {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 63)).unwrap_or(63);
    initial
        .saturating_mul(1u64.checked_shl(doublings).unwrap_or(u64::MAX))
        .min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_http_or_https_with_a_host() {
        let target = parse_target("https://ERP.example:8443/hooks?x=1").unwrap();
        assert!(target.https);
        assert_eq!(target.host, Host::Name("erp.example".into()));
        assert_eq!(
            (target.port, target.path_and_query.as_str()),
            (8443, "/hooks?x=1")
        );
        assert_eq!(target.authority(), "erp.example:8443");
        let target = parse_target("http://[2001:db8::1]").unwrap();
        assert_eq!(target.port, 80);
        assert_eq!(target.path_and_query, "/");
        assert_eq!(target.authority(), "[2001:db8::1]");
        for (url, error) in [
            ("ftp://example.org/", UrlError::Scheme),
            ("example.org", UrlError::Scheme),
            ("", UrlError::Length),
            ("https://user:pass@example.org/", UrlError::Credentials),
            ("https://example.org/a b", UrlError::Characters),
            ("https://example.org/#x", UrlError::Characters),
        ] {
            assert_eq!(parse_target(url), Err(error), "{url}");
        }
        for url in [
            "https://:80/",
            "https://example.org:0/",
            "https://example.org:99999/",
            "http://[::1/",
            "http://2130706433/",
            "http://exa mple/",
            "http:///x",
        ] {
            assert!(parse_target(url).is_err(), "{url}");
        }
        let long = format!("https://example.org/{}", "a".repeat(URL_LENGTH_CHARS_MAX));
        assert_eq!(parse_target(&long), Err(UrlError::Length));
    }

    #[test]
    fn private_link_local_and_odd_addresses_are_refused() {
        for text in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            let address: IpAddr = text.parse().unwrap();
            assert!(refused_address(address, false).is_some(), "{text}");
            assert_eq!(refused_address(address, true), None, "{text}");
        }
        for text in ["0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "ff02::1"] {
            let address: IpAddr = text.parse().unwrap();
            assert!(refused_address(address, true).is_some(), "{text}");
        }
        for text in ["192.0.2.1", "8.8.8.8", "2001:db8::1"] {
            assert_eq!(
                refused_address(text.parse().unwrap(), false),
                None,
                "{text}"
            );
        }
        assert!(check_target("http://localhost:8080/", false).is_err());
        assert!(check_target("http://localhost:8080/", true).is_ok());
        assert!(check_target("http://169.254.169.254/latest/meta-data", false).is_err());
    }

    #[test]
    fn retries_wait_doubling_delays_up_to_the_most() {
        let delays: Vec<u64> = (1..=14).map(|n| retry_delay_seconds(n, 1, 3_600)).collect();
        assert_eq!(
            delays,
            [
                1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600
            ]
        );
        assert_eq!(retry_delay_seconds(1_000, 1, 3_600), 3_600);
        assert_eq!(retry_delay_seconds(0, 5, 3_600), 5);
    }

    #[test]
    fn the_deliverable_events_are_those_that_notify() {
        let names: Vec<&str> = deliverable_events().iter().map(|a| a.as_str()).collect();
        assert!(names.contains(&"round.published") && names.contains(&"message.created"));
        assert!(!names.contains(&"lot.registered"));
    }
}
