//! The OpenAPI description of the clinic's records pages: the client list with its add-client
//! form, and the client record with its forms (contact, intake, screening, consent, who treats
//! the client, deleting after retention).

use serde_json::{json, Value};

use super::{page, post};

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn ids(names: &[&str]) -> Value {
    Value::Array(
        names
            .iter()
            .map(|name| {
                json!({"name": name, "in": "path", "required": true,
                    "schema": {"type": "integer"}})
            })
            .collect(),
    )
}

/// The 404 and 403 every clinic page and form can answer.
fn guarded(mut operation: Value, path_ids: &[&str]) -> Value {
    operation["parameters"] = ids(path_ids);
    operation["responses"]["404"] = html("Not a clinic (or client) of the signed-in member.");
    operation["responses"]["403"] =
        html("The member's role may not do this (or the CSRF token is missing or wrong).");
    operation
}

const CLIENT: &[&str] = &["clinic", "client"];

fn client_form(id: &str, summary: &str, fields: &[(&str, &str)], refused: &str) -> Value {
    guarded(post(id, summary, fields, refused), CLIENT)
}

const CONTACT: &[(&str, &str)] = &[
    ("display_name", "The client's name (required)."),
    ("email", "name@example.org, optional."),
    ("phone", "Optional."),
    ("birth_date", "YYYY-MM-DD, optional."),
    ("address", "Optional."),
    ("emergency_contact", "Optional."),
];

/// These pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let mut list = guarded(
        page(
            "clinicClientsPage",
            "The clinic's client list and the add-client form",
        ),
        &["clinic"],
    );
    list["parameters"].as_array_mut().expect("parameters").push(
        json!({"name": "q", "in": "query", "required": false,
            "description": "Part of a name, e-mail or phone number (any case).",
            "schema": {"type": "string"}}),
    );
    let mut delete = client_form(
        "clinicClientDelete",
        "Delete the client's record (admins, after retention)",
        &[(
            "confirm",
            "Must be present: the admin understands this erases the record.",
        )],
        "The confirmation is missing.",
    );
    delete["responses"]["409"] =
        html("The retention period is not over: the page says until when, and why.");
    let mut withdraw = post(
        "clinicConsentWithdraw",
        "Record that the client withdrew a consent",
        &[("note", "What happened, optional.")],
        "The consent is already withdrawn.",
    );
    withdraw = guarded(withdraw, &["clinic", "client", "consent"]);
    vec![
        ("/clinic/{clinic}", json!({"get": list})),
        (
            "/clinic/{clinic}/clients",
            json!({"post": guarded(
                post("clinicClientAdd", "Add a client", CONTACT,
                    "A field is unusable (beside it); nothing stored."),
                &["clinic"])}),
        ),
        (
            "/clinic/{clinic}/clients/{client}",
            json!({"get": guarded(
                page("clinicClientRecordPage",
                    "The client record: contact, and for clinical staff health history, \
                     screening, consent, therapists and visits"),
                CLIENT)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/contact",
            json!({"post": client_form("clinicClientContact", "Change contact details",
                CONTACT, "A field is unusable (beside it); nothing stored.")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/intake",
            json!({"post": client_form("clinicClientIntake", "Record the health history",
                &[("health_history", ""), ("medications", "")], "")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/screening",
            json!({"post": client_form("clinicClientScreening",
                "Save the safety screening answered with the therapist",
                &[("q.{question}", "One answer per question, as on the Screen page."),
                  ("pain_regions", "Where it hurt in the past week.")],
                "Answers need another look (beside each); nothing stored.")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/consents",
            json!({"post": client_form("clinicConsentRecord", "Record a consent",
                &[("kind", "general, breast, chest-wall, upper-inner-thigh or buttocks."),
                  ("given_by", "client, or the guardian's name.")],
                "The kind or who signed is unusable; nothing stored.")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/consents/{consent}/withdraw",
            json!({"post": withdraw}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/therapists",
            json!({"post": client_form("clinicClientAssign", "Assign a therapist (admins)",
                &[("therapist", "The user id of a therapist of the clinic.")],
                "Not a therapist of the clinic.")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/delete",
            json!({"post": delete}),
        ),
    ]
}
