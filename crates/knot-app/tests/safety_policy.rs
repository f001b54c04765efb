//! One safety policy, decided in the application layer for every front end: without a
//! screening on record no guided session starts or is recorded and no plan is saved; a
//! treatment the screening rules out is refused; several entries are checked before any is
//! stored.

#![allow(clippy::unwrap_used)]

use chrono::{Duration, Utc};
use knot_app::{App, AppError, Guarded, PlanRequest};
use knot_atlas::Atlas;
use knot_care::screen::{QuestionKind, RuleTable};
use knot_care::session::Target;
use knot_record::{
    EntryFilter, HoldRecord, Measure, NewEntry, NewScreening, NewSession, SessionOutcome, Side,
    TenantCtx,
};
use knot_store::testing::TestDatabase;

async fn fresh(db: &TestDatabase) -> (App, TenantCtx) {
    let app = App::new(knot_store::open(db.url()).await.unwrap());
    let ctx = app.local_actor().await.unwrap().own_records();
    (app, ctx)
}

/// A screening with every question answered calmly, except `change`.
fn screening(change: &[(&str, &str)]) -> NewScreening {
    let table = RuleTable::builtin();
    let answers = table
        .questions_to_ask(&[])
        .into_iter()
        .map(|q| {
            let calm = match q.kind {
                QuestionKind::YesNo => "no",
                QuestionKind::Number => "42",
                QuestionKind::Regions => "none",
            };
            let answer = change
                .iter()
                .find(|(id, _)| *id == q.id)
                .map_or(calm, |(_, a)| a);
            (q.id.clone(), answer.to_string())
        })
        .collect();
    NewScreening {
        taken_at: Utc::now(),
        answers,
        pain_regions: Vec::new(),
        local_regions: Vec::new(),
        rules_version: table.version().to_string(),
    }
}

fn trapezius_right() -> &'static knot_atlas::TriggerPoint {
    Atlas::builtin()
        .trigger_points()
        .iter()
        .find(|tp| tp.id == "upper-trapezius-1" && tp.side == Side::Right)
        .unwrap()
}

fn finished_session() -> NewSession {
    let now = Utc::now();
    NewSession {
        started_at: now - Duration::minutes(10),
        ended_at: now - Duration::minutes(1),
        muscle_id: "upper-trapezius".into(),
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Right,
        technique: "sustained-compression".into(),
        tool: "thumb".into(),
        target_discomfort: 6,
        pain_before: Some(6),
        pain_after: Some(4),
        holds: vec![HoldRecord {
            seconds: 60,
            discomfort: vec![6],
            softened: Some(true),
            skipped: false,
        }],
        stretch_done: true,
        outcome: SessionOutcome::Completed,
        stop_reason: None,
        plan_id: None,
    }
}

fn plan_request(dry_run: bool) -> PlanRequest {
    PlanRequest {
        trigger_points: vec!["upper-trapezius-1:right".into()],
        muscles: Vec::new(),
        side: None,
        cap_minutes: 20,
        dry_run,
    }
}

#[tokio::test]
async fn without_a_screening_nothing_is_treated_recorded_or_saved() {
    let db = TestDatabase::from_env().unwrap();
    let (app, ctx) = fresh(&db).await;
    let start = app
        .start_session(&ctx, trapezius_right(), Target::default())
        .await;
    assert!(matches!(
        start,
        Err(AppError::NeedsScreening {
            guarded: Guarded::Session
        })
    ));
    let recorded = app.record_session(&ctx, finished_session()).await;
    assert!(matches!(recorded, Err(AppError::NeedsScreening { .. })));
    let saved = app.build_plan(&ctx, &plan_request(false)).await;
    assert!(matches!(
        saved,
        Err(AppError::NeedsScreening {
            guarded: Guarded::Plan
        })
    ));
    assert!(app.active_plan(&ctx).await.unwrap().is_none());
    assert!(app.sessions(&ctx, None).await.unwrap().is_empty());

    let preview = app.build_plan(&ctx, &plan_request(true)).await.unwrap();
    assert!(preview.id.is_none());
    assert!(
        preview.screening_hint.is_some(),
        "the preview says to screen"
    );
}

#[tokio::test]
async fn with_a_calm_screening_the_same_requests_go_through() {
    let db = TestDatabase::from_env().unwrap();
    let (app, ctx) = fresh(&db).await;
    app.save_screening(&ctx, &screening(&[])).await.unwrap();
    let spec = app
        .start_session(&ctx, trapezius_right(), Target::default())
        .await
        .unwrap();
    assert_eq!(spec.trigger_point_id, "upper-trapezius-1");
    app.record_session(&ctx, finished_session()).await.unwrap();
    let built = app.build_plan(&ctx, &plan_request(false)).await.unwrap();
    assert!(built.id.is_some());
    assert!(built.screening_hint.is_none());
    let today = app
        .today(&ctx, Utc::now() - Duration::hours(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(today.plan.id, built.id.unwrap());
}

#[tokio::test]
async fn a_screening_that_rules_treatment_out_blocks_start_and_record() {
    let db = TestDatabase::from_env().unwrap();
    let (app, ctx) = fresh(&db).await;
    app.save_screening(&ctx, &screening(&[("fever", "yes")]))
        .await
        .unwrap();
    let start = app
        .start_session(&ctx, trapezius_right(), Target::default())
        .await
        .unwrap_err();
    assert!(
        matches!(start, AppError::Session(_)),
        "blocked at the start: {start:?}"
    );
    let recorded = app
        .record_session(&ctx, finished_session())
        .await
        .unwrap_err();
    assert!(matches!(recorded, AppError::Blocked { .. }), "{recorded:?}");
    assert!(app.sessions(&ctx, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn one_bad_entry_among_several_stores_none() {
    let db = TestDatabase::from_env().unwrap();
    let (app, ctx) = fresh(&db).await;
    let pain = |region: &str, at| NewEntry {
        recorded_at: at,
        measure: Measure::Pain {
            score: 5,
            region: Some(region.into()),
        },
        note: None,
    };
    let past = Utc::now() - Duration::hours(1);
    let future = Utc::now() + Duration::days(2);
    let refused = app
        .log_entries(
            &ctx,
            vec![pain("left-temple", past), pain("right-temple", future)],
        )
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("in the future"), "{refused}");
    assert!(app
        .entries(&ctx, &EntryFilter::default())
        .await
        .unwrap()
        .is_empty());
    let stored = app
        .log_entries(
            &ctx,
            vec![pain("left-temple", past), pain("right-temple", past)],
        )
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
}
