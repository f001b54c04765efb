//! Reading a Diary form into entries through `knot_care::measures`, with each refusal placed
//! beside the field it is about. One form logs one kind of measure: pain (overall, a region from
//! the list, or words — "both temples" gives one entry per side), pressure threshold, range of
//! motion, a functional activity (PSFS) or a note; each may carry a remark and a time.

use std::collections::HashMap;

use chrono::{FixedOffset, Utc};
use knot_atlas::Atlas;
use knot_care::measures::{self, MeasureError};
use knot_store::{Measure, NewEntry};

use crate::auth::FieldErrors;
use crate::hints;
use knot_app::text::{free_text, measure_text};

/// The kinds of measure, as the forms name them.
pub(super) const KINDS: &[&str] = &["pain", "threshold", "range_of_motion", "function", "note"];

/// The fields every form may carry, besides its kind's.
const COMMON: &[&str] = &["remark", "when"];

/// The fields of one kind's form.
pub(super) fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "pain" => &["score", "region", "region_words"],
        "threshold" => &["trigger_point", "side", "value"],
        "range_of_motion" => &["movement", "value"],
        "function" => &["activity", "score"],
        "note" => &["text"],
        _ => &[],
    }
}

/// A submitted form: its kind and values by field.
#[derive(Debug, Clone, Default)]
pub(super) struct Submitted {
    pub kind: String,
    pub values: HashMap<String, String>,
}

impl Submitted {
    /// The form's values from the posted pairs.
    pub fn from_pairs(pairs: &[(String, String)]) -> Submitted {
        let kind = crate::auth::field(pairs, "kind").to_string();
        let values = fields_of(&kind)
            .iter()
            .chain(COMMON)
            .map(|name| {
                (
                    name.to_string(),
                    crate::auth::field(pairs, name).to_string(),
                )
            })
            .collect();
        Submitted { kind, values }
    }

    fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", |v| v.trim())
    }
}

/// The entries a form gives, or every problem with it.
pub(super) fn read_form(
    atlas: &Atlas,
    form: &Submitted,
    offset: FixedOffset,
) -> Result<Vec<NewEntry>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let measures = match form.kind.as_str() {
        "pain" => pain(form, &mut errors),
        "threshold" => threshold(atlas, form, &mut errors),
        "range_of_motion" => motion(form, &mut errors),
        "function" => keep(
            measures::function(form.get("activity"), form.get("score")).map(|m| vec![m]),
            &mut errors,
            |e| {
                if matches!(e, MeasureError::Text { .. }) {
                    "activity"
                } else {
                    "score"
                }
            },
        ),
        "note" => keep(
            measures::note(form.get("text")).map(|m| vec![m]),
            &mut errors,
            |_| "text",
        ),
        _ => {
            errors.add("kind", "Choose what to log: pain, pressure threshold, range of motion, an activity or a note.");
            Vec::new()
        }
    };
    let measures: Vec<Measure> = measures
        .into_iter()
        .filter_map(|measure| match measure_text(measure) {
            Ok(measure) => Some(measure),
            Err((field, problem)) => {
                errors.add(field, problem.describe("This"));
                None
            }
        })
        .collect();
    let remark = match form.get("remark") {
        "" => None,
        text => keep(measures::remark(text).map(|r| vec![r]), &mut errors, |_| {
            "remark"
        })
        .pop()
        .and_then(|remark| match free_text(&remark) {
            Ok(remark) => Some(remark),
            Err(problem) => {
                errors.add("remark", problem.describe("The remark"));
                None
            }
        }),
    };
    let now = Utc::now().with_timezone(&offset);
    let when = match form.get("when") {
        "" => None,
        text => Some(text),
    };
    let recorded_at = measures::recorded_at(when, &now)
        .map_err(|e| errors.add("when", hints::page_measure_error(&e)));
    match recorded_at {
        Ok(recorded_at) if errors.is_empty() => Ok(measures
            .into_iter()
            .map(|measure| NewEntry {
                recorded_at,
                measure,
                note: remark.clone(),
            })
            .collect()),
        _ => Err(errors),
    }
}

/// The measures of a successful read, or nothing with the problem placed.
fn keep<T>(
    result: Result<T, MeasureError>,
    errors: &mut FieldErrors,
    field: impl Fn(&MeasureError) -> &'static str,
) -> Vec<T::Item>
where
    T: IntoIterator,
{
    match result {
        Ok(items) => items.into_iter().collect(),
        Err(error) => {
            errors.add(field(&error), hints::page_measure_error(&error));
            Vec::new()
        }
    }
}

