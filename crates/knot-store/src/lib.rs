//! `knot-store`: where Knot keeps what a person records.
//!
//! The [`Store`] trait is the one door to storage. Callers hold an `Arc<dyn Store>` and pass a
//! [`TenantCtx`] with every call; each backend checks clinic and person inside its queries.
//! [`open`] picks the backend from the database URL: `sqlite:` (a file, the default) or
//! `postgres://` / `postgresql://` (a server). Both keep the same records in the same form and
//! pass one contract suite. Every write is one transaction, so a crash leaves the previous
//! state whole, and every read or change of health data leaves a line in the audit log.
//! With the `testing` feature, [`testing`] makes throwaway databases on either backend for
//! tests here and in the crates above.

#![forbid(unsafe_code)]

mod audit;
mod audit_chain;
mod audit_report;
pub mod clinic;
mod codec;
mod erase;
mod error;
pub mod limits;
mod origin;
mod page;
mod postgres;
pub mod resets;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;
pub mod transfer;
mod two_factor;
mod url;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use audit_report::{ChainBreak, ChainProblem, ChainReport};
pub use clinic::{ClientAccess, ClinicStore, Seal, VisitChange};
pub use erase::ErasedCounts;
pub use error::{StoreError, StoreResult};
/// The clinic records the [`ClinicStore`] speaks of.
pub use knot_record::clinic as clinic_records;
pub use limits::{LimitCounter, LimitOutcome, LimitRule};
pub use origin::{current_origin, with_origin, AuditOrigin};
pub use page::{EntryPage, PageCursor, PageOrder, PageRequest, MAX_PAGE};
pub use resets::PasswordReset;
pub use two_factor::TwoFactor;
// The records the trait's signatures speak of, so a caller of the store needs one import.
pub use knot_record::{
    Account, AuditEvent, ClinicCtx, ClinicId, Entry, EntryFilter, HoldRecord, LiveSession, Measure,
    NewEntry, NewLogin, NewPlan, NewScreening, NewSecurityEvent, NewSession, PersonId, Plan,
    PlanItem, Principal, RecordId, ReportRecords, Role, Screening, SecurityEvent,
    SecurityEventKind, SessionOutcome, SessionRecord, Side, TenantCtx, UserId, WebSession,
};
pub use postgres::PostgresStore;
pub use postgres::{ReadCounts, ReplicaStore, REPLICA_TIMEOUT};
pub use sqlite::SqliteStore;
use url::Backend;
pub use url::{default_database_url, redacted as redacted_url, DATABASE_URL_ENV};

