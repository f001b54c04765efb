//! The fast (sparse) path ranks exactly as the reference that scores every trigger point.

use proptest::prelude::*;

use knot_body::Scheme;
use knot_finder::{Drawing, Finder, Mark};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_fast_path_equals_the_reference(
        marks in prop::collection::vec((0..Scheme::builtin().len(), 0.0f64..10.0, any::<bool>()), 1..12)
    ) {
        let mut drawing = Drawing::default();
        for (region, intensity, worst) in marks {
            drawing.add(Mark { region, intensity, worst });
        }
        let [fast, reference] = Finder::builtin().top_both_ways(&drawing);
        prop_assert_eq!(fast.len(), reference.len());
        for (f, r) in fast.iter().zip(&reference) {
            prop_assert_eq!(f.0, r.0, "order differs: {:?} vs {:?}", f, r);
            prop_assert!((f.1 - r.1).abs() < 1e-9 && (f.2 - r.2).abs() < 1e-9, "{:?} vs {:?}", f, r);
        }
    }
}
