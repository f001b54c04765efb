//! "Delete my account" through the router: the page refuses without the confirmation and with a
//! wrong password (422, the message beside the field), then erases; the session ends, the
//! address registers afresh, and on SQLite the database file and its log no longer hold the
//! text of a diary note (a deleted entry's included). The JSON API does the same with 204.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};

use signed_in::{app, json, page, post, set_cookie_line, sign_up, App, Session, PASSWORD};

const NOTE: &str = "quokka-under-the-left-shoulder-blade";
const DELETED_NOTE: &str = "wombat-deleted-entry-text";
/// The other account's notes, which stay.
const KEPT: [&str; 2] = ["kept-platypus-note", "kept-echidna-deleted-note"];

/// Logs a noted pain entry, and another that is then deleted.
async fn log_notes(app: &App, session: &Session, notes: [&str; 2]) {
    for (n, note) in notes.into_iter().enumerate() {
        let body = serde_json::json!({"measure": {"kind": "pain", "score": 4}, "note": note});
        let reply = json(
            app,
            Method::POST,
            "/api/v1/diary",
            Some(session),
            Some(&body.to_string()),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        if n == 1 {
            let id = reply.json()["id"].as_i64().expect("id");
            let gone = json(
                app,
                Method::DELETE,
                &format!("/api/v1/diary/{id}"),
                Some(session),
                None,
            )
            .await;
            assert!(gone.status.is_success(), "{}", gone.body);
        }
    }
}

/// Whether the database file or its write-ahead log holds `text` (SQLite only; `None` on
/// PostgreSQL, whose files are the server's).
fn file_holds(app: &App, text: &str) -> Option<bool> {
    let path = app._db.url().strip_prefix("sqlite:")?;
    let mut bytes = std::fs::read(path).expect("the database file");
    bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    Some(bytes.windows(text.len()).any(|w| w == text.as_bytes()))
}

#[tokio::test]
async fn the_page_asks_then_erases_every_record_and_the_file_keeps_no_note() {
    let app = app().await;
    let session = sign_up(&app, "del@example.org").await;
    log_notes(&app, &session, [NOTE, DELETED_NOTE]).await;
    let other = sign_up(&app, "stays@example.org").await;
    log_notes(&app, &other, KEPT).await;

    let form = page(&app, "/account/delete", &session).await;
    assert_eq!(form.status, StatusCode::OK);
    for words in [
        "Delete your account",
        "Your password",
        "I understand this erases my diary, sessions and plans for good",
        "Delete my account",
    ] {
        assert!(form.body.contains(words), "the page says {words:?}");
    }

    let unconfirmed = post(&app, "/account/delete", &session, &[("password", PASSWORD)]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.body.contains("confirm-error"),
        "{}",
        unconfirmed.body
    );
    let wrong = post(
        &app,
        "/account/delete",
        &session,
        &[("password", "not my password"), ("confirm", "on")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("password-error"), "{}", wrong.body);
    // Counted as a failed sign-in: it shows among the account's security events.
    let events = json(
        &app,
        Method::GET,
        "/api/v1/account/security-events",
        Some(&session),
        None,
    )
    .await;
    assert!(events.body.contains("sign_in_failed") || events.body.contains("wrong password"));
    if let Some(held) = file_holds(&app, NOTE) {
        assert!(
            held,
            "the note is in the file before the erase (the search works)"
        );
    }

    let done = post(
        &app,
        "/account/delete",
        &session,
        &[("password", PASSWORD), ("confirm", "on")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/account/deleted");
    assert!(set_cookie_line(&done, "knot_session").contains("Max-Age=0"));
    let goodbye = support::get(&app.router, "/account/deleted").await;
    assert_eq!(goodbye.status, StatusCode::OK);

    let me = json(
        &app,
        Method::GET,
        "/api/v1/account/me",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(
        me.status,
        StatusCode::UNAUTHORIZED,
        "the old cookie is dead"
    );
    if let Some(held) = file_holds(&app, NOTE) {
        assert!(!held, "the erased note is still in the database file");
        assert_eq!(
            file_holds(&app, DELETED_NOTE),
            Some(false),
            "and the deleted one's"
        );
        assert_eq!(file_holds(&app, KEPT[1]), Some(true), "the other's stay");
    }
    let kept = json(&app, Method::GET, "/api/v1/diary", Some(&other), None).await;
    assert_eq!(kept.status, StatusCode::OK);
    assert!(
        kept.body.contains(KEPT[0]),
        "another account's diary is untouched"
    );

    let again = sign_up(&app, "DEL@example.org").await;
    let fresh = json(&app, Method::GET, "/api/v1/diary", Some(&again), None).await;
    assert_eq!(
        fresh.json()["entries"].as_array().map(Vec::len),
        Some(0),
        "{}",
        fresh.body
    );
    let report = app.store.verify_audit_chain(None).await.expect("verify");
    assert!(report.is_whole(), "{report:?}");
}

#[tokio::test]
async fn the_api_deletes_with_the_password_and_confirm_true() {
    let app = app().await;
    let session = sign_up(&app, "api-del@example.org").await;
    log_notes(&app, &session, [NOTE, DELETED_NOTE]).await;
    let call = |body: serde_json::Value, with_csrf: bool| {
        let session = if with_csrf {
            session.clone()
        } else {
            Session {
                csrf: String::new(),
                ..session.clone()
            }
        };
        let app = &app;
        async move {
            json(
                app,
                Method::POST,
                "/api/v1/account/delete",
                Some(&session),
                Some(&body.to_string()),
            )
            .await
        }
    };
    let no_csrf = call(
        serde_json::json!({"password": PASSWORD, "confirm": true}),
        false,
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let unconfirmed = call(serde_json::json!({"password": PASSWORD}), true).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = call(
        serde_json::json!({"password": "nope nope nope", "confirm": true}),
        true,
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert!(
        !wrong.body.contains("nope nope"),
        "no secret in the message"
    );

    let done = call(
        serde_json::json!({"password": PASSWORD, "confirm": true}),
        true,
    )
    .await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    let me = json(
        &app,
        Method::GET,
        "/api/v1/account/me",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let signin = signed_in::sign_in(&app, "api-del@example.org", PASSWORD).await;
    assert_eq!(signin.status, StatusCode::UNAUTHORIZED, "{}", signin.body);
    assert!(!file_holds(&app, NOTE).unwrap_or(false));
    assert!(!file_holds(&app, DELETED_NOTE).unwrap_or(false));
}
