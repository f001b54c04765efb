//! Diary behaviour every backend must show: entries come back as written, in recorded order,
//! filtered as asked; corrections keep the original; deletion is a mark; NaN is refused.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use knot_store::{EntryFilter, Measure, NewEntry, Side, Store, StoreError};

use crate::fixtures::{at, every_measure, pain};

pub async fn entries_round_trip_every_measure_kind(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let mut written = Vec::new();
    for new in every_measure(at(1, 0)) {
        let entry = store.add_entry(&ctx, &new).await.unwrap();
        assert_eq!(entry.entry, new);
        assert_eq!(entry.person_id, ctx.person_id());
        assert_eq!(entry.created_by, ctx.user_id());
        assert_eq!(
            (entry.corrects, entry.superseded_by, entry.deleted_at),
            (None, None, None)
        );
        assert_eq!(store.entry(&ctx, entry.id).await.unwrap(), entry);
        written.push(entry);
    }
    let kinds: Vec<_> = written.iter().map(|e| e.entry.measure.kind()).collect();
    for kind in ["pain", "threshold", "range_of_motion", "function", "note"] {
        assert!(kinds.contains(&kind), "fixture lacks {kind}");
    }
    let listed = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(listed, written);
}

pub async fn entries_are_ordered_by_recorded_time_then_id(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let late = store.add_entry(&ctx, &pain(at(3, 0), 5)).await.unwrap();
    let early = store.add_entry(&ctx, &pain(at(1, 0), 6)).await.unwrap();
    let tie_a = store.add_entry(&ctx, &pain(at(2, 0), 7)).await.unwrap();
    let tie_b = store.add_entry(&ctx, &pain(at(2, 0), 8)).await.unwrap();
    // A millisecond later sorts after: a time encoding that dropped a zero fraction would
    // put "08:00:00Z" after "08:00:00.001Z".
    let just_after = store
        .add_entry(&ctx, &pain(at(2, 0) + chrono::Duration::milliseconds(1), 9))
        .await
        .unwrap();
    let ids: Vec<_> = store
        .entries(&ctx, &EntryFilter::default())
        .await
        .unwrap()
        .iter()
        .map(|entry| entry.id)
        .collect();
    assert_eq!(ids, [early.id, tie_a.id, tie_b.id, just_after.id, late.id]);
}

pub async fn entry_filters_select_by_time_kind_and_history(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let day1 = store.add_entry(&ctx, &pain(at(1, 0), 4)).await.unwrap();
    let day2 = store.add_entry(&ctx, &pain(at(2, 0), 5)).await.unwrap();
    let note = NewEntry {
        recorded_at: at(2, 30),
        measure: Measure::Note {
            text: "walked".into(),
        },
        note: None,
    };
    let day2_note = store.add_entry(&ctx, &note).await.unwrap();
    let day3 = store.add_entry(&ctx, &pain(at(3, 0), 6)).await.unwrap();
    let fixed = store
        .correct_entry(&ctx, day3.id, &pain(at(3, 0), 3))
        .await
        .unwrap();
    store.delete_entry(&ctx, day1.id).await.unwrap();

    let ids = |filter: EntryFilter| {
        let store = store.clone();
        async move {
            let entries = store.entries(&ctx, &filter).await.unwrap();
            entries.iter().map(|entry| entry.id).collect::<Vec<_>>()
        }
    };
    // `since` is inclusive, `until` exclusive.
    let window = EntryFilter {
        since: Some(at(2, 0)),
        until: Some(at(3, 0)),
        ..Default::default()
    };
    assert_eq!(ids(window).await, [day2.id, day2_note.id]);
    let pains = EntryFilter {
        kind: Some("pain".into()),
        ..Default::default()
    };
    assert_eq!(ids(pains).await, [day2.id, fixed.id]);
    let notes = EntryFilter {
        kind: Some("note".into()),
        ..Default::default()
    };
    assert_eq!(ids(notes).await, [day2_note.id]);
    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert_eq!(
        ids(history).await,
        [day1.id, day2.id, day2_note.id, day3.id, fixed.id]
    );
    let current = ids(EntryFilter::default()).await;
    assert_eq!(current, [day2.id, day2_note.id, fixed.id]);
}

