//! Nothing a person typed is lost when a writer dies mid-write, on either backend.
//!
//! The tests re-run this test executable as a child process that writes in a loop (diary
//! entries, corrections, deletions, guided sessions, home plans), printing each id once its
//! transaction has committed. One test per
//! backend SIGKILLs the child at random moments, round after round on one database
//! (`KNOT_KILL_ROUNDS`, default 50; `KNOT_KILL_SEED` replays a run); another runs two children
//! on one database at once. Either way the database must be sound
//! ([`knot_store::testing::soundness`]: the engine's checks, every key and unique constraint,
//! no half-written correction) and hold every reported write whole. `bench/kill.sh` runs the
//! long version.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use chrono::{Duration, TimeZone, Utc};
use knot_store::testing::{soundness, TempDatabase};
use knot_store::{
    HoldRecord, Measure, NewEntry, NewPlan, NewSession, PlanItem, RecordId, SessionOutcome, Side,
};

/// Set in a child's environment to the database URL it writes; unset, the child test is a
/// no-op.
const CHILD_DB: &str = "KNOT_STORE_TEST_WRITER_DB";
/// How many entries a child writes before it stops (unset: until it is killed).
const CHILD_LIMIT: &str = "KNOT_STORE_TEST_WRITER_LIMIT";
/// What a child prints after each commit: `COMMITTED <id> <text> [<id it corrects>]`.
const MARK: &str = "COMMITTED ";

/// One committed diary write as the child reported it.
#[derive(Debug, Clone, PartialEq)]
struct Committed {
    text: String,
    corrects: Option<RecordId>,
}

/// Everything a child reported committed.
#[derive(Debug, Default)]
struct Acked {
    entries: BTreeMap<RecordId, Committed>,
    deleted: BTreeSet<RecordId>,
    /// Session id to the sequence number and plan it was written from.
    sessions: BTreeMap<RecordId, (u64, Option<RecordId>)>,
    /// Plan id to the sequence number it was written from.
    plans: BTreeMap<RecordId, u64>,
}

impl Acked {
    fn len(&self) -> usize {
        self.entries.len() + self.deleted.len() + self.sessions.len() + self.plans.len()
    }

    fn extend(&mut self, other: Acked) {
        self.entries.extend(other.entries);
        self.deleted.extend(other.deleted);
        self.sessions.extend(other.sessions);
        self.plans.extend(other.plans);
    }

    fn take(&mut self, report: Report) {
        match report {
            Report::Entry(id, write) => {
                self.entries.insert(id, write);
            }
            Report::Delete(id) => {
                self.deleted.insert(id);
            }
            Report::Session(id, seq, plan) => {
                self.sessions.insert(id, (seq, plan));
            }
            Report::Plan(id, seq) => {
                self.plans.insert(id, seq);
            }
        }
    }
}

/// One line a child printed after a commit.
#[derive(Debug)]
enum Report {
    Entry(RecordId, Committed),
    Delete(RecordId),
    Session(RecordId, u64, Option<RecordId>),
    Plan(RecordId, u64),
}

fn base_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
}

fn entry_text(writer: u32, seq: u64) -> NewEntry {
    NewEntry {
        recorded_at: base_time() + Duration::seconds(seq as i64),
        measure: Measure::Note {
            text: format!("writer {writer} entry {seq}"),
        },
        note: Some(format!("seq {seq}")),
    }
}

/// The session a child writes at `seq`: several holds, so a torn write would show.
fn session(seq: u64, plan_id: Option<RecordId>) -> NewSession {
    let started_at = base_time() + Duration::seconds(seq as i64);
    let hold = |n: u64| HoldRecord {
        seconds: (seq % 90 + n) as u32,
        discomfort: vec![(seq % 10) as u8, (n % 10) as u8, 3],
        softened: Some(n.is_multiple_of(2)),
        skipped: n == 3,
    };
    NewSession {
        started_at,
        ended_at: started_at + Duration::minutes(7),
        muscle_id: "upper-trapezius".into(),
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Left,
        technique: "ischemic-compression".into(),
        tool: "massage-ball".into(),
        target_discomfort: 6,
        pain_before: Some((seq % 11) as u8),
        pain_after: Some(((seq + 3) % 11) as u8),
        holds: (1..=3).map(hold).collect(),
        stretch_done: seq.is_multiple_of(2),
        outcome: SessionOutcome::Completed,
        stop_reason: None,
        plan_id,
    }
}

/// The plan a child saves at `seq`.
fn plan(seq: u64) -> NewPlan {
    let item = |side, sitting| PlanItem {
        muscle_id: "gluteus-minimus".into(),
        trigger_point_id: "gluteus-minimus-anterior-1".into(),
        side,
        technique: "ischemic-compression".into(),
        tool: "massage-ball".into(),
        hold_seconds: 60,
        holds: 3,
        strokes: None,
        sitting,
    };
    NewPlan {
        created_at: base_time() + Duration::seconds(seq as i64),
        items: vec![item(Side::Left, 1), item(Side::Right, 2)],
        sittings_per_day: 2,
        daily_pressure_cap_seconds: 60 * (1 + (seq % 20) as u32),
        reassess_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        notes: vec![format!("plan {seq}")],
    }
}

