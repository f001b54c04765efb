//! Scores the finder and the plain region-list lookup on the validation sets: the multi-place
//! literature drawings and the one-phrase complaints (bench/validation/README.md).
//!
//! `cargo run --release -p knot-finder --example validate` scores both sets;
//! `cargo run --release -p knot-finder --example validate -- FILE.jsonl [--misses]` one file.

use knot_atlas::Atlas;
use knot_body::Scheme;
use knot_finder::evaluate::{evaluate, Case, Figures};
use knot_finder::{Finder, Params};

const SETS: [&str; 2] = [
    "bench/validation/drawings.jsonl",
    "bench/validation/complaints.jsonl",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let misses = std::env::args().any(|a| a == "--misses");
    let paths: Vec<String> = match std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        Some(path) => vec![path],
        None => SETS.iter().map(|s| s.to_string()).collect(),
    };
    for path in paths {
        score(&path, misses)?;
    }
    Ok(())
}

fn score(path: &str, misses: bool) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
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
    println!("{} cases from {path}\n", cases.len());
    println!("| method                 | 1st    | top 3  | listed in top 8 |");
    println!("|------------------------|--------|--------|--------|");
    row("Knot (noisy-OR)", &report.knot);
    row("region-list lookup", &report.lookup);
    if misses {
        println!("\nKnot misses (characteristic muscle not in top 3):");
        for miss in &report.knot_misses {
            println!("  {miss}");
        }
    }
    println!();
    Ok(())
}
