//! `knot audit verify` from the command line: exit 0 with the counts on a whole chain, exit 3
//! naming the first broken row once a row was altered (SQLite, with the sqlite3 shell) or
//! removed from the end (PostgreSQL, with psql), exit 2 for a clinic that does not exist.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::{Command, Output};

use knot_store::testing::TempDatabase;
use support::{stderr, TempDb};

fn knot(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs SQL with a database's own shell, around Knot.
fn shell(program: &str, args: &[&str], sql: &str) {
    let out = Command::new(program).args(args).arg(sql).output().unwrap();
    assert!(out.status.success(), "{program} {sql}: {}", stderr(&out));
}

#[test]
fn verify_passes_a_whole_chain_and_names_an_altered_row_with_exit_3() {
    let db = TempDb::new();
    db.ok(&["demo", "seed", "--weeks", "2"]);
    db.ok(&["history"]);
    let url = format!("sqlite:{}", db.path.display());

    let out = knot(&url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("audit chain whole: ") && stdout(&out).contains("in 1 clinic"),
        "{}",
        stdout(&out)
    );

    let out = knot(&url, &["audit", "verify", "--clinic", "424242"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let path = db.path.to_str().unwrap();
    shell(
        "sqlite3",
        &[path],
        "UPDATE audit_log SET action = 'forged' WHERE chain_seq = 2",
    );
    let out = knot(&url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("chain place 2") && said.contains("altered"),
        "{said}"
    );
}

#[test]
fn verify_finds_a_row_removed_from_the_end_on_postgresql() {
    let pg = TempDatabase::create().unwrap();
    let url = pg.url();
    let out = knot(url, &["demo", "seed", "--weeks", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = knot(url, &["audit", "verify", "--clinic", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    shell(
        "psql",
        &[url, "-v", "ON_ERROR_STOP=1", "-c"],
        "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
    );
    let out = knot(url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("removed from the end"),
        "{}",
        stderr(&out)
    );
}
