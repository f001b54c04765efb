//! Treatment adherence: sittings done per week against the plan, streaks and gaps.
//!
//! A plan prescribes sittings per day, and one sitting may treat several trigger points, each
//! stored as its own session. Sessions are therefore grouped into sittings: a session that
//! starts within `sitting_gap_minutes` of the previous one's end (on the same day) belongs to
//! the same sitting. Weeks run Monday to Sunday; the plan's target counts only the days from
//! the plan's creation that lie inside the period.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use knot_record::{Plan, SessionOutcome, SessionRecord};
use serde::Serialize;

use crate::period::Period;
use crate::settings::Settings;

/// One week's count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday that starts the week.
    pub start: NaiveDate,
    pub sittings: u32,
    pub sessions: u32,
    /// Sittings the plan asked for on this week's days inside the period; `None` without a plan.
    pub target: Option<u32>,
}

/// How regularly treatment was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adherence {
    pub sessions: usize,
    pub completed: usize,
    /// Sessions ended by a stop rule (a sensation or a red flag).
    pub stopped: usize,
    pub quit: usize,
    /// Holds (or sets) that count as done, over all sessions.
    pub holds_done: usize,
    /// Holds pressed but released before they counted as done: not treatment.
    pub short_holds: usize,
    pub sittings: usize,
    /// The active plan's sittings per day, if there is a plan.
    pub planned_per_day: Option<u32>,
    pub weeks: Vec<Week>,
    /// Sittings done over sittings asked for, over the weeks with a target.
    pub share_of_target: Option<f64>,
    /// The most consecutive days with at least one sitting.
    pub longest_streak: u32,
    /// Consecutive days with a sitting up to the period's last day (or the day before it).
    pub current_streak: u32,
    /// The most consecutive days without a sitting between the first sitting and the period's end.
    pub longest_gap: u32,
    /// The last day with a sitting.
    pub last_day: Option<NaiveDate>,
}

/// The first day of a sitting for each sitting, oldest first.
fn sitting_days(sessions: &[&SessionRecord], period: &Period, gap_minutes: i64) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut previous: Option<&SessionRecord> = None;
    for session in sessions {
        let day = period.day_of(session.session.started_at);
        let joins = previous.is_some_and(|p| {
            period.day_of(p.session.started_at) == day
                && session.session.started_at - p.session.ended_at <= Duration::minutes(gap_minutes)
        });
        if !joins {
            days.push(day);
        }
        previous = Some(session);
    }
    days
}

/// The Monday on or before `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Analyses the sessions inside the period against the plan.
pub fn analyse(
    sessions: &[SessionRecord],
    plan: Option<&Plan>,
    period: &Period,
    settings: &Settings,
) -> Adherence {
    let mut inside: Vec<&SessionRecord> = sessions
        .iter()
        .filter(|s| period.contains(period.day_of(s.session.started_at)))
        .collect();
    inside.sort_by_key(|s| s.session.started_at);
    let sittings = sitting_days(&inside, period, settings.sitting_gap_minutes);
    let count = |outcome| {
        inside
            .iter()
            .filter(|s| s.session.outcome == outcome)
            .count()
    };
    let first_day = period.since.or_else(|| sittings.first().copied());
    let weeks = first_day.map_or_else(Vec::new, |first| {
        weekly(&inside, &sittings, plan, period, first)
    });
    let (done, asked) = weeks
        .iter()
        .fold((0, 0), |(done, asked), week| match week.target {
            Some(target) => (done + week.sittings, asked + target),
            None => (done, asked),
        });
    let (longest_streak, current_streak, longest_gap) = streaks(&sittings, period.until);
    Adherence {
        sessions: inside.len(),
        completed: count(SessionOutcome::Completed),
        stopped: count(SessionOutcome::Stopped),
        quit: count(SessionOutcome::Quit),
        holds_done: inside.iter().map(|s| s.session.holds_done()).sum(),
        short_holds: inside.iter().map(|s| s.session.short_holds()).sum(),
        sittings: sittings.len(),
        planned_per_day: plan.map(|p| p.plan.sittings_per_day),
        weeks,
        share_of_target: (asked > 0).then(|| f64::from(done) / f64::from(asked)),
        longest_streak,
        current_streak,
        longest_gap,
        last_day: sittings.last().copied(),
    }
}

