//! Naming a trigger point on one side: "upper-trapezius-1" with a side, "upper-trapezius-1:right"
//! or "right:upper-trapezius-1", read against the atlas. Shared by the diary (pressure
//! thresholds) and the home-routine builder.

use knot_atlas::{Atlas, TriggerPoint};
use knot_record::Side;

use super::error::MeasureError;

/// Reads a side word: left/l/lt, right/r/rt, midline/middle/centre/center.
pub fn parse_side(word: &str) -> Option<Side> {
    match word.trim().to_lowercase().as_str() {
        "left" | "l" | "lt" => Some(Side::Left),
        "right" | "r" | "rt" => Some(Side::Right),
        "midline" | "middle" | "centre" | "center" | "central" => Some(Side::Midline),
        _ => None,
    }
}

/// The atlas instance a typed trigger point names. The side comes from `side` or from a
/// `:side` suffix (or `side:` prefix) on the id; a trigger point on the midline needs none.
pub fn find_trigger_point<'a>(
    atlas: &'a Atlas,
    typed: &str,
    side: Option<&str>,
) -> Result<&'a TriggerPoint, MeasureError> {
    let (id_text, side_in_id) = split_side(typed);
    let id = slug(id_text);
    let instances: Vec<&TriggerPoint> = atlas
        .trigger_points()
        .iter()
        .filter(|tp| tp.id == id)
        .collect();
    if instances.is_empty() {
        return Err(MeasureError::UnknownTriggerPoint {
            given: typed.trim().to_string(),
            suggestions: suggest_trigger_points(atlas, id_text),
        });
    }
    let sides: Vec<String> = instances.iter().map(|tp| tp.side.to_string()).collect();
    let side_error = |given: Option<&str>| MeasureError::Side {
        trigger_point: id.clone(),
        sides: sides.clone(),
        given: given.map(str::to_string),
    };
    let wanted = match (side_in_id, side) {
        (Some(a), Some(b)) if parse_side(a) != parse_side(b) => {
            return Err(side_error(Some(&format!("{a} and {b}"))))
        }
        (Some(word), _) | (None, Some(word)) => {
            Some(parse_side(word).ok_or_else(|| side_error(Some(word)))?)
        }
        (None, None) => None,
    };
    match wanted {
        None if instances.len() == 1 => Ok(instances[0]),
        None => Err(side_error(None)),
        Some(wanted) => instances
            .into_iter()
            .find(|tp| tp.side == wanted)
            .ok_or_else(|| side_error(Some(wanted.word()))),
    }
}

/// Trigger point ids close to what was typed, best first (at most five). A muscle's name gives
/// that muscle's trigger points.
pub fn suggest_trigger_points(atlas: &Atlas, typed: &str) -> Vec<String> {
    if let Some(muscle) = atlas.find_muscle(typed) {
        return muscle
            .trigger_points
            .iter()
            .map(|tp| tp.id.clone())
            .collect();
    }
    let wanted = slug(typed);
    let mut ids: Vec<&str> = atlas
        .trigger_points()
        .iter()
        .map(|tp| tp.id.as_str())
        .collect();
    ids.dedup();
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|id| (strsim::normalized_levenshtein(id, &wanted), id))
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(5)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Splits "id:side" or "side:id" into the id and the side word.
fn split_side(typed: &str) -> (&str, Option<&str>) {
    match typed.trim().split_once(':') {
        Some((a, b)) if parse_side(b).is_some() => (a, Some(b)),
        Some((a, b)) if parse_side(a).is_some() => (b, Some(a)),
        Some((a, b)) => (a, Some(b)),
        None => (typed.trim(), None),
    }
}

/// "Upper Trapezius 1" → "upper-trapezius-1".
fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> &'static Atlas {
        Atlas::builtin()
    }

    #[test]
    fn id_with_side_in_any_of_the_three_spellings() {
        for (typed, side) in [
            ("upper-trapezius-1", Some("right")),
            ("upper-trapezius-1:right", None),
            ("right:upper-trapezius-1", None),
            ("Upper Trapezius 1", Some("R")),
        ] {
            let tp = find_trigger_point(atlas(), typed, side).unwrap();
            assert_eq!(
                (tp.id.as_str(), tp.side),
                ("upper-trapezius-1", knot_body::Side::Right)
            );
        }
    }

    #[test]
    fn a_lateral_point_without_a_side_is_refused_naming_the_sides() {
        let error = find_trigger_point(atlas(), "upper-trapezius-1", None).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("right") && text.contains("left"), "{text}");
    }

    #[test]
    fn contradicting_sides_are_refused() {
        assert!(find_trigger_point(atlas(), "upper-trapezius-1:left", Some("right")).is_err());
    }

    #[test]
    fn a_muscle_name_suggests_its_trigger_points() {
        let error = find_trigger_point(atlas(), "upper trapezius", Some("right")).unwrap_err();
        let MeasureError::UnknownTriggerPoint { suggestions, .. } = error else {
            panic!("expected an unknown trigger point");
        };
        assert!(suggestions.contains(&"upper-trapezius-1".to_string()));
    }

    #[test]
    fn a_typo_gets_near_ids() {
        let suggestions = suggest_trigger_points(atlas(), "upper-trapezis-1");
        assert_eq!(
            suggestions.first().map(String::as_str),
            Some("upper-trapezius-1")
        );
    }
}
