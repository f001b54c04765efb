//! JSON Schemas of the signed-in API's bodies, for the OpenAPI document's `components`.

use knot_care::session::{MIN_COUNTED_HOLD_SECONDS, MIN_RECORDED_HOLD_SECONDS};
use serde_json::{json, Value};

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn text(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

/// Text the server refuses when empty or blank.
fn filled(description: &str, max_chars: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max_chars, "pattern": "\\S",
        "description": description})
}

/// A request body: unknown fields are refused, so the schema lists every field there is.
fn closed(mut schema: Value) -> Value {
    schema["additionalProperties"] = json!(false);
    schema
}

fn score(description: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "maximum": 10, "description": description})
}

/// An object whose listed properties are all required.
fn object(properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    json!({"type": "object", "required": required, "properties": properties})
}

/// Every schema, by name.
pub(super) fn all() -> Vec<(&'static str, Value)> {
    let mut schemas = account_schemas();
    schemas.extend(diary_schemas());
    schemas.extend(other_schemas());
    schemas.extend(plan_schemas());
    schemas
}

fn plan_schemas() -> Vec<(&'static str, Value)> {
    use knot_care::plan::CAP_MINUTES_RANGE;
    let count = |description: &str| {
        json!({"type": "integer", "minimum": 0,
        "description": description})
    };
    // Closed, so the schema check in the tests notices a field the document does not list.
    let item = closed(object(json!({
        "muscle_id": text("An atlas muscle id."),
        "trigger_point_id": text("An atlas trigger point id."),
        "side": {"type": "string", "enum": ["left", "right", "midline"]},
        "technique": text("An atlas technique id."),
        "tool": text("An atlas tool id."),
        "hold_seconds": count("Seconds per hold."),
        "holds": count("Holds (or sets of strokes)."),
        "strokes": {"type": ["integer", "null"], "minimum": 0,
            "description": "Strokes per set, for stroking techniques; null otherwise."},
        "sitting": {"type": "integer", "minimum": 1,
            "description": "Which sitting of the day (one side per sitting)."},
    })));
    let plan = closed(object(json!({
        "id": {"type": ["integer", "null"], "description": "The stored plan; null for a dry run."},
        "created_at": {"type": "string", "format": "date-time"},
        "items": {"type": "array", "items": reference("PlanItem")},
        "sittings_per_day": count(""),
        "daily_pressure_cap_seconds": count("The cap on pressure time a day."),
        "reassess_on": {"type": "string", "format": "date",
            "description": "When to log pain, thresholds and range of motion again."},
        "notes": {"type": "array", "items": text("A warning or adjustment made for the screening.")},
        "daily_pressure_seconds": count("The pressure time a day the items add up to."),
    })));
    let mut active = plan.clone();
    if let Some(required) = active["required"].as_array_mut() {
        required.push(json!("today"));
    }
    active["properties"]["today"] = closed(object(json!({
        "next_sitting": {"type": ["integer", "null"], "minimum": 1,
            "description": "The next sitting today; null when every sitting is done."},
        "items_left": {"type": "array", "items": reference("PlanItem"),
            "description": "The items of the next sitting."},
        "pressure_seconds_used": count("Pressure time in today's sessions so far."),
        "cap_seconds": count("The plan's cap on pressure time a day."),
    })));
    let request = closed(json!({"type": "object", "properties": {
        "trigger_points": {"type": "array", "items": text("ID:SIDE, e.g. \
            upper-trapezius-1:right, or an id on the midline.")},
        "muscles": {"type": "array", "items": text("A muscle name or id; all its trigger \
            points on \"side\" (and on the midline) are included.")},
        "side": {"type": "string", "enum": ["left", "right", "midline"],
            "description": "The side for \"muscles\"."},
        "cap_minutes": {"type": "integer", "minimum": CAP_MINUTES_RANGE.start(),
            "maximum": CAP_MINUTES_RANGE.end(),
            "default": knot_care::plan::DEFAULT_CAP_MINUTES,
            "description": "The most pressure time a day."},
        "dry_run": {"type": "boolean", "default": false,
            "description": "Build and answer it without saving it (no screening needed)."},
    }, "description": "Name trigger_points, muscles, or both (at least one)."}));
    vec![
        ("PlanItem", item),
        ("Plan", plan),
        ("ActivePlan", active),
        ("PlanRequest", request),
    ]
}

