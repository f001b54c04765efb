//! `knot plan`: builds a home routine from the trigger points you confirmed (by id and side, or
//! all of a muscle's on one side), checked against your latest screening, prints it and saves it
//! as the active plan for `knot treat --plan`. `--show` prints the active plan.

use chrono::Utc;
use clap::Args;
use serde::Serialize;

use knot_atlas::Atlas;
use knot_care::measures::{find_trigger_point, parse_side, store_side};
use knot_care::plan::{
    build_plan, daily_pressure_seconds, PlanError, PlanOptions, DEFAULT_CAP_MINUTES,
};
use knot_care::safety::screening_hint;
use knot_store::{Plan, Side};

use crate::cmd::db::{block_on, store_failure, Db};
use crate::cmd::log_measure::measure_failure;
use crate::cmd::plan_print;
use crate::cmd::terms::find_muscle;
use crate::failure::{bad_input, Failure};
use crate::hints;

/// Arguments of `knot plan`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  knot plan --tp upper-trapezius-1:right --tp levator-scapulae-upper:right
  knot plan --muscle \"upper trapezius\" --muscle \"levator scapulae\" --side right --cap-minutes 15
  knot plan --show

Points are ordered likely key points first (a point lying in another's referral zone comes \
after it), then neck and trunk before the limbs; one side per sitting; the total pressure time a \
day stays within the cap.")]
pub struct PlanArgs {
    /// A confirmed trigger point as ID:SIDE, e.g. upper-trapezius-1:right (repeatable).
    #[arg(long = "tp", value_name = "ID:SIDE")]
    pub trigger_points: Vec<String>,
    /// A muscle whose trigger points on --side to include, e.g. "upper trapezius" (repeatable).
    #[arg(long = "muscle", value_name = "NAME")]
    pub muscles: Vec<String>,
    /// The side for --muscle: left or right.
    #[arg(long, requires = "muscles")]
    pub side: Option<String>,
    /// The most pressure time a day, in minutes (5-60).
    #[arg(long, value_name = "MINUTES", default_value_t = DEFAULT_CAP_MINUTES)]
    pub cap_minutes: u32,
    /// Print the plan without saving it.
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print the active plan instead of building one.
    #[arg(long, conflicts_with_all = ["trigger_points", "muscles", "side", "dry_run"])]
    pub show: bool,
}

/// A plan as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonPlan<'a> {
    /// The stored plan's id; absent for a dry run.
    id: Option<i64>,
    #[serde(flatten)]
    plan: &'a knot_store::NewPlan,
    daily_pressure_seconds: u32,
}

/// Runs `knot plan`.
pub fn run(args: PlanArgs, db: &Db) -> Result<(), Failure> {
    if args.show {
        return show(&args, db);
    }
    let atlas = Atlas::builtin();
    let confirmed = confirmed_points(atlas, &args)?;
    let options = PlanOptions::new(Utc::now())
        .with_cap_minutes(args.cap_minutes)
        .map_err(plan_failure)?;
    block_on(async {
        let opened = db.open().await?;
        let screening = opened.latest_screening().await?;
        let plan =
            build_plan(atlas, &confirmed, screening.as_ref(), &options).map_err(plan_failure)?;
        let id = if args.dry_run {
            None
        } else {
            let saved = opened
                .store
                .save_plan(&opened.ctx, &plan)
                .await
                .map_err(store_failure)?;
            Some(saved.id)
        };
        print_plan(id, &plan, args.json, !args.dry_run)?;
        // The plan's notes say to screen first; the command to do it is the terminal's to add.
        if let Some(hint) = screening_hint(screening.as_ref()).filter(|_| !args.json) {
            println!("{}", hints::line(&hint));
        }
        Ok(())
    })
}

fn show(args: &PlanArgs, db: &Db) -> Result<(), Failure> {
    let active: Option<Plan> = block_on(async {
        let opened = db.open().await?;
        opened
            .store
            .active_plan(&opened.ctx)
            .await
            .map_err(store_failure)
    })?;
    match active {
        Some(plan) => print_plan(Some(plan.id), &plan.plan, args.json, true),
        None if args.json => {
            println!("null");
            Ok(())
        }
        None => {
            println!(
                "No home plan yet. Build one from the trigger points you confirmed, e.g.\n  \
                 knot plan --tp upper-trapezius-1:right"
            );
            Ok(())
        }
    }
}

fn print_plan(
    id: Option<i64>,
    plan: &knot_store::NewPlan,
    json: bool,
    saved: bool,
) -> Result<(), Failure> {
    if json {
        let out = JsonPlan {
            id,
            plan,
            daily_pressure_seconds: daily_pressure_seconds(plan),
        };
        let text = serde_json::to_string_pretty(&out).map_err(anyhow::Error::from)?;
        println!("{text}");
    } else {
        print!("{}", plan_print::render(Atlas::builtin(), id, plan, saved));
    }
    Ok(())
}

/// The confirmed points from `--tp` and `--muscle`/`--side`, in the order given.
fn confirmed_points(atlas: &Atlas, args: &PlanArgs) -> Result<Vec<(String, Side)>, Failure> {
    if args.trigger_points.is_empty() && args.muscles.is_empty() {
        return Err(bad_input(
            "name the trigger points you confirmed: --tp upper-trapezius-1:right (repeatable), \
             or --muscle \"upper trapezius\" --side right",
        ));
    }
    let mut confirmed = Vec::new();
    for typed in &args.trigger_points {
        let tp = find_trigger_point(atlas, typed, None).map_err(measure_failure)?;
        confirmed.push((tp.id.clone(), store_side(tp.side)));
    }
    for name in &args.muscles {
        confirmed.extend(muscle_points(atlas, name, args.side.as_deref())?);
    }
    Ok(confirmed)
}

/// Every trigger point of a muscle on one side (or on the midline).
fn muscle_points(
    atlas: &Atlas,
    name: &str,
    side: Option<&str>,
) -> Result<Vec<(String, Side)>, Failure> {
    let muscle = find_muscle(atlas, name)?;
    let wanted = match side {
        Some(word) => Some(
            parse_side(word)
                .ok_or_else(|| bad_input(format!("--side must be left or right; got {word:?}")))?,
        ),
        None => None,
    };
    let points: Vec<(String, Side)> = atlas
        .trigger_points_of(&muscle.id)
        .map(|tp| (tp.id.clone(), store_side(tp.side)))
        .filter(|(_, s)| *s == Side::Midline || Some(*s) == wanted)
        .collect();
    let lateral = atlas
        .trigger_points_of(&muscle.id)
        .any(|tp| store_side(tp.side) != Side::Midline);
    if lateral && wanted.is_none() {
        return Err(bad_input(format!(
            "{} has trigger points on both sides: add --side left or --side right",
            muscle.name
        )));
    }
    Ok(points)
}

/// A plan error is the user's to fix (exit 2), including "nothing left to treat".
fn plan_failure(error: PlanError) -> Failure {
    match &error {
        PlanError::Point(measure) => bad_input(hints::measure_error(measure)),
        _ => bad_input(error.to_string()),
    }
}
