//! Accounts: signing up, in and out through the forms and the API, wrong passwords, the sign-in
//! rate limit, the session cookie's flags, CSRF, and what happens without a session.

mod signed_in;
mod support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use signed_in::{
    app, form, hidden, json, location, page, post, set_cookie, set_cookie_line, sign_in, sign_up,
    PASSWORD,
};
use support::{get, send};

#[tokio::test]
async fn signing_up_through_the_form_signs_in_and_starts_at_the_screening() {
    let app = app().await;
    let blank = get(&app.router, "/signup").await;
    assert_eq!(blank.status, StatusCode::OK);
    let form_cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    let reply = form(
        &app,
        "/signup",
        &form_cookie,
        &[
            ("form_token", &token),
            ("email", "Ana@Example.org"),
            ("display_name", "Ana"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(location(&reply), "/screen");
    let cookie = set_cookie(&reply, "knot_session").expect("session cookie");
    let diary = send(
        &app.router,
        Request::get("/diary")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(diary.status, StatusCode::OK);
    assert!(
        diary.body.contains("class=\"account-name\">Ana<"),
        "the nav names who is signed in"
    );
    assert!(diary.body.contains("Sign out"));
}

#[tokio::test]
async fn the_password_is_stored_only_as_an_argon2id_hash() {
    let app = app().await;
    sign_up(&app, "hash@example.org").await;
    let account = app
        .store
        .account_by_email("hash@example.org")
        .await
        .expect("store")
        .expect("account");
    assert!(
        account.password_hash.starts_with("$argon2id$"),
        "{}",
        account.password_hash
    );
    assert!(!account.password_hash.contains(PASSWORD));
}

#[tokio::test]
async fn sign_in_starts_a_session_and_sign_out_ends_it() {
    let app = app().await;
    sign_up(&app, "sam@example.org").await;
    let reply = sign_in(&app, "SAM@example.org ", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let session = signed_in::session_from(&reply);
    let me = json(
        &app,
        Method::GET,
        "/api/v1/account/me",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["account"]["email"], "sam@example.org");
    assert_eq!(me.json()["csrf_token"], session.csrf.as_str());
    assert!(me.json()["account"].get("password_hash").is_none());

    let out = json(
        &app,
        Method::POST,
        "/api/v1/account/signout",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(set_cookie_line(&out, "knot_session").contains("Max-Age=0"));
    let after = json(
        &app,
        Method::GET,
        "/api/v1/account/me",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(
        after.status,
        StatusCode::UNAUTHORIZED,
        "the old cookie no longer works"
    );
}

#[tokio::test]
async fn signing_out_through_the_page_needs_the_csrf_token() {
    let app = app().await;
    let session = sign_up(&app, "out@example.org").await;
    let forged = form(&app, "/signout", &session.cookie, &[("csrf", "0000")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let still = page(&app, "/diary", &session).await;
    assert_eq!(
        still.status,
        StatusCode::OK,
        "a forged sign-out changes nothing"
    );
    let out = post(&app, "/signout", &session, &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let gone = page(&app, "/diary", &session).await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_saying_which_part_was_wrong() {
    let app = app().await;
    sign_up(&app, "wrong@example.org").await;
    let wrong = sign_in(&app, "wrong@example.org", "not the password").await;
    let unknown = sign_in(&app, "nobody@example.org", PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error(), unknown.error(), "the same words for both");
    assert!(set_cookie(&wrong, "knot_session").is_none());
    assert!(
        wrong.error().contains("e-mail or the password"),
        "{}",
        wrong.error()
    );
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_account_with_retry_after() {
    let app = app().await;
    sign_up(&app, "locked@example.org").await;
    for attempt in 0..5 {
        let reply = sign_in(&app, "locked@example.org", "guess number x").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let locked = sign_in(&app, "locked@example.org", PASSWORD).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let wait: u64 = locked
        .header("retry-after")
        .parse()
        .expect("Retry-After seconds");
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    assert!(locked.error().contains("wait"), "{}", locked.error());
    let other = sign_up(&app, "other@example.org").await;
    assert!(!other.cookie.is_empty(), "another account is not locked");
}

#[tokio::test]
async fn the_sign_in_form_shows_the_lock_with_retry_after() {
    let app = app().await;
    sign_up(&app, "form-lock@example.org").await;
    let blank = get(&app.router, "/signin").await;
    let mut cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let mut token = hidden(&blank.body, "form_token");
    let mut last = blank;
    for _ in 0..6 {
        last = form(
            &app,
            "/signin",
            &cookie,
            &[
                ("form_token", &token),
                ("email", "form-lock@example.org"),
                ("password", "nope nope nope"),
            ],
        )
        .await;
        cookie = set_cookie(&last, "knot_form").expect("a fresh form cookie");
        token = hidden(&last.body, "form_token");
    }
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!last.header("retry-after").is_empty());
    assert!(
        last.body.contains("Too many failed sign-ins"),
        "the page says why"
    );
}

#[tokio::test]
async fn signing_up_refuses_short_passwords_odd_addresses_and_taken_emails_without_saying_taken() {
    let app = app().await;
    let short =
        serde_json::json!({"email": "x@example.org", "display_name": "X", "password": "short"});
    let reply = json(
        &app,
        Method::POST,
        "/api/v1/account/signup",
        None,
        Some(&short.to_string()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .error()
            .contains("password: Use at least 10 characters"),
        "{}",
        reply.error()
    );
    let odd =
        serde_json::json!({"email": "not an address", "display_name": "X", "password": PASSWORD});
    let reply = json(
        &app,
        Method::POST,
        "/api/v1/account/signup",
        None,
        Some(&odd.to_string()),
    )
    .await;
    assert!(reply.error().contains("email:"), "{}", reply.error());

    sign_up(&app, "taken@example.org").await;
    let again = serde_json::json!({"email": "TAKEN@example.org", "display_name": "Y", "password": PASSWORD});
    let reply = json(
        &app,
        Method::POST,
        "/api/v1/account/signup",
        None,
        Some(&again.to_string()),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a taken e-mail gets a refusal, not a conflict that confirms the account"
    );
    assert!(reply.error().contains("sign in"), "{}", reply.error());
    assert!(
        !reply.error().contains("exists") && !reply.error().contains("taken"),
        "{}",
        reply.error()
    );
}

#[tokio::test]
async fn the_sign_up_form_shows_each_problem_beside_its_field() {
    let app = app().await;
    let blank = get(&app.router, "/signup").await;
    let cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    let reply = form(
        &app,
        "/signup",
        &cookie,
        &[
            ("form_token", &token),
            ("email", "ana@example.org"),
            ("display_name", "Ana"),
            ("password", "tiny"),
            ("confirm", "other"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("id=\"password-error\""),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("id=\"confirm-error\""));
    assert!(
        reply.body.contains("value=\"ana@example.org\""),
        "the e-mail is kept"
    );
    assert!(!reply.body.contains("tiny"), "a password is never echoed");
}

#[tokio::test]
async fn a_sign_in_form_without_its_form_token_is_refused() {
    let app = app().await;
    sign_up(&app, "csrf-login@example.org").await;
    let reply = form(
        &app,
        "/signin",
        "knot_form=aaaa",
        &[
            ("form_token", "bbbb"),
            ("email", "csrf-login@example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&reply, "knot_session").is_none());
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_secure_behind_https() {
    let app = app().await;
    sign_up(&app, "cookie@example.org").await;
    let body = serde_json::json!({"email": "cookie@example.org", "password": PASSWORD}).to_string();
    let plain = json(
        &app,
        Method::POST,
        "/api/v1/account/signin",
        None,
        Some(&body),
    )
    .await;
    let line = set_cookie_line(&plain, "knot_session");
    assert!(
        line.contains("HttpOnly") && line.contains("SameSite=Lax") && line.contains("Max-Age="),
        "{line}"
    );
    assert!(
        !line.contains("Secure"),
        "plain http on a LAN cannot use Secure cookies: {line}"
    );
    let request = Request::post("/api/v1/account/signin")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-proto", "https")
        .body(Body::from(body))
        .expect("request");
    let proxied = send(&app.router, request).await;
    assert!(set_cookie_line(&proxied, "knot_session").ends_with("; Secure"));
}

#[tokio::test]
async fn without_a_session_pages_go_to_sign_in_and_the_api_answers_401() {
    let app = app().await;
    for path in ["/diary", "/screen", "/progress", "/treat"] {
        let reply = get(&app.router, path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&reply), format!("/signin?next=%2F{}", &path[1..]));
    }
    let reply = send(
        &app.router,
        Request::get("/api/v1/diary")
            .header(header::COOKIE, "knot_session=forged")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.error().contains("sign in"), "{}", reply.error());
    for path in ["/", "/atlas", "/api/v1/atlas"] {
        let reply = get(&app.router, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path} stays public");
    }
}

#[tokio::test]
async fn an_api_change_without_the_csrf_header_is_forbidden_and_stores_nothing() {
    let app = app().await;
    let session = sign_up(&app, "csrf@example.org").await;
    let request = Request::post("/api/v1/diary")
        .header(header::COOKIE, &session.cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"measure": {"kind": "pain", "score": 5}}"#))
        .expect("request");
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.error().contains("X-CSRF-Token"), "{}", reply.error());
    let list = json(&app, Method::GET, "/api/v1/diary", Some(&session), None).await;
    assert_eq!(list.json()["entries"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_diary_form_without_the_csrf_token_is_forbidden_and_stores_nothing() {
    let app = app().await;
    let session = sign_up(&app, "form-csrf@example.org").await;
    let reply = form(
        &app,
        "/diary",
        &session.cookie,
        &[("kind", "pain"), ("score", "5")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(
        reply.body.contains("reload the page"),
        "an HTML page that says what to do"
    );
    let list = json(&app, Method::GET, "/api/v1/diary", Some(&session), None).await;
    assert_eq!(list.json()["entries"].as_array().map(Vec::len), Some(0));
}
