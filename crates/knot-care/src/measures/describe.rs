//! A stored measure in words, for tables and pages: its kind, its value with the unit, and what
//! it is about (a region, a trigger point, a movement, an activity).

use knot_record::Measure;
use serde::Serialize;

use super::movements::movements;
use super::region::region_name;

/// A measure ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Described {
    /// "pain", "threshold", "range of motion", "function", "note".
    pub kind: &'static str,
    /// "6/10", "3.20 kg/cm²", "70°", "42 mm"; a note's text.
    pub value: String,
    /// "right temple", "overall", "upper-trapezius-1 (right)", a movement's or activity's name.
    pub subject: String,
}

/// Describes a measure.
pub fn describe(measure: &Measure) -> Described {
    match measure {
        Measure::Pain { score, region } => Described {
            kind: "pain",
            value: format!("{score}/10"),
            subject: region
                .as_deref()
                .map_or_else(|| "overall".to_string(), region_name),
        },
        Measure::Threshold {
            trigger_point,
            side,
            kg_per_cm2,
        } => Described {
            kind: "threshold",
            value: format!("{kg_per_cm2:.2} kg/cm²"),
            subject: format!("{trigger_point} ({})", side.word()),
        },
        Measure::RangeOfMotion { movement, degrees } => {
            let known = movements().iter().find(|m| &m.id == movement);
            Described {
                kind: "range of motion",
                value: format!(
                    "{}{}",
                    trim_number(*degrees),
                    known.map_or("°", |m| m.unit.suffix())
                ),
                subject: known.map_or_else(|| movement.clone(), |m| m.name.clone()),
            }
        }
        Measure::Function { activity, score } => Described {
            kind: "function",
            value: format!("{score}/10"),
            subject: activity.clone(),
        },
        Measure::Note { text } => Described {
            kind: "note",
            value: text.clone(),
            subject: String::new(),
        },
    }
}

/// 70.0 → "70", 70.5 → "70.5".
fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_record::Side;

    #[test]
    fn each_kind_reads_with_its_unit() {
        let pain = describe(&Measure::Pain {
            score: 6,
            region: Some("right-temple".into()),
        });
        assert_eq!(
            (pain.value.as_str(), pain.subject.as_str()),
            ("6/10", "right temple")
        );
        let ppt = describe(&Measure::Threshold {
            trigger_point: "upper-trapezius-1".into(),
            side: Side::Right,
            kg_per_cm2: 3.2,
        });
        assert_eq!(ppt.value, "3.20 kg/cm²");
        let rom = describe(&Measure::RangeOfMotion {
            movement: "mouth-opening".into(),
            degrees: 42.0,
        });
        assert_eq!(rom.value, "42 mm");
        let neck = describe(&Measure::RangeOfMotion {
            movement: "cervical-rotation-left".into(),
            degrees: 70.5,
        });
        assert_eq!(neck.value, "70.5°");
    }

    #[test]
    fn overall_pain_says_overall() {
        let pain = describe(&Measure::Pain {
            score: 3,
            region: None,
        });
        assert_eq!(pain.subject, "overall");
    }
}
