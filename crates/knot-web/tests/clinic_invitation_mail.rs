//! A staff invitation with a mail relay configured: the link goes by e-mail to the invited
//! address (and is still shown once to the admin), built from `--public-url` rather than the
//! request's Host; without a relay the page says to send it yourself.

mod clinic;
mod signed_in;
mod smtp_sink;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;

use clinic::ok;
use signed_in::{app, post, sign_up_staff, App};
use smtp_sink::Sink;

/// The app with the sink as its relay and a public address for links.
async fn app_with_mail(sink: &Sink) -> App {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let mailer = knot_web::Mailer::new(&sink.url, knot_web::DEFAULT_MAIL_FROM).expect("mailer");
    let state = knot_web::AppState::new(store.clone())
        .expect("reference data loads")
        .with_mailer(mailer)
        .with_public_url("https://clinic.example/");
    App {
        router: knot_web::router(state),
        store,
        _db: db,
    }
}

/// Starts a clinic as a new admin (two-factor on) and invites `email` as a therapist.
async fn invite(app: &App, email: &str) -> (u16, String) {
    let admin = sign_up_staff(app, "lead@example.org").await;
    let clinic = ok(
        app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": "Harbour Street Massage"})),
        StatusCode::CREATED,
    )
    .await;
    let id = clinic["id"].as_i64().expect("id");
    let reply = post(
        app,
        &format!("/clinic/{id}/invitations"),
        &admin,
        &[("email", email), ("role", "therapist")],
    )
    .await;
    (reply.status.as_u16(), reply.body)
}

/// The invitation link a text holds.
fn link_in(text: &str) -> String {
    let start = text
        .find("https://")
        .or_else(|| text.find("http://"))
        .expect("a link");
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"')
        .next()
        .expect("the link")
        .to_string()
}

#[tokio::test]
async fn the_invitation_goes_by_e_mail_with_the_public_address() {
    let sink = Sink::start().await;
    let app = app_with_mail(&sink).await;
    let (status, page) = invite(&app, "rmt@example.org").await;
    assert_eq!(status, 201, "{page}");
    assert!(page.contains("on its way to rmt@example.org"), "{page}");
    let shown = link_in(&page[page.find("invitation-link").expect("the link field")..]);
    assert!(
        shown.starts_with("https://clinic.example/clinic/join?token="),
        "{shown}"
    );

    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["rmt@example.org"]);
    assert!(mails[0]
        .data
        .contains("Join Harbour Street Massage on Knot"));
    assert_eq!(
        link_in(&mails[0].data),
        shown,
        "the mail carries the link the page shows"
    );
}

#[tokio::test]
async fn without_a_relay_the_admin_is_told_to_send_the_link() {
    let app = app().await;
    let (status, page) = invite(&app, "rmt@example.org").await;
    assert_eq!(status, 201, "{page}");
    assert!(page.contains("send this link to them yourself"), "{page}");
    assert!(!page.contains("on its way"));
}
