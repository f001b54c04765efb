//! Pressure pain threshold: the pressure at which pressing starts to hurt, read from an algometer
//! with a 1 cm² tip, in kg/cm² (also accepted in kPa or N/cm² and converted).
//!
//! Healthy upper-trapezius thresholds sit around 3–5 kg/cm²; an active trigger point reads about
//! 1 kg/cm² (≈ 105 kPa) lower (Geri et al. 2022). Values are kept to 0.01 kg/cm², finer than any
//! hand-held algometer reads and well under the minimal detectable change (0.34–0.62 kg/cm²).

use super::error::MeasureError;

/// Kilopascals in one kilogram-force per square centimetre.
pub const KPA_PER_KG_CM2: f64 = 98.0665;
/// Newtons per square centimetre in one kilogram-force per square centimetre.
pub const N_CM2_PER_KG_CM2: f64 = 9.80665;
/// The lowest threshold accepted, kg/cm² (an algometer's first reading).
pub const THRESHOLD_MIN: f64 = 0.1;
/// The highest threshold accepted, kg/cm²; beyond this a reading is taken as a typing mistake.
pub const THRESHOLD_MAX: f64 = 15.0;

/// How the valid range is described.
pub fn threshold_valid() -> String {
    format!(
        "a pressure from {THRESHOLD_MIN} to {THRESHOLD_MAX} kg/cm² (about {:.0} to {:.0} kPa), \
         e.g. 3.2, 3.2kg or 310kPa",
        THRESHOLD_MIN * KPA_PER_KG_CM2,
        THRESHOLD_MAX * KPA_PER_KG_CM2
    )
}

/// Reads a threshold with an optional unit ("3.2", "3.2kg", "3.2 kg/cm²", "310kPa", "31N/cm2")
/// and gives kg/cm², rounded to 0.01.
pub fn parse_kg_per_cm2(text: &str) -> Result<f64, MeasureError> {
    let out_of_range = || MeasureError::OutOfRange {
        what: "the pressure pain threshold".into(),
        valid: threshold_valid(),
        given: text.to_string(),
    };
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let value: f64 = number.parse().map_err(|_| out_of_range())?;
    let per_kg = unit_factor(unit).ok_or_else(|| MeasureError::UnknownUnit {
        what: "the pressure pain threshold".into(),
        given: unit.trim().to_string(),
        accepted: "kg (kg/cm²), kPa or N/cm², or no unit for kg/cm²".into(),
    })?;
    // Rounded to what is kept before the range check, so that a reading in another unit that
    // converts to a hair over a bound (1471 kPa is 15.0001 kg/cm²) is taken as the bound.
    let kg = (value / per_kg * 100.0).round() / 100.0;
    if !kg.is_finite() || !(THRESHOLD_MIN..=THRESHOLD_MAX).contains(&kg) {
        return Err(out_of_range());
    }
    Ok(kg)
}

/// Checks a stored threshold is in range.
pub fn check_kg_per_cm2(kg: f64) -> Result<(), MeasureError> {
    if kg.is_finite() && (THRESHOLD_MIN..=THRESHOLD_MAX).contains(&kg) {
        Ok(())
    } else {
        Err(MeasureError::OutOfRange {
            what: "the pressure pain threshold".into(),
            valid: threshold_valid(),
            given: kg.to_string(),
        })
    }
}

/// How many of the unit make one kg/cm²; None for a unit not known.
fn unit_factor(unit: &str) -> Option<f64> {
    let unit: String = unit
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .replace('²', "2");
    match unit.as_str() {
        "" | "kg" | "kgf" | "kg/cm2" | "kgf/cm2" | "kgcm2" => Some(1.0),
        "kpa" => Some(KPA_PER_KG_CM2),
        "n/cm2" | "ncm2" | "n" => Some(N_CM2_PER_KG_CM2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_kg_forms_read_the_same() {
        for text in ["3.2", "3.2kg", "3.2 kg/cm²", "3.2kgf/cm2", " 3.20 "] {
            assert_eq!(parse_kg_per_cm2(text), Ok(3.2), "{text}");
        }
    }

    #[test]
    fn kilopascals_are_converted() {
        assert_eq!(parse_kg_per_cm2("310kPa"), Ok(3.16));
        assert_eq!(parse_kg_per_cm2("98.0665 kpa"), Ok(1.0));
        assert_eq!(parse_kg_per_cm2("31.4N/cm2"), Ok(3.2));
    }

    #[test]
    fn out_of_range_and_odd_input_is_refused_with_the_range() {
        for text in ["0", "-1", "15.5", "2000kPa", "nan", "inf", "", "3..2"] {
            let error = parse_kg_per_cm2(text).unwrap_err();
            assert!(error.to_string().contains("0.1 to 15"), "{text}: {error}");
        }
    }

    #[test]
    fn an_unknown_unit_is_named() {
        let error = parse_kg_per_cm2("3.2psi").unwrap_err();
        assert!(matches!(&error, MeasureError::UnknownUnit { given, .. } if given == "psi"));
    }
}
