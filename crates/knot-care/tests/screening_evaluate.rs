//! Evaluating screenings: which answers raise which findings, the verdict, the order of the
//! findings, the widespread-pain criteria from real body-map regions, and (by property) that a
//! more worrying answer never makes the verdict milder.

mod screening_support;

use knot_care::screen::{evaluate, FibromyalgiaStatus, QuestionKind, Severity, Verdict};
use proptest::prelude::*;
use screening_support::{calm, ids, table, with};

fn rule_ids(outcome: &knot_care::screen::ScreeningOutcome) -> Vec<&str> {
    outcome
        .findings
        .iter()
        .map(|f| f.rule_id.as_str())
        .collect()
}

#[test]
fn calm_answers_are_clear_and_complete() {
    let outcome = evaluate(&calm());
    assert_eq!(outcome.verdict, Verdict::Clear);
    assert!(outcome.findings.is_empty());
    assert!(outcome.unanswered.is_empty(), "{:?}", outcome.unanswered);
    assert_eq!(outcome.rules_version, table().version());
}

#[test]
fn chest_pain_means_stop_with_its_source() {
    let outcome = evaluate(&with(calm(), "chest-pain", "yes"));
    assert_eq!(outcome.verdict, Verdict::Stop);
    let finding = &outcome.findings[0];
    assert_eq!(finding.rule_id, "chest-pain");
    assert!(finding.message.contains("doctor"));
    assert!(!finding.source.is_empty());
}

#[test]
fn new_back_pain_refers_only_over_fifty() {
    let back = with(with(calm(), "new-pain", "yes"), "back-pain", "yes");
    assert_eq!(
        evaluate(&with(back.clone(), "age", "50")).verdict,
        Verdict::Clear
    );
    let older = evaluate(&with(back, "age", "51"));
    assert_eq!(older.verdict, Verdict::Refer);
    assert_eq!(rule_ids(&older), ["over-50-new-back-pain"]);
}

#[test]
fn minor_trauma_refers_only_with_osteoporosis() {
    let trauma = with(calm(), "minor-trauma", "yes");
    assert_eq!(evaluate(&trauma).verdict, Verdict::Clear);
    let outcome = evaluate(&with(trauma, "osteoporosis", "yes"));
    assert_eq!(outcome.verdict, Verdict::Refer);
    assert_eq!(
        rule_ids(&outcome),
        ["minor-trauma-with-osteoporosis", "osteoporosis"]
    );
}

#[test]
fn findings_come_most_serious_first() {
    let screening = with(
        with(
            with(calm(), "varicose-veins", "left-calf"),
            "blood-thinners",
            "yes",
        ),
        "fever",
        "yes",
    );
    let outcome = evaluate(&screening);
    let severities: Vec<Severity> = outcome.findings.iter().map(|f| f.severity).collect();
    assert_eq!(
        severities,
        [Severity::Stop, Severity::Modify, Severity::AvoidLocally]
    );
    assert_eq!(outcome.verdict, Verdict::Stop);
}

#[test]
fn local_findings_carry_the_regions_named() {
    let screening = with(calm(), "varicose-veins", "left-calf,right-calf");
    let outcome = evaluate(&screening);
    assert_eq!(outcome.verdict, Verdict::AvoidLocally);
    assert_eq!(
        outcome.findings[0].regions,
        ids(&["left-calf", "right-calf"])
    );
}

#[test]
fn local_regions_stored_without_a_question_are_still_kept_off() {
    let mut screening = calm();
    screening.local_regions = ids(&["left-shin", "not-a-region"]);
    let outcome = evaluate(&screening);
    assert_eq!(outcome.verdict, Verdict::AvoidLocally);
    assert_eq!(outcome.findings[0].rule_id, "other-local");
    assert_eq!(outcome.findings[0].regions, ids(&["left-shin"]));
}

#[test]
fn unreadable_or_missing_answers_are_listed_not_guessed() {
    let mut screening = with(calm(), "fever", "maybe");
    screening.answers.retain(|(id, _)| id != "age");
    let outcome = evaluate(&screening);
    assert_eq!(outcome.verdict, Verdict::Clear);
    assert_eq!(outcome.unanswered, ["fever", "age"]);
}

/// Pain in many WPI areas across all five generalised-pain regions: neck, upper back, low back,
/// both shoulders, both upper arms, both hips and both lower legs (WPI 10).
fn widespread() -> Vec<String> {
    ids(&[
        "left-back-of-neck",
        "left-upper-back",
        "left-low-back",
        "left-top-of-shoulder",
        "right-top-of-shoulder",
        "left-upper-arm-outer",
        "right-upper-arm-outer",
        "left-hip-side",
        "right-hip-side",
        "left-calf",
        "right-calf",
    ])
}

fn with_symptoms(fatigue: &str, lasted: &str) -> knot_record::NewScreening {
    let mut screening = calm();
    screening.pain_regions = widespread();
    let screening = with(screening, "sss-fatigue", fatigue);
    let screening = with(screening, "sss-unrefreshed", "2");
    let screening = with(screening, "sss-headaches", "yes");
    with(screening, "widespread-three-months", lasted)
}

