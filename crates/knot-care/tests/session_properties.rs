//! Property tests of the session state machine on random event sequences: whatever arrives,
//! it never panics, only moves forward, never presses past the dose, stops for good on a stop
//! sensation, ends on Quit, records only what is valid, and never counts a timed hold shorter
//! than its minimum as done.

mod session_fixtures;

use chrono::Utc;
use knot_care::session::{counted_after, step, to_record, Event, Phase, Sensation, SessionState};
use knot_record::SessionOutcome;
use proptest::prelude::*;
use session_fixtures::*;

fn sensation() -> impl Strategy<Value = Sensation> {
    prop_oneof![
        Just(Sensation::Sharp),
        Just(Sensation::Burning),
        Just(Sensation::Electrical),
        Just(Sensation::Numb),
        Just(Sensation::Tingling),
        Just(Sensation::Dizzy),
        Just(Sensation::Unnamed),
    ]
}

/// Events weighted so that many sequences get deep into a session before ending.
fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => (0u32..120).prop_map(Event::Tick),
        6 => (0u8..=14).prop_map(Event::Discomfort),
        6 => (0u8..=14).prop_map(Event::Number),
        4 => any::<bool>().prop_map(Event::Answer),
        3 => (0u32..15).prop_map(Event::Strokes),
        10 => Just(Event::Continue),
        2 => Just(Event::Pause),
        2 => Just(Event::Resume),
        3 => Just(Event::Skip),
        1 => Just(Event::Quit),
        1 => sensation().prop_map(Event::Sensation),
    ]
}

/// The kinds of session: timed, timed and softened, strokes.
fn session() -> impl Strategy<Value = SessionState> {
    prop_oneof![
        Just(()).prop_map(|_| timed()),
        (1u32..=9).prop_map(|tenths| SessionState::new(spec_for(
            "upper-trapezius",
            &softened(f64::from(tenths) / 10.0)
        ))),
        Just(()).prop_map(|_| stroking()),
    ]
}

/// Invariants that hold for every state.
fn check_state(state: &SessionState) -> Result<(), TestCaseError> {
    let dose = &state.spec.dose;
    prop_assert!(state.holds.len() <= dose.holds as usize);
    for hold in &state.holds {
        prop_assert!(hold.seconds <= dose.hold_seconds);
        prop_assert!(hold.strokes <= dose.strokes.unwrap_or(0));
        prop_assert!(hold.discomfort.iter().all(|&d| d <= 10));
    }
    prop_assert!(state.pain_before.is_none_or(|p| p <= 10));
    prop_assert!(state.pain_after.is_none_or(|p| p <= 10));
    prop_assert_eq!(state.is_ended(), state.outcome.is_some());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_event_sequence_keeps_every_invariant(
        start in session(),
        events in prop::collection::vec(event(), 0..160),
    ) {
        let mut state = start;
        for event in events {
            let before = state.clone();
            state = step(state, event);
            check_state(&state)?;
            prop_assert!(before.phase.order() <= state.phase.order(),
                "went back from {:?} to {:?} on {:?}", before.phase, state.phase, event);
            if before.paused && matches!(event, Event::Tick(_)) {
                prop_assert_eq!(&before.holds, &state.holds, "a paused clock moved");
                prop_assert_eq!(before.warm_up_done, state.warm_up_done);
            }
            if before.is_ended() {
                prop_assert_eq!(&before.holds, &state.holds, "pressure after the end");
                prop_assert_eq!(before.outcome, state.outcome);
            } else if let Event::Sensation(_) = event {
                prop_assert_eq!(state.outcome, Some(SessionOutcome::Stopped));
                prop_assert!(state.stop_reason.is_some());
                let seconds = |s: &SessionState| s.holds.iter().map(|h| h.seconds).collect::<Vec<_>>();
                prop_assert_eq!(seconds(&before), seconds(&state), "pressure after a stop");
            } else if event == Event::Quit {
                prop_assert_eq!(state.outcome, Some(SessionOutcome::Quit));
            }
        }
        let record = to_record(&state, Utc::now(), Utc::now());
        prop_assert!(record.holds.len() <= state.spec.dose.holds as usize);
        prop_assert!(record.holds.iter().all(|h| h.seconds <= state.spec.dose.hold_seconds));
        prop_assert!(record.holds.iter().flat_map(|h| &h.discomfort).all(|&d| d <= 10));
        if !state.spec.is_stroking() {
            let minimum = counted_after(state.spec.dose.hold_seconds);
            for hold in record.holds.iter().filter(|h| !h.skipped) {
                prop_assert!(hold.seconds >= minimum,
                    "a {} s hold counted as done (minimum {} s)", hold.seconds, minimum);
            }
        }
        if state.outcome == Some(SessionOutcome::Completed) {
            prop_assert!(state.holds.len() == state.spec.dose.holds as usize);
        }
    }

    #[test]
    fn quit_ends_any_session_at_any_point(
        start in session(),
        events in prop::collection::vec(event(), 0..80),
    ) {
        let state = events.into_iter().fold(start, step);
        let was_ended = state.outcome;
        let state = step(state, Event::Quit);
        prop_assert!(state.is_ended());
        prop_assert_eq!(state.phase, Phase::Ended);
        if was_ended.is_none() {
            prop_assert_eq!(state.outcome, Some(SessionOutcome::Quit));
        }
    }

    #[test]
    fn the_steering_advice_follows_the_reading(reading in 0u8..=10, target in 3u8..=7) {
        use knot_care::session::{steer, Advice, Target};
        let target = Target::new(target).expect("valid target");
        let advice = steer(reading, target, true);
        let t = target.value();
        prop_assert_eq!(advice == Advice::EaseOff, reading > t + 1);
        prop_assert_eq!(advice == Advice::PressFirmer, reading + 1 < t);
        prop_assert_ne!(steer(reading, target, false), Advice::PressFirmer);
    }
}

/// Guards the properties above against passing vacuously: the random sequences must reach
/// every outcome, including sessions completed from start to end.
#[test]
fn random_sequences_reach_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (session(), prop::collection::vec(event(), 0..160));
    let mut seen = Vec::new();
    for _ in 0..400 {
        let (start, events) = strategy
            .new_tree(&mut runner)
            .expect("value tree")
            .current();
        let end = events.into_iter().fold(start, step);
        seen.push((end.outcome, end.holds.len()));
    }
    for outcome in [
        SessionOutcome::Completed,
        SessionOutcome::Stopped,
        SessionOutcome::Quit,
    ] {
        assert!(
            seen.iter().any(|(o, _)| *o == Some(outcome)),
            "no sequence ended {outcome:?}"
        );
    }
    assert!(
        seen.iter().any(|(_, holds)| *holds >= 2),
        "no sequence got past one hold"
    );
}
