//! The 2016 fibromyalgia survey criteria (Wolfe et al., Semin Arthritis Rheum 2016;46:319),
//! never the 2010 version. The Widespread Pain Index (0–19) comes from the pain regions of the
//! past week through `knot_body::maps::widespread_pain`; the Symptom Severity Scale (0–12) is
//! asked: fatigue, waking unrefreshed and cognitive symptoms 0–3 each, plus headaches, lower
//! abdominal pain or cramps and depression in the past six months, 1 each.
//!
//! Met when WPI ≥ 7 and SSS ≥ 5, or WPI 4–6 and SSS ≥ 9; with pain in at least 4 of the 5
//! regions for generalised pain (jaw, chest and abdomen count toward none); and symptoms for at
//! least three months. Knot reports that the criteria are met and that a physician should
//! assess the widespread pain. It never says a person has fibromyalgia.

use std::collections::HashMap;

use knot_body::maps::widespread_pain;
use serde::Serialize;

use super::answers::Answer;
use super::table::FibromyalgiaSpec;

/// WPI and SSS thresholds of the 2016 criteria.
const WPI_HIGH: usize = 7;
const SSS_WITH_HIGH_WPI: u32 = 5;
const WPI_LOW: usize = 4;
const SSS_WITH_LOW_WPI: u32 = 9;
const GENERALISED_REGIONS_NEEDED: usize = 4;

/// Where the criteria stand for this screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FibromyalgiaStatus {
    /// Pain covers fewer than 4 WPI areas: the criteria cannot be met, the symptom questions
    /// were not needed.
    NotAsked,
    /// Some of the symptom questions have no answer.
    Incomplete,
    NotMet,
    Met,
}

/// The widespread-pain result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FibromyalgiaResult {
    pub status: FibromyalgiaStatus,
    /// Widespread Pain Index: painful areas out of 19.
    pub wpi: usize,
    /// The WPI areas that were marked.
    pub wpi_areas: Vec<String>,
    /// How many of the 5 regions for generalised pain hold pain.
    pub generalised_regions: usize,
    /// Symptom Severity Scale, 0–12, when every symptom question was answered.
    pub sss: Option<u32>,
    /// Whether the symptoms have lasted at least three months, when answered.
    pub lasted_three_months: Option<bool>,
    /// One plain sentence on where the criteria stand.
    pub summary: String,
    pub source: String,
}

/// Whether the 2016 criteria are met by these numbers.
pub fn criteria_met(wpi: usize, generalised_regions: usize, sss: u32, three_months: bool) -> bool {
    let severity = (wpi >= WPI_HIGH && sss >= SSS_WITH_HIGH_WPI)
        || ((WPI_LOW..WPI_HIGH).contains(&wpi) && sss >= SSS_WITH_LOW_WPI);
    severity && generalised_regions >= GENERALISED_REGIONS_NEEDED && three_months
}

/// Works out the criteria from the pain regions and the answers (by question id).
pub(crate) fn assess(
    spec: &FibromyalgiaSpec,
    pain_regions: &[String],
    answers: &HashMap<&str, Answer>,
) -> FibromyalgiaResult {
    let pain = widespread_pain(pain_regions);
    let severity: Option<Vec<u32>> = spec
        .severity_questions
        .iter()
        .map(|id| match answers.get(id.as_str()) {
            Some(Answer::Number(n)) => u32::try_from(*n).ok(),
            _ => None,
        })
        .collect();
    let symptoms: Option<Vec<u32>> = spec
        .symptom_questions
        .iter()
        .map(|id| yes(answers, id).map(u32::from))
        .collect();
    let sss = severity
        .zip(symptoms)
        .map(|(a, b)| a.iter().chain(&b).sum::<u32>());
    let lasted_three_months = yes(answers, &spec.duration_question);
    let status = match (sss, lasted_three_months) {
        _ if pain.index < WPI_LOW => FibromyalgiaStatus::NotAsked,
        (Some(sss), Some(lasted))
            if criteria_met(pain.index, pain.generalised_regions, sss, lasted) =>
        {
            FibromyalgiaStatus::Met
        }
        (Some(_), Some(_)) => FibromyalgiaStatus::NotMet,
        _ => FibromyalgiaStatus::Incomplete,
    };
    FibromyalgiaResult {
        summary: summary(status, pain.index, pain.generalised_regions, sss),
        status,
        wpi: pain.index,
        wpi_areas: pain.areas,
        generalised_regions: pain.generalised_regions,
        sss,
        lasted_three_months,
        source: spec.source.clone(),
    }
}

fn yes(answers: &HashMap<&str, Answer>, id: &str) -> Option<bool> {
    match answers.get(id) {
        Some(Answer::YesNo(value)) => Some(*value),
        _ => None,
    }
}

fn summary(status: FibromyalgiaStatus, wpi: usize, generalised: usize, sss: Option<u32>) -> String {
    let counts = format!(
        "Pain in the past week covers {wpi} of the 19 areas of the Widespread Pain Index and {generalised} of the 5 body regions"
    );
    match (status, sss) {
        (FibromyalgiaStatus::NotAsked, _) if wpi == 0 => {
            "No pain in the areas of the Widespread Pain Index was marked for the past week, so the widespread-pain questions were not needed.".to_string()
        }
        (FibromyalgiaStatus::NotAsked, _) => format!(
            "{counts}; the widespread-pain questions apply from {WPI_LOW} areas, so they were not needed."
        ),
        (FibromyalgiaStatus::Incomplete, _) => format!(
            "{counts}; not every widespread-pain question was answered, so the 2016 survey criteria could not be checked."
        ),
        (FibromyalgiaStatus::Met, Some(sss)) => format!(
            "{counts}, with a symptom severity of {sss} of 12, for three months or more. This meets the 2016 survey criteria for widespread pain. It is not a diagnosis: a physician should assess this pain."
        ),
        (_, sss) => format!(
            "{counts}, with a symptom severity of {} of 12: the 2016 survey criteria for widespread pain are not met.",
            sss.unwrap_or(0)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_index_needs_severity_five() {
        assert!(criteria_met(7, 4, 5, true));
        assert!(!criteria_met(7, 4, 4, true));
        assert!(criteria_met(19, 5, 12, true));
    }

    #[test]
    fn index_four_to_six_needs_severity_nine() {
        assert!(criteria_met(4, 4, 9, true));
        assert!(criteria_met(6, 4, 9, true));
        assert!(!criteria_met(6, 4, 8, true));
    }

    #[test]
    fn the_2010_lower_bound_of_three_areas_does_not_count() {
        assert!(!criteria_met(3, 4, 12, true));
    }

    #[test]
    fn generalised_pain_and_duration_are_required() {
        assert!(!criteria_met(10, 3, 12, true));
        assert!(!criteria_met(10, 5, 12, false));
    }
}
