//! The visit page, for the therapist at the table: `POST …/clients/{client}/visits` opens a
//! visit (the health-change answer first) and `GET …/visits/{visit}` shows it in visit order —
//! header and what must be dealt with first, the pain drawing against the last visit's, the
//! finder's candidates to palpate, findings, range of motion, treatments (each with the safety
//! warnings for it), the SOAP note, signing, addenda and the client's history. The forms'
//! posts are in [`super::visit_forms`]; what the page shows of the records in
//! [`super::visit_view`].

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::ClinicAction;
use knot_care::clinic::VisitBlock;
use knot_finder::FindRequest;
use knot_record::clinic::{NewVisit, PainMark, SoapText};
use knot_record::{ClinicId, PersonId, RecordId, TenantCtx};
use serde::Deserialize;

use super::super::find_view::{self, MarkedView};
use super::super::signed_in::{local_offset, local_time, see_other};
use super::super::{render, Chrome};
use super::frame::{self, ClinicBar};
use super::visit_forms::{self, FindingForm, Problems, RomForm, TreatmentForm};
use super::visit_view::{
    self as view, CandidateRow, Choice, ChoiceGroup, FindingRow, HistoryRow, MarkView, TreatmentRow,
};
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

/// The visit page's address pattern.
pub(super) const VISIT: &str = "/clinic/{clinic}/clients/{client}/visits/{visit}";
/// How many of the finder's candidates are listed.
const CANDIDATES: usize = 8;

pub(super) fn routes() -> Vec<Route> {
    let mut routes = vec![
        Route::post("/clinic/{clinic}/clients/{client}/visits", start),
        Route::get(VISIT, visit_page),
    ];
    routes.extend(visit_forms::routes());
    routes
}

/// The ids in a visit's address.
pub(super) type VisitPath = (ClinicId, PersonId, RecordId);

/// The visit's address.
pub(super) fn visit_url((clinic, client, visit): VisitPath) -> String {
    format!("/clinic/{clinic}/clients/{client}/visits/{visit}")
}

/// The client's context for `action`, through the access check (404 outside, 403 by role).
pub(super) async fn client_ctx(
    state: &AppState,
    user: &SignedIn,
    (clinic, client, _): VisitPath,
    action: ClinicAction,
) -> Result<TenantCtx, WebError> {
    state
        .app
        .client_ctx(&user.actor, clinic, client, action)
        .await
        .map_err(frame::refused)
}

#[derive(Debug, Clone)]
pub(super) struct SignatureView {
    pub by: String,
    pub at: String,
    pub hash: String,
    /// Whether the stored hash still matches what is stored.
    pub matches: bool,
}

#[derive(Debug, Clone)]
pub(super) struct AddendumView {
    pub at: String,
    pub by: String,
    pub text: String,
}

/// One region of the drawing, this visit against the last.
#[derive(Debug, Clone)]
pub(super) struct CompareRow {
    pub region: String,
    pub last: String,
    pub now: String,
}

#[derive(Template)]
#[template(path = "clinic_visit.html")]
pub(super) struct VisitPage {
    pub chrome: Chrome,
    pub bar: ClinicBar,
    pub csrf: String,
    pub url: String,
    pub client_url: String,
    pub client_name: String,
    pub date: String,
    pub health_change: String,
    pub signature: Option<SignatureView>,
    /// What must be dealt with before treating (from the visit's start).
    pub start_warnings: Vec<String>,
    /// The saved-message of the post that led here.
    pub saved: Option<String>,
    pub saved_warnings: Vec<view::WarningView>,
    /// A refusal shown at the top (when its form is not on the page, e.g. once signed).
    pub page_problem: Option<String>,
    pub problems: Problems,
    pub bodymap: String,
    pub chart: String,
    pub marked: Vec<MarkedView>,
    pub drawing_choices: Vec<Choice>,
    pub this_drawing: Vec<MarkView>,
    pub last_drawing: Option<Vec<MarkView>>,
    pub compare: Vec<CompareRow>,
    pub candidates: Vec<CandidateRow>,
    pub candidates_note: Option<String>,
    pub finding_points: Vec<ChoiceGroup>,
    pub finding_sides: Vec<Choice>,
    pub finding: FindingForm,
    pub referral_regions: Vec<Choice>,
    pub findings: Vec<FindingRow>,
    pub rom: Vec<(String, String, String)>,
    pub rom_form: RomForm,
    pub movements: Vec<Choice>,
    pub rom_sides: Vec<Choice>,
    pub treatment_points: Vec<ChoiceGroup>,
    pub treatment_sides: Vec<Choice>,
    pub techniques: Vec<Choice>,
    pub tools: Vec<Choice>,
    pub treatment: TreatmentForm,
    pub treatments: Vec<TreatmentRow>,
    pub soap: SoapText,
    pub drafted: bool,
    pub addenda: Vec<AddendumView>,
    pub addendum: String,
    pub history: Vec<HistoryRow>,
}

