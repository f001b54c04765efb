//! A range of motion measured in a visit: the movement, the degrees reached, the side and
//! whether it hurt. A movement of the diary's catalogue (`data/movements.toml`) is checked
//! against its plausible maximum; a movement the catalogue lacks is kept as the therapist wrote
//! it, within a full circle.

use serde::{Deserialize, Serialize};

use super::error::{Invalid, Problem};
use super::point::ChartSide;
use crate::measures::movements;

/// One measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RangeOfMotion {
    /// A catalogue id (`cervical-rotation-left`) or the therapist's own name for it.
    pub movement: String,
    /// Degrees reached (millimetres for a movement the catalogue measures in mm).
    pub degrees: f64,
    /// The side moved (midline for movements of the spine as a whole); `None` when the
    /// measurement was charted without one.
    pub side: Option<ChartSide>,
    /// Whether the movement was painful.
    pub painful: bool,
}

/// Checks one measurement.
pub fn validate_rom(rom: &RangeOfMotion) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    let name = rom.movement.trim();
    if name.is_empty() || name.len() != rom.movement.len() {
        problems.push(Problem::new(
            "movement",
            "name the movement, without spaces at its start or end",
        ));
    }
    let known = movements().iter().find(|m| m.id == rom.movement);
    let (max, unit) = known.map_or((360.0, "degrees"), |m| (m.max, m.unit.word()));
    if !rom.degrees.is_finite() || !(0.0..=max).contains(&rom.degrees) {
        problems.push(Problem::new(
            "degrees",
            format!(
                "{} is outside 0–{max} {unit} for {}",
                rom.degrees, rom.movement
            ),
        ));
    }
    Invalid::check(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rom(movement: &str, degrees: f64) -> RangeOfMotion {
        RangeOfMotion {
            movement: movement.into(),
            degrees,
            side: Some(ChartSide::Left),
            painful: false,
        }
    }

    #[test]
    fn a_catalogue_movement_is_held_to_its_own_maximum() {
        assert!(validate_rom(&rom("cervical-rotation-left", 70.0)).is_ok());
        let error = validate_rom(&rom("cervical-rotation-left", 170.0)).unwrap_err();
        assert!(error.to_string().contains("0–110"), "{error}");
    }

    #[test]
    fn a_movement_outside_the_catalogue_is_kept_within_a_circle() {
        assert!(validate_rom(&rom("shoulder abduction", 170.0)).is_ok());
        assert!(validate_rom(&rom("shoulder abduction", 400.0)).is_err());
        assert!(validate_rom(&rom("shoulder abduction", -1.0)).is_err());
        assert!(validate_rom(&rom(" ", 10.0)).is_err());
    }
}
