//! Home routines: from the trigger points a person confirmed to a plan of sittings, each with
//! its order, tool, dose and notes, kept within a daily cap on pressure time.
//!
//! How a plan is built ([`build_plan`]):
//! 1. each confirmed point is looked up in the atlas (unknown ids are refused with suggestions);
//! 2. points the atlas leaves to a therapist (the muscle, or the point's own `self_treat`) are
//!    left out, and so are points the safety check blocks; softened points get shorter holds and
//!    a light tool; every warning becomes a note;
//! 3. the rest are put in treatment order, likely key points first (`order`), and cut to
//!    [`MAX_POINTS_PER_SITTING`] per side;
//! 4. each gets the atlas's first technique and tool and its dose (`dose`);
//! 5. the times a day each point is treated start from the atlas's `sessions_per_day` (the
//!    lowest among the muscles, at most [`PlanOptions::max_times_per_day`]), and the plan is cut
//!    to the daily cap (`fit`);
//! 6. the day is laid out as sittings, one side per sitting, the sides alternating
//!    (`fit::lay_out_day`).
//!
//! Reading a plan: its items are the whole day. Each item names its sitting (1, 2, …,
//! [`NewPlan::sittings_per_day`]); an item treated three times a day appears in three sittings.
//! With points on both sides, odd sittings treat one side and even sittings the other (midline
//! points join either). The day's pressure time is the sum over all items
//! ([`daily_pressure_seconds`]) and never exceeds `daily_pressure_cap_seconds`.

mod dose;
mod fit;
mod next;
mod notes;
mod order;

use chrono::{DateTime, Duration, Utc};
use knot_atlas::{Atlas, Muscle, TriggerPoint};
use knot_record::{NewPlan, PlanItem, Screening, Side};
use thiserror::Error;

use crate::measures::{find_trigger_point, MeasureError};
use crate::safety::{check_treatment, Permission, TreatmentCheck};
use notes::NoteBook;

pub use dose::{
    holds_for, item_pressure_seconds, light_tool, FIRM_TOOLS, LIGHT_TOOLS, MAX_HOLD_SECONDS,
    MIN_HOLD_SECONDS, STROKE_SECONDS, STROKING,
};
pub use next::next_sitting;

/// The daily cap on pressure time, in minutes, unless the person sets one.
pub const DEFAULT_CAP_MINUTES: u32 = 20;
/// The most points one sitting treats (one side and the midline): the review's cap on volume
/// beside the time cap (clinical review 2026-12 §2.5; Davies' over-treatment case).
pub const MAX_POINTS_PER_SITTING: usize = 8;
/// The range of caps accepted, in minutes.
pub const CAP_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 5..=60;

/// Settings for building a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// When the plan is made (its reassess date counts from here).
    pub now: DateTime<Utc>,
    /// The most pressure time a day, in seconds.
    pub daily_cap_seconds: u32,
    /// The most times a day a point is treated, whatever the atlas allows.
    pub max_times_per_day: u32,
    /// Times a day are lowered to this before any point is left out for the cap.
    pub min_times_per_day: u32,
    /// Days until the person should measure again.
    pub reassess_after_days: u32,
}

impl PlanOptions {
    /// The defaults: a 20-minute daily cap, each point 2–3 times a day, reassess after two weeks.
    pub fn new(now: DateTime<Utc>) -> PlanOptions {
        PlanOptions {
            now,
            daily_cap_seconds: DEFAULT_CAP_MINUTES * 60,
            max_times_per_day: 3,
            min_times_per_day: 2,
            reassess_after_days: 14,
        }
    }

    /// Sets the daily cap in minutes, refusing one outside [`CAP_MINUTES_RANGE`].
    pub fn with_cap_minutes(mut self, minutes: u32) -> Result<PlanOptions, PlanError> {
        if !CAP_MINUTES_RANGE.contains(&minutes) {
            return Err(PlanError::Cap { minutes });
        }
        self.daily_cap_seconds = minutes * 60;
        Ok(self)
    }
}

