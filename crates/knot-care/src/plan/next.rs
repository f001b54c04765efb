//! Which sitting of a home plan is next today: each session of the plan today that was stopped,
//! or completed with at least one hold that counts as done (not skipped, not released too early),
//! accounts for one item with the same trigger point and side, sitting by sitting; the first
//! sitting with an item left is next, with only its items left.

use knot_record::{Plan, PlanItem, SessionOutcome, SessionRecord};

/// The first sitting with items not yet done today, and those items in plan order.
pub fn next_sitting<'a>(
    plan: &'a Plan,
    today: &[SessionRecord],
) -> Option<(u32, Vec<&'a PlanItem>)> {
    let mut done: Vec<&SessionRecord> = today
        .iter()
        .filter(|s| s.session.plan_id == Some(plan.id) && accounts_for_item(s))
        .collect();
    let mut sittings: Vec<u32> = plan.plan.items.iter().map(|i| i.sitting).collect();
    sittings.sort_unstable();
    sittings.dedup();
    for sitting in sittings {
        let mut left = Vec::new();
        for item in plan.plan.items.iter().filter(|i| i.sitting == sitting) {
            let matched = done.iter().position(|s| {
                s.session.trigger_point_id == item.trigger_point_id && s.session.side == item.side
            });
            match matched {
                Some(index) => {
                    done.remove(index);
                }
                None => left.push(item),
            }
        }
        if !left.is_empty() {
            return Some((sitting, left));
        }
    }
    None
}

/// A stopped session is not to be repeated today; a completed one counts only when a hold was
/// really done, so a run of short holds leaves the item to do.
fn accounts_for_item(session: &SessionRecord) -> bool {
    match session.session.outcome {
        SessionOutcome::Stopped => true,
        SessionOutcome::Completed => session.session.holds_done() > 0,
        SessionOutcome::Quit => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use knot_record::{HoldRecord, NewPlan, NewSession, Side};

    fn item(tp: &str, side: Side, sitting: u32) -> PlanItem {
        PlanItem {
            muscle_id: "upper-trapezius".into(),
            trigger_point_id: tp.into(),
            side,
            technique: "sustained-compression".into(),
            tool: "thumb".into(),
            hold_seconds: 60,
            holds: 3,
            strokes: None,
            sitting,
        }
    }

    fn plan(items: Vec<PlanItem>) -> Plan {
        Plan {
            id: 4,
            person_id: 1,
            created_by: 1,
            active: true,
            plan: NewPlan {
                created_at: Utc::now(),
                items,
                sittings_per_day: 2,
                daily_pressure_cap_seconds: 1800,
                reassess_on: Utc::now().date_naive(),
                notes: Vec::new(),
            },
        }
    }

    fn done(tp: &str, side: Side, outcome: SessionOutcome) -> SessionRecord {
        SessionRecord {
            id: 1,
            person_id: 1,
            created_by: 1,
            created_at: Utc::now(),
            session: NewSession {
                started_at: Utc::now(),
                ended_at: Utc::now(),
                muscle_id: "upper-trapezius".into(),
                trigger_point_id: tp.into(),
                side,
                technique: "sustained-compression".into(),
                tool: "thumb".into(),
                target_discomfort: 6,
                pain_before: None,
                pain_after: None,
                holds: vec![hold(60, false)],
                stretch_done: false,
                outcome,
                stop_reason: None,
                plan_id: Some(4),
            },
        }
    }

    fn hold(seconds: u32, skipped: bool) -> HoldRecord {
        HoldRecord {
            seconds,
            discomfort: Vec::new(),
            softened: None,
            skipped,
        }
    }

    #[test]
    fn a_completed_session_of_short_holds_leaves_its_item_to_do() {
        let p = plan(vec![item("upper-trapezius-1", Side::Right, 1)]);
        let mut short = done("upper-trapezius-1", Side::Right, SessionOutcome::Completed);
        short.session.holds = vec![hold(5, true), hold(12, true)];
        let (_, left) = next_sitting(&p, &[short.clone()]).expect("still to do");
        assert_eq!(left.len(), 1, "short holds are not treatment");
        short.session.holds.push(hold(45, false));
        assert!(
            next_sitting(&p, &[short]).is_none(),
            "one hold done is enough"
        );
    }

    #[test]
    fn the_next_sitting_is_the_first_with_items_left_today() {
        let p = plan(vec![
            item("upper-trapezius-1", Side::Right, 1),
            item("upper-trapezius-2", Side::Right, 1),
            item("upper-trapezius-1", Side::Left, 2),
        ]);
        let (sitting, left) = next_sitting(&p, &[]).expect("sitting");
        assert_eq!((sitting, left.len()), (1, 2));
        let today = vec![
            done("upper-trapezius-1", Side::Right, SessionOutcome::Completed),
            done("upper-trapezius-2", Side::Right, SessionOutcome::Quit),
        ];
        let (sitting, left) = next_sitting(&p, &today).expect("sitting");
        assert_eq!(sitting, 1);
        assert_eq!(
            left[0].trigger_point_id, "upper-trapezius-2",
            "a quit item is still to do"
        );
        let mut today = today;
        today.push(done(
            "upper-trapezius-2",
            Side::Right,
            SessionOutcome::Stopped,
        ));
        let (sitting, left) = next_sitting(&p, &today).expect("sitting");
        assert_eq!((sitting, left[0].side), (2, Side::Left));
        today.push(done(
            "upper-trapezius-1",
            Side::Left,
            SessionOutcome::Completed,
        ));
        assert!(next_sitting(&p, &today).is_none());
    }
}
