//! The visit page's forms: the pain drawing, a finding, range of motion, a treatment, the SOAP
//! note (drafted from the chart or saved), signing, and an addendum. Each reads its fields,
//! calls the one use case through the access check, and redirects to the page (post/redirect/
//! get) with what was saved; a refusal shows the page again with the problem beside the form
//! and nothing stored: 422 for the input, 409 for a signed visit or missing consent.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use knot_app::ClinicAction;
use knot_record::clinic::{NewFinding, NewTreatment, PainMark, RomMeasure, SoapText};
use knot_record::Side;

use super::super::signed_in::see_other;
use super::frame;
use super::visit::{client_ctx, shown_again, visit_url, Shown, VisitPath};
use super::visit_view::intensity_of;
use crate::auth::UserForm;
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

/// More places than the chart has cannot come from the page.
const MAX_REGIONS: usize = 300;

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/drawing",
            drawing,
        ),
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/findings",
            finding,
        ),
        Route::post("/clinic/{clinic}/clients/{client}/visits/{visit}/rom", rom),
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/treatments",
            treatment,
        ),
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/soap",
            soap,
        ),
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/sign",
            sign,
        ),
        Route::post(
            "/clinic/{clinic}/clients/{client}/visits/{visit}/addenda",
            addendum,
        ),
    ]
}

/// The problem beside each form.
#[derive(Debug, Default, Clone)]
pub(in crate::pages) struct Problems {
    pub drawing: Option<String>,
    pub finding: Option<String>,
    pub rom: Option<String>,
    pub treatment: Option<String>,
    pub soap: Option<String>,
    pub sign: Option<String>,
    pub addendum: Option<String>,
}

impl Problems {
    /// The first problem, for the top of a page whose forms are gone (a signed visit).
    pub fn first(&self) -> Option<String> {
        [
            &self.drawing,
            &self.finding,
            &self.rom,
            &self.treatment,
            &self.soap,
            &self.sign,
            &self.addendum,
        ]
        .into_iter()
        .find_map(Clone::clone)
    }
}

/// The findings form as typed.
#[derive(Debug, Default, Clone)]
pub(in crate::pages) struct FindingForm {
    pub point: String,
    pub side: String,
    pub tender: bool,
    pub taut_band: bool,
    pub referral: bool,
    pub referral_regions: Vec<String>,
    pub twitch: bool,
    pub jump_sign: bool,
    pub ppt: String,
    pub note: String,
}

/// The treatment form as typed.
#[derive(Debug, Default, Clone)]
pub(in crate::pages) struct TreatmentForm {
    pub point: String,
    pub side: String,
    pub technique: String,
    pub tool: String,
    pub discomfort: String,
    pub hold: String,
    pub passes: String,
    pub response: String,
}

/// The range-of-motion form as typed.
#[derive(Debug, Default, Clone)]
pub(in crate::pages) struct RomForm {
    pub movement: String,
    pub other: String,
    pub side: String,
    pub degrees: String,
}

/// How a refusal is answered: the page again with the problem beside its form (422, or 409
/// for a conflict: a signed visit, missing consent), or the error page for anything else
/// (404, 403, our own failure).
async fn refused(
    state: &AppState,
    form: &UserForm,
    headers: &HeaderMap,
    ids: VisitPath,
    mut shown: Shown,
    error: WebError,
    place: fn(&mut Problems) -> &mut Option<String>,
) -> Result<Response, WebError> {
    let (status, message) = match error {
        WebError::Unprocessable(message) => (StatusCode::UNPROCESSABLE_ENTITY, message),
        WebError::Conflict(message) => (StatusCode::CONFLICT, message),
        other => return Err(other),
    };
    let stop = if message.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    *place(&mut shown.problems) = Some(format!("{message}{stop} Nothing was stored."));
    shown_again(state, &form.user, headers, ids, shown, status).await
}

