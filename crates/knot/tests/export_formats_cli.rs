//! `knot export --format csv|fhir`: a person's diary and sessions as two CSV files with their
//! whole history, and their record as a FHIR R4 Bundle; one person only, and a clear refusal
//! for what cannot be written.

mod support;

use support::{stderr, TempDb};

#[test]
fn csv_has_one_row_per_entry_and_session_with_the_history() {
    let db = TempDb::new();
    db.ok(&["demo", "seed", "--weeks", "2"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("export");
    let written = db.knot(&[
        "export",
        "--format",
        "csv",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(written.status.success(), "{}", stderr(&written));

    let diary = std::fs::read_to_string(out.join("diary.csv")).expect("diary.csv");
    let sessions = std::fs::read_to_string(out.join("sessions.csv")).expect("sessions.csv");
    let history = db.json(&["history", "--all", "--json"]);
    let entries = history["entries"].as_array().expect("entries").len();
    assert!(
        diary.starts_with("Entry,Recorded at (UTC),Kind,"),
        "{diary}"
    );
    assert_eq!(
        diary.split("\r\n").filter(|l| !l.is_empty()).count(),
        entries + 1
    );
    // The demo corrects one entry and deletes one: both are kept, with their status.
    assert!(diary.contains(",corrected,"), "{diary}");
    assert!(diary.contains(",deleted,"), "{diary}");
    assert!(sessions.starts_with("Session,Started at (UTC),"));
    assert!(sessions.split("\r\n").filter(|l| !l.is_empty()).count() > 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("diary.csv"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by the person alone");
    }

    let to_stdout = db.knot(&["export", "--format", "csv"]);
    assert_eq!(to_stdout.status.code(), Some(2));
    assert!(stderr(&to_stdout).contains("--output DIR"));
}

#[test]
fn fhir_is_a_bundle_of_the_person_and_refuses_the_whole_database() {
    let db = TempDb::new();
    db.ok(&["demo", "seed", "--weeks", "2"]);
    let bundle: serde_json::Value =
        serde_json::from_str(&db.ok(&["export", "--format", "fhir"])).expect("JSON");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let types: Vec<&str> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["resource"]["resourceType"].as_str())
        .collect();
    for wanted in [
        "Patient",
        "Observation",
        "Procedure",
        "QuestionnaireResponse",
        "CarePlan",
    ] {
        assert!(types.contains(&wanted), "{wanted}: {types:?}");
    }
    assert!(!types.contains(&"Condition"), "never a diagnosis");
    let pain = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["resource"]["code"]["coding"][0]["code"] == "72514-3")
        .expect("a pain observation");
    assert_eq!(
        pain["resource"]["code"]["coding"][0]["system"],
        "http://loinc.org"
    );

    let all = db.knot(&["export", "--format", "fhir", "--all"]);
    assert_eq!(all.status.code(), Some(2));
    assert!(stderr(&all).contains("one person's record"));
}
