//! The bundle of a realistic record validates against the official FHIR R4 JSON schema, checked
//! by an independent validator (`tools/fhir-validate`, the npm package
//! `@asymmetrik/fhir-json-schema-validator`), and a broken bundle does not.
//!
//! Needs Node.js. Without `tools/fhir-validate/node_modules` the test runs `npm ci` there first,
//! so a fresh machine works. Without `node` it is skipped with a message, except when `CI` is
//! set: then it fails, so CI never passes without having validated.

mod fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

fn tool_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/fhir-validate")
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Whether the validator can run: node present and the package installed (by `npm ci` if need
/// be). Panics when it cannot and `CI` is set.
fn validator_ready() -> bool {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if !has("node") {
        assert!(
            !in_ci,
            "CI is set but `node` is not installed: the FHIR bundle cannot be validated"
        );
        eprintln!("skipped: `node` is not installed, so the FHIR R4 schema check cannot run");
        return false;
    }
    // The tests run in parallel threads: one installs, the others wait for it.
    static INSTALL: Mutex<()> = Mutex::new(());
    let _installing = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tool_dir();
    if !dir
        .join("node_modules/@asymmetrik/fhir-json-schema-validator")
        .is_dir()
    {
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .output()
            .expect("`node` is installed but `npm` could not be run");
        assert!(
            out.status.success(),
            "`npm ci` in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    true
}

fn validate(text: &str) -> Output {
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("a temp file");
    std::fs::write(file.path(), text).expect("write");
    Command::new("node")
        .arg(tool_dir().join("validate.mjs"))
        .arg(file.path())
        .output()
        .expect("node runs")
}

#[test]
fn a_full_record_is_a_valid_fhir_r4_bundle_and_a_broken_one_is_not() {
    if !validator_ready() {
        return;
    }
    let text = knot_fhir::bundle_text(&fixture::record(), fixture::generated_at());
    let out = validate(&text);
    assert!(
        out.status.success(),
        "the bundle is not valid FHIR R4:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // The validator really looks inside the entries: a wrong code in one fails the bundle.
    let mut broken: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    broken["entry"][2]["resource"]["status"] = "not-a-status".into();
    let out = validate(&broken.to_string());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bundle with an invalid status passed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("entry 2"));
}

#[test]
fn an_empty_record_is_a_valid_bundle_too() {
    if !validator_ready() {
        return;
    }
    let mut record = fixture::record();
    record.entries.clear();
    record.screenings.clear();
    record.sessions.clear();
    record.plans.clear();
    record.person.email = None;
    let out = validate(&knot_fhir::bundle_text(&record, fixture::generated_at()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_record_with_awkward_text_and_unknown_ids_is_still_valid() {
    if !validator_ready() {
        return;
    }
    let text = knot_fhir::bundle_text(&fixture::awkward_record(), fixture::generated_at());
    let out = validate(&text);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        text
    );
}
