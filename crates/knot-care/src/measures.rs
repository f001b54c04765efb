//! Diary measures: what a person typed, turned into a [`Measure`] the store can keep, or a
//! refusal that names the valid range or choices.
//!
//! | measure | accepted | kept as |
//! |---|---|---|
//! | pain (NPRS) | whole number 0–10 ("6", "6/10"), overall or for one region (words or id) | `Pain` |
//! | pressure pain threshold | 0.1–15 kg/cm² ("3.2", "3.2kg", "310kPa") at a trigger point and side | `Threshold`, kg/cm² to 0.01 |
//! | range of motion | a movement of `data/movements.toml`, 0 to its plausible maximum | `RangeOfMotion`, its unit, to 0.1 |
//! | functional activity (PSFS) | activity text (≤ 200 characters) and 0–10 | `Function` |
//! | note | text, 1–2000 characters | `Note` |
//!
//! Sources: pain scale and its change thresholds, Farrar et al., Pain 2001;94:149; the
//! Patient-Specific Functional Scale, Stratford et al., Physiother Can 1995;47:258; pressure and
//! motion, see `threshold` and `data/movements.toml`. [`validate`] applies the same rules to a
//! measure that arrives already built (JSON from the web app).

mod describe;
mod error;
mod movements;
mod points;
mod region;
mod rom;
mod scale;
mod threshold;
mod when;

use knot_atlas::Atlas;
use knot_record::Measure;

pub use describe::{describe, Described};
pub use error::{quoted, MeasureError};
pub use movements::{find_movement, movements, parse_movements, Movement, Unit};
pub use points::{find_trigger_point, parse_side, suggest_trigger_points};
pub use region::{region_name, resolve_region};
pub use rom::{range_of_motion, rom_valid};
pub use scale::{ACTIVITY_MAX_CHARS, FUNCTION_VALID, NOTE_MAX_CHARS, PAIN_VALID, SCALE_MAX};
pub use threshold::{
    parse_kg_per_cm2, threshold_valid, KPA_PER_KG_CM2, THRESHOLD_MAX, THRESHOLD_MIN,
};
pub use when::{check_when, earliest_day, recorded_at, start_of_day, OutOfBounds, CLOCK_GRACE};

/// Pain 0–10, overall (`region: None`) or in the region the words name. Both sides of one place
/// said outright ("both temples") give one measure per side; see [`resolve_region`].
pub fn pain(score: &str, region: Option<&str>) -> Result<Vec<Measure>, MeasureError> {
    let score = scale::score("pain", PAIN_VALID, score)?;
    match region {
        None => Ok(vec![Measure::Pain {
            score,
            region: None,
        }]),
        Some(words) => Ok(resolve_region(words)?
            .into_iter()
            .map(|region| Measure::Pain {
                score,
                region: Some(region),
            })
            .collect()),
    }
}

/// A pressure pain threshold at a trigger point ("upper-trapezius-1", side "right", "3.2kg").
pub fn threshold(
    atlas: &Atlas,
    trigger_point: &str,
    side: Option<&str>,
    value: &str,
) -> Result<Measure, MeasureError> {
    let point = find_trigger_point(atlas, trigger_point, side)?;
    let kg_per_cm2 = parse_kg_per_cm2(value)?;
    Ok(Measure::Threshold {
        trigger_point: point.id.clone(),
        side: point.side,
        kg_per_cm2,
    })
}

/// A Patient-Specific Functional Scale activity with its 0–10 score.
pub fn function(activity: &str, score: &str) -> Result<Measure, MeasureError> {
    let activity = scale::text("the activity", activity, ACTIVITY_MAX_CHARS)?;
    let score = scale::score(
        &format!("the score for {activity:?}"),
        FUNCTION_VALID,
        score,
    )?;
    Ok(Measure::Function { activity, score })
}

/// A free note.
pub fn note(text: &str) -> Result<Measure, MeasureError> {
    Ok(Measure::Note {
        text: scale::text("the note", text, NOTE_MAX_CHARS)?,
    })
}

