//! Where to go next, as a value rather than words. A refusal or a session prompt that points the
//! person somewhere ("take the screening", "list the regions") carries a [`Hint`]; each front end
//! phrases it in its own terms (`knot screen` on the terminal, the Screen page in the browser,
//! `POST /api/v1/screening` for an API client). The domain never names a command or a page.
//! Likewise a guided-session step that ignored an input says what it accepts as a [`Cue`], and
//! each front end names its own keys or buttons.

use serde::{Deserialize, Serialize};

/// A pointer to the next thing to do or look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// What a guided-session step accepts, said when an input did not fit it. Each front end names
/// its own controls (a key on the terminal, a button in the browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Go on to the next step, or skip this one.
    ContinueOrSkipStep,
    /// Go on to start the first hold.
    StartFirstHold,
    /// Warm the muscle up, then go on.
    FinishWarmUp,
    /// While pressing: a discomfort reading, release the hold, or skip it.
    DiscomfortReleaseOrSkipHold,
    /// Whether the knot softened or the referred pain faded: yes or no.
    SoftenedYesNo,
    /// Go on once stretched, or skip the stretch.
    StretchDoneOrSkip,
}

impl Hint {
    /// One hint of each kind, with example values: for the front ends' tests that every kind
    /// is phrased.
    pub fn one_of_each() -> Vec<Hint> {
        vec![
            Hint::TakeScreening,
            Hint::ListRegions,
            Hint::ListTriggerPoints { muscle: None },
            Hint::ListTriggerPoints {
                muscle: Some("masseter".into()),
            },
            Hint::ListMovements,
            Hint::ShowMuscle {
                muscle: "masseter".into(),
                side: knot_body::Side::Left,
            },
            Hint::LogPain,
            Hint::StartSession,
            Hint::BuildPlan,
        ]
    }
}