pub async fn corrections_keep_the_original(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let original = store.add_entry(&ctx, &pain(at(1, 0), 8)).await.unwrap();
    let correction = store
        .correct_entry(&ctx, original.id, &pain(at(1, 0), 3))
        .await
        .unwrap();
    assert_eq!(correction.corrects, Some(original.id));
    assert!(correction.is_current());

    let kept = store.entry(&ctx, original.id).await.unwrap();
    assert_eq!(kept.superseded_by, Some(correction.id));
    assert_eq!(
        kept.entry, original.entry,
        "the first value is kept as written"
    );
    assert!(!kept.is_current());

    let again = store
        .correct_entry(&ctx, original.id, &pain(at(1, 0), 2))
        .await;
    match again {
        Err(StoreError::Conflict(message)) => {
            assert!(message.contains(&correction.id.to_string()), "{message}")
        }
        other => panic!("correcting a superseded entry gave {other:?}"),
    }
    let second = store
        .correct_entry(&ctx, correction.id, &pain(at(1, 0), 2))
        .await
        .unwrap();
    assert_eq!(second.corrects, Some(correction.id));
    let current = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(current, [second]);
}

pub async fn deletion_is_a_mark_that_cannot_be_repeated(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &pain(at(1, 0), 5)).await.unwrap();
    let deleted = store.delete_entry(&ctx, entry.id).await.unwrap();
    assert!(deleted.deleted_at.is_some());
    assert_eq!(deleted.entry, entry.entry);
    assert!(store
        .entries(&ctx, &EntryFilter::default())
        .await
        .unwrap()
        .is_empty());
    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert_eq!(
        store.entries(&ctx, &history).await.unwrap(),
        std::slice::from_ref(&deleted)
    );

    assert!(matches!(
        store.delete_entry(&ctx, entry.id).await,
        Err(StoreError::Conflict(_))
    ));
    let corrected = store
        .correct_entry(&ctx, entry.id, &pain(at(1, 0), 4))
        .await;
    assert!(
        matches!(corrected, Err(StoreError::Conflict(_))),
        "{corrected:?}"
    );
    assert_eq!(
        store.entry(&ctx, entry.id).await.unwrap(),
        deleted,
        "unchanged by refusals"
    );

    let old = store.add_entry(&ctx, &pain(at(2, 0), 5)).await.unwrap();
    let new = store
        .correct_entry(&ctx, old.id, &pain(at(2, 0), 6))
        .await
        .unwrap();
    let superseded = store.delete_entry(&ctx, old.id).await;
    assert!(
        matches!(superseded, Err(StoreError::Conflict(_))),
        "{superseded:?}"
    );
    store.delete_entry(&ctx, new.id).await.unwrap();

    let missing = store.delete_entry(&ctx, new.id + 1000).await;
    assert!(
        matches!(
            missing,
            Err(StoreError::NotFound {
                record: "entry",
                ..
            })
        ),
        "{missing:?}"
    );
}

pub async fn values_that_are_not_numbers_are_refused(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let threshold = |kg_per_cm2| NewEntry {
        recorded_at: at(1, 0),
        measure: Measure::Threshold {
            trigger_point: "infraspinatus-1".into(),
            side: Side::Left,
            kg_per_cm2,
        },
        note: None,
    };
    let rom = |degrees| NewEntry {
        recorded_at: at(1, 0),
        measure: Measure::RangeOfMotion {
            movement: "shoulder-flexion".into(),
            degrees,
        },
        note: None,
    };
    for bad in [
        threshold(f64::NAN),
        threshold(f64::INFINITY),
        rom(f64::NEG_INFINITY),
        rom(f64::NAN),
    ] {
        let result = store.add_entry(&ctx, &bad).await;
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
    }
    let good = store.add_entry(&ctx, &threshold(3.5)).await.unwrap();
    let result = store
        .correct_entry(&ctx, good.id, &threshold(f64::NAN))
        .await;
    assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");

    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert_eq!(store.entries(&ctx, &history).await.unwrap(), [good]);
}
