//! The OpenAPI description of the signed-in half: accounts, screening, diary, sessions and
//! progress, their schemas, the session cookie and CSRF header, and the signed-in pages.

use serde_json::{json, Value};

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn body(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn error(description: &str) -> Value {
    body(description, schema_ref("Error"))
}

fn request(name: &str) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema_ref(name)}}})
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
        "schema": schema})
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": "The entry's id.",
        "schema": {"type": "integer"}})
}

/// Signed in: the cookie; a change also needs the CSRF header.
fn signed_in(changes: bool) -> Value {
    if changes {
        json!([{"session": [], "csrf": []}])
    } else {
        json!([{"session": []}])
    }
}

/// An operation of a signed-in person, with the refusals every such call may get.
fn operation(tag: &str, id: &str, summary: &str, changes: bool, mut responses: Value) -> Value {
    responses["401"] = error("Not signed in (or the session ended): sign in first.");
    if changes {
        responses["403"] = error("The X-CSRF-Token header is missing or wrong.");
    }
    json!({"tags": [tag], "operationId": id, "summary": summary, "security": signed_in(changes),
        "responses": responses})
}

/// Adds the signed-in half to the document: tags, paths, schemas and the security schemes.
pub(super) fn extend(document: &mut Value) {
    if let Some(list) = document["tags"].as_array_mut() {
        list.extend(tags());
    }
    if let Some(map) = document["paths"].as_object_mut() {
        for (path, item) in paths() {
            map.insert(path.to_string(), item);
        }
    }
    if let Some(map) = document["components"]["schemas"].as_object_mut() {
        for (name, schema) in super::signed_in_schemas::all() {
            map.insert(name.to_string(), schema);
        }
        for (name, schema) in super::password_doc::schemas() {
            map.insert(name.to_string(), schema);
        }
    }
    document["components"]["securitySchemes"] = security_schemes();
}

/// The tags of these operations.
fn tags() -> Vec<Value> {
    vec![
        json!({"name": "account", "description": "Register, sign in and out, security events. \
            Signing in sets the session cookie and returns the CSRF token for X-CSRF-Token."}),
        json!({"name": "screening", "description": "The safety screening before treatment."}),
        json!({"name": "diary", "description": "Pain, pressure threshold, range of motion, \
            activities and notes."}),
        json!({"name": "sessions", "description": "Guided treatment sessions."}),
        json!({"name": "progress", "description": "What the records say about change."}),
        json!({"name": "plan", "description": "The home plan: trigger points by sitting, \
            within a daily cap on pressure time."}),
    ]
}

/// The cookie and the CSRF header.
fn security_schemes() -> Value {
    json!({
        "session": {"type": "apiKey", "in": "cookie", "name": "knot_session",
            "description": "Set by sign-in or sign-up; HttpOnly, SameSite=Lax."},
        "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
            "description": "The csrf_token from sign-in or GET /api/v1/account/me; required on \
                every call that changes data."},
    })
}

/// The API paths.
fn paths() -> Vec<(&'static str, Value)> {
    let mut paths = account_paths();
    paths.extend(record_paths());
    paths.extend(super::signed_in_pages_doc::paths());
    paths.extend(super::password_doc::paths());
    paths
}

