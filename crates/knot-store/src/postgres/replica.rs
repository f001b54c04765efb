//! Reads from a read replica (a PostgreSQL streaming standby): lists and reports of a person
//! are read on the replica when it has caught up with that person's writes, everything else
//! (every write, every audit row, and every read the replica cannot serve) goes to the primary.
//!
//! Read-your-writes: every write bumps the person's row in `person_writes` in its own
//! transaction. A read first asks the primary for the person's count, then opens one snapshot
//! on the replica and reads the count there; only if the replica's count is at least the
//! primary's does it read the records in that same snapshot. A write that committed before the
//! read began is therefore always seen, however far the replica lags for other people.
//!
//! A standby cannot write, so a replica read's audit rows are written and committed on the
//! primary after the records are read and before the answer is handed back: no answer leaves
//! unaudited, and a read whose rows cannot be written fails as it does on the primary.
//!
//! A replica that lags, is down, or does not answer within [`REPLICA_TIMEOUT`] is passed over
//! for the primary, call by call, so it can only make reads cheaper for the primary, never fail
//! them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions};

use super::audit::AuditRow;
use super::connect::{begin_snapshot, connect_options, probe};
use super::read_audit::AuditedRead;
use super::{diary, plans, sessions, PostgresStore};
use crate::error::{StoreError, StoreResult};
use crate::origin::{current_origin, with_origin};
use crate::{ChainReport, ClinicId, Store};
use crate::{EntryPage, PageRequest};
use knot_record::{
    Account, AuditEvent, Entry, EntryFilter, LiveSession, NewEntry, NewPlan, NewScreening,
    NewSecurityEvent, NewSession, Plan, Principal, RecordId, ReportRecords, Screening,
    SecurityEvent, SessionRecord, TenantCtx, UserId, WebSession,
};

/// How long a read may wait on the replica (connection, freshness check and query) before it
/// is read on the primary instead.
pub const REPLICA_TIMEOUT: Duration = Duration::from_secs(2);

/// Connections to the replica.
const REPLICA_CONNECTIONS: u32 = 10;

/// Where reads were served, counted since the store was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadCounts {
    /// Reads answered from the replica.
    pub replica: u64,
    /// Reads the replica could not serve (lagging for the person, down or slow).
    pub primary: u64,
}

/// A PostgreSQL store whose lists and reports are read on a replica when it is fresh enough.
#[derive(Debug, Clone)]
pub struct ReplicaStore {
    primary: PostgresStore,
    replica: PgPool,
    counts: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    replica: AtomicU64,
    primary: AtomicU64,
}

/// The reads the replica may serve.
#[derive(Debug, Clone)]
enum Read {
    Entries(EntryFilter),
    Sessions(Option<DateTime<Utc>>),
    ActivePlan,
    Report(EntryFilter, Option<DateTime<Utc>>),
}

/// What a [`Read`] answers.
#[derive(Debug)]
enum Answer {
    Entries(Vec<Entry>),
    Sessions(Vec<SessionRecord>),
    ActivePlan(Option<Plan>),
    Report(ReportRecords),
}

impl ReplicaStore {
    /// Opens the primary `url` (migrating it) and the replica `read_url`. A replica that cannot
    /// be reached now is a `Config` error, so a mistyped URL is not silently ignored; one that
    /// goes away later is passed over.
    pub async fn open(url: &str, read_url: &str) -> StoreResult<ReplicaStore> {
        let primary = PostgresStore::open(url).await?;
        let options = connect_options(read_url)?;
        probe(&options).await.map_err(|err| match err {
            StoreError::Config(why) => StoreError::Config(format!("the read replica: {why}")),
            other => other,
        })?;
        let replica = PgPoolOptions::new()
            .max_connections(REPLICA_CONNECTIONS)
            .acquire_timeout(REPLICA_TIMEOUT)
            .connect_lazy_with(options);
        Ok(ReplicaStore {
            primary,
            replica,
            counts: Arc::default(),
        })
    }

