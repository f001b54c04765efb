//! Helpers for the signed-in tests: the app over a real store (SQLite, or PostgreSQL with KNOT_TEST_BACKEND=postgres) (kept at hand to look
//! inside), accounts made through the API or the forms, and requests that carry a session's
//! cookie and CSRF token.

#![allow(dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;

use crate::support::{send, Reply};

/// The app and its store. Keep `_db` alive while they are used.
pub struct App {
    pub router: Router,
    pub store: Arc<dyn knot_store::Store>,
    pub _db: knot_store::testing::TestDatabase,
}

pub async fn app() -> App {
    app_behind(Vec::new()).await
}

/// The app behind the given trusted reverse proxies (`knot serve --trusted-proxy`).
pub async fn app_behind(proxies: Vec<std::net::IpAddr>) -> App {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let state = knot_web::AppState::new(store.clone())
        .expect("reference data loads")
        .with_trusted_proxies(proxies);
    App {
        router: knot_web::router(state),
        store,
        _db: db,
    }
}

/// A signed-in browser or client: its cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub const PASSWORD: &str = "correct horse battery";

/// The `name=value` of a `Set-Cookie` header for `name`, if the reply sets it.
pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

/// The whole `Set-Cookie` header for `name`.
pub fn set_cookie_line(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_default()
        .to_string()
}

fn session_of(reply: &Reply) -> Session {
    Session {
        cookie: set_cookie(reply, "knot_session").expect("the session cookie is set"),
        csrf: reply.json()["csrf_token"]
            .as_str()
            .expect("csrf_token")
            .to_string(),
    }
}

/// Registers through the API.
pub async fn sign_up(app: &App, email: &str) -> Session {
    let body = serde_json::json!({"email": email, "display_name": "Sam", "password": PASSWORD});
    let reply = json(
        app,
        Method::POST,
        "/api/v1/account/signup",
        None,
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    session_of(&reply)
}

/// Signs in through the API.
pub async fn sign_in(app: &App, email: &str, password: &str) -> Reply {
    let body = serde_json::json!({"email": email, "password": password});
    json(
        app,
        Method::POST,
        "/api/v1/account/signin",
        None,
        Some(&body.to_string()),
    )
    .await
}

pub fn session_from(reply: &Reply) -> Session {
    session_of(reply)
}

/// A JSON call, with the session's cookie and CSRF header when given.
pub async fn json(
    app: &App,
    method: Method,
    uri: &str,
    session: Option<&Session>,
    body: Option<&str>,
) -> Reply {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(session) = session {
        builder = builder
            .header(header::COOKIE, &session.cookie)
            .header("x-csrf-token", &session.csrf);
    }
    let body = match body {
        Some(text) => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            Body::from(text.to_string())
        }
        None => Body::empty(),
    };
    send(&app.router, builder.body(body).expect("request")).await
}

/// A page, as the signed-in browser.
pub async fn page(app: &App, uri: &str, session: &Session) -> Reply {
    let request = Request::get(uri)
        .header(header::COOKIE, &session.cookie)
        .body(Body::empty())
        .expect("request");
    send(&app.router, request).await
}

/// A form post as the browser: cookie and the form's fields (add ("csrf", …) yourself).
pub async fn form(app: &App, uri: &str, cookie: &str, pairs: &[(&str, &str)]) -> Reply {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let request = Request::post(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    send(&app.router, request).await
}

/// A form post with the session's cookie and CSRF token.
pub async fn post(app: &App, uri: &str, session: &Session, pairs: &[(&str, &str)]) -> Reply {
    let mut with_csrf = vec![("csrf", session.csrf.as_str())];
    with_csrf.extend_from_slice(pairs);
    form(app, uri, &session.cookie, &with_csrf).await
}

/// The value of a hidden field in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}"))
        + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The location of a redirect.
pub fn location(reply: &Reply) -> String {
    reply.header("location").to_string()
}

/// Answers "no" to every yes/no question, 40 to age and "none" to the places: a screening
/// that clears treatment.
pub fn clear_answers() -> serde_json::Map<String, serde_json::Value> {
    use knot_care::screen::{QuestionKind, RuleTable};
    RuleTable::builtin()
        .questions_to_ask(&[])
        .into_iter()
        .map(|q| {
            let answer = match q.kind {
                QuestionKind::YesNo => "no",
                QuestionKind::Number => "40",
                QuestionKind::Regions => "none",
            };
            (q.id.clone(), serde_json::Value::String(answer.into()))
        })
        .collect()
}

/// Takes a clearing screening through the API.
pub async fn screen_clear(app: &App, session: &Session) {
    let body = serde_json::json!({"answers": clear_answers()});
    let reply = json(
        app,
        Method::POST,
        "/api/v1/screening",
        Some(session),
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
}

/// Sends `body` as JSON to the API as the signed-in person.
pub async fn api_post(app: &App, uri: &str, session: &Session, body: &serde_json::Value) -> Reply {
    json(
        app,
        Method::POST,
        uri,
        Some(session),
        Some(&body.to_string()),
    )
    .await
}

/// Turns on two-factor sign-in through the account page, as a person would (the code computed
/// from the key the page shows): clinic staff need it. The key (base32).
pub async fn turn_on_two_factor(app: &App, session: &Session) -> String {
    use knot_app::account::totp;
    let offer = page(app, "/account/two-factor", session).await;
    assert_eq!(offer.status, 200, "{}", offer.body);
    let secret = hidden(&offer.body, "secret");
    let tag = hidden(&offer.body, "tag");
    let code = totp::code(&secret, totp::step_at(chrono::Utc::now().timestamp()));
    let on = post(
        app,
        "/account/two-factor",
        session,
        &[("secret", &secret), ("tag", &tag), ("code", &code)],
    )
    .await;
    assert_eq!(on.status, 200, "{}", on.body);
    secret
}

/// Registers through the API and turns on two-factor sign-in (as clinic staff must).
pub async fn sign_up_staff(app: &App, email: &str) -> Session {
    let session = sign_up(app, email).await;
    turn_on_two_factor(app, &session).await;
    session
}
