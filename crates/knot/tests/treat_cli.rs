//! `knot treat --plain` end to end: scripted sessions through stdin against a temporary
//! database, and the refusals (unknown muscle, no side, bad target) with exit code 2.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::Utc;
use knot_atlas::Atlas;
use knot_care::screen::{QuestionKind, RuleTable};
use knot_store::{NewPlan, NewScreening, PlanItem, SessionOutcome, SessionRecord, Side, Store};

fn knot(db: &Path, args: &[&str], stdin: &str) -> Output {
    let url = format!("sqlite:{}", db.join("k.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(&url)
        .args(args)
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `body` against the test database through the store itself.
fn with_store<T>(db: &Path, body: impl AsyncFnOnce(&dyn Store, &knot_store::TenantCtx) -> T) -> T {
    let url = format!("sqlite:{}", db.join("k.db").display());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = knot_store::open(&url).await.expect("open store");
        let app = knot_app::App::new(store.clone());
        let ctx = app.local_actor().await.expect("local user").own_records();
        body(store.as_ref(), &ctx).await
    })
}

fn stored_sessions(db: &Path) -> Vec<SessionRecord> {
    with_store(db, async |store, ctx| {
        store.sessions(ctx, None).await.expect("sessions")
    })
}

/// Stores a screening with every question answered calmly: nothing to warn of.
fn screened_calmly(db: &Path) {
    screened_calmly_but(db, &[]);
}

/// Stores a screening that answers every question calmly except these: a partial screening
/// no longer clears a knot whose rules depend on the questions it left out.
fn screened_calmly_but(db: &Path, except: &[(&str, &str)]) {
    let answers: Vec<(String, &str)> = RuleTable::builtin()
        .questions_to_ask(&[])
        .into_iter()
        .map(|q| {
            let calm = match q.kind {
                QuestionKind::YesNo => "no",
                QuestionKind::Number => "42",
                QuestionKind::Regions => "none",
            };
            let answer = except
                .iter()
                .find(|(id, _)| *id == q.id)
                .map_or(calm, |(_, a)| *a);
            (q.id.clone(), answer)
        })
        .collect();
    let answers: Vec<(&str, &str)> = answers.iter().map(|(q, a)| (q.as_str(), *a)).collect();
    screened(db, &answers);
}

/// Stores a screening with these answers, judged by the current rule table.
fn screened(db: &Path, answers: &[(&str, &str)]) {
    let new = NewScreening {
        taken_at: Utc::now(),
        answers: answers
            .iter()
            .map(|(q, a)| (q.to_string(), a.to_string()))
            .collect(),
        pain_regions: Vec::new(),
        local_regions: Vec::new(),
        rules_version: RuleTable::builtin().version().to_string(),
    };
    with_store(db, async |store, ctx| {
        store
            .add_screening(ctx, &new)
            .await
            .expect("screening stored");
    });
}

fn holds_of(muscle: &str) -> u32 {
    Atlas::builtin()
        .muscle(muscle)
        .expect("muscle")
        .self_care
        .holds
}

/// Found it, pain before, warm-up, tool and position.
const TO_FIRST_HOLD: &str = "\n6\n\n\n";

#[test]
fn a_full_plain_session_is_stored_with_its_holds_and_pain_scores() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly(dir.path());
    let holds = holds_of("upper-trapezius");
    let mut script = TO_FIRST_HOLD.to_string();
    for _ in 0..holds {
        script.push_str("8\nheld 20\n6\nheld 600\ny\n");
    }
    script.push_str("\n3\n");
    let out = knot(
        dir.path(),
        &["treat", "upper", "trapezius", "--side", "right", "--plain"],
        &script,
    );
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Find the knot"), "{text}");
    assert!(text.contains("advice: Ease off"), "{text}");
    assert!(text.contains("Pain: 6 → 3"), "{text}");
    let sessions = stored_sessions(dir.path());
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0].session;
    assert_eq!(s.outcome, SessionOutcome::Completed);
    assert_eq!((s.pain_before, s.pain_after), (Some(6), Some(3)));
    assert_eq!(s.side, knot_store::Side::Right);
    assert_eq!(s.holds.len(), holds as usize);
    assert!(s.holds.iter().all(|h| h.discomfort == vec![8, 6]));
    assert!(s.holds.iter().all(|h| h.softened == Some(true)));
    assert!(s.stretch_done);
}

