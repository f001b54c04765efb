//! `knot history`: lists diary entries (whole, or a page at a time: [`super::history_page`]);
//! `knot history correct ID …` stores a correction (the original is kept, marked as corrected);
//! `knot history delete ID` marks an entry deleted. Neither ever changes or removes what was
//! first written: `--all` shows it.

use chrono::Local;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use knot_app::AppError;
use knot_care::measures;
use knot_record::{Entry, EntryFilter, NewEntry, RecordId};

use crate::cmd::db::{app_failure, block_on, Db, Opened};
use crate::cmd::log::stored_line;
use crate::cmd::log_measure::{self, measure_failure, EntryFlags, MeasureCommand, Reading};
use crate::cmd::{history_page, history_table};
use crate::failure::{bad_input, Failure};

/// Arguments of `knot history`.
#[derive(Debug, Args)]
#[command(
    after_help = "A correction must keep the entry's kind (pain stays pain): to change \
the kind, delete the entry and log a new one. Without --at or --note, a correction keeps the \
original's time and note.

--limit, --newest and --after read the current entries a page at a time (100 to a page unless \
--limit says otherwise, oldest first unless --newest). While more entries follow, the command \
for the next page is printed on stderr as its last line, the cursor last:
  More: knot history --newest --limit 20 --after k1_1767225600_0_42
With --json it is the \"next\" field instead (null on the last page).

Examples:
  knot history --since 2024-03-01 --kind pain
  knot history correct 12 pain 5 --region \"right temple\"
  knot history delete 12
  knot history --all
  knot history --newest --limit 20"
)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    /// Only entries on or after this day (YYYY-MM-DD, local time).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Also show corrected and deleted entries, marked as such.
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Read one page of at most N current entries (1-500).
    #[arg(long, value_name = "N", conflicts_with_all = ["since", "kind", "all"])]
    pub limit: Option<u32>,
    /// Read pages from the newest entry back.
    #[arg(long, conflicts_with_all = ["since", "kind", "all"])]
    pub newest: bool,
    /// Read the page after this cursor, as the previous page printed it.
    #[arg(long, value_name = "CURSOR", conflicts_with_all = ["since", "kind", "all"])]
    pub after: Option<String>,
}

/// What to do to an entry.
#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Store a correction of an entry, in the same syntax as `knot log`; the kind must stay the
    /// same (pain stays pain) and the original is kept.
    Correct(CorrectArgs),
    /// Mark an entry deleted (it stays in `knot history --all`).
    Delete {
        /// The entry's id, as `knot history` shows it.
        id: RecordId,
    },
}

/// Arguments of `knot history correct`.
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The entry's id, as `knot history` shows it.
    pub id: RecordId,
    #[command(subcommand)]
    pub measure: MeasureCommand,
    #[command(flatten)]
    pub flags: EntryFlags,
}

/// The kinds of entry, as typed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Pain,
    Threshold,
    Rom,
    Function,
    Note,
}

impl KindArg {
    /// The kind as the store names it.
    fn stored(self) -> &'static str {
        match self {
            KindArg::Pain => "pain",
            KindArg::Threshold => "threshold",
            KindArg::Rom => "range_of_motion",
            KindArg::Function => "function",
            KindArg::Note => "note",
        }
    }
}

/// Runs `knot history`.
pub fn run(args: HistoryArgs, db: &Db) -> Result<(), Failure> {
    match args.action {
        Some(HistoryAction::Correct(correct)) => run_correct(correct, db),
        Some(HistoryAction::Delete { id }) => run_delete(id, db),
        None => run_list(&args, db),
    }
}

/// An entry as `--json` prints it: the stored entry and whether it counts.
#[derive(Debug, Serialize)]
pub(super) struct JsonEntry<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    current: bool,
}

/// The entries as `--json` lists them.
pub(super) fn json_rows(entries: &[Entry]) -> Vec<JsonEntry<'_>> {
    entries
        .iter()
        .map(|entry| JsonEntry {
            entry,
            current: entry.is_current(),
        })
        .collect()
}

