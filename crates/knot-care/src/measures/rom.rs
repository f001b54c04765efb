//! Range of motion: a movement from the catalogue and a value in its unit (degrees, or mm for
//! mouth opening), from 0 to the movement's plausible maximum, kept to 0.1.

use knot_record::Measure;

use super::error::MeasureError;
use super::movements::{find_movement, Movement, Unit};

/// How a movement's valid range is described.
pub fn rom_valid(movement: &Movement) -> String {
    format!(
        "from 0 to {} {} (typical: about {}{})",
        movement.max,
        movement.unit.word(),
        movement.normal,
        movement.unit.suffix()
    )
}

/// Reads a range-of-motion entry: the movement's name and its value ("70", "70°", "70deg",
/// "45mm"). The value is stored in the movement's unit, in the field `degrees`.
pub fn range_of_motion(movement: &str, value: &str) -> Result<Measure, MeasureError> {
    let movement = find_movement(movement)?;
    let degrees = parse_value(movement, value)?;
    Ok(Measure::RangeOfMotion {
        movement: movement.id.clone(),
        degrees,
    })
}

/// Checks a stored range-of-motion value.
pub fn check_range_of_motion(movement_id: &str, value: f64) -> Result<(), MeasureError> {
    let movement = find_movement(movement_id)?;
    if movement.id != movement_id {
        return Err(MeasureError::UnknownMovement {
            given: movement_id.to_string(),
            suggestions: vec![movement.id.clone()],
        });
    }
    if value.is_finite() && (0.0..=movement.max).contains(&value) {
        Ok(())
    } else {
        Err(out_of_range(movement, &value.to_string()))
    }
}

fn parse_value(movement: &Movement, text: &str) -> Result<f64, MeasureError> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let value: f64 = number.parse().map_err(|_| out_of_range(movement, text))?;
    let unit_given = match unit.trim().to_lowercase().as_str() {
        "" => movement.unit,
        "°" | "deg" | "degree" | "degrees" => Unit::Degrees,
        "mm" => Unit::Mm,
        other => {
            return Err(MeasureError::UnknownUnit {
                what: movement.name.clone(),
                given: other.to_string(),
                accepted: format!("{} (or no unit)", movement.unit.word()),
            })
        }
    };
    if unit_given != movement.unit {
        return Err(MeasureError::UnknownUnit {
            what: movement.name.clone(),
            given: unit.trim().to_string(),
            accepted: format!("{} (or no unit)", movement.unit.word()),
        });
    }
    if !value.is_finite() || !(0.0..=movement.max).contains(&value) {
        return Err(out_of_range(movement, text));
    }
    Ok((value * 10.0).round() / 10.0)
}

fn out_of_range(movement: &Movement, given: &str) -> MeasureError {
    MeasureError::OutOfRange {
        what: format!("{} ({})", movement.name, movement.id),
        valid: rom_valid(movement),
        given: given.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_with_or_without_a_unit() {
        for text in ["70", "70°", "70 deg", "70degrees", "69.96"] {
            assert_eq!(
                range_of_motion("neck rotation left", text),
                Ok(Measure::RangeOfMotion {
                    movement: "cervical-rotation-left".into(),
                    degrees: 70.0
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn mouth_opening_is_in_millimetres() {
        assert!(range_of_motion("mouth opening", "42mm").is_ok());
        let error = range_of_motion("mouth opening", "42°").unwrap_err();
        assert!(error.to_string().contains("mm"), "{error}");
    }

    #[test]
    fn beyond_the_plausible_maximum_is_refused_with_the_range() {
        let error = range_of_motion("cervical-rotation-left", "170").unwrap_err();
        assert!(
            error.to_string().contains("from 0 to 110 degrees"),
            "{error}"
        );
        assert!(range_of_motion("cervical-rotation-left", "-5").is_err());
    }

    #[test]
    fn stored_values_are_checked_against_the_exact_id() {
        assert!(check_range_of_motion("cervical-flexion", 45.0).is_ok());
        assert!(check_range_of_motion("neck flexion", 45.0).is_err());
        assert!(check_range_of_motion("cervical-flexion", 91.0).is_err());
        assert!(check_range_of_motion("cervical-flexion", f64::NAN).is_err());
    }
}