impl VisitPage {
    pub fn signed(&self) -> bool {
        self.signature.is_some()
    }
}

/// What a post brings back to the page: the values typed and the problem beside its form, or
/// a SOAP draft; and what a redirect's query says was saved.
#[derive(Debug, Default)]
pub(super) struct Shown {
    pub finding: FindingForm,
    pub treatment: TreatmentForm,
    pub rom: RomForm,
    pub soap: Option<SoapText>,
    pub drafted: bool,
    pub addendum: String,
    pub problems: Problems,
    pub saved: Option<String>,
    pub started: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct VisitQuery {
    saved: Option<String>,
    started: Option<String>,
    /// A candidate to preselect in the findings form.
    point: Option<String>,
    side: Option<String>,
}

async fn visit_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    PathParam(ids): PathParam<VisitPath>,
    QueryParams(query): QueryParams<VisitQuery>,
) -> Result<Response, WebError> {
    let preselect = FindingForm {
        point: query.point.clone().unwrap_or_default(),
        side: query.side.clone().unwrap_or_default(),
        ..FindingForm::default()
    };
    let treatment = TreatmentForm {
        point: preselect.point.clone(),
        side: preselect.side.clone(),
        ..TreatmentForm::default()
    };
    let shown = Shown {
        finding: preselect,
        treatment,
        saved: query.saved,
        started: query.started,
        ..Shown::default()
    };
    let page = build(&state, &user, &headers, ids, shown).await?;
    Ok(render(&page)?.into_response())
}

