//! The client record's forms: contact details, intake, the safety screening answered with the
//! therapist, consent (recording and withdrawing), assigning a therapist and deleting the
//! record. Each asks the access check for the right it needs (404 outside the clinic, 403 for
//! a role without it); a refused form shows the record again with the problem beside the field
//! (422, or 409 for a deletion the retention period forbids) and nothing stored.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::{AppError, ClinicAction};
use knot_care::screen::RuleTable;
use knot_record::clinic::{ClientHealth, NewConsent};
use knot_record::{ClinicId, PersonId, RecordId, TenantCtx, UserId};

use super::super::render;
use super::super::screen_form::PostedScreening;
use super::super::signed_in::see_other;
use super::client_form::{capitalized_sentence, ContactForm};
use super::client_record::{record, RecordPage};
use super::frame::{chrome, client_page, refused};
use crate::auth::UserForm;
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/clinic/{clinic}/clients/{client}/contact", contact),
        Route::post("/clinic/{clinic}/clients/{client}/intake", intake),
        Route::post("/clinic/{clinic}/clients/{client}/screening", screening),
        Route::post("/clinic/{clinic}/clients/{client}/consents", consent),
        Route::post(
            "/clinic/{clinic}/clients/{client}/consents/{consent}/withdraw",
            withdraw,
        ),
        Route::post("/clinic/{clinic}/clients/{client}/therapists", assign),
        Route::post("/clinic/{clinic}/clients/{client}/delete", delete),
    ]
}

type Ids = (ClinicId, PersonId);

/// The client's context for `action`.
async fn ctx(
    state: &AppState,
    form: &UserForm,
    ids: Ids,
    action: ClinicAction,
) -> Result<TenantCtx, WebError> {
    Ok(client_page(state, &form.user, ids, action).await?.0)
}

/// Back to the record, at `section`.
fn done((clinic, client): Ids, section: &str) -> Response {
    see_other(&format!("/clinic/{clinic}/clients/{client}#{section}"))
}

/// The record again with a refusal in place.
async fn again(
    state: &AppState,
    form: &UserForm,
    headers: &HeaderMap,
    ids: Ids,
    status: StatusCode,
    place: impl FnOnce(&mut RecordPage),
) -> Result<Response, WebError> {
    let mut page = record(state, &form.user, ids, headers).await?;
    place(&mut page);
    page.chrome = chrome(format!(
        "{}: check the form · {}",
        page.client_name, page.bar.clinic_name
    ));
    Ok((status, render(&page)?).into_response())
}

/// The message of a refusal the page shows in place (invalid input, a clash with what is
/// stored); any other failure is the page's error.
fn problem(error: AppError) -> Result<String, WebError> {
    match error {
        AppError::Invalid { .. } | AppError::Conflict(_) => {
            Ok(capitalized_sentence(&error.to_string()))
        }
        other => Err(refused(other)),
    }
}

async fn contact(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = ctx(&state, &form, ids, ClinicAction::EditContact).await?;
    let mut contact = ContactForm::from_form(&form);
    if let Some(details) = contact.details() {
        match state.app.update_client(&ctx, &details).await {
            Ok(_) => return Ok(done(ids, "contact")),
            Err(error) => contact.refusal(error)?,
        }
    }
    again(
        &state,
        &form,
        &headers,
        ids,
        StatusCode::UNPROCESSABLE_ENTITY,
        |page| {
            page.contact = contact;
        },
    )
    .await
}

async fn intake(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = ctx(&state, &form, ids, ClinicAction::WriteClinical).await?;
    let health = ClientHealth {
        health_history: form.value("health_history").trim().to_string(),
        medications: form.value("medications").trim().to_string(),
    };
    let message = match state.app.record_intake(&ctx, &health).await {
        Ok(()) => return Ok(done(ids, "health-history")),
        Err(error) => problem(error)?,
    };
    again(
        &state,
        &form,
        &headers,
        ids,
        StatusCode::UNPROCESSABLE_ENTITY,
        |page| {
            if let Some(clinical) = page.clinical.as_mut() {
                clinical.health_history = health.health_history;
                clinical.medications = health.medications;
                clinical.intake_error = Some(message);
            }
        },
    )
    .await
}

