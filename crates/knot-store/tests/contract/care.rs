//! Sessions, plans and screenings every backend must keep: round trips, order, the one active
//! plan and the latest screening.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use knot_store::Store;

use crate::fixtures::{at, plan, screening, session};

pub async fn sessions_round_trip_oldest_first_and_filter_by_since(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let plan = store.save_plan(&ctx, &plan(at(1, 0), 600)).await.unwrap();
    let late = store
        .add_session(&ctx, &session(at(5, 0), Some(plan.id)))
        .await
        .unwrap();
    let early = store
        .add_session(&ctx, &session(at(2, 0), None))
        .await
        .unwrap();
    assert_eq!(late.session, session(at(5, 0), Some(plan.id)));
    assert_eq!(
        (late.person_id, late.created_by),
        (ctx.person_id(), ctx.user_id())
    );
    assert_eq!(late.session.pressure_seconds(), 60);

    assert_eq!(
        store.sessions(&ctx, None).await.unwrap(),
        [early.clone(), late.clone()]
    );
    assert_eq!(
        store.sessions(&ctx, Some(at(2, 0))).await.unwrap(),
        [early, late.clone()]
    );
    assert_eq!(store.sessions(&ctx, Some(at(2, 1))).await.unwrap(), [late]);
    assert!(store
        .sessions(&ctx, Some(at(6, 0)))
        .await
        .unwrap()
        .is_empty());
}

pub async fn saving_a_plan_makes_it_the_only_active_one(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    assert_eq!(store.active_plan(&ctx).await.unwrap(), None);
    let first = store.save_plan(&ctx, &plan(at(1, 0), 600)).await.unwrap();
    assert!(first.active);
    assert_eq!(first.plan, plan(at(1, 0), 600));
    assert_eq!(store.active_plan(&ctx).await.unwrap(), Some(first.clone()));

    let second = store.save_plan(&ctx, &plan(at(8, 0), 420)).await.unwrap();
    assert!(second.active);
    assert_ne!(second.id, first.id);
    let active = store.active_plan(&ctx).await.unwrap().unwrap();
    assert_eq!(active, second);
    assert_eq!(active.plan.daily_pressure_cap_seconds, 420);
}

pub async fn latest_screening_is_the_last_taken(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    assert_eq!(store.latest_screening(&ctx).await.unwrap(), None);
    let newer = store
        .add_screening(&ctx, &screening(at(5, 0), "2"))
        .await
        .unwrap();
    // Entered afterwards, but taken earlier (typed in from paper).
    let older = store
        .add_screening(&ctx, &screening(at(3, 0), "1"))
        .await
        .unwrap();
    assert!(older.id > newer.id);
    assert_eq!(newer.screening, screening(at(5, 0), "2"));
    assert_eq!(
        (newer.person_id, newer.created_by),
        (ctx.person_id(), ctx.user_id())
    );
    assert_eq!(store.latest_screening(&ctx).await.unwrap(), Some(newer));
}
