//! Scores the finder and the plain region-list lookup on a validation set.
//!
//! `cargo run --release -p knot-finder --example validate -- bench/validation/drawings.jsonl`

use knot_atlas::Atlas;
use knot_body::Scheme;
use knot_finder::evaluate::{evaluate, Case, Figures};
use knot_finder::{Finder, Params};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/validation/drawings.jsonl".into());
    let text = std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
    let cases: Vec<Case> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    // `--one-mark-complete X` shows how the figures depend on that one setting.
    let args: Vec<String> = std::env::args().collect();
    let mut params = Params::default();
    if let Some(i) = args.iter().position(|a| a == "--one-mark-complete") {
        let value = args
            .get(i + 1)
            .ok_or("--one-mark-complete needs a number")?;
        params.one_mark_complete = value.parse()?;
    }
    let finder = Finder::new(Atlas::builtin(), Scheme::builtin(), params);
    let report = evaluate(&finder, &cases);
    let row = |name: &str, f: &Figures| {
        println!(
            "| {name:<22} | {:>5.1}% | {:>5.1}% | {:>5.1}% |",
            100.0 * f.first_rate(),
            100.0 * f.top3_rate(),
            100.0 * f.top8_share()
        )
    };
    println!("{} drawings from {path}\n", cases.len());
    println!("| method                 | 1st    | top 3  | listed in top 8 |");
    println!("|------------------------|--------|--------|--------|");
    row("Knot (noisy-OR)", &report.knot);
    row("region-list lookup", &report.lookup);
    if std::env::args().any(|a| a == "--misses") {
        println!("\nKnot misses (characteristic muscle not in top 3):");
        for miss in &report.knot_misses {
            println!("  {miss}");
        }
    }
    Ok(())
}
