//! `knot demo seed [--weeks 12] [--seed N] [--end YYYY-MM-DD] [--force]`: fills a database with
//! an example diary (see `demo_diary`) so that `knot progress` has something to show.
//! `knot demo seed --clinic` makes an example practice instead (see `demo_clinic`).
//!
//! It refuses a database that already holds diary entries or sessions unless `--force` is
//! given, and even then it only adds: nothing stored before is changed or removed.

use chrono::{DateTime, Local, NaiveDate, Offset, Utc};
use clap::{Args, Subcommand};
use knot_atlas::Atlas;
use knot_body::Lexicon;
use knot_care::screen::RuleTable;
use knot_store::{EntryFilter, NewScreening, Store, TenantCtx};

use super::db::{app_failure, block_on, store_failure, Db};
use super::demo_diary::{generate, DemoDiary};
use crate::failure::{bad_input, Failure};
use crate::hints;

/// Arguments of `knot demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(subcommand)]
    action: DemoAction,
}

#[derive(Debug, Subcommand)]
enum DemoAction {
    /// Fill the database with a made-up diary of a person with right-sided neck pain and
    /// headaches: screening, plan, sessions, pain, pressure threshold, range of motion, activities.
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
struct SeedArgs {
    /// How many weeks of diary to write.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(2..=104))]
    weeks: u32,
    /// Seed of the random numbers: the same seed, weeks and end give the same diary.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The diary's last day, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// Add the demo diary even if the database already has entries (nothing is removed).
    #[arg(long)]
    force: bool,
    /// Make an example clinic instead: staff accounts that can sign in and twenty clients with
    /// signed visits (refused if the database already has it).
    #[arg(long, conflicts_with_all = ["weeks", "seed", "end", "force"])]
    clinic: bool,
}

/// Runs `knot demo`.
pub fn run(args: DemoArgs, db: &Db) -> Result<(), Failure> {
    match args.action {
        DemoAction::Seed(seed) => run_seed(seed, db),
    }
}

fn run_seed(args: SeedArgs, db: &Db) -> Result<(), Failure> {
    if args.clinic {
        return super::demo_clinic::run(db);
    }
    let now = Local::now();
    let today = now.date_naive();
    let end = match &args.end {
        None => today,
        Some(text) => parse_end(text, today)?,
    };
    let diary = generate(args.weeks, args.seed, end, now.offset().fix());
    check(&diary)?;
    let screening = screening(&diary)?;
    let now = now.with_timezone(&Utc);
    block_on(async {
        let opened = db.open().await?;
        let (store, ctx) = (opened.app.store().as_ref(), &opened.ctx);
        if !args.force {
            refuse_if_not_empty(store, ctx, db).await?;
        }
        let counts = write(store, ctx, &diary, &screening, now)
            .await
            .map_err(store_failure)?;
        println!(
            "Wrote a {}-week demo diary ending {}: {} diary entries (one corrected, one \
             deleted), {} treatment sessions, a safety screening and a home plan.\n\
             Try: knot progress    or    knot progress --html report.html",
            args.weeks,
            end.format("%Y-%m-%d"),
            counts.0,
            counts.1
        );
        println!("{}", sign_in_line(&opened).await?);
        Ok(())
    })
}

/// The address the demo person signs in with when it had no sign-in of its own.
const DEMO_EMAIL: &str = "demo@example.org";
/// The demo sign-in's password: printed, so for trying Knot out only.
const DEMO_PASSWORD: &str = "knot-demo-diary-2026";

/// How to see the demo diary in the browser: the person's own sign-in, or a demo one given to
/// the CLI's person now (when the demo address is free), so the browser shows the same diary.
async fn sign_in_line(opened: &super::db::Opened) -> Result<String, Failure> {
    let app = &opened.app;
    if let Some(account) = app.account(&opened.actor).await.map_err(app_failure)? {
        return Ok(format!(
            "In a browser: knot serve, then sign in as {} to see the same diary.",
            account.email
        ));
    }
    let change = knot_app::account::LoginChange {
        email: Some(DEMO_EMAIL.into()),
        display_name: Some("Demo".into()),
        password: DEMO_PASSWORD.into(),
    };
    match app.set_login(&opened.actor, &change, None).await {
        Ok(()) => Ok(format!(
            "In a browser: knot serve, then sign in at http://127.0.0.1:7878/signin as \
             {DEMO_EMAIL} with the demo password {DEMO_PASSWORD} to see the same diary (for \
             trying Knot out only: knot account set-password changes it)."
        )),
        Err(knot_app::AppError::Conflict(_)) => Ok(format!(
            "To see this diary in a browser, give it a sign-in: knot account set-password \
             --email ADDRESS ({DEMO_EMAIL} is another account's)."
        )),
        Err(other) => Err(app_failure(other)),
    }
}

fn parse_end(text: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    let end = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        bad_input(format!(
            "--end {text:?} is not a date: write it as YYYY-MM-DD, e.g. --end 2026-11-20"
        ))
    })?;
    if end > today {
        return Err(bad_input(format!(
            "--end {end} is in the future: the diary can end today ({today}) at the latest"
        )));
    }
    Ok(end)
}

