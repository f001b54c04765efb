//! `knot treat --plan`: the next sitting of the active home plan, its items in order, one
//! session each, within the plan's cap on daily pressure time.
//!
//! Which sitting is next comes from today's sessions: each plan session today (not quit)
//! accounts for one item with the same trigger point and side, sitting by sitting; the first
//! sitting with an item left is next, and only its items left are run.

use chrono::{DateTime, Local, NaiveTime, Utc};

use knot_atlas::Atlas;
use knot_care::safety::check_treatment;
use knot_care::session::{Prescription, SessionSpec, SpecRequest, Target};
use knot_store::{Plan, PlanItem, SessionOutcome, SessionRecord};

use super::db::{store_failure, Opened};
use super::treat::{
    plan_trigger_point, run_session, session_failure, store_and_summarise, Frontend,
};
use crate::failure::{bad_input, Failure};

/// Runs the next sitting of the active plan.
pub async fn run(opened: &Opened, target: Target, frontend: &mut Frontend) -> Result<(), Failure> {
    let store = &opened.store;
    let plan = store
        .active_plan(&opened.ctx)
        .await
        .map_err(store_failure)?
        .ok_or_else(|| {
            bad_input("there is no home plan yet. Build one with `knot plan`, or treat one muscle with `knot treat MUSCLE --side left|right`.")
        })?;
    let today = store
        .sessions(&opened.ctx, Some(start_of_today()))
        .await
        .map_err(store_failure)?;
    let mut used: u32 = today.iter().map(|s| s.session.pressure_seconds()).sum();
    let Some((sitting, items)) = next_sitting(&plan, &today) else {
        println!(
            "Every sitting of today's plan is done. Rest until tomorrow; the plan is reassessed on {}.",
            plan.plan.reassess_on
        );
        return Ok(());
    };
    println!(
        "Sitting {sitting} of the plan: {} item(s), one side.",
        items.len()
    );
    for item in items {
        let planned = item.hold_seconds.saturating_mul(item.holds);
        if used.saturating_add(planned) > plan.plan.daily_pressure_cap_seconds {
            return Err(bad_input(format!(
                "that would pass today's cap of {} min of pressure ({} s used). Rest until \
                 tomorrow: too much pressure in a day leaves muscles sore and can injure them.",
                plan.plan.daily_pressure_cap_seconds / 60,
                used
            )));
        }
        let Some(outcome) = run_item(opened, &plan, item, target, frontend).await? else {
            continue;
        };
        used = used.saturating_add(planned);
        if outcome != SessionOutcome::Completed {
            println!("The sitting ends here; the rest of it waits for next time.");
            break;
        }
    }
    Ok(())
}

/// Runs one plan item; `None` when it was skipped (blocked now, or gone from the atlas).
async fn run_item(
    opened: &Opened,
    plan: &Plan,
    item: &PlanItem,
    target: Target,
    frontend: &mut Frontend,
) -> Result<Option<SessionOutcome>, Failure> {
    let atlas = Atlas::builtin();
    let Some(tp) = plan_trigger_point(atlas, &item.trigger_point_id, item.side) else {
        eprintln!(
            "knot: skipping {}: the atlas no longer has it. Rebuild the plan with `knot plan`.",
            item.trigger_point_id
        );
        return Ok(None);
    };
    let screening = opened.latest_screening().await?;
    let check = check_treatment(atlas, screening.as_ref(), tp);
    let spec = match SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check: &check,
        target,
        prescription: Some(Prescription::from_plan_item(item)),
        plan_id: Some(plan.id),
    }) {
        Ok(spec) => spec,
        Err(error) => {
            eprintln!(
                "knot: skipping {}: {}",
                tp.id,
                session_failure(error, &tp.muscle_id)
            );
            return Ok(None);
        }
    };
    let finished = run_session(frontend, spec)?;
    store_and_summarise(opened, &finished).await?;
    Ok(Some(finished.state.outcome.unwrap_or(SessionOutcome::Quit)))
}

