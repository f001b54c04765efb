//! The bundle's codes, references and stability: LOINC 72514-3 for pain, UCUM units, SNOMED CT
//! laterality, Knot's local region and CHOIR codes, references that resolve inside the bundle,
//! and the same bundle for the same record.

mod fixture;

use std::collections::BTreeSet;

use knot_care::screen::RuleTable;
use knot_fhir::map::codes::{
    CHOIR_SYSTEM, LOINC, MEASURE_SYSTEM, MOVEMENT_SYSTEM, REGION_SYSTEM, SCREENING_URL, SNOMED,
    TRIGGER_POINT_SYSTEM, UCUM,
};
use serde_json::Value;

fn bundle() -> Value {
    knot_fhir::bundle_json(&fixture::record(), fixture::generated_at())
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// The resource whose identifier names this Knot record.
fn by_knot_id<'a>(bundle: &'a Value, kind: &str, id: i64) -> Option<&'a Value> {
    let wanted = id.to_string();
    resources(bundle, kind).into_iter().find(|r| {
        let ids = match &r["identifier"] {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        ids.iter().any(|i| i["value"] == wanted.as_str())
    })
}

fn codings<'a>(concept: &'a Value, system: &str) -> Vec<&'a str> {
    concept["coding"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter(|c| c["system"] == system)
                .filter_map(|c| c["code"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

fn patient_url(bundle: &Value) -> String {
    bundle["entry"][0]["fullUrl"]
        .as_str()
        .expect("a fullUrl")
        .to_string()
}

#[test]
fn the_bundle_is_a_timestamped_collection_starting_with_the_patient() {
    let bundle = bundle();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    assert_eq!(bundle["timestamp"], "2026-11-30T20:15:00Z");
    let patient = &bundle["entry"][0]["resource"];
    assert_eq!(patient["resourceType"], "Patient");
    assert_eq!(patient["name"][0]["text"], "Robin Example");
    assert_eq!(patient["telecom"][0]["system"], "email");
    assert_eq!(patient["telecom"][0]["value"], "robin@example.org");
}

#[test]
fn pain_is_loinc_72514_3_as_an_integer_about_the_patient() {
    let bundle = bundle();
    let pain = by_knot_id(&bundle, "Observation", 1).expect("overall pain");
    assert_eq!(codings(&pain["code"], LOINC), ["72514-3"]);
    assert_eq!(
        pain["code"]["coding"][0]["display"],
        "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
    );
    assert_eq!(pain["valueInteger"], 7);
    assert_eq!(pain["status"], "final");
    assert_eq!(
        pain["category"][0]["coding"][0]["system"],
        "http://terminology.hl7.org/CodeSystem/observation-category"
    );
    assert_eq!(pain["category"][0]["coding"][0]["code"], "survey");
    assert_eq!(pain["effectiveDateTime"], "2026-11-01T08:15:00Z");
    assert_eq!(pain["subject"]["reference"], patient_url(&bundle).as_str());
    assert_eq!(pain["note"][0]["text"], "woke up stiff");
    assert!(pain.get("bodySite").is_none(), "overall pain has no site");
}

#[test]
fn a_pain_region_carries_the_knot_region_choir_area_and_snomed_laterality() {
    let bundle = bundle();
    let site = &by_knot_id(&bundle, "Observation", 2).expect("temple pain")["bodySite"];
    assert_eq!(codings(site, REGION_SYSTEM), ["right-temple"]);
    assert_eq!(
        codings(site, CHOIR_SYSTEM),
        ["101"],
        "CHOIR 101 = cranium (front), right"
    );
    assert_eq!(codings(site, SNOMED), ["24028007"], "SNOMED right");
    assert_eq!(site["text"], "right temple");

    let sacrum = &by_knot_id(&bundle, "Observation", 11).expect("sacrum pain")["bodySite"];
    assert_eq!(codings(sacrum, SNOMED), ["399488007"], "SNOMED midline");
    assert!(!codings(sacrum, CHOIR_SYSTEM).is_empty());
}

#[test]
fn pressure_threshold_is_in_kpa_at_the_trigger_point_and_side() {
    let bundle = bundle();
    let threshold = by_knot_id(&bundle, "Observation", 5).expect("threshold");
    assert_eq!(
        codings(&threshold["code"], MEASURE_SYSTEM),
        ["pressure-pain-threshold"]
    );
    assert_eq!(threshold["code"]["text"], "Pressure pain threshold");
    let value = &threshold["valueQuantity"];
    assert_eq!(value["system"], UCUM);
    assert_eq!(value["code"], "kPa");
    assert_eq!(value["value"], 235.4, "2.4 kg/cm² × 98.0665");
    let site = &threshold["bodySite"];
    assert_eq!(codings(site, TRIGGER_POINT_SYSTEM), ["upper-trapezius-1"]);
    assert_eq!(codings(site, REGION_SYSTEM), ["right-top-of-shoulder"]);
    assert_eq!(codings(site, SNOMED), ["24028007"]);
    assert_eq!(threshold["category"][0]["coding"][0]["code"], "exam");
}

#[test]
fn range_of_motion_is_in_degrees_and_mouth_opening_in_millimetres() {
    let bundle = bundle();
    let neck = by_knot_id(&bundle, "Observation", 6).expect("neck rotation");
    assert_eq!(
        codings(&neck["code"], MOVEMENT_SYSTEM),
        ["cervical-rotation-left"]
    );
    assert_eq!(neck["valueQuantity"]["code"], "deg");
    assert_eq!(neck["valueQuantity"]["system"], UCUM);
    assert_eq!(neck["valueQuantity"]["value"], 62.5);
    let mouth = by_knot_id(&bundle, "Observation", 7).expect("mouth opening");
    assert_eq!(mouth["valueQuantity"]["code"], "mm");
}

#[test]
fn a_functional_scale_activity_is_a_local_survey_score() {
    let bundle = bundle();
    let psfs = by_knot_id(&bundle, "Observation", 8).expect("PSFS");
    assert_eq!(codings(&psfs["code"], MEASURE_SYSTEM), ["psfs-activity"]);
    assert_eq!(psfs["valueInteger"], 4);
    assert!(psfs["code"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("reverse the car")));
}

#[test]
fn notes_superseded_and_deleted_entries_are_left_out_and_a_correction_is_amended() {
    let bundle = bundle();
    for left_out in [3, 9, 10] {
        assert!(
            by_knot_id(&bundle, "Observation", left_out).is_none(),
            "entry {left_out} should not be exported"
        );
    }
    let correction = by_knot_id(&bundle, "Observation", 4).expect("the correction");
    assert_eq!(correction["status"], "amended");
    assert_eq!(correction["valueInteger"], 6);
}

#[test]
fn the_screening_is_a_questionnaire_and_its_responses() {
    let bundle = bundle();
    let table = RuleTable::builtin();
    let questionnaires = resources(&bundle, "Questionnaire");
    assert_eq!(questionnaires.len(), 1);
    let form = questionnaires[0];
    assert_eq!(form["status"], "active");
    assert_eq!(form["url"], SCREENING_URL);
    assert_eq!(form["version"], table.version());
    let link_ids: BTreeSet<&str> = form["item"]
        .as_array()
        .expect("items")
        .iter()
        .flat_map(|group| group["item"].as_array().into_iter().flatten())
        .filter_map(|q| q["linkId"].as_str())
        .collect();
    for question in table.questions() {
        assert!(
            link_ids.contains(question.id.as_str()),
            "{} missing",
            question.id
        );
    }

    let current = by_knot_id(&bundle, "QuestionnaireResponse", 2).expect("current screening");
    assert_eq!(current["status"], "completed");
    assert_eq!(
        current["questionnaire"],
        format!("{SCREENING_URL}|{}", table.version()).as_str()
    );
    assert_eq!(current["authored"], "2026-11-01T07:15:00Z");
    let answers: Vec<&Value> = current["item"]
        .as_array()
        .expect("items")
        .iter()
        .flat_map(|g| g["item"].as_array().into_iter().flatten().chain([g]))
        .collect();
    let answer_of = |id: &str| {
        answers
            .iter()
            .find(|a| a["linkId"] == id)
            .map(|a| a["answer"].clone())
    };
    assert_eq!(
        answer_of("blood-thinners").expect("answered")[0]["valueBoolean"],
        true
    );
    assert_eq!(
        answer_of("fever").expect("answered")[0]["valueBoolean"],
        false
    );
    assert_eq!(answer_of("age").expect("answered")[0]["valueInteger"], 47);
    let veins = answer_of("varicose-veins").expect("answered");
    assert_eq!(veins[0]["valueCoding"]["system"], REGION_SYSTEM);
    assert_eq!(veins[0]["valueCoding"]["code"], "left-calf");
    assert_eq!(
        answer_of("pain-regions")
            .expect("body map")
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(answer_of("open-wound").is_none(), "\"none\" has no answer");

    let older = by_knot_id(&bundle, "QuestionnaireResponse", 1).expect("older screening");
    assert_eq!(
        older["questionnaire"],
        format!("{SCREENING_URL}|2025.1").as_str()
    );
}

#[test]
fn sessions_are_procedures_with_their_pain_and_plans_are_care_plans() {
    let bundle = bundle();
    let done = by_knot_id(&bundle, "Procedure", 31).expect("session 31");
    assert_eq!(done["status"], "completed");
    assert_eq!(
        done["code"]["text"],
        "Trigger point self-treatment: sustained pressure"
    );
    assert_eq!(done["performedPeriod"]["start"], "2026-11-03T18:15:00Z");
    assert_eq!(done["performedPeriod"]["end"], "2026-11-03T18:21:00Z");
    assert_eq!(
        codings(&done["bodySite"][0], TRIGGER_POINT_SYSTEM),
        ["upper-trapezius-1"]
    );
    let note = done["note"][0]["text"].as_str().expect("a note");
    assert!(note.contains("1 of 2 holds done"), "{note}");
    assert!(note.contains("pain 6/10 before, 3/10 after"), "{note}");
    let plan = by_knot_id(&bundle, "CarePlan", 21).expect("plan 21");
    let plan_url = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["resource"]["id"] == plan["id"])
        .and_then(|e| e["fullUrl"].as_str())
        .expect("plan url");
    assert_eq!(done["basedOn"][0]["reference"], plan_url);

    let stopped = by_knot_id(&bundle, "Procedure", 32).expect("session 32");
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["statusReason"]["text"], "a sharp, electric feeling");
    let quit = by_knot_id(&bundle, "Procedure", 33).expect("session 33");
    assert_eq!(quit["status"], "stopped");
    assert!(quit.get("basedOn").is_none());

    let part_of_pain = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o.get("partOf").is_some())
        .count();
    assert_eq!(
        part_of_pain, 4,
        "before and after for 31, before for 32 and 33"
    );

    assert_eq!(plan["status"], "active");
    assert_eq!(plan["intent"], "plan");
    assert_eq!(plan["activity"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        by_knot_id(&bundle, "CarePlan", 20).expect("plan 20")["status"],
        "revoked"
    );
}

#[test]
fn every_reference_resolves_to_an_entry_and_full_urls_are_unique_uuids() {
    let bundle = bundle();
    let entries = bundle["entry"].as_array().expect("entries");
    let urls: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| e["fullUrl"].as_str())
        .collect();
    assert_eq!(urls.len(), entries.len(), "fullUrls are unique");
    for entry in entries {
        let url = entry["fullUrl"].as_str().expect("fullUrl");
        let id = entry["resource"]["id"].as_str().expect("id");
        assert_eq!(url, format!("urn:uuid:{id}"));
        assert_eq!(id.len(), 36);
    }
    let mut references = Vec::new();
    collect_references(&bundle, &mut references);
    assert!(references.len() > 20, "{} references", references.len());
    for reference in references {
        assert!(
            urls.contains(reference.as_str()),
            "{reference} is not in the bundle"
        );
    }
    // The current screening's canonical resolves to the bundle's Questionnaire.
    let form = resources(&bundle, "Questionnaire")[0];
    let canonical = format!(
        "{}|{}",
        form["url"].as_str().expect("url"),
        form["version"].as_str().expect("v")
    );
    assert_eq!(
        by_knot_id(&bundle, "QuestionnaireResponse", 2).expect("screening")["questionnaire"],
        canonical.as_str()
    );
}

fn collect_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("reference", Value::String(url)) => out.push(url.clone()),
                    _ => collect_references(child, out),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| collect_references(v, out)),
        _ => {}
    }
}

