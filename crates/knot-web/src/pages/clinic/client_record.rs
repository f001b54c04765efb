//! `GET /clinic/{clinic}/clients/{client}`: the client record. Everyone who may see the
//! client's contact details gets the Contact section; only those the access check lets read
//! clinical records get health history, screening, consent and visits (the front desk's page
//! holds no clinical data at all); admins also get who treats the client and deleting.
//! The forms' handlers (`client_record_forms`) show this page again with a refusal in place.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{FixedOffset, Utc};
use knot_app::{AppError, ClinicAction};
use knot_care::clinic::{screening_due, ConsentKind, SensitiveArea};
use knot_care::screen::RuleTable;
use knot_record::clinic::{Consent, StaffMember};
use knot_record::{ClinicId, PersonId, Role, TenantCtx};

use super::super::screen_view::{self, GroupView, OutcomeView};
use super::super::signed_in::{local_offset, local_time};
use super::super::{render, Chrome};
use super::client_form::ContactForm;
use super::frame::{chrome, client_page, refused, ClinicBar};
use crate::auth::{PageUser, SignedIn};
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/clinic/{clinic}/clients/{client}", record_page)]
}

/// The safety screening as the record shows it: the latest outcome, whether its yearly review
/// is due, and the questions (with the answers and problems of a refused form).
#[derive(Debug)]
pub(super) struct ScreeningView {
    pub latest: Option<OutcomeView>,
    pub due: bool,
    pub groups: Vec<GroupView>,
    pub pain_regions: String,
    pub pain_error: Option<String>,
    pub form_error: Option<String>,
    pub has_errors: bool,
}

/// One consent in the list.
#[derive(Debug)]
pub(super) struct ConsentRow {
    pub id: i64,
    pub label: String,
    pub given_by: String,
    pub given: String,
    pub withdrawn: Option<String>,
    pub note: String,
    pub error: Option<String>,
}

/// One visit in the list.
#[derive(Debug)]
pub(super) struct VisitRow {
    pub href: String,
    pub started: String,
    pub signed: bool,
}

/// What only clinical staff see.
#[derive(Debug)]
pub(super) struct Clinical {
    pub health_history: String,
    pub medications: String,
    /// Why the intake form was refused.
    pub intake_error: Option<String>,
    pub screening: ScreeningView,
    pub consents: Vec<ConsentRow>,
    /// (value, label) of each kind of consent.
    pub kinds: Vec<(String, String)>,
    pub kind: String,
    pub given_by: String,
    pub kind_error: Option<String>,
    pub given_by_error: Option<String>,
    pub visits: Vec<VisitRow>,
}

/// Who treats the client, and for admins the therapists to choose from.
#[derive(Debug)]
pub(super) struct Therapists {
    pub treating: Vec<String>,
    /// (user id, name) — admins only.
    pub choices: Vec<(i64, String)>,
    pub may_assign: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "clinic_client.html")]
pub(super) struct RecordPage {
    pub chrome: Chrome,
    pub bar: ClinicBar,
    pub csrf: String,
    /// `/clinic/{clinic}/clients/{client}`.
    pub base: String,
    pub client_name: String,
    pub may_edit_contact: bool,
    pub contact: ContactForm,
    pub clinical: Option<Clinical>,
    pub therapists: Option<Therapists>,
    pub may_delete: bool,
    pub delete_error: Option<String>,
}

async fn record_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<Response, WebError> {
    let page = record(&state, &user, ids, &headers).await?;
    Ok(render(&page)?.into_response())
}

/// The record as `user` may see it.
pub(super) async fn record(
    state: &AppState,
    user: &SignedIn,
    (clinic, client): (ClinicId, PersonId),
    headers: &HeaderMap,
) -> Result<RecordPage, WebError> {
    let (ctx, bar) = client_page(state, user, (clinic, client), ClinicAction::ViewContact).await?;
    let found = state.app.client(&ctx).await.map_err(refused)?;
    let clinical_ctx = optional(
        state
            .app
            .client_ctx(&user.actor, clinic, client, ClinicAction::ViewClinical)
            .await,
    )?;
    let offset = local_offset(headers);
    let clinical = match clinical_ctx {
        Some(ctx) => Some(clinical(state, &ctx, offset).await?),
        None => None,
    };
    let allows = |action| knot_app::clinic::permissions::allows(bar.role, action);
    let therapists = if clinical.is_some() || bar.role == Role::Admin {
        Some(
            therapists(
                state,
                user,
                clinic,
                client,
                allows(ClinicAction::AssignTherapist),
            )
            .await?,
        )
    } else {
        None
    };
    Ok(RecordPage {
        chrome: chrome(format!(
            "{} · {}",
            found.details.display_name, bar.clinic_name
        )),
        csrf: user.csrf().to_string(),
        base: format!("/clinic/{clinic}/clients/{client}"),
        client_name: found.details.display_name.clone(),
        may_edit_contact: allows(ClinicAction::EditContact),
        contact: ContactForm::from_details(&found.details),
        clinical,
        therapists,
        may_delete: allows(ClinicAction::DeleteClient),
        delete_error: None,
        bar,
    })
}

