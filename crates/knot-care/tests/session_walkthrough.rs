//! The guided session step by step: a complete walk-through, the steering rule, the safety
//! check's effect on the dose, strokes, pausing, stopping, and events that do not fit.

mod session_fixtures;

use chrono::{TimeZone, Utc};
use knot_atlas::Atlas;
use knot_care::session::{
    steer, to_record, view, Advice, Event, NoticeKind, Phase, Prescription, Prompt, Sensation,
    SessionError, SessionSpec, SessionState, SpecRequest, Target,
};
use knot_record::{PlanItem, SessionOutcome, Side};
use session_fixtures::*;

fn record(state: &SessionState) -> knot_record::NewSession {
    let start = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    to_record(state, start, start + chrono::Duration::minutes(8))
}

#[test]
fn a_complete_session_walks_every_step_and_records_it() {
    let mut state = timed();
    let hold_seconds = state.spec.dose.hold_seconds;
    assert_eq!(
        state.spec.dose.holds, 2,
        "the atlas doses upper trapezius with 2 holds"
    );
    assert_eq!(state.phase, Phase::Locate);
    state = run(state, &to_first_hold());
    assert_eq!(state.phase, Phase::Pressing { hold: 0 });
    for hold in 0..2 {
        state = run(
            state,
            &[
                Event::Discomfort(8),
                Event::Tick(hold_seconds / 2),
                Event::Discomfort(6),
            ],
        );
        assert_eq!(state.phase, Phase::Pressing { hold });
        state = run(state, &[Event::Tick(hold_seconds)]);
        assert_eq!(state.phase, Phase::AskSoftened { hold });
        state = run(state, &[Event::Answer(hold != 1)]);
    }
    assert_eq!(state.phase, Phase::Stretch);
    state = run(state, &[Event::Continue, Event::Number(3)]);
    assert!(state.is_ended());

    let rec = record(&state);
    assert_eq!(rec.outcome, SessionOutcome::Completed);
    assert_eq!((rec.pain_before, rec.pain_after), (Some(6), Some(3)));
    assert_eq!(rec.side, Side::Right);
    assert_eq!(rec.muscle_id, "upper-trapezius");
    assert_eq!(rec.target_discomfort, 6);
    assert!(rec.stretch_done);
    assert_eq!(rec.holds.len(), 2);
    assert!(rec.holds.iter().all(|h| h.seconds == hold_seconds));
    assert!(rec.holds.iter().all(|h| h.discomfort == vec![8, 6]));
    let softened: Vec<_> = rec.holds.iter().map(|h| h.softened).collect();
    assert_eq!(softened, vec![Some(true), Some(false)]);
    assert_eq!(rec.pressure_seconds(), 2 * hold_seconds);
}

#[test]
fn steering_eases_off_above_the_band_and_allows_firmer_below_it() {
    let six = Target::default();
    assert_eq!(steer(8, six, true), Advice::EaseOff);
    assert_eq!(steer(7, six, true), Advice::Steady);
    assert_eq!(steer(5, six, true), Advice::Steady);
    assert_eq!(steer(4, six, true), Advice::PressFirmer);
    assert_eq!(steer(2, six, false), Advice::StayLight);
    let five = Target::new(5).unwrap();
    assert_eq!(steer(7, five, true), Advice::EaseOff);
    assert_eq!(steer(3, five, true), Advice::PressFirmer);
}

#[test]
fn a_discomfort_reading_leaves_the_steering_advice() {
    let state = run(timed(), &to_first_hold());
    let eased = run(state.clone(), &[Event::Discomfort(9)]);
    let notice = eased.notice.expect("advice");
    assert_eq!(notice.kind, NoticeKind::Advice(Advice::EaseOff));
    assert!(notice.text.contains("Ease off"), "{}", notice.text);
    let firmer = run(state, &[Event::Discomfort(3)]);
    assert_eq!(
        firmer.notice.map(|n| n.kind),
        Some(NoticeKind::Advice(Advice::PressFirmer))
    );
}

#[test]
fn a_softened_check_shortens_holds_and_never_says_press_firmer() {
    let full = spec_for("upper-trapezius", &allowed());
    let soft = spec_for("upper-trapezius", &softened(0.5));
    assert_eq!(soft.dose.hold_seconds * 2, full.dose.hold_seconds);
    assert_eq!(soft.dose.unscaled_seconds, Some(full.dose.hold_seconds));
    assert!(!soft.firm_pressure);
    assert!(soft.target.value() <= 4);
    assert!(soft
        .cautions
        .iter()
        .any(|c| c.contains("Light pressure only")));
    let state = run(SessionState::new(soft), &to_first_hold());
    let state = run(state, &[Event::Discomfort(0)]);
    assert_eq!(
        state.notice.map(|n| n.kind),
        Some(NoticeKind::Advice(Advice::StayLight))
    );
}

