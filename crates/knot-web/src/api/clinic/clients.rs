//! A clinic's clients: adding and listing them, contact details (the front desk's part),
//! intake, who treats them, consent, and deleting a record once its retention is over (409
//! with the date and reason before then).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use knot_app::ClinicAction;
use knot_record::clinic::{Client, ClientDetails, ClientHealth, Consent, NewConsent};
use knot_record::{ClinicId, PersonId, RecordId, TenantCtx, UserId};
use serde::Deserialize;

use super::refused;
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, PathParam};
use crate::routes::Route;
use crate::{AppState, WebError};

const CLIENT: &str = "/api/v1/clinic/{clinic}/clients/{client}";

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/api/v1/clinic/{clinic}/clients", add),
        Route::get("/api/v1/clinic/{clinic}/clients", list),
        Route::get(CLIENT, contact),
        Route::patch(CLIENT, change_contact),
        Route::delete(CLIENT, delete),
        Route::get("/api/v1/clinic/{clinic}/clients/{client}/intake", intake),
        Route::put(
            "/api/v1/clinic/{clinic}/clients/{client}/intake",
            record_intake,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/therapists",
            assign,
        ),
        Route::get(
            "/api/v1/clinic/{clinic}/clients/{client}/consents",
            consents,
        ),
        Route::post("/api/v1/clinic/{clinic}/clients/{client}/consents", consent),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/screening",
            screening,
        ),
        Route::get(
            "/api/v1/clinic/{clinic}/clients/{client}/screening",
            latest_screening,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/consents/{consent}/withdraw",
            withdraw,
        ),
    ]
}

impl BodyExample for ClientDetails {
    const EXAMPLE: &'static str = "{\"display_name\": \"Alex Doe\", \"email\": \
        \"alex@example.org\", \"phone\": \"555-0100\", \"birth_date\": \"1980-04-01\"}";
}

impl BodyExample for ClientHealth {
    const EXAMPLE: &'static str =
        "{\"health_history\": \"whiplash 2019\", \"medications\": \"none\"}";
}

impl BodyExample for NewConsent {
    const EXAMPLE: &'static str = "{\"kind\": \"general\", \"given_by\": \"client\", \
        \"given_at\": \"2026-12-01T10:00:00Z\"}";
}

/// A change of contact details: the fields given replace the stored ones.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactChange {
    display_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    birth_date: Option<chrono::NaiveDate>,
    address: Option<String>,
    emergency_contact: Option<String>,
}

impl BodyExample for ContactChange {
    const EXAMPLE: &'static str = "{\"phone\": \"555-0199\"}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Assignment {
    therapist: UserId,
}

impl BodyExample for Assignment {
    const EXAMPLE: &'static str = "{\"therapist\": 12}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Withdrawal {
    #[serde(default)]
    note: String,
}

impl BodyExample for Withdrawal {
    const EXAMPLE: &'static str = "{\"note\": \"withdrawn mid-visit; treatment stopped\"}";
}

/// The access check for one client of one clinic.
pub(super) async fn client_ctx(
    state: &AppState,
    user: &crate::auth::SignedIn,
    (clinic, client): (ClinicId, PersonId),
    action: ClinicAction,
) -> Result<TenantCtx, WebError> {
    state
        .app
        .client_ctx(&user.actor, clinic, client, action)
        .await
        .map_err(refused)
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
    JsonBody(details): JsonBody<ClientDetails>,
) -> Result<(StatusCode, Json<Client>), WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::EditContact)
        .await
        .map_err(refused)?;
    let client = state
        .app
        .add_client(&ctx, &details)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(client)))
}

async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
) -> Result<Json<Vec<Client>>, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewClients)
        .await
        .map_err(refused)?;
    Ok(Json(state.app.list_clients(&ctx).await.map_err(refused)?))
}

async fn contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<Json<Client>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::ViewContact).await?;
    Ok(Json(state.app.client(&ctx).await.map_err(refused)?))
}

async fn change_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
    JsonBody(change): JsonBody<ContactChange>,
) -> Result<Json<Client>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::EditContact).await?;
    let now = state.app.client(&ctx).await.map_err(refused)?.details;
    let details = ClientDetails {
        display_name: change.display_name.unwrap_or(now.display_name),
        email: change.email.or(now.email),
        phone: change.phone.or(now.phone),
        birth_date: change.birth_date.or(now.birth_date),
        address: change.address.or(now.address),
        emergency_contact: change.emergency_contact.or(now.emergency_contact),
    };
    let client = state
        .app
        .update_client(&ctx, &details)
        .await
        .map_err(refused)?;
    Ok(Json(client))
}

async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<StatusCode, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::DeleteClient).await?;
    state
        .app
        .delete_client(&ctx, Utc::now())
        .await
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn intake(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<Json<ClientHealth>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::ViewClinical).await?;
    Ok(Json(state.app.client_health(&ctx).await.map_err(refused)?))
}

async fn record_intake(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
    JsonBody(health): JsonBody<ClientHealth>,
) -> Result<Json<ClientHealth>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::WriteClinical).await?;
    state
        .app
        .record_intake(&ctx, &health)
        .await
        .map_err(refused)?;
    Ok(Json(health))
}

async fn assign(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client)): PathParam<(ClinicId, PersonId)>,
    JsonBody(body): JsonBody<Assignment>,
) -> Result<StatusCode, WebError> {
    // The client must be this clinic's (404 otherwise) before anyone is assigned to them.
    client_ctx(
        &state,
        &user,
        (clinic, client),
        ClinicAction::AssignTherapist,
    )
    .await?;
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::AssignTherapist)
        .await
        .map_err(refused)?;
    state
        .app
        .assign_therapist(&ctx, client, body.therapist)
        .await
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn consents(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<Json<Vec<Consent>>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::ViewClinical).await?;
    Ok(Json(state.app.consents(&ctx).await.map_err(refused)?))
}

async fn consent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
    JsonBody(new): JsonBody<NewConsent>,
) -> Result<(StatusCode, Json<Consent>), WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::WriteClinical).await?;
    let consent = state
        .app
        .record_consent(&ctx, &new)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(consent)))
}

async fn withdraw(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, id)): PathParam<(ClinicId, PersonId, RecordId)>,
    JsonBody(body): JsonBody<Withdrawal>,
) -> Result<Json<Consent>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    let consent = state
        .app
        .withdraw_consent(&ctx, id, Utc::now(), &body.note)
        .await
        .map_err(refused)?;
    Ok(Json(consent))
}

/// A safety screening taken with the client (the self-care rule table).
async fn screening(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(path): PathParam<(ClinicId, PersonId)>,
    JsonBody(request): JsonBody<crate::api::screening::ScreeningRequest>,
) -> Result<axum::response::Response, WebError> {
    let ctx = client_ctx(&state, &user, path, ClinicAction::WriteClinical).await?;
    crate::api::screening::save(&state, &ctx, request, refused).await
}

/// The client's latest safety screening and its outcome.
async fn latest_screening(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(path): PathParam<(ClinicId, PersonId)>,
) -> Result<axum::response::Response, WebError> {
    let ctx = client_ctx(&state, &user, path, ClinicAction::ViewClinical).await?;
    let take_with = "POST /api/v1/clinic/{clinic}/clients/{client}/screening";
    crate::api::screening::latest_of(&state, &ctx, refused, take_with).await
}