fn account_paths() -> Vec<(&'static str, Value)> {
    let signed_in_reply = body("Signed in; the cookie is set.", schema_ref("SignedIn"));
    let signup = json!({"post": {"tags": ["account"], "operationId": "signUp",
        "summary": "Register and sign in",
        "requestBody": request("SignUpRequest"),
        "responses": {"201": signed_in_reply.clone(),
            "415": error("Not sent as application/json."),
            "422": error("A field is missing or unusable (the message names it), or the account \
                could not be made, in words that do not say whether the e-mail is taken."),
            "429": error("Too many sign-ups from this address or in all: wait for Retry-After \
                seconds.")}}});
    let signin = json!({"post": {"tags": ["account"], "operationId": "signIn",
        "summary": "Sign in",
        "requestBody": request("SignInRequest"),
        "responses": {"200": signed_in_reply.clone(),
            "202": body("The password is right, but the account has two-factor sign-in on: no \
                session yet; finish with POST /api/v1/account/signin/two-factor within 5 minutes.",
                schema_ref("TwoFactorRequired")),
            "401": error("Unknown e-mail or wrong password."),
            "415": error("Not sent as application/json."),
            "422": error("A field is missing."),
            "429": error("Too many failed sign-ins: wait for Retry-After seconds.")}}});
    let second_step = json!({"post": {"tags": ["account"], "operationId": "signInTwoFactor",
        "summary": "Finish a two-factor sign-in with a code",
        "requestBody": request("SecondStepRequest"),
        "responses": {"200": signed_in_reply,
            "401": error("The challenge is unknown, another's or expired: sign in again."),
            "415": error("Not sent as application/json."),
            "422": error("The code is wrong or was used already (or a field is missing)."),
            "429": error("Too many failed sign-ins: wait for Retry-After seconds.")}}});
    let signout = json!({"post": operation("account", "signOut", "Sign out", true,
        json!({"204": {"description": "Signed out; the cookie is cleared."}}))});
    let mut delete = operation(
        "account",
        "deleteAccount",
        "Delete the account and erase every record of it",
        true,
        json!({"204": {"description": "Erased (diary, sessions, plans, screenings, sign-in); \
                signed out, the cookie is cleared. The audit log keeps a line that names no data."},
            "409": error("The account is on a clinic's staff: an admin of the clinic must remove \
                it first (the clinic keeps the records it signed)."),
            "422": error("confirm is not true, or the password is wrong (counted as a failed \
                sign-in); nothing was deleted."),
            "429": error("Too many failed sign-ins: wait for Retry-After seconds.")}),
    );
    delete["requestBody"] = request("DeleteAccountRequest");
    let delete = json!({"post": delete});
    let me = json!({"get": operation("account", "me", "Who is signed in", false,
        json!({"200": body("The account and its CSRF token.", schema_ref("SignedIn"))}))});
    let events = json!({"get": operation("account", "securityEvents",
        "The account's security events, newest first", false,
        json!({"200": body("Failed sign-ins, lock-outs and refused requests (at most 100).",
            schema_ref("SecurityEvents"))}))});
    vec![
        ("/api/v1/account/signup", signup),
        ("/api/v1/account/signin", signin),
        ("/api/v1/account/signin/two-factor", second_step),
        ("/api/v1/account/signout", signout),
        ("/api/v1/account/delete", delete),
        ("/api/v1/account/me", me),
        ("/api/v1/account/security-events", events),
    ]
}

