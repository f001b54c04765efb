//! The OpenAPI description of the signed-in HTML pages and their forms (for completeness, like
//! the public pages): each answers HTML, sends a visitor without a session to `/signin` (303),
//! and refuses a form without the session's CSRF token (403).

use serde_json::{json, Value};

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn form(fields: &[(&str, &str)]) -> Value {
    let properties: serde_json::Map<String, Value> = fields
        .iter()
        .map(|(name, description)| {
            (
                name.to_string(),
                json!({"type": "string", "description": description}),
            )
        })
        .collect();
    json!({"required": true, "content": {"application/x-www-form-urlencoded": {
        "schema": {"type": "object", "properties": properties}}}})
}

pub(super) fn page(id: &str, summary: &str) -> Value {
    json!({"tags": ["pages"], "operationId": id, "summary": summary,
        "responses": {"200": html("The page."),
            "303": {"description": "Not signed in: to /signin."}}})
}

/// A form post of a signed-in page: redirects on success (303), shows the form again with the
/// problems on a refusal.
pub(super) fn post(id: &str, summary: &str, fields: &[(&str, &str)], refused: &str) -> Value {
    let mut with_csrf = vec![("csrf", "The session's CSRF token (a hidden field).")];
    with_csrf.extend_from_slice(fields);
    let mut operation = json!({"tags": ["pages"], "operationId": id, "summary": summary,
        "requestBody": form(&with_csrf),
        "responses": {"303": {"description": "Done (or not signed in): the next page."},
            "403": html("The CSRF token is missing or wrong.")}});
    if !refused.is_empty() {
        operation["responses"]["422"] = html(refused);
    }
    operation
}

fn id_param() -> Value {
    json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])
}

/// `POST /account/delete`: a form post that may also meet a clinic's claim (409) or the
/// sign-in's pause (429).
fn delete_account_post() -> Value {
    let mut operation = post(
        "accountDeleteSubmit",
        "Delete the account and erase every record of it (303 to /account/deleted, signed out)",
        &[
            ("password", "Your password."),
            (
                "confirm",
                "Any value: you understand this erases your records for good.",
            ),
        ],
        "No confirmation, or a wrong password (counted as a failed sign-in); nothing was deleted.",
    );
    operation["responses"]["409"] =
        html("The account is on a clinic's staff: an admin of the clinic must remove it first.");
    operation["responses"]["429"] = html("Too many failed sign-ins (Retry-After).");
    operation
}

