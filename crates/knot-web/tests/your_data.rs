//! "Your data" (`/account/data`): the signed-in person downloads their diary and sessions as
//! CSV and their record as a FHIR R4 Bundle — their own records only — and nothing is offered
//! without a session.

mod signed_in;
mod support;

use serde_json::json;
use signed_in::{app, json as api, page, screen_clear, sign_up};

#[tokio::test]
async fn a_person_downloads_their_own_records_as_csv_and_fhir() {
    let app = app().await;
    let me = sign_up(&app, "me@example.org").await;
    let other = sign_up(&app, "other@example.org").await;
    screen_clear(&app, &me).await;
    for (who, note) in [(&me, "my own note"), (&other, "someone else's note")] {
        let entry = json!({"measure": {"kind": "pain", "score": 6, "region": "right-temple"},
            "note": note});
        let body = entry.to_string();
        let reply = api(
            &app,
            axum::http::Method::POST,
            "/api/v1/diary",
            Some(who),
            Some(&body),
        )
        .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }

    let listing = page(&app, "/account/data", &me).await;
    assert_eq!(listing.status, 200);
    for file in [
        "knot-diary.csv",
        "knot-sessions.csv",
        "knot-record.fhir.json",
    ] {
        assert!(
            listing.body.contains(&format!("/account/data/{file}")),
            "{file}"
        );
    }

    let diary = page(&app, "/account/data/knot-diary.csv", &me).await;
    assert_eq!(diary.status, 200);
    assert!(diary.header("content-type").starts_with("text/csv"));
    assert!(diary
        .header("content-disposition")
        .contains("attachment; filename=\"knot-diary.csv\""));
    assert!(diary.body.starts_with("Entry,Recorded at (UTC),Kind,"));
    assert!(diary.body.contains("my own note"), "{}", diary.body);
    assert!(
        !diary.body.contains("someone else"),
        "only the person's own records"
    );

    let sessions = page(&app, "/account/data/knot-sessions.csv", &me).await;
    assert_eq!(sessions.status, 200);
    assert!(sessions.body.starts_with("Session,"));

    let fhir = page(&app, "/account/data/knot-record.fhir.json", &me).await;
    assert_eq!(fhir.status, 200);
    assert_eq!(fhir.header("content-type"), "application/fhir+json");
    let bundle: serde_json::Value = serde_json::from_str(&fhir.body).expect("JSON");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert!(
        fhir.body.contains("72514-3"),
        "the pain observation's LOINC code"
    );
    assert!(fhir.body.contains("me@example.org"));
    assert!(!fhir.body.contains("other@example.org"));

    let unknown = page(&app, "/account/data/passwords.txt", &me).await;
    assert_eq!(unknown.status, 404);
    let anonymous = support::get(&app.router, "/account/data/knot-diary.csv").await;
    assert_eq!(anonymous.status, 303);
    assert!(anonymous.header("location").starts_with("/signin"));
}
