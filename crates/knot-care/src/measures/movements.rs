//! The movements whose range of motion can be recorded, from `data/movements.toml`, and how a
//! typed name ("neck rotation left", "L shoulder flexion") finds one.
//!
//! A name matches when its words, once normalised (lower case, "neck" = "cervical", "l" = "left",
//! filler words dropped), are exactly the words of a movement's id, name or an alias, in any
//! order. Failing that, words that fit exactly one movement are enough ("mouth"); words that fit
//! several are refused with the candidates ("neck rotation": left or right?).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::error::MeasureError;

const BUILTIN_TOML: &str = include_str!("../../data/movements.toml");

/// Words that carry nothing for matching.
const FILLERS: &[&str] = &[
    "the", "to", "of", "a", "my", "toward", "towards", "range", "motion", "rom", "and",
];

/// The unit a movement is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Degrees,
    Mm,
}

impl Unit {
    /// The symbol after a value: "°" or " mm".
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Degrees => "°",
            Unit::Mm => " mm",
        }
    }

    /// The unit in words.
    pub fn word(self) -> &'static str {
        match self {
            Unit::Degrees => "degrees",
            Unit::Mm => "mm",
        }
    }
}

/// One recordable movement (one side of it, for a movement with sides).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    /// A typical healthy adult value: a guide, not a target.
    pub normal: f64,
    /// The largest value accepted.
    pub max: f64,
    /// Minimal detectable change, where a source gives one.
    pub mdc: Option<f64>,
    pub source: String,
    #[serde(skip)]
    word_sets: Vec<BTreeSet<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementFile {
    movement: Vec<MovementSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementSpec {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    unit: Unit,
    normal: f64,
    max: f64,
    mdc: Option<f64>,
    #[serde(default)]
    sides: bool,
    source: String,
}

/// The built-in movements. The tests keep the data file valid.
pub fn movements() -> &'static [Movement] {
    static BUILTIN: OnceLock<Vec<Movement>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        parse_movements(BUILTIN_TOML)
            .unwrap_or_else(|e| panic!("embedded movements.toml is invalid: {e}"))
    })
}

/// Parses and validates movements in the format of `data/movements.toml`; the error lists
/// every problem.
pub fn parse_movements(text: &str) -> Result<Vec<Movement>, String> {
    let file: MovementFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let mut problems = Vec::new();
    let mut movements = Vec::new();
    for spec in &file.movement {
        problems.extend(check_spec(spec));
        movements.extend(expand(spec));
    }
    let mut ids = BTreeSet::new();
    for movement in &movements {
        if !ids.insert(movement.id.as_str()) {
            problems.push(format!("movement id {} appears twice", movement.id));
        }
    }
    problems.extend(clashing_names(&movements));
    if problems.is_empty() {
        Ok(movements)
    } else {
        Err(problems.join("; "))
    }
}

/// The movement a typed name means.
pub fn find_movement(typed: &str) -> Result<&'static Movement, MeasureError> {
    let all = movements();
    if let Some(exact) = all.iter().find(|m| m.id == typed.trim()) {
        return Ok(exact);
    }
    let wanted = words(typed);
    if let Some(found) = all.iter().find(|m| m.word_sets.contains(&wanted)) {
        return Ok(found);
    }
    let fitting: Vec<&Movement> = all
        .iter()
        .filter(|m| !wanted.is_empty() && m.word_sets.iter().any(|set| set.is_superset(&wanted)))
        .collect();
    match fitting.as_slice() {
        [one] => Ok(one),
        [] => Err(MeasureError::UnknownMovement {
            given: typed.trim().to_string(),
            suggestions: suggest(all, typed),
        }),
        several => Err(MeasureError::AmbiguousMovement {
            given: typed.trim().to_string(),
            candidates: several.iter().map(|m| m.id.clone()).collect(),
        }),
    }
}

fn check_spec(spec: &MovementSpec) -> Vec<String> {
    let mut problems = Vec::new();
    let id = &spec.id;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        problems.push(format!(
            "movement id {id:?} must be lower-case words joined by -"
        ));
    }
    if spec.sides != spec.name.contains("{side}") {
        problems.push(format!(
            "{id}: a name has {{side}} exactly when sides = true"
        ));
    }
    if !(spec.max > 0.0 && spec.normal > 0.0 && spec.normal < spec.max) {
        problems.push(format!("{id}: needs 0 < normal < max"));
    }
    if spec.mdc.is_some_and(|mdc| !(mdc > 0.0 && mdc < spec.max)) {
        problems.push(format!("{id}: mdc must be above 0 and below max"));
    }
    if spec.source.trim().is_empty() {
        problems.push(format!("{id}: needs a source"));
    }
    problems
}