fn account_schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "SignUpRequest",
            closed(object(json!({
                "email": filled("Your e-mail address.", 254),
                "display_name": filled("A name to show, 1-80 characters.", 80),
                "password": {"type": "string", "minLength": 10, "maxLength": 1024},
            }))),
        ),
        (
            "SignInRequest",
            closed(object(
                json!({"email": filled("", 254), "password": {"type": "string", "minLength": 1}}),
            )),
        ),
        (
            "DeleteAccountRequest",
            closed(object(json!({
                "password": {"type": "string", "minLength": 1,
                    "description": "Your password, to show it is you."},
                "confirm": {"type": "boolean", "description":
                    "true: you understand this erases your diary, sessions and plans for good."},
            }))),
        ),
        (
            "SecondStepRequest",
            closed(object(json!({
                "challenge": filled("From the 202 answer of POST /api/v1/account/signin (5 minutes).", 512),
                "code": filled("The 6-digit code from the authenticator app, or a recovery code (XXXXX-XXXXX).", 64),
            }))),
        ),
        (
            "TwoFactorRequired",
            object(json!({
                "two_factor_required": {"type": "boolean", "enum": [true]},
                "challenge": text("Send it with a code to POST /api/v1/account/signin/two-factor."),
                "expires_in_seconds": {"type": "integer"},
            })),
        ),
        (
            "SignedIn",
            object(json!({
                "account": object(json!({"email": text(""), "display_name": text("")})),
                "csrf_token": text("Send it as X-CSRF-Token on every call that changes data."),
            })),
        ),
        (
            "SecurityEvents",
            object(json!({"events": {"type": "array", "items": object(json!({
                "at": {"type": "string", "format": "date-time"},
                "kind": {"type": "string", "enum": knot_store::SecurityEventKind::ALL
                    .iter().map(|k| k.as_str()).collect::<Vec<_>>()},
                "client": {"type": ["string", "null"], "description":
                    "The client's address as the sign-in limits group it (an IPv6 /64), or null."},
                "detail": text("What happened, in a sentence; never a password or token."),
            }))}})),
        ),
    ]
}

fn diary_schemas() -> Vec<(&'static str, Value)> {
    let side = json!({"type": "string", "enum": ["left", "right", "midline"]});
    let kind = |name: &str| json!({"type": "string", "enum": [name]});
    let measure = json!({"oneOf": [
        closed(json!({"type": "object", "required": ["kind", "score"], "properties": {
            "kind": kind("pain"), "score": score("0 no pain - 10 worst."),
            "region": {"type": ["string", "null"],
                "description": "A region id; null or left out for overall."}}})),
        closed(object(json!({"kind": kind("threshold"),
            "trigger_point": filled("Trigger point id.", 200),
            "side": side, "kg_per_cm2": {"type": "number", "minimum": 0.1, "maximum": 15}}))),
        closed(object(json!({"kind": kind("range_of_motion"),
            "movement": {"type": "string", "enum": movement_ids(),
                "description": "A movement id."},
            "degrees": {"type": "number", "minimum": 0,
                "description": "In the movement's unit (degrees; mm for mouth opening)."}}))),
        closed(object(json!({"kind": kind("function"),
            "activity": filled("Plain text (no control or direction-override characters).", 200),
            "score": score("0 unable - 10 as before.")}))),
        closed(object(json!({"kind": kind("note"),
            "text": filled("Plain text (no control or direction-override characters).", 2000)}))),
    ]});
    let entry_request = closed(
        json!({"type": "object", "required": ["measure"], "properties": {
            "measure": reference("Measure"),
            "recorded_at": {"type": "string", "format": "date-time",
                "description": "Now when left out; not before 1900-01-01 nor in the future."},
            "note": filled("A remark in plain text.", 2000),
        }}),
    );
    let entry = json!({"type": "object", "required": ["id", "recorded_at", "measure"], "properties": {
        "id": {"type": "integer"}, "person_id": {"type": "integer"},
        "created_by": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
        "corrects": {"type": ["integer", "null"]}, "superseded_by": {"type": ["integer", "null"]},
        "deleted_at": {"type": ["string", "null"]},
        "recorded_at": {"type": "string", "format": "date-time"},
        "measure": reference("Measure"), "note": {"type": ["string", "null"]},
    }});
    vec![
        ("Measure", measure),
        ("EntryRequest", entry_request),
        ("Entry", entry),
        (
            "EntryList",
            object(
                json!({"entries": {"type": "array", "items": reference("Entry")},
                "next": {"type": ["string", "null"], "description": "The cursor to pass as \
                    after for the next page; null on the last page and for the whole list."}}),
            ),
        ),
    ]
}

