//! [`ClinicStore`]: a clinic's records — staff and invitations, clients, consent, visits —
//! behind one trait beside [`Store`](crate::Store) (reached through
//! [`Store::clinic`](crate::Store::clinic)), so both backends keep them with the same SQL
//! (`src/shared/clinic_*.rs`, compiled once per backend).
//!
//! Clinic-wide calls take a [`ClinicCtx`]; calls about one client take a [`TenantCtx`] for
//! that client, minted by the application's access check. Every query filters by the context's
//! clinic (and person), so another clinic's ids answer `NotFound`. Calls that read or write
//! clinical data refuse a front-desk context with `NotFound` as well (defence in depth: the
//! application's permission table already refused). Every read and change of a client's data
//! leaves an audit row through the existing audit functions, in the call's own transaction.
//!
//! Reads run in a transaction of their own with their audit row (on SQLite the write lock,
//! which also gives a visit and its findings one consistent view; on PostgreSQL one
//! REPEATABLE READ snapshot), rather than SQLite's batched read audit: clinical reads are few
//! and must agree with themselves.
//!
//! A signed visit is locked: a change to its drawing, note, findings or treatments is refused
//! inside the transaction that holds the visit's row (`Conflict`), and database triggers refuse
//! it from outside the store as well; words added later are addenda.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::StoreResult;
use knot_record::clinic::{
    Addendum, Client, ClientDetails, ClientHealth, Clinic, ClinicSettings, Consent, Finding,
    Invitation, Membership, NewConsent, NewFinding, NewInvitation, NewTreatment, NewVisit,
    PainMark, RetentionFacts, RomMeasure, SoapText, StaffMember, Treatment, Visit, VisitRecord,
};
use knot_record::{ClinicCtx, ClinicId, PersonId, RecordId, TenantCtx, UserId};

/// Judges and seals a visit being signed: given the visit as stored (with its findings and
/// treatments), the client's consents, who signs and when, it returns the hash to store, or the
/// reason the visit cannot be signed (the store refuses with `Conflict` and that reason). The
/// rules are `knot-care`'s; the store calls the seal inside the signing transaction, on what
/// it read there with the visit row held and the consents held against withdrawal, so nothing
/// charted and no consent can change between the check, the hash and the signature.
pub type Seal = Arc<
    dyn Fn(&VisitRecord, &[Consent], DateTime<Utc>, UserId) -> Result<String, String> + Send + Sync,
>;

/// One part of an unsigned visit to replace.
#[derive(Debug, Clone, PartialEq)]
pub enum VisitChange {
    PainDrawing(Vec<PainMark>),
    RangeOfMotion(Vec<RomMeasure>),
    Soap(SoapText),
}

/// Whether `user` may reach the clinic's client `person` at all, and whether they treat them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAccess {
    /// The user is one of the client's therapists.
    pub treats: bool,
}

/// A clinic's records. Each method is one transaction.
#[async_trait]
pub trait ClinicStore: Send + Sync {
    // --- clinics and staff (before an access check: what it needs)
    /// Creates a clinic (not personal) whose first member, an admin, is `creator`.
    async fn create_clinic(
        &self,
        creator: UserId,
        name: &str,
        settings: &ClinicSettings,
    ) -> StoreResult<Clinic>;
    /// `user`'s current membership of `clinic` (none for a personal clinic, a removed member
    /// or a stranger).
    async fn membership(&self, clinic: ClinicId, user: UserId) -> StoreResult<Option<Membership>>;
    /// The practices `user` is currently on the staff of, with the role held in each. Not
    /// audited: it names only the user's own memberships.
    async fn staff_clinics(&self, user: UserId) -> StoreResult<Vec<(Clinic, knot_record::Role)>>;
    /// Whether `person` is a current client of `clinic` (none if not), and whether `user`
    /// treats them.
    async fn client_access(
        &self,
        clinic: ClinicId,
        user: UserId,
        person: PersonId,
    ) -> StoreResult<Option<ClientAccess>>;
    /// The invitation whose token hashes to `token_hash`, with its clinic's name, for the
    /// page that offers to accept it (it reads no one's records, so it is not audited).
    async fn invitation(&self, token_hash: &str) -> StoreResult<Option<(Invitation, String)>>;
    /// Accepts the invitation whose token hashes to `token_hash` for `user`, once: the user
    /// joins the staff with the invited role. `NotFound` for an unknown token, `Conflict` for
    /// one already used or expired by `now`, or a user already on the staff.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Membership>;