async fn screening(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = ctx(&state, &form, ids, ClinicAction::WriteClinical).await?;
    let table = RuleTable::builtin();
    let posted = PostedScreening::read(&form, table);
    match posted.build(table) {
        Ok(new) => {
            state
                .app
                .save_screening(&ctx, &new)
                .await
                .map_err(refused)?;
            Ok(done(ids, "safety-screening"))
        }
        Err(errors) => {
            let refused_form = posted.refused(table, &errors);
            again(
                &state,
                &form,
                &headers,
                ids,
                StatusCode::UNPROCESSABLE_ENTITY,
                |page| {
                    if let Some(clinical) = page.clinical.as_mut() {
                        let screening = &mut clinical.screening;
                        screening.pain_error = refused_form.pain_error;
                        screening.form_error = refused_form.form_error;
                        screening.groups = refused_form.groups;
                        screening.pain_regions = posted.pain_regions;
                        screening.has_errors = true;
                    }
                },
            )
            .await
        }
    }
}

async fn consent(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = ctx(&state, &form, ids, ClinicAction::WriteClinical).await?;
    let kind = form.value("kind").trim().to_string();
    let given_by = form.value("given_by").trim().to_string();
    let new = NewConsent {
        kind: kind.clone(),
        given_by: given_by.clone(),
        given_at: Utc::now(),
    };
    let message = match state.app.record_consent(&ctx, &new).await {
        Ok(_) => return Ok(done(ids, "consent")),
        Err(error) => problem(error)?,
    };
    again(
        &state,
        &form,
        &headers,
        ids,
        StatusCode::UNPROCESSABLE_ENTITY,
        |page| {
            if let Some(clinical) = page.clinical.as_mut() {
                if message.contains("kind of consent") {
                    clinical.kind_error = Some(message);
                } else {
                    clinical.given_by_error = Some(message);
                }
                clinical.kind = kind;
                clinical.given_by = given_by;
            }
        },
    )
    .await
}

async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam((clinic, client, id)): PathParam<(ClinicId, PersonId, RecordId)>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ids = (clinic, client);
    let ctx = ctx(&state, &form, ids, ClinicAction::WriteClinical).await?;
    let note = form.value("note");
    let message = match state.app.withdraw_consent(&ctx, id, Utc::now(), note).await {
        Ok(_) => return Ok(done(ids, "consent")),
        Err(error) => problem(error)?,
    };
    again(
        &state,
        &form,
        &headers,
        ids,
        StatusCode::UNPROCESSABLE_ENTITY,
        |page| {
            if let Some(row) = page
                .clinical
                .as_mut()
                .and_then(|c| c.consents.iter_mut().find(|row| row.id == id))
            {
                row.error = Some(message);
            }
        },
    )
    .await
}

async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    // The client must be this clinic's (404 otherwise) before anyone is assigned to them.
    ctx(&state, &form, ids, ClinicAction::AssignTherapist).await?;
    let clinic_ctx = state
        .app
        .clinic_ctx(&form.user.actor, ids.0, ClinicAction::AssignTherapist)
        .await
        .map_err(refused)?;
    let message = match form.value("therapist").trim().parse::<UserId>() {
        Ok(therapist) => match state
            .app
            .assign_therapist(&clinic_ctx, ids.1, therapist)
            .await
        {
            Ok(()) => return Ok(done(ids, "therapists")),
            Err(AppError::NotFound { .. }) => {
                "Choose one of the clinic's therapists from the list.".to_string()
            }
            Err(error) => problem(error)?,
        },
        Err(_) => "Choose one of the clinic's therapists from the list.".to_string(),
    };
    again(
        &state,
        &form,
        &headers,
        ids,
        StatusCode::UNPROCESSABLE_ENTITY,
        |page| {
            if let Some(therapists) = page.therapists.as_mut() {
                therapists.error = Some(message);
            }
        },
    )
    .await
}

async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<Ids>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = ctx(&state, &form, ids, ClinicAction::DeleteClient).await?;
    let (status, message) = if form.value("confirm").is_empty() {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Tick the box to confirm that this erases the record.".to_string(),
        )
    } else {
        match state.app.delete_client(&ctx, Utc::now()).await {
            Ok(()) => return Ok(see_other(&format!("/clinic/{}", ids.0))),
            Err(error @ AppError::Conflict(_)) => (StatusCode::CONFLICT, problem(error)?),
            Err(error) => (StatusCode::UNPROCESSABLE_ENTITY, problem(error)?),
        }
    };
    again(&state, &form, &headers, ids, status, |page| {
        page.delete_error = Some(message);
    })
    .await
}