/// The child: writes until killed (or until its limit), reporting each commit. Of every eight
/// writes three correct the previous entry and one deletes it, so a kill often lands inside a
/// correction; one is a session and one a plan. Where in the cycle a child starts depends on
/// its process id.
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
    let mut last_plan: Option<RecordId> = None;
    for seq in 0..limit {
        let op = (seq + u64::from(writer)) % 8;
        match (op, previous) {
            (5, _) => {
                let stored = store
                    .add_session(&ctx, &session(seq, last_plan))
                    .await
                    .unwrap();
                let plan = last_plan.map_or("-".to_string(), |id| id.to_string());
                println!("{MARK}session {} {seq} {plan}", stored.id);
            }
            (6, _) => {
                let stored = store.save_plan(&ctx, &plan(seq)).await.unwrap();
                println!("{MARK}plan {} {seq}", stored.id);
                last_plan = Some(stored.id);
            }
            (4, Some(old)) => {
                store.delete_entry(&ctx, old).await.unwrap();
                println!("{MARK}delete {old}");
                previous = None;
            }
            (1..=3, Some(old)) => {
                let new = entry_text(writer, seq);
                let entry = store.correct_entry(&ctx, old, &new).await.unwrap();
                println!("{MARK}entry {} {} {old}", entry.id, note_words(&new));
                previous = Some(entry.id);
            }
            _ => {
                let new = entry_text(writer, seq);
                let entry = store.add_entry(&ctx, &new).await.unwrap();
                println!("{MARK}entry {} {}", entry.id, note_words(&new));
                previous = Some(entry.id);
            }
        }
    }
}

/// An entry's text as one word of a report line.
fn note_words(new: &NewEntry) -> String {
    let Measure::Note { text } = &new.measure else {
        unreachable!()
    };
    text.replace(' ', "_")
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

fn parse_line(line: &str) -> Option<Report> {
    let rest = &line[line.find(MARK)? + MARK.len()..];
    let mut words = rest.split_whitespace();
    let kind = words.next()?;
    let id = words.next()?.parse().ok()?;
    let mut next = || words.next();
    Some(match kind {
        "entry" => {
            let text = next()?.replace('_', " ");
            let corrects = next().and_then(|old| old.parse().ok());
            Report::Entry(id, Committed { text, corrects })
        }
        "delete" => Report::Delete(id),
        "session" => {
            let seq = next()?.parse().ok()?;
            Report::Session(id, seq, next()?.parse().ok())
        }
        "plan" => Report::Plan(id, next()?.parse().ok()?),
        _ => return None,
    })
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
fn collect(mut child: Child, kill: Option<Kill>) -> Acked {
    let stdout = child.stdout.take().unwrap();
    let (sender, reports) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if let Some(report) = parse_line(&line.unwrap()) {
                sender.send(report).unwrap();
            }
        }
    });
    let mut committed = Acked::default();
    if let Some(kill) = kill {
        while committed.len() < kill.after {
            let Ok(report) = reports.recv() else {
                break;
            };
            committed.take(report);
        }
        std::thread::sleep(kill.delay);
        child.kill().unwrap();
    }
    reader.join().unwrap();
    for report in reports.try_iter() {
        committed.take(report);
    }
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

/// The database is sound (see [`soundness`]); a failure names every problem.
async fn check_database(url: &str) {
    if let Err(problems) = soundness::check(url).await {
        panic!("the database is damaged after a kill:\n{problems}");
    }
}

/// Every reported write is stored whole, through the store's own reads.
async fn check_committed(url: &str, acked: &Acked) {
    let store = knot_store::open(url).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    for (id, write) in &acked.entries {
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
    for id in &acked.deleted {
        let entry = store.entry(&ctx, *id).await.unwrap();
        assert!(entry.deleted_at.is_some(), "deleted entry {id} is back");
    }
    let sessions: BTreeMap<RecordId, NewSession> = store
        .sessions(&ctx, None)
        .await
        .unwrap()
        .into_iter()
        .map(|stored| (stored.id, stored.session))
        .collect();
    for (id, (seq, plan)) in &acked.sessions {
        assert_eq!(
            sessions.get(id),
            Some(&session(*seq, *plan)),
            "session {id}"
        );
    }
    if let Some((last, seq)) = acked.plans.last_key_value() {
        let active = store.active_plan(&ctx).await.unwrap();
        let active = active.unwrap_or_else(|| panic!("no active plan; plan {last} was saved"));
        // A plan saved after the last reported one may have committed just before the kill.
        assert!(
            active.id >= *last,
            "plan {} is active, not {last}",
            active.id
        );
        if active.id == *last {
            assert_eq!(active.plan, plan(*seq), "plan {last}");
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
    let mut all = Acked::default();
    let rounds = rounds();
    for _ in 0..rounds {
        let kill = Kill {
            after: 1 + dice.below(30) as usize,
            delay: std::time::Duration::from_micros(dice.below(5_000)),
        };
        let committed = collect(spawn_writer(url, None), Some(kill));
        assert!(committed.len() > 0);
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
    let mut all = Acked::default();
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