#[test]
fn the_text_form_is_the_same_bundle_with_resource_type_first() {
    let text = knot_fhir::bundle_text(&fixture::record(), fixture::generated_at());
    assert!(
        text.starts_with("{\n  \"resourceType\": \"Bundle\""),
        "{}",
        &text[..60]
    );
    let parsed: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(parsed, bundle());
}

#[test]
fn the_same_record_gives_the_same_bundle_in_any_order() {
    let first = serde_json::to_string(&bundle()).expect("JSON");
    assert_eq!(first, serde_json::to_string(&bundle()).expect("JSON"));
    let mut shuffled = fixture::record();
    shuffled.entries.reverse();
    shuffled.screenings.reverse();
    shuffled.sessions.reverse();
    shuffled.plans.reverse();
    let again = knot_fhir::bundle_json(&shuffled, fixture::generated_at());
    assert_eq!(first, serde_json::to_string(&again).expect("JSON"));
}

#[test]
fn another_person_gets_other_ids_and_no_resource_claims_a_diagnosis() {
    let bundle = bundle();
    let mut other = fixture::record();
    other.person.id += 1;
    let other = knot_fhir::bundle_json(&other, fixture::generated_at());
    assert_ne!(bundle["entry"][0]["fullUrl"], other["entry"][0]["fullUrl"]);
    let kinds: BTreeSet<&str> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["resource"]["resourceType"].as_str())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "CarePlan",
            "Observation",
            "Patient",
            "Procedure",
            "Questionnaire",
            "QuestionnaireResponse"
        ])
    );
}

