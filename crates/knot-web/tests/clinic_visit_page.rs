//! The clinic visit page end to end, through the pages as a browser uses them: open a visit
//! (its warnings shown), save a pain drawing, see the finder's candidates, chart a finding
//! (its safety warnings shown), a treatment and range of motion, draft and save the note, sign
//! it (read-only afterwards, the hash checked) and add an addendum. Also: signing refused while
//! a sensitive area's consent is missing, the front desk's 403, another clinic's 404, a post
//! without its CSRF token, and bad input shown again with nothing stored.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use clinic::{build, ok, Clinic};
use signed_in::{app, form, location, page, post, App, Session};

fn client_url(c: &Clinic) -> String {
    format!("/clinic/{}/clients/{}", c.id, c.client)
}

/// Opens a visit through the page's form; the visit page's address (with its query).
async fn start(app: &App, c: &Clinic, who: &Session) -> String {
    let reply = post(
        app,
        &format!("{}/visits", client_url(c)),
        who,
        &[("health_change", "none")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    location(&reply)
}

/// The visit's address without its query.
fn bare(url: &str) -> String {
    url.split('?').next().unwrap_or(url).to_string()
}

/// The visit as the JSON API reads it.
async fn stored(app: &App, c: &Clinic, visit_url: &str) -> Value {
    let id = visit_url.rsplit('/').next().expect("visit id");
    ok(
        app,
        Method::GET,
        &format!("/api/v1{}/visits/{id}", client_url(c)),
        &c.treating,
        None,
        StatusCode::OK,
    )
    .await
}

fn count(visit: &Value, list: &str) -> usize {
    visit[list].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn a_visit_goes_from_drawing_to_signed_note_through_the_pages() {
    let app = app().await;
    let c = build(&app, "vp1").await;
    let t = &c.treating;
    let started = start(&app, &c, t).await;
    assert!(started.contains("?started="), "{started}");
    let v = bare(&started);

    // The start's warning: no health-history review on record.
    let first = page(&app, &started, t).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("Before treating"), "{}", first.body);
    assert!(
        first
            .body
            .contains("health history has never been reviewed"),
        "{}",
        first.body
    );
    for heading in [
        "Pain drawing",
        "Candidates",
        "Findings",
        "Range of motion",
        "Treatment",
        "SOAP note",
        "History",
    ] {
        assert!(
            first.body.contains(&format!("\">{heading}</h2>")),
            "no {heading}"
        );
    }
    assert!(first.body.contains("Save a pain drawing first"));

    // The drawing, then the candidates for it.
    let saved = post(
        &app,
        &format!("{v}/drawing"),
        t,
        &[
            ("region", "right-temple:3"),
            ("region", "right-side-of-neck:2"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let drawn = page(&app, &location(&saved), t).await;
    assert!(drawn.body.contains("Pain drawing saved."), "{}", drawn.body);
    assert!(
        drawn.body.contains("class=\"visit-candidates\""),
        "{}",
        drawn.body
    );
    assert!(drawn.body.contains("Upper trapezius"), "{}", drawn.body);
    assert!(drawn.body.contains("not a diagnosis"));
    let visit = stored(&app, &c, &v).await;
    assert_eq!(
        visit["visit"]["pain_drawing"][0]["region"], "right-temple",
        "{visit}"
    );
    assert_eq!(visit["visit"]["pain_drawing"][0]["intensity"], 9);

    // A finding: saved, and the safety warnings for it shown after the redirect.
    let found = post(
        &app,
        &format!("{v}/findings"),
        t,
        &[
            ("trigger_point", "upper-trapezius-1"),
            ("side", "right"),
            ("tender", "yes"),
            ("taut_band", "yes"),
            ("referral_reproduced", "yes"),
            ("referral_regions", "right-temple"),
            ("ppt_kpa", "250"),
            ("note", "cord-like band"),
        ],
    )
    .await;
    assert_eq!(found.status, StatusCode::SEE_OTHER, "{}", found.body);
    let after = location(&found);
    assert!(after.contains("saved=finding-"), "{after}");
    let shown = page(&app, &after, t).await;
    assert!(shown.body.contains("Finding recorded."), "{}", shown.body);
    assert!(
        shown.body.contains("Safety warnings for this entry"),
        "{}",
        shown.body
    );
    assert!(shown
        .body
        .contains("tender, taut band, referral reproduced"));

    // A treatment and a range of motion.
    let treated = post(
        &app,
        &format!("{v}/treatments"),
        t,
        &[
            ("trigger_point", "upper-trapezius-1"),
            ("side", "right"),
            ("technique", "sustained-compression"),
            ("tool", "thumb"),
            ("discomfort", "6"),
            ("hold_seconds", "60"),
            ("passes", "2"),
            ("response", "softened"),
        ],
    )
    .await;
    assert_eq!(treated.status, StatusCode::SEE_OTHER, "{}", treated.body);
    assert!(location(&treated).contains("saved=treatment-"));
    let measured = post(
        &app,
        &format!("{v}/rom"),
        t,
        &[
            ("movement", "cervical-rotation"),
            ("side", "left"),
            ("degrees", "60"),
        ],
    )
    .await;
    assert_eq!(measured.status, StatusCode::SEE_OTHER, "{}", measured.body);
    let visit = stored(&app, &c, &v).await;
    assert_eq!(count(&visit, "findings"), 1, "{visit}");
    assert_eq!(count(&visit, "treatments"), 1, "{visit}");
    assert_eq!(visit["visit"]["rom"][0]["degrees"], 60.0, "{visit}");

    // The draft fills the boxes without saving; "Save note" saves.
    let drafted = post(
        &app,
        &format!("{v}/soap"),
        t,
        &[
            ("subjective", ""),
            ("objective", ""),
            ("assessment", ""),
            ("plan", ""),
            ("action", "draft"),
        ],
    )
    .await;
    assert_eq!(drafted.status, StatusCode::OK, "{}", drafted.body);
    assert!(drafted.body.contains("Drafted from the chart"));
    assert!(
        drafted.body.contains("upper trapezius"),
        "the draft names the point: {}",
        drafted.body
    );
    assert_eq!(stored(&app, &c, &v).await["visit"]["soap"]["objective"], "");
    let note = post(
        &app,
        &format!("{v}/soap"),
        t,
        &[
            ("subjective", "neck ache, right"),
            ("objective", "TrP R upper trapezius"),
            ("assessment", "eased after compression"),
            ("plan", "again in a week"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER, "{}", note.body);

    // Signing locks it: no forms, the signature and the hash check, then an addendum.
    let signed = post(&app, &format!("{v}/sign"), t, &[]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    let locked = page(&app, &location(&signed), t).await;
    assert!(locked.body.contains("Signed by Sam"), "{}", locked.body);
    assert!(locked.body.contains("still matches what was signed"));
    assert!(!locked.body.contains("Record finding"));
    assert!(!locked.body.contains("Save note"));
    assert!(locked.body.contains("eased after compression"));
    assert!(locked.body.contains("Add addendum"));
    assert!(locked.body.contains("\">Addenda</h2>"));

    let late = post(
        &app,
        &format!("{v}/findings"),
        t,
        &[("trigger_point", "upper-trapezius-1"), ("side", "left")],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(late.body.contains("Nothing was stored."), "{}", late.body);
    let again = post(&app, &format!("{v}/sign"), t, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("already signed"), "{}", again.body);

    let empty = post(&app, &format!("{v}/addenda"), t, &[("addendum", "  ")]).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    let added = post(
        &app,
        &format!("{v}/addenda"),
        t,
        &[("addendum", "client called: soreness gone next day")],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let last = page(&app, &location(&added), t).await;
    assert!(last.body.contains("client called: soreness gone next day"));
    assert!(last.body.contains("by Sam"), "{}", last.body);
    assert!(
        last.body.contains("eased after compression"),
        "original kept"
    );
    assert!(last.body.contains("still matches what was signed"));
    let visit = stored(&app, &c, &v).await;
    assert_eq!(count(&visit, "findings"), 1, "{visit}");
    assert_eq!(count(&visit, "addenda"), 1, "{visit}");

    // The next visit shows this one's drawing against its own, and the point's history.
    let next = start(&app, &c, t).await;
    let following = page(&app, &next, t).await;
    assert!(following.body.contains("Last visit"), "{}", following.body);
    assert!(following.body.contains("9/10"), "{}", following.body);
    assert!(following.body.contains("Sustained"), "{}", following.body);
}

#[tokio::test]
async fn signing_waits_for_a_sensitive_area_consent() {
    let app = app().await;
    let c = build(&app, "vp2").await;
    let t = &c.treating;
    let v = bare(&start(&app, &c, t).await);
    let treated = post(
        &app,
        &format!("{v}/treatments"),
        t,
        &[
            ("trigger_point", "gluteus-maximus-1"),
            ("side", "right"),
            ("technique", "sustained-compression"),
            ("tool", "elbow"),
            ("discomfort", "5"),
            ("hold_seconds", "45"),
            ("passes", "1"),
            ("response", "eased"),
        ],
    )
    .await;
    assert_eq!(treated.status, StatusCode::SEE_OTHER, "{}", treated.body);
    let refused = post(&app, &format!("{v}/sign"), t, &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains("consent"), "{}", refused.body);
    assert!(refused.body.contains("Sign the note"), "the form stays");
    let visit = stored(&app, &c, &v).await;
    assert!(visit["visit"]["signature"].is_null(), "{visit}");
    let still = page(&app, &v, t).await;
    assert!(still.body.contains("Draft, not signed yet"));
}

#[tokio::test]
async fn the_front_desk_gets_403_and_another_clinic_404() {
    let app = app().await;
    let c = build(&app, "vp3").await;
    let other = build(&app, "vp3b").await;
    let v = format!("{}/visits/{}", client_url(&c), c.open_visit);

    let desk = page(&app, &v, &c.front_desk).await;
    assert_eq!(desk.status, StatusCode::FORBIDDEN, "{}", desk.body);
    assert!(desk.body.contains("front desk keeps the client list"));
    let desk_start = post(
        &app,
        &format!("{}/visits", client_url(&c)),
        &c.front_desk,
        &[("health_change", "none")],
    )
    .await;
    assert_eq!(desk_start.status, StatusCode::FORBIDDEN);

    let outsider = page(&app, &v, &other.treating).await;
    assert_eq!(outsider.status, StatusCode::NOT_FOUND, "{}", outsider.body);
    let outsider_post = post(
        &app,
        &format!("{v}/findings"),
        &other.treating,
        &[("trigger_point", "upper-trapezius-1"), ("side", "right")],
    )
    .await;
    assert_eq!(outsider_post.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&stored(&app, &c, &v).await, "findings"), 0);
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let app = app().await;
    let c = build(&app, "vp4").await;
    let v = format!("{}/visits/{}", client_url(&c), c.open_visit);
    let reply = form(
        &app,
        &format!("{v}/findings"),
        &c.treating.cookie,
        &[("trigger_point", "upper-trapezius-1"), ("side", "right")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert_eq!(count(&stored(&app, &c, &v).await, "findings"), 0);
}

#[tokio::test]
async fn bad_input_is_shown_beside_its_form_and_nothing_is_stored() {
    let app = app().await;
    let c = build(&app, "vp5").await;
    let t = &c.treating;
    let v = format!("{}/visits/{}", client_url(&c), c.open_visit);

    let bad_number = post(
        &app,
        &format!("{v}/findings"),
        t,
        &[
            ("trigger_point", "upper-trapezius-1"),
            ("side", "right"),
            ("tender", "yes"),
            ("ppt_kpa", "lots"),
            ("note", "kept as typed"),
        ],
    )
    .await;
    assert_eq!(bad_number.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_number.body.contains("Pressure threshold (kPa)"));
    assert!(
        bad_number.body.contains("&#34;lots&#34;"),
        "{}",
        bad_number.body
    );
    assert!(
        bad_number.body.contains("kept as typed"),
        "the note is kept"
    );

    let unknown = post(
        &app,
        &format!("{v}/findings"),
        t,
        &[("trigger_point", "no-such-point"), ("side", "right")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.body.contains("no trigger point"),
        "{}",
        unknown.body
    );

    let too_much = post(
        &app,
        &format!("{v}/treatments"),
        t,
        &[
            ("trigger_point", "upper-trapezius-1"),
            ("side", "right"),
            ("technique", "sustained-compression"),
            ("tool", "thumb"),
            ("discomfort", "11"),
        ],
    )
    .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_much.body.contains("Discomfort (0–10)"),
        "{}",
        too_much.body
    );

    let long_hold = post(
        &app,
        &format!("{v}/treatments"),
        t,
        &[
            ("trigger_point", "upper-trapezius-1"),
            ("side", "right"),
            ("technique", "sustained-compression"),
            ("tool", "thumb"),
            ("discomfort", "5"),
            ("hold_seconds", "400"),
        ],
    )
    .await;
    assert_eq!(long_hold.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        long_hold.body.contains("hold_seconds"),
        "{}",
        long_hold.body
    );

    let place = post(
        &app,
        &format!("{v}/drawing"),
        t,
        &[("region", "no-where:2")],
    )
    .await;
    assert_eq!(place.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(place.body.contains("not a body region"), "{}", place.body);

    let rom = post(
        &app,
        &format!("{v}/rom"),
        t,
        &[("movement", "cervical-rotation"), ("degrees", "far")],
    )
    .await;
    assert_eq!(rom.status, StatusCode::UNPROCESSABLE_ENTITY);

    let visit = stored(&app, &c, &v).await;
    assert_eq!(count(&visit, "findings"), 0, "{visit}");
    assert_eq!(count(&visit, "treatments"), 0, "{visit}");
    assert_eq!(count(&visit["visit"], "pain_drawing"), 0, "{visit}");
    assert_eq!(count(&visit["visit"], "rom"), 0, "{visit}");

    // The health-change question is the one thing a start needs.
    let unanswered = post(
        &app,
        &format!("{}/visits", client_url(&c)),
        t,
        &[("health_change", " ")],
    )
    .await;
    assert_eq!(unanswered.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_drawing_works_without_the_script_and_a_candidate_preselects_the_forms() {
    let app = app().await;
    let c = build(&app, "vp6").await;
    let t = &c.treating;
    let v = format!("{}/visits/{}", client_url(&c), c.open_visit);
    let blank = page(&app, &v, t).await;
    assert!(
        blank.body.contains("name=\"region_list\""),
        "the fallback list"
    );
    assert!(blank.body.contains("data-bodymap=\"drawing\""));

    // Without the script only the list counts (the chart's hidden inputs are not sent then).
    let saved = post(
        &app,
        &format!("{v}/drawing"),
        t,
        &[
            ("nojs", "1"),
            ("region", "left-temple:3"),
            ("region_list", "right-temple:2"),
            ("region_list", "right-back-of-neck:1"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let drawing = &stored(&app, &c, &v).await["visit"]["pain_drawing"];
    assert_eq!(drawing.as_array().map(Vec::len), Some(2), "{drawing}");
    assert_eq!(drawing[0]["region"], "right-temple");
    assert_eq!(drawing[0]["intensity"], 6);
    assert_eq!(drawing[1]["intensity"], 3);
    let shown = page(&app, &v, t).await;
    assert!(shown.body.contains("value=\"right-temple:2\" selected"));

    // A candidate's link chooses its point and side in the findings and treatment forms.
    let chosen = page(&app, &format!("{v}?point=upper-trapezius-1&side=right"), t).await;
    assert_eq!(chosen.status, StatusCode::OK);
    let selected = chosen
        .body
        .matches("<option value=\"upper-trapezius-1\" selected>")
        .count();
    assert_eq!(selected, 2, "findings and treatment forms");
    assert_eq!(
        chosen
            .body
            .matches("<option value=\"right\" selected>")
            .count(),
        2
    );
}
