//! The OpenAPI description of the clinic API (`/api/v1/clinic…`): one row per operation, with
//! who may call it and the refusals every clinic call may get (404 outside the clinic, 403 for
//! a role that may not).

use serde_json::{json, Map, Value};

/// One operation: method, path, operationId, summary, who may, success status and what it
/// returns, whether it takes a JSON body, and refusals of its own.
struct Op {
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    who: &'static str,
    ok: (&'static str, &'static str),
    body: Option<&'static str>,
    extra: &'static [(&'static str, &'static str)],
}

const ANY: &str = "Any member of the clinic's staff.";
const CONTACT: &str = "Front desk and admins; therapists for the clients they treat (or all, \
    where the clinic sets therapists_see_all).";
const CLINICAL: &str = "Therapists treating the client (any therapist where the clinic sets \
    therapists_see_all; admins where it sets admins_see_clinical). Never the front desk.";
const ADMIN: &str = "Admins.";
const INVALID: (&str, &str) = ("422", "A value cannot be used; the message says which.");

#[rustfmt::skip]
fn ops() -> Vec<Op> {
    let op = |method, path, id, summary, who, ok, body, extra| Op { method, path, id, summary, who, ok, body, extra };
    vec![
        op("post", "/api/v1/clinic", "createClinic", "Create a clinic; you become its admin", "Any signed-in account.", ("201", "The clinic."), Some("{\"name\": \"…\"}"), &[INVALID]),
        op("get", "/api/v1/clinics", "myClinics", "The clinics you are on the staff of, with your role in each", "Any signed-in account (an empty list without a clinic).", ("200", "The clinics, each with role."), None, &[]),
        op("post", "/api/v1/clinic/join", "joinClinic", "Accept an invitation: join its clinic with its role", "Any signed-in account holding the token (the link is {base}/clinic/join?token=TOKEN).", ("200", "The membership: clinic, role."), Some("{\"token\": \"…\"}"), &[("404", "No invitation has this token."), ("409", "The invitation was used already, or has expired: ask the clinic for a new one.")]),
        op("get", "/api/v1/clinic/{clinic}/settings", "clinicSettings", "The clinic's name and settings", ANY, ("200", "The clinic."), None, &[]),
        op("patch", "/api/v1/clinic/{clinic}/settings", "changeClinicSettings", "Change settings (fields given replace the stored ones)", ADMIN, ("200", "The clinic as changed."), Some("{\"retention_years\": 10, \"minor_until_age\": 28, \"therapists_see_all\": false, \"admins_see_clinical\": false}"), &[INVALID]),
        op("get", "/api/v1/clinic/{clinic}/staff", "clinicStaff", "The staff, with roles", ADMIN, ("200", "The staff list."), None, &[]),
        op("delete", "/api/v1/clinic/{clinic}/staff/{user}", "removeStaff", "Remove a member of staff", ADMIN, ("204", "Removed."), None, &[("409", "The clinic would be left without an admin, or similar: the message says.")]),
        op("post", "/api/v1/clinic/{clinic}/invitations", "inviteStaff", "Invite staff: the token and link are returned this once", ADMIN, ("201", "The invitation with token and link."), Some("{\"email\": \"…\", \"role\": \"admin|therapist|front_desk\"}"), &[INVALID]),
        op("post", "/api/v1/clinic/{clinic}/clients", "addClient", "Add a client", CONTACT, ("201", "The client."), Some("ClientDetails: {\"display_name\": \"…\", \"email\", \"phone\", \"birth_date\", \"address\", \"emergency_contact\"}"), &[INVALID]),
        op("get", "/api/v1/clinic/{clinic}/clients", "listClients", "The clients (a therapist: those they treat, unless therapists_see_all)", ANY, ("200", "The clients' contact details."), None, &[]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}", "client", "A client's contact details", CONTACT, ("200", "The client."), None, &[]),
        op("patch", "/api/v1/clinic/{clinic}/clients/{client}", "changeClient", "Change contact details (fields given replace the stored ones)", CONTACT, ("200", "The client as changed."), Some("Any of the ClientDetails fields."), &[INVALID]),
        op("delete", "/api/v1/clinic/{clinic}/clients/{client}", "deleteClient", "Delete a client's record once its retention period is over", ADMIN, ("204", "Deleted."), None, &[("409", "The retention period is not over: the message gives the date and the reason.")]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/intake", "intake", "Health history and medications", CLINICAL, ("200", "The intake."), None, &[]),
        op("put", "/api/v1/clinic/{clinic}/clients/{client}/intake", "recordIntake", "Record or bring up to date the intake", CLINICAL, ("200", "The intake as stored."), Some("{\"health_history\": \"…\", \"medications\": \"…\"}"), &[INVALID]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/therapists", "assignTherapist", "Assign a therapist to the client", ADMIN, ("204", "Assigned."), Some("{\"therapist\": USER_ID}"), &[INVALID]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/consents", "consents", "The client's consents, withdrawn ones included", CLINICAL, ("200", "The consents."), None, &[]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/consents", "recordConsent", "Record a signed, dated consent", CLINICAL, ("201", "The consent."), Some("{\"kind\": \"general|…\", \"given_by\": \"client or the guardian's name\", \"given_at\": \"RFC 3339\"}"), &[INVALID]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/consents/{consent}/withdraw", "withdrawConsent", "Record that consent was withdrawn (also mid-visit)", CLINICAL, ("200", "The consent, withdrawn."), Some("{\"note\": \"…\"}"), &[("409", "Already withdrawn.")]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/screening", "screenClient", "Record the safety screening taken with the client (the self-care questions: GET /api/v1/screening/questions)", CLINICAL, ("201", "The screening and its outcome."), Some("{\"answers\": {\"question-id\": \"yes|no|…\"}, \"pain_regions\": \"…\"}"), &[INVALID]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/screening", "clientScreening", "The client's latest safety screening and its outcome", CLINICAL, ("200", "The screening and its outcome."), None, &[]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/visits", "startVisit", "Open a visit: the health-change answer first", CLINICAL, ("201", "The visit, with warnings (e.g. no safety screening on record)."), Some("{\"health_change\": \"none\", \"started_at\": \"RFC 3339, optional\"}"), &[INVALID]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/visits", "visits", "The client's visits, oldest first, with findings, treatments and addenda", CLINICAL, ("200", "The visits."), None, &[]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}", "visit", "One visit with findings, treatments and addenda", CLINICAL, ("200", "The visit."), None, &[]),
        op("put", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/drawing", "savePainDrawing", "Replace the pain drawing", CLINICAL, ("200", "The visit."), Some("[{\"region\": \"…\", \"intensity\": 0-10}]"), &[INVALID, ("409", "The visit is signed: add an addendum.")]),
        op("put", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/rom", "saveRangeOfMotion", "Replace the range-of-motion measures", CLINICAL, ("200", "The visit."), Some("[{\"movement\": \"…\", \"side\": \"left|right|null\", \"degrees\": 60}]"), &[INVALID, ("409", "The visit is signed: add an addendum.")]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/findings", "recordFinding", "Record a finding at a trigger point and side", CLINICAL, ("201", "The finding."), Some("NewFinding"), &[INVALID, ("409", "The visit is signed: add an addendum.")]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/treatments", "recordTreatment", "Record a treatment, one side at a time", CLINICAL, ("201", "The treatment."), Some("NewTreatment"), &[INVALID, ("409", "The visit is signed: add an addendum.")]),
        op("put", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/soap", "saveSoap", "Replace the SOAP text (before signing)", CLINICAL, ("200", "The visit."), Some("{\"subjective\", \"objective\", \"assessment\", \"plan\"}"), &[INVALID, ("409", "The visit is signed: add an addendum.")]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/sign", "signVisit", "Sign the visit (it never changes after)", CLINICAL, ("200", "The signed visit with its hash."), None, &[("409", "Already signed (add an addendum), or consent is missing: the message says which.")]),
        op("post", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/addenda", "addAddendum", "Add a dated addendum to a signed visit", CLINICAL, ("201", "The addendum."), Some("{\"text\": \"…\"}"), &[INVALID, ("409", "The visit is not signed yet: change it instead.")]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/verify", "verifyVisit", "Recompute a signed visit's hash beside the stored one", CLINICAL, ("200", "{visit_id, matches, stored, recomputed}."), None, &[("409", "The visit is not signed.")]),
        op("get", "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/history", "clientHistory", "The client's history per trigger point, and this visit's drawing beside the last", CLINICAL, ("200", "The history."), None, &[]),
        op("get", "/api/v1/clinic/{clinic}/audit", "clinicAudit", "The clinic's audit log, newest first: who read or changed what, when, from where (?limit=1-500, default 100; ?before=ID for the next page)", ADMIN, ("200", "The audit rows."), None, &[("400", "limit or before is not a number."), INVALID]),
    ]
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema":
        {"$ref": "#/components/schemas/Error"}}}})
}

