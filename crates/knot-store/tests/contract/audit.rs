//! The audit log every backend must keep: a row for each change and each read of health data,
//! written with it (so a refused change leaves none), visible only to the person it is about.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use knot_store::{with_origin, AuditOrigin, EntryFilter, Store, TenantCtx};

use crate::fixtures::{at, other_person, pain, plan, screening, session};

type Line = (String, String, Option<i64>);

async fn log(store: &Arc<dyn Store>, ctx: &TenantCtx) -> Vec<Line> {
    let mut events = store.audit_log(ctx, 1000).await.unwrap();
    assert!(
        events.windows(2).all(|pair| pair[0].id > pair[1].id),
        "newest first"
    );
    events.reverse();
    events
        .into_iter()
        .filter(|event| event.record != "account")
        .map(|event| {
            assert_eq!(event.user_id, ctx.user_id());
            assert_eq!(event.person_id, Some(ctx.person_id()));
            (event.action, event.record, event.record_id)
        })
        .collect()
}

fn line(action: &str, record: &str, id: Option<i64>) -> Line {
    (action.to_string(), record.to_string(), id)
}

pub async fn audit_rows_record_writes_and_reads(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &pain(at(1, 0), 7)).await.unwrap();
    let fixed = store
        .correct_entry(&ctx, entry.id, &pain(at(1, 0), 5))
        .await
        .unwrap();
    store.delete_entry(&ctx, fixed.id).await.unwrap();
    store.entry(&ctx, entry.id).await.unwrap();
    store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    let plan = store.save_plan(&ctx, &plan(at(1, 0), 600)).await.unwrap();
    store.active_plan(&ctx).await.unwrap();
    let session = store
        .add_session(&ctx, &session(at(2, 0), None))
        .await
        .unwrap();
    store.sessions(&ctx, None).await.unwrap();
    let screening = store
        .add_screening(&ctx, &screening(at(1, 0), "1"))
        .await
        .unwrap();
    store.latest_screening(&ctx).await.unwrap();

    let expected = vec![
        line("create", "entry", Some(entry.id)),
        line("correct", "entry", Some(fixed.id)),
        line("delete", "entry", Some(fixed.id)),
        line("read", "entry", Some(entry.id)),
        line("read", "entry", None),
        line("create", "plan", Some(plan.id)),
        line("read", "plan", Some(plan.id)),
        line("create", "session", Some(session.id)),
        line("read", "session", None),
        line("create", "screening", Some(screening.id)),
        line("read", "screening", Some(screening.id)),
    ];
    assert_eq!(log(&store, &ctx).await, expected);
    assert_eq!(
        store.audit_log(&ctx, 3).await.unwrap().len(),
        3,
        "limit honoured"
    );

    let other = other_person(&store, "other@example.org").await;
    assert!(
        log(&store, &other).await.is_empty(),
        "the other person sees none of it"
    );
}

pub async fn refused_changes_leave_no_audit_row(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &pain(at(1, 0), 7)).await.unwrap();
    store.delete_entry(&ctx, entry.id).await.unwrap();
    let before = log(&store, &ctx).await;
    assert!(store.delete_entry(&ctx, entry.id).await.is_err());
    assert!(store
        .correct_entry(&ctx, entry.id, &pain(at(1, 0), 2))
        .await
        .is_err());
    assert!(store.delete_entry(&ctx, entry.id + 500).await.is_err());
    assert_eq!(log(&store, &ctx).await, before);
}

/// Rows name the request they came from (address and session), for writes and for reads,
/// and name none outside a request (the command line).
pub async fn audit_rows_name_where_the_request_came_from(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let origin = AuditOrigin {
        address: Some("192.0.2.7".into()),
        session: Some("a1b2c3d4e5f6".into()),
    };
    with_origin(origin.clone(), async {
        store.add_entry(&ctx, &pain(at(1, 0), 4)).await.unwrap();
        store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    })
    .await;
    store.latest_screening(&ctx).await.unwrap();

    let events = store.audit_log(&ctx, 10).await.unwrap();
    let origins: Vec<_> = events
        .iter()
        .rev()
        .filter(|event| event.record != "account")
        .map(|event| {
            (
                event.action.as_str(),
                event.address.clone(),
                event.session.clone(),
            )
        })
        .collect();
    assert_eq!(
        origins,
        [
            ("create", origin.address.clone(), origin.session.clone()),
            ("read", origin.address.clone(), origin.session.clone()),
            ("read", None, None),
        ]
    );
}

/// Many reads at once are each audited once, whatever batches their rows share.
pub async fn concurrent_reads_are_each_audited(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let reads = (0..64).map(|_| {
        let store = Arc::clone(&store);
        tokio::spawn(async move { store.sessions(&ctx, None).await.map(|_| ()) })
    });
    for read in reads.collect::<Vec<_>>() {
        read.await.unwrap().unwrap();
    }
    let events = store.audit_log(&ctx, 1000).await.unwrap();
    let reads = events
        .iter()
        .filter(|event| event.action == "read" && event.record == "session")
        .count();
    assert_eq!(reads, 64);
}

/// A report's records come in one call: the same as the three separate reads, and audited as
/// those three reads.
pub async fn report_records_are_the_three_reads_in_one(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    store.add_entry(&ctx, &pain(at(1, 0), 6)).await.unwrap();
    store.add_entry(&ctx, &pain(at(3, 0), 4)).await.unwrap();
    let plan = store.save_plan(&ctx, &plan(at(1, 0), 600)).await.unwrap();
    store
        .add_session(&ctx, &session(at(2, 0), Some(plan.id)))
        .await
        .unwrap();
    let filter = EntryFilter {
        since: Some(at(2, 0)),
        ..EntryFilter::default()
    };
    let before = log(&store, &ctx).await.len();

    let records = store
        .report_records(&ctx, &filter, Some(at(2, 0)))
        .await
        .unwrap();
    let lines = log(&store, &ctx).await;
    assert_eq!(
        lines[before..],
        [
            line("read", "entry", None),
            line("read", "session", None),
            line("read", "plan", Some(plan.id)),
        ]
    );
    assert_eq!(records.entries, store.entries(&ctx, &filter).await.unwrap());
    assert_eq!(records.entries.len(), 1, "only the days asked for");
    assert_eq!(
        records.sessions,
        store.sessions(&ctx, Some(at(2, 0))).await.unwrap()
    );
    assert_eq!(records.plan, Some(plan));
}