/// The values of every field called `name`.
fn values<'a>(form: &'a UserForm, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    form.pairs
        .iter()
        .filter(move |(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

fn checked(form: &UserForm, name: &str) -> bool {
    !form.value(name).is_empty()
}

fn side(word: &str) -> Result<Side, String> {
    Side::parse(word.trim()).ok_or_else(|| "choose the side: left or right".to_string())
}

/// A whole number in `range` from a field, with the field's label in the message.
fn number<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    label: &str,
    text: &str,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, String> {
    text.trim()
        .parse::<T>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{label}: {:?} is not a whole number from {} to {}",
                text.trim(),
                range.start(),
                range.end()
            )
        })
}

/// Problems found by reading the form, as one message.
fn joined(problems: Vec<String>) -> Option<String> {
    (!problems.is_empty()).then(|| problems.join("; "))
}

async fn drawing(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::WriteClinical).await?;
    // Without the script the page offers a list of regions; with it, the chart's hidden inputs.
    let field = if checked(&form, "nojs") {
        "region_list"
    } else {
        "region"
    };
    let mut marks: Vec<PainMark> = Vec::new();
    let mut problems = Vec::new();
    for value in values(&form, field) {
        let (id, level) = value.split_once(':').unwrap_or((value, "2"));
        let Some(level) = level.parse::<u8>().ok().filter(|l| (1..=3).contains(l)) else {
            problems.push(format!("the pain level in {value:?} should be 1, 2 or 3"));
            continue;
        };
        let intensity = intensity_of(level);
        let id = id.trim();
        if let Some(mark) = marks.iter_mut().find(|m| m.region == id) {
            mark.intensity = mark.intensity.max(intensity);
        } else if marks.len() < MAX_REGIONS {
            marks.push(PainMark {
                region: id.to_string(),
                intensity,
            });
        }
    }
    let error = match joined(problems) {
        Some(problem) => WebError::Unprocessable(problem),
        None => match state.app.save_pain_drawing(&ctx, ids.2, &marks).await {
            Ok(_) => {
                return Ok(see_other(&format!(
                    "{}?saved=drawing#drawing",
                    visit_url(ids)
                )))
            }
            Err(error) => frame::refused(error),
        },
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.drawing;
    refused(&state, &form, &headers, ids, Shown::default(), error, place).await
}

fn read_finding(form: &UserForm) -> (FindingForm, Result<NewFinding, String>) {
    let typed = FindingForm {
        point: form.value("trigger_point").trim().to_string(),
        side: form.value("side").trim().to_string(),
        tender: checked(form, "tender"),
        taut_band: checked(form, "taut_band"),
        referral: checked(form, "referral_reproduced"),
        referral_regions: values(form, "referral_regions")
            .map(str::to_string)
            .collect(),
        twitch: checked(form, "twitch"),
        jump_sign: checked(form, "jump_sign"),
        ppt: form.value("ppt_kpa").trim().to_string(),
        note: form.value("note").trim().to_string(),
    };
    let mut problems = Vec::new();
    if typed.point.is_empty() {
        problems.push("choose the trigger point".to_string());
    }
    let side = side(&typed.side).map_err(|p| problems.push(p)).ok();
    let ppt = if typed.ppt.is_empty() {
        None
    } else {
        number("Pressure threshold (kPa)", &typed.ppt, 0..=2000_u32)
            .map_err(|p| problems.push(p))
            .ok()
    };
    let result = match (joined(problems), side) {
        (None, Some(side)) => Ok(NewFinding {
            trigger_point_id: typed.point.clone(),
            side,
            tender: typed.tender,
            taut_band: typed.taut_band,
            referral_reproduced: typed.referral,
            referral_regions: typed.referral_regions.clone(),
            twitch: typed.twitch,
            jump_sign: typed.jump_sign,
            ppt_kpa: ppt,
            note: (!typed.note.is_empty()).then(|| typed.note.clone()),
        }),
        (problem, _) => Err(problem.unwrap_or_default()),
    };
    (typed, result)
}