/// Every generated measure passes the same checks as one typed at `knot log`.
fn check(diary: &DemoDiary) -> Result<(), Failure> {
    let atlas = Atlas::builtin();
    let all = diary
        .entries
        .iter()
        .chain([&diary.mistyped, &diary.correction, &diary.duplicate]);
    for entry in all {
        knot_care::measures::validate(atlas, &entry.measure).map_err(|e| {
            Failure::Other(anyhow::anyhow!("the demo diary made an invalid entry: {e}"))
        })?;
    }
    Ok(())
}

/// The diary's screening.
fn screening(diary: &DemoDiary) -> Result<NewScreening, Failure> {
    plain_screening(&diary.pain_terms, diary.screening_at, 41)
}

/// A screening with "no" to every yes/no question, the age given, pain in `pain_terms` and no
/// places to keep off.
pub(super) fn plain_screening(
    pain_terms: &[String],
    taken_at: DateTime<Utc>,
    age: u32,
) -> Result<NewScreening, Failure> {
    let table = RuleTable::builtin();
    let lexicon = Lexicon::builtin();
    let pain_regions: Vec<String> = pain_terms
        .iter()
        .flat_map(|t| lexicon.resolve(t).regions)
        .collect();
    let answers: Vec<(String, String)> = table
        .questions_to_ask(&pain_regions)
        .into_iter()
        .filter_map(|q| match q.kind {
            knot_care::screen::QuestionKind::YesNo => Some((q.id.clone(), "no".to_string())),
            knot_care::screen::QuestionKind::Number => {
                let value = if q.id == "age" {
                    i64::from(age)
                } else {
                    q.min.unwrap_or(0)
                };
                Some((q.id.clone(), value.to_string()))
            }
            knot_care::screen::QuestionKind::Regions => None,
        })
        .collect();
    table
        .build_screening(&answers, pain_terms, &[], taken_at, lexicon)
        .map_err(|errors| {
            let text: Vec<String> = errors.iter().map(hints::answer_error).collect();
            Failure::Other(anyhow::anyhow!(
                "the demo screening does not fit the screening table: {}",
                text.join("; ")
            ))
        })
}

async fn refuse_if_not_empty(store: &dyn Store, ctx: &TenantCtx, db: &Db) -> Result<(), Failure> {
    let filter = EntryFilter {
        include_history: true,
        ..EntryFilter::default()
    };
    let entries = store.entries(ctx, &filter).await.map_err(store_failure)?;
    let sessions = store.sessions(ctx, None).await.map_err(store_failure)?;
    if entries.is_empty() && sessions.is_empty() {
        return Ok(());
    }
    Err(bad_input(format!(
        "the database {} already has {} diary entries and {} sessions; the demo fills an empty \
         one. Use --db sqlite:/tmp/knot-demo.db for a separate file, or --force to add the demo \
         diary to what is there (nothing is removed).",
        db.url()
            .map(|url| knot_store::redacted_url(&url))
            .unwrap_or_else(|_| "in use".into()),
        entries.len(),
        sessions.len()
    )))
}

/// Stores the diary; gives (entries written, sessions written). Records later than `now`
/// (the rest of today) are left out.
async fn write(
    store: &dyn Store,
    ctx: &TenantCtx,
    diary: &DemoDiary,
    screening: &NewScreening,
    now: DateTime<Utc>,
) -> knot_store::StoreResult<(usize, usize)> {
    store.add_screening(ctx, screening).await?;
    let plan = store.save_plan(ctx, &diary.plan).await?;
    let mut sessions = 0;
    for session in diary.sessions.iter().filter(|s| s.ended_at <= now) {
        let mut session = session.clone();
        session.plan_id = Some(plan.id);
        store.add_session(ctx, &session).await?;
        sessions += 1;
    }
    let mut entries = 0;
    for entry in diary.entries.iter().filter(|e| e.recorded_at <= now) {
        store.add_entry(ctx, entry).await?;
        entries += 1;
    }
    let mistyped = store.add_entry(ctx, &diary.mistyped).await?;
    store
        .correct_entry(ctx, mistyped.id, &diary.correction)
        .await?;
    let duplicate = store.add_entry(ctx, &diary.duplicate).await?;
    store.delete_entry(ctx, duplicate.id).await?;
    Ok((entries + 3, sessions))
}
