//! Keeping a routine within the daily cap on pressure time, and laying it out as the day's
//! sittings, one side per sitting.
//!
//! Too much pressure injures: CLINICAL.md records soreness and dark urine after 40+ points an hour
//! three times a day. When the routine would exceed the cap, the times a day each point is
//! treated come down first (to a floor, two by default), then the last points in treatment order
//! — the likely satellites and the most peripheral — are left out, then the times a day come
//! down to one; a single point that still does not fit loses holds. The cap is never exceeded.

use knot_record::{PlanItem, Side};

use super::dose::item_pressure_seconds;

/// A routine cut to the cap.
#[derive(Debug)]
pub(crate) struct Fitted<T> {
    /// Kept, in treatment order.
    pub kept: Vec<T>,
    /// Left out, in treatment order.
    pub dropped: Vec<T>,
    /// Times a day each kept point is treated.
    pub times_per_day: u32,
    /// Holds taken off the one remaining point, if it came to that.
    pub holds_trimmed: bool,
}

/// Pressure seconds a day for items done `times_per_day` times each.
pub(crate) fn daily_seconds<'a>(
    items: impl IntoIterator<Item = &'a PlanItem>,
    times_per_day: u32,
) -> u32 {
    items
        .into_iter()
        .map(item_pressure_seconds)
        .fold(0u32, u32::saturating_add)
        .saturating_mul(times_per_day)
}

/// Cuts `items` (in treatment order) to `cap_seconds` a day. `item_of` reaches the plan item
/// inside each element.
pub(crate) fn fit<T>(
    mut kept: Vec<T>,
    times_per_day: u32,
    floor_times: u32,
    cap_seconds: u32,
    item_of: impl Fn(&mut T) -> &mut PlanItem,
) -> Fitted<T> {
    let mut spd = times_per_day.max(1);
    let mut dropped = Vec::new();
    let over = |kept: &mut Vec<T>, spd: u32| {
        let items: Vec<PlanItem> = kept.iter_mut().map(|t| item_of(t).clone()).collect();
        daily_seconds(&items, spd) > cap_seconds
    };
    while spd > floor_times.max(1) && over(&mut kept, spd) {
        spd -= 1;
    }
    while kept.len() > 1 && over(&mut kept, spd) {
        dropped.extend(kept.pop());
    }
    dropped.reverse();
    while spd > 1 && over(&mut kept, spd) {
        spd -= 1;
    }
    let mut holds_trimmed = false;
    if let Some(only) = kept.first_mut() {
        let item = item_of(only);
        while daily_seconds([&*item], spd) > cap_seconds && item.holds > 1 {
            item.holds -= 1;
            holds_trimmed = true;
        }
        let per_hold = item_pressure_seconds(item) / item.holds.max(1);
        if per_hold.saturating_mul(spd) > cap_seconds {
            item.hold_seconds = cap_seconds / spd;
            item.strokes = item
                .strokes
                .map(|_| (cap_seconds / spd / super::dose::STROKE_SECONDS).max(1));
            holds_trimmed = true;
        }
    }
    Fitted {
        kept,
        dropped,
        times_per_day: spd,
        holds_trimmed,
    }
}

/// Lays out the day: items are grouped by side (the side of the first lateral item in treatment
/// order first, the other side second; midline items join whichever group has less pressure
/// time, the first on a tie) and the groups alternate through the day, each done
/// `times_per_day` times: right, left, right, left, … Every copy of an item names its sitting
/// (1, 2, …); treatment order is kept within a sitting. Gives the items and the number of
/// sittings a day.
pub(crate) fn lay_out_day(items: &[PlanItem], times_per_day: u32) -> (Vec<PlanItem>, u32) {
    let groups = side_groups(items);
    let rounds = times_per_day.max(1);
    let group_count = groups.len() as u32;
    let mut day = Vec::new();
    for round in 0..rounds {
        for (g, group) in groups.iter().enumerate() {
            let sitting = round * group_count + g as u32 + 1;
            day.extend(group.iter().map(|item| PlanItem {
                sitting,
                ..(*item).clone()
            }));
        }
    }
    (day, rounds * group_count)
}

