//! The order a routine treats its trigger points in: likely key points before their likely
//! satellites, then central before peripheral.
//!
//! Travell & Simons describe *key* trigger points whose activity keeps *satellite* trigger points
//! going in their referral zones; treating the key point first often quiets the satellite too
//! (Simons, Travell & Simons 1999, vol. 1, ch. 2; Hong, J Musculoskelet Pain 1994;2(1):29).
//! Knot cannot know which is key, so it reads the referral maps: when one confirmed point lies
//! inside another's essential or spillover zone, the one referring there comes first. Where the
//! maps say nothing (or point both ways), neck and trunk come before the head, shoulder and hip
//! girdles, then the upper arm and thigh, then forearm, knee and leg, then hand and foot — Knot's
//! own tie-break, following the observation that satellites mostly sit distal to their key
//! points. Ties left after that keep the atlas's order.

use knot_atlas::{Muscle, TriggerPoint};

/// Rank of a body part (lower first); unknown parts last.
pub(crate) fn part_rank(part: &str) -> u8 {
    match part {
        "neck" | "back" | "chest" | "abdomen" | "pelvis" => 0,
        "head" | "shoulder" | "hip" => 1,
        "arm" | "thigh" => 2,
        "forearm" | "knee" | "leg" => 3,
        "hand" | "foot" => 4,
        _ => 5,
    }
}

/// Whether `from` refers pain to where `to` lies (so `to` may be its satellite).
pub(crate) fn refers_to(from: &TriggerPoint, to: &TriggerPoint) -> bool {
    from.essential
        .iter()
        .chain(&from.spillover)
        .any(|region| *region == to.location)
}

/// The treatment order of `points` (each with its muscle and its position in the atlas), as
/// indices into `points`.
pub(crate) fn treatment_order(points: &[(&TriggerPoint, &Muscle, usize)]) -> Vec<usize> {
    let count = points.len();
    let refers: Vec<Vec<bool>> = points
        .iter()
        .map(|(a, _, _)| {
            points
                .iter()
                .map(|(b, _, _)| !std::ptr::eq(*a, *b) && refers_to(a, b))
                .collect()
        })
        .collect();
    let tie_key = |i: usize| (part_rank(&points[i].1.part), points[i].2);
    // How many untreated points refer to each point. A cycle of mutual referral is broken at
    // the point with the fewest such waits, then by the tie key.
    let mut waits: Vec<usize> = (0..count)
        .map(|j| (0..count).filter(|&i| refers[i][j]).count())
        .collect();
    let mut done = vec![false; count];
    let mut order = Vec::with_capacity(count);
    while let Some(next) = (0..count)
        .filter(|&j| !done[j])
        .min_by_key(|&j| (waits[j], tie_key(j)))
    {
        done[next] = true;
        order.push(next);
        for j in 0..count {
            if refers[next][j] {
                waits[j] -= 1;
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_atlas::Atlas;
    use knot_body::Side;

    fn point(id: &str) -> (&'static TriggerPoint, &'static Muscle, usize) {
        let atlas = Atlas::builtin();
        let (index, tp) = atlas
            .trigger_points()
            .iter()
            .enumerate()
            .find(|(_, tp)| tp.id == id && tp.side == Side::Right)
            .unwrap();
        (tp, atlas.muscle(&tp.muscle_id).unwrap(), index)
    }

    #[test]
    fn a_point_in_anothers_referral_zone_comes_after_it() {
        let trapezius = point("upper-trapezius-1");
        let temporalis = point("temporalis-1");
        assert!(refers_to(trapezius.0, temporalis.0));
        let points = [temporalis, trapezius];
        let order = treatment_order(&points);
        assert_eq!(order, [1, 0]);
    }

    #[test]
    fn without_referral_links_the_neck_comes_before_the_leg() {
        let calf = point("gastrocnemius-1");
        let neck = point("levator-scapulae-upper");
        assert!(!refers_to(calf.0, neck.0) && !refers_to(neck.0, calf.0));
        assert_eq!(treatment_order(&[calf, neck]), [1, 0]);
    }

    #[test]
    fn every_point_is_ordered_exactly_once() {
        let atlas = Atlas::builtin();
        let points: Vec<_> = atlas
            .trigger_points()
            .iter()
            .enumerate()
            .filter(|(_, tp)| tp.side != Side::Left)
            .take(40)
            .map(|(i, tp)| (tp, atlas.muscle(&tp.muscle_id).unwrap(), i))
            .collect();
        let mut order = treatment_order(&points);
        order.sort_unstable();
        assert_eq!(order, (0..points.len()).collect::<Vec<_>>());
    }
}