    /// Where reads were served so far.
    pub fn read_counts(&self) -> ReadCounts {
        ReadCounts {
            replica: self.counts.replica.load(Ordering::Relaxed),
            primary: self.counts.primary.load(Ordering::Relaxed),
        }
    }

    /// Closes every connection to both servers.
    pub async fn close(&self) {
        self.replica.close().await;
        self.primary.close().await;
    }

    /// Reads `read` on the replica and audits it on the primary; `None` when the replica could
    /// not serve it (the caller then reads on the primary, which audits its own read).
    async fn read_on_replica(&self, ctx: &TenantCtx, read: Read) -> StoreResult<Option<Answer>> {
        let (ctx, primary, replica) = (*ctx, self.primary.pool.clone(), self.replica.clone());
        let task = with_origin(current_origin(), async move {
            let attempt = tokio::time::timeout(
                REPLICA_TIMEOUT,
                read_if_fresh(&primary, &replica, &ctx, &read),
            )
            .await;
            // Lagging, down, slow or failing: the primary answers instead.
            let Ok(Ok(Some(answer))) = attempt else {
                return StoreResult::Ok(None);
            };
            AuditedRead::begin(&primary)
                .await?
                .finish(answer.audit_rows(&ctx))
                .await?;
            Ok(Some(answer))
        });
        // Detached as the primary's calls are: a dropped caller cannot cut the audit short.
        let answer = tokio::spawn(task)
            .await
            .map_err(|err| StoreError::Interrupted(err.to_string()))??;
        let counter = match answer {
            Some(_) => &self.counts.replica,
            None => &self.counts.primary,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(answer)
    }
}

/// Reads `read` in one replica snapshot if that snapshot has every write of the person the
/// primary has; `None` if it lags.
async fn read_if_fresh(
    primary: &PgPool,
    replica: &PgPool,
    ctx: &TenantCtx,
    read: &Read,
) -> StoreResult<Option<Answer>> {
    let wanted = writes_of(&mut *primary.acquire().await?, ctx).await?;
    let mut snapshot = begin_snapshot(replica).await?;
    if writes_of(&mut snapshot, ctx).await? < wanted {
        return Ok(None);
    }
    let answer = read.run(&mut snapshot, ctx).await?;
    snapshot.commit().await?;
    Ok(Some(answer))
}

/// How many writes of the context's person `conn` sees.
async fn writes_of(conn: &mut PgConnection, ctx: &TenantCtx) -> StoreResult<i64> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT seq FROM person_writes WHERE person_id = $1")
        .bind(ctx.person_id())
        .fetch_optional(conn)
        .await?;
    Ok(seq.unwrap_or(0))
}

impl Read {
    async fn run(&self, conn: &mut PgConnection, ctx: &TenantCtx) -> StoreResult<Answer> {
        Ok(match self {
            Read::Entries(filter) => Answer::Entries(diary::read_entries(conn, ctx, filter).await?),
            Read::Sessions(since) => {
                Answer::Sessions(sessions::read_sessions(conn, ctx, *since).await?)
            }
            Read::ActivePlan => Answer::ActivePlan(plans::read_active(conn, ctx).await?),
            Read::Report(filter, since) => Answer::Report(ReportRecords {
                entries: diary::read_entries(conn, ctx, filter).await?,
                sessions: sessions::read_sessions(conn, ctx, *since).await?,
                plan: plans::read_active(conn, ctx).await?,
            }),
        })
    }
}

impl Answer {
    /// The audit rows the primary writes for the same read.
    fn audit_rows(&self, ctx: &TenantCtx) -> Vec<AuditRow> {
        let plan_id = |plan: &Option<Plan>| plan.as_ref().map(|plan| plan.id);
        match self {
            Answer::Entries(_) => vec![AuditRow::read(ctx, diary::RECORD, None)],
            Answer::Sessions(_) => vec![AuditRow::read(ctx, sessions::RECORD, None)],
            Answer::ActivePlan(plan) => vec![AuditRow::read(ctx, plans::RECORD, plan_id(plan))],
            Answer::Report(records) => vec![
                AuditRow::read(ctx, diary::RECORD, None),
                AuditRow::read(ctx, sessions::RECORD, None),
                AuditRow::read(ctx, plans::RECORD, plan_id(&records.plan)),
            ],
        }
    }
}

