//! Nothing a person typed is lost when a writer dies mid-write, on either backend.
//!
//! The tests re-run this test executable as a child process that writes diary entries and
//! corrections in a loop, printing each id once its transaction has committed. One test per
//! backend SIGKILLs the child at random moments, round after round on one database
//! (`KNOT_KILL_ROUNDS`, default 50; `KNOT_KILL_SEED` replays a run); another runs two children
//! on one database at once. Either way the database must be sound (SQLite: `integrity_check`
//! and `foreign_key_check`; PostgreSQL: amcheck on every index), hold every reported entry
//! whole, and hold no half-written correction. `bench/kill.sh` runs the long version.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use chrono::{Duration, TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{Measure, NewEntry, RecordId};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection, SqliteConnection};

/// Set in a child's environment to the database URL it writes; unset, the child test is a
/// no-op.
const CHILD_DB: &str = "KNOT_STORE_TEST_WRITER_DB";
/// How many entries a child writes before it stops (unset: until it is killed).
const CHILD_LIMIT: &str = "KNOT_STORE_TEST_WRITER_LIMIT";
/// What a child prints after each commit: `COMMITTED <id> <text> [<id it corrects>]`.
const MARK: &str = "COMMITTED ";

/// One committed write as the child reported it.
#[derive(Debug, Clone, PartialEq)]
struct Committed {
    text: String,
    corrects: Option<RecordId>,
}

fn entry_text(writer: u32, seq: u64) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
            + Duration::seconds(seq as i64),
        measure: Measure::Note {
            text: format!("writer {writer} entry {seq}"),
        },
        note: Some(format!("seq {seq}")),
    }
}

/// The child: writes until killed (or until its limit), reporting each commit. Two writes in
/// three correct the previous one, so a kill often lands inside a correction.
#[tokio::test]
async fn child_writer() {
    let Ok(url) = std::env::var(CHILD_DB) else {
        return;
    };
    let limit: u64 = std::env::var(CHILD_LIMIT)
        .ok()
        .and_then(|limit| limit.parse().ok())
        .unwrap_or(u64::MAX);
    let store = knot_store::open(&url).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let writer = std::process::id();
    let mut previous: Option<RecordId> = None;
    for seq in 0..limit {
        let new = entry_text(writer, seq);
        let Measure::Note { text } = &new.measure else {
            unreachable!()
        };
        match previous.filter(|_| seq % 3 != 0) {
            Some(old) => {
                let entry = store.correct_entry(&ctx, old, &new).await.unwrap();
                println!("{MARK}{} {} {old}", entry.id, text.replace(' ', "_"));
                previous = Some(entry.id);
            }
            None => {
                let entry = store.add_entry(&ctx, &new).await.unwrap();
                println!("{MARK}{} {}", entry.id, text.replace(' ', "_"));
                previous = Some(entry.id);
            }
        }
    }
}

fn spawn_writer(db: &str, limit: Option<u64>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(limit) = limit {
        command.env(CHILD_LIMIT, limit.to_string());
    }
    command.spawn().unwrap()
}

fn parse_line(line: &str) -> Option<(RecordId, Committed)> {
    let rest = &line[line.find(MARK)? + MARK.len()..];
    let mut words = rest.split_whitespace();
    let id = words.next()?.parse().ok()?;
    let text = words.next()?.replace('_', " ");
    let corrects = words.next().and_then(|old| old.parse().ok());
    Some((id, Committed { text, corrects }))
}

/// When to kill a writer: once it has reported `after` commits, plus `delay`, so the kill
/// lands at a different point of a write each time.
#[derive(Debug, Clone, Copy)]
struct Kill {
    after: usize,
    delay: std::time::Duration,
}

/// Reads the child's reports until it ends (or is killed as `kill` says), including what it
/// printed just before the kill.
fn collect(mut child: Child, kill: Option<Kill>) -> BTreeMap<RecordId, Committed> {
    let stdout = child.stdout.take().unwrap();
    let (sender, reports) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if let Some(report) = parse_line(&line.unwrap()) {
                sender.send(report).unwrap();
            }
        }
    });
    let mut committed = BTreeMap::new();
    if let Some(kill) = kill {
        while committed.len() < kill.after {
            let Ok((id, write)) = reports.recv() else {
                break;
            };
            committed.insert(id, write);
        }
        std::thread::sleep(kill.delay);
        child.kill().unwrap();
    }
    reader.join().unwrap();
    committed.extend(reports.try_iter());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    match kill {
        Some(kill) => assert!(
            committed.len() >= kill.after && !status.success(),
            "the writer ended before it was killed: {status}\n{stderr}"
        ),
        None => assert!(status.success(), "the writer failed: {status}\n{stderr}"),
    }
    committed
}

async fn scalar(conn: &mut SqliteConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
}

/// The database is sound, and every correction and its corrected entry name each other.
async fn check_database(url: &str) {
    match url.strip_prefix("sqlite:") {
        Some(path) => check_file(Path::new(path)).await,
        None => check_server(url).await,
    }
}