/// The pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let sign_form = |id: &str, summary: &str, fields: &[(&str, &str)]| {
        let mut with_token = vec![(
            "form_token",
            "Echoes the knot_form cookie (a token signed by the server, refused when empty or expired).",
        )];
        with_token.extend_from_slice(fields);
        json!({"tags": ["pages"], "operationId": id, "summary": summary,
            "requestBody": form(&with_token),
            "responses": {"303": {"description": "Signed in: the cookie is set."},
                "401": html("Wrong e-mail or password."), "403": html("The form expired."),
                "422": html("A field is unusable, or the account could not be made (in words that do not say whether the e-mail is taken)."),
                "429": html("Too many failed sign-ins or sign-ups (Retry-After).")}})
    };
    let mut entry = page(
        "diaryEntryPage",
        "One diary entry, its history and correction form",
    );
    entry["parameters"] = id_param();
    let mut correct = post(
        "diaryCorrect",
        "Correct an entry",
        &[("kind", ""), ("…", "As the Diary form.")],
        "The correction is unusable.",
    );
    correct["parameters"] = id_param();
    let mut delete = post("diaryDelete", "Delete an entry", &[], "");
    delete["parameters"] = id_param();
    let mut diary = page("diaryPage", "The diary: forms and entries");
    let cursor = |name: &str, description: &str| {
        json!({"name": name, "in": "query", "required": false, "description": description,
            "schema": {"type": "string"}})
    };
    diary["description"] = json!(
        "The current entries, 60 to a page, newest first, with \
        Older entries and Newer entries links that carry a cursor."
    );
    diary["parameters"] = json!([
        cursor(
            "after",
            "A cursor from an Older entries link: the entries older than it."
        ),
        cursor(
            "before",
            "A cursor from a Newer entries link: the entries newer than it."
        )
    ]);
    diary["responses"]["400"] = html("A link to older or newer entries is damaged.");
    let mut tick = post(
        "treatTick",
        "The session timer: seconds passed",
        &[("elapsed", "Seconds.")],
        "",
    );
    tick["responses"]["200"] = json!({"description": "The step panel.",
        "content": {"application/json": {"schema": {"type": "object"}}}});
    tick["responses"]["404"] = html("No guided session is in progress.");
    let mut plan_build = post(
        "planBuild",
        "Build a home plan (saved, or shown unsaved as a preview)",
        &[
            ("points", "ID:SIDE, separated by commas."),
            ("cap_minutes", "5-60."),
            ("dry_run", "Any value: preview without saving."),
        ],
        "A point or the cap is unusable; nothing stored.",
    );
    plan_build["responses"]["200"] = html("The preview, not saved.");
    plan_build["responses"]["409"] =
        html("No screening on record (the page points to the Screen page); nothing stored.");
    vec![
        (
            "/signup",
            json!({"get": page("signUpPage", "Create an account"),
            "post": sign_form("signUpSubmit", "Register", &[("email", ""), ("display_name", ""),
                ("password", "At least 10 characters."), ("confirm", "The password again."),
                ("next", "A local path to go to once the account is made (an invitation link); \
                    else the screening.")])}),
        ),
        (
            "/signin",
            json!({"get": page("signInPage", "Sign in"),
            "post": sign_form("signInSubmit", "Sign in", &[("email", ""), ("password", ""),
                ("next", "A local path to return to.")])}),
        ),
        (
            "/signin/two-factor",
            json!({"get": {"tags": ["pages"], "operationId": "signInTwoFactorPage",
                "summary": "The second step of signing in: the code from the authenticator app",
                "responses": {"200": html("The code form (needs the knot_second_step cookie the sign-in form set)."),
                    "303": {"description": "No sign-in waiting for a code: to /signin."}}},
            "post": {"tags": ["pages"], "operationId": "signInTwoFactorSubmit",
                "summary": "Finish signing in with a code or a recovery code",
                "requestBody": form(&[("form_token", "Echoes the knot_form cookie."),
                    ("code", "The 6-digit code, or a recovery code."),
                    ("next", "A local path to return to.")]),
                "responses": {"303": {"description": "Signed in: the cookie is set."},
                    "401": html("The sign-in expired (5 minutes) or is not this browser's: sign in again."),
                    "403": html("The form expired."),
                    "422": html("The code is wrong or was used already."),
                    "429": html("Too many failed sign-ins (Retry-After).")}}}),
        ),
        (
            "/account/two-factor",
            json!({"get": page("accountTwoFactorPage", "Two-factor sign-in: its status, or the QR code and key to turn it on"),
            "post": {"tags": ["pages"], "operationId": "accountTwoFactorOn",
                "summary": "Turn on two-factor sign-in with a code that proves the app has the key",
                "requestBody": form(&[("csrf", "The session's CSRF token (a hidden field)."),
                    ("secret", "The key the page offered (a hidden field)."),
                    ("tag", "The server's signature of the offer (a hidden field)."),
                    ("code", "The 6-digit code from the app."),
                    ("next", "A local path to continue to.")]),
                "responses": {"200": html("On: the 10 recovery codes, shown once."),
                    "303": {"description": "Already on (or not signed in)."},
                    "403": html("The CSRF token is missing or wrong."),
                    "422": html("The code is wrong, or the offer expired; nothing turned on.")}}}),
        ),
        (
            "/account/two-factor/off",
            json!({"post": post("accountTwoFactorOff", "Turn off two-factor sign-in",
                &[("password", "The account's password, again.")], "The password is not right.")}),
        ),
        (
            "/account",
            json!({"get": page("accountPage", "The account and its security events")}),
        ),
        (
            "/account/sessions/{session}/end",
            json!({"post": {"tags": ["pages"], "operationId": "endSession",
                "summary": "Sign out one of the account's other browsers (by the reference the account page shows)",
                "parameters": [{"name": "session", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": form(&[("csrf", "The session's CSRF token (a hidden field).")]),
                "responses": {"303": {"description": "Done (or not signed in): back to the account page."},
                    "403": html("The CSRF token is missing or wrong."),
                    "404": html("No browser of the account has this reference."),
                    "409": html("That is this browser: use Sign out.")}}}),
        ),
        (
            "/account/sessions/end-others",
            json!({"post": post("endOtherSessions", "Sign out every other browser of the account", &[], "")}),
        ),
        (
            "/account/data",
            json!({"get": page("accountDataPage", "Your data: the downloads of your records")}),
        ),
        (
            "/account/data/{file}",
            json!({"get": {"tags": ["pages"], "operationId": "accountDataFile",
                "summary": "Download your records: knot-diary.csv, knot-sessions.csv (RFC 4180 CSV, columns in docs/csv-export.md) or knot-record.fhir.json (an HL7 FHIR R4 Bundle)",
                "parameters": [{"name": "file", "in": "path", "required": true,
                    "schema": {"type": "string", "enum": ["knot-diary.csv", "knot-sessions.csv", "knot-record.fhir.json"]}}],
                "responses": {"200": {"description": "The file, as an attachment.", "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/fhir+json": {"schema": {"type": "object"}}}},
                    "303": {"description": "Not signed in: to /signin."},
                    "404": html("No such file to download.")}}}),
        ),
        (
            "/account/delete",
            json!({"get": page("accountDeletePage", "Delete your account: what is erased, what a clinic keeps"),
            "post": delete_account_post()}),
        ),
        (
            "/account/deleted",
            json!({"get": {"tags": ["pages"], "operationId": "accountDeletedPage",
                "summary": "The account is deleted: goodbye",
                "responses": {"200": html("The page.")}}}),
        ),
        (
            "/signout",
            json!({"post": post("signOutSubmit", "Sign out", &[], "")}),
        ),
        (
            "/screen",
            json!({"get": page("screenPage", "The safety screening and its latest outcome"),
            "post": post("screenSubmit", "Take the screening", &[("q.QUESTION-ID", "Each answer."),
                ("pain_regions", "Where it hurt in the past week.")], "An answer is unusable.")}),
        ),
        (
            "/diary",
            json!({"get": diary,
            "post": post("diaryAdd", "Log an entry", &[("kind", "pain, threshold, range_of_motion, function or note."),
                ("…", "The kind's fields, remark, when.")], "The entry is unusable; nothing stored.")}),
        ),
        ("/diary/{id}", json!({"get": entry})),
        ("/diary/{id}/correct", json!({"post": correct})),
        ("/diary/{id}/delete", json!({"post": delete})),
        (
            "/progress",
            json!({"get": page("progressPage", "Summary and charts")}),
        ),
        (
            "/progress.pdf",
            json!({"get": {"tags": ["pages"], "operationId": "progressPdf",
                "summary": "The progress report as a one- or two-page PDF for a physician (the same as `knot progress --pdf`), with the latest screening's flags",
                "parameters": [
                    {"name": "since", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
                    {"name": "until", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}}],
                "responses": {"200": {"description": "The PDF, as the attachment knot-progress-YYYY-MM-DD.pdf (the period's last day).",
                    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                    "303": {"description": "Not signed in: to /signin."},
                    "400": html("A day is not a date."),
                    "422": html("A day records cannot have.")}}}),
        ),
        (
            "/treat",
            json!({"get": page("treatPage", "The guided session, or the form to start one")}),
        ),
        (
            "/treat/start",
            json!({"post": post("treatStart", "Start a guided session",
            &[("point", "Trigger point id."), ("side", "left or right."), ("target", "3-7.")],
            "Unusable choice (409: no screening, or blocked by it).")}),
        ),
        (
            "/treat/step",
            json!({"post": post("treatStep", "One event of the session",
            &[("event", "continue, skip, pause, resume, quit, yes, no, pain-N, discomfort-N, sensation-NAME.")],
            "")}),
        ),
        ("/treat/tick", json!({"post": tick})),
        (
            "/plan",
            json!({"get": page("planPage", "The active home plan, today's place in it, and \
            the form to build one"), "post": plan_build}),
        ),
    ]
}