/// Counts per week from the week of `first` through the week of the period's end.
fn weekly(
    sessions: &[&SessionRecord],
    sittings: &[NaiveDate],
    plan: Option<&Plan>,
    period: &Period,
    first: NaiveDate,
) -> Vec<Week> {
    let mut weeks: BTreeMap<NaiveDate, Week> = BTreeMap::new();
    let plan_start = plan.map(|p| (period.day_of(p.plan.created_at), p.plan.sittings_per_day));
    let mut day = week_start(first);
    while day <= period.until {
        let week = weeks.entry(week_start(day)).or_insert(Week {
            start: week_start(day),
            sittings: 0,
            sessions: 0,
            target: plan_start.map(|_| 0),
        });
        if let (Some((from, per_day)), Some(target)) = (plan_start, week.target.as_mut()) {
            if day >= first && day >= from {
                *target += per_day;
            }
        }
        day += Duration::days(1);
    }
    for day in sittings {
        if let Some(week) = weeks.get_mut(&week_start(*day)) {
            week.sittings += 1;
        }
    }
    for session in sessions {
        let day = period.day_of(session.session.started_at);
        if let Some(week) = weeks.get_mut(&week_start(day)) {
            week.sessions += 1;
        }
    }
    weeks.into_values().collect()
}

/// (longest streak, current streak, longest gap) in days, from sorted sitting days.
pub fn streaks(sitting_days: &[NaiveDate], until: NaiveDate) -> (u32, u32, u32) {
    let mut days: Vec<NaiveDate> = sitting_days.to_vec();
    days.dedup();
    let (mut longest, mut run, mut gap) = (0u32, 0u32, 0u32);
    for (i, day) in days.iter().enumerate() {
        let after = i.checked_sub(1).map(|p| (*day - days[p]).num_days());
        run = if after == Some(1) { run + 1 } else { 1 };
        longest = longest.max(run);
        if let Some(after) = after {
            gap = gap.max(days_between(after));
        }
    }
    if let Some(last) = days.last() {
        // The days since the last sitting are a gap that is still open.
        gap = gap.max(u32::try_from((until - *last).num_days()).unwrap_or(0));
    }
    let current = match days.last() {
        Some(last) if (until - *last).num_days() <= 1 => run,
        _ => 0,
    };
    (longest, current, gap)
}

/// The days strictly between two days `after` days apart.
fn days_between(after: i64) -> u32 {
    u32::try_from(after - 1).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use knot_record::{HoldRecord, NewSession, Side};

    fn hold(seconds: u32, skipped: bool) -> HoldRecord {
        HoldRecord {
            seconds,
            discomfort: Vec::new(),
            softened: None,
            skipped,
        }
    }

    fn session(day: u32, holds: Vec<HoldRecord>) -> SessionRecord {
        let started_at = Utc.with_ymd_and_hms(2026, 9, day, 9, 0, 0).unwrap();
        SessionRecord {
            id: i64::from(day),
            person_id: 1,
            created_by: 1,
            created_at: started_at,
            session: NewSession {
                started_at,
                ended_at: started_at + Duration::minutes(6),
                muscle_id: "upper-trapezius".into(),
                trigger_point_id: "upper-trapezius-1".into(),
                side: Side::Right,
                technique: "sustained-compression".into(),
                tool: "thumb".into(),
                target_discomfort: 6,
                pain_before: None,
                pain_after: None,
                holds,
                stretch_done: false,
                outcome: SessionOutcome::Completed,
                stop_reason: None,
                plan_id: None,
            },
        }
    }

    #[test]
    fn short_holds_are_counted_apart_from_holds_done() {
        let sessions = [
            session(1, vec![hold(60, false), hold(8, true)]),
            session(2, vec![hold(5, true), hold(0, true), hold(45, false)]),
        ];
        let period = Period::until(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        let adherence = analyse(&sessions, None, &period, &Settings::default());
        assert_eq!(adherence.holds_done, 2);
        assert_eq!(
            adherence.short_holds, 2,
            "a hold skipped at 0 s is not short"
        );
        let text = crate::words::adherence_sentence(&adherence).text;
        assert!(
            text.contains("2 holds done; 2 short holds (released before they counted) left out"),
            "{text}"
        );
    }
}
