//! Accounts, browser sessions and the personal context every backend must handle the same.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use chrono::Duration;
use knot_store::{Store, StoreError, WebSession};

use crate::fixtures::at;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$secret-looking-hash";

pub async fn personal_context_is_created_once(store: Arc<dyn Store>) {
    let first = store.personal_context().await.unwrap();
    let second = store.personal_context().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(first.role(), knot_store::Role::Person);
    assert_eq!(
        store.account_by_id(first.user_id()).await.unwrap(),
        None,
        "not a web account"
    );
}

pub async fn account_emails_are_unique_whatever_their_case(store: Arc<dyn Store>) {
    let account = store
        .create_account("Ana@Example.com", "Ana", HASH)
        .await
        .unwrap();
    assert_eq!(
        (account.email.as_str(), account.password_hash.as_str()),
        ("Ana@Example.com", HASH)
    );

    let taken = store
        .create_account("ana@example.COM", "Impostor", "other-hash")
        .await;
    match taken {
        Err(StoreError::Conflict(message)) => {
            assert!(message.contains("already registered"), "{message}");
            assert!(
                !message.contains("other-hash"),
                "no secrets in messages: {message}"
            );
        }
        other => panic!("a taken e-mail gave {other:?}"),
    }
    let found = store.account_by_email("  ANA@example.com ").await.unwrap();
    assert_eq!(found, Some(account.clone()));
    assert_eq!(
        store.account_by_id(account.user_id).await.unwrap(),
        Some(account.clone())
    );
    assert_eq!(
        store.account_by_email("bo@example.com").await.unwrap(),
        None
    );
    assert_eq!(
        store.account_by_id(account.user_id + 1000).await.unwrap(),
        None
    );

    let personal = store.personal_context().await.unwrap();
    assert_ne!(
        account.person_id,
        personal.person_id(),
        "each account is its own person"
    );
    assert_ne!(account.clinic_id, personal.clinic_id());
    let empty = store.create_account("  ", "Nobody", HASH).await;
    assert!(matches!(empty, Err(StoreError::Invalid(_))), "{empty:?}");
}

pub async fn web_sessions_expire_and_can_be_ended(store: Arc<dyn Store>) {
    let account = store
        .create_account("ana@example.com", "Ana", HASH)
        .await
        .unwrap();
    let session = WebSession {
        token_hash: "token-hash-1".into(),
        user_id: account.user_id,
        csrf_token: "csrf-1".into(),
        created_at: at(1, 0),
        expires_at: at(1, 60),
    };
    store.create_web_session(&session).await.unwrap();
    assert_eq!(
        store.web_session("token-hash-1", at(1, 30)).await.unwrap(),
        Some(session.clone())
    );
    assert_eq!(
        store.web_session("token-hash-1", at(1, 60)).await.unwrap(),
        None,
        "expired at"
    );
    assert_eq!(
        store.web_session("token-hash-1", at(2, 0)).await.unwrap(),
        None
    );
    assert_eq!(
        store.web_session("token-hash-2", at(1, 30)).await.unwrap(),
        None
    );

    let reused = store.create_web_session(&session).await;
    assert!(matches!(reused, Err(StoreError::Conflict(ref m)) if !m.contains("token-hash-1")));
    let stranger = WebSession {
        token_hash: "token-hash-3".into(),
        user_id: account.user_id + 99,
        ..session.clone()
    };
    let refused = store.create_web_session(&stranger).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::NotFound {
                record: "account",
                ..
            })
        ),
        "{refused:?}"
    );

    store.delete_web_session("token-hash-1").await.unwrap();
    assert_eq!(
        store.web_session("token-hash-1", at(1, 30)).await.unwrap(),
        None
    );
    store.delete_web_session("token-hash-1").await.unwrap();

    // A later sign-in clears sessions that have run out.
    let old = WebSession {
        token_hash: "old".into(),
        ..session.clone()
    };
    store.create_web_session(&old).await.unwrap();
    let later = WebSession {
        token_hash: "new".into(),
        created_at: at(3, 0),
        expires_at: at(3, 0) + Duration::days(30),
        ..session
    };
    store.create_web_session(&later).await.unwrap();
    assert_eq!(
        store.web_session("old", at(1, 30)).await.unwrap(),
        None,
        "cleared"
    );
    assert_eq!(
        store.web_session("new", at(4, 0)).await.unwrap(),
        Some(later)
    );
}

pub async fn a_login_is_given_once_per_address_and_ends_other_sessions(store: Arc<dyn Store>) {
    use crate::local_ctx::OwnContext;
    use knot_store::NewLogin;
    let local = store.personal_context().await.unwrap();
    let login = |email: Option<&str>, hash: &str| NewLogin {
        email: email.map(str::to_owned),
        display_name: None,
        password_hash: hash.to_owned(),
    };
    let without_address = store.set_login(&local, &login(None, HASH), None).await;
    assert!(matches!(without_address, Err(StoreError::Invalid(_))));
    let other = store
        .create_account("taken@example.com", "Other", HASH)
        .await
        .unwrap();
    let taken = store
        .set_login(&local, &login(Some("Taken@Example.com"), HASH), None)
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    assert_eq!(store.account_by_id(local.user_id()).await.unwrap(), None);

    store
        .set_login(&local, &login(Some("me@example.com"), HASH), None)
        .await
        .unwrap();
    let mine = store
        .account_by_email("ME@example.com")
        .await
        .unwrap()
        .expect("the local person now signs in");
    assert_eq!(mine.user_id, local.user_id());
    assert_eq!(
        mine.person_id,
        local.person_id(),
        "the same person, the same records"
    );

    let session = |token: &str| WebSession {
        token_hash: token.into(),
        user_id: other.user_id,
        csrf_token: format!("csrf-{token}"),
        created_at: at(1, 0),
        expires_at: at(1, 600),
    };
    for token in ["here", "phone", "laptop"] {
        store.create_web_session(&session(token)).await.unwrap();
    }
    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$another-hash";
    store
        .set_login(&other.ctx(), &login(None, new_hash), Some("here"))
        .await
        .unwrap();
    assert!(store.web_session("here", at(1, 1)).await.unwrap().is_some());
    for ended in ["phone", "laptop"] {
        assert_eq!(store.web_session(ended, at(1, 1)).await.unwrap(), None);
    }
    let changed = store.account_by_id(other.user_id).await.unwrap().unwrap();
    assert_eq!(changed.password_hash, new_hash);
    assert_eq!(changed.email, "taken@example.com", "the address is kept");
    let audit = store.audit_log(&other.ctx(), 10).await.unwrap();
    assert!(
        audit.iter().any(|row| row.action == "change-login"),
        "{audit:?}"
    );
}
