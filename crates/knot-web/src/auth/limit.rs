//! Sign-in rate limiting: after too many failed sign-ins within a window, further attempts are
//! refused (429 with `Retry-After`) before any password is checked — per account, so one
//! account cannot be guessed at, and per client address, so one client cannot guess at many.
//!
//! Failures are kept in memory, per server process: with several app servers each counts on
//! its own, which still bounds guessing to a small multiple.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a failure counts.
pub(crate) const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed sign-ins to one account within the window before it is locked for the rest of it.
pub(crate) const FAILURES_PER_ACCOUNT: usize = 5;
/// Failed sign-ins from one address within the window (a household shares one address).
pub(crate) const FAILURES_PER_ADDRESS: usize = 20;
/// Above this many tracked keys, expired ones are swept on the next failure.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

/// Failed sign-ins by account and by address.
#[derive(Debug, Default)]
pub(crate) struct SignInLimiter {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

/// Sign-in is refused for now; try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Locked {
    pub retry_after: Duration,
}

impl SignInLimiter {
    /// Refuses when the account or the address has used up its failures.
    pub fn check(&self, email: &str, address: Option<IpAddr>, now: Instant) -> Result<(), Locked> {
        let mut failures = self.lock();
        let mut wait = Duration::ZERO;
        for (key, limit) in keys(email, address) {
            if let Some(times) = failures.get_mut(&key) {
                forget_old(times, now);
                if times.len() >= limit {
                    let oldest = times.front().copied().unwrap_or(now);
                    wait = wait.max(WINDOW.saturating_sub(now.duration_since(oldest)));
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(Locked {
                retry_after: wait.max(Duration::from_secs(1)),
            })
        }
    }

    /// Counts a failed sign-in against the account and the address.
    pub fn failed(&self, email: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.lock();
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        for (key, _) in keys(email, address) {
            let times = failures.entry(key).or_default();
            forget_old(times, now);
            times.push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's: one good
    /// password must not reset guessing at other accounts).
    pub fn succeeded(&self, email: &str) {
        self.lock().remove(&Key::Account(normalise(email)));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        // A panic while holding the lock leaves plain data behind; keep using it.
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn keys(email: &str, address: Option<IpAddr>) -> Vec<(Key, usize)> {
    let mut keys = vec![(Key::Account(normalise(email)), FAILURES_PER_ACCOUNT)];
    if let Some(address) = address {
        keys.push((Key::Address(address), FAILURES_PER_ADDRESS));
    }
    keys
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2)));

    #[test]
    fn an_account_locks_after_its_failures_and_opens_when_the_window_passes() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        for i in 0..FAILURES_PER_ACCOUNT {
            assert!(
                limiter.check("a@example.org", HOME, start).is_ok(),
                "attempt {i}"
            );
            limiter.failed("A@example.org ", HOME, start);
        }
        let later = start + Duration::from_secs(60);
        let locked = limiter.check("a@example.org", HOME, later).unwrap_err();
        assert_eq!(locked.retry_after, WINDOW - Duration::from_secs(60));
        assert!(limiter.check("b@example.org", HOME, later).is_ok());
        assert!(limiter.check("a@example.org", HOME, start + WINDOW).is_ok());
    }

    #[test]
    fn one_address_guessing_at_many_accounts_is_locked() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        for i in 0..FAILURES_PER_ADDRESS {
            limiter.failed(&format!("user{i}@example.org"), HOME, now);
        }
        assert!(limiter.check("someone@example.org", HOME, now).is_err());
        assert!(limiter.check("someone@example.org", None, now).is_ok());
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        for _ in 0..FAILURES_PER_ACCOUNT {
            limiter.failed("a@example.org", HOME, now);
        }
        limiter.succeeded("a@example.org");
        assert!(limiter.check("a@example.org", None, now).is_ok());
    }
}
