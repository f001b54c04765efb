//! A server killed mid-write loses nothing it acknowledged: `knot serve` takes diary writes over
//! HTTP from a client that keeps posting, is SIGKILLed at a random moment, and is started again,
//! round after round (`KNOT_SERVE_KILL_ROUNDS`, default 3 per backend). Every entry that got a
//! 201 is in the diary afterwards, whole, and the database passes its checks after every kill. `bench/kill.sh`
//! runs the long version.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use knot_store::testing::{soundness, TempDatabase};
use support::http::{json_body, sign_up, try_http};
use support::serve::{free_port, serve};

fn rounds() -> u32 {
    std::env::var("KNOT_SERVE_KILL_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(3)
}

/// The database is sound while the server is down (SQLite `integrity_check` and the key check
/// through sqlx, PostgreSQL amcheck and every constraint re-checked; see
/// `knot_store::testing::soundness`).
fn check_database(url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    if let Err(problems) = runtime.block_on(soundness::check(url)) {
        panic!("the database is damaged after a kill:\n{problems}");
    }
}

fn kill_rounds(url: &str) {
    let port = free_port();
    let mut server = serve(url, port);
    let (cookie, csrf) = sign_up(port, "kill@example.org");
    let seed = std::env::var("KNOT_KILL_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("KNOT_KILL_SEED={seed}");
    let mut acked: BTreeMap<i64, String> = BTreeMap::new();
    let rounds = rounds();
    for round in 0..rounds {
        let stop = Arc::new(AtomicBool::new(false));
        let client = {
            let (stop, cookie, csrf) = (stop.clone(), cookie.clone(), csrf.clone());
            std::thread::spawn(move || {
                let signed_in = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
                let mut acked = Vec::new();
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let text = format!("round {round} write {n}");
                    let entry = serde_json::json!({"measure": {"kind": "note", "text": text}});
                    match try_http(port, "POST /api/v1/diary", &signed_in, &entry.to_string()) {
                        Some((201, _, body)) => {
                            let id = json_body(&body)["entries"][0]["id"]
                                .as_i64()
                                .or_else(|| json_body(&body)["id"].as_i64())
                                .unwrap_or_else(|| panic!("no id in {body}"));
                            acked.push((id, text));
                        }
                        Some((status, _, body)) => panic!("write answered {status}: {body}"),
                        None => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
                acked
            })
        };
        // Kill somewhere between 50 and 850 ms into the writes.
        let delay = 50 + (seed.wrapping_mul(u64::from(round) + 1).rotate_left(17) % 800);
        std::thread::sleep(Duration::from_millis(delay));
        server.kill().unwrap();
        server.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        let written = client.join().unwrap();
        assert!(
            !written.is_empty(),
            "round {round}: no write was acknowledged before the kill"
        );
        acked.extend(written);
        check_database(url);
        server = serve(url, port);
    }
    let signed_in = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let (status, _, body) = try_http(port, "GET /api/v1/diary", &signed_in, "").unwrap();
    assert_eq!(status, 200, "{body}");
    let stored: BTreeMap<i64, String> = json_body(&body)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let id = entry["id"].as_i64().unwrap();
            let text = entry["measure"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            (id, text)
        })
        .collect();
    for (id, text) in &acked {
        assert_eq!(
            stored.get(id),
            Some(text),
            "acknowledged entry {id} ({text}) is missing or changed"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
    println!("SERVE_KILLS {rounds} ACKED {} LOST 0", acked.len());
}

#[test]
fn a_killed_server_loses_no_acknowledged_write_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("knot.db").display());
    kill_rounds(&url);
}

#[test]
fn a_killed_server_loses_no_acknowledged_write_on_postgres() {
    let db = TempDatabase::create().unwrap();
    kill_rounds(db.url());
}
