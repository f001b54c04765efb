//! Shared helpers for the screening tests: a screening answered "no" (or the lowest value)
//! everywhere, and ways to change one answer.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use knot_care::screen::{QuestionKind, RuleTable};
use knot_record::{NewScreening, Screening};

pub fn table() -> &'static RuleTable {
    RuleTable::builtin()
}

/// Every question answered with its calmest answer: no, none, the minimum (age 30).
pub fn calm() -> NewScreening {
    let answers = table()
        .questions()
        .iter()
        .map(|q| {
            let value = match q.kind {
                QuestionKind::YesNo => "no".to_string(),
                QuestionKind::Regions => String::new(),
                QuestionKind::Number if q.id == "age" => "30".to_string(),
                QuestionKind::Number => q.min.unwrap_or(0).to_string(),
            };
            (q.id.clone(), value)
        })
        .collect();
    NewScreening {
        taken_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
        answers,
        pain_regions: Vec::new(),
        local_regions: Vec::new(),
        rules_version: table().version().to_string(),
    }
}

/// `screening` with question `id` answered `value`.
pub fn with(mut screening: NewScreening, id: &str, value: &str) -> NewScreening {
    let slot = screening
        .answers
        .iter_mut()
        .find(|(q, _)| q == id)
        .unwrap_or_else(|| panic!("no question {id}"));
    slot.1 = value.to_string();
    screening
}

/// Region ids as owned strings.
pub fn ids(regions: &[&str]) -> Vec<String> {
    regions.iter().map(|s| s.to_string()).collect()
}

/// A stored screening wrapping `new`.
pub fn stored(new: NewScreening) -> Screening {
    Screening {
        id: 1,
        person_id: 1,
        created_by: 1,
        created_at: new.taken_at,
        screening: new,
    }
}
