//! `FindResult::write_json` writes exactly the bytes serde_json writes for the same answer, for
//! random drawings, answers, words that need escaping and red flags with and without a rule.

use proptest::prelude::*;

use knot_body::Scheme;
use knot_finder::{Answer, Drawing, FindRequest, FindResult, Finder, Mark, RedFlag, RedFlagRule};

fn same_bytes(result: &FindResult) -> Result<(), TestCaseError> {
    let mut ours = Vec::new();
    result.write_json(&mut ours);
    let serde = serde_json::to_vec(result).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&serde)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_drawing_is_written_as_serde_writes_it(
        marks in prop::collection::vec((0..Scheme::builtin().len(), 0.0f64..10.0, any::<bool>()), 1..7),
        answer_first_question in prop::option::of(prop_oneof![Just(Answer::Yes), Just(Answer::No)]),
    ) {
        let finder = Finder::builtin();
        let mut drawing = Drawing::default();
        for (region, intensity, worst) in marks {
            drawing.add(Mark { region, intensity, worst });
        }
        let mut result = finder.find(&drawing);
        same_bytes(&result)?;
        if let (Some(answer), Some(question)) = (answer_first_question, result.questions.first()) {
            drawing.answers.insert(question.id.clone(), answer);
            result = finder.find(&drawing);
            same_bytes(&result)?;
        }
    }

    #[test]
    fn words_that_need_escaping_are_written_as_serde_writes_them(
        words in prop::collection::vec("[ -~\u{0}-\u{1f}\"\\\\é—😀]{0,30}", 1..4),
    ) {
        let request = FindRequest {
            terms: words.iter().cloned().chain(["left temple".to_string()]).collect(),
            ..FindRequest::default()
        };
        let finder = Finder::builtin();
        if let Ok(result) = finder.answer(&request) {
            same_bytes(&result)?;
        }
    }
}

#[test]
fn red_flags_with_and_without_a_rule_are_written_as_serde_writes_them() {
    let finder = Finder::builtin();
    let mut drawing = Drawing::default();
    drawing.add(Mark {
        region: 0,
        intensity: 5.0,
        worst: true,
    });
    let mut result = finder.find(&drawing);
    result.red_flags = vec![
        RedFlag {
            symptom: "foot-drop".into(),
            question: "cauda-equina".into(),
            rule: None,
        },
        RedFlag {
            symptom: "a \"quoted\" symptom\twith a tab".into(),
            question: "back\\slash".into(),
            rule: Some(RedFlagRule {
                severity: "stop".into(),
                title: "Title".into(),
                message: "Line one\nline two".into(),
                hint: "take_screening".into(),
            }),
        },
    ];
    let mut ours = Vec::new();
    result.write_json(&mut ours);
    assert_eq!(ours, serde_json::to_vec(&result).unwrap());
}
