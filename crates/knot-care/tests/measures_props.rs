//! Property tests of the diary measures: every value on a scale is accepted and reads back the
//! same; every value off it is refused with the valid range; no input makes a parser panic.

use knot_atlas::Atlas;
use knot_care::measures::{
    self, describe, movements, parse_kg_per_cm2, MeasureError, KPA_PER_KG_CM2, THRESHOLD_MAX,
    THRESHOLD_MIN,
};
use knot_record::{Measure, Side};
use proptest::prelude::*;

proptest! {
    #[test]
    fn every_pain_score_on_the_scale_is_accepted_and_reads_back(score in 0u8..=10, slash in any::<bool>()) {
        let typed = if slash { format!("{score}/10") } else { score.to_string() };
        let measures = measures::pain(&typed, None).unwrap();
        prop_assert_eq!(&measures, &vec![Measure::Pain { score, region: None }]);
        let shown = describe(&measures[0]).value;
        prop_assert_eq!(measures::pain(&shown, None).unwrap(), measures.clone());
        prop_assert!(measures::validate(Atlas::builtin(), &measures[0]).is_ok());
    }

    #[test]
    fn every_pain_score_off_the_scale_is_refused_with_the_range(score in prop_oneof![11i64..100_000, -100_000i64..0]) {
        let error = measures::pain(&score.to_string(), None).unwrap_err();
        prop_assert!(error.to_string().contains("0 (no pain) to 10"), "{}", error);
    }

    #[test]
    fn every_threshold_in_range_is_accepted_and_reads_back(hundredths in 10u32..=1500) {
        let kg = f64::from(hundredths) / 100.0;
        let typed = format!("{kg:.2}");
        let read = parse_kg_per_cm2(&typed).unwrap();
        prop_assert!((read - kg).abs() < 1e-9);
        let measure = measures::threshold(Atlas::builtin(), "upper-trapezius-1", Some("left"), &typed).unwrap();
        let shown = describe(&measure).value;
        let number = shown.trim_end_matches(" kg/cm²");
        prop_assert!((parse_kg_per_cm2(number).unwrap() - kg).abs() < 1e-9);
        prop_assert!(measures::validate(Atlas::builtin(), &measure).is_ok());
    }

    #[test]
    fn kilopascals_agree_with_kilograms(hundredths in 10u32..=1500) {
        let kg = f64::from(hundredths) / 100.0;
        let kpa = format!("{}kPa", kg * KPA_PER_KG_CM2);
        prop_assert!((parse_kg_per_cm2(&kpa).unwrap() - kg).abs() < 0.006);
    }

    #[test]
    fn a_reading_at_the_top_bound_in_another_unit_is_accepted(extra in 0.0f64..0.004) {
        let kpa = format!("{}kPa", (THRESHOLD_MAX + extra) * KPA_PER_KG_CM2);
        prop_assert_eq!(parse_kg_per_cm2(&kpa).unwrap(), THRESHOLD_MAX);
    }

    #[test]
    // Readings are kept to the hundredth, so out of range means out by half a hundredth or more.
    fn every_threshold_out_of_range_is_refused(kg in prop_oneof![(THRESHOLD_MAX + 0.005)..1e6, -1e6..(THRESHOLD_MIN - 0.005)]) {
        let error = parse_kg_per_cm2(&format!("{kg}")).unwrap_err();
        let is_range_error = matches!(error, MeasureError::OutOfRange { .. });
        prop_assert!(is_range_error, "{}", error);
    }

    #[test]
    fn every_range_of_motion_up_to_the_maximum_is_accepted_and_reads_back(pick in any::<prop::sample::Index>(), share in 0.0f64..=1.0) {
        let movement = pick.get(movements());
        let value = (movement.max * share * 10.0).round() / 10.0;
        let measure = measures::range_of_motion(&movement.name, &value.to_string()).unwrap();
        prop_assert_eq!(&measure, &Measure::RangeOfMotion { movement: movement.id.clone(), degrees: value });
        prop_assert!(measures::validate(Atlas::builtin(), &measure).is_ok());
        let shown = describe(&measure).value;
        let again = measures::range_of_motion(&movement.id, shown.trim_end_matches(" mm")).unwrap();
        prop_assert_eq!(again, measure);
    }

    #[test]
    fn every_range_of_motion_beyond_the_maximum_or_below_zero_is_refused(pick in any::<prop::sample::Index>(), excess in 0.1f64..1000.0, below in any::<bool>()) {
        let movement = pick.get(movements());
        let value = if below { -excess } else { movement.max + excess };
        let error = measures::range_of_motion(&movement.id, &format!("{value:.1}")).unwrap_err();
        prop_assert!(error.to_string().contains(&format!("from 0 to {}", movement.max)), "{}", error);
    }

    #[test]
    fn functional_activities_keep_their_text_and_score(activity in "[a-z][a-z ]{0,150}[a-z]", score in 0u8..=10) {
        let measure = measures::function(&format!("  {activity} "), &score.to_string()).unwrap();
        prop_assert_eq!(&measure, &Measure::Function { activity: activity.clone(), score });
        prop_assert!(measures::validate(Atlas::builtin(), &measure).is_ok());
    }

    #[test]
    fn notes_up_to_the_limit_are_kept_and_longer_ones_refused(length in 1usize..=2100) {
        let text = "a".repeat(length);
        let result = measures::note(&text);
        if length <= measures::NOTE_MAX_CHARS {
            prop_assert_eq!(result, Ok(Measure::Note { text }));
        } else {
            let refused = matches!(result, Err(MeasureError::Text { .. }));
            prop_assert!(refused);
        }
    }

    #[test]
    fn no_typed_input_makes_a_parser_panic(text in "\\PC{0,40}", other in "\\PC{0,20}") {
        let _ = measures::pain(&text, Some(&other));
        let _ = measures::threshold(Atlas::builtin(), &text, Some(&other), &other);
        let _ = measures::range_of_motion(&text, &other);
        let _ = measures::function(&text, &other);
        let _ = measures::note(&text);
        let now = chrono::Utc::now();
        let _ = measures::recorded_at(Some(&text), &now);
    }
}

#[test]
fn every_movement_has_a_sourced_normal_below_its_maximum() {
    for movement in movements() {
        assert!(
            movement.normal > 0.0 && movement.normal < movement.max,
            "{}",
            movement.id
        );
        assert!(!movement.source.trim().is_empty(), "{}", movement.id);
        assert_eq!(
            measures::find_movement(&movement.id).map(|m| &m.id),
            Ok(&movement.id)
        );
        assert_eq!(
            measures::find_movement(&movement.name).map(|m| &m.id),
            Ok(&movement.id)
        );
    }
}

#[test]
fn a_threshold_on_the_wrong_side_is_refused() {
    let measure = Measure::Threshold {
        trigger_point: "upper-trapezius-1".into(),
        side: Side::Midline,
        kg_per_cm2: 3.0,
    };
    assert!(measures::validate(Atlas::builtin(), &measure).is_err());
}
