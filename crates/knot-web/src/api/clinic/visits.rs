//! A client's visits: opening one (the health-change question first; warnings when the safety
//! screening is missing or old), the pain drawing, range of motion, findings, treatments, the
//! SOAP text, signing (409 once signed, or with the reason while consent is missing), addenda,
//! checking a signed visit against its hash, and the client's history as of a visit.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use knot_app::clinic::{ChartedFinding, ChartedTreatment, ClientHistory};
use knot_app::ClinicAction;
use knot_record::clinic::{
    Addendum, NewFinding, NewTreatment, NewVisit, PainMark, RomMeasure, SoapText, Visit,
    VisitRecord,
};
use knot_record::{ClinicId, PersonId, RecordId};
use serde::{Deserialize, Serialize};

use super::clients::client_ctx;
use super::refused;
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, PathParam};
use crate::routes::Route;
use crate::{AppState, WebError};

const VISITS: &str = "/api/v1/clinic/{clinic}/clients/{client}/visits";
const VISIT: &str = "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}";

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post(VISITS, start),
        Route::get(VISITS, list),
        Route::get(VISIT, read),
        Route::put(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/drawing",
            drawing,
        ),
        Route::put(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/rom",
            rom,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/findings",
            finding,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/treatments",
            treatment,
        ),
        Route::put(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/soap",
            soap,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/sign",
            sign,
        ),
        Route::post(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/addenda",
            addendum,
        ),
        Route::get(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/verify",
            verify,
        ),
        Route::get(
            "/api/v1/clinic/{clinic}/clients/{client}/visits/{visit}/history",
            history,
        ),
    ]
}

type VisitPath = (ClinicId, PersonId, RecordId);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitStart {
    health_change: String,
    started_at: Option<chrono::DateTime<Utc>>,
}

impl BodyExample for VisitStart {
    const EXAMPLE: &'static str = "{\"health_change\": \"none\"}";
}

#[derive(Debug, Serialize)]
struct StartedVisit {
    #[serde(flatten)]
    visit: Visit,
    warnings: Vec<String>,
}

impl BodyExample for NewFinding {
    const EXAMPLE: &'static str = "{\"trigger_point_id\": \"upper-trapezius-1\", \"side\": \
        \"right\", \"tender\": true, \"taut_band\": true, \"referral_reproduced\": true, \
        \"referral_regions\": [], \"twitch\": false, \"jump_sign\": false, \"ppt_kpa\": null, \
        \"note\": null}";
}

impl BodyExample for NewTreatment {
    const EXAMPLE: &'static str = "{\"trigger_point_id\": \"upper-trapezius-1\", \"side\": \
        \"right\", \"technique\": \"ischemic compression\", \"tool\": \"thumb\", \
        \"discomfort\": 6, \"hold_seconds\": 60, \"passes\": 2, \"response\": \"softened\"}";
}

impl BodyExample for SoapText {
    const EXAMPLE: &'static str = "{\"subjective\": \"…\", \"objective\": \"…\", \
        \"assessment\": \"…\", \"plan\": \"…\"}";
}

impl BodyExample for PainMark {
    const EXAMPLE: &'static str = "[{\"region\": \"right-upper-trapezius\", \"intensity\": 6}]";
}

impl BodyExample for RomMeasure {
    const EXAMPLE: &'static str =
        "[{\"movement\": \"cervical rotation\", \"side\": \"left\", \"degrees\": 60}]";
}

/// A list body: its example is the item's.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
struct Marks<T>(Vec<T>);

impl<T: BodyExample> BodyExample for Marks<T> {
    const EXAMPLE: &'static str = T::EXAMPLE;
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddendumBody {
    text: String,
}

impl BodyExample for AddendumBody {
    const EXAMPLE: &'static str = "{\"text\": \"client called: soreness gone next day\"}";
}

/// A signed visit's stored hash beside the hash of what is stored now.
#[derive(Debug, Serialize)]
struct Verified {
    visit_id: RecordId,
    matches: bool,
    stored: String,
    recomputed: String,
}

async fn start(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
    JsonBody(body): JsonBody<VisitStart>,
) -> Result<(StatusCode, Json<StartedVisit>), WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::WriteClinical).await?;
    let now = Utc::now();
    let new = NewVisit {
        started_at: body.started_at.unwrap_or(now),
        health_change: body.health_change,
    };
    let started = state
        .app
        .start_visit(&ctx, &new, now)
        .await
        .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        Json(StartedVisit {
            visit: started.visit,
            warnings: started.warnings,
        }),
    ))
}

async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(ids): PathParam<(ClinicId, PersonId)>,
) -> Result<Json<Vec<VisitRecord>>, WebError> {
    let ctx = client_ctx(&state, &user, ids, ClinicAction::ViewClinical).await?;
    Ok(Json(state.app.client_visits(&ctx).await.map_err(refused)?))
}

async fn read(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
) -> Result<Json<VisitRecord>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::ViewClinical).await?;
    Ok(Json(
        state.app.read_visit(&ctx, visit).await.map_err(refused)?,
    ))
}

async fn drawing(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(Marks(marks)): JsonBody<Marks<PainMark>>,
) -> Result<Json<Visit>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    let saved = state
        .app
        .save_pain_drawing(&ctx, visit, &marks)
        .await
        .map_err(refused)?;
    Ok(Json(saved))
}

async fn rom(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(Marks(measures)): JsonBody<Marks<RomMeasure>>,
) -> Result<Json<Visit>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    let saved = state
        .app
        .save_range_of_motion(&ctx, visit, &measures)
        .await
        .map_err(refused)?;
    Ok(Json(saved))
}

async fn finding(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(new): JsonBody<NewFinding>,
) -> Result<(StatusCode, Json<ChartedFinding>), WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    let found = state
        .app
        .record_finding(&ctx, visit, &new)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(found)))
}

async fn treatment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(new): JsonBody<NewTreatment>,
) -> Result<(StatusCode, Json<ChartedTreatment>), WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    let done = state
        .app
        .record_treatment(&ctx, visit, &new)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(done)))
}

async fn soap(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(text): JsonBody<SoapText>,
) -> Result<Json<Visit>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::WriteClinical).await?;
    Ok(Json(
        state
            .app
            .set_soap(&ctx, visit, &text)
            .await
            .map_err(refused)?,
    ))
}

async fn sign(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
) -> Result<Json<Visit>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::SignVisit).await?;
    Ok(Json(
        state
            .app
            .sign_visit(&ctx, visit, Utc::now())
            .await
            .map_err(refused)?,
    ))
}

async fn addendum(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
    JsonBody(body): JsonBody<AddendumBody>,
) -> Result<(StatusCode, Json<Addendum>), WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::AddAddendum).await?;
    let added = state
        .app
        .add_addendum(&ctx, visit, Utc::now(), &body.text)
        .await
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(added)))
}

async fn verify(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
) -> Result<Json<Verified>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::ViewClinical).await?;
    let check = state.app.verify_visit(&ctx, visit).await.map_err(refused)?;
    Ok(Json(Verified {
        visit_id: check.visit_id,
        matches: check.matches(),
        stored: check.stored,
        recomputed: check.recomputed,
    }))
}

async fn history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam((clinic, client, visit)): PathParam<VisitPath>,
) -> Result<Json<ClientHistory>, WebError> {
    let ctx = client_ctx(&state, &user, (clinic, client), ClinicAction::ViewClinical).await?;
    Ok(Json(
        state
            .app
            .client_history(&ctx, visit)
            .await
            .map_err(refused)?,
    ))
}
