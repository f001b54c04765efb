//! `knot account delete`: the operator erases the CLI's own person with --yes, and a person
//! with a web sign-in only when its address is typed again; the database file then holds no
//! text of the erased diary. Bad input changes nothing.

mod support;

use std::fs;

use support::{stderr, TempDb};

const NOTE: &str = "terminal-okapi-note";

fn file_holds(db: &TempDb, text: &str) -> bool {
    let mut bytes = fs::read(&db.path).expect("the database file");
    let wal = db.path.with_extension("db-wal");
    bytes.extend(fs::read(wal).unwrap_or_default());
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn the_local_person_is_erased_with_yes() {
    let db = TempDb::new();
    db.ok(&["log", "--note", NOTE, "pain", "5"]);
    assert!(db.ok(&["history"]).contains(NOTE));

    let refused = db.knot(&["account", "delete"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));
    assert!(db.ok(&["history"]).contains(NOTE), "nothing changed");

    let done = db.ok(&["account", "delete", "--yes"]);
    assert!(done.contains("Erased: 1 diary entries"), "{done}");
    assert!(!db.ok(&["history"]).contains(NOTE));
    assert!(!file_holds(&db, NOTE), "the note is gone from the file");
    let verify = db.ok(&["audit", "verify"]);
    assert!(!verify.is_empty());
}

#[test]
fn a_person_with_a_sign_in_is_named_again() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let password = dir.path().join("pw");
    fs::write(&password, "a long enough password\n").expect("write");
    let password = password.display().to_string();
    db.ok(&[
        "account",
        "set-password",
        "--email",
        "me@example.org",
        "--password-file",
        &password,
    ]);
    db.ok(&["log", "--note", NOTE, "pain", "5"]);

    let unnamed = db.knot(&["account", "delete", "--yes"]);
    assert_eq!(unnamed.status.code(), Some(2));
    assert!(
        stderr(&unnamed).contains("--confirm-email me@example.org"),
        "{}",
        stderr(&unnamed)
    );
    db.ok(&[
        "account",
        "delete",
        "--yes",
        "--confirm-email",
        "ME@example.org",
    ]);
    assert!(!db.ok(&["history"]).contains(NOTE));
    assert!(!db.ok(&["account", "show"]).contains("me@example.org"));
}