/// Prints `json` on stdout, indented.
pub(super) fn print_json(json: &serde_json::Value) -> Result<(), Failure> {
    println!(
        "{}",
        serde_json::to_string_pretty(json).map_err(anyhow::Error::from)?
    );
    Ok(())
}

fn run_list(args: &HistoryArgs, db: &Db) -> Result<(), Failure> {
    if let Some(request) = history_page::requested(args) {
        return history_page::run(&request, args.json, db);
    }
    let since = args
        .since
        .as_deref()
        .map(|day| measures::start_of_day(day, &Local::now()))
        .transpose()
        .map_err(measure_failure)?;
    let filter = EntryFilter {
        since,
        until: None,
        kind: args.kind.map(|k| k.stored().to_string()),
        include_history: args.all,
    };
    let entries = block_on(async {
        let opened = db.open().await?;
        opened
            .app
            .entries(&opened.ctx, &filter)
            .await
            .map_err(app_failure)
    })?;
    if args.json {
        print_json(&serde_json::json!({ "entries": json_rows(&entries) }))?;
    } else if entries.is_empty() {
        let filtered = args.since.is_some() || args.kind.is_some();
        println!("{}", history_table::empty_message(filtered));
    } else {
        print!("{}", history_table::render(&entries, args.all));
    }
    Ok(())
}

fn run_correct(args: CorrectArgs, db: &Db) -> Result<(), Failure> {
    let mut entries = match log_measure::read(&args.measure, &args.flags)? {
        Reading::Entries(entries) => entries,
        Reading::ListMovements => {
            return Err(bad_input(
                "a correction needs a value, e.g. `knot history correct 12 rom cervical-rotation-left 65`",
            ))
        }
    };
    if entries.len() != 1 {
        return Err(bad_input(
            "a correction replaces one entry with one value; name one region, not both sides",
        ));
    }
    let mut new = entries.remove(0);
    block_on(async {
        let opened = db.open().await?;
        let original = stored_entry(&opened, args.id).await?;
        keep_unchanged(&mut new, &original, &args.flags);
        let stored = opened
            .app
            .correct_entry(&opened.ctx, args.id, new)
            .await
            .map_err(app_failure)?;
        println!(
            "{}",
            stored_line(&stored).replacen("Stored entry", "Stored correction", 1)
        );
        println!(
            "Entry {} is kept as it was, marked as corrected by entry {}; `knot history --all` shows both.",
            args.id, stored.id
        );
        Ok(())
    })
}

fn run_delete(id: RecordId, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let opened = db.open().await?;
        stored_entry(&opened, id).await?;
        let deleted = opened
            .app
            .delete_entry(&opened.ctx, id)
            .await
            .map_err(app_failure)?;
        let shown = measures::describe(&deleted.entry.measure);
        println!(
            "Deleted entry {id} ({} {}). It no longer counts, but stays in `knot history --all`.",
            shown.kind, shown.value
        );
        Ok(())
    })
}

/// The entry with this id (whether it may still be corrected or deleted is the store's to say).
async fn stored_entry(opened: &Opened, id: RecordId) -> Result<Entry, Failure> {
    match opened.app.entry(&opened.ctx, id).await {
        Ok(entry) => Ok(entry),
        Err(AppError::NotFound { .. }) => Err(bad_input(format!(
            "no entry {id}; see `knot history` for the ids"
        ))),
        Err(other) => Err(app_failure(other)),
    }
}

/// A correction keeps the original's time and note unless new ones were given.
fn keep_unchanged(new: &mut NewEntry, original: &Entry, flags: &EntryFlags) {
    if flags.at.is_none() {
        new.recorded_at = original.entry.recorded_at;
    }
    if flags.note.is_none() {
        new.note.clone_from(&original.entry.note);
    }
}
