//! The web app's words for the domain's pointers, in two registers: for API clients a [`Hint`]
//! names the endpoint or schema to use ([`api`]); on the pages it names a page or the form's
//! own list ([`page`]), and a session [`Cue`] names the buttons. The only place the web app
//! turns those values into words, so nothing here rewrites a finished sentence.

use knot_care::hint::{Cue, Hint};
use knot_care::measures::MeasureError;
use knot_care::screen::AnswerError;
use knot_care::session::Notice;

/// `text` with `hint` joined on, for an API client.
pub(crate) fn api(text: &str, hint: &Hint) -> String {
    match hint {
        Hint::TakeScreening => clause(text, ": POST /api/v1/screening"),
        Hint::ListRegions => clause(text, " (GET /api/v1/regions lists them)"),
        Hint::ListTriggerPoints { muscle: None } => sentence(
            text,
            "GET /api/v1/atlas/muscles/{id} lists a muscle's trigger points.",
        ),
        Hint::ListTriggerPoints { muscle: Some(id) } => sentence(
            text,
            &format!("GET /api/v1/atlas/muscles/{id} lists its trigger points."),
        ),
        Hint::ListMovements => sentence(
            text,
            "the RangeOfMotion schema in GET /api/openapi.json lists them.",
        ),
        Hint::ShowMuscle { muscle, .. } => sentence(
            text,
            &format!(
                "GET /api/v1/atlas/muscles/{muscle} describes where it is and where it refers."
            ),
        ),
        Hint::LogPain => sentence(text, "Keep logging with POST /api/v1/diary."),
        Hint::StartSession => clause(text, " (POST /api/v1/sessions)"),
        Hint::BuildPlan => sentence(text, "Build one with POST /api/v1/plan."),
    }
}

/// `text` with `hint` joined on, for a page: a page or the form's list, never a command.
pub(crate) fn page(text: &str, hint: &Hint) -> String {
    match hint {
        Hint::TakeScreening => clause(text, ": use the Screen page"),
        Hint::ListRegions => clause(text, " (or choose one from the list)"),
        Hint::ListTriggerPoints { .. } | Hint::ListMovements => {
            sentence(text, "Choose one from the list.")
        }
        Hint::ShowMuscle { .. } => sentence(
            text,
            "The muscle's atlas page shows where it is and where it refers.",
        ),
        Hint::LogPain => sentence(text, "Keep logging pain in the diary."),
        Hint::StartSession => clause(text, " (start one on the Treat page)"),
        Hint::BuildPlan => sentence(text, "Build one on the Plan page."),
    }
}

