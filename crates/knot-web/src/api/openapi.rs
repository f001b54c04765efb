//! `GET /api/openapi.json`: the OpenAPI 3.1 document of every route the app answers — the JSON
//! API and, for completeness, the HTML pages and assets. Tests keep it in step with the router
//! (every route documented, every documented operation routed) and with the responses.

use std::sync::OnceLock;

use axum::Json;
use serde_json::{json, Map, Value};

use crate::routes::Route;

pub(crate) fn routes() -> Vec<Route> {
    vec![Route::get("/api/openapi.json", openapi)]
}

async fn openapi() -> Json<&'static Value> {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    Json(DOCUMENT.get_or_init(document))
}

/// The whole document.
pub(crate) fn document() -> Value {
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Knot",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Knot ranks the myofascial trigger points most likely behind a pain \
                drawing and says why; it does not diagnose. Errors are JSON {\"error\": \"…\"} \
                with a message that says what to change; 4xx for anything a client sent.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "tags": [
            {"name": "find", "description": "From a pain drawing to ranked trigger points."},
            {"name": "atlas", "description": "Muscles, trigger points and the body regions."},
            {"name": "pages", "description": "Server-rendered HTML pages and embedded assets."},
        ],
        "paths": paths(),
        "components": {"schemas": super::schemas::all()},
    });
    super::signed_in_doc::extend(&mut document);
    super::clinic_doc::extend(&mut document);
    super::clinic_pages_doc::extend(&mut document);
    super::openapi_refusals::add(&mut document);
    document
}

fn json_content(schema: Value) -> Value {
    json!({"application/json": {"schema": schema}})
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": json_content(schema)})
}

fn error(description: &str) -> Value {
    ok(description, schema_ref("Error"))
}

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn path_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description,
        "schema": {"type": "string"}})
}

fn paths() -> Map<String, Value> {
    let mut paths = Map::new();
    for (path, item) in api_paths().into_iter().chain(page_paths()) {
        paths.insert(path.to_string(), item);
    }
    paths
}

fn api_paths() -> Vec<(&'static str, Value)> {
    let find = json!({"post": {
        "tags": ["find"],
        "operationId": "find",
        "summary": "Rank the trigger points behind a pain drawing",
        "description": "The same object as `knot find --json`. Terms that name no region come \
            back in \"unmatched\"; \"terms\" says how each term was read (with the reading of a \
            symptom word). A drawing whose only terms name no place (\"everywhere\", \
            \"heartburn\") is answered with those readings and no candidates; one that names \
            nothing Knot understands is refused (422).",
        "requestBody": {"required": true, "content": json_content(schema_ref("FindRequest"))},
        "responses": {
            "200": ok("Ranked candidates, combinations and settling questions.",
                schema_ref("FindResult")),
            "400": error("The body is not valid JSON."),
            "413": error("The body is larger than 64 KiB."),
            "415": error("The body is not sent as application/json."),
            "422": error("Unknown field, region or question id; intensity outside 0-10; an \
                empty drawing; words that name no region."),
        },
    }});
    let atlas = json!({"get": {
        "tags": ["atlas"],
        "operationId": "atlas",
        "summary": "The whole atlas (as `knot atlas --json`)",
        "responses": {"200": ok("Muscles, trigger points per side, vocabulary.",
            schema_ref("Atlas"))},
    }});
    let muscle = json!({"get": {
        "tags": ["atlas"],
        "operationId": "muscle",
        "summary": "One muscle with its trigger points on each side",
        "parameters": [path_param("id", "The muscle id, e.g. upper-trapezius.")],
        "responses": {
            "200": ok("The muscle.", schema_ref("MuscleDetail")),
            "404": error("No muscle has this id; \"suggestions\" lists close ones."),
        },
    }});
    let regions = json!({"get": {
        "tags": ["atlas"],
        "operationId": "regions",
        "summary": "The body regions (as `knot regions --json`)",
        "responses": {"200": ok("Every region.", schema_ref("Regions"))},
    }});
    let openapi = json!({"get": {
        "tags": ["pages"],
        "operationId": "openapi",
        "summary": "This document",
        "responses": {"200": ok("OpenAPI 3.1.", json!({"type": "object"}))},
    }});
    vec![
        ("/api/v1/find", find),
        ("/api/v1/atlas", atlas),
        ("/api/v1/atlas/muscles/{id}", muscle),
        ("/api/v1/regions", regions),
        ("/api/openapi.json", openapi),
    ]
}

fn page(operation_id: &str, summary: &str) -> Value {
    json!({
        "tags": ["pages"],
        "operationId": operation_id,
        "summary": summary,
        "responses": {"200": html("The page.")},
    })
}

fn page_paths() -> Vec<(&'static str, Value)> {
    let find_form = json!({
        "tags": ["pages"],
        "operationId": "findPageSubmit",
        "summary": "The Find page's form: results (a fragment when X-Knot-Fragment: 1 is sent)",
        "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {
            "schema": {"type": "object", "properties": {
                "where": {"type": "string", "description": "Where it hurts, in words."},
                "region": {"type": "array", "items": {"type": "string"},
                    "description": "region-id or region-id:level (1-3), repeated."},
                "answer": {"type": "array", "items": {"type": "string"},
                    "description": "question-id=yes|no|unsure, repeated."},
            }}}}},
        "responses": {"200": html("Results."), "422": html("The drawing names no region.")},
    });
    let mut atlas = page("atlasPage", "Browse and search muscles");
    atlas["parameters"] = json!([{"name": "q", "in": "query", "required": false,
        "description": "Search words.", "schema": {"type": "string"}}]);
    let mut muscle = page(
        "musclePage",
        "One muscle: chart, palpation, self-care, cautions",
    );
    muscle["parameters"] = json!([path_param("id", "The muscle id.")]);
    muscle["responses"]["404"] = html("No such muscle; the page suggests close ones.");
    let mut asset = page("asset", "An embedded asset (script, icon)");
    asset["parameters"] = json!([path_param("file", "The file name.")]);
    asset["responses"] = json!({"200": {"description": "The file."},
        "304": {"description": "Not modified."}, "404": html("No such file.")});
    vec![
        ("/", json!({"get": page("home", "The Find page")})),
        (
            "/find",
            json!({"get": page("findPage", "The Find page"), "post": find_form}),
        ),
        ("/atlas", json!({"get": atlas})),
        ("/atlas/{id}", json!({"get": muscle})),
        ("/static/{file}", json!({"get": asset})),
    ]
}
