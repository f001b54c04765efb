//! The PostgreSQL backend: the same records, semantics and errors as the SQLite backend, for
//! a clinic's server (or several app servers on one database). Each write is one transaction
//! with its audit row; each read commits its audit row before it answers ([`read_audit`]).
//!
//! SQLite's single writer hid races that PostgreSQL lets happen, so every check that guards a
//! write is a constraint or a lock: one account per e-mail and one local user (unique keys),
//! one active plan per person (a lock on the person's row, and a unique index), one correction
//! or deletion of an entry (a lock on the entry's row, and unique keys). Transactions run at
//! READ COMMITTED; a report reads one REPEATABLE READ snapshot.
//!
//! Every method runs on a task of its own ([`PostgresStore::detached`]): a caller dropped at
//! any `.await` — a web handler whose client hung up — cannot stop a call between `BEGIN` and
//! `COMMIT` and leave a pooled connection holding locks.
//!
//! One module per concern, as for SQLite: [`connect`] (URL, first connection, migrations),
//! [`accounts`] and [`web_sessions`] (who owns records), [`diary`], [`screenings`],
//! [`sessions`] and [`plans`] (health data), [`report`], [`audit`] and [`read_audit`],
//! [`security`] (security events, signing keys); `crate::codec` encodes values as SQLite does.

mod accounts;
// Compiled once per backend, each time over this backend's `Pool` and `DbConn`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/account_erase.rs"]
mod account_erase;
// Compiled once per backend, each time over this backend's `Pool`, `DbConn` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/account_login.rs"]
mod account_login;
mod audit;
// Compiled once per backend, each time over this backend's `Pool`, `DbConn` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/audit_append.rs"]
mod audit_append;
// Compiled once per backend, each time over this backend's `Pool`, `DbConn` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/audit_verify.rs"]
mod audit_verify;
// A clinic's records (`crate::clinic`), each compiled once per backend.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_audit.rs"]
mod clinic_audit;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_clients.rs"]
mod clinic_clients;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_consents.rs"]
mod clinic_consents;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_rows.rs"]
mod clinic_rows;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_staff.rs"]
mod clinic_staff;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_store.rs"]
mod clinic_store;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/clinic_visits.rs"]
mod clinic_visits;
pub(crate) mod connect;
mod diary;
// Compiled once per backend, each time over this backend's `Pool` and `DbRow`.
mod diary_page;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/live_sessions.rs"]
mod live_sessions;
#[allow(clippy::duplicate_mod)]
#[path = "../shared/two_factor.rs"]
mod two_factor;
// Compiled once per backend, each time over this backend's `Pool`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/limit_counters.rs"]
mod limit_counters;
// Compiled once per backend, each time over this backend's `Pool`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/password_resets.rs"]
mod password_resets;
mod plans;
mod read_audit;
// Reads from a streaming standby, with read-your-writes (`--read-db`).
mod replica;
mod report;
mod screenings;
// Compiled once per backend, each time over this backend's `Pool` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/security.rs"]
mod security;
mod sessions;
// Compiled once per backend, each time over this backend's `Pool` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/transfer_io.rs"]
pub(crate) mod transfer_io;
// Compiled once per backend, each time over this backend's `Pool` and `DbRow`.
#[allow(clippy::duplicate_mod)]
#[path = "../shared/web_sessions.rs"]
mod web_sessions;

/// The pool and row types of this backend, for the modules both backends share
/// (`src/shared/`: the same SQL and the same row mapping on either database).
type Pool = sqlx::postgres::PgPool;
pub use replica::{ReadCounts, ReplicaStore, REPLICA_TIMEOUT};
type DbRow = sqlx::postgres::PgRow;
type DbConn = sqlx::PgConnection;

/// The store type the shared clinic modules implement `ClinicStore` for.
type BackendStore = PostgresStore;
/// What a shared module appends to a `SELECT` that holds the rows it checks until commit.
const FOR_UPDATE: &str = "FOR UPDATE";
/// What a shared module appends to a `SELECT` whose rows must not change until commit, though
/// others may read them: a writer waits, and a reader waiting on a writer reads its result.
const FOR_SHARE: &str = "FOR SHARE";

/// Begins a transaction for an audited read of several statements. READ COMMITTED, not one
/// snapshot: its audit row moves the clinic's chain head, which a REPEATABLE READ transaction
/// cannot do once another has moved it (a serialisation failure). A visit's parts cannot change
/// under the read once it is signed, and an open visit shown mid-change is shown as it now is.
async fn begin_read(pool: &Pool) -> StoreResult<connect::WriteTx> {
    connect::begin_write(pool).await
}

