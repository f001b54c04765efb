//! A clinic and its staff: creating a clinic (its creator becomes its admin), the clinics one
//! works in, its settings, the staff list, invitations (a one-time link
//! `{base}/clinic/join?token=…`, shown once), joining with a token, and removing a member.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::Utc;
use knot_app::ClinicAction;
use knot_record::clinic::{Clinic, ClinicSettings, Membership, StaffMember};
use knot_record::{ClinicId, Role, UserId};
use serde::{Deserialize, Serialize};

use super::refused;
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, PathParam};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/api/v1/clinic", create),
        Route::get("/api/v1/clinics", mine),
        Route::post("/api/v1/clinic/join", join),
        Route::get("/api/v1/clinic/{clinic}/settings", settings),
        Route::patch("/api/v1/clinic/{clinic}/settings", change_settings),
        Route::get("/api/v1/clinic/{clinic}/staff", staff),
        Route::delete("/api/v1/clinic/{clinic}/staff/{user}", remove),
        Route::post("/api/v1/clinic/{clinic}/invitations", invite),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewClinic {
    name: String,
}

impl BodyExample for NewClinic {
    const EXAMPLE: &'static str = "{\"name\": \"Harbour Street Massage\"}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsChange {
    retention_years: Option<u32>,
    minor_until_age: Option<u32>,
    therapists_see_all: Option<bool>,
    admins_see_clinical: Option<bool>,
}

impl BodyExample for SettingsChange {
    const EXAMPLE: &'static str = "{\"retention_years\": 10, \"therapists_see_all\": false}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewInvitation {
    email: String,
    role: Role,
}

impl BodyExample for NewInvitation {
    const EXAMPLE: &'static str = "{\"email\": \"sam@example.org\", \"role\": \"therapist\"}";
}

/// An invitation as made: the token and the link are shown this once.
#[derive(Debug, Serialize)]
struct InvitationMade {
    #[serde(flatten)]
    invitation: knot_record::clinic::Invitation,
    token: String,
    link: String,
}

/// A clinic the signed-in account works in, with its role there.
#[derive(Debug, Serialize)]
struct MyClinic {
    #[serde(flatten)]
    clinic: Clinic,
    role: Role,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    token: String,
}

impl BodyExample for JoinBody {
    const EXAMPLE: &'static str = "{\"token\": \"the token from the invitation link\"}";
}

async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(body): JsonBody<NewClinic>,
) -> Result<(StatusCode, Json<Clinic>), WebError> {
    let clinic = state
        .app
        .create_clinic(&user.actor, &body.name)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(clinic)))
}

async fn mine(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<MyClinic>>, WebError> {
    let clinics = state.app.my_clinics(&user.actor).await.map_err(refused)?;
    Ok(Json(
        clinics
            .into_iter()
            .map(|(clinic, role)| MyClinic { clinic, role })
            .collect(),
    ))
}

async fn join(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(body): JsonBody<JoinBody>,
) -> Result<Json<Membership>, WebError> {
    let joined = state
        .app
        .accept_invitation(&user.actor, &body.token, Utc::now())
        .await
        .map_err(|error| match error {
            knot_app::AppError::NotFound { .. } => WebError::not_found(
                "no invitation has this token; check the link, or ask the clinic for a new one",
                Vec::new(),
            ),
            other => refused(other),
        })?;
    Ok(Json(joined))
}

async fn settings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
) -> Result<Json<Clinic>, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewClients)
        .await
        .map_err(refused)?;
    Ok(Json(state.app.clinic_info(&ctx).await.map_err(refused)?))
}

async fn change_settings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
    JsonBody(body): JsonBody<SettingsChange>,
) -> Result<Json<Clinic>, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::EditSettings)
        .await
        .map_err(refused)?;
    let now = state.app.clinic_info(&ctx).await.map_err(refused)?.settings;
    let settings = ClinicSettings {
        retention_years: body.retention_years.unwrap_or(now.retention_years),
        minor_until_age: body.minor_until_age.unwrap_or(now.minor_until_age),
        therapists_see_all: body.therapists_see_all.unwrap_or(now.therapists_see_all),
        admins_see_clinical: body.admins_see_clinical.unwrap_or(now.admins_see_clinical),
    };
    let changed = state
        .app
        .update_clinic_settings(&ctx, &settings)
        .await
        .map_err(refused)?;
    Ok(Json(changed))
}

async fn staff(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
) -> Result<Json<Vec<StaffMember>>, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ManageStaff)
        .await
        .map_err(refused)?;
    Ok(Json(state.app.list_staff(&ctx).await.map_err(refused)?))
}

async fn remove(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, member)): PathParam<(ClinicId, UserId)>,
) -> Result<StatusCode, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ManageStaff)
        .await
        .map_err(refused)?;
    state
        .app
        .remove_staff(&ctx, member)
        .await
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn invite(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    PathParam(clinic): PathParam<ClinicId>,
    JsonBody(body): JsonBody<NewInvitation>,
) -> Result<(StatusCode, Json<InvitationMade>), WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::InviteStaff)
        .await
        .map_err(refused)?;
    let made = state
        .app
        .invite_staff(&ctx, body.role, &body.email, Utc::now())
        .await
        .map_err(refused)?;
    let link = format!("{}/clinic/join?token={}", base(&headers), made.token);
    Ok((
        StatusCode::CREATED,
        Json(InvitationMade {
            invitation: made.invitation,
            token: made.token,
            link,
        }),
    ))
}

/// The address the request came to, for the invitation link.
fn base(headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            host.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}