fn record_paths() -> Vec<(&'static str, Value)> {
    let questions = json!({"get": {"tags": ["screening"], "operationId": "screeningQuestions",
        "summary": "The screening's groups and questions",
        "responses": {"200": body("The rule table's questions.", schema_ref("ScreeningQuestions"))}}});
    let mut screening = operation(
        "screening",
        "screen",
        "Take the screening (judged and stored)",
        true,
        json!({"201": body("Stored, with its outcome.", schema_ref("ScreeningResult")),
            "422": error("An answer is missing or unusable; nothing was stored.")}),
    );
    screening["requestBody"] = request("ScreeningRequest");
    let latest = json!({"get": operation("screening", "latestScreening",
        "The latest screening, judged by today's rules", false,
        json!({"200": body("The screening and its outcome.", schema_ref("ScreeningResult")),
            "404": error("No screening yet.")}))});
    let kind_filter = query(
        "kind",
        "Only this kind.",
        json!({"type": "string",
        "enum": ["pain", "threshold", "range_of_motion", "function", "note"]}),
    );
    // A form's empty date field sends `since=`: empty means no bound, like leaving it out.
    let day = |name: &str, what: &str| {
        query(
            name,
            &format!("{what} YYYY-MM-DD, 1900-01-01 to tomorrow; empty for no bound."),
            json!({"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"}),
        )
    };
    let mut list = operation(
        "diary",
        "listDiary",
        "Diary entries, oldest first; whole or a page at a time",
        false,
        json!({"200": body("The entries; \"next\" is the cursor of the next page, null on \
                the last page and for the whole list.", schema_ref("EntryList")),
            "400": error("A query value is not a date; limit is not 1-500, order neither \
                oldest nor newest, or after not a cursor a page gave out; or a filter (since, \
                until, kind, history) given with a paging value (limit, order, after)."),
            "422": error("A day records cannot have, or not a kind of entry.")}),
    );
    list["description"] = json!(
        "Without limit, order or after: every entry the filters select, oldest first, with \
        \"next\" null. With any of them: one page of the current entries (filters cannot be \
        given), and \"next\" to pass as after for the page that follows, until it is null. \
        Pages are keyset pages (by the time recorded, then id): following next never repeats \
        an entry, nor skips one that stays as it was during the walk."
    );
    list["parameters"] = json!([
        day("since", "From this day (UTC)."),
        day("until", "Through this day (UTC)."),
        kind_filter,
        query(
            "history",
            "Also corrected and deleted entries.",
            json!({"type": "boolean"})
        ),
        query(
            "limit",
            "Read one page of at most this many current entries (100 when order or after is \
             given without it).",
            json!({"type": "integer", "minimum": 1, "maximum": knot_app::MAX_PAGE})
        ),
        query(
            "order",
            "Read one page from this end: oldest (the default) or newest first.",
            json!({"type": "string", "enum": ["oldest", "newest"]})
        ),
        query(
            "after",
            "Read the page after this cursor: the \"next\" of the previous page, unchanged.",
            json!({"type": "string", "pattern": "^k1_-?[0-9]+_[0-9]+_[0-9]+$"})
        )
    ]);
    let mut add = operation(
        "diary",
        "addEntry",
        "Log an entry",
        true,
        json!({"201": body("Stored.", schema_ref("Entry")),
            "422": error("The measure is outside its scale or names nothing known; nothing was stored.")}),
    );
    add["requestBody"] = request("EntryRequest");
    let mut correct = operation(
        "diary",
        "correctEntry",
        "Correct an entry (the original is kept as history)",
        true,
        json!({"200": body("The correction.", schema_ref("Entry")),
            "404": error("None of your entries has this id."),
            "409": error("Already corrected or deleted."),
            "422": error("The measure is unusable; nothing was stored.")}),
    );
    correct["requestBody"] = request("EntryRequest");
    correct["parameters"] = json!([id_param()]);
    let mut delete = operation(
        "diary",
        "deleteEntry",
        "Delete an entry",
        true,
        json!({"200": body("The entry, marked deleted.", schema_ref("Entry")),
            "404": error("None of your entries has this id."),
            "409": error("Already deleted or corrected.")}),
    );
    delete["parameters"] = json!([id_param()]);
    let mut sessions = operation(
        "sessions",
        "listSessions",
        "Sessions, oldest first",
        false,
        json!({"200": body("The sessions.", schema_ref("SessionList"))}),
    );
    sessions["parameters"] = json!([day("since", "From this day (UTC).")]);
    let mut add_session = operation(
        "sessions",
        "addSession",
        "Store a finished session",
        true,
        json!({"201": body("Stored.", schema_ref("Session")),
            "409": error("No screening yet, or the screening rules this treatment out."),
            "422": error("A value no real session can have; nothing was stored.")}),
    );
    add_session["requestBody"] = request("SessionRequest");
    let mut progress = operation(
        "progress",
        "progress",
        "The progress analysis",
        false,
        json!({"200": body("As `knot progress --json`.", schema_ref("ProgressReport")),
            "400": error("A query value is unusable.")}),
    );
    progress["parameters"] = json!([
        day("since", "First day."),
        day("until", "Last day."),
        query(
            "utc_offset",
            "Minutes east of UTC to count days in (UTC-14:00 to UTC+14:00).",
            json!({"type": "integer", "minimum": -840, "maximum": 840})
        )
    ]);
    vec![
        ("/api/v1/screening/questions", questions),
        ("/api/v1/screening", json!({"post": screening})),
        ("/api/v1/screening/latest", latest),
        ("/api/v1/diary", json!({"get": list, "post": add})),
        (
            "/api/v1/diary/{id}",
            json!({"put": correct, "delete": delete}),
        ),
        (
            "/api/v1/sessions",
            json!({"get": sessions, "post": add_session}),
        ),
        ("/api/v1/progress", json!({"get": progress})),
        ("/api/v1/plan", plan_path()),
    ]
}

fn plan_path() -> Value {
    let mut build = operation(
        "plan",
        "buildPlan",
        "Build a home plan (saved as the active one unless a dry run)",
        true,
        json!({"201": body("Saved as the active plan; the same object as `knot plan --json`.",
                schema_ref("Plan")),
            "200": body("A dry run: the plan as it would be, not saved (id null).",
                schema_ref("Plan")),
            "409": error("No screening on record: a plan is saved only after the safety \
                screening (POST /api/v1/screening); a dry run needs none. Nothing was stored."),
            "422": error("A trigger point, muscle or side cannot be used, or the cap is outside \
                5-60 minutes; the message says what is accepted. Nothing was stored.")}),
    );
    build["requestBody"] = request("PlanRequest");
    let mut active = operation(
        "plan",
        "activePlan",
        "The active plan and where today stands in it",
        false,
        json!({"200": body("The plan (as `knot plan --show --json`) with \"today\".",
                schema_ref("ActivePlan")),
            "404": error("No plan yet; build one with POST /api/v1/plan.")}),
    );
    active["parameters"] = json!([query(
        "utc_offset",
        "Minutes east of UTC that the person's day is counted in (UTC-14:00 to UTC+14:00); \
         without it the page script's time-zone cookie, or UTC.",
        json!({"type": "integer", "minimum": -840, "maximum": 840})
    )]);
    json!({"get": active, "post": build})
}