fn parameters(path: &str) -> Vec<Value> {
    ["clinic", "client", "visit", "consent", "user"]
        .iter()
        .filter(|name| path.contains(&format!("{{{name}}}")))
        .map(|name| {
            json!({"name": name, "in": "path", "required": true,
                "description": format!("The {name}'s id."), "schema": {"type": "integer"}})
        })
        .collect()
}

fn operation(op: &Op) -> Value {
    let changes = op.method != "get";
    let mut responses = Map::new();
    let ok = json!({"description": op.ok.1, "content": {"application/json": {"schema": {}}}});
    responses.insert(
        op.ok.0.into(),
        if op.ok.0 == "204" {
            json!({"description": op.ok.1})
        } else {
            ok
        },
    );
    responses.insert("401".into(), error("Not signed in: sign in first."));
    responses.insert(
        "403".into(),
        error(if changes {
            "The X-CSRF-Token header is missing or wrong, or your role in the clinic may not do \
             this (the message says what each role may do)."
        } else {
            "Your role in the clinic may not do this (the message says what each role may do)."
        }),
    );
    if op.path.contains("{clinic}") {
        responses.insert(
            "404".into(),
            error(
                "No such clinic, client or record among yours: not on the clinic's staff, \
                another clinic's id and an unknown id all answer 404.",
            ),
        );
    }
    for (status, why) in op.extra {
        responses.insert((*status).into(), error(why));
    }
    let security = if changes {
        json!([{"session": [], "csrf": []}])
    } else {
        json!([{"session": []}])
    };
    let mut value = json!({"tags": ["clinic"], "operationId": op.id, "summary": op.summary,
        "description": format!("Who may: {}", op.who), "security": security,
        "responses": responses});
    let mut params = parameters(op.path);
    if op.id == "clinicAudit" {
        params.push(json!({"name": "limit", "in": "query", "required": false,
            "description": "How many rows, 1-500; 100 when left out.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 500}}));
        params.push(json!({"name": "before", "in": "query", "required": false,
            "description": "Only rows with an id below this: the last id of the page before.",
            "schema": {"type": "integer"}}));
    }
    if !params.is_empty() {
        value["parameters"] = Value::Array(params);
    }
    if let Some(body) = op.body {
        let schema = super::clinic_schemas::of_operation(op.id).map_or(
            json!({}),
            |name| json!({"$ref": format!("#/components/schemas/{name}")}),
        );
        value["requestBody"] = json!({"required": true, "description": body,
            "content": {"application/json": {"schema": schema}}});
    }
    value
}

/// Adds the clinic API to the document.
pub(super) fn extend(document: &mut Value) {
    if let Some(list) = document["tags"].as_array_mut() {
        list.push(
            json!({"name": "clinic", "description": "A clinic's staff, clients, \
            consent and visits. Deny by default: outside the clinic everything is 404."}),
        );
    }
    if let Some(schemas) = document["components"]["schemas"].as_object_mut() {
        for (name, schema) in super::clinic_schemas::all() {
            schemas.insert(name.to_string(), schema);
        }
    }
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    for op in ops() {
        let item = paths.entry(op.path).or_insert_with(|| json!({}));
        item[op.method] = operation(&op);
    }
}
