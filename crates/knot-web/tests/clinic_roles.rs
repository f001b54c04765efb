//! Every role × every clinic route, walked from the router's own table
//! (`knot_web::clinic_route_table`): a route without an expectation here fails the test. Two
//! clinics are built; each call targets clinic A. Outsiders (another clinic's staff, an account
//! with no clinic) get 404, never 403; members whose role may not act get 403; and no 2xx body
//! names anything of a clinic the caller is not on the staff of.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use clinic::{build, send, Clinic};
use signed_in::{app, clear_answers, sign_up_staff};

use clinic::roles::Who::{self, *};
use clinic::roles::{ADMIN, ALL, CLINICAL, CONTACT, STAFF};

/// What a route answers: `ok` for the roles in `who` (every signed-in account when `open`),
/// 403 for other members of the clinic, 404 for outsiders, 401 without a session.
struct Expect {
    who: &'static [Who],
    open: bool,
    ok: StatusCode,
    body: Option<Value>,
}

fn expect(method: &Method, path: &str) -> Option<Expect> {
    let e = |who, ok: u16, body: Option<Value>| Expect {
        who,
        open: false,
        ok: StatusCode::from_u16(ok).expect("status"),
        body,
    };
    let consent =
        json!({"kind": "general", "given_by": "client", "given_at": "2026-01-01T00:00:00Z"});
    let finding = json!({"trigger_point_id": "upper-trapezius-1", "side": "right", "tender": true,
        "taut_band": true, "referral_reproduced": false, "referral_regions": [], "twitch": false,
        "jump_sign": false, "ppt_kpa": null, "note": null});
    let treatment = json!({"trigger_point_id": "upper-trapezius-1", "side": "right",
        "technique": "sustained-compression", "tool": "thumb", "discomfort": 6,
        "hold_seconds": 60, "passes": 1, "response": "softened"});
    let soap = json!({"subjective": "s", "objective": "o", "assessment": "a", "plan": "p"});
    let c = "/api/v1/clinic/{clinic}";
    let cl = "/api/v1/clinic/{clinic}/clients/{client}";
    let v = "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}";
    let rest = path
        .strip_prefix(v)
        .map(|r| ("visit", r))
        .or_else(|| path.strip_prefix(cl).map(|r| ("client", r)))
        .or_else(|| path.strip_prefix(c).map(|r| ("clinic", r)))
        .unwrap_or(("top", path));
    Some(match (method.as_str(), rest) {
        ("POST", ("top", "/api/v1/clinic")) => Expect {
            who: &[],
            open: true,
            ok: StatusCode::CREATED,
            body: Some(json!({"name": "Another practice"})),
        },
        ("GET", ("top", "/api/v1/clinics")) => Expect {
            who: &[],
            open: true,
            ok: StatusCode::OK,
            body: None,
        },
        ("POST", ("top", "/api/v1/clinic/join")) => Expect {
            who: &[],
            open: true,
            ok: StatusCode::NOT_FOUND,
            body: Some(json!({"token": "no-such-token"})),
        },
        ("GET", ("clinic", "/settings")) => e(STAFF, 200, None),
        ("PATCH", ("clinic", "/settings")) => e(ADMIN, 200, Some(json!({"retention_years": 10}))),
        ("GET", ("clinic", "/staff")) => e(ADMIN, 200, None),
        ("DELETE", ("clinic", "/staff/{user}")) => e(ADMIN, 204, None),
        ("POST", ("clinic", "/invitations")) => e(
            ADMIN,
            201,
            Some(json!({"email": "new@example.org", "role": "therapist"})),
        ),
        ("POST", ("clinic", "/clients")) => e(STAFF, 201, Some(json!({"display_name": "Walk In"}))),
        ("GET", ("clinic", "/clients")) => e(STAFF, 200, None),
        ("GET", ("client", "")) => e(CONTACT, 200, None),
        ("PATCH", ("client", "")) => e(CONTACT, 200, Some(json!({"phone": "555-0100"}))),
        // The retention period is years away: refused with the reason.
        ("DELETE", ("client", "")) => e(ADMIN, 409, None),
        ("GET", ("client", "/intake")) => e(CLINICAL, 200, None),
        ("PUT", ("client", "/intake")) => e(
            CLINICAL,
            200,
            Some(json!({"health_history": "none", "medications": "none"})),
        ),
        ("POST", ("client", "/therapists")) => e(ADMIN, 204, Some(json!({"therapist": 0}))),
        ("GET", ("client", "/consents")) => e(CLINICAL, 200, None),
        ("POST", ("client", "/consents")) => e(CLINICAL, 201, Some(consent)),
        ("POST", ("client", "/consents/{consent}/withdraw")) => {
            e(CLINICAL, 200, Some(json!({"note": "changed their mind"})))
        }
        ("POST", ("client", "/screening")) => {
            e(CLINICAL, 201, Some(json!({"answers": clear_answers()})))
        }
        // Walked after the POST above, so the treating therapist has one to read.
        ("GET", ("client", "/screening")) => e(CLINICAL, 200, None),
        ("POST", ("client", "/visits")) => e(CLINICAL, 201, Some(json!({"health_change": "none"}))),
        ("GET", ("client", "/visits")) => e(CLINICAL, 200, None),
        ("GET", ("visit", "")) => e(CLINICAL, 200, None),
        ("PUT", ("visit", "/drawing")) => e(CLINICAL, 200, Some(json!([]))),
        ("PUT", ("visit", "/rom")) => e(CLINICAL, 200, Some(json!([]))),
        ("POST", ("visit", "/findings")) => e(CLINICAL, 201, Some(finding)),
        ("POST", ("visit", "/treatments")) => e(CLINICAL, 201, Some(treatment)),
        ("PUT", ("visit", "/soap")) => e(CLINICAL, 200, Some(soap)),
        // Aimed at the signed visit: signing it again is 409.
        ("POST", ("visit", "/sign")) => e(CLINICAL, 409, None),
        ("POST", ("visit", "/addenda")) => {
            e(CLINICAL, 201, Some(json!({"text": "called back: better"})))
        }
        ("GET", ("visit", "/verify")) => e(CLINICAL, 200, None),
        ("GET", ("visit", "/history")) => e(CLINICAL, 200, None),
        ("GET", ("clinic", "/audit")) => e(ADMIN, 200, None),
        _ => return None,
    })
}