/// Every string is a FHIR string as the R4 JSON schema checks it: not blank, and no whitespace
/// but space, tab and line breaks, no control characters.
#[test]
fn awkward_text_becomes_valid_fhir_strings() {
    let bundle = knot_fhir::bundle_json(&fixture::awkward_record(), fixture::generated_at());
    let mut strings = Vec::new();
    collect_strings(&bundle, &mut strings);
    for text in &strings {
        assert!(!text.trim().is_empty(), "a blank string in the bundle");
        assert!(
            !text.chars().any(
                |c| (c.is_whitespace() && !matches!(c, ' ' | '\t' | '\r' | '\n'))
                    || (c.is_control() && !c.is_whitespace())
            ),
            "{text:?}"
        );
    }
    assert!(strings.iter().any(|s| s.contains("carrying groceries 🛒")));
    collect_strings(&self::bundle(), &mut Vec::new());
    let patient = &bundle["entry"][0]["resource"];
    assert!(patient.get("name").is_none() && patient.get("telecom").is_none());
}

/// Collects every string, and checks on the way that no array or object is empty (FHIR JSON
/// leaves an element out rather than writing it empty; the schema does not check that).
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Object(map) => {
            assert!(!map.is_empty(), "an empty object in the bundle");
            map.values().for_each(|v| collect_strings(v, out));
        }
        Value::Array(list) => {
            assert!(!list.is_empty(), "an empty array in the bundle");
            list.iter().for_each(|v| collect_strings(v, out));
        }
        _ => {}
    }
}
