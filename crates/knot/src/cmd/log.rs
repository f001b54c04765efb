//! `knot log KIND …`: records a diary entry — pain, pressure pain threshold, range of motion,
//! a functional activity or a note — and prints what was stored with its id.
//!
//! The value is checked (`knot_care::measures`) before the store is opened, so a value off its
//! scale exits 2 with the valid range and nothing is written.

use clap::Args;

use knot_care::measures::describe;
use knot_record::Entry;

use crate::cmd::db::{app_failure, block_on, Db};
use crate::cmd::log_measure::{self, local_time, EntryFlags, MeasureCommand, Reading};
use crate::failure::Failure;

/// Arguments of `knot log`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  knot log pain 6
  knot log pain 4 --region \"right temple\" --at 2024-03-05T08:30
  knot log threshold upper-trapezius-1 --side right 3.2     (or 3.2kg, 310kPa)
  knot log rom cervical-rotation-left 70                   (knot log movements lists them)
  knot log function \"reaching the top shelf\" 6
  knot log note \"slept badly\"")]
pub struct LogArgs {
    #[command(subcommand)]
    pub measure: MeasureCommand,
    #[command(flatten)]
    pub flags: EntryFlags,
}

/// Runs `knot log`.
pub fn run(args: LogArgs, db: &Db) -> Result<(), Failure> {
    let entries = match log_measure::read(&args.measure, &args.flags)? {
        Reading::ListMovements => {
            print!("{}", log_measure::movements_table());
            return Ok(());
        }
        Reading::Entries(entries) => entries,
    };
    block_on(async {
        let opened = db.open().await?;
        let stored = opened
            .app
            .log_entries(&opened.ctx, entries)
            .await
            .map_err(app_failure)?;
        for entry in &stored {
            println!("{}", stored_line(entry));
        }
        Ok(())
    })
}

/// "Stored entry 12: pain 6/10, right temple, 2024-03-05 08:30 (note: …)."
pub fn stored_line(entry: &Entry) -> String {
    let shown = describe(&entry.entry.measure);
    let mut parts = vec![format!("{} {}", shown.kind, shown.value)];
    if !shown.subject.is_empty() {
        parts.push(shown.subject);
    }
    parts.push(local_time(entry.entry.recorded_at));
    let mut line = format!("Stored entry {}: {}", entry.id, parts.join(", "));
    if let Some(note) = &entry.entry.note {
        line.push_str(&format!(" (note: {note})"));
    }
    line.push('.');
    line
}
