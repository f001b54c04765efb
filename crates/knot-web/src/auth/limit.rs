//! Sign-in rate limiting. An attempt first *reserves* its place against every limit that
//! applies, before any password is checked: the reservation is stored as a failure at once, in
//! the same transaction that checked the limits, and a success takes it back. So however many
//! guesses arrive at once, on however many app servers, at most the allowed number reach the
//! (slow) password check; and an attempt abandoned unresolved (the client hung up, the handler
//! was dropped at an `.await`, the server was killed) stays a failure with nothing to clean up.
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
//! out. The counts live in the database ([`knot_store::limits`]), shared by every app server;
//! a key is stored as a SHA-256 digest, so no e-mail or address is kept with it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use knot_store::{LimitCounter, Store, StoreError};

use super::client::ClientGroup;
use super::tokens::token_hash;

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
/// Every this many reservations, counters forgotten for a day are deleted.
const SWEEP_EVERY: u64 = 1_000;

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

    /// The stored counter's name: a digest, so the table holds no e-mail or address.
    fn digest(&self) -> String {
        let client = |c: &Option<ClientGroup>| c.map_or_else(|| "-".to_string(), |c| c.to_string());
        let text = match self {
            Key::AccountAndClient(email, c) => {
                format!("sign-in/account+client\n{email}\n{}", client(c))
            }
            Key::Client(c) => format!("sign-in/client\n{c}"),
            Key::Account(email) => format!("sign-in/account\n{email}"),
            Key::Device(device) => format!("sign-in/device\n{device}"),
        };
        token_hash(&text)
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

/// The wait after `failures` failures.
pub(crate) fn wait_after(policy: Policy, failures: u32) -> Duration {
    let Some(beyond) = failures.checked_sub(policy.free) else {
        return Duration::ZERO;
    };
    let factor = 2u32.saturating_pow(beyond.min(30));
    policy.base.saturating_mul(factor).min(policy.cap)
}

/// Time from `then` to `now` (zero if `then` is later, as with a server whose clock is behind).
pub(crate) fn since(then: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (now - then).to_std().unwrap_or(Duration::ZERO)
}

/// Starts a counter afresh when its last failure is a quiet day old.
fn forget_if_old(counter: &mut LimitCounter, now: DateTime<Utc>) {
    if counter
        .last_event
        .is_some_and(|at| since(at, now) >= FORGET_AFTER)
    {
        counter.count = 0;
        counter.last_event = None;
    }
}

/// Zero when another attempt may start now, else how long to wait.
fn wait_on(counter: &LimitCounter, policy: Policy, now: DateTime<Utc>) -> Duration {
    if counter.count < policy.free {
        return Duration::ZERO;
    }
    counter.last_event.map_or(Duration::ZERO, |at| {
        wait_after(policy, counter.count).saturating_sub(since(at, now))
    })
}

/// Counts a reserved attempt as a failure on every key, or (changing nothing) says how long to
/// wait. `counters` are in the order of `policies`.
fn reserve_in(counters: &mut [LimitCounter], policies: &[Policy], now: DateTime<Utc>) -> Duration {
    let mut wait = Duration::ZERO;
    for (counter, policy) in counters.iter_mut().zip(policies) {
        forget_if_old(counter, now);
        wait = wait.max(wait_on(counter, *policy, now));
    }
    if wait.is_zero() {
        for counter in counters.iter_mut() {
            counter.count = counter.count.saturating_add(1);
            counter.last_event = Some(now);
        }
    }
    wait
}

/// Failed and pending sign-ins, counted in the database.
#[derive(Debug, Default)]
pub(crate) struct SignInLimiter {
    reservations: AtomicU64,
}

impl SignInLimiter {
    /// Reserves a place for an attempt on every key it counts against (stored as a failure
    /// until [`Reservation::succeeded`] takes it back), or says how long to wait.
    ///
    /// Attempts still being checked count as failures, so one refused behind them is told the
    /// wait that many failures would earn; if they succeed, the key has room again at once.
    pub async fn reserve(
        &self,
        store: &dyn Store,
        attempt: &Attempt,
        now: DateTime<Utc>,
    ) -> Result<Result<Reservation, Locked>, StoreError> {
        if self.reservations.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            let forgotten =
                chrono::Duration::from_std(FORGET_AFTER).unwrap_or(chrono::Duration::MAX);
            store.sweep_limit_counters(now - forgotten).await?;
        }
        let keys = attempt.keys();
        let digests: Vec<String> = keys.iter().map(Key::digest).collect();
        let policies: Vec<Policy> = keys.iter().map(Key::policy).collect();
        let rule_policies = policies.clone();
        let outcome = store
            .update_limit_counters(
                &digests,
                Arc::new(move |counters| reserve_in(counters, &rule_policies, now).is_zero()),
                now,
            )
            .await?;
        if !outcome.applied {
            let mut counters = outcome.counters;
            let wait = reserve_in(&mut counters, &policies, now);
            return Ok(Err(Locked {
                retry_after: wait.max(Duration::from_secs(1)),
            }));
        }
        let counts = outcome.counters.iter().map(|c| c.count).collect();
        Ok(Ok(Reservation {
            keys,
            digests,
            counts,
        }))
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

/// A reserved attempt, already counted as a failure. [`Reservation::succeeded`] takes it
/// back; [`Reservation::failed`] (or dropping it) leaves it counted.
#[derive(Debug)]
pub(crate) struct Reservation {
    keys: Vec<Key>,
    digests: Vec<String>,
    /// Each key's failures with this attempt counted.
    counts: Vec<u32>,
}

impl Reservation {
    /// Takes the reserved failure back: the keys a success clears start afresh, the others
    /// count one failure fewer.
    pub async fn succeeded(self, store: &dyn Store, now: DateTime<Utc>) -> Result<(), StoreError> {
        let cleared: Vec<bool> = self.keys.iter().map(Key::cleared_by_success).collect();
        let rule = Arc::new(move |counters: &mut [LimitCounter]| {
            for (counter, cleared) in counters.iter_mut().zip(&cleared) {
                if *cleared {
                    counter.count = 0;
                    counter.last_event = None;
                } else {
                    counter.count = counter.count.saturating_sub(1);
                }
            }
            true
        });
        store
            .update_limit_counters(&self.digests, rule, now)
            .await?;
        Ok(())
    }

    /// The failure stays counted; the lock-outs it caused.
    pub fn failed(self) -> Vec<LockOut> {
        self.keys
            .iter()
            .zip(&self.counts)
            .filter_map(|(key, count)| {
                let wait = wait_after(key.policy(), *count);
                (!wait.is_zero()).then(|| LockOut {
                    scope: scope_of(key),
                    wait,
                })
            })
            .collect()
    }
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    /// A store on a fresh SQLite file (the contract suite runs the counters on PostgreSQL too).
    async fn store() -> (Arc<dyn Store>, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        (knot_store::open(&url).await.expect("store"), dir)
    }

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

    fn later(at: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
        at + chrono::Duration::from_std(by).expect("a short duration")
    }

    async fn reserve(
        store: &dyn Store,
        who: &Attempt,
        now: DateTime<Utc>,
    ) -> Result<Reservation, Locked> {
        SignInLimiter::default()
            .reserve(store, who, now)
            .await
            .expect("the store answers")
    }

    async fn fail(store: &dyn Store, who: &Attempt, now: DateTime<Utc>) -> Vec<LockOut> {
        reserve(store, who, now).await.expect("not locked").failed()
    }

    #[tokio::test]
    async fn reservations_count_as_failures_so_only_the_allowed_number_start_at_once() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let who = attempt("a@example.org", from(1));
        let mut held = Vec::new();
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            held.push(reserve(&*store, &who, now).await.expect("within the limit"));
        }
        let refused = reserve(&*store, &who, now)
            .await
            .expect_err("the next one waits");
        assert!(refused.retry_after >= Duration::from_secs(1));
        for reservation in held {
            reservation.succeeded(&*store, now).await.expect("stored");
        }
        assert!(
            reserve(&*store, &who, now).await.is_ok(),
            "successes free the places"
        );
    }

    #[tokio::test]
    async fn a_reservation_dropped_unresolved_counts_as_a_failure() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let who = attempt("a@example.org", from(1));
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            drop(reserve(&*store, &who, now).await.expect("within the limit"));
        }
        let locked = reserve(&*store, &who, now).await.expect_err("locked");
        assert!(locked.retry_after > Duration::from_secs(50), "{locked:?}");
    }

    #[tokio::test]
    async fn two_servers_count_on_one_database() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let who = attempt("a@example.org", from(1));
        let (one, two) = (SignInLimiter::default(), SignInLimiter::default());
        for i in 0..PER_ACCOUNT_AND_CLIENT.free {
            let server = if i % 2 == 0 { &one } else { &two };
            let reservation = server.reserve(&*store, &who, now).await.expect("answers");
            reservation.expect("within the limit").failed();
        }
        for server in [&one, &two] {
            let refused = server.reserve(&*store, &who, now).await.expect("answers");
            assert!(refused.is_err(), "each server sees the other's failures");
        }
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

    #[tokio::test]
    async fn one_more_attempt_is_allowed_after_each_wait_and_its_failure_doubles_the_next() {
        let (store, _dir) = store().await;
        let start = Utc::now();
        let who = attempt("a@example.org", from(1));
        let mut locks = Vec::new();
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            locks = fail(&*store, &who, start).await;
        }
        let first = PER_ACCOUNT_AND_CLIENT.base;
        assert!(locks.contains(&LockOut {
            scope: Scope::AccountAndClient,
            wait: first
        }));
        assert!(reserve(&*store, &who, later(start, first / 2))
            .await
            .is_err());
        let then = later(start, first);
        let locks = fail(&*store, &who, then).await;
        assert!(locks.iter().any(|l| l.wait == first * 2));
        assert!(reserve(&*store, &who, later(then, first)).await.is_err());
        assert!(reserve(&*store, &who, later(then, first * 2)).await.is_ok());
    }

    #[tokio::test]
    async fn failures_are_forgotten_after_a_quiet_day() {
        let (store, _dir) = store().await;
        let start = Utc::now();
        let who = attempt("a@example.org", from(1));
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free - 1 {
            fail(&*store, &who, start).await;
        }
        let then = later(start, FORGET_AFTER / 2);
        fail(&*store, &who, then).await;
        assert!(
            reserve(&*store, &who, later(then, PER_ACCOUNT_AND_CLIENT.base / 2))
                .await
                .is_err(),
            "a failure within the day keeps the count"
        );
        assert!(reserve(&*store, &who, later(then, FORGET_AFTER))
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn a_lock_at_one_address_does_not_lock_the_account_elsewhere() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        for _ in 0..PER_ACCOUNT_AND_CLIENT.free {
            fail(&*store, &attempt("a@example.org", from(1)), now).await;
        }
        assert!(reserve(&*store, &attempt("a@example.org", from(1)), now)
            .await
            .is_err());
        assert!(reserve(&*store, &attempt("a@example.org", from(2)), now)
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn one_address_guessing_at_many_accounts_is_locked_for_every_account() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let mut locks = Vec::new();
        for i in 0..PER_CLIENT.free {
            let who = attempt(&format!("user{i}@example.org"), from(1));
            locks = fail(&*store, &who, now).await;
        }
        assert!(locks.iter().any(|l| l.scope == Scope::Client));
        assert!(
            reserve(&*store, &attempt("someone@example.org", from(1)), now)
                .await
                .is_err()
        );
        assert!(
            reserve(&*store, &attempt("someone@example.org", from(2)), now)
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn many_addresses_hit_the_account_ceiling_but_the_owners_device_gets_in() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let mut locks = Vec::new();
        for i in 0..PER_ACCOUNT.free {
            let client = Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i))));
            locks = fail(&*store, &attempt("owner@example.org", client), now).await;
        }
        assert!(locks.iter().any(|l| l.scope == Scope::Account));
        assert!(
            reserve(&*store, &attempt("owner@example.org", from(9)), now)
                .await
                .is_err()
        );
        let owner = Attempt {
            device: Some("device-1".into()),
            ..attempt("owner@example.org", from(9))
        };
        reserve(&*store, &owner, now)
            .await
            .expect("the device key is its own")
            .succeeded(&*store, now)
            .await
            .expect("stored");
    }

    #[tokio::test]
    async fn success_clears_the_account_at_that_address_but_not_the_address() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        let who = attempt("a@example.org", from(1));
        for i in 0..PER_CLIENT.free - 1 {
            fail(
                &*store,
                &attempt(&format!("u{i}@example.org"), from(1)),
                now,
            )
            .await;
        }
        reserve(&*store, &who, now)
            .await
            .expect("allowed")
            .succeeded(&*store, now)
            .await
            .expect("stored");
        fail(&*store, &who, now).await;
        assert!(
            reserve(&*store, &attempt("b@example.org", from(1)), now)
                .await
                .is_err(),
            "the address's failures stay"
        );
    }

    #[test]
    fn stored_keys_hold_no_email_or_address() {
        let key = Key::AccountAndClient("someone@example.org".into(), from(7));
        let digest = key.digest();
        assert_eq!(digest.len(), 64);
        assert!(!digest.contains("example"));
        assert_ne!(digest, Key::Account("someone@example.org".into()).digest());
    }
}
