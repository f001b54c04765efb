//! The terminal's words for the domain's pointers: a [`Hint`] becomes the `knot` command that
//! does it, a session [`Cue`] names the keys, and refusals that carry a hint, a field or a list
//! of unanswered questions are phrased with the flags that fix them. The only place the CLI
//! turns those values into words.

use knot_care::hint::{Cue, Hint};
use knot_care::measures::MeasureError;
use knot_care::screen::{AnswerError, RegionsFor};

/// The command that does what `hint` points to.
pub fn command(hint: &Hint) -> String {
    match hint {
        Hint::TakeScreening => "knot screen".into(),
        Hint::ListRegions => "knot regions".into(),
        Hint::ListTriggerPoints { muscle } => {
            format!("knot show {}", muscle.as_deref().unwrap_or("MUSCLE"))
        }
        Hint::ListMovements => "knot log movements".into(),
        Hint::ShowMuscle { muscle, side } => {
            format!(
                "knot show {muscle} --side {} --svg {muscle}.svg",
                side.word()
            )
        }
        Hint::LogPain => "knot log pain N".into(),
        Hint::StartSession => "knot treat".into(),
        Hint::BuildPlan => "knot plan".into(),
    }
}

/// `text` with `hint` joined on, the command in backticks as the terminal shows commands.
pub fn with_hint(text: &str, hint: &Hint) -> String {
    attach(text, hint, "`")
}

/// `text` with `hint` joined on, the command unquoted: for documents (the HTML report) where
/// backticks would show as they are.
pub fn with_hint_unquoted(text: &str, hint: &Hint) -> String {
    attach(text, hint, "")
}

/// A line of its own for `hint`, e.g. under a session step.
pub fn line(hint: &Hint) -> String {
    let command = format!("`{}`", command(hint));
    match hint {
        Hint::TakeScreening => format!("To take the safety screening, run {command}."),
        Hint::ShowMuscle { .. } => {
            format!("Picture: {command} draws where it is and where it refers.")
        }
        _ => attach("", hint, "`").trim_start().to_string(),
    }
}

fn attach(text: &str, hint: &Hint, quote: &str) -> String {
    let command = format!("{quote}{}{quote}", command(hint));
    match hint {
        Hint::TakeScreening => clause(text, &format!(": run {command}")),
        Hint::ListRegions => clause(text, &format!(" ({command} lists them)")),
        Hint::StartSession => clause(text, &format!(" ({command})")),
        Hint::ListTriggerPoints { muscle: None } => {
            sentence(text, &format!("{command} lists a muscle's trigger points."))
        }
        Hint::ListTriggerPoints { muscle: Some(_) } => {
            sentence(text, &format!("{command} lists its trigger points."))
        }
        Hint::ListMovements => sentence(text, &format!("{command} lists them.")),
        Hint::ShowMuscle { .. } => sentence(
            text,
            &format!("Picture: {command} draws where it is and where it refers."),
        ),
        Hint::LogPain => sentence(text, &format!("Keep logging with {command}.")),
        Hint::BuildPlan => sentence(text, &format!("Build one with {command}.")),
    }
}

/// `words` inside the sentence, before its closing full stop if it has one.
fn clause(text: &str, words: &str) -> String {
    let text = text.trim_end();
    match text.strip_suffix('.') {
        Some(body) => format!("{body}{words}."),
        None => format!("{text}{words}"),
    }
}

/// `then` as a sentence after `text`.
fn sentence(text: &str, then: &str) -> String {
    format!("{} {then}", text.trim_end())
}

/// What the step accepts, in keys.
pub fn cue(cue: Cue) -> &'static str {
    match cue {
        Cue::ContinueOrSkipStep => "Press enter to go on, or s to skip this step.",
        Cue::StartFirstHold => "Press enter to start the first hold.",
        Cue::FinishWarmUp => "Warm the muscle up with broad strokes; enter to go on.",
        Cue::DiscomfortReleaseOrSkipHold => {
            "While pressing: type your discomfort 0–10, enter to release, s to skip this hold."
        }
        Cue::SoftenedYesNo => "Did the knot soften, or the referred pain fade? Answer y or n.",
        Cue::StretchDoneOrSkip => "Press enter when you have stretched, or s to skip it.",
    }
}

/// A session notice's words: its cue in keys, or its text.
pub fn notice(notice: &knot_care::session::Notice) -> &str {
    match notice.cue {
        Some(c) => cue(c),
        None => &notice.text,
    }
}

/// A refused measure, with the command that lists what is accepted.
pub fn measure_error(error: &MeasureError) -> String {
    let text = error.to_string();
    match error.hint() {
        Some(hint) => with_hint(&text, &hint),
        None => text,
    }
}

/// A refused screening answer, with the flag or command that fixes it.
pub fn answer_error(error: &AnswerError) -> String {
    let text = match error.hint() {
        Some(hint) => with_hint(&error.to_string(), &hint),
        None => error.to_string(),
    };
    match error {
        AnswerError::UnknownRegion {
            context: RegionsFor::Local,
            ..
        } => format!("--{text}"),
        AnswerError::Missing { questions } => format!(
            "{text} (e.g. --answer {}=no)",
            questions.first().map_or("ID", String::as_str)
        ),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_body::Side;

    fn every_hint() -> Vec<Hint> {
        Hint::one_of_each()
    }

    #[test]
    fn every_hint_names_its_command() {
        for hint in every_hint() {
            let command = command(&hint);
            assert!(command.starts_with("knot "), "{hint:?}: {command}");
            for text in [
                with_hint("Something.", &hint),
                line(&hint),
                with_hint_unquoted("Something.", &hint),
            ] {
                assert!(text.contains(&command), "{hint:?}: {text}");
            }
            assert!(!with_hint_unquoted("Something.", &hint).contains('`'));
        }
    }

    #[test]
    fn the_picture_command_names_muscle_side_and_file() {
        let hint = Hint::ShowMuscle {
            muscle: "masseter".into(),
            side: Side::Left,
        };
        assert_eq!(
            command(&hint),
            "knot show masseter --side left --svg masseter.svg"
        );
    }

    #[test]
    fn pointers_read_as_before_the_domain_dropped_them() {
        assert_eq!(
            with_hint("Take it first.", &Hint::TakeScreening),
            "Take it first: run `knot screen`."
        );
        assert_eq!(
            with_hint("or a region id.", &Hint::ListRegions),
            "or a region id (`knot regions` lists them)."
        );
        assert_eq!(
            with_hint("in this period.", &Hint::StartSession),
            "in this period (`knot treat`)."
        );
        assert_eq!(
            with_hint("5 needed).", &Hint::LogPain),
            "5 needed). Keep logging with `knot log pain N`."
        );
    }

    #[test]
    fn unanswered_questions_are_phrased_as_flags() {
        let error = AnswerError::Missing {
            questions: vec!["fever".into(), "cancer".into()],
        };
        assert_eq!(
            answer_error(&error),
            "these questions are not answered: fever, cancer; answer each (e.g. --answer \
             fever=no)"
        );
        let local = AnswerError::UnknownRegion {
            context: RegionsFor::Local,
            term: "x".into(),
            suggestions: vec![],
        };
        let text = answer_error(&local);
        assert!(text.starts_with("--local: "), "{text}");
        assert!(text.contains("(`knot regions` lists them)"), "{text}");
    }

    #[test]
    fn cues_name_keys() {
        assert!(cue(Cue::SoftenedYesNo).contains("y or n"));
        assert!(cue(Cue::ContinueOrSkipStep).contains("Press enter"));
        assert!(cue(Cue::StretchDoneOrSkip).contains("s to skip"));
    }
}