    // --- the clinic as a whole
    async fn clinic(&self, ctx: &ClinicCtx) -> StoreResult<Clinic>;
    async fn update_clinic_settings(
        &self,
        ctx: &ClinicCtx,
        settings: &ClinicSettings,
    ) -> StoreResult<Clinic>;
    /// Stores an invitation (its token's hash only).
    async fn create_invitation(
        &self,
        ctx: &ClinicCtx,
        new: &NewInvitation,
    ) -> StoreResult<Invitation>;
    /// Current and former staff, by when they joined.
    async fn staff(&self, ctx: &ClinicCtx) -> StoreResult<Vec<StaffMember>>;
    /// Marks `user` as having left the staff. `NotFound` for someone not on it; `Conflict`
    /// for the last admin.
    async fn remove_staff(&self, ctx: &ClinicCtx, user: UserId) -> StoreResult<()>;
    /// At most `limit` of the clinic's audit rows with an id below `before`, newest first;
    /// the reading is itself audited.
    async fn audit_rows(
        &self,
        ctx: &ClinicCtx,
        limit: u32,
        before: Option<RecordId>,
    ) -> StoreResult<Vec<knot_record::AuditEvent>>;
    /// Adds a client without an account: a new person of the clinic with these details.
    async fn add_client(&self, ctx: &ClinicCtx, details: &ClientDetails) -> StoreResult<Client>;
    /// The current clients (contact details only), by name; only those `treated_by` treats
    /// when given.
    async fn clients(
        &self,
        ctx: &ClinicCtx,
        treated_by: Option<UserId>,
    ) -> StoreResult<Vec<Client>>;
    /// Makes `therapist` (a current therapist or admin of the clinic) one of the client's
    /// therapists; assigning twice is not an error.
    async fn assign_therapist(
        &self,
        ctx: &ClinicCtx,
        person: PersonId,
        therapist: UserId,
    ) -> StoreResult<()>;

    // --- one client (a TenantCtx for the client)
    async fn client(&self, ctx: &TenantCtx) -> StoreResult<Client>;
    async fn update_client(&self, ctx: &TenantCtx, details: &ClientDetails) -> StoreResult<Client>;
    /// Health history and medications (clinical).
    async fn client_health(&self, ctx: &TenantCtx) -> StoreResult<ClientHealth>;
    async fn set_client_health(&self, ctx: &TenantCtx, health: &ClientHealth) -> StoreResult<()>;
    /// What the retention rule needs (not clinical: dates only).
    async fn retention_facts(&self, ctx: &TenantCtx) -> StoreResult<RetentionFacts>;
    /// Marks the client deleted at `now`; the caller has checked the retention period.
    async fn delete_client(&self, ctx: &TenantCtx, now: DateTime<Utc>) -> StoreResult<()>;

    // --- consent (clinical)
    async fn add_consent(&self, ctx: &TenantCtx, new: &NewConsent) -> StoreResult<Consent>;
    /// Records the withdrawal of consent `id` at `at`. `Conflict` when already withdrawn.
    async fn withdraw_consent(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<Consent>;
    /// Every consent given, in order, withdrawn ones included.
    async fn consents(&self, ctx: &TenantCtx) -> StoreResult<Vec<Consent>>;

    // --- visits (clinical)
    /// Opens a visit by the context's user.
    async fn start_visit(&self, ctx: &TenantCtx, new: &NewVisit) -> StoreResult<Visit>;
    /// Replaces one part of an unsigned visit. `Conflict` once it is signed.
    async fn change_visit(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        change: &VisitChange,
    ) -> StoreResult<Visit>;
    /// Charts a finding in an unsigned visit. `Conflict` once it is signed.
    async fn add_finding(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewFinding,
    ) -> StoreResult<Finding>;
    /// Logs a treatment in an unsigned visit. `Conflict` once it is signed.
    async fn add_treatment(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewTreatment,
    ) -> StoreResult<Treatment>;
    /// Signs the visit as the context's user at `at`, with the hash `seal` computes from the
    /// visit and the client's consents as read in the same transaction. `Conflict` when it is
    /// already signed, or with the seal's reason when it refuses.
    async fn sign_visit(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
        seal: Seal,
    ) -> StoreResult<Visit>;
    /// Adds a dated addendum by the context's user to a signed visit. `Conflict` for an
    /// unsigned one (change the note itself).
    async fn add_addendum(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
        text: &str,
    ) -> StoreResult<Addendum>;
    /// One visit with its findings, treatments and addenda, from one snapshot.
    async fn visit(&self, ctx: &TenantCtx, visit: RecordId) -> StoreResult<VisitRecord>;
    /// Every visit of the client, oldest first, each with everything charted in it.
    async fn visits(&self, ctx: &TenantCtx) -> StoreResult<Vec<VisitRecord>>;
}
