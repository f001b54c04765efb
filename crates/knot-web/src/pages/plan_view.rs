//! What the Plan page shows of a plan: each sitting with its items in order (trigger point,
//! side, technique, tool, dose), which sitting is next today with a link per item to the Treat
//! page, and today's pressure time against the cap. Words only; the application layer decided
//! every number.

use knot_app::Today;
use knot_atlas::Atlas;
use knot_care::plan::{daily_pressure_seconds, item_pressure_seconds, sitting_items, sittings};
use knot_record::{NewPlan, PlanItem, RecordId};

/// A plan, ready for the template.
#[derive(Debug, Clone)]
pub(super) struct PlanShown {
    /// The stored plan's id; none for a preview.
    pub id: Option<RecordId>,
    pub made_on: String,
    pub sittings_per_day: u32,
    pub sittings: Vec<SittingView>,
    pub daily: String,
    pub cap: String,
    pub reassess_on: String,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub(super) struct SittingView {
    pub number: u32,
    pub side: &'static str,
    pub pressure: String,
    /// The next sitting today: its items link to the Treat page.
    pub next: bool,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone)]
pub(super) struct ItemView {
    pub muscle: String,
    pub point: String,
    pub point_id: String,
    pub side: &'static str,
    pub technique: String,
    pub tool: String,
    pub dose: String,
    /// The Treat page, prefilled with this point and side.
    pub treat_href: String,
}

/// Where today stands.
#[derive(Debug, Clone)]
pub(super) struct TodayShown {
    /// The next sitting; none when every sitting is done today.
    pub next_sitting: Option<u32>,
    pub used: String,
    pub cap: String,
    /// Whether today's cap is used up.
    pub used_up: bool,
}

/// The plan as shown; `next` marks the sitting that is next today.
pub(super) fn plan_shown(
    atlas: &Atlas,
    id: Option<RecordId>,
    plan: &NewPlan,
    next: Option<u32>,
) -> PlanShown {
    PlanShown {
        id,
        made_on: plan.created_at.date_naive().to_string(),
        sittings_per_day: plan.sittings_per_day,
        sittings: sittings(plan)
            .into_iter()
            .map(|number| sitting(atlas, plan, number, next == Some(number)))
            .collect(),
        daily: minutes(daily_pressure_seconds(plan)),
        cap: minutes(plan.daily_pressure_cap_seconds),
        reassess_on: plan.reassess_on.to_string(),
        notes: plan.notes.clone(),
    }
}

/// Today's progress through the plan.
pub(super) fn today_shown(today: &Today) -> TodayShown {
    let cap = today.plan.plan.daily_pressure_cap_seconds;
    TodayShown {
        next_sitting: today.next.as_ref().map(|(sitting, _)| *sitting),
        used: minutes(today.pressure_seconds_used),
        cap: minutes(cap),
        used_up: today.pressure_seconds_used >= cap,
    }
}

fn sitting(atlas: &Atlas, plan: &NewPlan, number: u32, next: bool) -> SittingView {
    let items: Vec<&PlanItem> = sitting_items(plan, number).collect();
    let side = items
        .iter()
        .map(|item| item.side.word())
        .find(|side| *side != "midline")
        .unwrap_or("midline");
    SittingView {
        number,
        side,
        pressure: minutes(items.iter().map(|item| item_pressure_seconds(item)).sum()),
        next,
        items: items
            .into_iter()
            .map(|item| item_view(atlas, item))
            .collect(),
    }
}

fn item_view(atlas: &Atlas, item: &PlanItem) -> ItemView {
    let muscle = atlas.muscle(&item.muscle_id);
    let point = muscle
        .and_then(|m| {
            m.trigger_points
                .iter()
                .find(|tp| tp.id == item.trigger_point_id)
        })
        .map_or(item.trigger_point_id.clone(), |tp| tp.label.clone());
    let vocabulary = atlas.vocabulary();
    let name = |id: &str| {
        vocabulary
            .name(id)
            .map_or(id.to_string(), |n| n.name.clone())
    };
    let dose = match item.strokes {
        Some(strokes) => format!("{} × {strokes} strokes", sets(item.holds)),
        None => format!("{} × {} s", holds(item.holds), item.hold_seconds),
    };
    ItemView {
        muscle: muscle.map_or(item.muscle_id.clone(), |m| m.name.clone()),
        point,
        point_id: item.trigger_point_id.clone(),
        side: item.side.word(),
        technique: name(&item.technique),
        tool: name(&item.tool),
        dose,
        treat_href: format!(
            "/treat?point={}&side={}",
            item.trigger_point_id,
            item.side.word()
        ),
    }
}

fn holds(n: u32) -> String {
    if n == 1 {
        "1 hold".into()
    } else {
        format!("{n} holds")
    }
}

fn sets(n: u32) -> String {
    if n == 1 {
        "1 set".into()
    } else {
        format!("{n} sets")
    }
}

/// "12 min 30 s", "45 s".
pub(super) fn minutes(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_counts_read_naturally() {
        assert_eq!(minutes(45), "45 s");
        assert_eq!(minutes(1200), "20 min");
        assert_eq!(minutes(750), "12 min 30 s");
        assert_eq!(holds(1), "1 hold");
        assert_eq!(sets(3), "3 sets");
    }
}
