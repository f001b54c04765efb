//! The JSON Schemas of the OpenAPI document's `components`: what the API reads and writes. A test
//! checks real responses against them, so they cannot drift from the serde types.

use serde_json::{json, Map, Value};

/// An object schema: every listed property is required and no others are allowed.
fn closed(properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

fn strings(description: &str) -> Value {
    json!({"type": "array", "items": {"type": "string"}, "description": description})
}

fn text(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn list_of(name: &str) -> Value {
    json!({"type": "array", "items": reference(name)})
}

fn side() -> Value {
    json!({"type": "string", "enum": ["left", "right", "midline"]})
}

/// Every schema, by name.
pub(super) fn all() -> Map<String, Value> {
    let mut schemas = Map::new();
    for (name, schema) in find_schemas()
        .into_iter()
        .chain(atlas_schemas())
        .chain(other_schemas())
    {
        schemas.insert(name.to_string(), schema);
    }
    schemas
}

fn find_schemas() -> Vec<(&'static str, Value)> {
    let find_request = json!({
        "type": "object",
        "additionalProperties": false,
        "description": "A pain drawing: words, region ids, or both (at least one place must be \
            named), with answers to questions from an earlier result.",
        "properties": {
            "terms": strings("Where it hurts, in words: \"right temple\", \"back of the left knee\"."),
            "regions": list_of("RegionMark"),
            "answers": {
                "type": "object",
                "description": "Question id (from a result's \"questions\") → answer.",
                "additionalProperties": {"type": "string", "enum": ["yes", "no", "unsure"]},
            },
        },
    });
    let region_mark = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id"],
        "properties": {
            "id": text("A region id from GET /api/v1/regions."),
            "intensity": {"type": "number", "minimum": 0, "maximum": 10,
                "description": "Pain 0-10 (5 when left out)."},
            "worst": {"type": "boolean", "description": "The place that hurts most."},
        },
    });
    let candidate = closed(json!({
        "rank": {"type": "integer", "minimum": 1},
        "muscle": text("The muscle's standard English name."),
        "muscle_id": text("Its id in the atlas."),
        "trigger_point": text("The trigger point's side-less id."),
        "label": text("Where in the muscle the trigger point is."),
        "side": {"type": "string", "enum": ["left", "right", "midline", "either"],
            "description": "\"either\" when the drawing gives no side: the trigger point on the \
            left or the right (or both)."},
        "score": {"type": "number", "minimum": 0, "maximum": 1,
            "description": "Probability under the model that this is the source (not a diagnosis)."},
        "explains": strings("Marked region ids its own referral zones or its location hold."),
        "near": strings("Marked region ids one region off its zones, on the zone's side."),
        "misses": strings("Region ids of its essential zone that are not marked."),
        "check": strings("Symptom questions worth checking for it."),
    }));
    let combination = closed(json!({
        "trigger_points": strings("side:id of each trigger point in the set."),
        "muscles": strings("Their muscles' names."),
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "explains": strings("Marked region ids the set accounts for."),
    }));
    let question = closed(json!({
        "id": text("Send it back in \"answers\"."),
        "text": text("The question, for a person."),
        "separates": strings("side:id of the trigger points it tells apart."),
        "gain": {"type": "number", "description": "Expected information gain in bits, to four decimals."},
    }));
    let find_result = closed(json!({
        "regions": strings("Region ids of the drawing (marked and named in words)."),
        "unmatched": strings("Terms that named no region."),
        "candidates": list_of("Candidate"),
        "combinations": list_of("Combination"),
        "questions": list_of("Question"),
        "terms": list_of("TermReading"),
        "red_flags": list_of("RedFlag"),
    }));
    let red_flag_rule = closed(json!({
        "severity": {"type": "string", "enum": ["stop", "refer", "modify", "avoid-locally"]},
        "title": text("The screening rule's name."),
        "message": text("What to do, in plain words."),
        "hint": {"type": "string", "enum": ["take_screening"],
            "description": "Take the safety screening before treating."},
    }));
    let red_flag = closed(json!({
        "symptom": text("A symptom answered yes that may be a red flag."),
        "question": text("The screening question whose rule applies."),
        "rule": {"oneOf": [reference("RedFlagRule"), {"type": "null"}]},
    }));
    let term_reading = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["term", "outcome"],
        "properties": {
            "term": text("The term as sent."),
            "outcome": {"type": "string",
                "enum": ["placed", "widespread", "not-musculoskeletal", "not-understood"],
                "description": "placed: it named regions; widespread: pain everywhere, not a \
                    trigger-point pattern (take the screening, mark the worst places); \
                    not-musculoskeletal: an organ's symptom, not mapped; not-understood: also \
                    in \"unmatched\"."},
            "reading": text("How a symptom word was read, or what to do instead."),
            "source": text("The literature behind the reading."),
        },
    });
    vec![
        ("RedFlag", red_flag),
        ("RedFlagRule", red_flag_rule),
        ("FindRequest", find_request),
        ("RegionMark", region_mark),
        ("FindResult", find_result),
        ("Candidate", candidate),
        ("Combination", combination),
        ("Question", question),
        ("TermReading", term_reading),
    ]
}