#[test]
fn a_blocked_check_builds_no_session_and_says_why() {
    let atlas = Atlas::builtin();
    let tp = &atlas.trigger_points()[0];
    let check = blocked();
    let err = SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check: &check,
        target: Target::default(),
        prescription: None,
        plan_id: None,
    })
    .unwrap_err();
    match err {
        SessionError::Blocked { reasons, .. } => assert!(reasons[0].contains("physician")),
        other => panic!("expected Blocked, got {other:?}"),
    }
}

#[test]
fn a_muscle_not_for_self_treatment_builds_no_session() {
    let atlas = Atlas::builtin();
    let muscle = atlas
        .muscles()
        .iter()
        .find(|m| !m.self_care.self_treat)
        .expect("the atlas has muscles left to therapists");
    let tp = atlas.trigger_points_of(&muscle.id).next().expect("a point");
    let check = allowed();
    let err = SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check: &check,
        target: Target::default(),
        prescription: None,
        plan_id: None,
    });
    assert!(matches!(err, Err(SessionError::NotForSelfTreatment { .. })));
}

#[test]
fn a_stroking_set_counts_strokes_and_ends_at_the_prescribed_number() {
    let state = run(stroking(), &to_first_hold());
    let wanted = state.spec.dose.strokes.expect("strokes prescribed");
    assert_eq!(view(&state).gauge.expect("gauge").total, wanted);
    let state = run(state, &[Event::Strokes(wanted - 1), Event::Tick(5)]);
    assert_eq!(state.phase, Phase::Pressing { hold: 0 });
    assert_eq!(state.holds[0].seconds, 5);
    let state = run(state, &[Event::Strokes(5)]);
    assert_eq!(state.phase, Phase::AskSoftened { hold: 0 });
    assert_eq!(state.holds[0].strokes, wanted);
}

#[test]
fn a_timed_hold_ignores_stroke_counts() {
    let state = run(timed(), &to_first_hold());
    let state = run(state, &[Event::Strokes(3)]);
    assert_eq!(state.notice.map(|n| n.kind), Some(NoticeKind::Ignored));
    assert_eq!(state.holds[0].strokes, 0);
}

#[test]
fn pausing_freezes_the_countdown_until_resumed() {
    let state = run(timed(), &to_first_hold());
    let state = run(state, &[Event::Tick(10), Event::Pause, Event::Tick(25)]);
    assert!(state.paused);
    assert_eq!(state.holds[0].seconds, 10);
    let state = run(state, &[Event::Continue]);
    assert_eq!(
        state.phase,
        Phase::Pressing { hold: 0 },
        "Continue while paused is ignored"
    );
    let state = run(state, &[Event::Resume, Event::Tick(5)]);
    assert_eq!(state.holds[0].seconds, 15);
}

#[test]
fn a_stop_sensation_ends_the_session_and_nothing_more_is_pressed() {
    let state = run(timed(), &to_first_hold());
    let state = run(
        state,
        &[Event::Tick(12), Event::Sensation(Sensation::Sharp)],
    );
    assert!(state.is_ended());
    assert_eq!(state.outcome, Some(SessionOutcome::Stopped));
    let reason = state.stop_reason.clone().expect("reason");
    assert!(
        reason.contains("sharp pain") && reason.contains("physician"),
        "{reason}"
    );
    let after = run(
        state,
        &[Event::Tick(60), Event::Continue, Event::Discomfort(5)],
    );
    let rec = record(&after);
    assert_eq!(rec.holds.len(), 1);
    assert_eq!(rec.holds[0].seconds, 12);
    assert_eq!(rec.outcome, SessionOutcome::Stopped);
}

#[test]
fn skipping_a_hold_marks_it_skipped_and_moves_to_the_next() {
    let state = run(timed(), &to_first_hold());
    let state = run(state, &[Event::Tick(7), Event::Skip]);
    assert_eq!(state.phase, Phase::Pressing { hold: 1 });
    assert!(state.holds[0].skipped);
    assert_eq!(state.holds[0].seconds, 7);
    assert_eq!(state.holds[0].softened, None);
}

