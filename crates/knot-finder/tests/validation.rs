//! The finder against the literature validation set (bench/validation): it must reach the
//! target and beat the plain region-list lookup. `--example validate` prints the figures.

use knot_finder::evaluate::{evaluate, Case};
use knot_finder::Finder;

const SET: &str = include_str!("../../../bench/validation/drawings.jsonl");

#[test]
fn knot_puts_the_characteristic_muscle_in_the_top_3_for_83_percent_and_beats_the_lookup() {
    let cases: Vec<Case> = SET
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a validation case"))
        .collect();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let report = evaluate(Finder::builtin(), &cases);
    // 87.1% before issue 12; per-muscle priors and weak evidence from unmarked regions in short
    // drawings (both from the literature, not fitted here) cost three of these complete
    // multi-place patterns. BENCHMARKS.md has the figures.
    assert!(
        report.knot.top3_rate() >= 0.83,
        "top 3: {:.3}\n{}",
        report.knot.top3_rate(),
        report.knot_misses.join("\n")
    );
    assert!(
        report.knot.top3_rate() >= report.lookup.top3_rate() + 0.05,
        "{report:?}"
    );
    assert!(
        report.knot.first_rate() > report.lookup.first_rate(),
        "{report:?}"
    );
}