use std::future::Future;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::PgPool;

use crate::error::{StoreError, StoreResult};
use crate::origin::{current_origin, with_origin};
use crate::page::{EntryPage, PageRequest};
use crate::{ChainReport, Store};
use knot_record::{
    Account, AuditEvent, ClinicId, Entry, EntryFilter, LiveSession, NewEntry, NewPlan,
    NewScreening, NewSecurityEvent, NewSession, Plan, Principal, RecordId, ReportRecords,
    Screening, SecurityEvent, SessionRecord, TenantCtx, UserId, WebSession,
};

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database `url` names (`postgres://…` or `postgresql://…`) and brings
    /// its schema up to date. An unreachable server, an unknown database or a refused user
    /// is a `Config` error that says what to check.
    pub async fn open(url: &str) -> StoreResult<PostgresStore> {
        Ok(PostgresStore {
            pool: connect::open_pool(url).await?,
        })
    }

    /// Closes every connection, waiting for work in progress to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Runs `work` on a task of its own, with the caller's audit origin, and waits for it.
    /// Dropping the returned future does not stop the task: a transaction it began is always
    /// committed or rolled back before its connection returns to the pool.
    async fn detached<T, W, F>(&self, work: W) -> StoreResult<T>
    where
        T: Send + 'static,
        W: FnOnce(PgPool) -> F,
        F: Future<Output = StoreResult<T>> + Send + 'static,
    {
        let task = with_origin(current_origin(), work(self.pool.clone()));
        tokio::spawn(task)
            .await
            .map_err(|err| StoreError::Interrupted(err.to_string()))?
    }
}

impl PostgresStore {
    /// [`PostgresStore::detached`] under the name the shared clinic modules call.
    async fn run<T, W, F>(&self, work: W) -> StoreResult<T>
    where
        T: Send + 'static,
        W: FnOnce(PgPool) -> F,
        F: Future<Output = StoreResult<T>> + Send + 'static,
    {
        self.detached(work).await
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn clinic(&self) -> &dyn crate::clinic::ClinicStore {
        self
    }

    async fn local_principal(&self) -> StoreResult<Principal> {
        self.detached(|pool| async move { accounts::local_principal(&pool).await })
            .await
    }

    async fn add_screening(&self, ctx: &TenantCtx, new: &NewScreening) -> StoreResult<Screening> {
        let (ctx, new) = (*ctx, new.clone());
        self.detached(move |pool| async move { screenings::add(&pool, &ctx, &new).await })
            .await
    }

    async fn latest_screening(&self, ctx: &TenantCtx) -> StoreResult<Option<Screening>> {
        let ctx = *ctx;
        self.detached(move |pool| async move { screenings::latest(&pool, &ctx).await })
            .await
    }

    async fn add_entries(&self, ctx: &TenantCtx, new: &[NewEntry]) -> StoreResult<Vec<Entry>> {
        let (ctx, new) = (*ctx, new.to_vec());
        self.detached(move |pool| async move { diary::add(&pool, &ctx, &new).await })
            .await
    }

    async fn correct_entry(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        new: &NewEntry,
    ) -> StoreResult<Entry> {
        let (ctx, new) = (*ctx, new.clone());
        self.detached(move |pool| async move { diary::correct(&pool, &ctx, id, &new).await })
            .await
    }

    async fn delete_entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        let ctx = *ctx;
        self.detached(move |pool| async move { diary::delete(&pool, &ctx, id).await })
            .await
    }

