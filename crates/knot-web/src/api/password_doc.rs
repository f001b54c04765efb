//! The OpenAPI description of changing a password (the page and the API) and of resetting a
//! forgotten one (the forgot and reset pages, which work without a session).

use serde_json::{json, Value};

use super::signed_in_pages_doc::{page, post};

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema":
        {"$ref": "#/components/schemas/Error"}}}})
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

const FORM_TOKEN: (&str, &str) = (
    "form_token",
    "Echoes the knot_form cookie (a token signed by the server, refused when empty or expired).",
);

/// A page that works without a session.
fn open_page(id: &str, summary: &str, query: &[(&str, &str)]) -> Value {
    let parameters: Vec<Value> = query
        .iter()
        .map(|(name, description)| {
            json!({"name": name, "in": "query", "required": false, "description": description,
                "schema": {"type": "string"}})
        })
        .collect();
    json!({"tags": ["pages"], "operationId": id, "summary": summary, "parameters": parameters,
        "responses": {"200": html("The page.")}})
}

/// The paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let mut change_page = page("passwordPage", "Change password");
    change_page["parameters"] = json!([{"name": "done", "in": "query", "required": false,
        "description": "Present after a change: the page says it was made.",
        "schema": {"type": "string"}}]);
    let mut change_post = post(
        "passwordSubmit",
        "Change password: the current one checked as at sign-in; every other session ends",
        &[
            ("current_password", ""),
            ("new_password", "At least 10 characters."),
            ("new_password_again", "The new password again."),
        ],
        "The current password is wrong, or the new one is unusable or typed differently twice \
         (each beside its field).",
    );
    change_post["responses"]["429"] =
        html("Too many wrong passwords for this account lately (Retry-After).");
    let change_api = json!({"post": {"tags": ["account"], "operationId": "changePassword",
        "summary": "Change password; every other session of the account ends",
        "security": [{"session": [], "csrf": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/PasswordRequest"}}}},
        "responses": {"204": {"description": "Changed; this session stays signed in."},
            "401": error("Not signed in (or the session ended): sign in first."),
            "403": error("The X-CSRF-Token header is missing or wrong."),
            "415": error("Not sent as application/json."),
            "422": error("The current password is wrong, or the new one is unusable (the \
                message names the field)."),
            "429": error("Too many wrong passwords lately: wait for Retry-After seconds.")}}});
    let forgot_post = json!({"tags": ["pages"], "operationId": "forgotSubmit",
        "summary": "Ask for a reset link by e-mail (the same answer whether or not an account \
            has the address)",
        "requestBody": form(&[FORM_TOKEN, ("email", "")]),
        "responses": {"303": {"description": "To /account/forgot?sent=1 (or, when this server \
                cannot send e-mail, to /account/forgot, which says so)."},
            "403": html("The form expired."),
            "422": html("No usable e-mail address was given."),
            "429": html("Too many links asked for this address or from here (Retry-After).")}});
    let reset_post = json!({"tags": ["pages"], "operationId": "resetSubmit",
        "summary": "Set a new password with a reset link; every session of the account ends",
        "requestBody": form(&[FORM_TOKEN, ("token", "The link's token."),
            ("new_password", "At least 10 characters."),
            ("new_password_again", "The new password again.")]),
        "responses": {"303": {"description": "Set: to /account/reset?done=1."},
            "403": html("The form expired."),
            "410": html("The link is unknown, used or expired; the page says how to ask again."),
            "422": html("The new password is unusable or typed differently twice; the link \
                stays unused.")}});
    let mut reset_page = open_page(
        "resetPage",
        "The new-password form of a reset link",
        &[
            ("token", "The link's token."),
            ("done", "Present after a reset: the page says to sign in."),
        ],
    );
    reset_page["responses"]["410"] =
        html("The link is unknown, used or expired; the page says how to ask again.");
    vec![
        (
            "/account/password",
            json!({"get": change_page, "post": change_post}),
        ),
        ("/api/v1/account/password", change_api),
        (
            "/account/forgot",
            json!({"get": open_page("forgotPage", "Forgot your password? (or, without e-mail, \
                    whom to ask)", &[("sent", "Present after a request: the page says a link \
                    is on its way if an account has the address.")]),
                "post": forgot_post}),
        ),
        (
            "/account/reset",
            json!({"get": reset_page, "post": reset_post}),
        ),
    ]
}

/// The schemas.
pub(super) fn schemas() -> Vec<(&'static str, Value)> {
    vec![(
        "PasswordRequest",
        json!({"type": "object", "additionalProperties": false,
            "required": ["current_password", "new_password"],
            "properties": {
                "current_password": {"type": "string", "minLength": 1},
                "new_password": {"type": "string", "minLength": 10, "maxLength": 1024}}}),
    )]
}
