//! A clinic built through the API for the clinic tests: an admin, a therapist treating the
//! client, one not treating, a front desk, a spare member to remove, and a client with a
//! signed visit, an open visit and a spare consent to withdraw.

#![allow(dead_code)]

pub mod roles;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::signed_in::{json as call, sign_up_staff, App, Session};
use crate::support::Reply;

pub struct Clinic {
    pub id: i64,
    pub name: String,
    pub admin: Session,
    pub treating: Session,
    pub treating_id: i64,
    pub not_treating: Session,
    pub front_desk: Session,
    pub spare_id: i64,
    pub client: i64,
    pub client_name: String,
    pub emails: Vec<String>,
    pub open_visit: i64,
    pub signed_visit: i64,
    pub spare_consent: i64,
}

/// A JSON call as `session` (or nobody), with its CSRF header.
pub async fn send(
    app: &App,
    method: Method,
    uri: &str,
    session: Option<&Session>,
    body: Option<&Value>,
) -> Reply {
    let text = body.map(Value::to_string);
    call(app, method, uri, session, text.as_deref()).await
}

/// The call, which must answer `status`; its JSON.
pub async fn ok(
    app: &App,
    method: Method,
    uri: &str,
    session: &Session,
    body: Option<Value>,
    status: StatusCode,
) -> Value {
    let reply = send(app, method.clone(), uri, Some(session), body.as_ref()).await;
    assert_eq!(reply.status, status, "{method} {uri}: {}", reply.body);
    if reply.body.is_empty() {
        Value::Null
    } else {
        reply.json()
    }
}

/// Invites `email` with `role` as the admin and has a fresh account accept; its session and
/// user id.
pub async fn join(
    app: &App,
    clinic: i64,
    admin: &Session,
    email: &str,
    role: &str,
) -> (Session, i64) {
    let made = ok(
        app,
        Method::POST,
        &format!("/api/v1/clinic/{clinic}/invitations"),
        admin,
        Some(json!({"email": email, "role": role})),
        StatusCode::CREATED,
    )
    .await;
    let token = made["token"].as_str().expect("token").to_string();
    assert!(made["link"]
        .as_str()
        .expect("link")
        .ends_with(&format!("/clinic/join?token={token}")));
    let session = sign_up_staff(app, email).await;
    let joined = ok(
        app,
        Method::POST,
        "/api/v1/clinic/join",
        &session,
        Some(json!({"token": token})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(joined["role"], role);
    (session, joined["user_id"].as_i64().expect("user id"))
}

pub async fn build(app: &App, tag: &str) -> Clinic {
    let email = |who: &str| format!("{who}-{tag}@example.org");
    let admin = sign_up_staff(app, &email("admin")).await;
    let name = format!("Clinic {tag} Harbour");
    let clinic = ok(
        app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": name})),
        StatusCode::CREATED,
    )
    .await;
    let id = clinic["id"].as_i64().expect("clinic id");
    let (treating, treating_id) = join(app, id, &admin, &email("treating"), "therapist").await;
    let (not_treating, _) = join(app, id, &admin, &email("other-therapist"), "therapist").await;
    let (front_desk, _) = join(app, id, &admin, &email("desk"), "front_desk").await;
    let (_, spare_id) = join(app, id, &admin, &email("spare"), "front_desk").await;
    let client_name = format!("Client {tag} Zed");
    let client = ok(
        app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/clients"),
        &front_desk,
        Some(json!({"display_name": client_name, "email": email("client")})),
        StatusCode::CREATED,
    )
    .await["person_id"]
        .as_i64()
        .expect("client id");
    let at = format!("/api/v1/clinic/{id}/clients/{client}");
    ok(
        app,
        Method::POST,
        &format!("{at}/therapists"),
        &admin,
        Some(json!({"therapist": treating_id})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let consent =
        json!({"kind": "general", "given_by": "client", "given_at": "2026-01-01T00:00:00Z"});
    ok(
        app,
        Method::POST,
        &format!("{at}/consents"),
        &treating,
        Some(consent.clone()),
        StatusCode::CREATED,
    )
    .await;
    let spare_consent = ok(
        app,
        Method::POST,
        &format!("{at}/consents"),
        &treating,
        Some(consent),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .expect("consent id");
    let visit = json!({"health_change": "none"});
    let signed_visit = ok(
        app,
        Method::POST,
        &format!("{at}/visits"),
        &treating,
        Some(visit.clone()),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .expect("visit id");
    ok(
        app,
        Method::POST,
        &format!("{at}/visits/{signed_visit}/sign"),
        &treating,
        None,
        StatusCode::OK,
    )
    .await;
    let open_visit = ok(
        app,
        Method::POST,
        &format!("{at}/visits"),
        &treating,
        Some(visit),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .expect("visit id");
    Clinic {
        id,
        name,
        admin,
        treating,
        treating_id,
        not_treating,
        front_desk,
        spare_id,
        client,
        client_name,
        emails: [
            "admin",
            "treating",
            "other-therapist",
            "desk",
            "spare",
            "client",
        ]
        .iter()
        .map(|who| email(who))
        .collect(),
        open_visit,
        signed_visit,
        spare_consent,
    }
}
