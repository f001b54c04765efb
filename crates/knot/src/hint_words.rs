//! Where to go next, in the terminal's words: each [`Hint`] a use case or the domain gives
//! becomes the command that does it.

use knot_care::hint::Hint;

/// The sentence that points to the command for `hint`.
pub fn terminal_hint(hint: &Hint) -> String {
    match hint {
        Hint::TakeScreening => "Take it with `knot screen`.".into(),
        Hint::ListRegions => "`knot regions` lists the body regions.".into(),
        Hint::ListTriggerPoints { muscle: None } => "`knot atlas` lists every muscle.".into(),
        Hint::ListTriggerPoints {
            muscle: Some(muscle),
        } => format!("`knot show {muscle}` lists its trigger points."),
        Hint::ListMovements => "`knot log movements` lists them.".into(),
        Hint::ShowMuscle { muscle, side } => format!(
            "`knot show {muscle} --side {} --svg {muscle}.svg` draws where it is and where it \\
             refers.",
            side.word()
        ),
        Hint::LogPain => "Keep logging with `knot log pain N`.".into(),
        Hint::StartSession => "`knot treat MUSCLE` guides a session.".into(),
        Hint::BuildPlan => "Build one with `knot plan`.".into(),
    }
}
