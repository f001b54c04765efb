//! `knot treat MUSCLE [--side left|right] [--tp ID] [--target N] [--plain]` and
//! `knot treat --plan`: a guided self-treatment session.
//!
//! The flow: resolve the muscle, its trigger point and the side (one side per session); ask the
//! application layer to start the session (it refuses without a screening on record, and when
//! the screening rules the treatment out: say why, store nothing); run the
//! `knot-care` session state machine in a full-screen terminal UI, or line by line with
//! `--plain` (screen readers, scripts, and whenever stdout is not a terminal); store the session
//! and print a summary.

use std::io::IsTerminal;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

use knot_app::AppError;
use knot_atlas::Atlas;
use knot_care::session::{
    choose_trigger_point, has_anything_to_record, is_timed_technique, to_record, SessionError,
    SessionSpec, SessionState, Target, MAX_TARGET, MIN_COUNTED_HOLD_SECONDS, MIN_TARGET,
};
use knot_record::{NewSession, SessionOutcome};

use super::db::{app_failure, block_on, Db, Opened};
use super::terms::find_muscle;
use super::{treat_plain, treat_plan, treat_tui};
use crate::failure::{bad_input, Failure};

/// Arguments of `knot treat`.
#[derive(Debug, Args)]
pub struct TreatArgs {
    /// Muscle name, synonym or id: "upper trapezius", "masseter", "gluteus-minimus".
    #[arg(num_args = 0.., required_unless_present = "plan", conflicts_with = "plan")]
    muscle: Vec<String>,
    /// Which side to treat (one side per session); needed for muscles on both sides.
    #[arg(long, value_enum, conflicts_with = "plan")]
    side: Option<SideArg>,
    /// Which trigger point of the muscle (default: its first); `knot show MUSCLE` lists them.
    #[arg(long, value_name = "ID", conflicts_with = "plan")]
    tp: Option<String>,
    /// The discomfort to aim for while pressing, 3–7 out of 10.
    #[arg(long, value_name = "N", default_value_t = knot_care::session::DEFAULT_TARGET)]
    target: u8,
    /// Line by line instead of full screen: prints each step and reads answers from stdin.
    #[arg(long)]
    plain: bool,
    /// Run the next sitting of the active home plan (`knot plan`).
    #[arg(long)]
    plan: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SideArg {
    Left,
    Right,
}

/// How a session is shown and answered.
#[derive(Debug)]
pub enum Frontend {
    Tui,
    Plain(treat_plain::PlainIo),
}

impl Frontend {
    /// Full screen when stdin and stdout are terminals and `--plain` was not given.
    fn choose(plain: bool) -> Frontend {
        if !plain && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            Frontend::Tui
        } else {
            Frontend::Plain(treat_plain::PlainIo::stdio())
        }
    }

    /// Runs a session to its end.
    pub fn drive(&mut self, state: SessionState) -> Result<SessionState, Failure> {
        match self {
            Frontend::Tui => treat_tui::run(state),
            Frontend::Plain(io) => io.run(state).map_err(|e| {
                Failure::Other(anyhow::Error::new(e).context("could not read or write the session"))
            }),
        }
    }
}

/// Runs `knot treat`.
pub fn run(args: TreatArgs, db: &Db) -> Result<(), Failure> {
    let target = parse_target(args.target)?;
    if args.plan {
        let mut frontend = Frontend::choose(args.plain);
        return block_on(async {
            let opened = db.open().await?;
            treat_plan::run(&opened, target, &mut frontend).await
        });
    }
    let atlas = Atlas::builtin();
    let muscle = find_muscle(atlas, &args.muscle.join(" "))?;
    let side = args.side.map(|s| match s {
        SideArg::Left => knot_body::Side::Left,
        SideArg::Right => knot_body::Side::Right,
    });
    let tp = choose_trigger_point(atlas, muscle, side, args.tp.as_deref())
        .map_err(|e| session_failure(e, &muscle.id))?;
    let mut frontend = Frontend::choose(args.plain);
    block_on(async {
        let opened = db.open().await?;
        let spec = opened
            .app
            .start_session(&opened.ctx, tp, target)
            .await
            .map_err(|e| start_failure(e, &muscle.id))?;
        let finished = run_session(&mut frontend, spec)?;
        store_and_summarise(&opened, &finished).await
    })
}

/// A session that has run, with its wall-clock times.
#[derive(Debug)]
pub struct Finished {
    pub state: SessionState,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
}

/// Runs one session in the front end.
pub fn run_session(frontend: &mut Frontend, spec: SessionSpec) -> Result<Finished, Failure> {
    let started_at = Utc::now();
    let state = frontend.drive(SessionState::new(spec))?;
    let ended_at = Utc::now();
    // `held N` in the line-by-line mode tells Knot that N seconds of pressure passed (a person
    // pressing does not type meanwhile), so the session lasted at least as long as its holds.
    let pressed = chrono::Duration::seconds(i64::from(
        to_record(&state, started_at, ended_at).pressure_seconds(),
    ));
    Ok(Finished {
        state,
        started_at: started_at.min(ended_at - pressed),
        ended_at,
    })
}