#[test]
fn events_that_do_not_fit_the_step_change_nothing_but_say_so() {
    let state = timed();
    let after = run(state.clone(), &[Event::Number(5)]);
    assert_eq!(after.phase, Phase::Locate);
    assert_eq!(after.notice.map(|n| n.kind), Some(NoticeKind::Ignored));
    let at_pain = run(state, &[Event::Continue]);
    let bad = run(at_pain, &[Event::Number(11), Event::Answer(true)]);
    assert_eq!(bad.phase, Phase::PainBefore);
    assert_eq!(bad.pain_before, None);
    let hold = run(timed(), &to_first_hold());
    let bad = run(hold, &[Event::Discomfort(42)]);
    assert!(bad.holds[0].discomfort.is_empty());
}

#[test]
fn the_discomfort_prompt_comes_back_every_twenty_seconds() {
    let state = run(timed(), &to_first_hold());
    assert!(state.discomfort_due);
    let state = run(state, &[Event::Discomfort(6), Event::Tick(19)]);
    assert!(!state.discomfort_due);
    let state = run(state, &[Event::Tick(1)]);
    assert!(state.discomfort_due);
    assert_eq!(view(&state).prompt, Prompt::Discomfort);
}

#[test]
fn quitting_records_what_was_done_as_quit() {
    let state = run(timed(), &to_first_hold());
    let state = run(state, &[Event::Tick(20), Event::Quit]);
    let rec = record(&state);
    assert_eq!(rec.outcome, SessionOutcome::Quit);
    assert_eq!(rec.holds[0].seconds, 20);
    assert_eq!(rec.pain_before, Some(6));
    assert!(!rec.stretch_done);
}

#[test]
fn a_plan_item_prescription_replaces_the_atlas_dose() {
    let item = PlanItem {
        muscle_id: "upper-trapezius".into(),
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Left,
        technique: "short-deep-strokes".into(),
        tool: "thumb".into(),
        hold_seconds: 40,
        holds: 2,
        strokes: Some(8),
        sitting: 1,
    };
    let atlas = Atlas::builtin();
    let tp = atlas
        .trigger_points()
        .iter()
        .find(|t| t.id == item.trigger_point_id && t.side == knot_body::Side::Left)
        .expect("tp");
    let check = allowed();
    let spec = SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check: &check,
        target: Target::new(5).unwrap(),
        prescription: Some(Prescription::from_plan_item(&item)),
        plan_id: Some(17),
    })
    .expect("spec");
    assert_eq!((spec.dose.holds, spec.dose.strokes), (2, Some(8)));
    assert_eq!(spec.tool.name, "thumb");
    assert_eq!(spec.side, Side::Left);
    let rec = record(&SessionState::new(spec));
    assert_eq!(rec.plan_id, Some(17));
    assert_eq!(rec.technique, "short-deep-strokes");
}

#[test]
fn the_locate_step_shows_the_palpation_guide_and_points_to_the_picture() {
    let state = timed();
    let v = view(&state);
    let text = v.lines.join("\n");
    assert!(text.contains(&state.spec.press_here));
    assert!(text.contains(&state.spec.palpation));
    assert!(!text.contains("knot show"), "{text}");
    assert_eq!(
        v.hints,
        vec![knot_care::hint::Hint::ShowMuscle {
            muscle: "upper-trapezius".into(),
            side: knot_body::Side::Right,
        }]
    );
    assert!(
        text.contains("front of the neck"),
        "endangerment site shown: {text}"
    );
}

#[test]
fn advice_stays_while_time_passes_and_goes_on_the_next_action() {
    let state = run(timed(), &to_first_hold());
    let state = run(
        state,
        &[Event::Discomfort(9), Event::Tick(1), Event::Tick(1)],
    );
    assert_eq!(
        state.notice.as_ref().map(|n| n.kind),
        Some(NoticeKind::Advice(Advice::EaseOff))
    );
    let state = run(state, &[Event::Pause]);
    assert_eq!(state.notice.map(|n| n.kind), Some(NoticeKind::Info));
}

#[test]
fn an_input_that_does_not_fit_says_what_the_step_takes_as_a_cue_not_keys() {
    use knot_care::hint::Cue;
    let state = run(timed(), &[Event::Answer(true)]);
    let notice = state.notice.expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Ignored);
    assert_eq!(notice.cue, Some(Cue::ContinueOrSkipStep));
    assert!(notice.text.is_empty(), "{}", notice.text);
    let state = run(timed(), &to_first_hold());
    let state = run(state, &[Event::Answer(true)]);
    let notice = state.notice.expect("a notice");
    assert_eq!(notice.cue, Some(Cue::DiscomfortReleaseOrSkipHold));
}