#[test]
fn a_stop_sensation_ends_the_session_as_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly(dir.path());
    let script = format!("{TO_FIRST_HOLD}7\nheld 15\nelectric\n6\nheld 30\n");
    let out = knot(
        dir.path(),
        &["treat", "upper-trapezius", "--side", "left", "--plain"],
        &script,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("STOP: You felt an electric"), "{text}");
    let sessions = stored_sessions(dir.path());
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0].session;
    assert_eq!(s.outcome, SessionOutcome::Stopped);
    assert!(s
        .stop_reason
        .as_deref()
        .is_some_and(|r| r.contains("physician")));
    assert_eq!(s.holds.len(), 1);
    assert_eq!(s.holds[0].seconds, 15, "nothing pressed after the stop");
}

#[test]
fn bad_discomfort_input_is_asked_again_not_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly(dir.path());
    let script = format!("{TO_FIRST_HOLD}lots\n11\n-1\nheld\n5\nq\n");
    let out = knot(
        dir.path(),
        &["treat", "masseter", "--side", "right", "--plain"],
        &script,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("not understood: \"lots\""), "{text}");
    assert!(text.contains("11 is out of range"), "{text}");
    let reasks = text.matches("? How strong is the discomfort").count()
        + text.matches("? Discomfort (0–10) any time").count();
    assert!(reasks >= 4, "each bad line re-asks: {text}");
    let sessions = stored_sessions(dir.path());
    let s = &sessions[0].session;
    assert_eq!(s.outcome, SessionOutcome::Quit);
    assert_eq!(s.holds[0].discomfort, vec![5]);
}

#[test]
fn input_ending_mid_session_stores_it_as_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly(dir.path());
    let script = format!("{TO_FIRST_HOLD}held 25\n");
    let out = knot(
        dir.path(),
        &["treat", "upper-trapezius", "--side", "right", "--plain"],
        &script,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("input ended"));
    let sessions = stored_sessions(dir.path());
    assert_eq!(sessions[0].session.outcome, SessionOutcome::Quit);
    assert_eq!(sessions[0].session.holds[0].seconds, 25);
}

#[test]
fn an_unknown_muscle_exits_2_with_suggestions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = knot(dir.path(), &["treat", "upper", "trapezus", "--plain"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Did you mean \"Upper trapezius\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_lateral_muscle_without_a_side_exits_2_asking_for_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = knot(dir.path(), &["treat", "masseter", "--plain"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--side left or --side right"), "{err}");
    assert!(err.contains("one side at a time"), "{err}");
}

