//! A clinic's clients: adding one (no account needed), contact details, the client list (all
//! clients for the front desk and admins; for a therapist, those they treat unless the clinic
//! lets therapists see all), who treats whom, and intake (health history, medications). The
//! safety screening of a client is the self-care one, taken with the client's context
//! (`App::save_screening`).

use knot_record::clinic::{Client, ClientDetails, ClientHealth, StaffMember};
use knot_record::{ClinicCtx, PersonId, Role, TenantCtx, UserId};

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    pub async fn add_client(&self, ctx: &ClinicCtx, details: &ClientDetails) -> AppResult<Client> {
        let details = checked(details)?;
        let client = self.store.clinic().add_client(ctx, &details).await?;
        // A therapist who adds a client treats them; otherwise the access check would keep
        // them out of the record they have just made.
        if ctx.role() == Role::Therapist {
            self.store
                .clinic()
                .assign_therapist(ctx, client.person_id, ctx.user_id())
                .await?;
        }
        Ok(client)
    }

    pub async fn update_client(
        &self,
        ctx: &TenantCtx,
        details: &ClientDetails,
    ) -> AppResult<Client> {
        let details = checked(details)?;
        Ok(self.store.clinic().update_client(ctx, &details).await?)
    }

    /// The client's contact details.
    pub async fn client(&self, ctx: &TenantCtx) -> AppResult<Client> {
        Ok(self.store.clinic().client(ctx).await?)
    }

    /// The clients the context's member of staff works with (contact details only).
    pub async fn list_clients(&self, ctx: &ClinicCtx) -> AppResult<Vec<Client>> {
        let clinic = self.store.clinic().clinic(ctx).await?;
        let treated_by = (ctx.role() == Role::Therapist && !clinic.settings.therapists_see_all)
            .then_some(ctx.user_id());
        Ok(self.store.clinic().clients(ctx, treated_by).await?)
    }

    pub async fn assign_therapist(
        &self,
        ctx: &ClinicCtx,
        client: PersonId,
        therapist: UserId,
    ) -> AppResult<()> {
        Ok(self
            .store
            .clinic()
            .assign_therapist(ctx, client, therapist)
            .await?)
    }

    /// The current members of staff who treat `client`.
    pub async fn client_therapists(
        &self,
        ctx: &ClinicCtx,
        client: PersonId,
    ) -> AppResult<Vec<StaffMember>> {
        let clinic = self.store.clinic();
        let mut treating = Vec::new();
        for member in clinic.staff(ctx).await? {
            if member.removed_at.is_some() {
                continue;
            }
            let access = clinic
                .client_access(ctx.clinic_id(), member.user_id, client)
                .await?;
            if access.is_some_and(|a| a.treats) {
                treating.push(member);
            }
        }
        Ok(treating)
    }

    /// Records (or brings up to date) the intake: health history and medications.
    pub async fn record_intake(&self, ctx: &TenantCtx, health: &ClientHealth) -> AppResult<()> {
        Ok(self.store.clinic().set_client_health(ctx, health).await?)
    }

    pub async fn client_health(&self, ctx: &TenantCtx) -> AppResult<ClientHealth> {
        Ok(self.store.clinic().client_health(ctx).await?)
    }
}

/// The details trimmed, with a name required.
fn checked(details: &ClientDetails) -> AppResult<ClientDetails> {
    let trim = |field: &Option<String>| {
        field
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    };
    let name = details.display_name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("give the client's name"));
    }
    if let Some(email) = trim(&details.email) {
        if !email.contains('@') {
            return Err(AppError::invalid(format!(
                "{email:?} is not an e-mail address; write it as name@example.org or leave it out"
            )));
        }
    }
    Ok(ClientDetails {
        display_name: name.to_owned(),
        email: trim(&details.email),
        phone: trim(&details.phone),
        birth_date: details.birth_date,
        address: trim(&details.address),
        emergency_contact: trim(&details.emergency_contact),
    })
}
