//! Moving and keeping data from the command line: a backup taken while other processes keep
//! writing restores into an empty PostgreSQL database and reads back equal; a backup to an age
//! key restores with the identity; wrong passphrases, foreign files and used targets are refused
//! (exit 2) and change nothing; `knot db copy` moves SQLite to PostgreSQL; `knot export` and
//! `knot import` carry one person.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use knot_store::testing::TempDatabase;
use support::{stderr, TempDb};

const PASSPHRASE: &str = "a long enough passphrase";

/// Runs `knot --db URL ARGS` with the test passphrase in the environment.
fn knot(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .env("KNOT_BACKUP_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap()
}

fn ok(url: &str, args: &[&str]) -> String {
    let out = knot(url, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(url: &str, args: &[&str], says: &str) {
    let out = knot(url, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} should exit 2: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(says),
        "{args:?}: expected {says:?} in {}",
        stderr(&out)
    );
}

/// The rows of `knot export --all` (the header and trailer name times and scopes).
fn all_rows(url: &str) -> Vec<String> {
    let text = ok(url, &["export", "--all"]);
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1]
        .iter()
        .map(|line| line.to_string())
        .collect()
}

/// `knot audit verify` on `url` says the audit chain is whole.
fn chain_whole(url: &str) {
    let said = ok(url, &["audit", "verify"]);
    assert!(said.starts_with("audit chain whole"), "{said}");
}

fn sqlite(db: &TempDb) -> String {
    format!("sqlite:{}", db.path.display())
}

fn seeded() -> TempDb {
    let db = TempDb::new();
    db.ok(&["demo", "seed", "--weeks", "3"]);
    db
}

#[test]
fn a_backup_taken_while_others_write_restores_into_postgresql_equal_to_itself() {
    let source = seeded();
    let url = sqlite(&source);
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("knot.age");
    let before = all_rows(&url).len();

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, url) = (stop.clone(), url.clone());
        std::thread::spawn(move || {
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                ok(
                    &url,
                    &["log", "pain", "4", "--note", "written during the backup"],
                );
                written += 1;
            }
            written
        })
    };
    for _ in 0..3 {
        ok(&url, &["backup", backup.to_str().unwrap()]);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(
        written > 0,
        "the writer wrote nothing while the backups were taken"
    );
    let mode = std::fs::metadata(&backup).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(mode.permissions().mode() & 0o777, 0o600);
    }
    assert!(!std::fs::read(&backup)
        .unwrap()
        .windows(9)
        .any(|w| w == b"knot-expo"));

    let pg = TempDatabase::create().unwrap();
    let restored_text = ok(pg.url(), &["restore", backup.to_str().unwrap()]);
    assert!(
        restored_text.contains("reads back equal"),
        "{restored_text}"
    );
    let restored = all_rows(pg.url());
    let now = all_rows(&url);
    assert!(restored.len() > before && restored.len() <= now.len());
    // A snapshot: every restored row is in the source as it is now (the writer only added;
    // the audit chain's head alone moved on with it).
    for row in restored
        .iter()
        .filter(|row| !row.contains("\"table\":\"audit_heads\""))
    {
        assert!(now.contains(row), "restored row not in the source: {row}");
    }
    // The restored snapshot's audit chain is whole, and so it stays as the person writes on.
    chain_whole(pg.url());
    ok(pg.url(), &["log", "pain", "2"]);
    chain_whole(pg.url());
}

