//! Picking the one trigger point a session treats: a muscle, an optional trigger point id and
//! a side. One side per session, so a lateral muscle needs its side named.

use knot_atlas::{Atlas, Muscle, TriggerPoint};
use knot_body::Side;

use super::error::SessionError;

/// The trigger point of `muscle` to treat: the one with id `tp` (or the muscle's first) on
/// `side`. Midline trigger points need no side.
pub fn choose_trigger_point<'a>(
    atlas: &'a Atlas,
    muscle: &'a Muscle,
    side: Option<Side>,
    tp: Option<&str>,
) -> Result<&'a TriggerPoint, SessionError> {
    let all: Vec<&TriggerPoint> = atlas.trigger_points_of(&muscle.id).collect();
    let matching: Vec<&TriggerPoint> = all
        .iter()
        .copied()
        .filter(|t| tp.is_none_or(|wanted| t.id == wanted))
        .collect();
    let missing = |on_side: String| SessionError::NoSuchTriggerPoint {
        muscle: muscle.name.clone(),
        wanted: tp.map(str::to_string),
        on_side,
        available: distinct_ids(&all),
    };
    if matching.is_empty() {
        return Err(missing(String::new()));
    }
    if let Some(midline) = matching.iter().find(|t| t.side == Side::Midline) {
        return Ok(midline);
    }
    let Some(side) = side else {
        return Err(SessionError::SideNeeded {
            muscle: muscle.name.clone(),
        });
    };
    matching
        .into_iter()
        .find(|t| t.side == side)
        .ok_or_else(|| missing(format!(" on the {} side", side.word())))
}

fn distinct_ids(points: &[&TriggerPoint]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for tp in points {
        if !ids.contains(&tp.id) {
            ids.push(tp.id.clone());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn muscle(id: &str) -> &'static Muscle {
        Atlas::builtin().muscle(id).expect("muscle in atlas")
    }

    #[test]
    fn a_lateral_muscle_needs_a_side() {
        let err = choose_trigger_point(Atlas::builtin(), muscle("upper-trapezius"), None, None);
        assert!(matches!(err, Err(SessionError::SideNeeded { .. })));
    }

    #[test]
    fn the_first_trigger_point_on_the_chosen_side_is_the_default() {
        let tp = choose_trigger_point(
            Atlas::builtin(),
            muscle("upper-trapezius"),
            Some(Side::Left),
            None,
        )
        .expect("chosen");
        assert_eq!((tp.id.as_str(), tp.side), ("upper-trapezius-1", Side::Left));
    }

    #[test]
    fn an_unknown_trigger_point_lists_the_real_ones() {
        let err = choose_trigger_point(
            Atlas::builtin(),
            muscle("upper-trapezius"),
            Some(Side::Right),
            Some("upper-trapezius-9"),
        );
        match err {
            Err(SessionError::NoSuchTriggerPoint { available, .. }) => {
                assert!(available.contains(&"upper-trapezius-2".to_string()));
            }
            other => panic!("expected NoSuchTriggerPoint, got {other:?}"),
        }
    }
}
