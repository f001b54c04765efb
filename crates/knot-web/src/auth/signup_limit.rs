//! Sign-up rate limiting: at most a few registrations an hour from one client address (an IPv6
//! /64 counts as one; without connection info there is no address to count) and a ceiling on
//! all of them together, so a script can neither fill the database with accounts nor test
//! e-mail addresses quickly. A sign-up is counted when it is let through to the password hash,
//! whether or not the account is then created.
//!
//! The counts live in the database ([`knot_store::limits`]), shared by every app server. Each
//! limit counts in a window that opens at the first sign-up it counts and lasts [`WINDOW`]; so
//! across the edge of two windows at most twice a limit can pass within one hour.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use knot_store::{LimitCounter, Store, StoreError};

use super::client::ClientGroup;
use super::limit::{since, Locked};
use super::tokens::token_hash;

/// How long a sign-up counts.
pub(crate) const WINDOW: Duration = Duration::from_secs(60 * 60);
/// Sign-ups from one address within the window.
pub(crate) const PER_CLIENT: u32 = 5;
/// Sign-ups from everywhere within the window.
pub(crate) const GLOBAL: u32 = 300;

/// Which limit refused a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignUpLimit {
    Client,
    Global,
}

/// What admitting one more sign-up would do to these counters (global first, then the
/// client's, if any): the limit it fills, or the limit that refuses it and for how long.
type Verdict = Result<Option<SignUpLimit>, (Locked, SignUpLimit)>;

/// Recent sign-ups, by address and in all, counted in the database.
#[derive(Debug, Default)]
pub(crate) struct SignUpLimiter;

impl SignUpLimiter {
    /// Counts a sign-up from `client` (returning the limit it just filled, if any), or refuses
    /// it with the wait and the limit that refused.
    pub async fn admit(
        &self,
        store: &dyn Store,
        client: Option<ClientGroup>,
        now: DateTime<Utc>,
    ) -> Result<Verdict, StoreError> {
        let mut keys = vec![token_hash("sign-up/all")];
        if let Some(client) = client {
            keys.push(token_hash(&format!("sign-up/client\n{client}")));
        }
        let outcome = store
            .update_limit_counters(
                &keys,
                Arc::new(move |counters| admit_in(counters, now).is_ok()),
                now,
            )
            .await?;
        let mut counters = outcome.counters;
        if outcome.applied {
            Ok(Ok(filled(&counters)))
        } else {
            Ok(admit_in(&mut counters, now))
        }
    }
}

/// Counts a sign-up on every counter, or (changing nothing) says which limit refuses it.
fn admit_in(counters: &mut [LimitCounter], now: DateTime<Utc>) -> Verdict {
    for counter in counters.iter_mut() {
        if counter
            .window_start
            .is_some_and(|start| since(start, now) >= WINDOW)
        {
            counter.count = 0;
            counter.window_start = None;
        }
    }
    let limits = [
        (GLOBAL, SignUpLimit::Global),
        (PER_CLIENT, SignUpLimit::Client),
    ];
    for (counter, (limit, which)) in counters.iter().zip(limits) {
        if counter.count >= limit {
            let opened = counter.window_start.unwrap_or(now);
            let retry_after = WINDOW
                .saturating_sub(since(opened, now))
                .max(Duration::from_secs(1));
            return Err((Locked { retry_after }, which));
        }
    }
    for counter in counters.iter_mut() {
        counter.count += 1;
        counter.window_start.get_or_insert(now);
        counter.last_event = Some(now);
    }
    Ok(filled(counters))
}

/// The limit the sign-up just counted filled, if any.
fn filled(counters: &[LimitCounter]) -> Option<SignUpLimit> {
    let limits = [
        (GLOBAL, SignUpLimit::Global),
        (PER_CLIENT, SignUpLimit::Client),
    ];
    counters
        .iter()
        .zip(limits)
        .find(|(counter, (limit, _))| counter.count == *limit)
        .map(|(_, (_, which))| which)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    async fn store() -> (Arc<dyn Store>, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        (knot_store::open(&url).await.expect("store"), dir)
    }

    fn v4(last: u8) -> Option<ClientGroup> {
        Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::new(
            198, 51, 100, last,
        ))))
    }

    async fn admit(store: &dyn Store, client: Option<ClientGroup>, now: DateTime<Utc>) -> Verdict {
        SignUpLimiter
            .admit(store, client, now)
            .await
            .expect("the store answers")
    }

    #[tokio::test]
    async fn one_address_gets_a_few_sign_ups_an_hour() {
        let (store, _dir) = store().await;
        let start = Utc::now();
        for i in 1..=PER_CLIENT {
            let filled = admit(&*store, v4(1), start).await.expect("admitted");
            assert_eq!(filled, (i == PER_CLIENT).then_some(SignUpLimit::Client));
        }
        let (locked, limit) = admit(&*store, v4(1), start).await.expect_err("refused");
        assert_eq!(limit, SignUpLimit::Client);
        assert_eq!(locked.retry_after, WINDOW);
        assert!(
            admit(&*store, v4(2), start).await.is_ok(),
            "another address is not refused"
        );
        let hour_on = start + chrono::Duration::from_std(WINDOW).expect("an hour");
        assert!(
            admit(&*store, v4(1), hour_on).await.is_ok(),
            "the window passes"
        );
    }

    #[tokio::test]
    async fn an_ipv6_client_cannot_step_round_the_limit_within_its_64() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        for i in 0..=PER_CLIENT {
            let ip = Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, u16::try_from(i).unwrap_or(0));
            let result = admit(&*store, Some(ClientGroup::of(IpAddr::V6(ip))), now).await;
            assert_eq!(result.is_ok(), i < PER_CLIENT, "sign-up {i}");
        }
    }

    #[tokio::test]
    async fn all_sign_ups_together_have_a_ceiling() {
        let (store, _dir) = store().await;
        let now = Utc::now();
        for i in 0..GLOBAL {
            let ip = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i));
            assert!(admit(&*store, Some(ClientGroup::of(ip)), now).await.is_ok());
        }
        let (_, limit) = admit(&*store, v4(9), now).await.expect_err("ceiling");
        assert_eq!(limit, SignUpLimit::Global);
    }
}