fn atlas_schemas() -> Vec<(&'static str, Value)> {
    let named = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "name"],
        "properties": {"id": text(""), "name": text(""), "how": text("")},
    });
    let vocabulary_question = closed(json!({"id": text(""), "question": text(""),
        "screen": {"type": ["string", "null"],
            "description": "For a symptom that may be a red flag: the screening question whose rule applies on a yes."}}));
    let vocabulary = closed(json!({
        "symptoms": list_of("VocabularyQuestion"),
        "activities": list_of("VocabularyQuestion"),
        "techniques": list_of("Named"),
        "tools": list_of("Named"),
        "endangerment": list_of("Named"),
    }));
    let prevalence = json!({"type": "string",
        "enum": ["very-common", "common", "occasional", "uncommon"]});
    let spec = closed(json!({
        "id": text(""), "label": text(""), "location": text("Region template (no side)."),
        "press_here": text(""), "palpation": text(""),
        "essential": strings("Region templates."), "spillover": strings("Region templates."),
        "crosses_midline": {"type": "boolean"}, "prevalence": prevalence.clone(),
        "symptoms": strings(""), "aggravating": strings(""), "perpetuating": strings(""),
        "self_treat": {"type": ["boolean", "null"],
            "description": "Overrides the muscle's self_treat for this point; null: as the muscle."},
        "at_endangerment": strings("Endangerment-site ids the knot lies on: treated softened."),
        "source": text(""),
    }));
    let self_care = closed(json!({
        "self_treat": {"type": "boolean"}, "technique": strings(""), "tools": strings(""),
        "position": text(""), "how": text(""),
        "hold_seconds": {"type": "integer"}, "holds": {"type": "integer"},
        "strokes": {"type": "integer"}, "sessions_per_day": {"type": "integer"},
        "stretch": text(""),
    }));
    let cautions = closed(json!({
        "endangerment": strings("Endangerment-site ids: no firm pressure there."),
        "avoid_if": strings(""), "stop_if": strings(""), "notes": text(""),
        "contraindicated_with": strings("Screening question ids: a yes blocks treatment of the muscle."),
    }));
    let muscle = closed(json!({
        "id": text(""), "prevalence": prevalence.clone(), "name": text(""),
        "synonyms": strings(""), "part": text(""), "summary": text(""), "source": text(""),
        "self_care": reference("SelfCare"), "cautions": reference("Cautions"),
        "trigger_point": list_of("TriggerPointSpec"),
    }));
    let trigger_point = closed(json!({
        "id": text("Side-less id shared by both sides."), "muscle_id": text(""),
        "side": side(), "label": text(""), "location": text("Region id."),
        "essential": strings("Region ids."), "spillover": strings("Region ids."),
        "crosses_midline": {"type": "boolean"}, "prevalence": prevalence,
        "press_here": text(""), "palpation": text(""), "symptoms": strings(""),
        "aggravating": strings(""), "perpetuating": strings(""),
        "self_treat": {"type": "boolean", "description": "Whether this point may be self-treated."},
        "at_endangerment": strings("Endangerment-site ids the knot lies on: treated softened."),
        "source": text(""),
    }));
    vec![
        (
            "Atlas",
            closed(json!({
                "muscles": list_of("Muscle"),
                "trigger_points": list_of("TriggerPoint"),
                "vocabulary": reference("Vocabulary"),
            })),
        ),
        (
            "MuscleDetail",
            closed(json!({
                "muscle": reference("Muscle"),
                "trigger_points": list_of("TriggerPoint"),
            })),
        ),
        ("Muscle", muscle),
        ("SelfCare", self_care),
        ("Cautions", cautions),
        ("TriggerPointSpec", spec),
        ("TriggerPoint", trigger_point),
        ("Vocabulary", vocabulary),
        ("VocabularyQuestion", vocabulary_question),
        ("Named", named),
    ]
}

fn other_schemas() -> Vec<(&'static str, Value)> {
    let region = closed(json!({
        "id": text("Public id: right-temple, sacrum."), "base": text("The id without the side."),
        "name": text("A person's name for it."), "side": side(),
        "view": {"type": "string", "enum": ["front", "back"]},
        "area": text(""), "part": text(""), "area_name": text(""), "part_name": text(""),
        "neighbours": strings("Ids of the regions it touches."),
    }));
    let error = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["error"],
        "properties": {
            "error": text("What was wrong and how to fix it."),
            "suggestions": {"type": "array", "items": closed(json!({
                "label": text(""), "href": text(""),
            }))},
        },
    });
    vec![
        ("Regions", closed(json!({"regions": list_of("Region")}))),
        ("Region", region),
        ("Error", error),
    ]
}
