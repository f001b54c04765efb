//! `knot treat --plan`: the next sitting of the active home plan, its items in order, one
//! session each, within the plan's cap on daily pressure time. Which sitting is next, and how
//! much of today's cap is used, comes from the application layer (`knot_app::App::today`).

use chrono::{DateTime, Local, NaiveTime, Utc};

use knot_app::{AppError, Today};
use knot_care::session::Target;
use knot_record::{PlanItem, SessionOutcome};

use super::db::{app_failure, Opened};
use super::treat::{run_session, session_failure, store_and_summarise, Frontend};
use crate::failure::{bad_input, Failure};

/// Runs the next sitting of the active plan.
pub async fn run(opened: &Opened, target: Target, frontend: &mut Frontend) -> Result<(), Failure> {
    let today = opened
        .app
        .today(&opened.ctx, start_of_today())
        .await
        .map_err(app_failure)?
        .ok_or_else(|| {
            bad_input("there is no home plan yet. Build one with `knot plan`, or treat one muscle with `knot treat MUSCLE --side left|right`.")
        })?;
    let Some((sitting, items)) = today.next.clone() else {
        println!(
            "Every sitting of today's plan is done. Rest until tomorrow; the plan is reassessed on {}.",
            today.plan.plan.reassess_on
        );
        return Ok(());
    };
    println!(
        "Sitting {sitting} of the plan: {} item(s), one side.",
        items.len()
    );
    let mut pressed_now: u32 = 0;
    for item in &items {
        if !today.fits(item, pressed_now) {
            return Err(bad_input(format!(
                "that would pass today's cap of {} min of pressure ({} s used). Rest until \
                 tomorrow: too much pressure in a day leaves muscles sore and can injure them.",
                today.plan.plan.daily_pressure_cap_seconds / 60,
                today.pressure_seconds_used.saturating_add(pressed_now)
            )));
        }
        let Some(outcome) = run_item(opened, &today, item, target, frontend).await? else {
            continue;
        };
        pressed_now = pressed_now.saturating_add(item.hold_seconds.saturating_mul(item.holds));
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
    today: &Today,
    item: &PlanItem,
    target: Target,
    frontend: &mut Frontend,
) -> Result<Option<SessionOutcome>, Failure> {
    let started = opened
        .app
        .start_plan_item(&opened.ctx, today.plan.id, item, target)
        .await;
    let spec = match started {
        Ok(spec) => spec,
        Err(AppError::Session(error)) => {
            eprintln!(
                "knot: skipping {}: {}",
                item.trigger_point_id,
                session_failure(error, &item.muscle_id)
            );
            return Ok(None);
        }
        Err(AppError::Invalid { problems, .. }) => {
            eprintln!(
                "knot: skipping {}: {}. Rebuild the plan with `knot plan`.",
                item.trigger_point_id,
                problems.join("; ")
            );
            return Ok(None);
        }
        Err(other) => return Err(app_failure(other)),
    };
    let finished = run_session(frontend, spec)?;
    store_and_summarise(opened, &finished).await?;
    Ok(Some(finished.state.outcome.unwrap_or(SessionOutcome::Quit)))
}

/// Local midnight today, in UTC.
fn start_of_today() -> DateTime<Utc> {
    Local::now()
        .with_time(NaiveTime::MIN)
        .single()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}
