//! The measure syntax shared by `knot log` and `knot history correct`: the kinds of entry as
//! subcommands, the `--at` and `--note` flags, and their reading into store entries through
//! `knot_care::measures` (so a bad value is refused before the store is opened).

use chrono::{DateTime, Local, Utc};
use clap::{Args, Subcommand};

use knot_atlas::Atlas;
use knot_care::measures::{self, MeasureError};
use knot_record::{Measure, NewEntry};

use crate::failure::{bad_input, Failure};
use crate::hints;

/// What is measured.
#[derive(Debug, Clone, Subcommand)]
pub enum MeasureCommand {
    /// Pain from 0 (none) to 10 (worst imaginable), overall or in one region.
    Pain {
        /// The score: a whole number 0-10 ("6" or "6/10").
        #[arg(allow_negative_numbers = true)]
        score: String,
        /// Where: words ("right temple", "both temples") or a region id; overall if left out.
        #[arg(long, value_name = "WHERE")]
        region: Option<String>,
    },
    /// Pressure pain threshold at a trigger point, from an algometer (0.1-15 kg/cm²).
    Threshold {
        /// Trigger point id, optionally with its side: upper-trapezius-1 or upper-trapezius-1:right.
        trigger_point: String,
        /// The reading: kg/cm² ("3.2" or "3.2kg"), or with a unit: "310kPa", "31N/cm2".
        #[arg(allow_negative_numbers = true)]
        value: String,
        /// The side of a trigger point that has two: left or right.
        #[arg(long)]
        side: Option<String>,
    },
    /// Range of motion of a named movement, in degrees (mouth opening in mm).
    #[command(alias = "range-of-motion")]
    Rom {
        /// The movement: an id or words, e.g. cervical-rotation-left or "neck rotation left".
        #[arg(required_unless_present = "list")]
        movement: Option<String>,
        /// The value in the movement's unit: "70" or "70°" ("42mm" for mouth opening).
        #[arg(required_unless_present = "list", allow_negative_numbers = true)]
        value: Option<String>,
        /// List the movements instead.
        #[arg(long, conflicts_with_all = ["movement", "value"])]
        list: bool,
    },
    /// A Patient-Specific Functional Scale activity, 0 (unable) to 10 (as before).
    Function {
        /// The activity in your words: "reaching the top shelf".
        activity: String,
        /// How well you can do it now, 0-10.
        #[arg(allow_negative_numbers = true)]
        score: String,
    },
    /// A free note (up to 2000 characters).
    Note {
        /// The text; several words are joined with spaces.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// List the movements whose range of motion can be logged.
    Movements,
}

/// The flags every entry takes.
#[derive(Debug, Clone, Args)]
pub struct EntryFlags {
    /// When it applies: YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time (default: now).
    #[arg(long, global = true, value_name = "WHEN")]
    pub at: Option<String>,
    /// A remark kept with the entry.
    #[arg(long, global = true, value_name = "TEXT")]
    pub note: Option<String>,
}

/// A measure command read into what to store, or a request to list the movements.
#[derive(Debug)]
pub enum Reading {
    Entries(Vec<NewEntry>),
    ListMovements,
}

/// Reads the command and flags into entries (one, or one per side for "both temples").
pub fn read(command: &MeasureCommand, flags: &EntryFlags) -> Result<Reading, Failure> {
    let measures = match measures_of(command).map_err(measure_failure)? {
        Some(measures) => measures,
        None => return Ok(Reading::ListMovements),
    };
    let recorded_at = when(flags.at.as_deref())?;
    let note = remark(flags.note.as_deref())?;
    Ok(Reading::Entries(
        measures
            .into_iter()
            .map(|measure| NewEntry {
                recorded_at,
                measure,
                note: note.clone(),
            })
            .collect(),
    ))
}

/// The time `--at` names (now when absent).
pub fn when(at: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    measures::recorded_at(at, &Local::now()).map_err(measure_failure)
}

/// The `--note` remark, checked.
pub fn remark(note: Option<&str>) -> Result<Option<String>, Failure> {
    note.map(measures::remark)
        .transpose()
        .map_err(measure_failure)
}

/// The measures of a command; None for a listing.
fn measures_of(command: &MeasureCommand) -> Result<Option<Vec<Measure>>, MeasureError> {
    let one = |measure: Measure| Some(vec![measure]);
    Ok(match command {
        MeasureCommand::Pain { score, region } => Some(measures::pain(score, region.as_deref())?),
        MeasureCommand::Threshold {
            trigger_point,
            value,
            side,
        } => one(measures::threshold(
            Atlas::builtin(),
            trigger_point,
            side.as_deref(),
            value,
        )?),
        MeasureCommand::Rom {
            movement: Some(movement),
            value: Some(value),
            list: false,
        } => one(measures::range_of_motion(movement, value)?),
        MeasureCommand::Rom { .. } | MeasureCommand::Movements => None,
        MeasureCommand::Function { activity, score } => one(measures::function(activity, score)?),
        MeasureCommand::Note { text } => one(measures::note(&text.join(" "))?),
    })
}

/// Bad measure input is the user's to fix: exit 2 with the message as written.
pub fn measure_failure(error: MeasureError) -> Failure {
    bad_input(hints::measure_error(&error))
}

/// The movements as a table.
pub fn movements_table() -> String {
    let all = measures::movements();
    let id_width = all.iter().map(|m| m.id.len()).max().unwrap_or(2).max(2);
    let mut out = format!(
        "{:<id_width$}  {:<8}  {:>7}  NAME\n",
        "ID", "UNIT", "TYPICAL"
    );
    for movement in all {
        out.push_str(&format!(
            "{:<id_width$}  {:<8}  {:>7}  {}\n",
            movement.id,
            movement.unit.word(),
            movement.normal,
            movement.name
        ));
    }
    out.push_str(
        "\nTypical values are a guide for healthy adults (AAOS norms, see data/movements.toml); \
         they vary with age and method.\nLog one with: knot log rom cervical-rotation-left 70\n",
    );
    out
}

/// A local date and time for display: 2024-03-05 08:30.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
