//! Changing a password and resetting a forgotten one, through the router on a real store, with
//! a local SMTP sink standing in for the mail relay: the link comes by e-mail to the address
//! only, works once, sets the password and ends every session; an unknown address gets the same
//! answer and no mail; without a relay the page says whom to ask. Changing a password needs
//! the current one and ends every other session but this one.

mod signed_in;
mod smtp_sink;
mod support;

use std::time::Duration;

use axum::http::Method;
use signed_in::{
    app, form, hidden, json, location, page, post, session_from, set_cookie, sign_in, sign_up, App,
    PASSWORD,
};
use smtp_sink::{reset_link, Sink};
use support::{get, Reply};

const NEW_PASSWORD: &str = "purple staple orbit lantern";

/// The app with the sink as its SMTP relay.
async fn app_with_mail(sink: &Sink) -> App {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let mailer = knot_web::Mailer::new(&sink.url, knot_web::DEFAULT_MAIL_FROM).expect("mailer");
    let state = knot_web::AppState::new(store.clone())
        .expect("reference data loads")
        .with_mailer(mailer);
    App {
        router: knot_web::router(state),
        store,
        _db: db,
    }
}

/// Posts a form that works before sign-in, with a fresh form token from `page_uri`.
async fn open_form(app: &App, page_uri: &str, action: &str, pairs: &[(&str, &str)]) -> Reply {
    let blank = get(&app.router, page_uri).await;
    let cookie = set_cookie(&blank, "knot_form").expect("the form cookie");
    let token = hidden(&blank.body, "form_token");
    let mut with_token = vec![("form_token", token.as_str())];
    with_token.extend_from_slice(pairs);
    form(app, action, &cookie, &with_token).await
}

