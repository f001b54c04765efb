//! The clinic's home and admin pages end to end: starting a clinic from the page, inviting
//! staff (the link shown once), joining through `/clinic/join` (signed in, or by signing up
//! on the way), a reused or unknown token refused with the reason, who may open the staff and
//! audit pages (403 for a role that may not, 404 outside), removing staff, the settings form,
//! the audit log page with its chain state, and the CSV/JSON export with inert formulas.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;

use clinic::{build, ok};
use signed_in::{app, form, location, page, post, sign_up_staff, App, Session};
use support::Reply;

/// The one-time link on the answer to an invitation.
fn invitation_link(reply: &Reply) -> String {
    let at = reply
        .body
        .find("class=\"invitation-link\"")
        .expect("the invitation link field");
    let rest = &reply.body[at..];
    let start = rest.find("value=\"").expect("its value") + "value=\"".len();
    rest[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Starts a clinic through the page; its id.
async fn start(app: &App, admin: &Session, name: &str) -> i64 {
    let reply = post(app, "/clinic", admin, &[("name", name)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let to = location(&reply);
    to.strip_prefix("/clinic/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("to the clinic: {to}"))
}

#[tokio::test]
async fn a_clinic_is_started_and_staff_join_through_the_invitation_link() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead-home@example.org").await;
    let empty = page(&app, "/clinic", &admin).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty
        .body
        .contains("You are not on the staff of a clinic yet"));
    assert!(empty.body.contains("invitation link"));
    assert!(empty
        .body
        .contains("<label for=\"clinic-name\">Clinic name</label>"));

    let unnamed = post(&app, "/clinic", &admin, &[("name", "  ")]).await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unnamed.body.contains("give the clinic a name"),
        "{}",
        unnamed.body
    );
    assert!(unnamed.body.contains("aria-invalid=\"true\""));

    let id = start(&app, &admin, "Harbour Street Massage").await;
    let mine = page(&app, "/clinic", &admin).await;
    assert!(
        mine.body.contains("Harbour Street Massage"),
        "{}",
        mine.body
    );
    assert!(mine.body.contains(&format!("href=\"/clinic/{id}\"")));
    assert!(mine.body.contains("Admin"));

    let staff = page(&app, &format!("/clinic/{id}/staff"), &admin).await;
    assert_eq!(staff.status, StatusCode::OK, "{}", staff.body);
    assert!(staff.body.contains("Create invitation"));
    assert!(!staff.body.contains("class=\"invitation-link\""));

    let bad = post(
        &app,
        &format!("/clinic/{id}/invitations"),
        &admin,
        &[("email", "not-an-address"), ("role", "therapist")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("invite-email-error"));
    let odd_role = post(
        &app,
        &format!("/clinic/{id}/invitations"),
        &admin,
        &[("email", "x@example.org"), ("role", "person")],
    )
    .await;
    assert_eq!(odd_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(odd_role
        .body
        .contains("Choose Therapist, Front desk or Admin"));

    let made = post(
        &app,
        &format!("/clinic/{id}/invitations"),
        &admin,
        &[("email", "rmt-home@example.org"), ("role", "therapist")],
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert!(made.body.contains("Invitation link"));
    assert!(made.body.contains("shown only once"));
    assert!(made.body.contains("send this link to them yourself"));
    let link = invitation_link(&made);
    assert!(link.starts_with("http://"), "{link}");
    let path = link[link.find("/clinic/join?token=").expect("the join path")..].to_string();
    let token = path.trim_start_matches("/clinic/join?token=").to_string();
    assert_eq!(token.len(), 64, "{link}");
    // Shown once: the staff page afterwards does not hold it.
    let again = page(&app, &format!("/clinic/{id}/staff"), &admin).await;
    assert!(!again.body.contains(&token));

    // Not signed in: to sign in, then back to the link with its token.
    let anonymous = support::get(&app.router, &path).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let to_signin = anonymous.header("location").to_string();
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    assert_eq!(to_signin, format!("/signin?next={encoded}"));
    // The sign-in page offers sign-up keeping the way back.
    let signin = support::get(&app.router, &to_signin).await;
    assert!(
        signin
            .body
            .contains(&format!("href=\"/signup?next={encoded}\"")),
        "{}",
        signin.body
    );

    let therapist = sign_up_staff(&app, "rmt-home@example.org").await;
    let invited = page(&app, &path, &therapist).await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    assert!(invited.body.contains("You were invited to join a clinic"));
    assert!(invited.body.contains("Accept the invitation"));
    assert!(
        invited
            .body
            .contains("Harbour Street Massage, as Therapist"),
        "{}",
        invited.body
    );
    assert!(invited.body.contains(&token));

    // A week on, the same link has expired.
    let later = chrono::Utc::now() + chrono::Duration::days(8);
    let offer = knot_app::App::new(app.store.clone())
        .invitation_offer(&token, later)
        .await
        .expect("the offer");
    assert_eq!(offer, knot_app::clinic::InvitationOffer::Expired);

    let no_csrf = form(
        &app,
        "/clinic/join",
        &therapist.cookie,
        &[("token", token.as_str())],
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

    let joined = post(
        &app,
        "/clinic/join",
        &therapist,
        &[("token", token.as_str())],
    )
    .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(location(&joined), format!("/clinic/{id}"));
    let theirs = page(&app, "/clinic", &therapist).await;
    assert!(theirs.body.contains("Harbour Street Massage"));
    assert!(theirs.body.contains("Therapist"));

    // The link works once.
    let other = sign_up_staff(&app, "someone-else@example.org").await;
    let reused = post(&app, "/clinic/join", &other, &[("token", token.as_str())]).await;
    assert_eq!(reused.status, StatusCode::CONFLICT, "{}", reused.body);
    assert!(reused.body.contains("already been used"), "{}", reused.body);
    assert!(reused
        .body
        .contains("Ask the clinic's admin for a new invitation link"));
    // The link itself now says so, before anyone clicks.
    let used_link = page(&app, &path, &other).await;
    assert_eq!(used_link.status, StatusCode::GONE);
    assert!(used_link.body.contains("already been used"));
    assert!(!used_link.body.contains("Accept the invitation"));
    assert!(
        !used_link.body.contains(&token),
        "the used token is not echoed"
    );
    let wrong_link = page(&app, "/clinic/join?token=f00d", &other).await;
    assert_eq!(wrong_link.status, StatusCode::NOT_FOUND);
    assert!(wrong_link.body.contains("No invitation has this link"));
    let unknown = post(&app, "/clinic/join", &other, &[("token", "f00d")]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("No invitation has this link"));
    let no_token = page(&app, "/clinic/join", &other).await;
    assert_eq!(no_token.status, StatusCode::BAD_REQUEST);
    assert!(no_token.body.contains("incomplete"));
    let still_none = page(&app, "/clinic", &other).await;
    assert!(!still_none.body.contains("Harbour Street Massage"));
}

#[tokio::test]
async fn a_new_account_made_from_the_invitation_link_comes_back_to_it() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead-new@example.org").await;
    let id = start(&app, &admin, "Northside").await;
    let made = post(
        &app,
        &format!("/clinic/{id}/invitations"),
        &admin,
        &[("email", "desk-new@example.org"), ("role", "front_desk")],
    )
    .await;
    let link = invitation_link(&made);
    let path = link[link.find("/clinic/join").expect("path")..].to_string();
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    let signup = support::get(&app.router, &format!("/signup?next={encoded}")).await;
    assert_eq!(signup.status, StatusCode::OK);
    let form_token = signed_in::hidden(&signup.body, "form_token");
    assert_eq!(
        signed_in::hidden(&signup.body, "next"),
        path.replace('&', "&amp;")
    );
    let cookie = signed_in::set_cookie(&signup, "knot_form").expect("form cookie");
    let made = form(
        &app,
        "/signup",
        &cookie,
        &[
            ("form_token", form_token.as_str()),
            ("email", "desk-new@example.org"),
            ("display_name", "Desk"),
            ("password", signed_in::PASSWORD),
            ("confirm", signed_in::PASSWORD),
            ("next", path.as_str()),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(location(&made), path);
    // Without a next, sign-up still goes to the screening.
    let plain = support::get(&app.router, "/signup").await;
    assert!(!plain.body.contains("name=\"next\""));
}

#[tokio::test]
async fn only_admins_open_the_staff_and_audit_pages_and_outsiders_see_nothing() {
    let app = app().await;
    let c = build(&app, "roles").await;
    let outsider = sign_up_staff(&app, "outsider-admin-pages@example.org").await;
    let pages = [
        format!("/clinic/{}/staff", c.id),
        format!("/clinic/{}/audit", c.id),
        format!("/clinic/{}/audit/export?format=csv", c.id),
    ];
    for uri in &pages {
        let admin = page(&app, uri, &c.admin).await;
        assert_eq!(admin.status, StatusCode::OK, "{uri}: {}", admin.body);
        for (who, session) in [("therapist", &c.treating), ("front desk", &c.front_desk)] {
            let refused = page(&app, uri, session).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{who} {uri}");
            assert!(
                refused.body.contains("admins run staff"),
                "{}",
                refused.body
            );
        }
        let hidden = page(&app, uri, &outsider).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "outsider {uri}");
    }
    let invite = format!("/clinic/{}/invitations", c.id);
    let pairs = [("email", "new@example.org"), ("role", "admin")];
    for session in [&c.treating, &c.front_desk] {
        let refused = post(&app, &invite, session, &pairs).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert!(!refused.body.contains("class=\"invitation-link\""));
    }
    let hidden = post(&app, &invite, &outsider, &pairs).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let settings = format!("/clinic/{}/settings", c.id);
    let change = [("retention_years", "3"), ("minor_until_age", "19")];
    assert_eq!(
        post(&app, &settings, &c.treating, &change).await.status,
        StatusCode::FORBIDDEN
    );
    let remove = format!("/clinic/{}/staff/{}/remove", c.id, c.spare_id);
    assert_eq!(
        post(&app, &remove, &c.front_desk, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&app, &remove, &outsider, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // Without the CSRF token nothing is looked at.
    let no_csrf = form(&app, &invite, &c.admin.cookie, &pairs).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    // The clinic bar shows the admin tabs to admins only.
    let desk = page(&app, &format!("/clinic/{}/staff", c.id), &c.front_desk).await;
    assert!(!desk.body.contains("class=\"invitation-link\""));
}

#[tokio::test]
async fn admins_remove_staff_and_change_the_settings() {
    let app = app().await;
    let c = build(&app, "manage").await;
    let staff = format!("/clinic/{}/staff", c.id);
    let before = page(&app, &staff, &c.admin).await;
    assert!(before.body.contains(&c.emails[4]), "{}", before.body);
    assert!(before
        .body
        .contains(&format!("/staff/{}/remove", c.spare_id)));

    let no_csrf = form(
        &app,
        &format!("{staff}/{}/remove", c.spare_id),
        &c.admin.cookie,
        &[],
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let removed = post(
        &app,
        &format!("{staff}/{}/remove", c.spare_id),
        &c.admin,
        &[],
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(location(&removed), format!("{staff}?done=removed"));
    let after = page(&app, &location(&removed), &c.admin).await;
    assert!(after.body.contains("Removed from the staff"));
    assert!(after.body.contains("Former staff (1)"));
    assert!(!after
        .body
        .contains(&format!("/staff/{}/remove", c.spare_id)));
    let twice = post(
        &app,
        &format!("{staff}/{}/remove", c.spare_id),
        &c.admin,
        &[],
    )
    .await;
    assert_eq!(twice.status, StatusCode::NOT_FOUND);

    // The form is not offered for oneself, and a post for it is refused.
    let members = ok(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{}/staff", c.id),
        &c.admin,
        None,
        StatusCode::OK,
    )
    .await;
    let admin_id = members
        .as_array()
        .expect("staff")
        .iter()
        .find(|m| m["email"] == c.emails[0].as_str())
        .and_then(|m| m["user_id"].as_i64())
        .expect("the admin's id");
    assert!(!after.body.contains(&format!("/staff/{admin_id}/remove")));
    let oneself = post(&app, &format!("{staff}/{admin_id}/remove"), &c.admin, &[]).await;
    assert_eq!(oneself.status, StatusCode::CONFLICT, "{}", oneself.body);
    assert!(oneself.body.contains("cannot remove yourself"));

    let settings = format!("/clinic/{}/settings", c.id);
    let saved = post(
        &app,
        &settings,
        &c.admin,
        &[
            ("retention_years", "12"),
            ("minor_until_age", "21"),
            ("therapists_see_all", "on"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = page(&app, &location(&saved), &c.admin).await;
    assert!(shown.body.contains("Settings saved."));
    assert!(shown.body.contains("value=\"12\""));
    assert!(shown.body.contains("value=\"21\""));
    assert!(shown
        .body
        .contains("name=\"therapists_see_all\" type=\"checkbox\" value=\"on\" checked"));
    assert!(!shown
        .body
        .contains("name=\"admins_see_clinical\" type=\"checkbox\" value=\"on\" checked"));
    let api = ok(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{}/settings", c.id),
        &c.admin,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(api["settings"]["retention_years"], 12, "{api}");
    assert_eq!(api["settings"]["therapists_see_all"], true);

    let words = post(
        &app,
        &settings,
        &c.admin,
        &[("retention_years", "ten"), ("minor_until_age", "21")],
    )
    .await;
    assert_eq!(words.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(words.body.contains("retention-years-error"));
    assert!(words.body.contains("whole number"));
    assert!(words.body.contains("value=\"ten\""));
    let range = post(
        &app,
        &settings,
        &c.admin,
        &[("retention_years", "0"), ("minor_until_age", "16")],
    )
    .await;
    assert_eq!(range.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(range.body.contains("between 1 and 100"), "{}", range.body);
    assert!(range.body.contains("between 18 and 100"));
    assert!(range.body.contains("minor-until-age-error"));
    let unchanged = ok(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{}/settings", c.id),
        &c.admin,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(unchanged["settings"]["retention_years"], 12);
}

#[tokio::test]
async fn the_audit_log_lists_who_did_what_and_exports_it_safely() {
    let app = app().await;
    let c = build(&app, "audit").await;
    // A client whose name a spreadsheet would run as a formula.
    ok(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{}/clients", c.id),
        &c.front_desk,
        Some(json!({"display_name": "=HYPERLINK(\"http://evil.example\",\"x\")"})),
        StatusCode::CREATED,
    )
    .await;
    let audit = format!("/clinic/{}/audit", c.id);
    let log = page(&app, &audit, &c.admin).await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    assert!(log.body.contains("hash chain is whole"), "{}", log.body);
    for action in ["create", "read"] {
        assert!(
            log.body.contains(&format!("<td>{action}</td>")),
            "{action}: {}",
            log.body
        );
    }
    assert!(log.body.contains(
        "<td>visit-signature {}</td>"
            .replace("{}", &c.signed_visit.to_string())
            .as_str()
    ));
    assert!(log.body.contains(&c.client_name));
    assert!(log.body.contains(&c.emails[1]), "the therapist by e-mail");
    assert!(log.body.contains("Download CSV"));

    // Narrowed to the therapist: only their rows.
    let theirs = page(
        &app,
        &format!("{audit}?who={}&client=", c.treating_id),
        &c.admin,
    )
    .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.body.contains(&c.emails[1]));
    assert!(
        !theirs.body.contains(&format!("({})", c.emails[0])),
        "no admin rows"
    );
    let older = page(&app, &format!("{audit}?before=10"), &c.admin).await;
    assert_eq!(older.status, StatusCode::OK);
    assert!(older.body.contains("Newest rows"));
    assert!(!log.body.contains("Newest rows"));
    let bad = page(&app, &format!("{audit}?who=someone"), &c.admin).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let csv = page(&app, &format!("{audit}/export?format=csv"), &c.admin).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let disposition = csv.header("content-disposition");
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"knot-audit-{}-", c.id))
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let mut lines = csv.body.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("id,at,user_id,who,action,record,record_id,client_id,client,address,session")
    );
    let rows: Vec<&str> = lines.filter(|line| !line.is_empty()).collect();
    assert!(rows.len() > 10, "{}", csv.body);
    assert!(
        rows.iter().any(|row| row.contains(",create,visit,")),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains(",=HYPERLINK"));

    let json = page(&app, &format!("{audit}/export?format=json"), &c.admin).await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(json.header("content-type").starts_with("application/json"));
    let exported = json.json();
    let rows = exported.as_array().expect("an array");
    assert!(rows.len() > 10);
    // The CSV export read the log, and that read is in it.
    assert!(rows
        .iter()
        .any(|row| row["action"] == "read" && row["record"] == "audit"));
    assert!(rows
        .iter()
        .any(|row| row["action"] == "create" && row["record"] == "visit"));

    let odd = page(&app, &format!("{audit}/export?format=xlsx"), &c.admin).await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
}