/// `Forbidden` as "not shown"; any other failure is the page's.
fn optional<T>(result: Result<T, AppError>) -> Result<Option<T>, WebError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::Forbidden) => Ok(None),
        Err(other) => Err(refused(other)),
    }
}

async fn clinical(
    state: &AppState,
    ctx: &TenantCtx,
    offset: FixedOffset,
) -> Result<Clinical, WebError> {
    let health = state.app.client_health(ctx).await.map_err(refused)?;
    let consents = state.app.consents(ctx).await.map_err(refused)?;
    let mut visits = state.app.client_visits(ctx).await.map_err(refused)?;
    visits.reverse();
    let base = format!("/clinic/{}/clients/{}", ctx.clinic_id(), ctx.person_id());
    Ok(Clinical {
        health_history: health.health_history,
        medications: health.medications,
        intake_error: None,
        screening: screening(state, ctx, offset).await?,
        consents: consents.iter().map(|c| consent_row(c, offset)).collect(),
        kinds: ConsentKind::all()
            .into_iter()
            .map(|kind| (kind.as_str().to_string(), kind_label(kind.as_str())))
            .collect(),
        kind: "general".into(),
        given_by: "client".into(),
        kind_error: None,
        given_by_error: None,
        visits: visits
            .iter()
            .map(|record| VisitRow {
                href: format!("{base}/visits/{}", record.visit.id),
                started: local_time(record.visit.visit.started_at, offset),
                signed: record.visit.signature.is_some(),
            })
            .collect(),
    })
}

/// The latest screening (judged by today's rules), whether it is due, and a blank form.
pub(super) async fn screening(
    state: &AppState,
    ctx: &TenantCtx,
    offset: FixedOffset,
) -> Result<ScreeningView, WebError> {
    let table = RuleTable::builtin();
    let latest = state.app.latest_screening(ctx).await.map_err(refused)?;
    let taken = latest
        .as_ref()
        .map(|l| l.screening.screening.taken_at.date_naive());
    Ok(ScreeningView {
        due: screening_due(taken, Utc::now().date_naive()),
        latest: latest.map(|l| {
            screen_view::outcome(
                &state.reference,
                l.screening.id,
                local_time(l.screening.screening.taken_at, offset),
                &l.outcome,
                l.screening.screening.rules_version != table.version(),
            )
        }),
        groups: screen_view::groups(table, &HashMap::new(), &HashMap::new()),
        pain_regions: String::new(),
        pain_error: None,
        form_error: None,
        has_errors: false,
    })
}

async fn therapists(
    state: &AppState,
    user: &SignedIn,
    clinic: ClinicId,
    client: PersonId,
    may_assign: bool,
) -> Result<Therapists, WebError> {
    let member = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewClients)
        .await
        .map_err(refused)?;
    let treating = state
        .app
        .client_therapists(&member, client)
        .await
        .map_err(refused)?;
    let choices = if may_assign {
        let managing = state
            .app
            .clinic_ctx(&user.actor, clinic, ClinicAction::ManageStaff)
            .await
            .map_err(refused)?;
        state
            .app
            .list_staff(&managing)
            .await
            .map_err(refused)?
            .into_iter()
            .filter(|m| m.removed_at.is_none() && m.role == Role::Therapist)
            .filter(|m| !treating.iter().any(|t| t.user_id == m.user_id))
            .map(|m| (m.user_id, staff_name(&m)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Therapists {
        treating: treating.iter().map(staff_name).collect(),
        choices,
        may_assign,
        error: None,
    })
}

/// A member of staff as the page names them: "Sam Lee (sam@example.org)", since two may
/// share a name.
fn staff_name(member: &StaffMember) -> String {
    match &member.email {
        Some(email) => format!("{} ({email})", member.display_name),
        None => member.display_name.clone(),
    }
}

fn consent_row(consent: &Consent, offset: FixedOffset) -> ConsentRow {
    ConsentRow {
        id: consent.id,
        label: kind_label(&consent.consent.kind),
        given_by: consent.consent.given_by.clone(),
        given: local_time(consent.consent.given_at, offset),
        withdrawn: consent.withdrawn_at.map(|at| local_time(at, offset)),
        note: consent.withdrawal_note.clone().unwrap_or_default(),
        error: None,
    }
}

/// "general" → "General treatment"; "chest-wall" → "Sensitive area: chest wall".
pub(super) fn kind_label(kind: &str) -> String {
    match SensitiveArea::parse(kind) {
        Some(area) => format!("Sensitive area: {}", area.name()),
        None if kind == "general" => "General treatment".into(),
        None => kind.to_string(),
    }
}
