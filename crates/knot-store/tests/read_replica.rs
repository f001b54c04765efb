//! Reads from a read replica against a real streaming standby of the local PostgreSQL
//! (`pg_basebackup -R`, started on a free port): lists are read on the replica once it has
//! caught up, a person's fresh write is read on the primary while the replica's replay is
//! paused, and a replica that is gone is passed over for the primary.
//!
//! Skips with a notice when the standby cannot be made (no PostgreSQL binaries, no replication
//! access and not root to grant it).

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{EntryFilter, Measure, NewEntry, ReadCounts, ReplicaStore, Store, TenantCtx};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The Debian PostgreSQL binaries the standby runs on (the first version installed).
fn pg_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|version| version.path().join("bin"))
        .filter(|bin| bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.into_iter().next()
}

/// A streaming standby of the local cluster; stopped and removed when dropped, whatever the test
/// did.
struct Standby {
    dir: tempfile::TempDir,
    port: u16,
    bin: PathBuf,
}

impl Standby {
    /// Makes and starts the standby, or says why it cannot.
    fn start() -> Result<Standby, String> {
        let Some(bin) = pg_bin() else {
            return Err("no PostgreSQL binaries in /usr/lib/postgresql/*/bin".into());
        };
        let root = is_root();
        let dir = tempfile::Builder::new()
            .prefix("knot-standby-")
            .tempdir_in("/tmp")
            .map_err(|err| err.to_string())?;
        let data = dir.path().join("data");
        let backup = |data: &Path| {
            Command::new(bin.join("pg_basebackup"))
                .args([
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-R",
                    "-X",
                    "stream",
                    "-D",
                ])
                .arg(data)
                .output()
                .map_err(|err| err.to_string())
        };
        let mut out = backup(&data)?;
        if !out.status.success() && root && allow_replication()? {
            let _ = std::fs::remove_dir_all(&data);
            out = backup(&data)?;
        }
        if !out.status.success() {
            return Err(format!(
                "pg_basebackup failed (a `host replication all 127.0.0.1/32 trust` line in \
                 pg_hba.conf is needed): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let port = free_port();
        // Debian keeps the configuration outside the data directory: the standby gets its own,
        // with the primary's limits (a standby refuses to replay with lower ones).
        let mut conf = format!(
            "port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '/tmp'\n\
             hot_standby = on\n"
        );
        for limit in [
            "max_connections",
            "max_worker_processes",
            "max_wal_senders",
            "max_prepared_transactions",
            "max_locks_per_transaction",
        ] {
            conf.push_str(&format!("{limit} = {}\n", primary_setting(limit)?));
        }
        std::fs::write(data.join("postgresql.conf"), conf).map_err(|err| err.to_string())?;
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhost all all 127.0.0.1/32 trust\n",
        )
        .map_err(|err| err.to_string())?;
        std::fs::write(data.join("pg_ident.conf"), "").map_err(|err| err.to_string())?;
        let standby = Standby { dir, port, bin };
        if root {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(standby.dir.path()))?;
        }
        run(Command::new("chmod").arg("700").arg(&data))?;
        if let Err(why) = standby.pg_ctl(&["start", "-w", "-t", "60", "-l"], Some(&standby.log())) {
            let log = std::fs::read_to_string(standby.log()).unwrap_or_default();
            return Err(format!("{why}\nthe standby's log:\n{log}"));
        }
        Ok(standby)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("standby.log")
    }

    /// Runs `pg_ctl ARGS [extra] -D data`, as `postgres` when we are root.
    fn pg_ctl(&self, args: &[&str], extra: Option<&Path>) -> Result<(), String> {
        let mut command = if is_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]);
            command.arg(self.bin.join("pg_ctl"));
            command
        } else {
            Command::new(self.bin.join("pg_ctl"))
        };
        command.args(args);
        if let Some(extra) = extra {
            command.arg(extra);
        }
        command.arg("-D").arg(self.data());
        run(&mut command)
    }

    /// Stops the standby now (the replica "goes away").
    fn stop(&self) {
        let _ = self.pg_ctl(&["stop", "-m", "immediate", "-w"], None);
    }

    /// The URL of database `name` on the standby.
    fn url(&self, name: &str) -> String {
        format!("postgres://root@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for Standby {
    fn drop(&mut self) {
        self.stop();
        // The TempDir removes the directory.
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Adds a replication line to the local cluster's pg_hba.conf and reloads it; `false` if
/// there is no such file to add it to.
fn allow_replication() -> Result<bool, String> {
    let line = "host replication all 127.0.0.1/32 trust";
    let Some(hba) = std::fs::read_dir("/etc/postgresql")
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .map(|version| version.path().join("main/pg_hba.conf"))
        .find(|path| path.exists())
    else {
        return Ok(false);
    };
    let text = std::fs::read_to_string(&hba).map_err(|err| err.to_string())?;
    if !text.lines().any(|l| l.trim() == line) {
        std::fs::write(&hba, format!("{text}\n{line}\n")).map_err(|err| err.to_string())?;
    }
    run(Command::new("psql").args([
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-c",
        "SELECT pg_reload_conf()",
    ]))?;
    Ok(true)
}

/// A setting of the local cluster, as `SHOW` prints it.
fn primary_setting(name: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-Atc"])
        .arg(format!("SHOW {name}"))
        .output()
        .map_err(|err| err.to_string())?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !value.is_empty() {
        Ok(value)
    } else {
        Err(format!("cannot read the primary's {name}"))
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|err| err.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn pain(score: u8) -> NewEntry {
    NewEntry {
        recorded_at: Utc
            .with_ymd_and_hms(2025, 3, 1, 8, 0, u32::from(score))
            .unwrap(),
        measure: Measure::Pain {
            score,
            region: None,
        },
        note: None,
    }
}

/// Runs one statement on `url`, on a connection of its own.
async fn execute(url: &str, sql: &str) {
    let mut conn = url
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap();
    sqlx::query(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// Polls of a standby that should catch up before the test gives up on it (a bound so a broken
/// standby fails the test instead of hanging it, not a speed check).
const POLLS: u32 = 2400;

/// Reads the person's entries until the replica answers (it has replayed the last write).
async fn entries_once_replica_serves(
    store: &ReplicaStore,
    ctx: &TenantCtx,
) -> Vec<knot_store::Entry> {
    for _ in 0..POLLS {
        let before = store.read_counts();
        let entries = store.entries(ctx, &EntryFilter::default()).await.unwrap();
        if store.read_counts().replica > before.replica {
            return entries;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the replica never served the read: is the standby replaying?");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_go_to_a_fresh_replica_and_fall_back_to_the_primary() {
    let standby = match Standby::start() {
        Ok(standby) => standby,
        Err(why) => {
            eprintln!("NOTICE: skipping the read replica test: {why}");
            return;
        }
    };
    let db = TempDatabase::create().unwrap();
    let replica_url = standby.url(db.name());
    // The new database reaches the standby by replay; until then it cannot be opened.
    let mut store = None;
    for _ in 0..POLLS {
        match ReplicaStore::open(db.url(), &replica_url).await {
            Ok(opened) => {
                store = Some(opened);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
    let store = store.expect("the new database reaches the standby");
    let ctx = store.personal_context().await.unwrap();

    // Caught up: the replica answers, with the write.
    store.add_entries(&ctx, &[pain(3)]).await.unwrap();
    let entries = entries_once_replica_serves(&store, &ctx).await;
    assert_eq!(entries.len(), 1);
    assert!(store.read_counts().replica >= 1);

    // Lagging: the replica's replay is paused, the writer still sees their write at once.
    execute(&replica_url, "SELECT pg_wal_replay_pause()").await;
    store.add_entries(&ctx, &[pain(5)]).await.unwrap();
    let before = store.read_counts();
    let entries = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(entries.len(), 2, "the fresh write is read on the primary");
    assert_eq!(
        store.read_counts(),
        ReadCounts {
            replica: before.replica,
            primary: before.primary + 1
        }
    );
    let on_replica: i64 = {
        let mut conn = replica_url
            .parse::<PgConnectOptions>()
            .unwrap()
            .connect()
            .await
            .unwrap();
        sqlx::query_scalar("SELECT count(*) FROM entries")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    };
    assert_eq!(on_replica, 1, "the replica really lags behind the write");
    let report = store
        .report_records(&ctx, &EntryFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(report.entries.len(), 2);

    // Resumed: the replica serves again, now with both entries.
    execute(&replica_url, "SELECT pg_wal_replay_resume()").await;
    assert_eq!(entries_once_replica_serves(&store, &ctx).await.len(), 2);

    // Gone: the primary answers.
    standby.stop();
    let before = store.read_counts();
    let entries = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(store.read_counts().primary, before.primary + 1);
    assert_eq!(store.read_counts().replica, before.replica);

    // Every read above was audited on the primary, replica reads included.
    let audit = store.audit_log(&ctx, 1000).await.unwrap();
    assert!(audit.iter().filter(|event| event.action == "read").count() >= 5);
    store.close().await;
}
