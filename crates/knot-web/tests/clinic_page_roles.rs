//! Every role × every clinic page and form (`/clinic…`), walked from the router's own table: a
//! page added without an expectation here fails the test. Two clinics are built; each call
//! targets clinic A. Outsiders get the 404 page, never 403; a member whose role may not act
//! gets the 403 page saying what each role may do; a visitor without a session is sent to sign
//! in; and no page answered with 2xx or 3xx names anything of a clinic the caller is not on.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};

use clinic::{build, Clinic};
use signed_in::{app, clear_answers, form, page, post, sign_up_staff};

use clinic::roles::Who::{self, *};
use clinic::roles::{ADMIN, ALL, CLINICAL, CONTACT, STAFF};

/// What a page answers: `ok` for the roles in `who` (every signed-in account when `open`), 403
/// for other members, 404 for outsiders, a redirect to sign in without a session.
struct Expect {
    who: &'static [Who],
    open: bool,
    ok: u16,
    fields: Vec<(String, String)>,
}

fn e(who: &'static [Who], ok: u16, fields: &[(&str, &str)]) -> Expect {
    Expect {
        who,
        open: false,
        ok,
        fields: fields
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
    }
}

fn open(ok: u16, fields: &[(&str, &str)]) -> Expect {
    Expect {
        open: true,
        ..e(&[], ok, fields)
    }
}

/// The screening form's answers: every question answered so the client is clear to treat.
fn screening() -> Vec<(String, String)> {
    clear_answers()
        .into_iter()
        .map(|(id, v)| (format!("q.{id}"), v.as_str().unwrap_or_default().to_owned()))
        .collect()
}

fn expect(method: &Method, path: &str, a: &Clinic) -> Option<Expect> {
    let c = "/clinic/{clinic}";
    let cl = "/clinic/{clinic}/clients/{client}";
    let v = "/clinic/{clinic}/clients/{client}/visits/{visit}";
    let rest = path
        .strip_prefix(v)
        .map(|r| ("visit", r))
        .or_else(|| path.strip_prefix(cl).map(|r| ("client", r)))
        .or_else(|| path.strip_prefix(c).map(|r| ("clinic", r)))
        .unwrap_or(("top", path));
    let treating = a.treating_id.to_string();
    Some(match (method.as_str(), rest) {
        ("GET", ("top", "/clinic")) => open(200, &[]),
        ("POST", ("top", "/clinic")) => open(303, &[("name", "Another practice")]),
        ("GET", ("top", "/clinic/join")) => open(404, &[]),
        ("POST", ("top", "/clinic/join")) => open(404, &[("token", "no-such-token")]),
        ("GET", ("clinic", "")) => e(STAFF, 200, &[]),
        ("POST", ("clinic", "/clients")) => e(STAFF, 303, &[("display_name", "Walk In")]),
        ("GET", ("clinic", "/staff")) => e(ADMIN, 200, &[]),
        ("POST", ("clinic", "/invitations")) => e(
            ADMIN,
            201,
            &[("email", "new@example.org"), ("role", "therapist")],
        ),
        ("POST", ("clinic", "/staff/{user}/remove")) => e(ADMIN, 303, &[]),
        ("POST", ("clinic", "/settings")) => e(
            ADMIN,
            303,
            &[("retention_years", "10"), ("minor_until_age", "28")],
        ),
        ("GET", ("clinic", "/audit")) => e(ADMIN, 200, &[]),
        ("GET", ("clinic", "/audit/export")) => e(ADMIN, 200, &[]),
        ("GET", ("client", "")) => e(CONTACT, 200, &[]),
        ("POST", ("client", "/contact")) => e(
            CONTACT,
            303,
            &[("display_name", "Client Renamed"), ("phone", "555-0100")],
        ),
        ("POST", ("client", "/intake")) => e(
            CLINICAL,
            303,
            &[("health_history", "none"), ("medications", "none")],
        ),
        ("POST", ("client", "/screening")) => Expect {
            fields: screening(),
            ..e(CLINICAL, 303, &[])
        },
        ("POST", ("client", "/consents")) => e(
            CLINICAL,
            303,
            &[("kind", "general"), ("given_by", "client")],
        ),
        ("POST", ("client", "/consents/{consent}/withdraw")) => {
            e(CLINICAL, 303, &[("note", "changed their mind")])
        }
        ("POST", ("client", "/therapists")) => Expect {
            fields: vec![("therapist".into(), treating)],
            ..e(ADMIN, 303, &[])
        },
        // The retention period is years away: refused with the reason.
        ("POST", ("client", "/delete")) => e(ADMIN, 409, &[("confirm", "yes")]),
        ("POST", ("client", "/visits")) => e(CLINICAL, 303, &[("health_change", "none")]),
        ("GET", ("visit", "")) => e(CLINICAL, 200, &[]),
        ("POST", ("visit", "/drawing")) => e(CLINICAL, 303, &[("region", "right-temple:2")]),
        ("POST", ("visit", "/findings")) => e(
            CLINICAL,
            303,
            &[
                ("trigger_point", "upper-trapezius-1"),
                ("side", "right"),
                ("tender", "on"),
            ],
        ),
        ("POST", ("visit", "/rom")) => e(
            CLINICAL,
            303,
            &[
                ("movement", "cervical-rotation"),
                ("side", "left"),
                ("degrees", "60"),
            ],
        ),
        ("POST", ("visit", "/treatments")) => e(
            CLINICAL,
            303,
            &[
                ("trigger_point", "upper-trapezius-1"),
                ("side", "right"),
                ("technique", "sustained-compression"),
                ("tool", "thumb"),
                ("discomfort", "6"),
                ("hold_seconds", "60"),
                ("passes", "1"),
                ("response", "softened"),
            ],
        ),
        ("POST", ("visit", "/soap")) => e(
            CLINICAL,
            303,
            &[
                ("subjective", "s"),
                ("objective", "o"),
                ("assessment", "a"),
                ("plan", "p"),
                ("action", "save"),
            ],
        ),
        // Aimed at the signed visit: signing it again is 409.
        ("POST", ("visit", "/sign")) => e(CLINICAL, 409, &[]),
        ("POST", ("visit", "/addenda")) => e(CLINICAL, 303, &[("addendum", "called back")]),
        _ => return None,
    })
}

