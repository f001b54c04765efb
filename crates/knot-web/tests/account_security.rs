//! The protections around signing in and up, through the router: device cookies let the owner
//! in past others' lock-outs, a trusted proxy's X-Forwarded-For names the client, sign-ups are
//! limited per address and do not confirm a taken e-mail, common passwords are refused, the
//! sign-in form's token is signed, and what happened shows as the account's security events.

mod signed_in;
mod support;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};

use signed_in::{app_behind, form, hidden, set_cookie, App, Session, PASSWORD};
use support::{get, send, Reply};

fn v4(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(203, 0, 113, last))
}

/// A JSON post from `peer`, with extra headers.
async fn post_from(
    app: &App,
    uri: &str,
    body: serde_json::Value,
    peer: IpAddr,
    headers: &[(&str, &str)],
) -> Reply {
    let mut builder = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let mut request = builder.body(Body::from(body.to_string())).expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(peer, 50_000)));
    send(&app.router, request).await
}

async fn sign_up_from(app: &App, email: &str, password: &str, peer: IpAddr) -> Reply {
    let body = serde_json::json!({"email": email, "display_name": "Sam", "password": password});
    post_from(app, "/api/v1/account/signup", body, peer, &[]).await
}

async fn sign_in_from(
    app: &App,
    email: &str,
    password: &str,
    peer: IpAddr,
    headers: &[(&str, &str)],
) -> Reply {
    let body = serde_json::json!({"email": email, "password": password});
    post_from(app, "/api/v1/account/signin", body, peer, headers).await
}

fn session(reply: &Reply) -> Session {
    Session {
        cookie: set_cookie(reply, "knot_session").expect("session cookie"),
        csrf: reply.json()["csrf_token"]
            .as_str()
            .expect("csrf_token")
            .to_string(),
    }
}