/// Items split into one or two groups by side, treatment order kept within each.
fn side_groups(items: &[PlanItem]) -> Vec<Vec<&PlanItem>> {
    let first_side = items
        .iter()
        .map(|item| item.side)
        .find(|side| *side != Side::Midline);
    let mut groups: [Vec<&PlanItem>; 2] = [Vec::new(), Vec::new()];
    let mut load = [0u32; 2];
    for item in items.iter().filter(|item| item.side != Side::Midline) {
        let g = usize::from(Some(item.side) != first_side);
        groups[g].push(item);
        load[g] += item_pressure_seconds(item);
    }
    let mut midline: [Vec<&PlanItem>; 2] = [Vec::new(), Vec::new()];
    for item in items.iter().filter(|item| item.side == Side::Midline) {
        let g = usize::from(!groups[1].is_empty() && load[1] < load[0]);
        midline[g].push(item);
        load[g] += item_pressure_seconds(item);
    }
    // Midline items go where they stand in treatment order within their group.
    let [first, second] = groups;
    let [mid_first, mid_second] = midline;
    [
        merge(items, first, mid_first),
        merge(items, second, mid_second),
    ]
    .into_iter()
    .filter(|group| !group.is_empty())
    .collect()
}

/// The items of `a` and `b` in the order they have in `all`.
fn merge<'a>(all: &'a [PlanItem], a: Vec<&'a PlanItem>, b: Vec<&'a PlanItem>) -> Vec<&'a PlanItem> {
    all.iter()
        .filter(|item| a.iter().chain(&b).any(|x| std::ptr::eq(*x, *item)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(side: Side, seconds: u32) -> PlanItem {
        PlanItem {
            muscle_id: "m".into(),
            trigger_point_id: format!("{}-{seconds}", side.word()),
            side,
            technique: "sustained-compression".into(),
            tool: "thumb".into(),
            hold_seconds: seconds,
            holds: 1,
            strokes: None,
            sitting: 0,
        }
    }

    #[test]
    fn times_a_day_come_down_before_points_are_dropped() {
        let items = vec![item(Side::Right, 100), item(Side::Right, 100)];
        let fitted = fit(items, 3, 2, 400, |t| t);
        assert_eq!((fitted.kept.len(), fitted.times_per_day), (2, 2));
    }

    #[test]
    fn the_last_points_in_order_are_dropped_first() {
        let items = vec![
            item(Side::Right, 100),
            item(Side::Left, 101),
            item(Side::Right, 102),
        ];
        let fitted = fit(items, 2, 2, 420, |t| t);
        assert_eq!(fitted.kept.len(), 2);
        assert_eq!(fitted.dropped[0].trigger_point_id, "right-102");
    }

    #[test]
    fn a_single_point_over_the_cap_loses_holds() {
        let mut big = item(Side::Right, 100);
        big.holds = 5;
        let fitted = fit(vec![big], 3, 2, 250, |t| t);
        assert_eq!(fitted.times_per_day, 1);
        assert_eq!(fitted.kept[0].holds, 2);
        assert!(fitted.holds_trimmed);
    }

    #[test]
    fn one_side_per_sitting_and_midline_joins_the_lighter() {
        let items = vec![
            item(Side::Left, 60),
            item(Side::Midline, 30),
            item(Side::Right, 200),
            item(Side::Left, 50),
        ];
        let (day, sittings) = lay_out_day(&items, 1);
        let sides: Vec<(u32, Side)> = day.iter().map(|i| (i.sitting, i.side)).collect();
        assert_eq!(
            sides,
            [
                (1, Side::Left),
                (1, Side::Midline),
                (1, Side::Left),
                (2, Side::Right)
            ]
        );
        assert_eq!(sittings, 2);
    }

    #[test]
    fn sides_alternate_through_the_day() {
        let items = vec![item(Side::Right, 60), item(Side::Left, 60)];
        let (day, sittings) = lay_out_day(&items, 3);
        let layout: Vec<(u32, Side)> = day.iter().map(|i| (i.sitting, i.side)).collect();
        assert_eq!(sittings, 6);
        assert_eq!(
            layout,
            [
                (1, Side::Right),
                (2, Side::Left),
                (3, Side::Right),
                (4, Side::Left),
                (5, Side::Right),
                (6, Side::Left)
            ]
        );
    }

    #[test]
    fn one_side_only_repeats_one_sitting() {
        let items = vec![item(Side::Midline, 60)];
        let (day, sittings) = lay_out_day(&items, 2);
        assert_eq!(sittings, 2);
        assert_eq!(day.iter().map(|i| i.sitting).collect::<Vec<_>>(), [1, 2]);
    }
}
