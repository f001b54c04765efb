//! `knot log` and `knot history` end to end on a fresh SQLite file: every kind is stored and
//! listed, bad values exit 2 and store nothing, corrections keep the original, deletions hide
//! an entry from the list but not from the full history.

mod support;

use support::{stderr, TempDb as Diary};

impl Diary {
    /// Every entry, history included, as JSON.
    fn all_entries(&self) -> Vec<serde_json::Value> {
        self.json(&["history", "--all", "--json"])["entries"]
            .as_array()
            .expect("entries")
            .clone()
    }
}

/// The id in "Stored entry 12: …" or "Stored correction 12: …".
fn stored_id(stdout: &str) -> i64 {
    stdout
        .split_whitespace()
        .nth(2)
        .and_then(|word| word.trim_end_matches(':').parse().ok())
        .unwrap_or_else(|| panic!("no id in {stdout:?}"))
}

#[test]
fn every_kind_is_stored_and_listed() {
    let diary = Diary::new();
    let pain = diary.ok(&["log", "pain", "6"]);
    assert!(
        pain.starts_with("Stored entry") && pain.contains("pain 6/10, overall"),
        "{pain}"
    );
    diary.ok(&[
        "log",
        "pain",
        "4",
        "--region",
        "right temple",
        "--at",
        "2024-03-05T08:30",
        "--note",
        "after work",
    ]);
    diary.ok(&[
        "log",
        "threshold",
        "upper-trapezius-1",
        "--side",
        "right",
        "3.2",
    ]);
    diary.ok(&["log", "threshold", "upper-trapezius-1:left", "310kPa"]);
    diary.ok(&["log", "rom", "neck rotation left", "70"]);
    diary.ok(&["log", "rom", "mouth-opening", "42mm"]);
    diary.ok(&["log", "function", "reaching the top shelf", "6"]);
    diary.ok(&["log", "note", "slept", "badly"]);

    let table = diary.ok(&["history"]);
    for expected in [
        "6/10",
        "right temple",
        "after work",
        "3.20 kg/cm²",
        "3.16 kg/cm²",
        "70°",
        "42 mm",
        "reaching the top shelf",
        "slept badly",
    ] {
        assert!(table.contains(expected), "{expected} missing from\n{table}");
    }
    let entries = diary.all_entries();
    assert_eq!(entries.len(), 8);
    let dated = entries
        .iter()
        .find(|e| e["note"] == "after work")
        .expect("dated entry");
    assert_eq!(dated["measure"]["region"], "right-temple");
    assert!(dated["recorded_at"]
        .as_str()
        .unwrap_or("")
        .starts_with("2024-03-0"));
    let rom = entries
        .iter()
        .find(|e| e["measure"]["kind"] == "range_of_motion")
        .expect("rom entry");
    assert_eq!(rom["measure"]["movement"], "cervical-rotation-left");
}