/// The address of `path` in clinic `a`: signing and addenda aim at the signed visit, the rest
/// at the open one; the audit export asks for CSV.
fn fill(path: &str, a: &Clinic) -> String {
    let visit = if ["/sign", "/addenda"].iter().any(|end| path.ends_with(end)) {
        a.signed_visit
    } else {
        a.open_visit
    };
    let filled = path
        .replace("{clinic}", &a.id.to_string())
        .replace("{client}", &a.client.to_string())
        .replace("{visit}", &visit.to_string())
        .replace("{consent}", &a.spare_consent.to_string())
        .replace("{user}", &a.spare_id.to_string());
    match path {
        "/clinic/join" => format!("{filled}?token=no-such-token"),
        p if p.ends_with("/audit/export") => format!("{filled}?format=csv"),
        _ => filled,
    }
}

fn expected(who: Who, e: &Expect) -> StatusCode {
    let status = match who {
        Anonymous => 303,
        _ if e.open || e.who.contains(&who) => e.ok,
        Admin | Treating | NotTreating | FrontDesk => 403,
        OtherAdmin | OtherTherapist | NoClinic => 404,
    };
    StatusCode::from_u16(status).expect("status")
}

#[tokio::test]
async fn every_role_gets_its_status_on_every_clinic_page_and_nothing_of_another_clinic() {
    let app = app().await;
    let a = build(&app, "a").await;
    let b = build(&app, "b").await;
    let nobody = sign_up_staff(&app, "nobody@example.org").await;
    let routes: Vec<_> = knot_web::route_table()
        .into_iter()
        .filter(|(_, path)| *path == "/clinic" || path.starts_with("/clinic/"))
        .collect();
    assert!(routes.len() >= 27, "{routes:?}");
    let mut failures = Vec::new();
    for (method, path) in routes {
        let Some(e) = expect(&method, path, &a) else {
            failures.push(format!("{method} {path}: no expectation in this test"));
            continue;
        };
        let fields: Vec<(&str, &str)> = e
            .fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        for who in ALL {
            let uri = fill(path, &a);
            let caller = who.session(&a, &b, &nobody);
            let reply = match (&method, caller) {
                (&Method::GET, Some(s)) => page(&app, &uri, s).await,
                (&Method::GET, None) => support::get(&app.router, &uri).await,
                (_, Some(s)) => post(&app, &uri, s, &fields).await,
                (_, None) => form(&app, &uri, "", &fields).await,
            };
            let want = expected(who, &e);
            if reply.status != want {
                failures.push(format!(
                    "{method} {path} as {who:?}: {} (wanted {want}): {}",
                    reply.status,
                    reply.body.chars().take(300).collect::<String>()
                ));
            }
            if who == Anonymous && !reply.header("location").starts_with("/signin") {
                failures.push(format!(
                    "{method} {path} without a session: not sent to sign in"
                ));
            }
            if reply.status == StatusCode::FORBIDDEN && !reply.body.contains("front desk") {
                failures.push(format!(
                    "{method} {path} as {who:?}: 403 without what roles may do"
                ));
            }
            if reply.status.is_success() || reply.status.is_redirection() {
                for text in &who.foreign(&a, &b) {
                    if reply.body.contains(text.as_str()) {
                        failures.push(format!("{method} {path} as {who:?}: leaks {text:?}"));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