/// The first sitting with items not yet done today, and those items in plan order.
fn next_sitting<'a>(plan: &'a Plan, today: &[SessionRecord]) -> Option<(u32, Vec<&'a PlanItem>)> {
    let mut done: Vec<&SessionRecord> = today
        .iter()
        .filter(|s| s.session.plan_id == Some(plan.id) && s.session.outcome != SessionOutcome::Quit)
        .collect();
    let mut sittings: Vec<u32> = plan.plan.items.iter().map(|i| i.sitting).collect();
    sittings.sort_unstable();
    sittings.dedup();
    for sitting in sittings {
        let mut left = Vec::new();
        for item in plan.plan.items.iter().filter(|i| i.sitting == sitting) {
            let matched = done.iter().position(|s| {
                s.session.trigger_point_id == item.trigger_point_id && s.session.side == item.side
            });
            match matched {
                Some(index) => {
                    done.remove(index);
                }
                None => left.push(item),
            }
        }
        if !left.is_empty() {
            return Some((sitting, left));
        }
    }
    None
}

/// Local midnight today, in UTC.
fn start_of_today() -> DateTime<Utc> {
    Local::now()
        .with_time(NaiveTime::MIN)
        .single()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_store::{NewPlan, NewSession, Side};

    fn item(tp: &str, side: Side, sitting: u32) -> PlanItem {
        PlanItem {
            muscle_id: "upper-trapezius".into(),
            trigger_point_id: tp.into(),
            side,
            technique: "sustained-compression".into(),
            tool: "thumb".into(),
            hold_seconds: 60,
            holds: 3,
            strokes: None,
            sitting,
        }
    }

    fn plan(items: Vec<PlanItem>) -> Plan {
        Plan {
            id: 4,
            person_id: 1,
            created_by: 1,
            active: true,
            plan: NewPlan {
                created_at: Utc::now(),
                items,
                sittings_per_day: 2,
                daily_pressure_cap_seconds: 1800,
                reassess_on: Utc::now().date_naive(),
                notes: Vec::new(),
            },
        }
    }

    fn done(tp: &str, side: Side, outcome: SessionOutcome) -> SessionRecord {
        SessionRecord {
            id: 1,
            person_id: 1,
            created_by: 1,
            created_at: Utc::now(),
            session: NewSession {
                started_at: Utc::now(),
                ended_at: Utc::now(),
                muscle_id: "upper-trapezius".into(),
                trigger_point_id: tp.into(),
                side,
                technique: "sustained-compression".into(),
                tool: "thumb".into(),
                target_discomfort: 6,
                pain_before: None,
                pain_after: None,
                holds: Vec::new(),
                stretch_done: false,
                outcome,
                stop_reason: None,
                plan_id: Some(4),
            },
        }
    }

    #[test]
    fn the_next_sitting_is_the_first_with_items_left_today() {
        let p = plan(vec![
            item("upper-trapezius-1", Side::Right, 1),
            item("upper-trapezius-2", Side::Right, 1),
            item("upper-trapezius-1", Side::Left, 2),
        ]);
        let (sitting, left) = next_sitting(&p, &[]).expect("sitting");
        assert_eq!((sitting, left.len()), (1, 2));
        let today = vec![
            done("upper-trapezius-1", Side::Right, SessionOutcome::Completed),
            done("upper-trapezius-2", Side::Right, SessionOutcome::Quit),
        ];
        let (sitting, left) = next_sitting(&p, &today).expect("sitting");
        assert_eq!(sitting, 1);
        assert_eq!(
            left[0].trigger_point_id, "upper-trapezius-2",
            "a quit item is still to do"
        );
        let mut today = today;
        today.push(done(
            "upper-trapezius-2",
            Side::Right,
            SessionOutcome::Stopped,
        ));
        let (sitting, left) = next_sitting(&p, &today).expect("sitting");
        assert_eq!((sitting, left[0].side), (2, Side::Left));
        today.push(done(
            "upper-trapezius-1",
            Side::Left,
            SessionOutcome::Completed,
        ));
        assert!(next_sitting(&p, &today).is_none());
    }
}