#[test]
fn both_sides_said_outright_store_one_entry_per_side() {
    let diary = Diary::new();
    diary.ok(&["log", "pain", "3", "--region", "both temples"]);
    let regions: Vec<String> = diary
        .all_entries()
        .iter()
        .map(|e| e["measure"]["region"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(regions.len(), 2);
    assert!(regions.contains(&"left-temple".to_string()));
    assert!(regions.contains(&"right-temple".to_string()));
}

#[test]
fn bad_values_exit_2_with_the_valid_range_and_store_nothing() {
    let diary = Diary::new();
    let cases: [(&[&str], &str); 12] = [
        (&["log", "pain", "11"], "0 (no pain) to 10"),
        (&["log", "pain", "-1"], "0 (no pain) to 10"),
        (&["log", "pain", "6.5"], "whole number"),
        (&["log", "pain", "5", "--region", "right tempel"], "temple"),
        (&["log", "pain", "5", "--region", "temple"], "right-temple"),
        (
            &[
                "log",
                "threshold",
                "upper-trapezius-1",
                "--side",
                "right",
                "40",
            ],
            "0.1 to 15 kg/cm²",
        ),
        (
            &["log", "threshold", "upper-trapezius-1", "3.2"],
            "needs a side",
        ),
        (
            &["log", "threshold", "upper-trapezis-1:right", "3.2"],
            "upper-trapezius-1",
        ),
        (
            &["log", "rom", "cervical-rotation-left", "170"],
            "from 0 to 110 degrees",
        ),
        (
            &["log", "rom", "neck rotation", "70"],
            "cervical-rotation-right",
        ),
        (
            &["log", "function", "reaching the top shelf", "12"],
            "0 (unable to do it)",
        ),
        (&["log", "pain", "5", "--at", "2999-01-01"], "future"),
    ];
    for (args, expected) in cases {
        let out = diary.knot(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let empty = diary.knot(&["log", "note", " "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(diary.all_entries().is_empty(), "a refused value was stored");
}

#[test]
fn a_correction_keeps_the_original_and_history_all_shows_both() {
    let diary = Diary::new();
    let id = stored_id(&diary.ok(&[
        "log",
        "pain",
        "6",
        "--region",
        "right temple",
        "--note",
        "morning",
    ]));
    let corrected = diary.ok(&[
        "history",
        "correct",
        &id.to_string(),
        "pain",
        "5",
        "--region",
        "right temple",
    ]);
    let new_id = stored_id(&corrected);
    assert_ne!(id, new_id);

    let current = diary.ok(&["history"]);
    assert!(
        current.contains("5/10") && !current.contains("6/10"),
        "{current}"
    );
    let all = diary.ok(&["history", "--all"]);
    assert!(all.contains("6/10") && all.contains("5/10"), "{all}");
    assert!(all.contains(&format!("corrected by #{new_id}")), "{all}");

    let entries = diary.all_entries();
    let original = entries
        .iter()
        .find(|e| e["id"] == id)
        .expect("original kept");
    assert_eq!(original["measure"]["score"], 6);
    assert_eq!(original["current"], false);
    let correction = entries
        .iter()
        .find(|e| e["id"] == new_id)
        .expect("correction");
    assert_eq!(correction["corrects"], id);
    assert_eq!(
        correction["note"], "morning",
        "the note is kept unless replaced"
    );
    assert_eq!(correction["recorded_at"], original["recorded_at"]);

    let again = diary.knot(&["history", "correct", &id.to_string(), "pain", "4"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains(&format!("corrected by entry {new_id}")));
}

#[test]
fn a_correction_must_keep_the_kind_and_a_bad_value_changes_nothing() {
    let diary = Diary::new();
    let id = stored_id(&diary.ok(&["log", "pain", "6"])).to_string();
    let other_kind = diary.knot(&["history", "correct", &id, "note", "oops"]);
    assert_eq!(other_kind.status.code(), Some(2));
    assert!(
        stderr(&other_kind).contains("keep its kind"),
        "{}",
        stderr(&other_kind)
    );
    let bad_value = diary.knot(&["history", "correct", &id, "pain", "12"]);
    assert_eq!(bad_value.status.code(), Some(2));
    let entries = diary.all_entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["current"], true);
}

#[test]
fn delete_hides_an_entry_from_the_list_but_not_from_the_full_history() {
    let diary = Diary::new();
    let keep = stored_id(&diary.ok(&["log", "note", "keep me"]));
    let gone = stored_id(&diary.ok(&["log", "note", "delete me"]));
    diary.ok(&["history", "delete", &gone.to_string()]);
    let listed = diary.ok(&["history"]);
    assert!(
        listed.contains("keep me") && !listed.contains("delete me"),
        "{listed}"
    );
    let all = diary.ok(&["history", "--all"]);
    assert!(
        all.contains("delete me") && all.contains("deleted"),
        "{all}"
    );
    let twice = diary.knot(&["history", "delete", &gone.to_string()]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(keep != gone);
}

#[test]
fn unknown_ids_exit_2_and_point_to_history() {
    let diary = Diary::new();
    for args in [
        &["history", "delete", "999"][..],
        &["history", "correct", "999", "pain", "5"][..],
    ] {
        let out = diary.knot(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("no entry 999; see `knot history`"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn history_filters_by_kind_and_date() {
    let diary = Diary::new();
    diary.ok(&["log", "pain", "6", "--at", "2024-01-10"]);
    diary.ok(&["log", "pain", "4", "--at", "2024-02-10"]);
    diary.ok(&["log", "note", "a note", "--at", "2024-02-11"]);
    let pain_since = diary.ok(&["history", "--kind", "pain", "--since", "2024-02-01"]);
    assert!(pain_since.contains("4/10"), "{pain_since}");
    assert!(
        !pain_since.contains("6/10") && !pain_since.contains("a note"),
        "{pain_since}"
    );
    let bad_date = diary.knot(&["history", "--since", "last week"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));
}

#[test]
fn movements_are_listed_without_touching_the_database() {
    let diary = Diary::new();
    let listing = diary.ok(&["log", "movements"]);
    assert!(listing.contains("cervical-rotation-left") && listing.contains("mouth-opening"));
    assert_eq!(diary.ok(&["log", "rom", "--list"]), listing);
    assert!(!diary.path.exists(), "listing created the database");
}