async fn finding(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::WriteClinical).await?;
    let (typed, read) = read_finding(&form);
    let error = match read {
        Err(problem) => WebError::Unprocessable(problem),
        Ok(new) => match state.app.record_finding(&ctx, ids.2, &new).await {
            Ok(charted) => {
                let url = visit_url(ids);
                let id = charted.finding.id;
                // The point just palpated is usually the one treated next: keep it chosen.
                let (point, side) = (&new.trigger_point_id, new.side.word());
                return Ok(see_other(&format!(
                    "{url}?saved=finding-{id}&point={point}&side={side}#findings"
                )));
            }
            Err(error) => frame::refused(error),
        },
    };
    let shown = Shown {
        finding: typed,
        ..Shown::default()
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.finding;
    refused(&state, &form, &headers, ids, shown, error, place).await
}

fn read_treatment(form: &UserForm) -> (TreatmentForm, Result<NewTreatment, String>) {
    let typed = TreatmentForm {
        point: form.value("trigger_point").trim().to_string(),
        side: form.value("side").trim().to_string(),
        technique: form.value("technique").trim().to_string(),
        tool: form.value("tool").trim().to_string(),
        discomfort: form.value("discomfort").trim().to_string(),
        hold: form.value("hold_seconds").trim().to_string(),
        passes: form.value("passes").trim().to_string(),
        response: form.value("response").trim().to_string(),
    };
    let mut problems = Vec::new();
    for (value, what) in [
        (&typed.point, "the trigger point"),
        (&typed.technique, "the technique"),
        (&typed.tool, "the tool"),
    ] {
        if value.is_empty() {
            problems.push(format!("choose {what}"));
        }
    }
    let side = side(&typed.side).map_err(|p| problems.push(p)).ok();
    let discomfort = number("Discomfort (0–10)", &typed.discomfort, 0..=10_u8)
        .map_err(|p| problems.push(p))
        .ok();
    let hold = if typed.hold.is_empty() {
        Some(0)
    } else {
        number("Hold (seconds)", &typed.hold, 0..=3600_u32)
            .map_err(|p| problems.push(p))
            .ok()
    };
    let passes = if typed.passes.is_empty() {
        Some(1)
    } else {
        number("Passes", &typed.passes, 1..=100_u32)
            .map_err(|p| problems.push(p))
            .ok()
    };
    let result = match (joined(problems), side, discomfort, hold, passes) {
        (None, Some(side), Some(discomfort), Some(hold_seconds), Some(passes)) => {
            Ok(NewTreatment {
                trigger_point_id: typed.point.clone(),
                side,
                technique: typed.technique.clone(),
                tool: typed.tool.clone(),
                discomfort,
                hold_seconds,
                passes,
                response: typed.response.clone(),
            })
        }
        (problem, ..) => Err(problem.unwrap_or_default()),
    };
    (typed, result)
}

async fn treatment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::WriteClinical).await?;
    let (typed, read) = read_treatment(&form);
    let error = match read {
        Err(problem) => WebError::Unprocessable(problem),
        Ok(new) => match state.app.record_treatment(&ctx, ids.2, &new).await {
            Ok(charted) => {
                let url = visit_url(ids);
                let id = charted.treatment.id;
                return Ok(see_other(&format!("{url}?saved=treatment-{id}#treatments")));
            }
            Err(error) => frame::refused(error),
        },
    };
    let shown = Shown {
        treatment: typed,
        ..Shown::default()
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.treatment;
    refused(&state, &form, &headers, ids, shown, error, place).await
}