#[test]
fn an_out_of_range_target_or_trigger_point_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = knot(
        dir.path(),
        &["treat", "masseter", "--side", "left", "--target", "9"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 3 to 7"), "{}", stderr(&out));
    let out = knot(
        dir.path(),
        &["treat", "masseter", "--side", "left", "--tp", "masseter-99"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("masseter-1"), "{}", stderr(&out));
}

#[test]
fn treat_plan_without_a_plan_exits_2_and_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = knot(dir.path(), &["treat", "--plan", "--plain"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("knot plan"), "{}", stderr(&out));
}

#[test]
fn without_a_screening_a_session_is_refused_with_exit_2_naming_knot_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = knot(
        dir.path(),
        &["treat", "upper-trapezius", "--side", "right", "--plain"],
        "\n6\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("screening") && err.contains("`knot screen`"),
        "{err}"
    );
    assert!(
        !stdout(&out).contains("Find the knot"),
        "no step of the session is shown"
    );
    assert!(stored_sessions(dir.path()).is_empty(), "nothing stored");
}

#[test]
fn a_blocked_treatment_exits_2_with_the_reasons_and_stores_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened(dir.path(), &[("fever", "yes")]);
    let out = knot(
        dir.path(),
        &["treat", "upper-trapezius", "--side", "right", "--plain"],
        "\n6\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("should not be treated now"), "{err}");
    assert!(err.to_lowercase().contains("fever"), "{err}");
    assert!(err.contains("Nothing was stored"), "{err}");
    assert!(!stdout(&out).contains("Find the knot"), "no session ran");
    assert!(stored_sessions(dir.path()).is_empty());
}

#[test]
fn a_softening_screening_shortens_the_holds_and_says_light_pressure() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly_but(dir.path(), &[("blood-thinners", "yes")]);
    let full = Atlas::builtin()
        .muscle("upper-trapezius")
        .expect("muscle")
        .self_care
        .hold_seconds;
    let script = format!("{TO_FIRST_HOLD}2\nheld 600\nq\n");
    let out = knot(
        dir.path(),
        &["treat", "upper-trapezius", "--side", "right", "--plain"],
        &script,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Light pressure only"), "{text}");
    assert!(
        text.contains("stay this light"),
        "no 'press firmer' advice: {text}"
    );
    let sessions = stored_sessions(dir.path());
    let hold = &sessions[0].session.holds[0];
    assert!(
        hold.seconds > 0 && hold.seconds < full,
        "{} of {full}",
        hold.seconds
    );
    assert!(sessions[0].session.target_discomfort <= 4);
}

fn plan_item(tp: &str, side: Side, sitting: u32) -> PlanItem {
    PlanItem {
        muscle_id: "upper-trapezius".into(),
        trigger_point_id: tp.into(),
        side,
        technique: "sustained-compression".into(),
        tool: "ball-wall".into(),
        hold_seconds: 45,
        holds: 1,
        strokes: None,
        sitting,
    }
}

#[test]
fn treat_plan_runs_the_next_sitting_item_by_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    screened_calmly(dir.path());
    let plan = NewPlan {
        created_at: Utc::now(),
        items: vec![
            plan_item("upper-trapezius-1", Side::Right, 1),
            plan_item("upper-trapezius-2", Side::Right, 1),
            plan_item("upper-trapezius-1", Side::Left, 2),
        ],
        sittings_per_day: 2,
        daily_pressure_cap_seconds: 1200,
        reassess_on: Utc::now().date_naive(),
        notes: Vec::new(),
    };
    let plan_id = with_store(dir.path(), async |store, ctx| {
        store.save_plan(ctx, &plan).await.expect("plan saved").id
    });
    let one_item = format!("{TO_FIRST_HOLD}6\nheld 600\ny\n\n3\n");
    let out = knot(
        dir.path(),
        &["treat", "--plan", "--plain"],
        &one_item.repeat(2),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Sitting 1"), "{}", stdout(&out));
    let sessions = stored_sessions(dir.path());
    let done: Vec<(&str, Side, u32)> = sessions
        .iter()
        .map(|s| {
            (
                s.session.trigger_point_id.as_str(),
                s.session.side,
                s.session.holds[0].seconds,
            )
        })
        .collect();
    assert_eq!(
        done,
        vec![
            ("upper-trapezius-1", Side::Right, 45),
            ("upper-trapezius-2", Side::Right, 45)
        ]
    );
    assert!(sessions.iter().all(|s| s.session.plan_id == Some(plan_id)));

    let out = knot(dir.path(), &["treat", "--plan", "--plain"], &one_item);
    assert!(stdout(&out).contains("Sitting 2"), "{}", stdout(&out));
    assert_eq!(stored_sessions(dir.path())[2].session.side, Side::Left);
    let out = knot(dir.path(), &["treat", "--plan", "--plain"], "");
    assert!(out.status.success());
    assert!(stdout(&out).contains("Every sitting of today's plan is done"));
}
