//! `knot`: find, treat and track myofascial trigger points.
//!
//! The binary is a thin shell over the library crates: it parses the command line (clap), calls
//! into `knot-body`, `knot-atlas` and `knot-finder`, and prints. Exit codes: 0 success, 2 bad
//! input (the message says what and how to fix it), 1 anything else.

mod cmd;
mod failure;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "knot",
    version,
    about = "Find, treat and track myofascial trigger points."
)]
#[command(after_help = "Knot ranks likely sources of pain and says why; it does not diagnose.")]
struct Cli {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Regions(args) => cmd::regions::run(args),
        Command::Body(args) => cmd::body::run(args),
        Command::Atlas(args) => cmd::atlas::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Find(args) => cmd::find::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
