//! The store's latencies on a seeded PostgreSQL database (bench/pg_seed.sh, bench/pg_latency.sh):
//! what a progress report reads for random persons, the first and a later keyset page of the
//! diary, and diary writes per second from 32 concurrent writers. Prints a table.
//!
//! Usage: pg_latency DATABASE_URL [SAMPLES] [WRITE_SECONDS]

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use knot_store::{
    EntryFilter, Measure, NewEntry, PageOrder, PageRequest, Principal, Role, Store, TenantCtx,
};

/// A small deterministic generator, so runs pick the same persons.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The context of seeded person `id` (pg_seed.sh gives clinic, person and user one id). A
/// benchmark of the store alone has no app to ask, as the store's own tests do not.
#[allow(clippy::disallowed_methods)]
fn ctx(id: i64) -> TenantCtx {
    let acting = Principal {
        user_id: id,
        clinic_id: id,
        person_id: id,
        role: Role::Person,
    };
    TenantCtx::new(&acting, id)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

fn row(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "| {name} | {} | {:.2} | {:.2} | {:.2} |",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        percentile(&times, 1.0)
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .expect("usage: pg_latency DATABASE_URL [SAMPLES] [WRITE_SECONDS]");
    let samples: usize = args.get(2).map_or(1000, |s| s.parse().unwrap());
    let write_seconds: u64 = args.get(3).map_or(20, |s| s.parse().unwrap());
    let store = knot_store::open(url).await.unwrap();
    // pg_seed.sh's persons: ids 3 to 100,002 (1 and 2 are the local user and its sign-up).
    let (first, last) = (3_i64, 100_002_i64);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut person = || first + rng.below((last - first + 1) as u64) as i64;

    let (mut report, mut page_first, mut page_later) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..samples {
        let ctx = ctx(person());
        let started = Instant::now();
        let records = store
            .report_records(&ctx, &EntryFilter::default(), None)
            .await
            .unwrap();
        report.push(started.elapsed());
        assert!(
            !records.entries.is_empty(),
            "person {} has no entries; seed first",
            ctx.person_id()
        );

        let newest = PageRequest {
            limit: 60,
            order: PageOrder::Newest,
            after: None,
        };
        let started = Instant::now();
        let page = store.entries_page(&ctx, &newest).await.unwrap();
        page_first.push(started.elapsed());

        let older = PageRequest {
            after: page.next,
            ..newest
        };
        let started = Instant::now();
        store.entries_page(&ctx, &older).await.unwrap();
        page_later.push(started.elapsed());
    }
    println!("| measure | samples | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    row(
        "progress report reads (report_records), random person",
        report,
    );
    row("diary page 1 (60 newest), random person", page_first);
    row("diary page 2 (keyset cursor), random person", page_later);

    let written = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(write_seconds);
    let mut writers = Vec::new();
    for writer in 0..32_u64 {
        let (store, written): (Arc<dyn Store>, _) = (store.clone(), written.clone());
        writers.push(tokio::spawn(async move {
            let mut rng = Rng(writer * 7919 + 1);
            while Instant::now() < deadline {
                let ctx = ctx(first + rng.below((last - first + 1) as u64) as i64);
                let entry = NewEntry {
                    recorded_at: Utc::now(),
                    measure: Measure::Pain {
                        score: 4,
                        region: None,
                    },
                    note: None,
                };
                store.add_entry(&ctx, &entry).await.unwrap();
                written.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    let count = written.load(Ordering::Relaxed);
    println!(
        "| diary writes, 32 concurrent writers, {write_seconds} s | {count} | {:.0} writes/s | | |",
        count as f64 / write_seconds as f64
    );
}
