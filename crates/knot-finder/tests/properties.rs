//! Properties the finder must keep for any drawing.

use std::collections::HashMap;

use proptest::prelude::*;

use knot_body::Scheme;
use knot_finder::{Drawing, Finder, Mark};

fn drawing_of(regions: &[usize]) -> Drawing {
    let mut drawing = Drawing::default();
    for &region in regions {
        drawing.add(Mark {
            region,
            intensity: 5.0,
            worst: false,
        });
    }
    drawing
}

fn regions() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..Scheme::builtin().len(), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adding_an_essential_region_never_lowers_a_trigger_point(marked in regions(), pick in 0usize..10_000) {
        let finder = Finder::builtin();
        let scheme = finder.scheme();
        let tps = finder.atlas().trigger_points();
        let tp = &tps[pick % tps.len()];
        let before = drawing_of(&marked);
        let score = |d: &Drawing| -> f64 {
            finder.log_scores(d).into_iter().find(|(k, _)| *k == tp.key()).map(|(_, s)| s).expect("scored")
        };
        for id in &tp.essential {
            let region = scheme.index_of(id).expect("region");
            let mut after = before.clone();
            after.add(Mark { region, intensity: 5.0, worst: false });
            prop_assert!(score(&after) >= score(&before) - 1e-9, "{} fell when {} was added", tp.key(), id);
        }
    }

    #[test]
    fn mirrored_drawings_give_mirrored_rankings(marked in regions()) {
        let finder = Finder::builtin();
        let drawing = drawing_of(&marked);
        let mirrored = drawing.mirrored(finder.scheme());
        let scores: HashMap<String, f64> = finder.log_scores(&drawing).into_iter().collect();
        for (key, score) in finder.log_scores(&mirrored) {
            let (side, id) = key.split_once(':').expect("side:id");
            let other = match side { "left" => "right", "right" => "left", s => s };
            let original = scores[&format!("{other}:{id}")];
            prop_assert!((original - score).abs() < 1e-9, "{key}: {score} vs {original}");
        }
    }

    #[test]
    fn results_are_deterministic(marked in regions()) {
        let finder = Finder::builtin();
        let drawing = drawing_of(&marked);
        prop_assert_eq!(finder.find(&drawing), finder.find(&drawing));
    }
}