fn pain(form: &Submitted, errors: &mut FieldErrors) -> Vec<Measure> {
    let words = match (form.get("region_words"), form.get("region")) {
        ("", "") => None,
        ("", chosen) => Some(chosen),
        (typed, _) => Some(typed),
    };
    if let Err(error) = measures::pain(form.get("score"), None) {
        errors.add("score", hints::page_measure_error(&error));
        return Vec::new();
    }
    keep(measures::pain(form.get("score"), words), errors, |_| {
        "region"
    })
}

fn threshold(atlas: &Atlas, form: &Submitted, errors: &mut FieldErrors) -> Vec<Measure> {
    let side = Some(form.get("side")).filter(|s| !s.is_empty());
    let point = measures::find_trigger_point(atlas, form.get("trigger_point"), side);
    let value = measures::parse_kg_per_cm2(form.get("value"));
    match (point, value) {
        (Ok(point), Ok(kg_per_cm2)) => vec![Measure::Threshold {
            trigger_point: point.id.clone(),
            side: point.side,
            kg_per_cm2,
        }],
        (point, value) => {
            if let Err(error) = point {
                let field = if matches!(error, MeasureError::Side { .. }) {
                    "side"
                } else {
                    "trigger_point"
                };
                errors.add(field, hints::page_measure_error(&error));
            }
            if let Err(error) = value {
                errors.add("value", hints::page_measure_error(&error));
            }
            Vec::new()
        }
    }
}

fn motion(form: &Submitted, errors: &mut FieldErrors) -> Vec<Measure> {
    if let Err(error) = measures::find_movement(form.get("movement")) {
        errors.add("movement", hints::page_measure_error(&error));
        return Vec::new();
    }
    keep(
        measures::range_of_motion(form.get("movement"), form.get("value")).map(|m| vec![m]),
        errors,
        |_| "value",
    )
}

/// The form values that show a stored measure again (to correct it).
pub(super) fn values_of(entry: &NewEntry, offset: FixedOffset) -> Submitted {
    let mut values: HashMap<String, String> = HashMap::new();
    let mut put = |k: &str, v: String| {
        values.insert(k.to_string(), v);
    };
    match &entry.measure {
        Measure::Pain { score, region } => {
            put("score", score.to_string());
            put("region", region.clone().unwrap_or_default());
        }
        Measure::Threshold {
            trigger_point,
            side,
            kg_per_cm2,
        } => {
            put("trigger_point", trigger_point.clone());
            put(
                "side",
                if *side == knot_store::Side::Midline {
                    String::new()
                } else {
                    side.word().to_string()
                },
            );
            put("value", format!("{kg_per_cm2:.2}"));
        }
        Measure::RangeOfMotion { movement, degrees } => {
            put("movement", movement.clone());
            put("value", format!("{degrees}"));
        }
        Measure::Function { activity, score } => {
            put("activity", activity.clone());
            put("score", score.to_string());
        }
        Measure::Note { text } => put("text", text.clone()),
    }
    put("remark", entry.note.clone().unwrap_or_default());
    put(
        "when",
        entry
            .recorded_at
            .with_timezone(&offset)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    );
    Submitted {
        kind: entry.measure.kind().to_string(),
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, pairs: &[(&str, &str)]) -> Submitted {
        Submitted {
            kind: kind.into(),
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).expect("offset")
    }

    #[test]
    fn pain_in_words_for_both_sides_gives_two_entries() {
        let entries = read_form(
            Atlas::builtin(),
            &form("pain", &[("score", "6"), ("region_words", "both temples")]),
            utc(),
        )
        .expect("read");
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn each_problem_sits_beside_its_field() {
        let errors = read_form(
            Atlas::builtin(),
            &form(
                "threshold",
                &[
                    ("trigger_point", "upper-trapezius-1"),
                    ("side", ""),
                    ("value", "99kg"),
                    ("when", "tomorrow"),
                ],
            ),
            utc(),
        )
        .expect_err("refused");
        assert!(errors.get("side").is_some(), "{errors:?}");
        assert!(errors.get("value").is_some(), "{errors:?}");
        assert!(
            errors.get("when").is_some_and(|m| m.contains("YYYY-MM-DD")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_stored_entry_reads_back_to_the_same_measure() {
        let first = read_form(
            Atlas::builtin(),
            &form(
                "range_of_motion",
                &[
                    ("movement", "cervical-rotation-left"),
                    ("value", "62.5"),
                    ("remark", "stiff"),
                ],
            ),
            utc(),
        )
        .expect("read");
        let again =
            read_form(Atlas::builtin(), &values_of(&first[0], utc()), utc()).expect("read again");
        assert_eq!(again[0].measure, first[0].measure);
        assert_eq!(again[0].note.as_deref(), Some("stiff"));
    }
}
