//! `knot screen`: the safety screening. Asks the questions line by line (or takes them from
//! `--answer`/`--answers`), judges them with the rule table of `knot-care`, prints the verdict
//! with what to do and the sources, and stores the answers. `--show` prints the latest one;
//! `--questions` lists the questions. Bad answers exit 2 and store nothing.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Args;
use knot_app::JudgedScreening;
use knot_body::Lexicon;
use knot_care::screen::{RuleTable, ScreeningOutcome};
use knot_record::NewScreening;
use serde::Serialize;

use crate::cmd::db::{app_failure, block_on, Db, Opened};
use crate::cmd::screen_ask::Conversation;
use crate::cmd::screen_input::{self, RawInput};
use crate::cmd::screen_print::{outcome_text, questions_text};
use crate::failure::{bad_input, Failure};
use crate::hints;

/// Arguments of `knot screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Answer a question without being asked, as ID=VALUE (repeatable): --answer fever=no.
    #[arg(long = "answer", value_name = "ID=VALUE")]
    pub answer: Vec<String>,
    /// Read answers from a TOML or JSON file of question-id = answer (plus optional
    /// `pain-regions` and `local`).
    #[arg(long = "answers", value_name = "FILE")]
    pub answers_file: Option<PathBuf>,
    /// Where you have had pain in the past week: "right shoulder, neck, low back" or region ids.
    #[arg(long, value_name = "WHERE")]
    pub pain_regions: Option<String>,
    /// A place to keep out of treatment, such as "left calf" (repeatable).
    #[arg(long, value_name = "WHERE")]
    pub local: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print the latest stored screening instead of taking a new one.
    #[arg(long, conflicts_with_all = ["answer", "answers_file", "pain_regions", "local", "questions"])]
    pub show: bool,
    /// List the questions, their ids and the answers they take (with --json: as JSON).
    #[arg(long, conflicts_with_all = ["answer", "answers_file", "pain_regions", "local"])]
    pub questions: bool,
}

/// A screening with its outcome, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Report<'a> {
    /// The stored id, when it was stored.
    id: Option<i64>,
    taken_at: DateTime<Utc>,
    rules_version: &'a str,
    answers: serde_json::Map<String, serde_json::Value>,
    pain_regions: &'a [String],
    local_regions: &'a [String],
    outcome: &'a ScreeningOutcome,
}

impl<'a> Report<'a> {
    fn new(id: Option<i64>, screening: &'a NewScreening, outcome: &'a ScreeningOutcome) -> Self {
        Report {
            id,
            taken_at: screening.taken_at,
            rules_version: &screening.rules_version,
            answers: screening
                .answers
                .iter()
                .map(|(q, a)| (q.clone(), serde_json::Value::String(a.clone())))
                .collect(),
            pain_regions: &screening.pain_regions,
            local_regions: &screening.local_regions,
            outcome,
        }
    }
}

/// Runs `knot screen`.
pub fn run(args: ScreenArgs, db: &Db) -> Result<(), Failure> {
    let table = RuleTable::builtin();
    if args.questions && args.json {
        let text = serde_json::to_string_pretty(table.questions())
            .map_err(|e| Failure::Other(anyhow::anyhow!("could not write JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    if args.questions {
        print!("{}", questions_text(table));
        return Ok(());
    }
    block_on(async {
        let opened = db.open().await?;
        if args.show {
            show(&opened, args.json).await
        } else {
            take(&args, &opened).await
        }
    })
}

/// Asks or reads the answers, judges them, stores them, prints the outcome.
async fn take(args: &ScreenArgs, opened: &Opened) -> Result<(), Failure> {
    let table = RuleTable::builtin();
    let lexicon = Lexicon::builtin();
    let input = gather(args, table, lexicon)?;
    let new = table
        .build_screening(
            &input.answers,
            &input.pain_terms,
            &input.local_terms,
            Utc::now(),
            lexicon,
        )
        .map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(hints::answer_error).collect();
            bad_input(format!("{}\nNothing was stored.", lines.join("\n")))
        })?;
    let outcome = table.evaluate(&new);
    // The outcome is shown even when storing fails: a red flag must reach the person.
    let stored = opened.app.save_screening(&opened.ctx, &new).await;
    let id = stored.as_ref().ok().map(|s| s.screening.id);
    print_outcome(args.json, id, &new, &outcome, footer(id))?;
    stored.map(|_| ()).map_err(app_failure)
}

/// The raw answers: from flags and a file, or asked on stdin when neither is given.
fn gather(args: &ScreenArgs, table: &RuleTable, lexicon: &Lexicon) -> Result<RawInput, Failure> {
    let flags = screen_input::parse_flags(&args.answer)?;
    let file = match &args.answers_file {
        Some(path) => screen_input::read_file(path)?,
        None => RawInput::default(),
    };
    let mut local_terms = file.local_terms.clone();
    local_terms.extend(args.local.iter().cloned());
    let pain_terms = match &args.pain_regions {
        Some(terms) => vec![terms.clone()],
        None => file.pain_terms.clone(),
    };
    if !flags.is_empty() || args.answers_file.is_some() {
        return Ok(RawInput {
            answers: screen_input::merge(file, flags),
            pain_terms,
            local_terms,
        });
    }
    let stdin = std::io::stdin();
    let at_terminal = stdin.is_terminal();
    let asked = Conversation::new(stdin.lock(), std::io::stderr(), at_terminal, table, lexicon)
        .run(args.pain_regions.as_deref())?;
    Ok(RawInput {
        answers: asked.answers,
        pain_terms: asked.pain_terms,
        local_terms,
    })
}

/// Prints the latest screening, judged by the current rules.
async fn show(opened: &Opened, json: bool) -> Result<(), Failure> {
    let latest = opened
        .app
        .latest_screening(&opened.ctx)
        .await
        .map_err(app_failure)?;
    let Some(JudgedScreening {
        screening: latest,
        outcome,
    }) = latest
    else {
        if json {
            println!("null");
        } else {
            println!("No screening yet. Take one with `knot screen`.");
        }
        return Ok(());
    };
    let table = RuleTable::builtin();
    let mut footer = format!("Screening {}.", latest.id);
    if latest.screening.rules_version != table.version() {
        footer.push_str(&format!(
            " It was answered under rules {} and is judged here by rules {}: take the screening again (`knot screen`).",
            latest.screening.rules_version,
            table.version()
        ));
    }
    print_outcome(json, Some(latest.id), &latest.screening, &outcome, footer)
}

fn footer(id: Option<i64>) -> String {
    match id {
        Some(id) => format!(
            "Saved as screening {id}. Treatment guidance (knot treat, knot plan) follows it."
        ),
        None => "Not saved: see the error below.".into(),
    }
}

fn print_outcome(
    json: bool,
    id: Option<i64>,
    screening: &NewScreening,
    outcome: &ScreeningOutcome,
    footer: String,
) -> Result<(), Failure> {
    if json {
        let report = Report::new(id, screening, outcome);
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Other(anyhow::anyhow!("could not write JSON: {e}")))?;
        println!("{text}");
    } else {
        print!("{}", outcome_text(outcome, screening.taken_at, &footer));
    }
    Ok(())
}
