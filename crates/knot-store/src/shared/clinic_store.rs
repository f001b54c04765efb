//! [`ClinicStore`] for this backend: each method runs its module's function on a task of its
//! own (`run`), like every other store call, so a dropped caller cannot leave a transaction
//! half-done. Compiled once per backend, over its store type.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    clinic_audit, clinic_clients, clinic_consents, clinic_staff, clinic_visits, BackendStore,
};
use crate::clinic::{ClientAccess, ClinicStore, Seal, VisitChange};
use crate::error::StoreResult;
use knot_record::clinic::{
    Addendum, Client, ClientDetails, ClientHealth, Clinic, ClinicSettings, Consent, Finding,
    Invitation, Membership, NewConsent, NewFinding, NewInvitation, NewTreatment, NewVisit,
    RetentionFacts, StaffMember, Treatment, Visit, VisitRecord,
};
use knot_record::{ClinicCtx, ClinicId, PersonId, RecordId, TenantCtx, UserId};

#[async_trait]
impl ClinicStore for BackendStore {
    async fn create_clinic(
        &self,
        creator: UserId,
        name: &str,
        settings: &ClinicSettings,
    ) -> StoreResult<Clinic> {
        let (name, settings) = (name.to_owned(), *settings);
        self.run(move |pool| async move {
            clinic_staff::create_clinic(&pool, creator, &name, &settings).await
        })
        .await
    }

    async fn staff_clinics(&self, user: UserId) -> StoreResult<Vec<(Clinic, knot_record::Role)>> {
        self.run(move |pool| async move { clinic_staff::staff_clinics(&pool, user).await })
            .await
    }

    async fn membership(&self, clinic: ClinicId, user: UserId) -> StoreResult<Option<Membership>> {
        self.run(move |pool| async move { clinic_staff::membership(&pool, clinic, user).await })
            .await
    }

    async fn client_access(
        &self,
        clinic: ClinicId,
        user: UserId,
        person: PersonId,
    ) -> StoreResult<Option<ClientAccess>> {
        self.run(move |pool| async move {
            clinic_staff::client_access(&pool, clinic, user, person).await
        })
        .await
    }

