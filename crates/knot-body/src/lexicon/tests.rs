//! The lexicon's own checks: bounded cost on hostile input, the fast path agreeing with the full
//! path, and the readings of symptom words.

use super::*;

/// "left neck and right knee and … (qual/qual/…)": every clause read against every
/// qualifier made this take seconds at 16 KB before qualifiers were bounded.
fn many_clauses_and_qualifiers(n: usize) -> String {
    let clauses: Vec<String> = (0..n)
        .map(|i| format!("{} neck", if i % 2 == 0 { "left" } else { "right" }))
        .collect();
    let qualifiers: Vec<String> = (0..n).map(|i| format!("qual{i}")).collect();
    format!("{} ({})", clauses.join(" and "), qualifiers.join("/"))
}

/// The region ids a term resolves to, sorted.
fn ids(lexicon: &Lexicon, term: &str) -> Vec<String> {
    let mut ids = lexicon.resolve(term).regions;
    ids.sort();
    ids
}

#[test]
fn qualifiers_past_the_bound_are_reported_as_ignored() {
    let term = many_clauses_and_qualifiers(MAX_QUALIFIERS + 2);
    let resolution = Lexicon::builtin().resolve(&term);
    assert!(resolution.understood(), "{resolution:?}");
    let last = format!("qual{}", MAX_QUALIFIERS + 1);
    assert!(resolution.ignored.contains(&last), "{resolution:?}");
}

#[test]
fn a_long_term_resolves_in_bounded_time() {
    let lexicon = Lexicon::builtin();
    let long_clauses = many_clauses_and_qualifiers(1500);
    let long_typos = "tempel shoulda nek kneee backk elbo ".repeat(1800);
    for term in [long_clauses, long_typos] {
        let started = std::time::Instant::now();
        lexicon.resolve(&term);
        let mut out = Vec::new();
        lexicon.place(&term, &mut out);
        // Minutes before the bounds, milliseconds after; the margin is for slow machines
        // and unoptimised builds.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{} chars took {:?}",
            term.len(),
            started.elapsed()
        );
    }
}

#[test]
fn the_fast_path_agrees_with_the_full_path_on_every_phrasing_and_side() {
    let lexicon = Lexicon::builtin();
    let mut hits = 0;
    let mut tried = 0;
    for phrase in &lexicon.phrases {
        for prefix in ["", "left ", "my right ", "both ", "pain in the r "] {
            let term = format!("{prefix}{}", phrase.text.to_uppercase());
            tried += 1;
            let full: Vec<usize> = lexicon
                .resolve(&term)
                .regions
                .iter()
                .filter_map(|id| lexicon.scheme.index_of(id))
                .collect();
            if let Some(hit) = lexicon.exact.lookup(&term) {
                hits += 1;
                let mut fast = hit.regions.to_vec();
                fast.sort_unstable();
                let mut want = full.clone();
                want.sort_unstable();
                assert_eq!(fast, want, "{term:?}");
            }
            let mut placed = Vec::new();
            lexicon.place(&term, &mut placed);
            placed.sort_unstable();
            let mut want = full;
            want.sort_unstable();
            assert_eq!(placed, want, "place({term:?})");
        }
    }
    // Phrasings with apostrophes or parentheses take the full path; nearly all others are hits.
    assert!(
        hits * 10 >= tried * 9,
        "{hits} of {tried} terms took the fast path"
    );
}

#[test]
fn a_term_read_twice_reads_the_same_from_the_cache() {
    let lexicon = Lexicon::builtin();
    let term = "left angle of the neck (where neck meets shoulder)";
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let a = lexicon.place(term, &mut first);
    let b = lexicon.place(term, &mut second);
    assert_eq!((&first, &a), (&second, &b));
    let mut want: Vec<usize> = lexicon
        .resolve(term)
        .regions
        .iter()
        .filter_map(|id| lexicon.scheme.index_of(id))
        .collect();
    want.sort_unstable();
    first.sort_unstable();
    assert_eq!(first, want);
}

#[test]
fn back_teeth_are_the_molars_not_the_back() {
    let lexicon = Lexicon::builtin();
    for term in ["back teeth", "my back teeth", "right back teeth"] {
        let got = ids(lexicon, term);
        assert!(
            got.iter().all(|id| id.ends_with("teeth")),
            "{term}: {got:?}"
        );
        assert!(
            got.iter().any(|id| id.ends_with("upper-teeth")),
            "{term}: {got:?}"
        );
        assert!(
            got.iter().any(|id| id.ends_with("lower-teeth")),
            "{term}: {got:?}"
        );
    }
    assert_eq!(
        ids(lexicon, "lower right back teeth"),
        vec!["right-lower-teeth"]
    );
    assert_eq!(ids(lexicon, "back of the mouth"), vec!["inside-mouth"]);
}

