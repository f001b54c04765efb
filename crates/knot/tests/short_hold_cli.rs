//! `knot treat --plain` with a hold released after a few seconds: the terminal says it is kept
//! as a short hold, the summary counts only the holds done, and the store keeps it as skipped.

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use knot_atlas::Atlas;
use knot_store::{SessionOutcome, SessionRecord};
use support::TempDb;

fn treat(db: &TempDb, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.path.display()))
        .args(["treat", "upper-trapezius", "--side", "right", "--plain"])
        .env_remove("KNOT_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("knot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("knot finishes")
}

#[test]
fn a_hold_released_after_twelve_seconds_is_short_not_done() {
    let db = TempDb::new();
    db.screen_calmly();
    let holds = Atlas::builtin()
        .muscle("upper-trapezius")
        .expect("muscle")
        .self_care
        .holds;
    // Found it, pain 6, warm-up, set up; the first hold released after 12 s; the others held
    // to the end; stretch; pain 3.
    let mut script = String::from("\n6\n\n\n6\nheld 12\n\n");
    for _ in 1..holds {
        script.push_str("held 600\ny\n");
    }
    script.push_str("\n3\n");
    let out = treat(&db, &script);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", support::stderr(&out));
    assert!(
        text.contains("short hold: Released after 0:12"),
        "the notice names the hold short: {text}"
    );
    assert!(
        text.contains(&format!("Holds: {} done of {holds}", holds - 1)),
        "{text}"
    );
    assert!(text.contains("12 s short, not counted"), "{text}");

    let stored = stored_sessions(&db);
    assert_eq!(stored.len(), 1);
    let session = &stored[0].session;
    assert_eq!(session.outcome, SessionOutcome::Completed);
    assert_eq!(session.holds[0].seconds, 12);
    assert!(session.holds[0].skipped, "stored as a short hold");
    assert_eq!(session.holds_done(), holds as usize - 1);
}

fn stored_sessions(db: &TempDb) -> Vec<SessionRecord> {
    let url = format!("sqlite:{}", db.path.display());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = knot_store::open(&url).await.expect("open store");
        let app = knot_app::App::new(store.clone());
        let ctx = app.local_actor().await.expect("local user").own_records();
        store.sessions(&ctx, None).await.expect("sessions")
    })
}
