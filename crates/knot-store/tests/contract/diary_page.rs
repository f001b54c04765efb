//! Keyset pages of the diary, on every backend: walking the pages either way yields each
//! current entry once, in the list's order (ties on recorded time broken by id), the last page
//! has no cursor, bad limits are refused, another person's pages are empty, and every page
//! read is audited.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use knot_store::{
    Entry, EntryFilter, PageCursor, PageOrder, PageRequest, Store, StoreError, TenantCtx, MAX_PAGE,
};

use crate::fixtures::{at, other_person, pain};

/// Every entry of every page from the first, following `next`, and the number of pages.
async fn walk(
    store: &Arc<dyn Store>,
    ctx: &TenantCtx,
    limit: u32,
    order: PageOrder,
) -> (Vec<Entry>, usize) {
    let (mut all, mut pages, mut after) = (Vec::new(), 0, None);
    loop {
        let request = PageRequest {
            limit,
            order,
            after,
        };
        let page = store.entries_page(ctx, &request).await.unwrap();
        assert!(page.entries.len() <= limit as usize);
        pages += 1;
        all.extend(page.entries);
        match page.next {
            Some(next) => {
                // The cursor survives its text form, as a client passes it back.
                after = Some(PageCursor::parse(&next.to_string()).unwrap());
            }
            None => return (all, pages),
        }
        assert!(pages < 100, "the pages never end");
    }
}

pub async fn pages_walk_every_current_entry_once_either_way(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    // 23 entries, three of them at one moment, written out of order.
    for minutes in (0..20).rev() {
        store
            .add_entry(&ctx, &pain(at(1, minutes * 7), 3))
            .await
            .unwrap();
    }
    for score in [4, 5, 6] {
        store
            .add_entry(&ctx, &pain(at(1, 30), score))
            .await
            .unwrap();
    }
    let listed = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    store.delete_entry(&ctx, listed[4].id).await.unwrap();
    store
        .correct_entry(&ctx, listed[9].id, &pain(at(1, 63), 9))
        .await
        .unwrap();
    let current = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(current.len(), 22);

    for limit in [1, 5, 22, MAX_PAGE] {
        let (oldest, pages) = walk(&store, &ctx, limit, PageOrder::Oldest).await;
        assert_eq!(oldest, current, "oldest first, limit {limit}");
        assert_eq!(pages, 22_usize.div_ceil(limit as usize), "limit {limit}");
        let (mut newest, _) = walk(&store, &ctx, limit, PageOrder::Newest).await;
        newest.reverse();
        assert_eq!(newest, current, "newest first, limit {limit}");
    }
}

pub async fn pages_refuse_bad_limits_and_show_no_one_else(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    store.add_entry(&ctx, &pain(at(1, 0), 3)).await.unwrap();
    for limit in [0, MAX_PAGE + 1] {
        let request = PageRequest {
            limit,
            order: PageOrder::Oldest,
            after: None,
        };
        let refused = store.entries_page(&ctx, &request).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{limit}: {refused:?}"
        );
    }
    let other = other_person(&store, "pages@example.org").await;
    let request = PageRequest {
        limit: 10,
        order: PageOrder::Newest,
        after: None,
    };
    let page = store.entries_page(&other, &request).await.unwrap();
    assert!(page.entries.is_empty() && page.next.is_none());

    let before = store.audit_log(&ctx, 1000).await.unwrap().len();
    let mine = store.entries_page(&ctx, &request).await.unwrap();
    assert_eq!(mine.entries.len(), 1);
    let events = store.audit_log(&ctx, 1000).await.unwrap();
    assert_eq!(events.len(), before + 1, "one audit row for the page read");
    assert_eq!(
        (events[0].action.as_str(), events[0].record.as_str()),
        ("read", "entry")
    );
}