    async fn invitation(&self, token_hash: &str) -> StoreResult<Option<(Invitation, String)>> {
        let token_hash = token_hash.to_owned();
        self.run(move |pool| async move { clinic_staff::invitation(&pool, &token_hash).await })
            .await
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Membership> {
        let token_hash = token_hash.to_owned();
        self.run(move |pool| async move {
            clinic_staff::accept_invitation(&pool, &token_hash, user, now).await
        })
        .await
    }

    async fn clinic(&self, ctx: &ClinicCtx) -> StoreResult<Clinic> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_staff::clinic(&pool, &ctx).await })
            .await
    }

    async fn update_clinic_settings(
        &self,
        ctx: &ClinicCtx,
        settings: &ClinicSettings,
    ) -> StoreResult<Clinic> {
        let (ctx, settings) = (*ctx, *settings);
        self.run(
            move |pool| async move { clinic_staff::update_settings(&pool, &ctx, &settings).await },
        )
        .await
    }

    async fn create_invitation(
        &self,
        ctx: &ClinicCtx,
        new: &NewInvitation,
    ) -> StoreResult<Invitation> {
        let (ctx, new) = (*ctx, new.clone());
        self.run(
            move |pool| async move { clinic_staff::create_invitation(&pool, &ctx, &new).await },
        )
        .await
    }

    async fn staff(&self, ctx: &ClinicCtx) -> StoreResult<Vec<StaffMember>> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_staff::staff(&pool, &ctx).await })
            .await
    }

    async fn audit_rows(
        &self,
        ctx: &ClinicCtx,
        limit: u32,
        before: Option<RecordId>,
    ) -> StoreResult<Vec<knot_record::AuditEvent>> {
        let ctx = *ctx;
        self.run(
            move |pool| async move { clinic_audit::audit_rows(&pool, &ctx, limit, before).await },
        )
        .await
    }

    async fn remove_staff(&self, ctx: &ClinicCtx, user: UserId) -> StoreResult<()> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_staff::remove_staff(&pool, &ctx, user).await })
            .await
    }

    async fn add_client(&self, ctx: &ClinicCtx, details: &ClientDetails) -> StoreResult<Client> {
        let (ctx, details) = (*ctx, details.clone());
        self.run(move |pool| async move { clinic_clients::add(&pool, &ctx, &details).await })
            .await
    }

    async fn clients(
        &self,
        ctx: &ClinicCtx,
        treated_by: Option<UserId>,
    ) -> StoreResult<Vec<Client>> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_clients::list(&pool, &ctx, treated_by).await })
            .await
    }

    async fn assign_therapist(
        &self,
        ctx: &ClinicCtx,
        person: PersonId,
        therapist: UserId,
    ) -> StoreResult<()> {
        let ctx = *ctx;
        self.run(move |pool| async move {
            clinic_clients::assign_therapist(&pool, &ctx, person, therapist).await
        })
        .await
    }

    async fn client(&self, ctx: &TenantCtx) -> StoreResult<Client> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_clients::get(&pool, &ctx).await })
            .await
    }

    async fn update_client(&self, ctx: &TenantCtx, details: &ClientDetails) -> StoreResult<Client> {
        let (ctx, details) = (*ctx, details.clone());
        self.run(move |pool| async move { clinic_clients::update(&pool, &ctx, &details).await })
            .await
    }

    async fn client_health(&self, ctx: &TenantCtx) -> StoreResult<ClientHealth> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_clients::health(&pool, &ctx).await })
            .await
    }

    async fn set_client_health(&self, ctx: &TenantCtx, health: &ClientHealth) -> StoreResult<()> {
        let (ctx, health) = (*ctx, health.clone());
        self.run(move |pool| async move { clinic_clients::set_health(&pool, &ctx, &health).await })
            .await
    }

    async fn retention_facts(&self, ctx: &TenantCtx) -> StoreResult<RetentionFacts> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_clients::retention_facts(&pool, &ctx).await })
            .await
    }

    async fn delete_client(&self, ctx: &TenantCtx, now: DateTime<Utc>) -> StoreResult<()> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_clients::delete(&pool, &ctx, now).await })
            .await
    }

    async fn add_consent(&self, ctx: &TenantCtx, new: &NewConsent) -> StoreResult<Consent> {
        let (ctx, new) = (*ctx, new.clone());
        self.run(move |pool| async move { clinic_consents::add(&pool, &ctx, &new).await })
            .await
    }

    async fn withdraw_consent(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        at: DateTime<Utc>,
        note: &str,
    ) -> StoreResult<Consent> {
        let (ctx, note) = (*ctx, note.to_owned());
        self.run(
            move |pool| async move { clinic_consents::withdraw(&pool, &ctx, id, at, &note).await },
        )
        .await
    }

    async fn consents(&self, ctx: &TenantCtx) -> StoreResult<Vec<Consent>> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_consents::list(&pool, &ctx).await })
            .await
    }

    async fn start_visit(&self, ctx: &TenantCtx, new: &NewVisit) -> StoreResult<Visit> {
        let (ctx, new) = (*ctx, new.clone());
        self.run(move |pool| async move { clinic_visits::start(&pool, &ctx, &new).await })
            .await
    }

    async fn change_visit(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        change: &VisitChange,
    ) -> StoreResult<Visit> {
        let (ctx, change) = (*ctx, change.clone());
        self.run(
            move |pool| async move { clinic_visits::change(&pool, &ctx, visit, &change).await },
        )
        .await
    }

    async fn add_finding(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewFinding,
    ) -> StoreResult<Finding> {
        let (ctx, new) = (*ctx, new.clone());
        self.run(
            move |pool| async move { clinic_visits::add_finding(&pool, &ctx, visit, &new).await },
        )
        .await
    }

    async fn add_treatment(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewTreatment,
    ) -> StoreResult<Treatment> {
        let (ctx, new) = (*ctx, new.clone());
        self.run(
            move |pool| async move { clinic_visits::add_treatment(&pool, &ctx, visit, &new).await },
        )
        .await
    }

    async fn sign_visit(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
        seal: Seal,
    ) -> StoreResult<Visit> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_visits::sign(&pool, &ctx, visit, at, seal).await })
            .await
    }

    async fn add_addendum(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
        text: &str,
    ) -> StoreResult<Addendum> {
        let (ctx, text) = (*ctx, text.to_owned());
        self.run(move |pool| async move {
            clinic_visits::add_addendum(&pool, &ctx, visit, at, &text).await
        })
        .await
    }

    async fn visit(&self, ctx: &TenantCtx, visit: RecordId) -> StoreResult<VisitRecord> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_visits::get(&pool, &ctx, visit).await })
            .await
    }

    async fn visits(&self, ctx: &TenantCtx) -> StoreResult<Vec<VisitRecord>> {
        let ctx = *ctx;
        self.run(move |pool| async move { clinic_visits::list(&pool, &ctx).await })
            .await
    }
}
