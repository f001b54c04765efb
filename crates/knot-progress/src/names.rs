//! Names people read in place of the ids stored with records: regions, trigger points,
//! techniques, tools, movements.

use knot_atlas::Atlas;
use knot_body::Scheme;
use knot_record::Side;

/// "right temple" for `right-temple`; the id itself when the scheme does not know it.
pub fn region(id: &str) -> String {
    Scheme::builtin()
        .get(id)
        .map_or_else(|| id.to_string(), |region| region.name.clone())
}

/// "Upper trapezius 1, right" for `upper-trapezius-1` on the right.
pub fn trigger_point(id: &str, side: Side) -> String {
    let atlas = Atlas::builtin();
    let muscle = atlas
        .trigger_points()
        .iter()
        .find(|tp| tp.id == id)
        .and_then(|tp| atlas.muscle(&tp.muscle_id));
    let name = match muscle {
        Some(muscle) => match id.strip_prefix(muscle.id.as_str()) {
            Some(rest) if !rest.trim_start_matches('-').is_empty() => {
                format!("{} {}", muscle.name, rest.trim_start_matches('-'))
            }
            _ => muscle.name.clone(),
        },
        None => words(id),
    };
    match side {
        Side::Midline => name,
        side => format!("{name}, {}", side.word()),
    }
}

/// "ischemic compression" for `ischemic-compression`.
pub fn technique(id: &str) -> String {
    let vocabulary = Atlas::builtin().vocabulary();
    vocabulary
        .techniques
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| words(id), |t| t.name.clone())
}

/// "massage ball against a wall" for `ball-wall`; a parenthetical hint in the vocabulary's
/// name ("hook-shaped pressure tool (such as a Theracane)") is left out of labels.
pub fn tool(id: &str) -> String {
    let vocabulary = Atlas::builtin().vocabulary();
    vocabulary
        .tools
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| words(id), |t| without_hint(&t.name))
}

/// The text before a parenthetical hint: "neck rotation to the right (turning the head)" →
/// "neck rotation to the right".
fn without_hint(name: &str) -> String {
    name.split(" (").next().unwrap_or(name).trim().to_string()
}

/// "neck rotation to the right" for `cervical-rotation-right` (the name knot-care gives it,
/// without its parenthetical hint), and the unit suffix ("°", " mm").
pub fn movement(id: &str) -> (String, &'static str) {
    match knot_care::measures::movements().iter().find(|m| m.id == id) {
        Some(movement) => (without_hint(&movement.name), movement.unit.suffix()),
        None => (words(id), "°"),
    }
}

/// The minimal detectable change knot-care gives a movement, if any.
pub fn movement_mdc(id: &str) -> Option<f64> {
    knot_care::measures::movements()
        .iter()
        .find(|m| m.id == id)
        .and_then(|m| m.mdc)
}

/// An id read as words: hyphens and underscores become spaces.
fn words(id: &str) -> String {
    id.replace(['-', '_'], " ")
}

/// Upper-cases the first letter, for a name at the start of a sentence or a label.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
