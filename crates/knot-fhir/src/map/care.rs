//! Guided self-treatment sessions as `Procedure`s (with the pain before and after as
//! Observations that are part of them) and home routines as `CarePlan`s.

use knot_atlas::Atlas;
use knot_record::{NewSession, Plan, PlanItem, SessionOutcome, SessionRecord};

use super::body_site;
use super::codes::{identifier_system, TECHNIQUE_SYSTEM, TOOL_SYSTEM};
use super::diary;
use super::ids::date_time;
use super::{non_empty, Ctx};
use crate::fhir::{
    ActivityDetail, Annotation, BundleEntry, CarePlan, CarePlanActivity, CodeableConcept, Coding,
    Identifier, Performer, Period, Procedure, Reference, Resource, Timing, TimingRepeat,
};

/// A session's Procedure, followed by its pain-before and pain-after Observations.
pub fn session(ctx: &Ctx, record: &SessionRecord) -> Vec<BundleEntry> {
    let session = &record.session;
    let key = record.id.to_string();
    let (uuid, full_url) = ctx.ids("session", &key);
    let technique = name_of(&session.technique);
    let (status, status_reason) = match session.outcome {
        SessionOutcome::Completed => ("completed", None),
        SessionOutcome::Stopped => (
            "stopped",
            Some(CodeableConcept::text(
                &session
                    .stop_reason
                    .as_deref()
                    .and_then(non_empty)
                    .unwrap_or_else(|| "a stop rule fired".into()),
            )),
        ),
        SessionOutcome::Quit => (
            "stopped",
            Some(CodeableConcept::text("the person ended it before the end")),
        ),
    };
    let procedure = Procedure {
        id: uuid,
        identifier: vec![Identifier {
            system: identifier_system("session"),
            value: key.clone(),
        }],
        based_on: session
            .plan_id
            .filter(|id| ctx.has_plan(*id))
            .map(|id| Reference::to(&ctx.ids("plan", &id.to_string()).1))
            .into_iter()
            .collect(),
        status: status.into(),
        status_reason,
        code: CodeableConcept::coded(
            Coding::new(TECHNIQUE_SYSTEM, &session.technique, Some(&technique)),
            &format!("Trigger point self-treatment: {technique}"),
        ),
        subject: ctx.patient(),
        performed_period: Period {
            start: Some(date_time(session.started_at)),
            end: Some(date_time(session.ended_at)),
        },
        performer: vec![Performer {
            actor: ctx.patient(),
        }],
        body_site: vec![body_site::trigger_point(
            &session.trigger_point_id,
            session.side,
        )],
        note: vec![Annotation::new(&summary(session))],
        used_code: vec![CodeableConcept::coded(
            Coding::new(TOOL_SYSTEM, &session.tool, Some(&name_of(&session.tool))),
            &name_of(&session.tool),
        )],
    };
    let part_of = Reference::to(&full_url);
    let mut entries = vec![BundleEntry {
        full_url,
        resource: Resource::Procedure(procedure),
    }];
    let readings = [
        ("before", session.pain_before, session.started_at),
        ("after", session.pain_after, session.ended_at),
    ];
    for (when, score, at) in readings {
        if let Some(score) = score {
            entries.push(diary::pain(
                ctx,
                &format!("session-pain-{when}"),
                &key,
                score,
                date_time(at),
                Some(part_of.clone()),
            ));
        }
    }
    entries
}

/// The holds and how the session went, in words.
fn summary(session: &NewSession) -> String {
    let felt: Vec<u8> = session
        .holds
        .iter()
        .flat_map(|h| h.discomfort.iter().copied())
        .collect();
    let mut parts = vec![format!(
        "{} of {} holds done ({} ended early), {} s of pressure in all",
        session.holds_done(),
        session.holds.len(),
        session.short_holds(),
        session.pressure_seconds()
    )];
    let aimed = format!("discomfort aimed for {}/10", session.target_discomfort);
    parts.push(match (felt.iter().min(), felt.iter().max()) {
        (Some(low), Some(high)) if low == high => format!("{aimed}, felt {low}/10"),
        (Some(low), Some(high)) => format!("{aimed}, felt {low}-{high}/10"),
        _ => aimed,
    });
    let asked = session
        .holds
        .iter()
        .filter(|h| h.softened.is_some())
        .count();
    if asked > 0 {
        let softened = session
            .holds
            .iter()
            .filter(|h| h.softened == Some(true))
            .count();
        parts.push(format!("softened in {softened} of {asked} holds asked"));
    }
    if session.stretch_done {
        parts.push("stretch done".into());
    }
    match (session.pain_before, session.pain_after) {
        (Some(before), Some(after)) => {
            parts.push(format!("pain {before}/10 before, {after}/10 after"))
        }
        (Some(before), None) => parts.push(format!("pain {before}/10 before")),
        (None, Some(after)) => parts.push(format!("pain {after}/10 after")),
        (None, None) => {}
    }
    format!("{}.", parts.join("; "))
}

/// A home routine: `active` while in use, `revoked` once a newer plan replaced it (R4's word for
/// a plan ended before completion, "though it may have been replaced by a new plan").
pub fn plan(ctx: &Ctx, plan: &Plan) -> BundleEntry {
    let key = plan.id.to_string();
    let (uuid, full_url) = ctx.ids("plan", &key);
    let routine = &plan.plan;
    let item_status = if plan.active { "scheduled" } else { "stopped" };
    BundleEntry {
        full_url,
        resource: Resource::CarePlan(CarePlan {
            id: uuid,
            identifier: vec![Identifier {
                system: identifier_system("plan"),
                value: key,
            }],
            status: if plan.active { "active" } else { "revoked" }.into(),
            intent: "plan".into(),
            title: "Home trigger point self-treatment routine".into(),
            description: format!(
                "{} sitting(s) a day, at most {} s of pressure a day; look again at pain, \
                 pressure threshold and range of motion on {}.",
                routine.sittings_per_day,
                routine.daily_pressure_cap_seconds,
                routine.reassess_on.format("%Y-%m-%d")
            ),
            subject: ctx.patient(),
            created: date_time(routine.created_at),
            activity: routine
                .items
                .iter()
                .map(|item| activity(item, item_status))
                .collect(),
            note: routine
                .notes
                .iter()
                .filter_map(|n| non_empty(n))
                .map(|n| Annotation::new(&n))
                .collect(),
        }),
    }
}

fn activity(item: &PlanItem, status: &str) -> CarePlanActivity {
    let technique = name_of(&item.technique);
    let dose = match item.strokes {
        Some(strokes) => format!("{} set(s) of {strokes} strokes", item.holds),
        None => format!("{} hold(s) of {} s", item.holds, item.hold_seconds),
    };
    CarePlanActivity {
        detail: ActivityDetail {
            code: CodeableConcept::coded(
                Coding::new(TECHNIQUE_SYSTEM, &item.technique, Some(&technique)),
                &format!("Trigger point self-treatment: {technique}"),
            ),
            status: status.into(),
            scheduled_timing: Timing {
                repeat: TimingRepeat {
                    frequency: 1,
                    period: 1,
                    period_unit: "d".into(),
                },
            },
            description: format!(
                "{}: {technique} with the {}, {dose}, in sitting {} of the day.",
                body_site::trigger_point_name(&item.trigger_point_id, item.side),
                name_of(&item.tool),
                item.sitting
            ),
        },
    }
}

/// The atlas's name of a technique or tool id, else the id.
fn name_of(id: &str) -> String {
    Atlas::builtin()
        .vocabulary()
        .name(id)
        .map_or_else(|| id.to_string(), |named| named.name.clone())
}
