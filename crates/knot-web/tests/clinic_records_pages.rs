//! The clinic's client list and client record pages, through the real router on SQLite (or
//! PostgreSQL with KNOT_TEST_BACKEND=postgres): the list and its search, adding a client (a bad
//! date is shown beside its field and nothing is stored), the front desk's contact-only record
//! (no clinical data in the page, 403 on clinical forms), a therapist's intake, screening and
//! consents, an admin assigning a therapist and a deletion refused before retention, another
//! clinic's staff getting 404, and a form without its CSRF token refused.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};

use clinic::{build, join, ok};
use signed_in::{app, clear_answers, form, location, page, post, sign_up_staff, App, Session};

fn record(c: &clinic::Clinic) -> String {
    format!("/clinic/{}/clients/{}", c.id, c.client)
}

async fn client_count(app: &App, c: &clinic::Clinic) -> usize {
    ok(
        app,
        Method::GET,
        &format!("/api/v1/clinic/{}/clients", c.id),
        &c.front_desk,
        None,
        StatusCode::OK,
    )
    .await
    .as_array()
    .expect("list")
    .len()
}

async fn get_ok(app: &App, uri: &str, session: &Session) -> String {
    let reply = page(app, uri, session).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.body
}

#[tokio::test]
async fn the_list_shows_the_clients_and_the_search_narrows_it() {
    let app = app().await;
    let c = build(&app, "list").await;
    let base = format!("/clinic/{}", c.id);
    let added = post(
        &app,
        &format!("{base}/clients"),
        &c.front_desk,
        &[
            ("display_name", "Beatrix Search"),
            ("phone", "555-0177"),
            ("email", "bea@example.org"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);

    let all = get_ok(&app, &base, &c.front_desk).await;
    assert!(all.contains(&c.client_name), "{all}");
    assert!(all.contains("Beatrix Search"));
    assert!(all.contains("555-0177"));
    assert!(all.contains(&format!("href=\"{}\"", record(&c))));
    assert!(all.contains("<h2 id=\"add-heading\">Add a client</h2>"));

    for q in ["BEATRIX", "0177", "bea@example"] {
        let found = get_ok(&app, &format!("{base}?q={q}"), &c.front_desk).await;
        assert!(found.contains("Beatrix Search"), "{q}: {found}");
        assert!(!found.contains(&c.client_name), "{q}: {found}");
    }
    let none = get_ok(&app, &format!("{base}?q=nobody"), &c.front_desk).await;
    assert!(none.contains("No client matches"), "{none}");

    // A therapist's list holds only the clients they treat.
    let theirs = get_ok(&app, &base, &c.not_treating).await;
    assert!(!theirs.contains(&c.client_name), "{theirs}");
    let mine = get_ok(&app, &base, &c.treating).await;
    assert!(mine.contains(&c.client_name), "{mine}");
}

#[tokio::test]
async fn adding_a_client_goes_to_the_record_and_a_bad_date_stores_nothing() {
    let app = app().await;
    let c = build(&app, "add").await;
    let before = client_count(&app, &c).await;
    let bad = post(
        &app,
        &format!("/clinic/{}/clients", c.id),
        &c.treating,
        &[("display_name", "Dana Date"), ("birth_date", "31/02/1980")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("id=\"birth_date-error\""), "{}", bad.body);
    assert!(bad.body.contains("is not a date"), "{}", bad.body);
    assert!(
        bad.body.contains("value=\"Dana Date\""),
        "the form keeps what was typed"
    );
    let no_name = post(
        &app,
        &format!("/clinic/{}/clients", c.id),
        &c.treating,
        &[("display_name", " "), ("email", "x@example.org")],
    )
    .await;
    assert_eq!(no_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_name.body.contains("id=\"display_name-error\""));
    assert_eq!(client_count(&app, &c).await, before, "nothing stored");

    let added = post(
        &app,
        &format!("/clinic/{}/clients", c.id),
        &c.treating,
        &[
            ("display_name", "Dana Date"),
            ("birth_date", "1980-02-29"),
            ("address", "1 Harbour Road"),
            ("emergency_contact", "Sam, 555-0100"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let at = location(&added);
    assert!(
        at.starts_with(&format!("/clinic/{}/clients/", c.id)),
        "{at}"
    );
    // The therapist who added the client treats them: the clinical sections are theirs.
    let shown = get_ok(&app, &at, &c.treating).await;
    assert!(shown.contains("<h1>Dana Date</h1>"), "{shown}");
    assert!(shown.contains("1980-02-29"));
    assert!(shown.contains("1 Harbour Road"));
    assert!(shown.contains(">Health history</h2>"), "{shown}");
    assert_eq!(client_count(&app, &c).await, before + 1);
}

#[tokio::test]
async fn the_front_desk_sees_contact_details_only() {
    let app = app().await;
    let c = build(&app, "desk").await;
    let at = record(&c);
    let intake = post(
        &app,
        &format!("{at}/intake"),
        &c.treating,
        &[
            ("health_history", "whiplash 2019"),
            ("medications", "ibuprofen"),
        ],
    )
    .await;
    assert_eq!(intake.status, StatusCode::SEE_OTHER, "{}", intake.body);

    let desk = get_ok(&app, &at, &c.front_desk).await;
    assert!(desk.contains(">Contact</h2>"), "{desk}");
    assert!(desk.contains(&c.client_name));
    assert!(desk.contains("Clinical records are kept by the client's therapists"));
    for clinical in [
        "whiplash",
        "ibuprofen",
        "Health history",
        "Medications",
        "Safety screening",
        ">Consent<",
        "Record consent",
        "General treatment",
        ">Visits<",
        "Start visit",
        "/visits/",
        ">Therapists<",
    ] {
        assert!(
            !desk.contains(clinical),
            "{clinical:?} in the front desk's page"
        );
    }
    // The front desk edits contact details, and no clinical form.
    let changed = post(
        &app,
        &format!("{at}/contact"),
        &c.front_desk,
        &[("display_name", &c.client_name), ("phone", "555-0123")],
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert!(get_ok(&app, &at, &c.front_desk).await.contains("555-0123"));
    let bad_mail = post(
        &app,
        &format!("{at}/contact"),
        &c.front_desk,
        &[
            ("display_name", &c.client_name),
            ("email", "not-an-address"),
        ],
    )
    .await;
    assert_eq!(bad_mail.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_mail.body.contains("id=\"email-error\""),
        "{}",
        bad_mail.body
    );
    for (tail, fields) in [
        ("intake", vec![("health_history", "x")]),
        (
            "consents",
            vec![("kind", "general"), ("given_by", "client")],
        ),
        ("screening", vec![]),
    ] {
        let refused = post(&app, &format!("{at}/{tail}"), &c.front_desk, &fields).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{tail}: {}",
            refused.body
        );
    }
}

#[tokio::test]
async fn a_therapist_records_intake_screening_and_consent() {
    let app = app().await;
    let c = build(&app, "treat").await;
    let at = record(&c);
    let first = get_ok(&app, &at, &c.treating).await;
    for heading in [
        "Contact",
        "Health history",
        "Safety screening",
        "Consent",
        "Therapists",
        "Visits",
    ] {
        assert!(
            first.contains(&format!(">{heading}</h2>")),
            "{heading}: {first}"
        );
    }
    assert!(first.contains("No screening yet"));
    assert!(first.contains(&format!("action=\"{at}/visits\"")));
    assert!(first.contains("name=\"health_change\""));
    assert!(first.contains(&format!("href=\"{at}/visits/{}\"", c.signed_visit)));
    assert!(first.contains(">signed</span>") && first.contains(">draft</span>"));
    assert!(!first.contains(">Delete record</h2>"), "only admins delete");

    let intake = post(
        &app,
        &format!("{at}/intake"),
        &c.treating,
        &[("health_history", "whiplash 2019"), ("medications", "none")],
    )
    .await;
    assert_eq!(intake.status, StatusCode::SEE_OTHER);
    assert!(get_ok(&app, &at, &c.treating)
        .await
        .contains("whiplash 2019"));

    // The screening: a refused answer is shown beside its question, nothing stored.
    let mut answers: Vec<(String, String)> = clear_answers()
        .into_iter()
        .map(|(id, v)| {
            (
                format!("q.{id}"),
                v.as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let age = answers
        .iter()
        .position(|(name, _)| name == "q.age")
        .expect("an age question");
    answers[age].1 = "old".into();
    let pairs: Vec<(&str, &str)> = answers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let refused = post(&app, &format!("{at}/screening"), &c.treating, &pairs).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"q-age-error\""),
        "{}",
        refused.body
    );
    assert!(get_ok(&app, &at, &c.treating)
        .await
        .contains("No screening yet"));
    answers[age].1 = "40".into();
    let pairs: Vec<(&str, &str)> = answers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let saved = post(&app, &format!("{at}/screening"), &c.treating, &pairs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let screened = get_ok(&app, &at, &c.treating).await;
    assert!(screened.contains("<strong>Latest:"), "{screened}");
    assert!(screened.contains("reviewed within the year"), "{screened}");

    // Consent: general and a sensitive area; an unknown kind and a blank signer are refused.
    for kind in ["general", "buttocks"] {
        let given = post(
            &app,
            &format!("{at}/consents"),
            &c.treating,
            &[("kind", kind), ("given_by", "client")],
        )
        .await;
        assert_eq!(
            given.status,
            StatusCode::SEE_OTHER,
            "{kind}: {}",
            given.body
        );
    }
    let unknown = post(
        &app,
        &format!("{at}/consents"),
        &c.treating,
        &[("kind", "elbow"), ("given_by", "client")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.body.contains("id=\"kind-error\""),
        "{}",
        unknown.body
    );
    let unsigned = post(
        &app,
        &format!("{at}/consents"),
        &c.treating,
        &[("kind", "breast"), ("given_by", " ")],
    )
    .await;
    assert_eq!(unsigned.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unsigned.body.contains("id=\"given_by-error\""),
        "{}",
        unsigned.body
    );
    let consents = get_ok(&app, &at, &c.treating).await;
    assert!(consents.contains("Sensitive area: buttocks"), "{consents}");
    assert!(consents.contains("General treatment"));
    assert!(!consents.contains("Sensitive area: breast tissue</strong>"));

    let withdrawn = post(
        &app,
        &format!("{at}/consents/{}/withdraw", c.spare_consent),
        &c.treating,
        &[("note", "withdrawn mid-visit; treatment stopped")],
    )
    .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    let after = get_ok(&app, &at, &c.treating).await;
    assert!(
        after.contains("withdrawn mid-visit; treatment stopped"),
        "{after}"
    );
    assert!(!after.contains(&format!("consents/{}/withdraw", c.spare_consent)));
    let twice = post(
        &app,
        &format!("{at}/consents/{}/withdraw", c.spare_consent),
        &c.treating,
        &[("note", "again")],
    )
    .await;
    assert!(
        twice.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}: {}",
        twice.status,
        twice.body
    );
}

#[tokio::test]
async fn an_admin_assigns_a_therapist_and_cannot_delete_before_retention() {
    let app = app().await;
    let c = build(&app, "admin").await;
    let at = record(&c);
    let (newcomer, newcomer_id) =
        join(&app, c.id, &c.admin, "new-rmt@example.org", "therapist").await;
    assert_eq!(
        page(&app, &at, &newcomer).await.status,
        StatusCode::FORBIDDEN
    );

    let admin = get_ok(&app, &at, &c.admin).await;
    assert!(admin.contains(">Therapists</h2>"), "{admin}");
    assert!(
        admin.contains(&format!(
            "<option value=\"{newcomer_id}\">Sam (new-rmt@example.org)"
        )),
        "{admin}"
    );
    assert!(
        !admin.contains("Health history"),
        "admins do not read clinical records"
    );
    assert!(admin.contains(">Delete record</h2>"));

    let bad = post(
        &app,
        &format!("{at}/therapists"),
        &c.admin,
        &[("therapist", "nobody")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"therapist-error\""));
    let assigned = post(
        &app,
        &format!("{at}/therapists"),
        &c.admin,
        &[("therapist", &newcomer_id.to_string())],
    )
    .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    let theirs = get_ok(&app, &at, &newcomer).await;
    assert!(theirs.contains(">Health history</h2>"), "{theirs}");
    // A therapist may not assign.
    let refused = post(
        &app,
        &format!("{at}/therapists"),
        &c.treating,
        &[("therapist", &newcomer_id.to_string())],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let unconfirmed = post(&app, &format!("{at}/delete"), &c.admin, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let kept = post(
        &app,
        &format!("{at}/delete"),
        &c.admin,
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(kept.status, StatusCode::CONFLICT, "{}", kept.body);
    assert!(kept.body.contains("id=\"delete-error\""), "{}", kept.body);
    assert!(kept.body.contains("cannot be deleted yet"), "{}", kept.body);
    assert!(kept.body.contains("must be kept until"), "{}", kept.body);
    let therapist_delete = post(
        &app,
        &format!("{at}/delete"),
        &c.treating,
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(therapist_delete.status, StatusCode::FORBIDDEN);
    assert_eq!(
        page(&app, &at, &c.front_desk).await.status,
        StatusCode::OK,
        "still there"
    );
}

#[tokio::test]
async fn another_clinics_staff_get_not_found_and_forms_need_their_token() {
    let app = app().await;
    let ours = build(&app, "ours").await;
    let theirs = build(&app, "theirs").await;
    let at = record(&ours);
    for who in [&theirs.admin, &theirs.treating, &theirs.front_desk] {
        assert_eq!(page(&app, &at, who).await.status, StatusCode::NOT_FOUND);
        let posted = post(
            &app,
            &format!("{at}/contact"),
            who,
            &[("display_name", "X")],
        )
        .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        page(&app, &format!("/clinic/{}", ours.id), &theirs.admin)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A client of their clinic under our clinic's address is no client of ours.
    let mixed = format!("/clinic/{}/clients/{}", ours.id, theirs.client);
    assert_eq!(
        page(&app, &mixed, &ours.admin).await.status,
        StatusCode::NOT_FOUND
    );
    let stranger = sign_up_staff(&app, "stranger@example.org").await;
    assert_eq!(
        page(&app, &at, &stranger).await.status,
        StatusCode::NOT_FOUND
    );

    let no_token = form(
        &app,
        &format!("{at}/intake"),
        &ours.treating.cookie,
        &[("health_history", "x")],
    )
    .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let no_token = form(
        &app,
        &format!("/clinic/{}/clients", ours.id),
        &ours.front_desk.cookie,
        &[("display_name", "Sneaky")],
    )
    .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
}
