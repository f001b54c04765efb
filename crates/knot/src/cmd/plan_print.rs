//! A home plan as readable text: each distinct sitting with its points in order, tool and dose;
//! which later sittings repeat which; pressure time against the cap; the reassess date; notes.

use std::fmt::Write;

use knot_atlas::Atlas;
use knot_care::plan::{daily_pressure_seconds, item_pressure_seconds, sitting_items, sittings};
use knot_record::{NewPlan, PlanItem, Side};

/// A sitting whose points differ from every earlier one, and the later sittings that repeat it.
struct Distinct {
    first: u32,
    signature: Vec<(String, Side)>,
    repeats: Vec<u32>,
}

/// The plan as text. `id` is the stored plan's id (None for a dry run).
pub fn render(atlas: &Atlas, id: Option<i64>, plan: &NewPlan, saved: bool) -> String {
    let mut out = String::new();
    let title = match id {
        Some(id) => format!("Home routine (plan {id})"),
        None => "Home routine (not saved: dry run)".to_string(),
    };
    let _ = writeln!(out, "{title}, made {}.", plan.created_at.date_naive());
    let _ = writeln!(
        out,
        "{} sitting(s) a day, one side per sitting.\n",
        plan.sittings_per_day
    );
    let mut firsts: Vec<Distinct> = Vec::new();
    for sitting in sittings(plan) {
        let signature: Vec<(String, Side)> = sitting_items(plan, sitting)
            .map(|item| (item.trigger_point_id.clone(), item.side))
            .collect();
        match firsts.iter_mut().find(|d| d.signature == signature) {
            Some(distinct) => distinct.repeats.push(sitting),
            None => {
                write_sitting(&mut out, atlas, plan, sitting);
                firsts.push(Distinct {
                    first: sitting,
                    signature,
                    repeats: Vec::new(),
                });
            }
        }
    }
    let mut repeated = false;
    for Distinct { first, repeats, .. } in &firsts {
        if !repeats.is_empty() {
            let numbers: Vec<String> = repeats.iter().map(u32::to_string).collect();
            let _ = writeln!(
                out,
                "Sitting(s) {} repeat sitting {first}.",
                numbers.join(", ")
            );
            repeated = true;
        }
    }
    if repeated {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Pressure time: {} a day (cap {}).",
        minutes(daily_pressure_seconds(plan)),
        minutes(plan.daily_pressure_cap_seconds)
    );
    let _ = writeln!(
        out,
        "Reassess on {}: log pain, pressure thresholds and range of motion again (`knot log`).",
        plan.reassess_on
    );
    if !plan.notes.is_empty() {
        out.push_str("\nNotes:\n");
        for note in &plan.notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    if saved {
        out.push_str("\nRun it with `knot treat --plan` (it picks the next sitting); `knot plan --show` prints it again.\n");
    }
    out
}

fn write_sitting(out: &mut String, atlas: &Atlas, plan: &NewPlan, sitting: u32) {
    let items: Vec<&PlanItem> = sitting_items(plan, sitting).collect();
    let side = items
        .iter()
        .map(|item| item.side)
        .find(|side| *side != Side::Midline)
        .map_or("midline", Side::word);
    let seconds: u32 = items.iter().map(|item| item_pressure_seconds(item)).sum();
    let _ = writeln!(
        out,
        "Sitting {sitting} — {side} side ({} of pressure)",
        minutes(seconds)
    );
    for (n, item) in items.iter().enumerate() {
        let muscle = atlas
            .muscle(&item.muscle_id)
            .map_or(item.muscle_id.as_str(), |m| m.name.as_str());
        let _ = writeln!(
            out,
            "  {}. {muscle} — {} ({})",
            n + 1,
            item.trigger_point_id,
            item.side.word()
        );
        let _ = writeln!(out, "     {}", dose(atlas, item));
    }
    out.push('\n');
}

/// "sustained pressure with the thumb: 3 holds of 60 s".
fn dose(atlas: &Atlas, item: &PlanItem) -> String {
    let vocabulary = atlas.vocabulary();
    let technique = vocabulary
        .name(&item.technique)
        .map_or(item.technique.as_str(), |n| n.name.as_str());
    let tool = vocabulary
        .name(&item.tool)
        .map_or(item.tool.as_str(), |n| n.name.as_str());
    let amount = match item.strokes {
        Some(strokes) => format!("{} set(s) of {strokes} strokes", item.holds),
        None => format!("{} hold(s) of {} s", item.holds, item.hold_seconds),
    };
    format!("{technique} with the {tool}: {amount}")
}

/// "12 min 30 s", "45 s".
fn minutes(seconds: u32) -> String {
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
    fn minutes_read_naturally() {
        assert_eq!(minutes(45), "45 s");
        assert_eq!(minutes(1200), "20 min");
        assert_eq!(minutes(750), "12 min 30 s");
    }
}