#[async_trait]
impl Store for ReplicaStore {
    // A clinic's records are read and written on the primary.
    fn clinic(&self) -> &dyn crate::clinic::ClinicStore {
        &self.primary
    }

    async fn entries(&self, ctx: &TenantCtx, filter: &EntryFilter) -> StoreResult<Vec<Entry>> {
        match self
            .read_on_replica(ctx, Read::Entries(filter.clone()))
            .await?
        {
            Some(Answer::Entries(entries)) => Ok(entries),
            _ => self.primary.entries(ctx, filter).await,
        }
    }

    async fn sessions(
        &self,
        ctx: &TenantCtx,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<SessionRecord>> {
        match self.read_on_replica(ctx, Read::Sessions(since)).await? {
            Some(Answer::Sessions(sessions)) => Ok(sessions),
            _ => self.primary.sessions(ctx, since).await,
        }
    }

    async fn active_plan(&self, ctx: &TenantCtx) -> StoreResult<Option<Plan>> {
        match self.read_on_replica(ctx, Read::ActivePlan).await? {
            Some(Answer::ActivePlan(plan)) => Ok(plan),
            _ => self.primary.active_plan(ctx).await,
        }
    }

    async fn report_records(
        &self,
        ctx: &TenantCtx,
        filter: &EntryFilter,
        sessions_since: Option<DateTime<Utc>>,
    ) -> StoreResult<ReportRecords> {
        let read = Read::Report(filter.clone(), sessions_since);
        match self.read_on_replica(ctx, read).await? {
            Some(Answer::Report(records)) => Ok(records),
            _ => {
                self.primary
                    .report_records(ctx, filter, sessions_since)
                    .await
            }
        }
    }

    // Everything else is the primary's: writes, reads that are not lists or reports, and the
    // records of sign-in that must never be stale.

    async fn local_principal(&self) -> StoreResult<Principal> {
        self.primary.local_principal().await
    }

    async fn add_screening(&self, ctx: &TenantCtx, new: &NewScreening) -> StoreResult<Screening> {
        self.primary.add_screening(ctx, new).await
    }

    async fn latest_screening(&self, ctx: &TenantCtx) -> StoreResult<Option<Screening>> {
        self.primary.latest_screening(ctx).await
    }

    async fn add_entries(&self, ctx: &TenantCtx, new: &[NewEntry]) -> StoreResult<Vec<Entry>> {
        self.primary.add_entries(ctx, new).await
    }

    async fn correct_entry(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        new: &NewEntry,
    ) -> StoreResult<Entry> {
        self.primary.correct_entry(ctx, id, new).await
    }

    async fn delete_entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        self.primary.delete_entry(ctx, id).await
    }

