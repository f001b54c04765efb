//! The last check before a guided session is stored, whoever built it: the browser's session
//! (driven by `knot_care::session::step`, so it can only reach possible states) and a client
//! posting a finished session to the API (which could send anything). Every value must be one a
//! real session can have; each problem is described so the client can fix it. A timed hold of a
//! few seconds is not treatment: under [`MIN_RECORDED_HOLD_SECONDS`] it must be marked skipped.

use chrono::{DateTime, Duration, Utc};
use knot_atlas::Atlas;
use knot_care::measures::CLOCK_GRACE;
use knot_care::session::{
    is_timed_technique, MAX_TARGET, MIN_COUNTED_HOLD_SECONDS, MIN_RECORDED_HOLD_SECONDS, MIN_TARGET,
};
use knot_record::{NewSession, SessionOutcome};

use crate::diary::check_time;
use crate::text::free_text;

/// The most holds one session may record.
pub const MAX_HOLDS: usize = 20;
/// The longest one hold may last, in seconds (the atlas doses 30–90 s).
pub const MAX_HOLD_SECONDS: u32 = 600;
/// The most discomfort readings one hold may record.
const MAX_READINGS: usize = 200;
/// The longest a session may last.
const MAX_SESSION_HOURS: i64 = 6;
const MAX_REASON_CHARS: usize = 2000;

/// Every problem with a session record (empty: it can be stored).
pub fn session_problems(atlas: &Atlas, session: &NewSession, now: DateTime<Utc>) -> Vec<String> {
    let mut problems = Vec::new();
    where_and_how(atlas, session, &mut problems);
    scores(session, &mut problems);
    holds(session, &mut problems);
    times(session, now, &mut problems);
    if let Some(reason) = &session.stop_reason {
        if reason.trim().is_empty() || reason.chars().count() > MAX_REASON_CHARS {
            problems.push(format!(
                "stop_reason must be 1 to {MAX_REASON_CHARS} characters, or left out"
            ));
        }
        if let Err(problem) = free_text(reason) {
            problems.push(problem.describe("stop_reason"));
        }
    }
    if session.outcome == SessionOutcome::Completed && session.stop_reason.is_some() {
        problems.push("a completed session has no stop_reason; use outcome \"stopped\"".into());
    }
    problems
}

/// The session as it is stored: `stop_reason` trimmed and in one Unicode form. Call it after
/// [`session_problems`] found none.
pub fn tidied(mut session: NewSession) -> NewSession {
    session.stop_reason = session
        .stop_reason
        .map(|reason| free_text(reason.trim()).unwrap_or_else(|_| reason.trim().to_string()));
    session
}