/// The movement ids a range-of-motion entry may name.
fn movement_ids() -> Vec<&'static str> {
    knot_care::measures::movements()
        .iter()
        .map(|m| m.id.as_str())
        .collect()
}

fn other_schemas() -> Vec<(&'static str, Value)> {
    let hold = closed(object(json!({
        "seconds": {"type": "integer", "minimum": 0, "maximum": 600,
            "description": format!("Seconds of pressure. A timed hold under \
                {MIN_RECORDED_HOLD_SECONDS} s is refused unless skipped is true.")},
        "discomfort": {"type": "array", "items": score("")},
        "softened": {"type": ["boolean", "null"]},
        "skipped": {"type": "boolean", "description": format!("Skipped, or released before it \
            counted as done (a timed hold counts after {MIN_COUNTED_HOLD_SECONDS} s, or its \
            whole dose when shorter).")},
    })));
    let session_request = json!({"type": "object", "properties": {
        "started_at": {"type": "string", "format": "date-time",
            "description": "Not before 1900-01-01."},
        "ended_at": {"type": "string", "format": "date-time",
            "description": "Not in the future; at most 6 hours after started_at."},
        "muscle_id": filled("An atlas muscle id.", 200),
        "trigger_point_id": filled("One of the muscle's trigger point ids.", 200),
        "side": {"type": "string", "enum": ["left", "right", "midline"]},
        "technique": filled("An atlas technique id.", 200),
        "tool": filled("An atlas tool id.", 200),
        "target_discomfort": {"type": "integer", "minimum": 3, "maximum": 7},
        "pain_before": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
        "pain_after": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
        "holds": {"type": "array", "maxItems": 20, "items": hold},
        "stretch_done": {"type": "boolean"},
        "outcome": {"type": "string", "enum": ["completed", "stopped", "quit"]},
        "stop_reason": {"type": ["string", "null"], "minLength": 1, "maxLength": 2000,
            "pattern": "\\S", "description": "Plain text; only when the outcome is not completed."},
        "plan_id": {"type": ["integer", "null"]},
    }, "required": ["started_at", "ended_at", "muscle_id", "trigger_point_id", "side", "technique",
        "tool", "target_discomfort", "holds", "stretch_done", "outcome"]});
    let mut session = session_request.clone();
    session["properties"]["id"] = json!({"type": "integer"});
    let session_request = closed(session_request);
    let questions = object(json!({
        "version": text("The rule table's version."),
        "groups": {"type": "array", "items": {"type": "object"}},
        "questions": {"type": "array", "items": {"type": "object"}},
    }));
    let screening_request = closed(
        json!({"type": "object", "required": ["answers"], "properties": {
            "answers": {"type": "object", "description": "Question id → yes/no (or true/false), a \
                number, or places in words (\"none\" for none)."},
            "pain_regions": {"description": "Where it hurt in the past week, in words.",
                "type": ["string", "array"]},
            "local": {"description": "Other places to keep off.", "type": ["string", "array"]},
        }}),
    );
    let screening_result = object(json!({
        "id": {"type": "integer"}, "taken_at": {"type": "string", "format": "date-time"},
        "rules_version": text(""), "answers": {"type": "object"},
        "pain_regions": {"type": "array", "items": {"type": "string"}},
        "local_regions": {"type": "array", "items": {"type": "string"}},
        "outcome": {"type": "object", "description": "Verdict, headline, advice, findings with \
            their sources, and the widespread-pain result (never a diagnosis)."},
    }));
    vec![
        ("SessionRequest", session_request),
        ("Session", session),
        (
            "SessionList",
            object(json!({"sessions": {"type": "array", "items": reference("Session")}})),
        ),
        ("ScreeningQuestions", questions),
        ("ScreeningRequest", screening_request),
        ("ScreeningResult", screening_result),
        (
            "ProgressReport",
            json!({"type": "object", "description": "Period, pain trend, pressure \
            threshold and range of motion series, activities, adherence, response, regions, notes \
            (as `knot progress --json`)."}),
        ),
    ]
}
