//! The finder's behaviour on drawings whose answer the literature makes plain.

use knot_finder::{Answer, Drawing, FindRequest, Finder};

fn find(terms: &[&str]) -> knot_finder::FindResult {
    let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
    Finder::builtin().find(&Drawing::from_terms(&terms))
}

fn top_muscles(result: &knot_finder::FindResult, n: usize) -> Vec<&str> {
    let mut seen = Vec::new();
    for c in &result.candidates {
        if !seen.contains(&c.muscle_id) {
            seen.push(c.muscle_id);
        }
    }
    seen.truncate(n);
    seen
}

#[test]
fn finder_ranks_gluteus_minimus_for_sciatica_like_pain() {
    let result = find(&["left buttock", "back of the left thigh", "left calf"]);
    assert!(
        top_muscles(&result, 3).contains(&"gluteus-minimus"),
        "{:?}",
        top_muscles(&result, 5)
    );
    assert_eq!(result.candidates[0].side, knot_finder::CandidateSide::Left);
}

#[test]
fn finder_ranks_upper_trapezius_for_temple_and_neck_pain() {
    let result = find(&[
        "right temple",
        "side of the right neck",
        "behind the right ear",
    ]);
    assert_eq!(result.candidates[0].muscle_id, "upper-trapezius");
    assert!(result.candidates[0].explains.contains(&"right-temple"));
}

#[test]
fn finder_ranks_infraspinatus_for_deep_front_of_shoulder_pain() {
    let result = find(&[
        "front of the right shoulder",
        "front of the right upper arm",
    ]);
    assert!(
        top_muscles(&result, 3).contains(&"infraspinatus"),
        "{:?}",
        top_muscles(&result, 5)
    );
}

#[test]
fn scores_are_probabilities_in_descending_order() {
    let result = find(&["left low back", "left buttock"]);
    assert!(result
        .candidates
        .iter()
        .all(|c| (0.0..=1.0).contains(&c.score)));
    assert!(result
        .candidates
        .windows(2)
        .all(|w| w[0].score >= w[1].score));
    let sets: f64 = result.combinations.iter().map(|c| c.score).sum();
    assert!(sets <= 1.0 + 1e-6, "{sets}");
}

#[test]
fn a_confirmed_palpation_moves_its_trigger_point_to_the_top() {
    let terms: Vec<String> = ["right temple"].iter().map(|t| t.to_string()).collect();
    let finder = Finder::builtin();
    let mut drawing = Drawing::from_terms(&terms);
    let before = finder.find(&drawing);
    let third = &before.candidates[2];
    let question = format!("press:{}:{}", third.trigger_point, third.side);
    drawing.answers.insert(question, Answer::Yes);
    let after = finder.find(&drawing);
    assert_eq!(after.candidates[0].trigger_point, third.trigger_point);
}

#[test]
fn answering_the_first_question_changes_the_ranking() {
    let finder = Finder::builtin();
    let terms: Vec<String> = ["left low back", "left buttock", "side of the left hip"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let mut drawing = Drawing::from_terms(&terms);
    let before = finder.find(&drawing);
    let question = before.questions.first().expect("a question");
    assert!(question.gain > 0.0);
    drawing.answers.insert(question.id.clone(), Answer::No);
    let after = finder.find(&drawing);
    let scores = |r: &knot_finder::FindResult| {
        r.candidates
            .iter()
            .map(|c| (c.trigger_point, c.score))
            .collect::<Vec<_>>()
    };
    assert_ne!(scores(&before), scores(&after));
    assert!(
        after.questions.iter().all(|q| q.id != question.id),
        "answered question asked again"
    );
}

#[test]
fn words_that_name_nothing_are_reported_and_an_empty_drawing_is_refused() {
    let request = FindRequest {
        terms: vec!["left shin".into(), "blorp".into()],
        ..FindRequest::default()
    };
    let drawing = Drawing::from_request(&request).expect("one term is understood");
    assert_eq!(drawing.unmatched, vec!["blorp".to_string()]);
    let empty = FindRequest {
        terms: vec!["blorp".into()],
        ..FindRequest::default()
    };
    assert!(Drawing::from_request(&empty).is_err());
}

#[test]
fn combinations_explain_two_separate_patterns() {
    // A temple headache and pain along the inner edge of the shoulder blade: two sources.
    let result = find(&[
        "right temple",
        "side of the right neck",
        "inner edge of the right shoulder blade",
        "right angle of the neck",
    ]);
    let combo = result.combinations.first().expect("a combination");
    assert!(combo.trigger_points.len() >= 2);
    assert!(combo.explains.len() >= 3);
}