/// Why a plan could not be built.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PlanError {
    #[error("no trigger points given; name at least one, e.g. upper-trapezius-1:right")]
    Empty,
    /// A confirmed point the atlas does not have, or a side it does not have.
    #[error(transparent)]
    Point(#[from] MeasureError),
    #[error("a daily cap of {minutes} minutes is outside {}–{} minutes", CAP_MINUTES_RANGE.start(), CAP_MINUTES_RANGE.end())]
    Cap { minutes: u32 },
    /// Every point was left out; the notes say why.
    #[error("nothing is left to treat at home:\n  - {}", .notes.join("\n  - "))]
    NothingToTreat { notes: Vec<String> },
}

/// Builds a home routine for `confirmed` trigger points (atlas id and side), checked against
/// the person's latest screening.
pub fn build_plan<S: AsRef<str>>(
    atlas: &Atlas,
    confirmed: &[(S, Side)],
    screening: Option<&Screening>,
    options: &PlanOptions,
) -> Result<NewPlan, PlanError> {
    build_plan_with(atlas, confirmed, options, |tp| {
        check_treatment(atlas, screening, tp)
    })
}

/// [`build_plan`] with the safety check passed in (for tests, and for callers that already
/// hold the verdicts).
pub fn build_plan_with<S: AsRef<str>>(
    atlas: &Atlas,
    confirmed: &[(S, Side)],
    options: &PlanOptions,
    check: impl Fn(&TriggerPoint) -> TreatmentCheck,
) -> Result<NewPlan, PlanError> {
    let minutes = options.daily_cap_seconds / 60;
    if !CAP_MINUTES_RANGE.contains(&minutes) || minutes * 60 != options.daily_cap_seconds {
        return Err(PlanError::Cap { minutes });
    }
    let points = resolve(atlas, confirmed)?;
    let mut book = NoteBook::default();
    let treatable = screen_points(&points, &check, &mut book);
    if treatable.is_empty() {
        return Err(PlanError::NothingToTreat {
            notes: book.render(&[]),
        });
    }
    let (ordered, over_limit) = within_sitting_limit(in_order(treatable));
    book.over_sitting_limit(&over_limit, MAX_POINTS_PER_SITTING);
    let base_times = ordered
        .iter()
        .map(|(_, muscle, _)| muscle.self_care.sessions_per_day)
        .min()
        .unwrap_or(1)
        .clamp(1, options.max_times_per_day.max(1));
    let fitted = fit::fit(
        ordered,
        base_times,
        options.min_times_per_day,
        options.daily_cap_seconds,
        |(_, _, item)| item,
    );
    book.cap_notes(&fitted, base_times, options.daily_cap_seconds);
    let kept_labels: Vec<String> = fitted.kept.iter().map(|(l, _, _)| l.clone()).collect();
    let points: Vec<PlanItem> = fitted.kept.into_iter().map(|(_, _, item)| item).collect();
    let (items, sittings_per_day) = fit::lay_out_day(&points, fitted.times_per_day);
    let mut notes = book.render(&kept_labels);
    notes.extend(notes::routine_notes(&items, fitted.times_per_day));
    Ok(NewPlan {
        created_at: options.now,
        items,
        sittings_per_day,
        daily_pressure_cap_seconds: options.daily_cap_seconds,
        reassess_on: (options.now + Duration::days(i64::from(options.reassess_after_days)))
            .date_naive(),
        notes,
    })
}

/// Seconds of pressure a plan applies in a day (all its sittings).
pub fn daily_pressure_seconds(plan: &NewPlan) -> u32 {
    fit::daily_seconds(&plan.items, 1)
}

/// The items of one sitting, in treatment order.
pub fn sitting_items(plan: &NewPlan, sitting: u32) -> impl Iterator<Item = &PlanItem> {
    plan.items
        .iter()
        .filter(move |item| item.sitting == sitting)
}

