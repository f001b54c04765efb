//! `knot plan`: builds a home routine from the trigger points you confirmed (by id and side, or
//! all of a muscle's on one side), checked against your latest screening, prints it and saves it
//! as the active plan for `knot treat --plan`. `--show` prints the active plan.

use clap::Args;

use knot_app::{AppError, PlanRequest, PlanView};
use knot_atlas::Atlas;
use knot_care::measures::parse_side;
use knot_care::plan::DEFAULT_CAP_MINUTES;
use knot_record::{NewPlan, Plan};

use crate::cmd::db::{app_failure, block_on, Db};
use crate::cmd::plan_print;
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

/// Runs `knot plan`.
pub fn run(args: PlanArgs, db: &Db) -> Result<(), Failure> {
    if args.show {
        return show(&args, db);
    }
    let request = plan_request(&args)?;
    block_on(async {
        let opened = db.open().await?;
        let built = opened
            .app
            .build_plan(&opened.ctx, &request)
            .await
            .map_err(|error| plan_failure(error, &request))?;
        print_plan(built.id, &built.plan, args.json, !args.dry_run)?;
        // The plan's notes say to screen first; the command to do it is the terminal's to add.
        if let Some(hint) = built.screening_hint.filter(|_| !args.json) {
            println!("{}", hints::line(&hint));
        }
        Ok(())
    })
}

/// The request the flags make.
fn plan_request(args: &PlanArgs) -> Result<PlanRequest, Failure> {
    if args.trigger_points.is_empty() && args.muscles.is_empty() {
        return Err(bad_input(
            "name the trigger points you confirmed: --tp upper-trapezius-1:right (repeatable), \
             or --muscle \"upper trapezius\" --side right",
        ));
    }
    let side = match args.side.as_deref() {
        Some(word) => Some(
            parse_side(word)
                .ok_or_else(|| bad_input(format!("--side must be left or right; got {word:?}")))?,
        ),
        None => None,
    };
    Ok(PlanRequest {
        trigger_points: args.trigger_points.clone(),
        muscles: args.muscles.clone(),
        side,
        cap_minutes: args.cap_minutes,
        dry_run: args.dry_run,
    })
}

fn show(args: &PlanArgs, db: &Db) -> Result<(), Failure> {
    let active: Option<Plan> = block_on(async {
        let opened = db.open().await?;
        opened
            .app
            .active_plan(&opened.ctx)
            .await
            .map_err(app_failure)
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

fn print_plan(id: Option<i64>, plan: &NewPlan, json: bool, saved: bool) -> Result<(), Failure> {
    if json {
        // The same view `/api/v1/plan` answers with.
        let out = PlanView::new(id, plan.clone());
        let text = serde_json::to_string_pretty(&out).map_err(anyhow::Error::from)?;
        println!("{text}");
    } else {
        print!("{}", plan_print::render(Atlas::builtin(), id, plan, saved));
    }
    Ok(())
}

/// A refused plan; a muscle named without `--side` gets the flag that says which.
fn plan_failure(error: AppError, request: &PlanRequest) -> Failure {
    let side_missing = request.side.is_none() && !request.muscles.is_empty();
    match app_failure(error) {
        Failure::BadInput(message) if side_missing => {
            bad_input(format!("{message}: add --side left or --side right"))
        }
        other => other,
    }
}