/// Everything Knot stores, behind one trait so the SQLite and PostgreSQL backends are
/// interchangeable. Each method is one transaction.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// A clinic's records: staff, clients, consent, visits ([`clinic`]).
    fn clinic(&self) -> &dyn ClinicStore;

    /// The single local user (the CLI's), created on first use.
    async fn local_principal(&self) -> StoreResult<Principal>;

    // --- screening
    async fn add_screening(&self, ctx: &TenantCtx, new: &NewScreening) -> StoreResult<Screening>;
    /// The most recent screening, if the person has taken one.
    async fn latest_screening(&self, ctx: &TenantCtx) -> StoreResult<Option<Screening>>;

    // --- diary
    /// Stores entries in one transaction: all of them or none ("pain in both temples" is two
    /// entries that stand or fall together).
    async fn add_entries(&self, ctx: &TenantCtx, new: &[NewEntry]) -> StoreResult<Vec<Entry>>;
    /// Stores one entry.
    async fn add_entry(&self, ctx: &TenantCtx, new: &NewEntry) -> StoreResult<Entry> {
        let mut stored = self.add_entries(ctx, std::slice::from_ref(new)).await?;
        stored
            .pop()
            .ok_or_else(|| StoreError::Corrupt("storing one entry returned none".into()))
    }
    /// Stores `new` as a correction of entry `id`, which is kept and marked superseded.
    /// Fails with `NotFound` for someone else's entry and `Conflict` for one already
    /// corrected or deleted.
    async fn correct_entry(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        new: &NewEntry,
    ) -> StoreResult<Entry>;
    /// Marks entry `id` deleted; it leaves every list but the full history. `NotFound` for
    /// someone else's entry; `Conflict` for one already deleted, or already corrected (delete
    /// the correction instead).
    async fn delete_entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry>;
    /// One entry by id (whatever its state); `NotFound` for someone else's.
    async fn entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry>;
    /// Entries in the order they were recorded (then by id).
    async fn entries(&self, ctx: &TenantCtx, filter: &EntryFilter) -> StoreResult<Vec<Entry>>;

    // --- guided sessions
    /// Stores a session. `NotFound` (record "plan") when it names a plan that is not the
    /// person's.
    async fn add_session(&self, ctx: &TenantCtx, new: &NewSession) -> StoreResult<SessionRecord>;
    /// Sessions started at or after `since`, oldest first.
    async fn sessions(
        &self,
        ctx: &TenantCtx,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<SessionRecord>>;

    // --- home plans
    /// Saves a plan and makes it the active one (the previous one stays, inactive).
    async fn save_plan(&self, ctx: &TenantCtx, new: &NewPlan) -> StoreResult<Plan>;
    async fn active_plan(&self, ctx: &TenantCtx) -> StoreResult<Option<Plan>>;

    // --- reports
    /// What a progress report reads, from one snapshot: the current entries matching
    /// `filter`, the sessions started at or after `sessions_since` and the active plan. Audited
    /// as the three reads it is.
    async fn report_records(
        &self,
        ctx: &TenantCtx,
        filter: &EntryFilter,
        sessions_since: Option<DateTime<Utc>>,
    ) -> StoreResult<ReportRecords>;

    // --- accounts and browser sessions (the web app)
    /// Registers a self-care account: a new personal clinic, person and user. `Conflict` when
    /// the e-mail (compared case-insensitively) is taken.
    async fn create_account(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> StoreResult<Account>;
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>>;
    /// The web account with this id; `None` for the local CLI user, which cannot sign in.
    async fn account_by_id(&self, user_id: UserId) -> StoreResult<Option<Account>>;
    /// Stores a session (and clears sessions that expired by its `created_at`). `Conflict` when
    /// the token hash is in use, `NotFound` (record "account") for an unknown user.
    async fn create_web_session(&self, session: &WebSession) -> StoreResult<()>;
    /// The session with this token hash, if it exists and has not expired at `now`.
    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSession>>;
    /// Ends a session; ending one that does not exist is not an error.
    /// The account's browser sessions that have not expired at `now`, newest first.
    async fn web_sessions_of(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<WebSession>>;
    async fn delete_web_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Gives the context's own account a sign-in (the local CLI user: an address and password)
    /// or a new password, ending every browser session of the account but `keep_session` (a
    /// token hash). `Conflict` when another account has the address.
    async fn set_login(
        &self,
        ctx: &TenantCtx,
        login: &knot_record::NewLogin,
        keep_session: Option<&str>,
    ) -> StoreResult<()>;

    /// Erases the context's own account and every record of its person, in one transaction,
    /// with one audit row that names no data; `Conflict` for an account on a clinic's current
    /// staff. See `src/shared/account_erase.rs` for what stays and why.
    async fn erase_account(&self, ctx: &TenantCtx) -> StoreResult<ErasedCounts>;

    // --- audit
    /// The latest audit events for the person, newest first.
    async fn audit_log(&self, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<AuditEvent>>;
    /// Walks the audit hash chain of every clinic (or only `clinic`'s: `NotFound` when there
    /// is no such clinic) and reports it whole, with counts, or names the first broken row.
    /// An operator's check (`knot audit verify`), not a person's: it takes no tenant context.
    async fn verify_audit_chain(&self, clinic: Option<ClinicId>) -> StoreResult<ChainReport>;

    // --- security events and signing keys (the web app)
    /// Records a failed sign-in, a lock-out or a refused request.
    async fn record_security_event(&self, event: &NewSecurityEvent) -> StoreResult<()>;
    /// The latest security events of the context's own account, newest first.
    async fn security_events(&self, ctx: &TenantCtx, limit: u32)
        -> StoreResult<Vec<SecurityEvent>>;
    /// The signing key called `name`: the stored one, or `fresh` (stored now) when there is
    /// none yet, so every app server on one database agrees.
    async fn server_key(&self, name: &str, fresh: &[u8]) -> StoreResult<Vec<u8>>;

    // --- guided sessions in progress in a browser, shared by every app server
    /// Starts the session of `live.key` (replacing any under that key) at version 1, and
    /// clears sessions untouched since `idle_before`.
    async fn start_live_session(
        &self,
        ctx: &TenantCtx,
        live: &LiveSession,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The person's session in progress under `key`.
    async fn live_session(&self, ctx: &TenantCtx, key: &str) -> StoreResult<Option<LiveSession>>;
    /// Stores a step if `live.version` is still the stored one; the new version. `Conflict`
    /// when another step came first.
    async fn update_live_session(&self, ctx: &TenantCtx, live: &LiveSession) -> StoreResult<i64>;
    /// Ends the session (if still at `version`) and stores `record` in the same transaction.
    async fn finish_live_session(
        &self,
        ctx: &TenantCtx,
        key: &str,
        version: i64,
        record: Option<&NewSession>,
    ) -> StoreResult<Option<SessionRecord>>;
    /// Drops the session under `key`, if any.
    async fn discard_live_session(&self, key: &str) -> StoreResult<()>;

    // --- rate-limit counters, shared by every app server ([`limits`])
    /// Reads the counters of `keys` (each named once, at most 16), lets `rule` change them and
    /// stores the change, all in one transaction that holds their rows.
    async fn update_limit_counters(
        &self,
        keys: &[String],
        rule: LimitRule,
        now: DateTime<Utc>,
    ) -> StoreResult<LimitOutcome>;
    /// Deletes counters unchanged since `before`; how many went.
    async fn sweep_limit_counters(&self, before: DateTime<Utc>) -> StoreResult<u64>;

    // --- password resets ([`resets`])
    /// Stores a reset request, replacing the account's unused ones. `NotFound` (record
    /// "account") for an unknown user.
    async fn create_password_reset(&self, reset: &PasswordReset) -> StoreResult<()>;
    /// The account an unused request with this token hash resets, if it has not expired at
    /// `now`; the request stays unused.
    async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>>;
    /// Uses the request with this token hash, if it is unused and unexpired at `now`: the
    /// account it resets. Exactly one of any number of racing callers gets `Some`.
    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>>;
    /// Deletes requests that expired before `before`; how many went.
    async fn sweep_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    // --- two-factor sign-in (TOTP) of a web account ([`TwoFactor`])
    /// The account's two-factor sign-in, if it is on.
    async fn two_factor(&self, user: UserId) -> StoreResult<Option<TwoFactor>>;
    /// Turns it on with `secret` (base32), the step whose code proved the app has it, and the
    /// recovery codes' SHA-256 digests. `Conflict` when already on, `NotFound` for no account.
    async fn enable_two_factor(
        &self,
        user: UserId,
        secret: &str,
        step: i64,
        recovery_hashes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Accepts a code's time step if it is later than the last one accepted (one conditional
    /// update: of two sign-ins with one code, one wins); whether it was.
    async fn use_two_factor_step(&self, user: UserId, step: i64) -> StoreResult<bool>;
    /// Uses the account's unused recovery code with this digest; whether there was one.
    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Turns it off, dropping the secret and every recovery code; whether it was on.
    async fn disable_two_factor(&self, user: UserId) -> StoreResult<bool>;

    // --- diary pages (keyset pagination)
    /// One page of the current entries: `Invalid` for a limit outside 1–[`MAX_PAGE`].
    async fn entries_page(&self, ctx: &TenantCtx, request: &PageRequest) -> StoreResult<EntryPage>;
}

/// Opens the store a database URL names, creating and migrating it as needed.
///
/// `sqlite:PATH` (or a bare file path) opens SQLite; `postgres://…` or `postgresql://…`
/// connects to PostgreSQL; anything else is refused with a message that says what to write.
pub async fn open(database_url: &str) -> StoreResult<Arc<dyn Store>> {
    let store: Arc<dyn Store> = match url::parse(database_url)? {
        Backend::Sqlite(path) => Arc::new(SqliteStore::open(&path).await?),
        Backend::Postgres(url) => Arc::new(PostgresStore::open(&url).await?),
    };
    Ok(store)
}

// --- reads from a read replica (PostgreSQL only)

/// Opens the store `database_url` names with its lists and reports read on the replica
/// `read_url` when it is fresh enough ([`ReplicaStore`]); without `read_url`, as [`open`].
/// A replica is a PostgreSQL feature: with SQLite, or a replica URL that is not PostgreSQL,
/// this is a `Config` error that says so.
pub async fn open_with_replica(
    database_url: &str,
    read_url: Option<&str>,
) -> StoreResult<Arc<dyn Store>> {
    let Some(read_url) = read_url else {
        return open(database_url).await;
    };
    let url = match url::parse(database_url)? {
        Backend::Postgres(url) => url,
        Backend::Sqlite(_) => {
            return Err(StoreError::Config(
                "a read replica (--read-db / KNOT_DATABASE_READ_URL) needs a PostgreSQL \
                 database: pass --db postgres://… as well, or leave the replica out"
                    .into(),
            ))
        }
    };
    let Backend::Postgres(read_url) = url::parse(read_url)? else {
        return Err(StoreError::Config(
            "the read replica (--read-db / KNOT_DATABASE_READ_URL) must be a PostgreSQL URL: \
             write postgres://USER@HOST:PORT/DATABASE of a standby of the --db server"
                .into(),
        ));
    };
    Ok(Arc::new(ReplicaStore::open(&url, &read_url).await?))
}
