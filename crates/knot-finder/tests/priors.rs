//! Priors are per muscle (review §2.3): the muscle's band, shared among its trigger points.

use std::collections::HashMap;

use knot_finder::Finder;

/// Each muscle's prior on one side: the sum of its right (or midline) instances' priors.
fn muscle_priors() -> HashMap<String, f64> {
    let finder = Finder::builtin();
    let tps = finder.atlas().trigger_points();
    let mut priors = HashMap::new();
    for (key, p) in finder.priors() {
        let tp = tps.iter().find(|t| t.key() == key).expect("instance");
        if tp.side != knot_body::Side::Left {
            *priors.entry(tp.muscle_id.clone()).or_insert(0.0) += p;
        }
    }
    priors
}

#[test]
fn upper_trapezius_is_the_top_muscle_prior() {
    let priors = muscle_priors();
    let top = priors["upper-trapezius"];
    for (muscle, p) in &priors {
        assert!(
            *p <= top + 1e-12,
            "{muscle} {p} above upper trapezius {top}"
        );
    }
    // The muscles the issue saw outrank it under per-trigger-point priors now sit at or below it.
    for muscle in ["quadratus-lumborum", "masseter", "triceps-brachii"] {
        assert!(priors[muscle] <= top + 1e-12, "{muscle}");
    }
    assert!(priors["triceps-brachii"] < top);
}

#[test]
fn a_muscles_trigger_points_share_its_prior_whatever_their_number() {
    let finder = Finder::builtin();
    let priors = muscle_priors();
    for muscle in finder.atlas().muscles() {
        let want = finder.params().muscle_prior(muscle.prevalence);
        let got = priors[&muscle.id];
        assert!((got - want).abs() < 1e-9, "{}: {got} vs {want}", muscle.id);
    }
}