    async fn entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        self.primary.entry(ctx, id).await
    }

    async fn add_session(&self, ctx: &TenantCtx, new: &NewSession) -> StoreResult<SessionRecord> {
        self.primary.add_session(ctx, new).await
    }

    async fn save_plan(&self, ctx: &TenantCtx, new: &NewPlan) -> StoreResult<Plan> {
        self.primary.save_plan(ctx, new).await
    }

    async fn create_account(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> StoreResult<Account> {
        self.primary
            .create_account(email, display_name, password_hash)
            .await
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        self.primary.account_by_email(email).await
    }

    async fn account_by_id(&self, user_id: UserId) -> StoreResult<Option<Account>> {
        self.primary.account_by_id(user_id).await
    }

    async fn create_web_session(&self, session: &WebSession) -> StoreResult<()> {
        self.primary.create_web_session(session).await
    }

    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSession>> {
        self.primary.web_session(token_hash, now).await
    }

    async fn set_login(
        &self,
        ctx: &TenantCtx,
        login: &knot_record::NewLogin,
        keep_session: Option<&str>,
    ) -> StoreResult<()> {
        self.primary.set_login(ctx, login, keep_session).await
    }

    async fn web_sessions_of(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<WebSession>> {
        self.primary.web_sessions_of(user_id, now).await
    }

    async fn erase_account(&self, ctx: &TenantCtx) -> StoreResult<crate::ErasedCounts> {
        self.primary.erase_account(ctx).await
    }

    async fn delete_web_session(&self, token_hash: &str) -> StoreResult<()> {
        self.primary.delete_web_session(token_hash).await
    }

    async fn audit_log(&self, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        self.primary.audit_log(ctx, limit).await
    }

    async fn verify_audit_chain(&self, clinic: Option<ClinicId>) -> StoreResult<ChainReport> {
        self.primary.verify_audit_chain(clinic).await
    }

    async fn record_security_event(&self, event: &NewSecurityEvent) -> StoreResult<()> {
        self.primary.record_security_event(event).await
    }

    async fn security_events(
        &self,
        ctx: &TenantCtx,
        limit: u32,
    ) -> StoreResult<Vec<SecurityEvent>> {
        self.primary.security_events(ctx, limit).await
    }

    async fn server_key(&self, name: &str, fresh: &[u8]) -> StoreResult<Vec<u8>> {
        self.primary.server_key(name, fresh).await
    }

    // A keyset page is one index seek; it is read on the primary (not routed to the replica yet).
    async fn entries_page(&self, ctx: &TenantCtx, request: &PageRequest) -> StoreResult<EntryPage> {
        self.primary.entries_page(ctx, request).await
    }

    // Guided sessions in progress are read and stepped by compare-and-set: always the primary.
    async fn start_live_session(
        &self,
        ctx: &TenantCtx,
        live: &LiveSession,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.primary
            .start_live_session(ctx, live, idle_before)
            .await
    }

    async fn live_session(&self, ctx: &TenantCtx, key: &str) -> StoreResult<Option<LiveSession>> {
        self.primary.live_session(ctx, key).await
    }

    async fn update_live_session(&self, ctx: &TenantCtx, live: &LiveSession) -> StoreResult<i64> {
        self.primary.update_live_session(ctx, live).await
    }

    async fn finish_live_session(
        &self,
        ctx: &TenantCtx,
        key: &str,
        version: i64,
        record: Option<&NewSession>,
    ) -> StoreResult<Option<SessionRecord>> {
        self.primary
            .finish_live_session(ctx, key, version, record)
            .await
    }

    async fn discard_live_session(&self, key: &str) -> StoreResult<()> {
        self.primary.discard_live_session(key).await
    }

    async fn update_limit_counters(
        &self,
        keys: &[String],
        rule: crate::LimitRule,
        now: DateTime<Utc>,
    ) -> StoreResult<crate::LimitOutcome> {
        self.primary.update_limit_counters(keys, rule, now).await
    }

    async fn sweep_limit_counters(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.primary.sweep_limit_counters(before).await
    }

    async fn create_password_reset(&self, reset: &crate::PasswordReset) -> StoreResult<()> {
        self.primary.create_password_reset(reset).await
    }

    async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<knot_record::UserId>> {
        self.primary.password_reset_user(token_hash, now).await
    }

    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<knot_record::UserId>> {
        self.primary.consume_password_reset(token_hash, now).await
    }

    async fn sweep_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.primary.sweep_password_resets(before).await
    }

    // Sign-in state is read from the primary: a replica a moment behind could accept a code
    // twice or miss that two-factor was just turned on.
    async fn two_factor(&self, user: UserId) -> StoreResult<Option<crate::TwoFactor>> {
        self.primary.two_factor(user).await
    }

    async fn enable_two_factor(
        &self,
        user: UserId,
        secret: &str,
        step: i64,
        recovery_hashes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.primary
            .enable_two_factor(user, secret, step, recovery_hashes, now)
            .await
    }

    async fn use_two_factor_step(&self, user: UserId, step: i64) -> StoreResult<bool> {
        self.primary.use_two_factor_step(user, step).await
    }

    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        self.primary.use_recovery_code(user, code_hash, now).await
    }

    async fn disable_two_factor(&self, user: UserId) -> StoreResult<bool> {
        self.primary.disable_two_factor(user).await
    }
}