    async fn entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        let ctx = *ctx;
        self.detached(move |pool| async move { diary::get(&pool, &ctx, id).await })
            .await
    }

    async fn entries(&self, ctx: &TenantCtx, filter: &EntryFilter) -> StoreResult<Vec<Entry>> {
        let (ctx, filter) = (*ctx, filter.clone());
        self.detached(move |pool| async move { diary::list(&pool, &ctx, &filter).await })
            .await
    }

    async fn add_session(&self, ctx: &TenantCtx, new: &NewSession) -> StoreResult<SessionRecord> {
        let (ctx, new) = (*ctx, new.clone());
        self.detached(move |pool| async move { sessions::add(&pool, &ctx, &new).await })
            .await
    }

    async fn sessions(
        &self,
        ctx: &TenantCtx,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<SessionRecord>> {
        let ctx = *ctx;
        self.detached(move |pool| async move { sessions::list(&pool, &ctx, since).await })
            .await
    }

    async fn save_plan(&self, ctx: &TenantCtx, new: &NewPlan) -> StoreResult<Plan> {
        let (ctx, new) = (*ctx, new.clone());
        self.detached(move |pool| async move { plans::save(&pool, &ctx, &new).await })
            .await
    }

    async fn active_plan(&self, ctx: &TenantCtx) -> StoreResult<Option<Plan>> {
        let ctx = *ctx;
        self.detached(move |pool| async move { plans::active(&pool, &ctx).await })
            .await
    }

    async fn report_records(
        &self,
        ctx: &TenantCtx,
        filter: &EntryFilter,
        sessions_since: Option<DateTime<Utc>>,
    ) -> StoreResult<ReportRecords> {
        let (ctx, filter) = (*ctx, filter.clone());
        self.detached(move |pool| async move {
            report::read(&pool, &ctx, &filter, sessions_since).await
        })
        .await
    }

    async fn create_account(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> StoreResult<Account> {
        let (email, display_name, password_hash) = (
            email.to_owned(),
            display_name.to_owned(),
            password_hash.to_owned(),
        );
        self.detached(move |pool| async move {
            accounts::create_account(&pool, &email, &display_name, &password_hash).await
        })
        .await
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        let email = email.to_owned();
        self.detached(move |pool| async move { accounts::account_by_email(&pool, &email).await })
            .await
    }

    async fn account_by_id(&self, user_id: UserId) -> StoreResult<Option<Account>> {
        self.detached(move |pool| async move { accounts::account_by_id(&pool, user_id).await })
            .await
    }

    async fn create_web_session(&self, session: &WebSession) -> StoreResult<()> {
        let session = session.clone();
        self.detached(move |pool| async move { web_sessions::create(&pool, &session).await })
            .await
    }

    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSession>> {
        let token_hash = token_hash.to_owned();
        self.detached(move |pool| async move { web_sessions::find(&pool, &token_hash, now).await })
            .await
    }

    async fn set_login(
        &self,
        ctx: &TenantCtx,
        login: &knot_record::NewLogin,
        keep_session: Option<&str>,
    ) -> StoreResult<()> {
        let (ctx, login) = (*ctx, login.clone());
        let keep = keep_session.map(str::to_owned);
        self.detached(move |pool| async move {
            account_login::set(&pool, &ctx, &login, keep.as_deref()).await
        })
        .await
    }

    async fn web_sessions_of(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<WebSession>> {
        self.detached(move |pool| async move { web_sessions::of_user(&pool, user_id, now).await })
            .await
    }

    async fn erase_account(&self, ctx: &TenantCtx) -> StoreResult<crate::ErasedCounts> {
        let ctx = *ctx;
        self.detached(move |pool| async move { account_erase::erase(&pool, &ctx).await })
            .await
    }

    async fn delete_web_session(&self, token_hash: &str) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.detached(move |pool| async move { web_sessions::delete(&pool, &token_hash).await })
            .await
    }

    async fn audit_log(&self, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        let ctx = *ctx;
        self.detached(move |pool| async move { audit::latest(&pool, &ctx, limit).await })
            .await
    }

    async fn verify_audit_chain(&self, clinic: Option<ClinicId>) -> StoreResult<ChainReport> {
        self.detached(move |pool| async move { audit_verify::verify(&pool, clinic).await })
            .await
    }

    async fn record_security_event(&self, event: &NewSecurityEvent) -> StoreResult<()> {
        let event = event.clone();
        self.detached(move |pool| async move { security::record(&pool, &event).await })
            .await
    }

    async fn security_events(
        &self,
        ctx: &TenantCtx,
        limit: u32,
    ) -> StoreResult<Vec<SecurityEvent>> {
        let ctx = *ctx;
        self.detached(move |pool| async move { security::latest(&pool, &ctx, limit).await })
            .await
    }

    async fn server_key(&self, name: &str, fresh: &[u8]) -> StoreResult<Vec<u8>> {
        let (name, fresh) = (name.to_owned(), fresh.to_vec());
        self.detached(move |pool| async move { security::server_key(&pool, &name, &fresh).await })
            .await
    }

    async fn start_live_session(
        &self,
        ctx: &TenantCtx,
        live: &LiveSession,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (ctx, live) = (*ctx, live.clone());
        self.detached(move |pool| async move {
            live_sessions::start(&pool, &ctx, &live, idle_before).await
        })
        .await
    }

    async fn live_session(&self, ctx: &TenantCtx, key: &str) -> StoreResult<Option<LiveSession>> {
        let (ctx, key) = (*ctx, key.to_owned());
        self.detached(move |pool| async move { live_sessions::get(&pool, &ctx, &key).await })
            .await
    }

    async fn update_live_session(&self, ctx: &TenantCtx, live: &LiveSession) -> StoreResult<i64> {
        let (ctx, live) = (*ctx, live.clone());
        self.detached(move |pool| async move { live_sessions::update(&pool, &ctx, &live).await })
            .await
    }

    async fn finish_live_session(
        &self,
        ctx: &TenantCtx,
        key: &str,
        version: i64,
        record: Option<&NewSession>,
    ) -> StoreResult<Option<SessionRecord>> {
        let (ctx, key, record) = (*ctx, key.to_owned(), record.cloned());
        self.detached(move |pool| async move {
            live_sessions::finish(&pool, &ctx, &key, version, record.as_ref()).await
        })
        .await
    }

    async fn discard_live_session(&self, key: &str) -> StoreResult<()> {
        let key = key.to_owned();
        self.detached(move |pool| async move { live_sessions::discard(&pool, &key).await })
            .await
    }

    // --- rate-limit counters
    async fn update_limit_counters(
        &self,
        keys: &[String],
        rule: crate::LimitRule,
        now: DateTime<Utc>,
    ) -> StoreResult<crate::LimitOutcome> {
        let keys = keys.to_vec();
        self.detached(
            move |pool| async move { limit_counters::update(&pool, &keys, &rule, now).await },
        )
        .await
    }

    async fn sweep_limit_counters(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.detached(move |pool| async move { limit_counters::sweep(&pool, before).await })
            .await
    }

    // --- password resets
    async fn create_password_reset(&self, reset: &crate::PasswordReset) -> StoreResult<()> {
        let reset = reset.clone();
        self.detached(move |pool| async move { password_resets::create(&pool, &reset).await })
            .await
    }

    async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<knot_record::UserId>> {
        let token_hash = token_hash.to_owned();
        self.detached(
            move |pool| async move { password_resets::peek(&pool, &token_hash, now).await },
        )
        .await
    }

    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<knot_record::UserId>> {
        let token_hash = token_hash.to_owned();
        self.detached(
            move |pool| async move { password_resets::consume(&pool, &token_hash, now).await },
        )
        .await
    }

    async fn sweep_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.detached(move |pool| async move { password_resets::sweep(&pool, before).await })
            .await
    }

    // --- two-factor sign-in
    async fn two_factor(&self, user: UserId) -> StoreResult<Option<crate::TwoFactor>> {
        self.detached(move |pool| async move { two_factor::get(&pool, user).await })
            .await
    }

    async fn enable_two_factor(
        &self,
        user: UserId,
        secret: &str,
        step: i64,
        recovery_hashes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (secret, hashes) = (secret.to_owned(), recovery_hashes.to_vec());
        self.detached(move |pool| async move {
            two_factor::enable(&pool, user, &secret, step, &hashes, now).await
        })
        .await
    }

    async fn use_two_factor_step(&self, user: UserId, step: i64) -> StoreResult<bool> {
        self.detached(move |pool| async move { two_factor::use_step(&pool, user, step).await })
            .await
    }

    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let hash = code_hash.to_owned();
        self.detached(
            move |pool| async move { two_factor::use_recovery(&pool, user, &hash, now).await },
        )
        .await
    }

    async fn disable_two_factor(&self, user: UserId) -> StoreResult<bool> {
        self.detached(move |pool| async move { two_factor::disable(&pool, user).await })
            .await
    }

    // --- diary pages (keyset pagination)
    async fn entries_page(&self, ctx: &TenantCtx, request: &PageRequest) -> StoreResult<EntryPage> {
        let (ctx, request) = (*ctx, request.clone());
        self.detached(move |pool| async move { diary_page::page(&pool, &ctx, &request).await })
            .await
    }
}

// --- whole-row transfers (`crate::transfer`)

use connect::begin_snapshot;

/// Moves an identity column's sequence past the ids a transfer wrote explicitly, so the next
/// generated id does not collide with them.
async fn move_identity(
    tx: &mut connect::WriteTx,
    table: &crate::transfer::Table,
) -> StoreResult<()> {
    if !table.identity {
        return Ok(());
    }
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence('{name}', '{key}'), \
         COALESCE((SELECT MAX({key}) FROM {name}), 1), \
         (SELECT MAX({key}) FROM {name}) IS NOT NULL)",
        name = table.name,
        key = table.key
    );
    sqlx::query(&sql).execute(&mut **tx).await?;
    Ok(())
}