/// The page with what a post brought back, answered with `status`.
pub(super) async fn shown_again(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
    ids: VisitPath,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, WebError> {
    let page = build(state, user, headers, ids, shown).await?;
    Ok((status, render(&page)?).into_response())
}

async fn start(
    State(state): State<AppState>,
    PathParam((clinic, client)): PathParam<(ClinicId, PersonId)>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = client_ctx(
        &state,
        &form.user,
        (clinic, client, 0),
        ClinicAction::WriteClinical,
    )
    .await?;
    let now = Utc::now();
    let new = NewVisit {
        started_at: now,
        health_change: form.value("health_change").trim().to_string(),
    };
    let started = match state.app.start_visit(&ctx, &new, now).await {
        Ok(started) => started,
        // The question is on the client record's page; its answer missing is the one refusal.
        Err(error) => return Err(frame::refused(error)),
    };
    let codes = start_codes(&started.warnings);
    let mut url = visit_url((clinic, client, started.visit.id));
    if !codes.is_empty() {
        url.push_str(&format!("?started={codes}"));
    }
    Ok(see_other(&url))
}

/// The start's warnings as short codes for the redirect (`change`, `review`, `consent`), so
/// the page can say them again in `knot_care`'s words without carrying text in the address.
fn start_codes(warnings: &[String]) -> String {
    let ends = |warning: &str, block: VisitBlock| warning.ends_with(&block.message());
    let mut codes: Vec<&str> = Vec::new();
    for warning in warnings {
        let code = if ends(warning, VisitBlock::HealthHistoryNotUpdatedAfterChange) {
            "change"
        } else if ends(warning, VisitBlock::NoGeneralConsent) {
            "consent"
        } else if warning.contains("health history") {
            "review"
        } else {
            "other"
        };
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.join(",")
}

/// The codes of [`start_codes`] in `knot_care`'s words; the review's date is the latest
/// screening's, as the start read it.
async fn start_warnings(
    state: &AppState,
    ctx: &TenantCtx,
    codes: &str,
) -> Result<Vec<String>, WebError> {
    let mut said = Vec::new();
    for code in codes.split(',') {
        let block = match code {
            "change" => VisitBlock::HealthHistoryNotUpdatedAfterChange,
            "consent" => VisitBlock::NoGeneralConsent,
            "review" => {
                let latest = state
                    .app
                    .latest_screening(ctx)
                    .await
                    .map_err(frame::refused)?;
                VisitBlock::ScreeningReviewDue {
                    last_reviewed: latest.map(|j| j.screening.screening.taken_at.date_naive()),
                }
            }
            "other" => {
                said.push("check the client record: something must be dealt with first".into());
                continue;
            }
            _ => continue,
        };
        said.push(block.message());
    }
    Ok(said)
}

/// Builds the whole page.
async fn build(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
    ids: VisitPath,
    shown: Shown,
) -> Result<VisitPage, WebError> {
    let (clinic, client, visit) = ids;
    let (ctx, bar) =
        frame::client_page(state, user, (clinic, client), ClinicAction::ViewClinical).await?;
    let app = &state.app;
    let record = app.read_visit(&ctx, visit).await.map_err(frame::refused)?;
    let person = app.client(&ctx).await.map_err(frame::refused)?;
    let history = app
        .client_history(&ctx, visit)
        .await
        .map_err(frame::refused)?;
    let screening = app
        .latest_screening(&ctx)
        .await
        .map_err(frame::refused)?
        .map(|judged| judged.screening);
    let names = staff_names(state, user, clinic).await?;
    let offset = local_offset(headers);
    let reference = &state.reference;
    let v = &record.visit;

    let signature = match &v.signature {
        Some(signature) => {
            let check = app
                .verify_visit(&ctx, visit)
                .await
                .map_err(frame::refused)?;
            Some(SignatureView {
                by: name_of(&names, signature.signed_by),
                at: local_time(signature.signed_at, offset),
                hash: signature.hash.chars().take(12).collect(),
                matches: check.matches(),
            })
        }
        None => None,
    };
    let start_warnings = match &shown.started {
        Some(codes) => start_warnings(state, &ctx, codes).await?,
        None => Vec::new(),
    };

    let levels: BTreeMap<String, u8> = v
        .pain_drawing
        .iter()
        .map(|m| (m.region.clone(), view::level_of(m.intensity)))
        .collect();
    let ordered: Vec<(String, u8)> = v
        .pain_drawing
        .iter()
        .map(|m| (m.region.clone(), view::level_of(m.intensity)))
        .collect();
    let (candidates, candidates_note) = candidates(state, &v.pain_drawing);

    let findings: Vec<FindingRow> = record
        .findings
        .iter()
        .map(|f| view::finding_row(reference, screening.as_ref(), f))
        .collect();
    let treatments: Vec<TreatmentRow> = record
        .treatments
        .iter()
        .map(|t| view::treatment_row(reference, screening.as_ref(), t))
        .collect();
    let (saved, saved_warnings) = saved_message(shown.saved.as_deref(), &findings, &treatments);

    let Shown {
        finding,
        treatment,
        rom: rom_form,
        soap,
        drafted,
        addendum,
        problems,
        ..
    } = shown;
    let page_problem = if v.signature.is_some() {
        problems.first()
    } else {
        None
    };
    let atlas = reference.atlas;
    Ok(VisitPage {
        chrome: frame::chrome(format!("Visit: {}", person.details.display_name)),
        bar,
        csrf: user.csrf().to_string(),
        url: visit_url(ids),
        client_url: format!("/clinic/{clinic}/clients/{client}"),
        client_name: person.details.display_name.clone(),
        date: local_time(v.visit.started_at, offset),
        health_change: v.visit.health_change.clone(),
        signature,
        start_warnings,
        saved,
        saved_warnings,
        page_problem,
        bodymap: crate::assets::url("bodymap.js"),
        chart: reference.find_chart(&levels),
        marked: find_view::marked(reference, &ordered),
        drawing_choices: view::drawing_choices(reference, &levels),
        this_drawing: view::marks(reference, &history.this_drawing),
        last_drawing: history
            .last_drawing
            .as_ref()
            .map(|d| view::marks(reference, d)),
        compare: compare(
            state,
            &history.this_drawing,
            history.last_drawing.as_deref(),
        ),
        finding_points: view::point_groups(atlas, &candidates, &finding.point),
        finding_sides: view::sides(&finding.side),
        referral_regions: view::regions(reference, &finding.referral_regions),
        finding,
        findings,
        rom: v
            .rom
            .iter()
            .map(|m| {
                let movement = knot_care::measures::movements()
                    .iter()
                    .find(|known| known.id == m.movement)
                    .map_or(m.movement.clone(), |known| view::movement_name(&known.name));
                (
                    movement,
                    m.side.map_or("", |s| s.word()).to_string(),
                    format!("{}", m.degrees),
                )
            })
            .collect(),
        movements: view::movements(&rom_form.movement),
        rom_sides: view::sides(&rom_form.side),
        rom_form,
        treatment_points: view::point_groups(atlas, &candidates, &treatment.point),
        treatment_sides: view::sides(&treatment.side),
        techniques: view::techniques(atlas, &treatment.technique),
        tools: view::tools(atlas, &treatment.tool),
        treatment,
        treatments,
        candidates,
        candidates_note,
        soap: soap.unwrap_or_else(|| v.soap.clone()),
        drafted,
        addenda: record
            .addenda
            .iter()
            .map(|a| AddendumView {
                at: local_time(a.written_at, offset),
                by: name_of(&names, a.author_id),
                text: a.text.clone(),
            })
            .collect(),
        addendum,
        history: view::history(reference, &history.points, visit, offset),
        problems,
    })
}

/// The names of the clinic's staff (past members keep theirs), to say who signed and who wrote
/// each addendum.
async fn staff_names(
    state: &AppState,
    user: &SignedIn,
    clinic: ClinicId,
) -> Result<BTreeMap<i64, String>, WebError> {
    let member = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewClients)
        .await
        .map_err(frame::refused)?;
    let staff = state
        .app
        .list_staff(&member)
        .await
        .map_err(frame::refused)?;
    Ok(staff
        .into_iter()
        .map(|m| (m.user_id, m.display_name))
        .collect())
}

fn name_of(names: &BTreeMap<i64, String>, id: i64) -> String {
    names
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("staff member {id}"))
}

