//! Sign-up rate limiting: at most a few registrations an hour from one client address (an IPv6
//! /64 counts as one; without connection info there is no address to count) and a ceiling on
//! all of them together, so a script can neither fill the
//! database with accounts nor test e-mail addresses quickly. A sign-up is counted when it is
//! let through to the password hash, whether or not the account is then created.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::client::ClientGroup;
use super::limit::Locked;

/// How long a sign-up counts.
pub(crate) const WINDOW: Duration = Duration::from_secs(60 * 60);
/// Sign-ups from one address within the window.
pub(crate) const PER_CLIENT: usize = 5;
/// Sign-ups from everywhere within the window.
pub(crate) const GLOBAL: usize = 300;
/// Above this many tracked addresses, old ones are swept.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
struct Counts {
    by_client: HashMap<ClientGroup, VecDeque<Instant>>,
    all: VecDeque<Instant>,
}

/// Recent sign-ups, by address and in all.
#[derive(Debug, Default)]
pub(crate) struct SignUpLimiter {
    counts: Mutex<Counts>,
}

/// Which limit refused a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignUpLimit {
    Client,
    Global,
}

impl SignUpLimiter {
    /// Counts a sign-up from `client` (returning the limit it just filled, if any), or refuses
    /// it with the wait and the limit that refused.
    pub fn admit(
        &self,
        client: Option<ClientGroup>,
        now: Instant,
    ) -> Result<Option<SignUpLimit>, (Locked, SignUpLimit)> {
        let mut counts = self.lock();
        if counts.by_client.len() > SWEEP_ABOVE {
            counts.by_client.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        forget_old(&mut counts.all, now);
        if let Some(wait) = wait(&counts.all, GLOBAL, now) {
            return Err((wait, SignUpLimit::Global));
        }
        let mut client_full = false;
        if let Some(client) = client {
            let mine = counts.by_client.entry(client).or_default();
            forget_old(mine, now);
            if let Some(wait) = wait(mine, PER_CLIENT, now) {
                return Err((wait, SignUpLimit::Client));
            }
            mine.push_back(now);
            client_full = mine.len() == PER_CLIENT;
        }
        counts.all.push_back(now);
        if counts.all.len() == GLOBAL {
            Ok(Some(SignUpLimit::Global))
        } else if client_full {
            Ok(Some(SignUpLimit::Client))
        } else {
            Ok(None)
        }
    }

    fn lock(&self) -> MutexGuard<'_, Counts> {
        // A panic while holding the lock leaves plain counts behind; keep using them.
        self.counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn wait(times: &VecDeque<Instant>, limit: usize, now: Instant) -> Option<Locked> {
    if times.len() < limit {
        return None;
    }
    let oldest = times.front().copied().unwrap_or(now);
    Some(Locked {
        retry_after: WINDOW
            .saturating_sub(now.saturating_duration_since(oldest))
            .max(Duration::from_secs(1)),
    })
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn v4(last: u8) -> Option<ClientGroup> {
        Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::new(
            198, 51, 100, last,
        ))))
    }

    #[test]
    fn one_address_gets_a_few_sign_ups_an_hour() {
        let limiter = SignUpLimiter::default();
        let start = Instant::now();
        for i in 1..=PER_CLIENT {
            let filled = limiter.admit(v4(1), start).expect("admitted");
            assert_eq!(filled, (i == PER_CLIENT).then_some(SignUpLimit::Client));
        }
        let (locked, limit) = limiter.admit(v4(1), start).expect_err("refused");
        assert_eq!(limit, SignUpLimit::Client);
        assert_eq!(locked.retry_after, WINDOW);
        assert!(
            limiter.admit(v4(2), start).is_ok(),
            "another address is not refused"
        );
        assert!(
            limiter.admit(v4(1), start + WINDOW).is_ok(),
            "the window passes"
        );
    }

    #[test]
    fn an_ipv6_client_cannot_step_round_the_limit_within_its_64() {
        let limiter = SignUpLimiter::default();
        let now = Instant::now();
        for i in 0..=PER_CLIENT {
            let ip = Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, u16::try_from(i).unwrap_or(0));
            let result = limiter.admit(Some(ClientGroup::of(IpAddr::V6(ip))), now);
            assert_eq!(result.is_ok(), i < PER_CLIENT, "sign-up {i}");
        }
    }

    #[test]
    fn all_sign_ups_together_have_a_ceiling() {
        let limiter = SignUpLimiter::default();
        let now = Instant::now();
        for i in 0..GLOBAL {
            let ip = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + u32::try_from(i).unwrap_or(0)));
            assert!(limiter.admit(Some(ClientGroup::of(ip)), now).is_ok());
        }
        let (_, limit) = limiter.admit(v4(9), now).expect_err("ceiling");
        assert_eq!(limit, SignUpLimit::Global);
    }
}