/// Stores the session (unless nothing was done) and prints the summary. If storing fails, the
/// record is printed on stderr so nothing the person entered is lost.
pub async fn store_and_summarise(opened: &Opened, finished: &Finished) -> Result<(), Failure> {
    if !has_anything_to_record(&finished.state) {
        println!("Nothing was done, so nothing was stored.");
        return Ok(());
    }
    let record = to_record(&finished.state, finished.started_at, finished.ended_at);
    match opened.app.record_session(&opened.ctx, record.clone()).await {
        Ok(stored) => {
            print!("{}", summary(&record, Some(stored.id)));
            Ok(())
        }
        Err(error) => {
            let json = serde_json::to_string(&record).unwrap_or_default();
            eprintln!(
                "knot: the session could not be stored; here it is, so it is not lost:\n{json}"
            );
            Err(app_failure(error))
        }
    }
}

/// The summary printed after a session.
pub fn summary(record: &NewSession, id: Option<i64>) -> String {
    let outcome = match record.outcome {
        SessionOutcome::Completed => "completed",
        SessionOutcome::Stopped => "stopped",
        SessionOutcome::Quit => "ended early",
    };
    let stored = id.map_or(String::new(), |id| format!(" (stored as session {id})"));
    let muscle = Atlas::builtin()
        .muscle(&record.muscle_id)
        .map_or(record.muscle_id.as_str(), |m| m.name.as_str());
    let mut out = format!(
        "Session {outcome}: {muscle} ({}), {} side{stored}.\n",
        record.trigger_point_id,
        record.side.word()
    );
    out.push_str(&pain_line(record.pain_before, record.pain_after));
    out.push_str(&holds_lines(record));
    if let Some(reason) = &record.stop_reason {
        out.push_str(&format!("{reason}\n"));
    }
    out
}

/// Holds with their seconds, discomfort readings, softening, and the stretch.
fn holds_lines(record: &NewSession) -> String {
    let seconds: Vec<String> = record
        .holds
        .iter()
        .map(|h| {
            let how = match (h.is_short(), h.skipped) {
                (true, _) => " short, not counted",
                (false, true) => " skipped",
                (false, false) => "",
            };
            format!("{} s{how}", h.seconds)
        })
        .collect();
    let mut out = format!(
        "Holds: {} done of {} ({}); {} s of pressure in all.\n",
        record.holds_done(),
        record.holds.len(),
        seconds.join(", "),
        record.pressure_seconds()
    );
    if record.short_holds() > 0 && is_timed_technique(&record.technique) {
        out.push_str(&format!(
            "A hold counts as done after {MIN_COUNTED_HOLD_SECONDS} s (or its whole time when shorter); \
             {} released sooner {} kept as short, not as done.\n",
            record.short_holds(),
            if record.short_holds() == 1 { "is" } else { "are" }
        ));
    }
    let readings: Vec<String> = record
        .holds
        .iter()
        .filter(|h| !h.discomfort.is_empty())
        .map(|h| {
            let each: Vec<String> = h.discomfort.iter().map(u8::to_string).collect();
            each.join(" ")
        })
        .collect();
    if !readings.is_empty() {
        out.push_str(&format!(
            "Discomfort (target {}/10): {}.\n",
            record.target_discomfort,
            readings.join(" | ")
        ));
    }
    let softened = record
        .holds
        .iter()
        .filter(|h| h.softened == Some(true))
        .count();
    let stretch = if record.stretch_done {
        "done"
    } else {
        "not done"
    };
    out.push_str(&format!(
        "Softened or eased: {softened} of {} holds. Stretch: {stretch}.\n",
        record.holds.len()
    ));
    out
}

fn pain_line(before: Option<u8>, after: Option<u8>) -> String {
    let show = |p: Option<u8>| p.map_or("not given".to_string(), |p| p.to_string());
    match (before, after) {
        (Some(b), Some(a)) => format!("Pain: {b} → {a} (0–10).\n"),
        _ => format!("Pain: before {}, after {}.\n", show(before), show(after)),
    }
}

fn parse_target(value: u8) -> Result<Target, Failure> {
    Target::new(value).ok_or_else(|| {
        bad_input(format!(
            "--target {value} is out of range: aim for a discomfort from {MIN_TARGET} to \
             {MAX_TARGET} out of 10 (a strong but bearable ache; the default is 6)."
        ))
    })
}

/// A session the application would not start: a session error gets the flag that fixes it;
/// anything else (no screening on record, …) is mapped as every command maps it.
pub fn start_failure(error: AppError, muscle_id: &str) -> Failure {
    match error {
        AppError::Session(error) => session_failure(error, muscle_id),
        other => app_failure(other),
    }
}

/// A session that cannot start is the user's to change (exit 2), with the flag that fixes it.
pub fn session_failure(error: SessionError, muscle_id: &str) -> Failure {
    let hint = match &error {
        SessionError::SideNeeded { .. } => {
            format!(". Add --side left or --side right: `knot treat {muscle_id} --side right`.")
        }
        SessionError::NoSuchTriggerPoint { .. } => {
            format!(". Choose one with --tp ID; `knot show {muscle_id}` describes them.")
        }
        SessionError::NotForSelfTreatment { .. } => {
            ". A registered massage therapist or physiotherapist can treat it.".to_string()
        }
        SessionError::Blocked { .. } => {
            ".\nNothing was stored. `knot screen` updates your screening if things change."
                .to_string()
        }
        SessionError::EmptyPrescription { .. } => {
            ". Rebuild the plan with `knot plan`.".to_string()
        }
    };
    let message = error.to_string();
    bad_input(format!("{}{hint}", message.trim_end_matches('.')))
}
