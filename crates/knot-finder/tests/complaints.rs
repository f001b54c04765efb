//! The one-phrase complaint set (bench/validation/complaints.jsonl): every complaint is read by
//! the lexicon as places, with no word passed over, and every listed muscle is in the atlas.
//! `--example validate` prints how the finder and the lookup score on it.

use knot_body::Lexicon;
use knot_finder::evaluate::Case;
use knot_finder::{Drawing, Finder};

const SET: &str = include_str!("../../../bench/validation/complaints.jsonl");

fn cases() -> Vec<Case> {
    SET.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a complaint case"))
        .collect()
}

#[test]
fn the_set_has_at_least_80_one_phrase_complaints_with_sources() {
    let cases = cases();
    assert!(cases.len() >= 80, "{} complaints", cases.len());
    for case in &cases {
        assert_eq!(case.terms.len(), 1, "{}: one phrase", case.id);
        assert!(!case.source.is_empty(), "{}: no source", case.id);
        assert!(!case.muscles.is_empty(), "{}: no muscles", case.id);
    }
}

#[test]
fn every_complaint_is_understood_by_the_lexicon() {
    let lexicon = Lexicon::builtin();
    let mut problems = Vec::new();
    for case in cases() {
        let term = &case.terms[0];
        let res = lexicon.resolve(term);
        if !res.understood() || !res.ignored.is_empty() {
            problems.push(format!(
                "{}: {term:?} → {:?} (ignored {:?})",
                case.id, res.regions, res.ignored
            ));
        }
        let drawing = Drawing::from_terms(&case.terms);
        assert!(
            drawing.unmatched.is_empty() && !drawing.marks.is_empty(),
            "{term}"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_listed_muscle_is_in_the_atlas() {
    let atlas = Finder::builtin().atlas();
    for case in cases() {
        for muscle in &case.muscles {
            assert!(atlas.muscle(muscle).is_some(), "{}: {muscle}", case.id);
        }
    }
}