/// The distinct sitting numbers of a plan, in order.
pub fn sittings(plan: &NewPlan) -> Vec<u32> {
    let mut numbers: Vec<u32> = plan.items.iter().map(|item| item.sitting).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// A point with its muscle and its index in the atlas (the last tie-break of the order).
type Located<'a> = (&'a TriggerPoint, &'a Muscle, usize);

/// Looks up every confirmed point, without repeats, in the order given.
fn resolve<'a, S: AsRef<str>>(
    atlas: &'a Atlas,
    confirmed: &[(S, Side)],
) -> Result<Vec<Located<'a>>, PlanError> {
    if confirmed.is_empty() {
        return Err(PlanError::Empty);
    }
    let mut points: Vec<Located<'a>> = Vec::new();
    for (id, side) in confirmed {
        let tp = find_trigger_point(atlas, id.as_ref(), Some(side.word()))?;
        if points.iter().any(|(p, _, _)| std::ptr::eq(*p, tp)) {
            continue;
        }
        let index = atlas
            .trigger_points()
            .iter()
            .position(|p| std::ptr::eq(p, tp))
            .unwrap_or(usize::MAX);
        let Some(muscle) = atlas.muscle(&tp.muscle_id) else {
            continue;
        };
        points.push((tp, muscle, index));
    }
    Ok(points)
}

/// Leaves out what should not be treated at home, doses the rest, and notes why.
fn screen_points<'a>(
    points: &[Located<'a>],
    check: &impl Fn(&TriggerPoint) -> TreatmentCheck,
    book: &mut NoteBook,
) -> Vec<(Located<'a>, PlanItem)> {
    let mut treatable = Vec::new();
    for &(tp, muscle, index) in points {
        let label = notes::label(muscle, tp);
        if !muscle.self_care.self_treat {
            book.left_out_not_self_treatable(&label, &muscle.cautions.notes);
            continue;
        }
        if !tp.self_treat {
            book.left_out_therapist_only(&label);
            continue;
        }
        let verdict = check(tp);
        if verdict.permission == Permission::Blocked {
            book.left_out_blocked(&label, &verdict.messages);
            continue;
        }
        book.add_all(&label, &verdict.messages);
        if !verdict.firm_pressure {
            book.add(&label, notes::LIGHT_ONLY);
        }
        let item = dose::dose(muscle, tp, &verdict);
        if let Some(firm) = muscle.self_care.tools.first().filter(|t| **t != item.tool) {
            book.add(&label, &notes::tool_swapped(firm, &item.tool));
        }
        treatable.push(((tp, muscle, index), item));
    }
    treatable
}

/// Keeps points in order while each sitting (one side plus the midline) stays within
/// [`MAX_POINTS_PER_SITTING`]; returns the kept points and the labels of the rest.
fn within_sitting_limit(
    ordered: Vec<(String, &Muscle, PlanItem)>,
) -> (Vec<(String, &Muscle, PlanItem)>, Vec<String>) {
    let (mut left, mut right, mut midline) = (0, 0, 0);
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for point in ordered {
        let fits = match point.2.side {
            Side::Left => left + midline < MAX_POINTS_PER_SITTING,
            Side::Right => right + midline < MAX_POINTS_PER_SITTING,
            Side::Midline => left.max(right) + midline < MAX_POINTS_PER_SITTING,
        };
        if !fits {
            dropped.push(point.0);
            continue;
        }
        match point.2.side {
            Side::Left => left += 1,
            Side::Right => right += 1,
            Side::Midline => midline += 1,
        }
        kept.push(point);
    }
    (kept, dropped)
}

/// Puts the points in treatment order, each as (label, muscle id, item).
fn in_order(treatable: Vec<(Located<'_>, PlanItem)>) -> Vec<(String, &Muscle, PlanItem)> {
    let located: Vec<Located<'_>> = treatable.iter().map(|(l, _)| *l).collect();
    let order = order::treatment_order(&located);
    let mut slots: Vec<Option<(Located<'_>, PlanItem)>> = treatable.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .map(|((tp, muscle, _), item)| (notes::label(muscle, tp), muscle, item))
        .collect()
}