#[test]
fn leg_is_the_whole_leg_and_lower_leg_is_below_the_knee() {
    let lexicon = Lexicon::builtin();
    let leg = ids(lexicon, "left leg");
    for part in [
        "thigh-front-upper",
        "back-of-knee",
        "kneecap",
        "calf",
        "shin",
    ] {
        assert!(leg.contains(&format!("left-{part}")), "{part}: {leg:?}");
    }
    let lower = ids(lexicon, "left lower leg");
    assert!(lower
        .iter()
        .all(|id| !id.contains("thigh") && !id.contains("knee")));
}

#[test]
fn sciatica_down_one_leg_is_the_gluteus_minimus_path_on_that_side() {
    let res = Lexicon::builtin().resolve("sciatica down my right leg");
    for part in [
        "buttock-lower",
        "thigh-back-upper",
        "calf",
        "outer-lower-leg",
    ] {
        assert!(
            res.regions.contains(&format!("right-{part}")),
            "{part}: {res:?}"
        );
    }
    assert!(res.regions.iter().all(|id| !id.starts_with("left-")));
    assert!(res.regions.iter().all(|id| !id.contains("shin")), "{res:?}");
    assert!(res.ignored.is_empty(), "{res:?}");
    assert_eq!(res.readings.len(), 1, "{res:?}");
}

#[test]
fn spinal_levels_name_the_spine_and_the_muscles_beside_it() {
    let lexicon = Lexicon::builtin();
    assert_eq!(
        ids(lexicon, "L5"),
        vec!["left-low-back", "lumbar-spine", "right-low-back"]
    );
    assert_eq!(
        ids(lexicon, "pain at L4-L5 on the right"),
        vec!["lumbar-spine", "right-low-back"]
    );
    assert!(ids(lexicon, "T4").contains(&"thoracic-spine".to_string()));
    assert!(ids(lexicon, "c5").contains(&"left-back-of-neck".to_string()));
    assert!(ids(lexicon, "S1").contains(&"sacrum".to_string()));
}

#[test]
fn widespread_words_are_understood_but_place_nothing() {
    let lexicon = Lexicon::builtin();
    for term in [
        "my whole body",
        "everywhere",
        "pain all over",
        "it hurts everywhere",
    ] {
        let res = lexicon.resolve(term);
        assert_eq!(res.unplaced, Some(Unplaced::Widespread), "{term}: {res:?}");
        assert!(
            res.regions.is_empty() && res.suggestions.is_empty(),
            "{res:?}"
        );
        assert!(res.readings[0].text.contains("fibromyalgia"), "{res:?}");
        let mut out = Vec::new();
        let placement = lexicon.place(term, &mut out);
        assert!(out.is_empty() && !placement.placed);
        assert_eq!(placement.unplaced, Some(Unplaced::Widespread));
    }
    // A place named beside "all over" is that place.
    let back = lexicon.resolve("all over my back");
    assert!(back.understood() && back.unplaced.is_none(), "{back:?}");
}

#[test]
fn organ_symptoms_are_not_silently_mapped() {
    let res = Lexicon::builtin().resolve("heartburn");
    assert_eq!(res.unplaced, Some(Unplaced::NotMusculoskeletal));
    assert!(res.regions.is_empty(), "{res:?}");
    assert!(res.readings[0].text.contains("doctor"), "{res:?}");
}

#[test]
fn symptom_words_carry_a_reading_with_a_source() {
    let lexicon = Lexicon::builtin();
    for term in [
        "tennis elbow",
        "golfer's elbow",
        "tension headache",
        "migraine",
        "stiff neck",
        "plantar fasciitis",
        "carpal tunnel",
        "sciatica",
        "frozen shoulder",
        "hip pain",
    ] {
        let mut out = Vec::new();
        let placement = lexicon.place(term, &mut out);
        assert!(placement.placed && !out.is_empty(), "{term}");
        assert_eq!(placement.readings.len(), 1, "{term}: {placement:?}");
        assert_eq!(placement.readings, lexicon.resolve(term).readings, "{term}");
    }
    for reading in lexicon.readings() {
        assert!(reading.text.starts_with("read as"), "{reading:?}");
        assert!(reading.source.len() > 10, "{reading:?}");
    }
    let tennis = lexicon.resolve("right tennis elbow");
    let mut tennis_ids = tennis.regions.clone();
    tennis_ids.sort();
    assert_eq!(
        tennis_ids,
        vec!["right-forearm-back", "right-lateral-epicondyle"]
    );
    assert!(lexicon.resolve("migraine").readings[0]
        .text
        .contains("does not diagnose"));
}

#[test]
fn a_reading_needs_a_source() {
    let text =
        "[[entry]]\nphrases = [\"x elbow\"]\nregions = [\"elbow-back\"]\nreading = \"read as\"\n";
    assert!(matches!(
        Lexicon::parse(text, Scheme::builtin()),
        Err(LexiconError::ReadingWithoutSource(_))
    ));
    let text = "[[entry]]\nphrases = [\"zzz\"]\nunplaced = \"widespread\"\n";
    assert!(matches!(
        Lexicon::parse(text, Scheme::builtin()),
        Err(LexiconError::NoPlace(_))
    ));
}