/// The address of `path` in clinic `a`: sign, addenda and verify aim at the signed visit, the
/// rest at the open one.
fn fill(path: &str, a: &Clinic) -> String {
    let visit = if ["/sign", "/addenda", "/verify"]
        .iter()
        .any(|end| path.ends_with(end))
    {
        a.signed_visit
    } else {
        a.open_visit
    };
    path.replace("{clinic}", &a.id.to_string())
        .replace("{client}", &a.client.to_string())
        .replace("{visit}", &visit.to_string())
        .replace("{consent}", &a.spare_consent.to_string())
        .replace("{user}", &a.spare_id.to_string())
}

fn expected(who: Who, e: &Expect) -> StatusCode {
    match who {
        Anonymous => StatusCode::UNAUTHORIZED,
        _ if e.open || e.who.contains(&who) => e.ok,
        Admin | Treating | NotTreating | FrontDesk => StatusCode::FORBIDDEN,
        OtherAdmin | OtherTherapist | NoClinic => StatusCode::NOT_FOUND,
    }
}

#[tokio::test]
async fn every_role_gets_its_status_on_every_clinic_route_and_nothing_of_another_clinic() {
    let app = app().await;
    let a = build(&app, "a").await;
    let b = build(&app, "b").await;
    let nobody = sign_up_staff(&app, "nobody@example.org").await;
    let routes = knot_web::clinic_route_table();
    assert!(routes.len() >= 25, "{routes:?}");
    let mut failures = Vec::new();
    for (method, path) in routes {
        let Some(mut e) = expect(&method, path) else {
            failures.push(format!("{method} {path}: no expectation in this test"));
            continue;
        };
        if path.ends_with("/therapists") {
            e.body = Some(json!({"therapist": a.treating_id}));
        }
        for who in ALL {
            let uri = fill(path, &a);
            let reply = send(
                &app,
                method.clone(),
                &uri,
                who.session(&a, &b, &nobody),
                e.body.as_ref(),
            )
            .await;
            let want = expected(who, &e);
            if reply.status != want {
                failures.push(format!(
                    "{method} {path} as {who:?}: {} (wanted {want}): {}",
                    reply.status, reply.body
                ));
            }
            if reply.status == StatusCode::FORBIDDEN && !reply.body.contains("front desk") {
                failures.push(format!(
                    "{method} {path} as {who:?}: 403 without what roles may do"
                ));
            }
            if reply.status.is_success() {
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
