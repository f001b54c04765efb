//! `GET /progress[?since=YYYY-MM-DD&until=YYYY-MM-DD]`: what the diary and the sessions say
//! about change — `knot-progress`'s summary in words and its SVG charts inline (pain trend,
//! pressure threshold, range of motion, adherence, immediate response, and the body map of where
//! pain was marked). Nothing here computes anything: it lays out the report.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use knot_progress::{summary_sentences, svg, words, Report};
use serde::Deserialize;

use super::signed_in::{chrome, local_offset};
use super::{render, Chrome};
use crate::auth::PageUser;
use crate::extract::QueryParams;
use crate::hints;
use crate::progress_load::{load_report, parse_day, Span};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/progress", progress_page)]
}

/// One chart with its heading and caption.
#[derive(Debug)]
struct Figure {
    id: &'static str,
    heading: &'static str,
    svg: String,
    caption: String,
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    chrome: Chrome,
    empty: bool,
    period: String,
    since: String,
    until: String,
    summary: Vec<String>,
    figures: Vec<Figure>,
    not_a_diagnosis: &'static str,
    /// `/progress.pdf` with the same period.
    pdf_href: String,
}

/// The period asked for, as the page's form and the PDF link send it.
#[derive(Debug, Deserialize)]
pub(super) struct ProgressQuery {
    since: Option<String>,
    until: Option<String>,
}

impl ProgressQuery {
    /// The span asked for, with days counted in the browser's time zone.
    pub(super) fn span(&self, headers: &HeaderMap) -> Result<Span, WebError> {
        Ok(Span {
            since: parse_day("since", self.since.as_deref())?,
            until: parse_day("until", self.until.as_deref())?,
            offset: local_offset(headers),
        })
    }

    /// The query string of the same period for the PDF link ("" or "?since=…&until=…").
    fn pdf_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [("since", &self.since), ("until", &self.until)] {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                query.append_pair(key, value);
            }
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }
}

async fn progress_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Response, WebError> {
    let span = query.span(&headers)?;
    let report = load_report(&state, &user.ctx(), span).await?;
    let page = ProgressPage {
        chrome: chrome("Progress", "progress"),
        empty: report.is_empty(),
        period: format!(
            "{} – {} · {} · {} · {}",
            report.first_day.format("%b %-d, %Y"),
            report.last_day.format("%b %-d, %Y"),
            count(
                usize::try_from(report.span_days()).unwrap_or(0),
                "day",
                "days"
            ),
            count(report.entries, "diary entry", "diary entries"),
            count(
                report.adherence.sessions,
                "treatment session",
                "treatment sessions"
            )
        ),
        since: span.since.map(|d| d.to_string()).unwrap_or_default(),
        until: span.until.map(|d| d.to_string()).unwrap_or_default(),
        summary: summary_sentences(&report)
            .iter()
            .map(|s| s.phrased(&hints::page))
            .collect(),
        figures: figures(&report)?,
        not_a_diagnosis: words::NOT_A_DIAGNOSIS,
        pdf_href: format!("/progress.pdf{}", query.pdf_query()),
    };
    Ok(render(&page)?.into_response())
}

/// "1 day", "3 days".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every chart the report has data for.
fn figures(report: &Report) -> Result<Vec<Figure>, WebError> {
    let settings = &report.settings;
    let (first, last) = (report.first_day, report.last_day);
    let mut figures = vec![Figure {
        id: "pain",
        heading: "Pain",
        svg: svg::pain_chart(&report.pain.overall, first, last, settings, "pain-trend"),
        caption: format!(
            "Dots are daily means of your 0–10 ratings; the line is a {}-day moving average. A fall \
             of {} points or {}% from your first week is a clinically important improvement \
             (Farrar 2001).",
            settings.smoothing_half_width * 2 + 1,
            settings.pain_important_points,
            settings.pain_important_percent
        ),
    }];
    if !report.regions.regions.is_empty() {
        let chart = svg::region_chart(&report.regions, "Where pain was marked, by number of days")
            .map_err(|e| WebError::Internal(format!("region chart: {e}")))?;
        figures.push(Figure {
            id: "where",
            heading: "Where it hurt",
            svg: chart,
            caption: words::regions_sentence(report).unwrap_or_default(),
        });
    }
    let tracked = &report.tracked;
    if !tracked.thresholds.is_empty() {
        figures.push(Figure {
            id: "threshold",
            heading: "Pressure pain threshold",
            svg: svg::threshold_chart(
                &tracked.thresholds,
                first,
                last,
                settings,
                "pressure-threshold",
            ),
            caption: format!(
                "Higher means less tender. Changes under {} kg/cm² may be measurement error; about \
                 {} kg/cm² is the smallest change that matters.",
                settings.ppt_mdc, settings.ppt_mcid
            ),
        });
    }
    if !tracked.motion.is_empty() {
        figures.push(Figure {
            id: "motion",
            heading: "Range of motion",
            svg: svg::motion_chart(&tracked.motion, first, last, settings, "range-of-motion"),
            caption: format!(
                "Changes smaller than {}–{}° may be measurement error.",
                settings.rom_possible_degrees, settings.rom_clear_degrees
            ),
        });
    }
    treatment_figures(report, &mut figures);
    Ok(figures)
}

fn treatment_figures(report: &Report, figures: &mut Vec<Figure>) {
    let adherence = &report.adherence;
    if adherence.sessions == 0 && adherence.planned_per_day.is_none() {
        return;
    }
    figures.push(Figure {
        id: "adherence",
        heading: "Sessions",
        svg: svg::adherence_chart(adherence, "adherence"),
        caption: words::adherence_sentence(adherence).phrased(&hints::page),
    });
    let response = &report.response;
    if let Some(sentence) = words::response_sentence(report) {
        figures.push(Figure {
            id: "response",
            heading: "Immediate response",
            svg: svg::response_chart(
                "Response by trigger point",
                &response.by_trigger_point,
                "response-trigger-point",
            ),
            caption: format!("{sentence} Only sessions with pain rated before and after count."),
        });
    }
}