#[test]
fn a_backup_to_an_age_key_restores_with_its_identity_only() {
    let source = seeded();
    let dir = tempfile::tempdir().unwrap();
    let identity = age::x25519::Identity::generate();
    let identity_file = dir.path().join("key.txt");
    use age::secrecy::ExposeSecret;
    std::fs::write(&identity_file, identity.to_string().expose_secret()).unwrap();
    let backup = dir.path().join("knot.age");
    let public = identity.to_public().to_string();
    ok(
        &sqlite(&source),
        &["backup", backup.to_str().unwrap(), "--recipient", &public],
    );

    let other = age::x25519::Identity::generate();
    let other_file = dir.path().join("other.txt");
    std::fs::write(&other_file, other.to_string().expose_secret()).unwrap();
    let target = TempDb::new();
    let args = |key: &Path| {
        vec![
            "restore".to_string(),
            backup.display().to_string(),
            "--identity".into(),
            key.display().to_string(),
        ]
    };
    let wrong = args(&other_file);
    refused(
        &sqlite(&target),
        &wrong.iter().map(String::as_str).collect::<Vec<_>>(),
        "cannot decrypt",
    );
    let right = args(&identity_file);
    ok(
        &sqlite(&target),
        &right.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(all_rows(&sqlite(&target)), all_rows(&sqlite(&source)));
    refused(
        &sqlite(&source),
        &["backup", "x.age", "--recipient", "age1nonsense"],
        "not an age public key",
    );
}

#[test]
fn refused_restores_say_why_and_change_nothing() {
    let source = seeded();
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("knot.age");
    ok(&sqlite(&source), &["backup", backup.to_str().unwrap()]);
    let used = seeded();
    let before = all_rows(&sqlite(&used));

    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", &sqlite(&used), "restore", backup.to_str().unwrap()])
        .env("KNOT_BACKUP_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot decrypt"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("not the passphrase"),
        "the passphrase was echoed"
    );
    refused(
        &sqlite(&used),
        &["restore", backup.to_str().unwrap()],
        "already holds records",
    );
    let export = dir.path().join("plain.jsonl");
    ok(
        &sqlite(&source),
        &["export", "--all", "-o", export.to_str().unwrap()],
    );
    refused(
        &sqlite(&used),
        &["restore", export.to_str().unwrap()],
        "not a Knot backup",
    );
    refused(
        &sqlite(&used),
        &["restore", "/nonexistent/knot.age"],
        "cannot read the backup",
    );
    assert_eq!(all_rows(&sqlite(&used)), before);

    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", &sqlite(&source), "backup", "short.age"])
        .env("KNOT_BACKUP_PASSPHRASE", "short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn db_copy_moves_a_sqlite_file_to_postgresql_equal() {
    let source = seeded();
    let pg = TempDatabase::create().unwrap();
    let said = ok(&sqlite(&source), &["db", "copy", "--to", pg.url()]);
    assert!(said.contains("reads back equal"), "{said}");
    chain_whole(pg.url());
    assert_eq!(all_rows(pg.url()), all_rows(&sqlite(&source)));
    refused(
        &sqlite(&source),
        &["db", "copy", "--to", pg.url()],
        "already holds records",
    );
    // The command line's person is the same person on the copy.
    assert_eq!(
        ok(pg.url(), &["history"]).lines().count(),
        ok(&sqlite(&source), &["history"]).lines().count()
    );
}

#[test]
fn a_persons_export_imports_once_and_a_newer_file_is_refused() {
    let source = seeded();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.jsonl");
    ok(&sqlite(&source), &["export", "-o", file.to_str().unwrap()]);
    let pg = TempDatabase::create().unwrap();
    let first = ok(pg.url(), &["import", file.to_str().unwrap()]);
    assert!(first.contains("(0 were already here"), "{first}");
    let again = ok(pg.url(), &["import", file.to_str().unwrap()]);
    assert!(again.starts_with("imported 0 "), "{again}");
    // The person's audit rows came without their clinic's chain and were chained here.
    chain_whole(pg.url());
    assert_eq!(
        ok(pg.url(), &["history"]),
        ok(&sqlite(&source), &["history"])
    );

    let newer = dir.path().join("newer.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&newer, text.replacen("\"version\":1", "\"version\":2", 1)).unwrap();
    let fresh = TempDb::new();
    refused(
        &sqlite(&fresh),
        &["import", newer.to_str().unwrap()],
        "upgrade Knot",
    );
    refused(
        &sqlite(&fresh),
        &["export", "--person", "nobody@example.org"],
        "no account",
    );
}
