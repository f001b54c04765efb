//! A timed hold counts as done only after its minimum: "done" pressed sooner keeps it as a short
//! hold with a notice, and the view, the record and the plan's progress all see it as such.

mod session_fixtures;

use chrono::{Duration, TimeZone, Utc};
use knot_care::plan::next_sitting;
use knot_care::session::{
    counted_after, to_record, view, Event, NoticeKind, Phase, Sensation, SessionState,
    MIN_COUNTED_HOLD_SECONDS,
};
use knot_record::{NewPlan, Plan, PlanItem, SessionOutcome, SessionRecord, Side};
use session_fixtures::*;

fn at_first_hold() -> SessionState {
    run(timed(), &to_first_hold())
}

fn record(state: &SessionState) -> knot_record::NewSession {
    let start = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    to_record(state, start, start + Duration::minutes(8))
}

#[test]
fn done_after_a_few_seconds_is_a_short_hold_not_a_done_one() {
    let state = run(at_first_hold(), &[Event::Tick(5), Event::Continue]);
    assert_eq!(
        state.phase,
        Phase::Pressing { hold: 1 },
        "the session moves on to the next hold, without asking whether a 5 s hold softened"
    );
    let first = &state.holds[0];
    assert_eq!(first.seconds, 5, "the pressure given is kept");
    assert!(first.skipped && first.is_short() && !first.is_done());
    assert_eq!(first.softened, None);
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::ShortHold);
    assert!(notice.text.contains("0:05"), "{}", notice.text);
    assert!(notice.text.contains("0:30"), "{}", notice.text);
    assert!(notice.text.contains("not as done"), "{}", notice.text);

    let earlier = view(&state).lines.join("\n");
    assert!(earlier.contains("0:05 short, not counted"), "{earlier}");
}

#[test]
fn done_at_the_minimum_counts_and_asks_about_softening() {
    let state = run(
        at_first_hold(),
        &[Event::Tick(MIN_COUNTED_HOLD_SECONDS), Event::Continue],
    );
    assert_eq!(state.phase, Phase::AskSoftened { hold: 0 });
    assert!(state.holds[0].is_done());
    assert_ne!(state.notice.map(|n| n.kind), Some(NoticeKind::ShortHold));

    let just_short = run(
        at_first_hold(),
        &[Event::Tick(MIN_COUNTED_HOLD_SECONDS - 1), Event::Continue],
    );
    assert!(just_short.holds[0].is_short(), "one second short is short");
}

#[test]
fn a_hold_shorter_than_the_minimum_counts_once_it_is_all_done() {
    // A safety check that scales holds to a fifth: the whole hold is under 30 s.
    let state = SessionState::new(spec_for("upper-trapezius", &softened(0.2)));
    let whole = state.spec.dose.hold_seconds;
    assert!(
        whole < MIN_COUNTED_HOLD_SECONDS,
        "the fixture shortens the hold ({whole} s)"
    );
    assert_eq!(counted_after(whole), whole);
    let early = run(state.clone(), &to_first_hold());
    let early = run(early, &[Event::Tick(whole - 1), Event::Continue]);
    assert!(early.holds[0].is_short());
    let full = run(state, &to_first_hold());
    let full = run(full, &[Event::Tick(whole)]);
    assert_eq!(full.phase, Phase::AskSoftened { hold: 0 });
    assert!(full.holds[0].is_done());
}

#[test]
fn a_stop_or_quit_during_a_short_hold_keeps_it_short() {
    let stopped = run(
        at_first_hold(),
        &[Event::Tick(4), Event::Sensation(Sensation::Numb)],
    );
    assert_eq!(stopped.outcome, Some(SessionOutcome::Stopped));
    assert!(stopped.holds[0].is_short());
    assert_eq!(stopped.holds[0].seconds, 4);

    let quit = run(at_first_hold(), &[Event::Tick(12), Event::Quit]);
    assert!(quit.holds[0].is_short());

    let long_enough = run(at_first_hold(), &[Event::Tick(45), Event::Quit]);
    assert!(
        long_enough.holds[0].is_done(),
        "a hold past its minimum still counts when the session ends"
    );
}

#[test]
fn the_summary_and_the_record_count_only_holds_done() {
    let hold = {
        let s = timed();
        s.spec.dose.hold_seconds
    };
    let mut state = run(at_first_hold(), &[Event::Tick(8), Event::Continue]);
    while let Phase::Pressing { .. } = state.phase {
        state = run(state, &[Event::Tick(hold), Event::Answer(true)]);
    }
    state = run(state, &[Event::Continue, Event::Number(3)]);
    assert_eq!(state.outcome, Some(SessionOutcome::Completed));
    let total = state.spec.dose.holds as usize;

    let summary = view(&state).lines.join("\n");
    assert!(
        summary.contains(&format!("Holds done: {} of {total}", total - 1)),
        "{summary}"
    );
    assert!(summary.contains("1 short"), "{summary}");

    let rec = record(&state);
    assert_eq!(rec.holds_done(), total - 1);
    assert_eq!(rec.short_holds(), 1);
    assert!(
        rec.holds[0].skipped,
        "stored as skipped, so no reader counts it"
    );
}

#[test]
fn a_session_of_only_short_holds_leaves_the_plan_item_to_do() {
    let mut state = run(at_first_hold(), &[]);
    while let Phase::Pressing { .. } = state.phase {
        state = run(state, &[Event::Tick(3), Event::Continue]);
    }
    state = run(state, &[Event::Continue, Event::Number(3)]);
    assert_eq!(state.outcome, Some(SessionOutcome::Completed));
    let mut rec = record(&state);
    assert_eq!(rec.holds_done(), 0);
    rec.plan_id = Some(9);

    let item = PlanItem {
        muscle_id: rec.muscle_id.clone(),
        trigger_point_id: rec.trigger_point_id.clone(),
        side: Side::Right,
        technique: rec.technique.clone(),
        tool: rec.tool.clone(),
        hold_seconds: state.spec.dose.hold_seconds,
        holds: state.spec.dose.holds,
        strokes: None,
        sitting: 1,
    };
    let plan = Plan {
        id: 9,
        person_id: 1,
        created_by: 1,
        active: true,
        plan: NewPlan {
            created_at: rec.started_at,
            items: vec![item],
            sittings_per_day: 1,
            daily_pressure_cap_seconds: 1200,
            reassess_on: rec.started_at.date_naive(),
            notes: Vec::new(),
        },
    };
    let stored = SessionRecord {
        id: 1,
        person_id: 1,
        created_by: 1,
        created_at: rec.ended_at,
        session: rec,
    };
    let (_, left) = next_sitting(&plan, &[stored]).expect("the item is still to do");
    assert_eq!(left.len(), 1);
}

#[test]
fn strokes_are_counted_not_timed() {
    let state = run(stroking(), &to_first_hold());
    let wanted = state.spec.dose.strokes.expect("a stroking dose");
    let state = run(state, &[Event::Tick(3), Event::Strokes(wanted)]);
    assert_eq!(state.phase, Phase::AskSoftened { hold: 0 });
    assert!(state.holds[0].is_done(), "a full set done quickly counts");
}
