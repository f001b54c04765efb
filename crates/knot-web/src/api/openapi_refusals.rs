//! The refusals an operation can give because of what it takes, added to every operation of
//! the OpenAPI document so none is left out: a body that cannot be read (400), arrives too
//! slowly (408), is too large (413) or in another format (415); a path or query value that cannot be read (400); an id
//! that names nothing (404); and, where the database is used, a busy database (503, retry after
//! `Retry-After` seconds). Responses an operation documents itself are kept as they are.

use serde_json::{json, Value};

/// Operations that never touch the database: the reference data, the Find page and its form,
/// this document and the assets. (A session cookie sent to them is looked up, but a failure
/// there only means "not signed in".)
const WITHOUT_STORE: &[&str] = &[
    "find",
    "atlas",
    "muscle",
    "regions",
    "openapi",
    "home",
    "findPage",
    "findPageSubmit",
    "atlasPage",
    "musclePage",
    "asset",
    "screeningQuestions",
];

/// Adds the refusals to every operation under `paths`.
pub(super) fn add(document: &mut Value) {
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let api = path.starts_with("/api/");
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for operation in operations.values_mut() {
            add_to(operation, api);
        }
    }
}

fn add_to(operation: &mut Value, api: bool) {
    let answer = |description: &str| {
        if api {
            json!({"description": description, "content": {"application/json": {"schema":
                {"$ref": "#/components/schemas/Error"}}}})
        } else {
            json!({"description": description, "content": {"text/html": {"schema":
                {"type": "string"}}}})
        }
    };
    let mut refusals: Vec<(&str, Value)> = Vec::new();
    if let Some(format) = body_format(operation) {
        let unreadable = if format == "application/json" {
            "The body is not valid JSON."
        } else {
            "The form cannot be read."
        };
        refusals.push(("400", answer(unreadable)));
        refusals.push((
            "408",
            answer("The body did not arrive within the request timeout; the connection is closed."),
        ));
        refusals.push(("413", answer("The body is larger than 64 KiB.")));
        refusals.push(("415", answer(&format!("The body is not sent as {format}."))));
        refusals.push((
            "422",
            answer("A field is missing, unknown or unusable; the message names it."),
        ));
    }
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if !parameters.is_empty() {
        refusals.push((
            "400",
            answer("A path or query value cannot be read (not a number or date, or given twice)."),
        ));
    }
    let bounded =
        |p: &Value| p["schema"]["pattern"].is_string() || p["schema"]["minimum"].is_number();
    if parameters.iter().any(|p| p["in"] == "query" && bounded(p)) {
        refusals.push((
            "422",
            answer(
                "A readable value out of range: a day before 1900-01-01 or after tomorrow, \
                 since after until, or a number outside its bounds.",
            ),
        ));
    }
    if parameters.iter().any(|p| p["in"] == "path") {
        refusals.push(("404", answer("Nothing with this id (among your records).")));
    }
    let id = operation["operationId"].as_str().unwrap_or_default();
    if !WITHOUT_STORE.contains(&id) {
        let mut busy = answer("The database is busy; retry after Retry-After seconds.");
        busy["headers"] = json!({"Retry-After": {"description": "Seconds to wait before \
            retrying.", "schema": {"type": "integer", "minimum": 0}}});
        refusals.push(("503", busy));
    }
    let Some(responses) = operation["responses"].as_object_mut() else {
        return;
    };
    for (status, response) in refusals {
        responses.entry(status).or_insert(response);
    }
}

/// The media type of the operation's request body, if it takes one.
fn body_format(operation: &Value) -> Option<String> {
    operation["requestBody"]["content"]
        .as_object()
        .and_then(|content| content.keys().next().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_with_a_json_body_gets_the_body_refusals_and_keeps_its_own() {
        let mut doc = json!({"paths": {"/api/v1/diary": {"post": {
            "operationId": "addEntry",
            "requestBody": {"content": {"application/json": {}}},
            "responses": {"422": {"description": "Its own words."}}}}}});
        add(&mut doc);
        let responses = &doc["paths"]["/api/v1/diary"]["post"]["responses"];
        for status in ["400", "408", "413", "415", "503"] {
            assert!(responses[status].is_object(), "{status}");
        }
        assert_eq!(responses["422"]["description"], "Its own words.");
    }

    #[test]
    fn reference_data_is_never_busy_and_a_path_id_can_name_nothing() {
        let mut doc = json!({"paths": {"/api/v1/atlas/muscles/{id}": {"get": {
            "operationId": "muscle", "parameters": [{"name": "id", "in": "path"}],
            "responses": {}}}}});
        add(&mut doc);
        let responses = &doc["paths"]["/api/v1/atlas/muscles/{id}"]["get"]["responses"];
        assert!(responses["503"].is_null());
        assert!(responses["404"].is_object());
        assert!(responses["400"].is_object());
    }
}