/// A PostgreSQL database is sound: every index agrees with its table (amcheck), and the same
/// pairing and audit checks as for a file hold. Foreign keys and uniqueness the server enforces
/// itself.
async fn check_server(url: &str) {
    let mut conn = PgConnection::connect(url).await.unwrap();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
        .execute(&mut conn)
        .await
        .unwrap();
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam \
         WHERE n.nspname = 'public' AND a.amname = 'btree'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(indexes.len() > 5, "found only {} indexes", indexes.len());
    for index in indexes {
        sqlx::query("SELECT bt_index_check($1::regclass, true)")
            .bind(&index)
            .execute(&mut conn)
            .await
            .unwrap_or_else(|err| panic!("index {index} is damaged: {err}"));
    }
    for (what, sql) in pairing_checks() {
        let sql = sql.replace("IS NOT ", "IS DISTINCT FROM ");
        let count: i64 = sqlx::query_scalar(&sql).fetch_one(&mut conn).await.unwrap();
        assert_eq!(count, 0, "{what}");
    }
}

/// Corrections and their corrected entries name each other; every entry has its audit row.
fn pairing_checks() -> [(&'static str, &'static str); 3] {
    [
        (
            "corrections without partner",
            "SELECT COUNT(*) FROM entries AS fix LEFT JOIN entries AS old
            ON old.id = fix.corrects
            WHERE fix.corrects IS NOT NULL AND (old.id IS NULL OR old.superseded_by IS NOT fix.id)",
        ),
        (
            "superseded marks without partner",
            "SELECT COUNT(*) FROM entries AS old LEFT JOIN entries AS fix
            ON fix.id = old.superseded_by
            WHERE old.superseded_by IS NOT NULL AND (fix.id IS NULL OR fix.corrects IS NOT old.id)",
        ),
        (
            "entries without their audit row",
            "SELECT COUNT(*) FROM entries AS e WHERE NOT EXISTS (
            SELECT 1 FROM audit_log AS a WHERE a.record = 'entry' AND a.record_id = e.id
            AND a.action IN ('create', 'correct'))",
        ),
    ]
}

/// The file is sound, and every correction and its corrected entry name each other.
async fn check_file(db: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(db)
        .foreign_keys(true)
        .connect()
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let broken_keys = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        broken_keys.is_empty(),
        "{} rows break foreign keys",
        broken_keys.len()
    );
    for (what, sql) in pairing_checks() {
        assert_eq!(scalar(&mut conn, sql).await, 0, "{what}");
    }
}

/// Every reported write is stored whole, through the store's own reads.
async fn check_committed(url: &str, committed: &BTreeMap<RecordId, Committed>) {
    let store = knot_store::open(url).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    for (id, write) in committed {
        let entry = store.entry(&ctx, *id).await.unwrap();
        assert_eq!(
            entry.entry.measure,
            Measure::Note {
                text: write.text.clone()
            },
            "entry {id}"
        );
        let seq = write.text.rsplit(' ').next().unwrap();
        assert_eq!(entry.entry.note, Some(format!("seq {seq}")), "entry {id}");
        assert_eq!(entry.corrects, write.corrects, "entry {id}");
        if let Some(old) = write.corrects {
            let old = store.entry(&ctx, old).await.unwrap();
            assert_eq!(old.superseded_by, Some(*id));
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A small deterministic generator (xorshift), so a failing run can be replayed by its seed.
struct Dice(u64);

impl Dice {
    fn from_env() -> Dice {
        let seed = std::env::var("KNOT_KILL_SEED")
            .ok()
            .and_then(|seed| seed.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        println!("KNOT_KILL_SEED={seed}");
        Dice(seed | 1)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn rounds() -> u32 {
    std::env::var("KNOT_KILL_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(50)
}

/// Kills a writer on `url` at random moments, round after round on the same database (so
/// earlier rounds' entries must survive later kills too), checking everything after each kill.
fn kill_rounds(url: &str) {
    let runtime = runtime();
    let mut dice = Dice::from_env();
    let mut all = BTreeMap::new();
    let rounds = rounds();
    for _ in 0..rounds {
        let kill = Kill {
            after: 1 + dice.below(30) as usize,
            delay: std::time::Duration::from_micros(dice.below(5_000)),
        };
        let committed = collect(spawn_writer(url, None), Some(kill));
        assert!(!committed.is_empty());
        all.extend(committed);
        runtime.block_on(check_database(url));
    }
    runtime.block_on(check_committed(url, &all));
    println!("KILLS {rounds} ACKED {} LOST 0", all.len());
}

#[test]
fn killing_a_writer_at_random_moments_keeps_every_committed_entry_whole_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kill_rounds(&format!("sqlite:{}", dir.path().join("knot.db").display()));
}

#[test]
fn killing_a_writer_at_random_moments_keeps_every_committed_entry_whole_on_postgres() {
    let db = TempDatabase::create().unwrap();
    kill_rounds(db.url());
}

fn two_writers(url: &str) {
    let per_writer = 40;
    let writers = [
        spawn_writer(url, Some(per_writer)),
        spawn_writer(url, Some(per_writer)),
    ];
    let readers: Vec<_> = writers
        .into_iter()
        .map(|child| std::thread::spawn(move || collect(child, None)))
        .collect();
    let mut all = BTreeMap::new();
    for reader in readers {
        let committed = reader.join().unwrap();
        assert_eq!(committed.len() as u64, per_writer);
        all.extend(committed);
    }
    assert_eq!(all.len() as u64, 2 * per_writer, "no id reported twice");
    let runtime = runtime();
    runtime.block_on(check_database(url));
    runtime.block_on(check_committed(url, &all));
}

#[test]
fn two_writer_processes_sharing_a_file_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    two_writers(&format!("sqlite:{}", dir.path().join("knot.db").display()));
}

#[test]
fn two_writer_processes_sharing_a_postgresql_database_lose_nothing() {
    let db = TempDatabase::create().unwrap();
    two_writers(db.url());
}
