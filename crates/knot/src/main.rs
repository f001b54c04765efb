//! `knot`: find, treat and track myofascial trigger points.
//!
//! The binary is a thin shell over the library crates: it parses the command line (clap), calls
//! into `knot-body`, `knot-atlas` and `knot-finder`, and prints. Exit codes: 0 success, 2 bad
//! input (the message says what and how to fix it), 3 a check that found something broken
//! (`knot audit verify`), 1 anything else.

mod cmd;
mod failure;
mod hints;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Scoring a drawing builds and drops a few hundred small strings and vectors; mimalloc's
// per-thread free lists make that about a tenth of the CPU time cheaper than the system
// allocator (BENCHMARKS.md, finder speed).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "knot",
    version,
    about = "Find, treat and track myofascial trigger points."
)]
#[command(after_help = "Knot ranks likely sources of pain and says why; it does not diagnose.")]
struct Cli {
    /// The database: sqlite:/path/to/knot.db or a file path (default: knot.db in your data
    /// directory), or postgres://USER@HOST:PORT/DATABASE for a PostgreSQL server.
    #[arg(long, global = true, env = "KNOT_DATABASE_URL", value_name = "URL")]
    db: Option<String>,
    // --- reads from a read replica
    /// A PostgreSQL read replica (a streaming standby of --db) to read lists and reports from;
    /// a person's own fresh writes are still read on --db.
    #[arg(
        long,
        global = true,
        env = "KNOT_DATABASE_READ_URL",
        value_name = "URL"
    )]
    read_db: Option<String>,
    /// Act as this web account (its e-mail) rather than the command line's own person: the
    /// diary, screening, plans and sessions are then the ones its browser shows.
    #[arg(long, global = true, env = "KNOT_USER", value_name = "EMAIL")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the body regions, or show what words map to.
    Regions(cmd::regions::RegionsArgs),
    /// Draw the body chart as SVG, with marked regions filled.
    Body(cmd::body::BodyArgs),
    /// Dump the trigger point atlas.
    Atlas(cmd::atlas::AtlasArgs),
    /// Show one muscle: its trigger points, referral zones, self-care and cautions.
    Show(cmd::show::ShowArgs),
    /// Rank the trigger points most likely behind a pain drawing.
    Find(cmd::find::FindArgs),
    /// Answer the safety screening: red flags and what restricts treatment.
    Screen(cmd::screen::ScreenArgs),
    /// A guided self-treatment session for one muscle, or the day's plan.
    Treat(cmd::treat::TreatArgs),
    /// Build a home routine from the trigger points you confirmed.
    Plan(cmd::plan::PlanArgs),
    /// Record pain, pressure threshold, range of motion, activities or a note.
    Log(cmd::log::LogArgs),
    /// List, correct or delete diary entries.
    History(cmd::history::HistoryArgs),
    /// Report on change: pain trend, thresholds, range of motion, adherence, response.
    Progress(cmd::progress::ProgressArgs),
    /// Fill a database with an example diary (for trying Knot out).
    Demo(cmd::demo::DemoArgs),
    /// Serve the web app: the body map, the finder and the atlas in a browser.
    Serve(cmd::serve::ServeArgs),
    /// Write a person's records (or the whole database) as JSON lines.
    Export(cmd::export::ExportArgs),
    /// Read a file `knot export` wrote into this database: all of it or nothing.
    Import(cmd::export::ImportArgs),
    /// An encrypted, consistent snapshot of the whole database (while the server runs).
    Backup(cmd::backup::BackupArgs),
    /// Restore a backup into an empty database and check it reads back equal.
    Restore(cmd::backup::RestoreArgs),
    /// Whole-database operations: `knot db copy --from URL --to URL`.
    Db(cmd::backup::DbArgs),
    /// The audit log: `knot audit verify` checks its hash chain (exit 3 when broken).
    Audit(cmd::audit::AuditArgs),
    /// Your sign-in: `knot account set-password`, `knot account show`.
    Account(cmd::account::AccountArgs),
    /// Clinic mode for operators: `knot clinic init`, `invite`, `staff`.
    Clinic(cmd::clinic::ClinicArgs),
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    let db = cmd::db::Db {
        url: cli.db,
        read_url: cli.read_db,
        user: cli.user,
    };
    let result = match cli.command {
        Command::Regions(args) => cmd::regions::run(args),
        Command::Body(args) => cmd::body::run(args),
        Command::Atlas(args) => cmd::atlas::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Find(args) => cmd::find::run(args),
        Command::Screen(args) => cmd::screen::run(args, &db),
        Command::Treat(args) => cmd::treat::run(args, &db),
        Command::Plan(args) => cmd::plan::run(args, &db),
        Command::Log(args) => cmd::log::run(args, &db),
        Command::History(args) => cmd::history::run(args, &db),
        Command::Progress(args) => cmd::progress::run(args, &db),
        Command::Demo(args) => cmd::demo::run(args, &db),
        Command::Serve(args) => cmd::serve::run(args, &db),
        Command::Export(args) => cmd::export::run_export(args, &db),
        Command::Import(args) => cmd::export::run_import(args, &db),
        Command::Backup(args) => cmd::backup::run_backup(args, &db),
        Command::Restore(args) => cmd::backup::run_restore(args, &db),
        Command::Db(args) => cmd::backup::run_db(args, &db),
        Command::Audit(args) => cmd::audit::run(args, &db),
        Command::Clinic(args) => cmd::clinic::run(args, &db),
        Command::Account(args) => cmd::account::run(args, &db),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `knot history | head` closes our stdout early; `println!` then panics with "Broken pipe".
/// That is the reader's choice, not a failure: end quietly, as other command-line tools do.
fn quiet_on_broken_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        previous(info);
    }));
}