#[test]
fn widespread_pain_with_symptoms_meets_the_2016_criteria_and_asks_for_a_physician() {
    let outcome = evaluate(&with_symptoms("2", "yes"));
    let fibro = &outcome.fibromyalgia;
    assert!(fibro.wpi >= 7, "wpi {}", fibro.wpi);
    assert_eq!(fibro.generalised_regions, 5);
    assert_eq!(fibro.sss, Some(5));
    assert_eq!(fibro.status, FibromyalgiaStatus::Met);
    assert!(fibro.summary.contains("physician"));
    assert!(!fibro.summary.to_lowercase().contains("you have"));
    let finding = outcome
        .findings
        .iter()
        .find(|f| f.rule_id == "widespread-pain")
        .expect("widespread-pain finding");
    assert!(finding.message.contains("physician"));
    assert_eq!(outcome.verdict, Verdict::Modify);
}

#[test]
fn widespread_pain_below_the_severity_threshold_or_too_recent_is_not_met() {
    assert_eq!(
        evaluate(&with_symptoms("1", "yes")).fibromyalgia.status,
        FibromyalgiaStatus::NotMet
    );
    assert_eq!(
        evaluate(&with_symptoms("3", "no")).fibromyalgia.status,
        FibromyalgiaStatus::NotMet
    );
}

#[test]
fn local_pain_does_not_need_the_widespread_questions() {
    let mut screening = calm();
    screening.answers.retain(|(id, _)| !id.starts_with("sss-"));
    screening.pain_regions = ids(&["right-top-of-shoulder", "right-back-of-neck"]);
    let outcome = evaluate(&screening);
    assert_eq!(outcome.fibromyalgia.status, FibromyalgiaStatus::NotAsked);
    assert_eq!(outcome.fibromyalgia.wpi, 2);
    assert!(outcome.unanswered.is_empty(), "{:?}", outcome.unanswered);
}

#[test]
fn widespread_pain_without_symptom_answers_is_incomplete() {
    let mut screening = calm();
    screening.answers.retain(|(id, _)| !id.starts_with("sss-"));
    screening.pain_regions = widespread();
    let outcome = evaluate(&screening);
    assert_eq!(outcome.fibromyalgia.status, FibromyalgiaStatus::Incomplete);
    assert!(outcome.unanswered.iter().any(|id| id == "sss-fatigue"));
}

/// A random screening: each question answered at random within its kind.
fn any_screening() -> impl Strategy<Value = knot_record::NewScreening> {
    let regions = ["left-calf", "right-shin", "left-top-of-shoulder", "sacrum"];
    let per_question: Vec<BoxedStrategy<String>> = table()
        .questions()
        .iter()
        .map(|q| match q.kind {
            QuestionKind::YesNo => {
                prop_oneof![Just("yes".to_string()), Just("no".to_string())].boxed()
            }
            QuestionKind::Number => (q.min.unwrap_or(0)..=q.max.unwrap_or(0))
                .prop_map(|n| n.to_string())
                .boxed(),
            QuestionKind::Regions => proptest::sample::subsequence(regions.to_vec(), 0..=2)
                .prop_map(|r| r.join(","))
                .boxed(),
        })
        .collect();
    let pain = proptest::sample::subsequence(widespread(), 0..=11);
    (per_question, pain).prop_map(|(values, pain)| {
        let mut screening = calm();
        for ((_, slot), value) in screening.answers.iter_mut().zip(values) {
            *slot = value;
        }
        screening.pain_regions = pain;
        screening
    })
}

proptest! {
    #[test]
    fn a_more_worrying_answer_never_softens_the_verdict(
        screening in any_screening(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let before = evaluate(&screening);
        let index = pick.index(screening.answers.len());
        let (id, value) = screening.answers[index].clone();
        let question = table().question(&id).expect("question");
        // The age floor (`below = 16`) makes a higher age calmer below 16: pinned on its own
        // in safety_questions.rs.
        let floored = table().rules().iter().any(|r| {
            r.when.iter().any(|c| c.question == id && c.below.is_some())
        });
        prop_assume!(!floored);
        let worse = match question.kind {
            QuestionKind::YesNo => "yes".to_string(),
            QuestionKind::Number => {
                let n: i64 = value.parse().expect("number");
                (n + 1).min(question.max.unwrap_or(n)).to_string()
            }
            QuestionKind::Regions if value.is_empty() => "left-thigh-back-upper".to_string(),
            QuestionKind::Regions => format!("{value},left-thigh-back-upper"),
        };
        let after = evaluate(&with(screening, &id, &worse));
        prop_assert!(after.verdict >= before.verdict, "{id}: {value} -> {worse}");
        prop_assert!(after.findings.len() >= before.findings.len());
    }

    #[test]
    fn more_pain_regions_never_soften_the_verdict(screening in any_screening()) {
        let before = evaluate(&screening);
        let mut more = screening;
        more.pain_regions = widespread();
        let after = evaluate(&more);
        prop_assert!(after.verdict >= before.verdict);
        prop_assert!(after.fibromyalgia.wpi >= before.fibromyalgia.wpi);
    }

    #[test]
    fn the_verdict_is_the_most_serious_finding(screening in any_screening()) {
        let outcome = evaluate(&screening);
        let top = outcome.findings.first().map(|f| f.severity);
        prop_assert_eq!(outcome.verdict, Verdict::of(top));
        prop_assert!(outcome.findings.windows(2).all(|w| w[0].severity >= w[1].severity));
    }
}
