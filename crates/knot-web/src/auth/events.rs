//! Writing security events: failed sign-ins, lock-outs, limited sign-ups and refused CSRF
//! tokens. An event names the account only when it exists, the client only as the limits
//! group it, and never a password, a token or an unknown account's e-mail. Failing to record
//! one does not fail the request it is about; the failure goes to the server's log.

use std::time::Duration;

use chrono::Utc;
use knot_store::{NewSecurityEvent, SecurityEventKind, Store, UserId};

use super::client::ClientGroup;
use super::limit::{LockOut, Scope};

/// Records one event.
pub(crate) async fn record(
    store: &dyn Store,
    kind: SecurityEventKind,
    user_id: Option<UserId>,
    client: Option<ClientGroup>,
    detail: impl Into<String>,
) {
    let event = NewSecurityEvent {
        kind,
        at: Utc::now(),
        user_id,
        client: client.map(|c| c.to_string()),
        detail: detail.into(),
    };
    if let Err(error) = store.record_security_event(&event).await {
        eprintln!(
            "knot-web: could not record a {} security event: {error}",
            kind.as_str()
        );
    }
}

/// Records a sign-in or sign-up form refused for its form token (no account is known yet).
pub(crate) async fn record_refused_form(
    state: &crate::AppState,
    address: Option<std::net::IpAddr>,
    form: &str,
) {
    record(
        &*state.store,
        SecurityEventKind::CsrfRefused,
        None,
        address.map(ClientGroup::of),
        format!("a {form} form was refused: its form token was missing, wrong or expired"),
    )
    .await;
}

/// Records the lock-outs one failure caused.
pub(crate) async fn record_lock_outs(
    store: &dyn Store,
    lock_outs: &[LockOut],
    user_id: Option<UserId>,
    client: Option<ClientGroup>,
) {
    for lock_out in lock_outs {
        record(
            store,
            SecurityEventKind::LockedOut,
            user_id,
            client,
            lock_out_detail(lock_out),
        )
        .await;
    }
}

/// What a lock-out means, in a sentence.
pub(crate) fn lock_out_detail(lock_out: &LockOut) -> String {
    let wait = wait_text(lock_out.wait);
    match lock_out.scope {
        Scope::AccountAndClient => {
            format!("too many failed sign-ins from one address: it waits {wait}")
        }
        Scope::Client => {
            format!(
                "too many failed sign-ins to several accounts from one address: it waits {wait}"
            )
        }
        Scope::Account => format!(
            "too many failed sign-ins from many addresses: browsers that have not signed in \
             here before wait {wait}"
        ),
        Scope::Device => format!("too many failed sign-ins from a known browser: it waits {wait}"),
    }
}

/// "1 minute", "4 minutes", "1 hour".
pub(crate) fn wait_text(wait: Duration) -> String {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    match minutes {
        1 => "1 minute".to_string(),
        60 => "1 hour".to_string(),
        n => format!("{n} minutes"),
    }
}
