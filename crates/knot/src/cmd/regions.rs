//! `knot regions [--json]` lists the region scheme; `knot regions resolve TERM…` shows what
//! words map to.

use clap::{Args, Subcommand};
use serde::Serialize;

use knot_body::{region_listing, Scheme};

use super::terms;
use crate::failure::Failure;

#[derive(Debug, Args)]
pub struct RegionsArgs {
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    action: Option<RegionsAction>,
}

#[derive(Debug, Subcommand)]
enum RegionsAction {
    /// Show the regions that words map to, e.g. `knot regions resolve "back of the left knee"`.
    Resolve {
        /// Words for places on the body; quote each place.
        #[arg(required = true)]
        terms: Vec<String>,
    },
}

pub fn run(args: RegionsArgs) -> Result<(), Failure> {
    match args.action {
        None => list(args.json),
        Some(RegionsAction::Resolve { terms }) => resolve(&terms, args.json),
    }
}

fn list(json: bool) -> Result<(), Failure> {
    let scheme = Scheme::builtin();
    let rows = region_listing(scheme);
    if json {
        print_json(&rows)?;
        return Ok(());
    }
    println!(
        "{:<34} {:<6} {:<8} {:<16} NAME",
        "ID", "VIEW", "SIDE", "AREA"
    );
    for row in &rows {
        let r = row.region;
        let view = format!("{:?}", r.view).to_lowercase();
        println!(
            "{:<34} {:<6} {:<8} {:<16} {}",
            r.id, view, r.side, r.area, r.name
        );
    }
    println!("\n{} regions. Neighbours: knot regions --json", rows.len());
    Ok(())
}

fn resolve(terms: &[String], json: bool) -> Result<(), Failure> {
    let lexicon = knot_body::Lexicon::builtin();
    let resolutions: Vec<_> = terms.iter().map(|t| lexicon.resolve(t)).collect();
    if json {
        print_json(&resolutions)?;
    } else {
        let scheme = Scheme::builtin();
        for res in resolutions.iter().filter(|r| r.recognised()) {
            println!("{}", res.term);
            for reading in &res.readings {
                println!("  {} (source: {})", reading.text, reading.source);
            }
            for id in &res.regions {
                let name = scheme.get(id).map_or("", |r| r.name.as_str());
                println!("  {id:<34} {name}");
            }
            if let Some(note) = terms::ignored_warning(res) {
                println!("  {note}");
            }
        }
    }
    // Anything not understood is an input error, reported after what was understood; a word
    // understood as naming no place ("everywhere") has said so above.
    let unread: Vec<_> = resolutions
        .into_iter()
        .filter(|r| !r.recognised())
        .collect();
    terms::refuse_not_understood(&unread)
}

fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
    println!("{text}");
    Ok(())
}
