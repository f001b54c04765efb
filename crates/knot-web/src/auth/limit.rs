//! Sign-in rate limiting. An attempt first *reserves* its place against every limit that
//! applies, before any password is checked; the reservation counts as a failure until the
//! attempt resolves it, and one dropped unresolved (the client hung up, the handler was dropped
//! at an `.await`) stays a failure. So however many guesses arrive at once, at most the allowed
//! number reach the (slow) password check.
//!
//! Failures are counted on several keys, each with its own [`Policy`]: after `free` failures a
//! key waits `base`, doubling with each further failure up to `cap`; a key with no failure for
//! [`FORGET_AFTER`] starts afresh.
//!
//! | key | counts | free | why |
//! |---|---|---|---|
//! | account + client address | one address guessing at one account | 5 | the usual guesser |
//! | client address | one address guessing at many accounts | 30 | a household shares an address |
//! | account | every address together | 100 | many addresses at one account; high, so the owner is rarely hit |
//! | account + device | a browser that signed in to the account before | 5 | the owner's way in while others are locked |
//!
//! An attempt carrying a valid device cookie for the account counts only on its device key, so
//! lock-outs that others cause (at the account or at a shared address) do not shut the owner
//! out. Counts live in memory, per server process: several app servers each count on their
//! own, which still bounds guessing to a small multiple.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::client::ClientGroup;

/// How fast a key locks and how long it waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Failures allowed before the first wait.
    pub free: u32,
    /// The first wait; each further failure doubles it.
    pub base: Duration,
    /// The longest wait.
    pub cap: Duration,
}

const MINUTE: Duration = Duration::from_secs(60);

/// One account from one client address.
pub(crate) const PER_ACCOUNT_AND_CLIENT: Policy = Policy {
    free: 5,
    base: MINUTE,
    cap: Duration::from_secs(30 * 60),
};
/// One client address across accounts.
pub(crate) const PER_CLIENT: Policy = Policy {
    free: 30,
    base: MINUTE,
    cap: Duration::from_secs(60 * 60),
};
/// One account across every address (without a device cookie).
pub(crate) const PER_ACCOUNT: Policy = Policy {
    free: 100,
    base: MINUTE,
    cap: Duration::from_secs(60 * 60),
};
/// One account from one browser that signed in to it before.
pub(crate) const PER_DEVICE: Policy = PER_ACCOUNT_AND_CLIENT;

/// A key with no failure for this long starts afresh.
pub(crate) const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// Above this many tracked keys, forgotten ones are swept on the next reservation.
const SWEEP_ABOVE: usize = 10_000;
/// The wait given while earlier attempts at a full key are still being checked.
const BUSY_WAIT: Duration = Duration::from_secs(1);

/// What failures are counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    AccountAndClient(String, Option<ClientGroup>),
    Client(ClientGroup),
    Account(String),
    /// The device cookie's id (already checked to belong to the account).
    Device(String),
}

impl Key {
    fn policy(&self) -> Policy {
        match self {
            Key::AccountAndClient(..) => PER_ACCOUNT_AND_CLIENT,
            Key::Client(_) => PER_CLIENT,
            Key::Account(_) => PER_ACCOUNT,
            Key::Device(_) => PER_DEVICE,
        }
    }

    /// Whether a successful sign-in clears this key (not the address or the account ceiling:
    /// one good password must not reset guessing at other accounts, or from other addresses).
    fn cleared_by_success(&self) -> bool {
        matches!(self, Key::AccountAndClient(..) | Key::Device(_))
    }
}

/// Who is trying to sign in, as the limits see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attempt {
    /// The e-mail typed.
    pub email: String,
    pub client: Option<ClientGroup>,
    /// A device cookie valid for this account.
    pub device: Option<String>,
}

impl Attempt {
    fn keys(&self) -> Vec<Key> {
        if let Some(device) = &self.device {
            return vec![Key::Device(device.clone())];
        }
        let email = normalise(&self.email);
        let mut keys = vec![
            Key::AccountAndClient(email.clone(), self.client),
            Key::Account(email),
        ];
        if let Some(client) = self.client {
            keys.push(Key::Client(client));
        }
        keys
    }
}

/// Which limit a lock-out is on, for the security event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    AccountAndClient,
    Client,
    Account,
    Device,
}

/// A key that the latest failure locked, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LockOut {
    pub scope: Scope,
    pub wait: Duration,
}

/// Sign-in is refused for now; try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Locked {
    pub retry_after: Duration,
}

#[derive(Debug, Default)]
struct Counter {
    failures: u32,
    /// Reserved attempts not yet resolved; each counts as a failure meanwhile.
    pending: u32,
    last_failure: Option<Instant>,
}

impl Counter {
    fn forget_if_old(&mut self, now: Instant) {
        if self
            .last_failure
            .is_some_and(|t| now.saturating_duration_since(t) >= FORGET_AFTER)
        {
            self.failures = 0;
            self.last_failure = None;
        }
    }