async fn security_events(app: &App, session: &Session) -> Vec<serde_json::Value> {
    let reply = send(
        &app.router,
        Request::get("/api/v1/account/security-events")
            .header(header::COOKIE, &session.cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn kinds(events: &[serde_json::Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn a_browser_that_signed_in_before_gets_in_while_its_address_is_locked_by_others() {
    let app = app_behind(Vec::new()).await;
    let email = "owner@example.org";
    let signed_up = sign_up_from(&app, email, PASSWORD, v4(1)).await;
    let device = set_cookie(&signed_up, "knot_device").expect("sign-up sets a device cookie");
    // Someone at the same address (a shared network) guesses until the address is locked.
    for i in 0..5 {
        sign_in_from(&app, email, &format!("guess {i} wrong"), v4(1), &[]).await;
    }
    let stranger = sign_in_from(&app, email, PASSWORD, v4(1), &[]).await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!stranger.header("retry-after").is_empty());
    let owner = sign_in_from(&app, email, PASSWORD, v4(1), &[("cookie", &device)]).await;
    assert_eq!(owner.status, StatusCode::OK, "{}", owner.body);
    assert!(set_cookie(&owner, "knot_device").is_some(), "renewed");
}

#[tokio::test]
async fn a_forged_or_foreign_device_cookie_is_no_way_round_the_lock() {
    let app = app_behind(Vec::new()).await;
    let mine = sign_up_from(&app, "mine@example.org", PASSWORD, v4(1)).await;
    let my_device = set_cookie(&mine, "knot_device").expect("device cookie");
    sign_up_from(&app, "victim@example.org", PASSWORD, v4(2)).await;
    for i in 0..5 {
        sign_in_from(
            &app,
            "victim@example.org",
            &format!("guess {i} wrong"),
            v4(3),
            &[],
        )
        .await;
    }
    let forged = "knot_device=1.aaaa.bbbb";
    for cookie in [my_device.as_str(), forged] {
        let reply = sign_in_from(
            &app,
            "victim@example.org",
            PASSWORD,
            v4(3),
            &[("cookie", cookie)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{cookie}");
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_limited_on_its_own() {
    let proxy = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    let app = app_behind(vec![proxy]).await;
    let email = "proxied@example.org";
    sign_up_from(&app, email, PASSWORD, v4(1)).await;
    let guesser = [("x-forwarded-for", "198.51.100.1")];
    for i in 0..5 {
        sign_in_from(&app, email, &format!("guess {i} wrong"), proxy, &guesser).await;
    }
    let again = sign_in_from(&app, email, PASSWORD, proxy, &guesser).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    let someone_else = [("x-forwarded-for", "1.2.3.4, 198.51.100.2")];
    let other = sign_in_from(&app, email, PASSWORD, proxy, &someone_else).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
}

#[tokio::test]
async fn forwarded_for_from_an_untrusted_peer_does_not_change_the_client() {
    let app = app_behind(Vec::new()).await;
    let email = "direct@example.org";
    sign_up_from(&app, email, PASSWORD, v4(1)).await;
    for i in 0..5 {
        let spoof = format!("198.51.100.{i}");
        sign_in_from(
            &app,
            email,
            "wrong guess!!",
            v4(9),
            &[("x-forwarded-for", &spoof)],
        )
        .await;
    }
    let spoofed = [("x-forwarded-for", "198.51.100.77")];
    let reply = sign_in_from(&app, email, PASSWORD, v4(9), &spoofed).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited_with_retry_after() {
    let app = app_behind(Vec::new()).await;
    let mut last = None;
    for i in 0..6 {
        last = Some(sign_up_from(&app, &format!("n{i}@example.org"), PASSWORD, v4(5)).await);
    }
    let last = last.expect("a reply");
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS, "{}", last.body);
    assert!(!last.header("retry-after").is_empty());
    assert!(last.error().contains("Wait"), "{}", last.error());
    let elsewhere = sign_up_from(&app, "else@example.org", PASSWORD, v4(6)).await;
    assert_eq!(elsewhere.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_taken_email_gets_the_same_answer_on_the_page_without_naming_the_cause() {
    let app = app_behind(Vec::new()).await;
    sign_up_from(&app, "taken@example.org", PASSWORD, v4(1)).await;
    let blank = get(&app.router, "/signup").await;
    let cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    let reply = form(
        &app,
        "/signup",
        &cookie,
        &[
            ("form_token", &token),
            ("email", "TAKEN@example.org"),
            ("display_name", "Other"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("could not be made"), "{}", reply.body);
    assert!(!reply.body.contains("already exists"));
    assert!(set_cookie(&reply, "knot_session").is_none());
}

#[tokio::test]
async fn a_common_password_is_refused_with_a_clear_message() {
    let app = app_behind(Vec::new()).await;
    let reply = sign_up_from(&app, "common@example.org", "Password123", v4(1)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .error()
            .contains("password: This password is on a list of the most common"),
        "{}",
        reply.error()
    );
}

#[tokio::test]
async fn the_sign_in_form_refuses_empty_and_unsigned_tokens() {
    let app = app_behind(Vec::new()).await;
    sign_up_from(&app, "form@example.org", PASSWORD, v4(1)).await;
    let now = unix_now();
    let unsigned = format!("{now}.{}.{}", "a".repeat(64), "b".repeat(64));
    for (cookie, field) in [
        ("knot_form=".to_string(), ""),
        (format!("knot_form={unsigned}"), unsigned.as_str()),
    ] {
        let reply = form(
            &app,
            "/signin",
            &cookie,
            &[
                ("form_token", field),
                ("email", "form@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{cookie}");
        assert!(set_cookie(&reply, "knot_session").is_none());
    }
    let blank = get(&app.router, "/signin").await;
    let cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    let reply = form(
        &app,
        "/signin",
        &cookie,
        &[
            ("form_token", &token),
            ("email", "form@example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "a signed token works");
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[tokio::test]
async fn failed_sign_ins_lock_outs_and_refused_calls_show_as_the_accounts_own_events() {
    let app = app_behind(Vec::new()).await;
    let owner = session(&sign_up_from(&app, "events@example.org", PASSWORD, v4(1)).await);
    let other = session(&sign_up_from(&app, "quiet@example.org", PASSWORD, v4(2)).await);
    for i in 0..5 {
        sign_in_from(
            &app,
            "events@example.org",
            &format!("bad guess {i}"),
            v4(7),
            &[],
        )
        .await;
    }
    sign_in_from(&app, "nobody@example.org", "bad guess 0", v4(7), &[]).await;
    let refused = send(
        &app.router,
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/account/signout")
            .header(header::COOKIE, &owner.cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let events = security_events(&app, &owner).await;
    let kinds = kinds(&events);
    assert_eq!(kinds.iter().filter(|k| *k == "sign-in-failed").count(), 5);
    assert!(kinds.contains(&"locked-out".to_string()), "{kinds:?}");
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("csrf-refused"),
        "newest first"
    );
    assert!(events.iter().any(|e| e["client"] == "203.0.113.7"));
    let text = serde_json::to_string(&events).unwrap_or_default();
    assert!(
        !text.contains("bad guess") && !text.contains("nobody@"),
        "{text}"
    );
    assert!(
        security_events(&app, &other).await.is_empty(),
        "not another's events"
    );

    let page = send(
        &app.router,
        Request::get("/account")
            .header(header::COOKIE, &owner.cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Security events"));
    assert!(page.body.contains("Failed sign-in") && page.body.contains("Sign-in paused"));
    let signed_out = get(&app.router, "/api/v1/account/security-events").await;
    assert_eq!(
        signed_out.status,
        StatusCode::UNAUTHORIZED,
        "signed-out callers get nothing"
    );
}
