//! Home plans: build one from the trigger points a person confirmed (saved only with a screening
//! on record, the safety policy), show the active one, and say which sitting is next today and
//! how much of the day's pressure time is left.

use chrono::{DateTime, Utc};
use knot_care::hint::Hint;
use knot_care::measures::find_trigger_point;
use knot_care::plan::{build_plan, daily_pressure_seconds, next_sitting, PlanError, PlanOptions};
use knot_care::safety::screening_hint;
use knot_record::{NewPlan, Plan, PlanItem, RecordId, Side, TenantCtx};
use serde::Serialize;

use crate::diary::measure_refusal;
use crate::error::{AppError, AppResult, Guarded};
use crate::App;

/// What to build a plan from.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRequest {
    /// Confirmed trigger points as typed: `upper-trapezius-1:right`, or an id on the midline.
    pub trigger_points: Vec<String>,
    /// Muscles (names or ids) whose trigger points on `side` (and on the midline) to include.
    pub muscles: Vec<String>,
    /// The side for `muscles`.
    pub side: Option<Side>,
    /// The most pressure time a day, in minutes.
    pub cap_minutes: u32,
    /// Build and show it without saving it.
    pub dry_run: bool,
}

/// A plan as built: its id once saved (none for a dry run).
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltPlan {
    pub id: Option<RecordId>,
    pub plan: NewPlan,
    /// Whether the screening needs taking (again) for the plan's checks to be complete: missing
    /// (a dry run), out of date, or with questions unanswered.
    pub screening_hint: Option<Hint>,
}

/// A plan as both front ends show it in JSON (`knot plan --json`, `/api/v1/plan`): its id (none
/// for a dry run), the plan's own fields, and the pressure time a day they add up to. One type,
/// so the two cannot drift apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanView {
    pub id: Option<RecordId>,
    #[serde(flatten)]
    pub plan: NewPlan,
    pub daily_pressure_seconds: u32,
}

impl PlanView {
    /// The view of `plan`, stored as `id` (none for a dry run).
    pub fn new(id: Option<RecordId>, plan: NewPlan) -> PlanView {
        PlanView {
            id,
            daily_pressure_seconds: daily_pressure_seconds(&plan),
            plan,
        }
    }
}

impl From<BuiltPlan> for PlanView {
    fn from(built: BuiltPlan) -> PlanView {
        PlanView::new(built.id, built.plan)
    }
}

impl From<&Plan> for PlanView {
    fn from(stored: &Plan) -> PlanView {
        PlanView::new(Some(stored.id), stored.plan.clone())
    }
}

/// Where the person is in today's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub plan: Plan,
    /// The next sitting and its items left; `None` when every sitting is done today.
    pub next: Option<(u32, Vec<PlanItem>)>,
    /// Seconds of pressure in today's sessions so far (any session, planned or not).
    pub pressure_seconds_used: u32,
}

impl Today {
    /// Whether `item` fits in what is left of today's cap after `extra` more seconds.
    pub fn fits(&self, item: &PlanItem, extra: u32) -> bool {
        let planned = item.hold_seconds.saturating_mul(item.holds);
        self.pressure_seconds_used
            .saturating_add(extra)
            .saturating_add(planned)
            <= self.plan.plan.daily_pressure_cap_seconds
    }
}

impl App {
    /// Builds a home plan and (unless a dry run) saves it as the active one. Saving needs a
    /// screening on record; a dry run without one shows the plan with a note to screen first.
    pub async fn build_plan(&self, ctx: &TenantCtx, request: &PlanRequest) -> AppResult<BuiltPlan> {
        let confirmed = self.confirmed_points(request)?;
        let options = PlanOptions::new(Utc::now())
            .with_cap_minutes(request.cap_minutes)
            .map_err(plan_refusal)?;
        let screening = if request.dry_run {
            self.store.latest_screening(ctx).await?
        } else {
            Some(self.required_screening(ctx, Guarded::Plan).await?)
        };
        let plan = build_plan(self.atlas, &confirmed, screening.as_ref(), &options)
            .map_err(plan_refusal)?;
        let screening_hint = screening_hint(screening.as_ref());
        if request.dry_run {
            return Ok(BuiltPlan {
                id: None,
                plan,
                screening_hint,
            });
        }
        let saved = self.store.save_plan(ctx, &plan).await?;
        Ok(BuiltPlan {
            id: Some(saved.id),
            plan,
            screening_hint,
        })
    }

    /// The active plan, if there is one.
    pub async fn active_plan(&self, ctx: &TenantCtx) -> AppResult<Option<Plan>> {
        Ok(self.store.active_plan(ctx).await?)
    }

    /// The active plan with today's progress through it; `None` without a plan. `day_start` is
    /// the start of the person's today.
    pub async fn today(
        &self,
        ctx: &TenantCtx,
        day_start: DateTime<Utc>,
    ) -> AppResult<Option<Today>> {
        let Some(plan) = self.store.active_plan(ctx).await? else {
            return Ok(None);
        };
        let sessions = self.store.sessions(ctx, Some(day_start)).await?;
        let pressure_seconds_used = sessions.iter().fold(0u32, |sum, s| {
            sum.saturating_add(s.session.pressure_seconds())
        });
        let next = next_sitting(&plan, &sessions)
            .map(|(sitting, items)| (sitting, items.into_iter().cloned().collect()));
        Ok(Some(Today {
            plan,
            next,
            pressure_seconds_used,
        }))
    }

    /// The confirmed points, by id and side, in the order given.
    fn confirmed_points(&self, request: &PlanRequest) -> AppResult<Vec<(String, Side)>> {
        if request.trigger_points.is_empty() && request.muscles.is_empty() {
            return Err(plan_refusal(PlanError::Empty));
        }
        let mut confirmed = Vec::new();
        for typed in &request.trigger_points {
            let tp = find_trigger_point(self.atlas, typed, None).map_err(measure_refusal)?;
            confirmed.push((tp.id.clone(), tp.side));
        }
        for name in &request.muscles {
            confirmed.extend(self.muscle_points(name, request.side)?);
        }
        Ok(confirmed)
    }

    /// Every trigger point of a muscle on one side, with those on the midline.
    fn muscle_points(&self, name: &str, side: Option<Side>) -> AppResult<Vec<(String, Side)>> {
        let muscle = self.find_muscle(name)?;
        let points: Vec<(String, Side)> = self
            .atlas
            .trigger_points_of(&muscle.id)
            .map(|tp| (tp.id.clone(), tp.side))
            .collect();
        let lateral = points.iter().any(|(_, s)| *s != Side::Midline);
        if lateral && side.is_none() {
            return Err(AppError::invalid(format!(
                "{} has trigger points on both sides; say which side, left or right",
                muscle.name
            )));
        }
        Ok(points
            .into_iter()
            .filter(|(_, s)| *s == Side::Midline || Some(*s) == side)
            .collect())
    }
}

/// A plan that cannot be built as asked is the person's to change.
fn plan_refusal(error: PlanError) -> AppError {
    match error {
        PlanError::Point(measure) => measure_refusal(measure),
        other => AppError::invalid(other.to_string()),
    }
}