/// The finder's ranked candidates for the drawing: the points to palpate first.
fn candidates(state: &AppState, drawing: &[PainMark]) -> (Vec<CandidateRow>, Option<String>) {
    if drawing.is_empty() {
        return (
            Vec::new(),
            Some("Save a pain drawing first: the candidates come from it.".into()),
        );
    }
    let request = FindRequest {
        terms: Vec::new(),
        regions: drawing
            .iter()
            .map(|m| knot_finder::drawing::RegionMark {
                id: m.region.clone(),
                intensity: Some(f64::from(m.intensity)),
                worst: false,
            })
            .collect(),
        answers: BTreeMap::new(),
    };
    match state.app.find(&request) {
        Ok(result) => {
            let rows: Vec<CandidateRow> = result
                .candidates
                .iter()
                .take(CANDIDATES)
                .map(|c| view::candidate(&state.reference, c))
                .collect();
            let note = rows
                .is_empty()
                .then(|| "No trigger point refers pain to the places drawn.".to_string());
            (rows, note)
        }
        Err(error) => (Vec::new(), Some(error.to_string())),
    }
}

/// This visit's drawing against the last, region by region.
fn compare(state: &AppState, now: &[PainMark], last: Option<&[PainMark]>) -> Vec<CompareRow> {
    let Some(last) = last else {
        return Vec::new();
    };
    let mut regions: Vec<&str> = now.iter().map(|m| m.region.as_str()).collect();
    for mark in last {
        if !regions.contains(&mark.region.as_str()) {
            regions.push(&mark.region);
        }
    }
    let at = |drawing: &[PainMark], region: &str| {
        drawing
            .iter()
            .find(|m| m.region == region)
            .map_or("—".to_string(), |m| format!("{}/10", m.intensity))
    };
    regions
        .into_iter()
        .map(|region| CompareRow {
            region: super::super::capitalized(state.reference.region_name(region)),
            last: at(last, region),
            now: at(now, region),
        })
        .collect()
}

/// What the redirect's `saved` flag says, and the warnings of the entry just charted.
fn saved_message(
    saved: Option<&str>,
    findings: &[FindingRow],
    treatments: &[TreatmentRow],
) -> (Option<String>, Vec<view::WarningView>) {
    let Some(saved) = saved else {
        return (None, Vec::new());
    };
    let id = |prefix: &str| {
        saved
            .strip_prefix(prefix)
            .and_then(|id| id.parse::<i64>().ok())
    };
    if let Some(id) = id("finding-") {
        let warnings = findings
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.warnings.clone())
            .unwrap_or_default();
        return (Some("Finding recorded.".into()), warnings);
    }
    if let Some(id) = id("treatment-") {
        let warnings = treatments
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.warnings.clone())
            .unwrap_or_default();
        return (Some("Treatment recorded.".into()), warnings);
    }
    let message = match saved {
        "drawing" => "Pain drawing saved.",
        "rom" => "Range of motion recorded.",
        "soap" => "Note saved.",
        "signed" => "The note is signed. Later words go in an addendum.",
        "addendum" => "Addendum added.",
        _ => return (None, Vec::new()),
    };
    (Some(message.into()), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_warnings_travel_as_codes() {
        let said = |block: VisitBlock| format!("before treating: {}", block.message());
        let warnings = [
            said(VisitBlock::HealthHistoryNotUpdatedAfterChange),
            said(VisitBlock::ScreeningReviewDue {
                last_reviewed: None,
            }),
            said(VisitBlock::ScreeningReviewDue {
                last_reviewed: chrono::NaiveDate::from_ymd_opt(2024, 1, 2),
            }),
            said(VisitBlock::NoGeneralConsent),
        ];
        assert_eq!(start_codes(&warnings), "change,review,consent");
        assert_eq!(start_codes(&[]), "");
        assert_eq!(start_codes(&["something new".into()]), "other");
    }
}
