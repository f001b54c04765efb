//! Who the client is, for rate limits and security events: the TCP peer's address or — only
//! when that peer is a reverse proxy the operator named (`knot serve --trusted-proxy ADDR`) —
//! the right-most address in `X-Forwarded-For` that is not one of the trusted proxies.
//! Anything a client writes to the left of that is its own claim and is ignored, as is the
//! whole header when the peer is not trusted.
//!
//! Limits count a [`ClientGroup`]: an IPv4 address, or the /64 network of an IPv6 address (one
//! host or household usually holds a whole /64 and could otherwise step round a limit by
//! changing the low bits).

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use axum::http::HeaderMap;

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address: the peer, or what trusted proxies say the client was.
pub(crate) fn client_ip(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer.map(|ip| ip.to_canonical())?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop that does not parse was not written by a proxy we trust: stop at the last one
        // that was.
        let Some(ip) = parse_hop(hop) else {
            break;
        };
        client = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    Some(client)
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443` or
/// `203.0.113.7:5000`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip().to_canonical());
    }
    None
}

/// A client address as limits count it: IPv4 whole, IPv6 by its /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ClientGroup(IpAddr);

impl ClientGroup {
    pub fn of(ip: IpAddr) -> ClientGroup {
        match ip.to_canonical() {
            IpAddr::V4(v4) => ClientGroup(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let network = u128::from(v6) & !u128::from(u64::MAX);
                ClientGroup(IpAddr::V6(Ipv6Addr::from(network)))
            }
        }
    }
}

impl fmt::Display for ClientGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(FORWARDED_FOR, HeaderValue::from_str(line).expect("header"));
        }
        headers
    }

    #[test]
    fn forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        let headers = forwarded(&["198.51.100.9"]);
        let peer = Some(ip("203.0.113.7"));
        assert_eq!(client_ip(peer, &headers, &[]), peer);
        assert_eq!(client_ip(peer, &headers, &[ip("10.0.0.1")]), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged "1.1.1.1"; the first proxy appended the real address, the second
        // proxy appended the first.
        let headers = forwarded(&["1.1.1.1, 198.51.100.9", "10.0.0.2"]);
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), &headers, &proxies),
            Some(ip("198.51.100.9"))
        );
    }

    #[test]
    fn a_trusted_proxy_without_forwarded_for_or_with_junk_is_its_own_client() {
        let proxy = [ip("10.0.0.1")];
        let peer = Some(ip("10.0.0.1"));
        assert_eq!(client_ip(peer, &HeaderMap::new(), &proxy), peer);
        assert_eq!(client_ip(peer, &forwarded(&["unknown"]), &proxy), peer);
        assert_eq!(
            client_ip(peer, &forwarded(&["[2001:db8::5]:443"]), &proxy),
            Some(ip("2001:db8::5"))
        );
    }

    #[test]
    fn ipv6_addresses_are_grouped_by_their_64_bit_network() {
        let a = ClientGroup::of(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientGroup::of(ip("2001:db8:1:2:ffff:1:2:3"));
        let other = ClientGroup::of(ip("2001:db8:1:3::1"));
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_eq!(
            ClientGroup::of(ip("::ffff:203.0.113.7")).to_string(),
            "203.0.113.7"
        );
    }
}