fn where_and_how(atlas: &Atlas, session: &NewSession, problems: &mut Vec<String>) {
    let Some(muscle) = atlas.muscle(&session.muscle_id) else {
        problems.push(format!(
            "muscle_id {:?} is not in the atlas; GET /api/v1/atlas lists the muscles",
            session.muscle_id
        ));
        return;
    };
    let point = atlas
        .trigger_points_of(&muscle.id)
        .find(|tp| tp.id == session.trigger_point_id && tp.side == session.side);
    if point.is_some_and(|tp| !tp.self_treat) && muscle.self_care.self_treat {
        problems.push(format!(
            "{} ({}) is for a therapist only, not for self-treatment",
            muscle.name, session.trigger_point_id
        ));
    }
    if point.is_none() {
        problems.push(format!(
            "{} has no trigger point {:?} on the {} side; GET /api/v1/atlas/muscles/{} lists them",
            muscle.name,
            session.trigger_point_id,
            session.side.word(),
            muscle.id
        ));
    }
    if !muscle.self_care.self_treat {
        problems.push(format!("{} is not for self-treatment", muscle.name));
    }
    let vocabulary = atlas.vocabulary();
    if !vocabulary
        .techniques
        .iter()
        .any(|t| t.id == session.technique)
    {
        problems.push(format!(
            "technique {:?} is not one of the atlas's techniques ({})",
            session.technique,
            ids(vocabulary.techniques.iter().map(|t| t.id.as_str()))
        ));
    }
    if !vocabulary.tools.iter().any(|t| t.id == session.tool) {
        problems.push(format!(
            "tool {:?} is not one of the atlas's tools ({})",
            session.tool,
            ids(vocabulary.tools.iter().map(|t| t.id.as_str()))
        ));
    }
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

fn scores(session: &NewSession, problems: &mut Vec<String>) {
    if !(MIN_TARGET..=MAX_TARGET).contains(&session.target_discomfort) {
        problems.push(format!(
            "target_discomfort must be {MIN_TARGET} to {MAX_TARGET} (a strong but bearable ache); \
             got {}",
            session.target_discomfort
        ));
    }
    for (name, pain) in [
        ("pain_before", session.pain_before),
        ("pain_after", session.pain_after),
    ] {
        if pain.is_some_and(|p| p > 10) {
            problems.push(format!("{name} must be 0 to 10, or left out"));
        }
    }
}

fn holds(session: &NewSession, problems: &mut Vec<String>) {
    if session.holds.len() > MAX_HOLDS {
        problems.push(format!("a session has at most {MAX_HOLDS} holds"));
    }
    if session.outcome == SessionOutcome::Completed && session.holds.is_empty() {
        problems.push("a completed session has at least one hold".into());
    }
    for (i, hold) in session.holds.iter().enumerate() {
        let n = i + 1;
        if hold.seconds > MAX_HOLD_SECONDS {
            problems.push(format!(
                "hold {n} lasts {} s; a hold is at most {MAX_HOLD_SECONDS} s",
                hold.seconds
            ));
        }
        if is_timed_technique(&session.technique)
            && !hold.skipped
            && hold.seconds < MIN_RECORDED_HOLD_SECONDS
        {
            problems.push(format!(
                "hold {n} lasts {} s, too short to count as done (a timed hold counts after \
                 {MIN_COUNTED_HOLD_SECONDS} s; under {MIN_RECORDED_HOLD_SECONDS} s it is refused); \
                 record it with \"skipped\": true as a short hold, or send the seconds it \
                 really lasted",
                hold.seconds
            ));
        }
        if hold.discomfort.len() > MAX_READINGS {
            problems.push(format!(
                "hold {n} has more than {MAX_READINGS} discomfort readings"
            ));
        }
        if hold.discomfort.iter().any(|d| *d > 10) {
            problems.push(format!("hold {n}: discomfort readings are 0 to 10"));
        }
    }
}

fn times(session: &NewSession, now: DateTime<Utc>, problems: &mut Vec<String>) {
    let (start, end) = (session.started_at, session.ended_at);
    if end < start {
        problems.push("ended_at is before started_at".into());
        return;
    }
    for (name, at) in [("started_at", start), ("ended_at", end)] {
        if let Err(problem) = check_time(name, at, now) {
            problems.push(problem);
        }
    }
    if end - start > Duration::hours(MAX_SESSION_HOURS) {
        problems.push(format!("a session lasts at most {MAX_SESSION_HOURS} hours"));
    }
    // Summed wide: the client chooses every hold's length, and a u32 sum could wrap.
    let pressed: i64 = session.holds.iter().map(|h| i64::from(h.seconds)).sum();
    if pressed > (end - start + CLOCK_GRACE).num_seconds() {
        problems.push(format!(
            "the holds add up to {pressed} s, longer than the session itself; check the times"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_record::{HoldRecord, Side};

    fn session(now: DateTime<Utc>) -> NewSession {
        NewSession {
            started_at: now - Duration::minutes(10),
            ended_at: now - Duration::minutes(2),
            muscle_id: "upper-trapezius".into(),
            trigger_point_id: "upper-trapezius-1".into(),
            side: Side::Right,
            technique: "sustained-compression".into(),
            tool: "thumb".into(),
            target_discomfort: 6,
            pain_before: Some(6),
            pain_after: Some(4),
            holds: vec![HoldRecord {
                seconds: 60,
                discomfort: vec![6, 5],
                softened: Some(true),
                skipped: false,
            }],
            stretch_done: true,
            outcome: SessionOutcome::Completed,
            stop_reason: None,
            plan_id: None,
        }
    }

    #[test]
    fn a_real_session_passes() {
        let now = Utc::now();
        let good = session(now);
        assert_eq!(
            session_problems(Atlas::builtin(), &good, now),
            Vec::<String>::new()
        );
    }

    #[test]
    fn impossible_values_are_each_named() {
        let now = Utc::now();
        let mut bad = session(now);
        bad.side = Side::Midline;
        bad.tool = "hammer".into();
        bad.pain_after = Some(11);
        bad.holds[0].seconds = 5000;
        bad.holds[0].discomfort.push(12);
        bad.target_discomfort = 10;
        let problems = session_problems(Atlas::builtin(), &bad, now).join("\n");
        for expected in [
            "midline side",
            "hammer",
            "pain_after",
            "5000 s",
            "0 to 10",
            "target_discomfort",
        ] {
            assert!(
                problems.contains(expected),
                "{expected} missing from:\n{problems}"
            );
        }
    }

    #[test]
    fn a_timed_hold_of_a_few_seconds_must_be_marked_skipped() {
        let now = Utc::now();
        let mut short = session(now);
        short.holds[0].seconds = MIN_RECORDED_HOLD_SECONDS - 1;
        let problems = session_problems(Atlas::builtin(), &short, now).join("\n");
        assert!(problems.contains("hold 1 lasts 9 s"), "{problems}");
        assert!(
            problems.contains("\"skipped\": true"),
            "says how to fix it: {problems}"
        );

        short.holds[0].skipped = true;
        assert_eq!(
            session_problems(Atlas::builtin(), &short, now),
            Vec::<String>::new(),
            "a short hold marked skipped is a true record"
        );

        let mut floor = session(now);
        floor.holds[0].seconds = MIN_RECORDED_HOLD_SECONDS;
        assert_eq!(
            session_problems(Atlas::builtin(), &floor, now),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_quick_set_of_strokes_is_not_a_short_hold() {
        let now = Utc::now();
        let mut strokes = session(now);
        strokes.technique = knot_care::session::STROKING_TECHNIQUE.into();
        strokes.holds[0].seconds = 8;
        let problems = session_problems(Atlas::builtin(), &strokes, now);
        assert!(
            !problems.iter().any(|p| p.contains("too short")),
            "{problems:?}"
        );
    }

    #[test]
    fn times_must_be_in_order_and_past() {
        let now = Utc::now();
        let mut future = session(now);
        future.ended_at = now + Duration::hours(1);
        assert!(!session_problems(Atlas::builtin(), &future, now).is_empty());
        let mut backwards = session(now);
        backwards.ended_at = backwards.started_at - Duration::seconds(1);
        assert!(!session_problems(Atlas::builtin(), &backwards, now).is_empty());
    }
}
