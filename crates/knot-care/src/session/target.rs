//! The discomfort target and the steering rule that keeps pressure near it.
//!
//! Pressure on a trigger point is steered by felt discomfort, not by force: a "good hurt" of
//! about 5–7 out of 10 (sources give 5/10 and 7/10, so the target is a setting). A reading more
//! than one point above the target means ease off; more than one below means the person may press
//! a little firmer — unless the session allows light pressure only, when low is simply right.

use serde::{Deserialize, Serialize};

/// The target when the person sets none.
pub const DEFAULT_TARGET: u8 = 6;
/// The lowest target a person may set.
pub const MIN_TARGET: u8 = 3;
/// The highest target a person may set: with one point of leeway, readings of 9 or 10 are always
/// "ease off".
pub const MAX_TARGET: u8 = 7;
/// The target used when only light pressure is allowed (anticoagulants, osteoporosis, …).
pub const LIGHT_PRESSURE_TARGET: u8 = 4;

/// The discomfort, 0–10, a person aims for while pressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target(u8);

impl Target {
    /// A target within [`MIN_TARGET`]..=[`MAX_TARGET`]; `None` outside it.
    pub fn new(value: u8) -> Option<Target> {
        (MIN_TARGET..=MAX_TARGET)
            .contains(&value)
            .then_some(Target(value))
    }

    /// The value, 0–10.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The readings that count as on target: one point either side.
    pub fn band(self) -> (u8, u8) {
        (self.0.saturating_sub(1), (self.0 + 1).min(10))
    }

    /// The target when firm pressure is not allowed: never above [`LIGHT_PRESSURE_TARGET`].
    pub fn for_light_pressure(self) -> Target {
        Target(self.0.min(LIGHT_PRESSURE_TARGET))
    }
}

impl Default for Target {
    fn default() -> Self {
        Target(DEFAULT_TARGET)
    }
}

/// What to tell the person after a discomfort reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    /// Above the target band: lighten the pressure.
    EaseOff,
    /// Within the band: keep it there.
    Steady,
    /// Below the band, firm pressure allowed: a little firmer is fine.
    PressFirmer,
    /// Below the band, light pressure only: stay as light as this.
    StayLight,
}

/// The steering rule: how a discomfort reading compares with the target.
pub fn steer(discomfort: u8, target: Target, firm_pressure: bool) -> Advice {
    let (low, high) = target.band();
    if discomfort > high {
        Advice::EaseOff
    } else if discomfort >= low {
        Advice::Steady
    } else if firm_pressure {
        Advice::PressFirmer
    } else {
        Advice::StayLight
    }
}

impl Advice {
    /// The advice in plain words.
    pub fn text(self, target: Target) -> String {
        let t = target.value();
        match self {
            Advice::EaseOff => format!(
                "Ease off a little: aim for about {t}/10, a strong but bearable ache, never more."
            ),
            Advice::Steady => {
                "Good: hold it there, and sink a little deeper only as the knot softens.".into()
            }
            Advice::PressFirmer => {
                format!("You may press a little firmer, up to about {t}/10.")
            }
            Advice::StayLight => {
                "That is fine: this session allows light pressure only, so stay this light.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_outside_three_to_seven_are_refused() {
        assert!(Target::new(2).is_none());
        assert!(Target::new(8).is_none());
        assert_eq!(Target::new(5).map(Target::value), Some(5));
    }

    #[test]
    fn light_pressure_caps_the_target() {
        assert_eq!(Target::default().for_light_pressure().value(), 4);
        assert_eq!(
            Target::new(3).map(|t| t.for_light_pressure().value()),
            Some(3)
        );
    }
}
