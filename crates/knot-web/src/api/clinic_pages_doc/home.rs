//! The OpenAPI description of the clinic's home pages: the clinics one works in, starting one,
//! and joining one with an invitation link.

use serde_json::{json, Value};

use super::{page, post};

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

/// These pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let home = page(
        "clinicHome",
        "The clinics the account works in, and the Start a clinic form",
    );
    let mut start = post(
        "clinicStart",
        "Start a clinic (its creator becomes its admin); to the clinic's page",
        &[("name", "The clinic's name.")],
        "The name is empty; the form again.",
    );
    start["responses"]["303"] = json!({"description": "Started: to /clinic/{id}."});
    let mut join = page(
        "clinicJoinPage",
        "An invitation link: the Accept the invitation form",
    );
    join["parameters"] = json!([{"name": "token", "in": "query", "required": true,
        "description": "The one-time token from the invitation link.",
        "schema": {"type": "string"}}]);
    join["responses"]["400"] = html("The link has no token.");
    join["responses"]["404"] = html("No invitation has this token; ask for a new link.");
    join["responses"]["410"] = html("The invitation was used or has expired; ask for a new link.");
    let mut accept = post(
        "clinicJoin",
        "Accept an invitation: join the clinic's staff",
        &[("token", "The one-time token from the invitation link.")],
        "",
    );
    accept["responses"]["303"] = json!({"description": "Joined: to /clinic/{id}."});
    accept["responses"]["400"] = html("No token was sent.");
    accept["responses"]["404"] = html("No invitation has this token; ask for a new link.");
    accept["responses"]["409"] = html(
        "The invitation was used or has expired, or the account is already on the staff; \
         ask the clinic's admin for a new link.",
    );
    vec![
        ("/clinic", json!({"get": home, "post": start})),
        ("/clinic/join", json!({"get": join, "post": accept})),
    ]
}
