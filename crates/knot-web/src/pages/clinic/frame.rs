//! What every clinic page shares: its frame (the signed-in frame plus the clinic stylesheets),
//! the clinic bar (the clinic's name, the member's role and the tabs the role may use), the
//! access checks as pages make them, and the 403 text naming what each role may do.

use knot_app::{AppError, ClinicAction};
use knot_record::clinic::Clinic;
use knot_record::{ClinicCtx, ClinicId, PersonId, Role, TenantCtx};

use super::super::signed_in;
use super::super::Chrome;
use crate::app_error::from_app_page;
use crate::auth::SignedIn;
use crate::{AppState, WebError};

/// The site and signed-in stylesheets, then the clinic pages' own rules.
const STYLESHEET: &str = concat!(
    include_str!("../../../static/knot.css"),
    include_str!("../../../static/signed_in.css"),
    include_str!("../../../static/clinic.css"),
    include_str!("../../../static/clinic_records.css"),
    include_str!("../../../static/clinic_visit.css"),
    include_str!("../../../static/clinic_admin.css"),
);

/// The frame of a clinic page.
pub(super) fn chrome(title: impl Into<String>) -> Chrome {
    let mut chrome = signed_in::chrome(title, "clinic");
    chrome.css = STYLESHEET;
    chrome
}

/// What each role may do, for a member refused by the permission table.
pub(super) const ROLES: &str = "your role in this clinic may not do this: the front desk keeps \
    the client list and contact details; therapists keep the clinical records (intake, consent, \
    visits) of the clients they treat and sign their notes; admins run staff, invitations, \
    settings, the audit log, assigning therapists and deleting records after retention";

/// The page error for a refused or failed clinic use case.
pub(super) fn refused(error: AppError) -> WebError {
    match error {
        AppError::Forbidden => WebError::Forbidden(ROLES.into()),
        other => from_app_page(other),
    }
}

/// The tab of the clinic bar a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tab {
    Clients,
    Staff,
    Audit,
}

/// The clinic bar above every clinic page.
#[derive(Debug, Clone)]
pub(super) struct ClinicBar {
    pub clinic_id: ClinicId,
    pub clinic_name: String,
    pub role: Role,
    pub active: Tab,
}

impl ClinicBar {
    /// How the member's role reads on the page.
    pub fn role_label(&self) -> &'static str {
        role_label(self.role)
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether the member may see clinical records (so the client list links to them).
    pub fn sees_clinical(&self) -> bool {
        knot_app::clinic::permissions::allows(self.role, ClinicAction::ViewClinical)
    }

    pub fn is_active(&self, tab: &str) -> bool {
        let active = match self.active {
            Tab::Clients => "clients",
            Tab::Staff => "staff",
            Tab::Audit => "audit",
        };
        active == tab
    }

    /// The clinic's base address: `/clinic/{id}`.
    pub fn base(&self) -> String {
        format!("/clinic/{}", self.clinic_id)
    }
}

/// A role as the pages name it.
pub(super) fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::Therapist => "Therapist",
        Role::FrontDesk => "Front desk",
        Role::Person => "Person",
    }
}

/// The clinic context for `action`, and the bar to show with it.
pub(super) async fn clinic_page(
    state: &AppState,
    user: &SignedIn,
    clinic: ClinicId,
    action: ClinicAction,
    active: Tab,
) -> Result<(ClinicCtx, ClinicBar), WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, action)
        .await
        .map_err(refused)?;
    let bar = bar(state, &ctx, active).await?;
    Ok((ctx, bar))
}

/// One client's context for `action` (through the same access check), and the clinic bar.
pub(super) async fn client_page(
    state: &AppState,
    user: &SignedIn,
    (clinic, client): (ClinicId, PersonId),
    action: ClinicAction,
) -> Result<(TenantCtx, ClinicBar), WebError> {
    let ctx = state
        .app
        .client_ctx(&user.actor, clinic, client, action)
        .await
        .map_err(refused)?;
    let member = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewClients)
        .await
        .map_err(refused)?;
    let bar = bar(state, &member, Tab::Clients).await?;
    Ok((ctx, bar))
}

async fn bar(state: &AppState, ctx: &ClinicCtx, active: Tab) -> Result<ClinicBar, WebError> {
    let clinic: Clinic = state.app.clinic_info(ctx).await.map_err(refused)?;
    Ok(ClinicBar {
        clinic_id: clinic.id,
        clinic_name: clinic.name,
        role: ctx.role(),
        active,
    })
}