    /// Zero when another attempt may start now, else how long to wait.
    fn wait(&self, policy: Policy, now: Instant) -> Duration {
        if self.failures + self.pending < policy.free {
            return Duration::ZERO;
        }
        let locked_for = self.last_failure.map_or(Duration::ZERO, |t| {
            wait_after(policy, self.failures).saturating_sub(now.saturating_duration_since(t))
        });
        if self.pending > 0 {
            locked_for.max(BUSY_WAIT)
        } else {
            locked_for
        }
    }
}

/// The wait after `failures` failures.
pub(crate) fn wait_after(policy: Policy, failures: u32) -> Duration {
    let Some(beyond) = failures.checked_sub(policy.free) else {
        return Duration::ZERO;
    };
    let factor = 2u32.saturating_pow(beyond.min(30));
    policy.base.saturating_mul(factor).min(policy.cap)
}

/// Failed and pending sign-ins by key.
#[derive(Debug, Default)]
pub(crate) struct SignInLimiter {
    counters: Mutex<HashMap<Key, Counter>>,
}

impl SignInLimiter {
    /// Reserves a place for an attempt on every key it counts against, or says how long to wait.
    pub fn reserve(&self, attempt: &Attempt, now: Instant) -> Result<Reservation<'_>, Locked> {
        let keys = attempt.keys();
        let mut counters = self.lock();
        if counters.len() > SWEEP_ABOVE {
            counters.retain(|_, c| {
                c.forget_if_old(now);
                c.failures > 0 || c.pending > 0
            });
        }
        let mut wait = Duration::ZERO;
        for key in &keys {
            let counter = counters.entry(key.clone()).or_default();
            counter.forget_if_old(now);
            wait = wait.max(counter.wait(key.policy(), now));
        }
        if !wait.is_zero() {
            return Err(Locked {
                retry_after: wait.max(Duration::from_secs(1)),
            });
        }
        for key in &keys {
            counters.entry(key.clone()).or_default().pending += 1;
        }
        Ok(Reservation {
            limiter: self,
            keys,
            open: true,
        })
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Counter>> {
        // A panic while holding the lock leaves plain counts behind; keep using them.
        self.counters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ends a reservation: a success clears the keys it may clear, a failure counts and returns
    /// the lock-outs it caused.
    fn settle(&self, keys: &[Key], succeeded: bool, now: Instant) -> Vec<LockOut> {
        let mut counters = self.lock();
        let mut lock_outs = Vec::new();
        for key in keys {
            let counter = counters.entry(key.clone()).or_default();
            counter.pending = counter.pending.saturating_sub(1);
            if succeeded {
                if key.cleared_by_success() {
                    counter.failures = 0;
                    counter.last_failure = None;
                }
                continue;
            }
            counter.failures = counter.failures.saturating_add(1);
            counter.last_failure = Some(now);
            let wait = wait_after(key.policy(), counter.failures);
            if !wait.is_zero() {
                lock_outs.push(LockOut {
                    scope: scope_of(key),
                    wait,
                });
            }
        }
        lock_outs
    }
}

fn scope_of(key: &Key) -> Scope {
    match key {
        Key::AccountAndClient(..) => Scope::AccountAndClient,
        Key::Client(_) => Scope::Client,
        Key::Account(_) => Scope::Account,
        Key::Device(_) => Scope::Device,
    }
}

/// A reserved attempt. Resolve it with [`Reservation::succeeded`] or [`Reservation::failed`];
/// dropped unresolved, it counts as a failure.
#[derive(Debug)]
pub(crate) struct Reservation<'a> {
    limiter: &'a SignInLimiter,
    keys: Vec<Key>,
    open: bool,
}