/// One movement, or one per side.
fn expand(spec: &MovementSpec) -> Vec<Movement> {
    let sides: &[Option<&str>] = if spec.sides {
        &[Some("left"), Some("right")]
    } else {
        &[None]
    };
    sides
        .iter()
        .map(|side| {
            let id = side.map_or(spec.id.clone(), |s| format!("{}-{s}", spec.id));
            let name = spec.name.replace("{side}", side.unwrap_or(""));
            let mut word_sets: Vec<BTreeSet<String>> = [&id, &name]
                .into_iter()
                .chain(spec.aliases.iter())
                .map(|phrase| {
                    let mut set = words(phrase);
                    set.extend(side.map(str::to_string));
                    set
                })
                .collect();
            word_sets.sort();
            word_sets.dedup();
            Movement {
                id,
                name,
                unit: spec.unit,
                normal: spec.normal,
                max: spec.max,
                mdc: spec.mdc,
                source: spec.source.clone(),
                word_sets,
            }
        })
        .collect()
}

/// Two movements that the same words would name (the first would always win).
fn clashing_names(movements: &[Movement]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, a) in movements.iter().enumerate() {
        for b in &movements[i + 1..] {
            if let Some(set) = a.word_sets.iter().find(|s| b.word_sets.contains(s)) {
                problems.push(format!("{} and {} are both called {set:?}", a.id, b.id));
            }
        }
    }
    problems
}

/// The normalised words of a name, as a set.
fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLERS.contains(w))
        .map(|w| match w {
            "neck" => "cervical",
            "l" | "lt" => "left",
            "r" | "rt" => "right",
            other => other,
        })
        .map(str::to_string)
        .collect()
}

/// Ids whose words are close to what was typed (at most three).
fn suggest(all: &[Movement], typed: &str) -> Vec<String> {
    let wanted: Vec<String> = words(typed).into_iter().collect();
    let wanted = wanted.join(" ");
    let mut scored: Vec<(f64, &str)> = all
        .iter()
        .map(|m| {
            let best = m
                .word_sets
                .iter()
                .map(|set| {
                    let joined: Vec<&str> = set.iter().map(String::as_str).collect();
                    strsim::normalized_levenshtein(&joined.join(" "), &wanted)
                })
                .fold(0.0, f64::max);
            (best, m.id.as_str())
        })
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_movements_are_valid_and_include_the_cervical_set() {
        let ids: Vec<&str> = movements().iter().map(|m| m.id.as_str()).collect();
        for id in [
            "cervical-flexion",
            "cervical-extension",
            "cervical-side-bend-left",
            "cervical-side-bend-right",
            "cervical-rotation-left",
            "cervical-rotation-right",
            "mouth-opening",
        ] {
            assert!(ids.contains(&id), "{id} missing");
        }
    }

    #[test]
    fn names_match_in_any_word_order_with_neck_for_cervical() {
        for typed in [
            "neck rotation left",
            "left neck rotation",
            "Cervical Rotation (L)",
            "rotation of the neck to the left",
            "cervical-rotation-left",
        ] {
            assert_eq!(
                find_movement(typed).map(|m| m.id.as_str()),
                Ok("cervical-rotation-left")
            );
        }
    }

    #[test]
    fn words_fitting_one_movement_are_enough() {
        assert_eq!(find_movement("mouth").map(|m| m.unit), Ok(Unit::Mm));
    }

    #[test]
    fn words_fitting_several_movements_ask_which() {
        let error = find_movement("neck rotation").unwrap_err();
        let MeasureError::AmbiguousMovement { candidates, .. } = error else {
            panic!("expected an ambiguity");
        };
        assert_eq!(
            candidates,
            ["cervical-rotation-left", "cervical-rotation-right"]
        );
    }

    #[test]
    fn a_typo_gets_suggestions() {
        let error = find_movement("cervical rotaton left").unwrap_err();
        let MeasureError::UnknownMovement { suggestions, .. } = error else {
            panic!("expected an unknown movement");
        };
        assert_eq!(
            suggestions.first().map(String::as_str),
            Some("cervical-rotation-left")
        );
    }

    #[test]
    fn a_bad_file_reports_every_problem() {
        let text = r#"
            [[movement]]
            id = "Bad Id"
            name = "x {side}"
            unit = "degrees"
            normal = 50
            max = 40
            source = ""
        "#;
        let problems = parse_movements(text).unwrap_err();
        for part in ["lower-case", "{side}", "normal < max", "source"] {
            assert!(problems.contains(part), "{part} not in {problems}");
        }
    }
}
