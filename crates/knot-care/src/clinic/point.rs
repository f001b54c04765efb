//! A trigger point as a therapist charts it: the atlas id and a side, which may say
//! "bilateral" on the form; resolved against the atlas to the one instance it names.

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Side;
use serde::{Deserialize, Serialize};

use super::error::Problem;
use crate::measures::suggest_trigger_points;

/// The side written on a chart entry. `Bilateral` exists because forms offer it; a finding or a
/// treatment is still charted once per side, so validation refuses it for a point with sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartSide {
    Left,
    Right,
    Midline,
    Bilateral,
}

impl ChartSide {
    /// The word used in ids and text.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartSide::Left => "left",
            ChartSide::Right => "right",
            ChartSide::Midline => "midline",
            ChartSide::Bilateral => "bilateral",
        }
    }

    /// The body side, for a single side.
    pub fn body_side(self) -> Option<Side> {
        match self {
            ChartSide::Left => Some(Side::Left),
            ChartSide::Right => Some(Side::Right),
            ChartSide::Midline => Some(Side::Midline),
            ChartSide::Bilateral => None,
        }
    }
}

impl From<Side> for ChartSide {
    fn from(side: Side) -> ChartSide {
        match side {
            Side::Left => ChartSide::Left,
            Side::Right => ChartSide::Right,
            Side::Midline => ChartSide::Midline,
        }
    }
}

/// The atlas instance of `id` on `side`, or the problem with the `trigger_point` or `side` field.
/// The id must be exact (stored entries are never read loosely); a near miss is suggested.
pub(crate) fn resolve<'a>(
    atlas: &'a Atlas,
    id: &str,
    side: ChartSide,
) -> Result<&'a TriggerPoint, Problem> {
    let instances: Vec<&TriggerPoint> = atlas
        .trigger_points()
        .iter()
        .filter(|tp| tp.id == id)
        .collect();
    let Some(first) = instances.first() else {
        let suggestions = suggest_trigger_points(atlas, id);
        let hint = if suggestions.is_empty() {
            "use an atlas trigger point id such as upper-trapezius-1".to_string()
        } else {
            format!("did you mean {}?", suggestions.join(", "))
        };
        return Err(Problem::new(
            "trigger_point",
            format!("the atlas has no trigger point `{id}`; {hint}"),
        ));
    };
    let lateral = first.side != Side::Midline;
    let Some(wanted) = side.body_side() else {
        let message = if lateral {
            format!("`{id}` has a left and a right point: chart each side as its own entry")
        } else {
            format!("`{id}` lies on the midline: chart it with side midline")
        };
        return Err(Problem::new("side", message));
    };
    instances
        .into_iter()
        .find(|tp| tp.side == wanted)
        .ok_or_else(|| {
            let message = if lateral {
                format!(
                    "`{id}` has a left and a right point, not a {} one",
                    side.as_str()
                )
            } else {
                format!(
                    "`{id}` lies on the midline: chart it with side midline, not {}",
                    side.as_str()
                )
            };
            Problem::new("side", message)
        })
}

/// How a charted point reads in text: "right upper trapezius (upper-trapezius-1)".
pub(crate) fn label(atlas: &Atlas, tp: &TriggerPoint) -> String {
    let muscle = atlas
        .muscle(&tp.muscle_id)
        .map_or(tp.muscle_id.clone(), |m| m.name.to_lowercase());
    match tp.side {
        Side::Midline => format!("{muscle} ({})", tp.id),
        side => format!("{side} {muscle} ({})", tp.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> &'static Atlas {
        Atlas::builtin()
    }

    #[test]
    fn a_lateral_point_resolves_to_the_side_charted() {
        let tp = resolve(atlas(), "upper-trapezius-1", ChartSide::Left).unwrap();
        assert_eq!(tp.side, Side::Left);
    }

    #[test]
    fn bilateral_is_refused_for_a_point_with_sides_and_says_chart_each_side() {
        let problem = resolve(atlas(), "upper-trapezius-1", ChartSide::Bilateral).unwrap_err();
        assert_eq!(problem.field, "side");
        assert!(problem.message.contains("each side"), "{problem}");
    }

    #[test]
    fn midline_is_refused_for_a_lateral_point_and_a_side_for_a_midline_one() {
        assert!(resolve(atlas(), "upper-trapezius-1", ChartSide::Midline).is_err());
        let midline = atlas()
            .trigger_points()
            .iter()
            .find(|tp| tp.side == Side::Midline)
            .expect("the atlas has a midline point");
        assert!(resolve(atlas(), &midline.id, ChartSide::Midline).is_ok());
        let problem = resolve(atlas(), &midline.id, ChartSide::Right).unwrap_err();
        assert!(problem.message.contains("midline"), "{problem}");
    }

    #[test]
    fn an_unknown_id_is_refused_with_a_suggestion_and_loose_spelling_is_not_read() {
        let problem = resolve(atlas(), "upper-trapezis-1", ChartSide::Right).unwrap_err();
        assert_eq!(problem.field, "trigger_point");
        assert!(problem.message.contains("upper-trapezius-1"), "{problem}");
        assert!(resolve(atlas(), "Upper Trapezius 1", ChartSide::Right).is_err());
    }
}
