//! The finder against the literature validation sets (bench/validation): multi-place drawings
//! and one-phrase complaints. It must beat the plain region-list lookup on both.
//! `--example validate` prints the figures.

use knot_finder::evaluate::{evaluate, Case};
use knot_finder::Finder;

const DRAWINGS: &str = include_str!("../../../bench/validation/drawings.jsonl");
const COMPLAINTS: &str = include_str!("../../../bench/validation/complaints.jsonl");

fn cases(set: &str) -> Vec<Case> {
    set.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a validation case"))
        .collect()
}

#[test]
fn on_drawings_knot_puts_the_characteristic_muscle_in_the_top_3_for_80_percent_and_beats_the_lookup(
) {
    let cases = cases(DRAWINGS);
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let report = evaluate(Finder::builtin(), &cases);
    // 87.1% before issue 12; per-muscle priors, weak evidence from unmarked regions in short
    // drawings and true reasons (all from the literature, not fitted here) cost a few of these
    // complete multi-place patterns. BENCHMARKS.md has the figures.
    assert!(
        report.knot.top3_rate() >= 0.80,
        "top 3: {:.3}\n{}",
        report.knot.top3_rate(),
        report.knot_misses.join("\n")
    );
    assert!(
        report.knot.top3_rate() >= report.lookup.top3_rate() + 0.03,
        "{report:?}"
    );
    assert!(
        report.knot.first_rate() > report.lookup.first_rate(),
        "{report:?}"
    );
}

#[test]
fn on_one_phrase_complaints_knot_is_clearly_ahead_of_the_lookup() {
    let cases = cases(COMPLAINTS);
    assert!(cases.len() >= 80, "{} cases", cases.len());
    let report = evaluate(Finder::builtin(), &cases);
    assert!(
        report.knot.top3_rate() >= report.lookup.top3_rate() + 0.05,
        "{report:?}"
    );
    assert!(
        report.knot.first_rate() >= report.lookup.first_rate() + 0.03,
        "{report:?}"
    );
}