/// A link on a page for `hint`, where one page holds what it points to: (href, link text).
pub(crate) fn page_link(hint: &Hint) -> Option<(String, &'static str)> {
    match hint {
        Hint::ShowMuscle { muscle, side } => Some((
            format!("/atlas/{muscle}?side={}", side.word()),
            "See where it is on the body chart",
        )),
        Hint::TakeScreening => Some(("/screen".into(), "Take the safety screening")),
        _ => None,
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

/// `first` and `then` as two sentences, with exactly one full stop between them.
pub(crate) fn sentences(first: &str, then: &str) -> String {
    let first = first.trim_end().trim_end_matches('.');
    format!("{first}. {then}")
}

/// What the step accepts, in the page's buttons.
pub(crate) fn cue(cue: Cue) -> &'static str {
    match cue {
        Cue::ContinueOrSkipStep => "Choose Continue to go on, or Skip this step.",
        Cue::StartFirstHold => "Choose Continue to start the first hold.",
        Cue::FinishWarmUp => "Warm the muscle up with broad strokes; Continue to go on.",
        Cue::DiscomfortReleaseOrSkipHold => {
            "While pressing: type your discomfort 0–10, Release to end the hold early, Skip hold \
             to skip it."
        }
        Cue::SoftenedYesNo => "Did the knot soften, or the referred pain fade? Answer yes or no.",
        Cue::StretchDoneOrSkip => "Choose Continue when you have stretched, or Skip it.",
    }
}

/// A session notice's words on the page: its cue in buttons, or its text.
pub(crate) fn notice(notice: &Notice) -> &str {
    match notice.cue {
        Some(c) => cue(c),
        None => &notice.text,
    }
}

/// A refused measure beside its form field, as a sentence.
pub(crate) fn page_measure_error(error: &MeasureError) -> String {
    let text = error.to_string();
    let text = error
        .hint()
        .map_or_else(|| text.clone(), |hint| page(&text, &hint));
    crate::pages::capitalized(&text)
}

/// A refused screening answer for an API client: fields, not flags.
pub(crate) fn api_answer_error(error: &AnswerError) -> String {
    let text = error.to_string();
    let text = error
        .hint()
        .map_or_else(|| text.clone(), |hint| api(&text, &hint));
    match error {
        AnswerError::Missing { questions } => format!(
            "{text} in \"answers\" (e.g. {}=no)",
            questions.first().map_or("ID", String::as_str)
        ),
        _ => text,
    }
}

/// A refused screening answer on the Screen page.
pub(crate) fn page_answer_error(error: &AnswerError) -> String {
    let text = error.to_string();
    error
        .hint()
        .map_or_else(|| text.clone(), |hint| page(&text, &hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_body::Side;

    fn every_hint() -> Vec<Hint> {
        Hint::one_of_each()
    }

    #[test]
    fn api_words_name_an_endpoint_or_the_api() {
        for hint in every_hint() {
            let text = api("Something.", &hint);
            assert!(
                text.contains("/api/") || text.contains("API"),
                "{hint:?}: {text}"
            );
            assert!(
                !text.contains('`') && !text.contains("knot "),
                "{hint:?}: {text}"
            );
        }
        assert!(api("x.", &Hint::TakeScreening).contains("POST /api/v1/screening"));
        assert!(api("x.", &Hint::ListRegions).contains("GET /api/v1/regions"));
        assert!(api("x.", &Hint::ListTriggerPoints { muscle: None })
            .contains("GET /api/v1/atlas/muscles/{id}"));
        assert!(api("x.", &Hint::ListMovements).contains("GET /api/openapi.json"));
    }

    #[test]
    fn page_words_name_no_command() {
        for hint in every_hint() {
            let text = page("Something.", &hint);
            assert!(
                !text.contains('`') && !text.contains("knot "),
                "{hint:?}: {text}"
            );
            assert!(!text.contains("/api/"), "{hint:?}: {text}");
        }
        assert_eq!(
            page("Take it first.", &Hint::TakeScreening),
            "Take it first: use the Screen page."
        );
    }

    #[test]
    fn the_picture_hint_links_to_the_muscle_page() {
        let hint = Hint::ShowMuscle {
            muscle: "masseter".into(),
            side: Side::Left,
        };
        assert_eq!(
            page_link(&hint).map(|(href, _)| href),
            Some("/atlas/masseter?side=left".to_string())
        );
    }

    #[test]
    fn cues_name_buttons_not_keys() {
        for c in [
            Cue::ContinueOrSkipStep,
            Cue::StartFirstHold,
            Cue::FinishWarmUp,
            Cue::DiscomfortReleaseOrSkipHold,
            Cue::SoftenedYesNo,
            Cue::StretchDoneOrSkip,
        ] {
            let text = cue(c);
            for keys in ["enter", "y or n", "s to skip"] {
                assert!(!text.contains(keys), "{c:?}: {text}");
            }
        }
    }

    #[test]
    fn unanswered_questions_are_phrased_as_the_answers_field() {
        let error = AnswerError::Missing {
            questions: vec!["fever".into()],
        };
        let text = api_answer_error(&error);
        assert!(text.contains("in \"answers\" (e.g. fever=no)"), "{text}");
        assert!(!text.contains("--answer"), "{text}");
    }

    #[test]
    fn measure_refusals_point_to_the_list_on_pages_and_the_endpoint_in_the_api() {
        let error = MeasureError::UnknownTriggerPoint {
            given: "x".into(),
            suggestions: vec![],
        };
        assert!(page_measure_error(&error).ends_with("Choose one from the list."));
        let hint = error.hint().expect("a pointer to the atlas");
        assert!(api(&error.to_string(), &hint).contains("GET /api/v1/atlas/muscles/{id}"));
    }

    #[test]
    fn sentences_never_double_the_full_stop() {
        assert_eq!(
            sentences("lists them.", "Nothing was stored."),
            "lists them. Nothing was stored."
        );
        assert_eq!(
            sentences("is empty", "Nothing was stored."),
            "is empty. Nothing was stored."
        );
    }
}
