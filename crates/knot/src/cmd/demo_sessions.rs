//! The demo's treatment sittings: three to five evenings a week from the day the plan starts,
//! each treating two or three trigger points in turn, with pain rated before and after.

use chrono::Duration;
use knot_record::{HoldRecord, NewSession, SessionOutcome, Side};

use super::demo_diary::{Clock, Random, Story};

/// One trigger point as the demo person treats it, and how much it tends to help right away.
struct Treated {
    muscle: &'static str,
    point: &'static str,
    technique: &'static str,
    tool: &'static str,
    hold_seconds: u32,
    /// Mean drop in pain right after treating it, in points.
    relief: f64,
}

const UPPER_TRAPEZIUS_PINCER: Treated = Treated {
    muscle: "upper-trapezius",
    point: "upper-trapezius-1",
    technique: "pincer-compression",
    tool: "pincer-grip",
    hold_seconds: 60,
    relief: 1.5,
};

const UPPER_TRAPEZIUS_BALL: Treated = Treated {
    muscle: "upper-trapezius",
    point: "upper-trapezius-1",
    technique: "pressure-release",
    tool: "ball-wall",
    hold_seconds: 75,
    relief: 1.1,
};

const LEVATOR_SCAPULAE: Treated = Treated {
    muscle: "levator-scapulae",
    point: "levator-scapulae-upper",
    technique: "sustained-compression",
    tool: "hook-tool",
    hold_seconds: 60,
    relief: 0.8,
};

const SUBOCCIPITALS: Treated = Treated {
    muscle: "suboccipitals",
    point: "suboccipitals-1",
    technique: "sustained-compression",
    tool: "ball-floor",
    hold_seconds: 45,
    relief: 1.2,
};

/// Every session of the demo, oldest first.
pub fn sittings(random: &mut Random, story: &Story, clock: &Clock) -> Vec<NewSession> {
    let mut sessions = Vec::new();
    // The first sitting from the fourth week on begins with a session the guide stopped
    // (tingling spread into the hand).
    let stop_from = story.plan_day + 20;
    let mut stop_pending = true;
    let mut week_start = story.plan_day;
    while week_start < story.days {
        let count = random.between(3, 5) as usize;
        let mut days: Vec<i64> = (week_start..(week_start + 7).min(story.days)).collect();
        while days.len() > count {
            let drop = random.between(0, days.len() as u32 - 1) as usize;
            days.remove(drop);
        }
        for day in days {
            let stop = stop_pending && day >= stop_from;
            stop_pending &= !stop;
            sitting(&mut sessions, random, story, clock, day, stop);
        }
        week_start += 7;
    }
    sessions
}

/// One evening's sitting: upper trapezius, usually levator scapulae, suboccipitals when the
/// head aches.
fn sitting(
    sessions: &mut Vec<NewSession>,
    random: &mut Random,
    story: &Story,
    clock: &Clock,
    day: i64,
    stop_first: bool,
) {
    let mut points = vec![if random.chance(0.6) {
        &UPPER_TRAPEZIUS_PINCER
    } else {
        &UPPER_TRAPEZIUS_BALL
    }];
    if random.chance(0.8) {
        points.push(&LEVATOR_SCAPULAE);
    }
    if random.chance(story.headache_chance(day) + 0.2) {
        points.push(&SUBOCCIPITALS);
    }
    let mut started_at = clock.at(day, 19, random.between(0, 50));
    let mut pain = (story.pain(day) + random.noise(0.5))
        .round()
        .clamp(0.0, 10.0);
    for (index, treated) in points.into_iter().enumerate() {
        let stopped = stop_first && index == 0;
        let session = session(random, treated, started_at, pain, stopped);
        started_at = session.ended_at + Duration::minutes(i64::from(random.between(1, 4)));
        if let Some(after) = session.pain_after {
            pain = f64::from(after);
        }
        sessions.push(session);
        if stopped {
            break;
        }
    }
}

fn session(
    random: &mut Random,
    treated: &Treated,
    started_at: chrono::DateTime<chrono::Utc>,
    pain_before: f64,
    stopped: bool,
) -> NewSession {
    let hold_count = if stopped { 1 } else { 3 };
    let holds: Vec<HoldRecord> = (0..hold_count)
        .map(|hold| {
            let start = 7.0 - f64::from(hold) * 0.5 + random.noise(0.6);
            HoldRecord {
                seconds: treated.hold_seconds + random.between(0, 20) - 10,
                discomfort: (0..3)
                    .map(|step| (start - f64::from(step) * 0.8).round().clamp(2.0, 8.0) as u8)
                    .collect(),
                softened: Some(random.chance(0.7)),
                skipped: false,
            }
        })
        .collect();
    let seconds: u32 = holds.iter().map(|h| h.seconds).sum();
    let relief = (treated.relief + random.noise(0.7)).round();
    let after = (pain_before - relief).clamp(0.0, 10.0);
    NewSession {
        started_at,
        ended_at: started_at + Duration::seconds(i64::from(seconds) + 150),
        muscle_id: treated.muscle.into(),
        trigger_point_id: treated.point.into(),
        side: Side::Right,
        technique: treated.technique.into(),
        tool: treated.tool.into(),
        target_discomfort: 6,
        pain_before: Some(pain_before as u8),
        pain_after: (!stopped).then_some(after as u8),
        holds,
        stretch_done: !stopped,
        outcome: if stopped {
            SessionOutcome::Stopped
        } else {
            SessionOutcome::Completed
        },
        stop_reason: stopped
            .then(|| "Tingling spread into the right hand: stopped, as the guide says.".into()),
        plan_id: None,
    }
}
