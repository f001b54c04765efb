//! The OpenAPI description of the clinic's admin pages: staff, invitations, settings and the
//! audit log with its export. Each is for the clinic's admins (403 for other roles, 404 outside
//! the clinic).

use serde_json::{json, Value};

use super::{page, post};

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn path_ids(names: &[&str]) -> Value {
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

fn query(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
        "schema": {"type": "string"}})
}

/// The answers every admin page and form shares.
fn admins_only(mut operation: Value, ids: &[&str]) -> Value {
    operation["parameters"] = path_ids(ids);
    operation["responses"]["403"] =
        html("The CSRF token is missing or wrong, or the role may not do this.");
    operation["responses"]["404"] = html("No such clinic (or not on its staff).");
    operation
}

/// These pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let staff = admins_only(
        page(
            "clinicStaffPage",
            "Staff, the Invite staff form and the clinic's settings",
        ),
        &["clinic"],
    );
    let mut invite = admins_only(
        post(
            "clinicInvite",
            "Create an invitation: the staff page with the one-time link, shown this once",
            &[
                ("email", "Who is invited."),
                ("role", "therapist, front_desk or admin."),
            ],
            "The e-mail or role is unusable; the form again.",
        ),
        &["clinic"],
    );
    invite["responses"]["201"] = html("The staff page showing the invitation link once.");
    let mut remove = admins_only(
        post("clinicRemoveStaff", "Take a member off the staff", &[], ""),
        &["clinic", "user"],
    );
    remove["responses"]["409"] = html("The clinic's last admin, or oneself.");
    let settings = admins_only(
        post(
            "clinicSettings",
            "Save the clinic's settings",
            &[
                ("retention_years", "1-100."),
                ("minor_until_age", "18-100."),
                ("therapists_see_all", "Any value: on."),
                ("admins_see_clinical", "Any value: on."),
            ],
            "A value is out of range; the form again.",
        ),
        &["clinic"],
    );
    let mut audit = admins_only(
        page(
            "clinicAuditPage",
            "The audit log, 100 rows a page, newest first, with the chain's state",
        ),
        &["clinic"],
    );
    if let Some(parameters) = audit["parameters"].as_array_mut() {
        parameters.push(query(
            "before",
            "From an Older rows link: rows below this id.",
        ));
        parameters.push(query("who", "Only this member of staff's rows (user id)."));
        parameters.push(query("client", "Only rows about this client (person id)."));
    }
    audit["responses"]["400"] = html("A filter or page link is damaged.");
    let mut export = admins_only(
        page("clinicAuditExport", "The whole audit log as a download"),
        &["clinic"],
    );
    if let Some(parameters) = export["parameters"].as_array_mut() {
        parameters.push(json!({"name": "format", "in": "query", "required": true,
            "schema": {"type": "string", "enum": ["csv", "json"]}}));
    }
    export["responses"]["200"] = json!({"description": "The log, as an attachment.",
        "content": {"text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}});
    export["responses"]["400"] = html("The format is not csv or json.");
    vec![
        ("/clinic/{clinic}/staff", json!({"get": staff})),
        ("/clinic/{clinic}/invitations", json!({"post": invite})),
        (
            "/clinic/{clinic}/staff/{user}/remove",
            json!({"post": remove}),
        ),
        ("/clinic/{clinic}/settings", json!({"post": settings})),
        ("/clinic/{clinic}/audit", json!({"get": audit})),
        ("/clinic/{clinic}/audit/export", json!({"get": export})),
    ]
}
