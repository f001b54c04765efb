//! Where to go next, as a value rather than words. A refusal or a session prompt that points the
//! person somewhere ("take the screening", "list the regions") carries a [`Hint`]; each front end
//! phrases it in its own terms (`knot screen` on the terminal, the Screen page in the browser,
//! `POST /api/v1/screening` for an API client). The domain never names a command or a page.

use serde::Serialize;

/// A pointer to the next thing to do or look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "hint", rename_all = "snake_case")]
pub enum Hint {
    /// Take (or retake) the safety screening.
    TakeScreening,
    /// See the list of body regions and their ids.
    ListRegions,
    /// See a muscle's trigger points (any muscle when `muscle` is `None`).
    ListTriggerPoints { muscle: Option<String> },
    /// See the movements range of motion can be logged for.
    ListMovements,
    /// Look at a muscle's picture: where its trigger point lies and where it refers.
    ShowMuscle {
        muscle: String,
        side: knot_body::Side,
    },
    /// Log pain scores in the diary.
    LogPain,
    /// Do a guided treatment session.
    StartSession,
    /// Build a home plan from confirmed trigger points.
    BuildPlan,
}
