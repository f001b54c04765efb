//! Whether a planned treatment of one trigger point is safe for this person, given their latest
//! screening and the atlas's cautions and endangerment sites.
//!
//! (Interface fixed; the rules behind it come with the screening rule table.)

use knot_atlas::{Atlas, TriggerPoint};
use knot_store::Screening;
use serde::Serialize;

/// How a treatment may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Go ahead as the atlas doses it.
    Allowed,
    /// Go ahead with the warnings shown (e.g. near an endangerment site: broad, light contact there).
    Warned,
    /// Only light pressure, shorter holds (e.g. anticoagulants, osteoporosis, pregnancy at
    /// certain points); the messages say why.
    Softened,
    /// Do not treat this point (a local contraindication over it, or a red flag that means see
    /// a physician first); the messages say why and what to do.
    Blocked,
}

/// The verdict for one trigger point on one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatmentCheck {
    pub permission: Permission,
    /// What to tell the person, most serious first, in plain words.
    pub messages: Vec<String>,
    /// The largest share of the atlas's hold time to use (1.0 = as dosed; softened is lower).
    pub hold_scale: f64,
    /// Whether firm pressure is allowed at all (false: broad, light contact only).
    pub firm_pressure: bool,
}

/// Checks a treatment of `trigger_point` against the person's latest screening (None when they
/// have not taken one: treatment is warned, not blocked, and told to screen first).
pub fn check_treatment(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
) -> TreatmentCheck {
    let _ = (atlas, screening, trigger_point);
    TreatmentCheck {
        permission: Permission::Warned,
        messages: vec!["The safety rules are not built yet.".into()],
        hold_scale: 1.0,
        firm_pressure: true,
    }
}