async fn rom(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::WriteClinical).await?;
    let typed = RomForm {
        movement: form.value("movement").trim().to_string(),
        other: form.value("movement_other").trim().to_string(),
        side: form.value("side").trim().to_string(),
        degrees: form.value("degrees").trim().to_string(),
    };
    let movement = if typed.other.is_empty() {
        typed.movement.clone()
    } else {
        typed.other.clone()
    };
    let mut problems = Vec::new();
    if movement.is_empty() {
        problems.push("choose the movement, or name another".to_string());
    }
    let side = match typed.side.as_str() {
        "" => None,
        word => side(word).map_err(|p| problems.push(p)).ok(),
    };
    let degrees = typed.degrees.replace(',', ".").parse::<f64>();
    if degrees.is_err() {
        problems.push(format!(
            "Degrees: {:?} is not a number (e.g. 60 or 62.5)",
            typed.degrees
        ));
    }
    let error = match (joined(problems), degrees) {
        (None, Ok(degrees)) => match save_rom(&state, &ctx, ids, movement, side, degrees).await {
            Ok(()) => return Ok(see_other(&format!("{}?saved=rom#rom", visit_url(ids)))),
            Err(error) => error,
        },
        (problem, _) => WebError::Unprocessable(problem.unwrap_or_default()),
    };
    let shown = Shown {
        rom: typed,
        ..Shown::default()
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.rom;
    refused(&state, &form, &headers, ids, shown, error, place).await
}

/// Adds one measurement to the visit's (the use case replaces the whole list).
async fn save_rom(
    state: &AppState,
    ctx: &knot_record::TenantCtx,
    ids: VisitPath,
    movement: String,
    side: Option<Side>,
    degrees: f64,
) -> Result<(), WebError> {
    let record = state
        .app
        .read_visit(ctx, ids.2)
        .await
        .map_err(frame::refused)?;
    let mut measures = record.visit.rom;
    measures.push(RomMeasure {
        movement,
        side,
        degrees,
    });
    state
        .app
        .save_range_of_motion(ctx, ids.2, &measures)
        .await
        .map_err(frame::refused)?;
    Ok(())
}

async fn soap(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::WriteClinical).await?;
    let typed = SoapText {
        subjective: form.value("subjective").to_string(),
        objective: form.value("objective").to_string(),
        assessment: form.value("assessment").to_string(),
        plan: form.value("plan").to_string(),
    };
    if form.value("action") == "draft" {
        // A draft is a read: shown in the boxes to edit, stored only by "Save note".
        let drafted = state
            .app
            .draft_soap(&ctx, ids.2)
            .await
            .map_err(frame::refused)?;
        let d = drafted.draft;
        let shown = Shown {
            soap: Some(SoapText {
                subjective: d.subjective,
                objective: d.objective,
                assessment: d.assessment,
                plan: d.plan,
            }),
            drafted: true,
            ..Shown::default()
        };
        return shown_again(&state, &form.user, &headers, ids, shown, StatusCode::OK).await;
    }
    let error = match state.app.set_soap(&ctx, ids.2, &typed).await {
        Ok(_) => return Ok(see_other(&format!("{}?saved=soap#soap", visit_url(ids)))),
        Err(error) => frame::refused(error),
    };
    let shown = Shown {
        soap: Some(typed),
        ..Shown::default()
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.soap;
    refused(&state, &form, &headers, ids, shown, error, place).await
}

async fn sign(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::SignVisit).await?;
    let error = match state.app.sign_visit(&ctx, ids.2, Utc::now()).await {
        Ok(_) => {
            return Ok(see_other(&format!(
                "{}?saved=signed#signature",
                visit_url(ids)
            )))
        }
        Err(error) => frame::refused(error),
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.sign;
    refused(&state, &form, &headers, ids, Shown::default(), error, place).await
}

async fn addendum(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(&state, &form.user, ids, ClinicAction::AddAddendum).await?;
    let text = form.value("addendum").to_string();
    let error = match state.app.add_addendum(&ctx, ids.2, Utc::now(), &text).await {
        Ok(_) => {
            return Ok(see_other(&format!(
                "{}?saved=addendum#addenda",
                visit_url(ids)
            )))
        }
        Err(error) => frame::refused(error),
    };
    let shown = Shown {
        addendum: text,
        ..Shown::default()
    };
    let place: fn(&mut Problems) -> &mut Option<String> = |p| &mut p.addendum;
    refused(&state, &form, &headers, ids, shown, error, place).await
}
