//! Security events and signing keys every backend must keep the same way: each person sees only
//! their own account's events, newest first; a signing key is made once and then kept.

use crate::local_ctx::OwnContext;
use std::sync::Arc;

use knot_store::{NewSecurityEvent, SecurityEventKind, Store};

use crate::fixtures::at;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$secret-looking-hash";

fn event(kind: SecurityEventKind, user_id: Option<i64>, detail: &str) -> NewSecurityEvent {
    NewSecurityEvent {
        kind,
        at: at(1, 0),
        user_id,
        client: Some("2001:db8::/64".into()),
        detail: detail.into(),
    }
}

pub async fn security_events_are_listed_only_to_their_own_account(store: Arc<dyn Store>) {
    let ana = store
        .create_account("ana@example.org", "Ana", HASH)
        .await
        .unwrap();
    let bo = store
        .create_account("bo@example.org", "Bo", HASH)
        .await
        .unwrap();
    let records = [
        event(
            SecurityEventKind::SignInFailed,
            Some(ana.user_id),
            "wrong password",
        ),
        event(
            SecurityEventKind::SignInFailed,
            Some(bo.user_id),
            "wrong password",
        ),
        event(
            SecurityEventKind::LockedOut,
            Some(ana.user_id),
            "locked for 1 minute",
        ),
        event(
            SecurityEventKind::CsrfRefused,
            None,
            "sign-in form token missing",
        ),
    ];
    for record in &records {
        store.record_security_event(record).await.unwrap();
    }
    let seen = store.security_events(&ana.ctx(), 10).await.unwrap();
    let kinds: Vec<_> = seen.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            SecurityEventKind::LockedOut,
            SecurityEventKind::SignInFailed
        ],
        "Ana's own events, newest first"
    );
    assert!(seen.iter().all(|e| e.user_id == Some(ana.user_id)));
    assert_eq!(seen[0].client.as_deref(), Some("2001:db8::/64"));
    assert_eq!(store.security_events(&ana.ctx(), 1).await.unwrap().len(), 1);
    let bos = store.security_events(&bo.ctx(), 10).await.unwrap();
    assert_eq!(bos.len(), 1);
}

pub async fn a_server_key_is_made_once_then_kept(store: Arc<dyn Store>) {
    let first = store.server_key("cookies", &[1; 32]).await.unwrap();
    let again = store.server_key("cookies", &[2; 32]).await.unwrap();
    assert_eq!(first, vec![1; 32]);
    assert_eq!(
        again, first,
        "a second server gets the stored key, not its own"
    );
    let other = store.server_key("other", &[3; 32]).await.unwrap();
    assert_eq!(other, vec![3; 32]);
}