async fn ask_for_link(app: &App, email: &str) -> Reply {
    open_form(
        app,
        "/account/forgot",
        "/account/forgot",
        &[("email", email)],
    )
    .await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_mail_once() {
    let sink = Sink::start().await;
    let app = app_with_mail(&sink).await;
    let first = sign_up(&app, "sam@example.org").await;
    let second = session_from(&sign_in(&app, "sam@example.org", PASSWORD).await);

    let blank = get(&app.router, "/account/forgot").await;
    assert_eq!(blank.status, 200);
    assert!(blank.body.contains(">E-mail</label>"), "{}", blank.body);

    let unknown = ask_for_link(&app, "nobody@example.org").await;
    assert_eq!(unknown.status, 303, "{}", unknown.body);
    let known = ask_for_link(&app, "sam@example.org").await;
    assert_eq!(known.status, 303, "{}", known.body);
    assert_eq!(
        location(&unknown),
        location(&known),
        "the same answer whether or not an account has the address"
    );
    let answer = get(&app.router, &location(&known)).await;
    assert!(answer
        .body
        .contains("If an account has this address, a link is on its way"));

    let mails = sink.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.mails().len(), 1, "no mail for the unknown address");
    assert_eq!(mails[0].to, ["sam@example.org"]);
    assert!(mails[0].data.contains("Subject: Reset your Knot password"));
    let link = reset_link(&mails[0]);
    let path = link
        .strip_prefix("http://localhost")
        .unwrap_or_else(|| panic!("a link to this server: {link}"))
        .to_string();
    let token = path.rsplit('=').next().unwrap_or_default().to_string();

    let reset_page = get(&app.router, &path).await;
    assert_eq!(reset_page.status, 200, "{}", reset_page.body);
    assert!(reset_page.body.contains(">New password again</label>"));

    let differ = open_form(
        &app,
        &path,
        "/account/reset",
        &[
            ("token", &token),
            ("new_password", NEW_PASSWORD),
            ("new_password_again", "something else entirely"),
        ],
    )
    .await;
    assert_eq!(differ.status, 422);
    let common = open_form(
        &app,
        &path,
        "/account/reset",
        &[
            ("token", &token),
            ("new_password", "password123"),
            ("new_password_again", "password123"),
        ],
    )
    .await;
    assert_eq!(common.status, 422, "{}", common.body);
    assert!(common.body.contains("common"), "{}", common.body);

    let done = open_form(
        &app,
        &path,
        "/account/reset",
        &[
            ("token", &token),
            ("new_password", NEW_PASSWORD),
            ("new_password_again", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(location(&done), "/account/reset?done=1");
    let told = get(&app.router, "/account/reset?done=1").await;
    assert!(told.body.contains("Password set"));

    assert_eq!(sign_in(&app, "sam@example.org", PASSWORD).await.status, 401);
    assert_eq!(
        sign_in(&app, "sam@example.org", NEW_PASSWORD).await.status,
        200
    );
    for old in [&first, &second] {
        let ended = page(&app, "/account", old).await;
        assert_eq!(ended.status, 303, "every session ended");
    }

    let again = get(&app.router, &path).await;
    assert_eq!(again.status, 410);
    assert!(again.body.contains("does not work"));
    assert!(again.body.contains("href=\"/account/forgot\""));
    let reused = open_form(
        &app,
        "/account/forgot",
        "/account/reset",
        &[
            ("token", &token),
            ("new_password", "another fine passphrase"),
            ("new_password_again", "another fine passphrase"),
        ],
    )
    .await;
    assert_eq!(reused.status, 410, "the link works once");
    assert_eq!(
        sign_in(&app, "sam@example.org", NEW_PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn asking_again_and_again_is_limited_per_address() {
    let sink = Sink::start().await;
    let app = app_with_mail(&sink).await;
    for _ in 0..3 {
        assert_eq!(ask_for_link(&app, "flood@example.org").await.status, 303);
    }
    let refused = ask_for_link(&app, "FLOOD@example.org").await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert!(!refused.header("retry-after").is_empty());
    assert_eq!(ask_for_link(&app, "other@example.org").await.status, 303);
    let blank = ask_for_link(&app, "").await;
    assert_eq!(blank.status, 422);
}

#[tokio::test]
async fn without_a_relay_the_page_says_whom_to_ask() {
    let app = app().await;
    let blank = get(&app.router, "/account/forgot").await;
    assert_eq!(blank.status, 200);
    assert!(blank.body.contains("cannot send e-mail"), "{}", blank.body);
    assert!(blank.body.contains("knot account reset"));
    assert!(!blank.body.contains("form_token"), "no form to fill in");
    let posted = form(&app, "/account/forgot", "", &[("email", "sam@example.org")]).await;
    assert_eq!(posted.status, 303);
    assert_eq!(location(&posted), "/account/forgot");
    let unknown = get(&app.router, "/account/reset?token=nonsense").await;
    assert_eq!(unknown.status, 410);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = app().await;
    let this = sign_up(&app, "kim@example.org").await;
    let other = session_from(&sign_in(&app, "kim@example.org", PASSWORD).await);

    let blank = page(&app, "/account/password", &this).await;
    assert_eq!(blank.status, 200);
    for label in ["Current password", "New password", "New password again"] {
        assert!(blank.body.contains(&format!(">{label}</label>")), "{label}");
    }

    let wrong = post(
        &app,
        "/account/password",
        &this,
        &[
            ("current_password", "not my password at all"),
            ("new_password", NEW_PASSWORD),
            ("new_password_again", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains("current_password-error"),
        "{}",
        wrong.body
    );
    let differ = post(
        &app,
        "/account/password",
        &this,
        &[
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("new_password_again", "a different passphrase"),
        ],
    )
    .await;
    assert_eq!(differ.status, 422);
    assert_eq!(sign_in(&app, "kim@example.org", PASSWORD).await.status, 200);
    let other = {
        // The sign-in above was one more session; the first `other` still stands.
        assert_eq!(page(&app, "/account", &other).await.status, 200);
        other
    };

    let changed = post(
        &app,
        "/account/password",
        &this,
        &[
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("new_password_again", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let shown = page(&app, &location(&changed), &this).await;
    assert_eq!(shown.status, 200, "this session stays signed in");
    assert!(shown
        .body
        .contains("Password changed; you were signed out everywhere else."));
    assert_eq!(page(&app, "/account", &other).await.status, 303);
    assert_eq!(sign_in(&app, "kim@example.org", PASSWORD).await.status, 401);

    // The API: the current password again, 204, and the other sessions end.
    let api = session_from(&sign_in(&app, "kim@example.org", NEW_PASSWORD).await);
    let body = |current: &str, new: &str| {
        serde_json::json!({"current_password": current, "new_password": new}).to_string()
    };
    let refused = json(
        &app,
        Method::POST,
        "/api/v1/account/password",
        Some(&api),
        Some(&body("wrong wrong wrong", "third good passphrase")),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("current_password"));
    let ok = json(
        &app,
        Method::POST,
        "/api/v1/account/password",
        Some(&api),
        Some(&body(NEW_PASSWORD, "third good passphrase")),
    )
    .await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(page(&app, "/account", &this).await.status, 303);
    let me = json(&app, Method::GET, "/api/v1/account/me", Some(&api), None).await;
    assert_eq!(me.status, 200, "the API session stays");
}