/// The optional remark kept with any entry (`--note`): trimmed, 1–2000 characters.
pub fn remark(text: &str) -> Result<String, MeasureError> {
    scale::text("the note", text, NOTE_MAX_CHARS)
}

/// Checks a measure built elsewhere (the web app's JSON) by the same rules as typed input.
pub fn validate(atlas: &Atlas, measure: &Measure) -> Result<(), MeasureError> {
    match measure {
        Measure::Pain { score, region } => {
            scale::check_score("pain", PAIN_VALID, *score)?;
            region.as_deref().map_or(Ok(()), region::check_region)
        }
        Measure::Threshold {
            trigger_point,
            side,
            kg_per_cm2,
        } => {
            let point = find_trigger_point(atlas, trigger_point, Some(side.word()))?;
            if &point.id != trigger_point {
                return Err(MeasureError::UnknownTriggerPoint {
                    given: trigger_point.clone(),
                    suggestions: vec![point.id.clone()],
                });
            }
            threshold::check_kg_per_cm2(*kg_per_cm2)
        }
        Measure::RangeOfMotion { movement, degrees } => {
            rom::check_range_of_motion(movement, *degrees)
        }
        Measure::Function { activity, score } => {
            let clean = scale::text("the activity", activity, ACTIVITY_MAX_CHARS)?;
            exact_text("the activity", activity, &clean)?;
            scale::check_score("the score", FUNCTION_VALID, *score)
        }
        Measure::Note { text } => {
            let clean = scale::text("the note", text, NOTE_MAX_CHARS)?;
            exact_text("the note", text, &clean)
        }
    }
}

/// Built measures hold trimmed text; untrimmed text means it bypassed the parsers.
fn exact_text(what: &str, text: &str, clean: &str) -> Result<(), MeasureError> {
    if text == clean {
        Ok(())
    } else {
        Err(MeasureError::Text {
            what: what.to_string(),
            problem: "has spaces at its start or end; trim them".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_and_regional_pain() {
        assert_eq!(
            pain("6", None),
            Ok(vec![Measure::Pain {
                score: 6,
                region: None
            }])
        );
        assert_eq!(
            pain("6", Some("right temple")),
            Ok(vec![Measure::Pain {
                score: 6,
                region: Some("right-temple".into())
            }])
        );
    }

    #[test]
    fn a_bad_score_is_refused_before_the_region_is_read() {
        let error = pain("12", Some("nowhere at all")).unwrap_err();
        assert!(matches!(error, MeasureError::OutOfRange { .. }), "{error}");
    }

    #[test]
    fn threshold_keeps_the_atlas_id_and_side() {
        let measure = threshold(
            Atlas::builtin(),
            "upper trapezius 1",
            Some("right"),
            "310kPa",
        );
        assert_eq!(
            measure,
            Ok(Measure::Threshold {
                trigger_point: "upper-trapezius-1".into(),
                side: knot_record::Side::Right,
                kg_per_cm2: 3.16
            })
        );
    }

    #[test]
    fn function_needs_an_activity_and_a_score() {
        assert!(function("reaching the top shelf", "6").is_ok());
        assert!(function("", "6").is_err());
        let error = function("reaching the top shelf", "11").unwrap_err();
        assert!(error.to_string().contains("unable to do it"), "{error}");
    }

    #[test]
    fn validate_refuses_what_the_parsers_would_refuse() {
        let atlas = Atlas::builtin();
        let bad = [
            Measure::Pain {
                score: 11,
                region: None,
            },
            Measure::Pain {
                score: 5,
                region: Some("nowhere".into()),
            },
            Measure::Threshold {
                trigger_point: "upper-trapezius-1".into(),
                side: knot_record::Side::Midline,
                kg_per_cm2: 3.0,
            },
            Measure::RangeOfMotion {
                movement: "cervical-flexion".into(),
                degrees: 400.0,
            },
            Measure::Note { text: " x".into() },
        ];
        for measure in bad {
            assert!(validate(atlas, &measure).is_err(), "{measure:?}");
        }
    }
}