impl Reservation<'_> {
    pub fn succeeded(mut self) {
        self.open = false;
        self.limiter.settle(&self.keys, true, Instant::now());
    }

    /// Counts the failure; returns the lock-outs it caused.
    pub fn failed(mut self, now: Instant) -> Vec<LockOut> {
        self.open = false;
        self.limiter.settle(&self.keys, false, now)
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if self.open {
            self.limiter.settle(&self.keys, false, Instant::now());
        }
    }
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    fn from(last: u8) -> Option<ClientGroup> {
        Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::new(
            203, 0, 113, last,
        ))))
    }

    fn attempt(email: &str, client: Option<ClientGroup>) -> Attempt {
        Attempt {
            email: email.into(),
            client,
            device: None,
        }
    }

    fn fail(limiter: &SignInLimiter, who: &Attempt, now: Instant) -> Vec<LockOut> {
        limiter.reserve(who, now).expect("not locked").failed(now)
    }

    #[test]
    fn reservations_count_as_failures_so_only_the_allowed_number_start_at_once() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        let who = attempt("a@example.org", from(1));
        let held: Vec<_> = (0..PER_ACCOUNT_AND_CLIENT.free)
            .map(|_| limiter.reserve(&who, now).expect("within the limit"))
            .collect();
        let refused = limiter.reserve(&who, now).expect_err("the next one waits");
        assert!(refused.retry_after >= BUSY_WAIT);
        for reservation in held {
            reservation.succeeded();
        }
        assert!(
            limiter.reserve(&who, now).is_ok(),
            "successes free the places"
        );
    }

    #[test]
    fn a_reservation_dropped_unresolved_counts_as_a_failure() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        let who = attempt("a@example.org", from(1));
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            drop(limiter.reserve(&who, now).expect("within the limit"));
        }
        let locked = limiter.reserve(&who, now).expect_err("locked");
        assert!(locked.retry_after > Duration::from_secs(50), "{locked:?}");
    }

    #[test]
    fn waits_start_at_a_minute_and_double_up_to_the_cap() {
        let policy = PER_ACCOUNT_AND_CLIENT;
        assert_eq!(wait_after(policy, policy.free - 1), Duration::ZERO);
        assert_eq!(wait_after(policy, policy.free), policy.base);
        assert_eq!(wait_after(policy, policy.free + 1), policy.base * 2);
        assert_eq!(wait_after(policy, policy.free + 2), policy.base * 4);
        assert_eq!(wait_after(policy, policy.free + 40), policy.cap);
    }

    #[test]
    fn one_more_attempt_is_allowed_after_each_wait_and_its_failure_doubles_the_next() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        let who = attempt("a@example.org", from(1));
        let mut locks = Vec::new();
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            locks = fail(&limiter, &who, start);
        }
        let first = PER_ACCOUNT_AND_CLIENT.base;
        assert!(locks.contains(&LockOut {
            scope: Scope::AccountAndClient,
            wait: first
        }));
        assert!(limiter.reserve(&who, start + first / 2).is_err());
        let later = start + first;
        let locks = fail(&limiter, &who, later);
        assert!(locks.iter().any(|l| l.wait == first * 2));
        assert!(limiter.reserve(&who, later + first).is_err());
        assert!(limiter.reserve(&who, later + first * 2).is_ok());
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_day() {
        let limiter = SignInLimiter::default();
        let start = Instant::now();
        let who = attempt("a@example.org", from(1));
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            fail(&limiter, &who, start);
        }
        assert!(limiter.reserve(&who, start + FORGET_AFTER / 2).is_ok());
        let later = start + FORGET_AFTER / 2;
        fail(&limiter, &who, later);
        assert!(
            limiter
                .reserve(&who, later + PER_ACCOUNT_AND_CLIENT.base * 3 / 2)
                .is_err(),
            "a failure within the day keeps the count, so its wait is doubled"
        );
        assert!(limiter.reserve(&who, later + FORGET_AFTER).is_ok());
    }

    #[test]
    fn a_lock_at_one_address_does_not_lock_the_account_elsewhere() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            fail(&limiter, &attempt("a@example.org", from(1)), now);
        }
        assert!(limiter
            .reserve(&attempt("a@example.org", from(1)), now)
            .is_err());
        assert!(limiter
            .reserve(&attempt("a@example.org", from(2)), now)
            .is_ok());
    }

    #[test]
    fn one_address_guessing_at_many_accounts_is_locked_for_every_account() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        let mut locks = Vec::new();
        for i in 0..PER_CLIENT.free {
            locks = fail(
                &limiter,
                &attempt(&format!("user{i}@example.org"), from(1)),
                now,
            );
        }
        assert!(locks.iter().any(|l| l.scope == Scope::Client));
        assert!(limiter
            .reserve(&attempt("someone@example.org", from(1)), now)
            .is_err());
        assert!(limiter
            .reserve(&attempt("someone@example.org", from(2)), now)
            .is_ok());
    }

    #[test]
    fn many_addresses_hit_the_account_ceiling_but_the_owners_device_gets_in() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        let mut locks = Vec::new();
        for i in 0..PER_ACCOUNT.free {
            let client = Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i))));
            locks = fail(&limiter, &attempt("owner@example.org", client), now);
        }
        assert!(locks.iter().any(|l| l.scope == Scope::Account));
        assert!(limiter
            .reserve(&attempt("owner@example.org", from(9)), now)
            .is_err());
        let owner = Attempt {
            device: Some("device-1".into()),
            ..attempt("owner@example.org", from(9))
        };
        limiter
            .reserve(&owner, now)
            .expect("the device key is its own")
            .succeeded();
    }

    #[test]
    fn success_clears_the_account_at_that_address_but_not_the_address() {
        let limiter = SignInLimiter::default();
        let now = Instant::now();
        let who = attempt("a@example.org", from(1));
        for i in 0..PER_CLIENT.free - 1 {
            fail(
                &limiter,
                &attempt(&format!("u{i}@example.org"), from(1)),
                now,
            );
        }
        limiter.reserve(&who, now).expect("allowed").succeeded();
        fail(&limiter, &who, now);
        assert!(
            limiter
                .reserve(&attempt("b@example.org", from(1)), now)
                .is_err(),
            "the address's failures stay"
        );
    }
}
