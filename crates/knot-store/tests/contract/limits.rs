//! Rate-limit counters: a rule's check and its count happen as one, however many callers race,
//! a declined rule leaves the counters as they were, and old counters can be swept.

use std::sync::Arc;

use chrono::{Duration, Utc};
use knot_store::{LimitRule, Store};

/// Counts one more event while the count is under `cap`; declines at the cap.
fn counting_up_to(cap: u32) -> LimitRule {
    Arc::new(move |counters| {
        if counters.iter().any(|c| c.count >= cap) {
            return false;
        }
        for counter in counters.iter_mut() {
            counter.count += 1;
            counter.last_event = Some(Utc::now());
        }
        true
    })
}

pub async fn racing_callers_never_count_past_the_cap(store: Arc<dyn Store>) {
    let cap = 7;
    // Two keys per call, named in both orders, so a backend that took rows in the given order
    // would deadlock here.
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let store = store.clone();
            let keys = if i % 2 == 0 {
                vec!["account".to_string(), "address".to_string()]
            } else {
                vec!["address".to_string(), "account".to_string()]
            };
            tokio::spawn(async move {
                store
                    .update_limit_counters(&keys, counting_up_to(cap), Utc::now())
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut applied = 0;
    for task in tasks {
        if task.await.unwrap().applied {
            applied += 1;
        }
    }
    assert_eq!(
        applied, cap,
        "exactly the cap's worth of events were let through"
    );
    let read = store
        .update_limit_counters(&["address".into()], Arc::new(|_| false), Utc::now())
        .await
        .unwrap();
    assert!(!read.applied);
    assert_eq!(read.counters[0].count, cap);
    assert!(read.counters[0].last_event.is_some());
}

pub async fn a_declined_rule_changes_nothing_and_keys_come_back_in_order(store: Arc<dyn Store>) {
    let keys = vec!["b".to_string(), "a".to_string()];
    let first = store
        .update_limit_counters(&keys, counting_up_to(1), Utc::now())
        .await
        .unwrap();
    assert!(first.applied);
    let names: Vec<_> = first.counters.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(names, ["b", "a"], "counters answer in the order asked");
    let tampering: LimitRule = Arc::new(|counters| {
        counters[0].count = 99;
        false
    });
    let declined = store
        .update_limit_counters(&keys, tampering, Utc::now())
        .await
        .unwrap();
    assert!(!declined.applied);
    assert_eq!(
        declined.counters[0].count, 1,
        "a declined change is not shown"
    );
    let after = store
        .update_limit_counters(&keys, Arc::new(|_| false), Utc::now())
        .await
        .unwrap();
    assert!(after.counters.iter().all(|c| c.count == 1));
    let twice = store
        .update_limit_counters(&["a".into(), "a".into()], counting_up_to(5), Utc::now())
        .await;
    assert!(twice.is_err(), "a key named twice is refused");
}

pub async fn old_counters_are_swept(store: Arc<dyn Store>) {
    let long_ago = Utc::now() - Duration::days(3);
    store
        .update_limit_counters(&["old".into()], counting_up_to(5), long_ago)
        .await
        .unwrap();
    store
        .update_limit_counters(&["new".into()], counting_up_to(5), Utc::now())
        .await
        .unwrap();
    let swept = store
        .sweep_limit_counters(Utc::now() - Duration::days(1))
        .await
        .unwrap();
    assert_eq!(swept, 1);
    let left = store
        .update_limit_counters(
            &["old".into(), "new".into()],
            Arc::new(|_| false),
            Utc::now(),
        )
        .await
        .unwrap();
    let counts: Vec<_> = left.counters.iter().map(|c| c.count).collect();
    assert_eq!(
        counts,
        [0, 1],
        "the old counter starts afresh, the new one stays"
    );
}
