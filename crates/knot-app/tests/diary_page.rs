//! Reading the diary a page at a time through the application: following `next` either way
//! yields each of the person's current entries once and no one else's, every page read is
//! audited, and a damaged cursor or a limit out of range is refused with what to send instead.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use knot_app::{App, AppError, DiaryPageRequest, PageOrder, MAX_PAGE};
use knot_record::{Entry, EntryFilter, Measure, NewEntry, TenantCtx};
use knot_store::testing::TestDatabase;
use knot_store::Store;

async fn open(db: &TestDatabase) -> (App, Arc<dyn Store>) {
    let store = knot_store::open(db.url()).await.unwrap();
    (App::new(store.clone()), store)
}

/// The context of a new web account's person.
async fn person(app: &App, store: &Arc<dyn Store>, email: &str) -> TenantCtx {
    let account = store
        .create_account(email, "Someone", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let session = knot_record::WebSession {
        token_hash: format!("hash-of-{email}"),
        user_id: account.user_id,
        csrf_token: "csrf".into(),
        created_at: Utc::now(),
        expires_at: Utc::now() + Duration::hours(1),
    };
    store.create_web_session(&session).await.unwrap();
    let signed_in = app
        .signed_in(&session.token_hash, Utc::now())
        .await
        .unwrap()
        .unwrap();
    signed_in.actor.own_records()
}

fn note(text: String, at: DateTime<Utc>) -> NewEntry {
    NewEntry {
        recorded_at: at,
        measure: Measure::Note { text },
        note: None,
    }
}

/// Every entry of every page from the first, following `next` as text, and the page count.
async fn walk(app: &App, ctx: &TenantCtx, limit: u32, order: PageOrder) -> (Vec<Entry>, usize) {
    let (mut all, mut pages, mut after) = (Vec::new(), 0, None);
    loop {
        let request = DiaryPageRequest {
            limit,
            order,
            after,
        };
        let page = app.diary_page(ctx, &request).await.unwrap();
        assert!(page.entries.len() <= limit as usize);
        pages += 1;
        all.extend(page.entries);
        match page.next {
            Some(next) => after = Some(next.to_string()),
            None => return (all, pages),
        }
        assert!(pages < 100, "the pages never end");
    }
}

#[tokio::test]
async fn pages_walk_one_persons_current_entries_either_way_and_no_one_elses() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = open(&db).await;
    let ana = person(&app, &store, "ana@example.org").await;
    let bo = person(&app, &store, "bo@example.org").await;
    let start = Utc::now() - Duration::days(3);
    // Interleaved in time with Bo's, and three of Ana's at one moment (ties broken by id).
    for i in 0..14 {
        let at = start + Duration::minutes(i * 10);
        app.log_entries(&ana, vec![note(format!("ana {i}"), at)])
            .await
            .unwrap();
        let bos = at + Duration::minutes(5);
        app.log_entries(&bo, vec![note(format!("bo {i}"), bos)])
            .await
            .unwrap();
    }
    let same = start + Duration::hours(5);
    let tied = (0..3)
        .map(|i| note(format!("ana tied {i}"), same))
        .collect();
    app.log_entries(&ana, tied).await.unwrap();
    let listed = app.entries(&ana, &EntryFilter::default()).await.unwrap();
    app.delete_entry(&ana, listed[2].id).await.unwrap();
    let current = app.entries(&ana, &EntryFilter::default()).await.unwrap();
    assert_eq!(current.len(), 16);

    for limit in [1, 3, 16, MAX_PAGE] {
        let (oldest, pages) = walk(&app, &ana, limit, PageOrder::Oldest).await;
        assert_eq!(oldest, current, "oldest first, limit {limit}");
        assert_eq!(pages, 16_usize.div_ceil(limit as usize), "limit {limit}");
        let (mut newest, _) = walk(&app, &ana, limit, PageOrder::Newest).await;
        newest.reverse();
        assert_eq!(newest, current, "newest first, limit {limit}");
    }
    let (bos, _) = walk(&app, &bo, 5, PageOrder::Newest).await;
    assert_eq!(bos.len(), 14);
    assert!(bos.iter().all(|e| e.person_id == bo.person_id()));
    assert!(current.iter().all(|e| e.person_id == ana.person_id()));

    // Bo holding Ana's cursor reads Bo's entries past that point, never Ana's.
    let first = DiaryPageRequest {
        limit: 4,
        order: PageOrder::Oldest,
        after: None,
    };
    let anas = app.diary_page(&ana, &first).await.unwrap();
    let borrowed = DiaryPageRequest {
        after: anas.next.map(|cursor| cursor.to_string()),
        limit: MAX_PAGE,
        ..first
    };
    let page = app.diary_page(&bo, &borrowed).await.unwrap();
    assert!(page.entries.iter().all(|e| e.person_id == bo.person_id()));
}

#[tokio::test]
async fn every_page_read_is_audited() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = open(&db).await;
    let ana = person(&app, &store, "ana@example.org").await;
    let at = Utc::now() - Duration::hours(1);
    let entries = (0..5).map(|i| note(format!("n {i}"), at)).collect();
    app.log_entries(&ana, entries).await.unwrap();
    let before = store.audit_log(&ana, 1000).await.unwrap().len();
    let (_, pages) = walk(&app, &ana, 2, PageOrder::Newest).await;
    let events = store.audit_log(&ana, 1000).await.unwrap();
    assert_eq!(events.len(), before + pages, "one audit row per page");
    assert_eq!(
        (events[0].action.as_str(), events[0].record.as_str()),
        ("read", "entry")
    );
}

#[tokio::test]
async fn a_damaged_cursor_or_a_limit_out_of_range_is_refused_with_what_to_send() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = open(&db).await;
    let ana = person(&app, &store, "ana@example.org").await;
    let page = |limit, after: &str| DiaryPageRequest {
        limit,
        order: PageOrder::Newest,
        after: Some(after.to_string()),
    };
    for cursor in [
        "",
        "k1_abc",
        "k2_1_2_3",
        "k1_1_2_3; drop table entries",
        "k1_1_2_-3",
        "k1_999999999999_0_1",
    ] {
        let refused = app.diary_page(&ana, &page(10, cursor)).await.unwrap_err();
        let AppError::Invalid { problems, .. } = &refused else {
            panic!("{cursor:?}: {refused:?}");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`next` value"), "{refused}");
    }
    for limit in [0, MAX_PAGE + 1] {
        let request = DiaryPageRequest {
            limit,
            order: PageOrder::Oldest,
            after: None,
        };
        let refused = app.diary_page(&ana, &request).await.unwrap_err();
        assert!(matches!(refused, AppError::Invalid { .. }), "{refused:?}");
        assert!(refused.to_string().contains("1 to 500"), "{refused}");
    }
    let both = app.diary_page(&ana, &page(0, "nope")).await.unwrap_err();
    assert!(
        both.to_string().contains("1 to 500") && both.to_string().contains("\"nope\""),
        "both problems are named: {both}"
    );
}
