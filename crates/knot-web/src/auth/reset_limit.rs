//! How often one may ask for a password-reset link: a few times an hour for one e-mail address
//! (so nobody's inbox is flooded) and a few more from one client address (so a script cannot
//! try many addresses). Unknown addresses count like known ones, so being refused says nothing
//! about whether an account exists. The counts live in the database like the sign-up limit's.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use knot_store::{LimitCounter, Store, StoreError};

use super::client::ClientGroup;
use super::limit::{since, Locked};
use super::tokens::token_hash;

/// How long a request counts.
pub(crate) const WINDOW: Duration = Duration::from_secs(60 * 60);
/// Requests for one e-mail address within the window.
pub(crate) const PER_EMAIL: u32 = 3;
/// Requests from one client address within the window.
pub(crate) const PER_CLIENT: u32 = 10;

/// Counts a reset request for `email` from `client`, or refuses it with the wait.
pub(crate) async fn admit(
    store: &dyn Store,
    email: &str,
    client: Option<ClientGroup>,
    now: DateTime<Utc>,
) -> Result<Result<(), Locked>, StoreError> {
    let mut keys = vec![token_hash(&format!(
        "reset/email\n{}",
        email.trim().to_lowercase()
    ))];
    let mut caps = vec![PER_EMAIL];
    if let Some(client) = client {
        keys.push(token_hash(&format!("reset/client\n{client}")));
        caps.push(PER_CLIENT);
    }
    let rule_caps = caps.clone();
    let outcome = store
        .update_limit_counters(
            &keys,
            Arc::new(move |counters| admit_in(counters, &rule_caps, now).is_ok()),
            now,
        )
        .await?;
    if outcome.applied {
        Ok(Ok(()))
    } else {
        let mut counters = outcome.counters;
        Ok(admit_in(&mut counters, &caps, now))
    }
}

/// Counts one request on every counter, or (changing nothing) says how long to wait.
fn admit_in(counters: &mut [LimitCounter], caps: &[u32], now: DateTime<Utc>) -> Result<(), Locked> {
    for counter in counters.iter_mut() {
        if counter
            .window_start
            .is_some_and(|start| since(start, now) >= WINDOW)
        {
            counter.count = 0;
            counter.window_start = None;
        }
    }
    for (counter, cap) in counters.iter().zip(caps) {
        if counter.count >= *cap {
            let opened = counter.window_start.unwrap_or(now);
            let retry_after = WINDOW
                .saturating_sub(since(opened, now))
                .max(Duration::from_secs(1));
            return Err(Locked { retry_after });
        }
    }
    for counter in counters.iter_mut() {
        counter.count += 1;
        counter.window_start.get_or_insert(now);
        counter.last_event = Some(now);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    #[tokio::test]
    async fn one_address_gets_a_few_links_an_hour_whoever_asks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        let store = knot_store::open(&url).await.expect("store");
        let now = Utc::now();
        let client = |last| {
            Some(ClientGroup::of(IpAddr::V4(Ipv4Addr::new(
                198, 51, 100, last,
            ))))
        };
        for i in 0..PER_EMAIL {
            let from = client(u8::try_from(i).unwrap_or(0));
            assert!(admit(&*store, "Sam@example.org", from, now)
                .await
                .expect("store")
                .is_ok());
        }
        let refused = admit(&*store, " sam@example.org", client(99), now)
            .await
            .expect("store")
            .expect_err("the address's limit");
        assert_eq!(refused.retry_after, WINDOW);
        assert!(admit(&*store, "other@example.org", client(99), now)
            .await
            .expect("store")
            .is_ok());
        let later = now + chrono::Duration::from_std(WINDOW).expect("an hour");
        assert!(admit(&*store, "sam@example.org", client(99), later)
            .await
            .expect("store")
            .is_ok());
    }
}
