//! `GET /progress.pdf[?since=YYYY-MM-DD&until=YYYY-MM-DD]`: the Progress page's report as the
//! one- or two-page PDF for a physician (`knot-report-pdf`, the same as `knot progress --pdf`),
//! with the latest screening's flags, downloaded as `knot-progress-YYYY-MM-DD.pdf` (the
//! period's last day).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use knot_report_pdf::{pdf_report, Extras, ScreeningFlags};

use super::download;
use super::progress::ProgressQuery;
use crate::app_error::from_app;
use crate::auth::PageUser;
use crate::extract::QueryParams;
use crate::hints;
use crate::progress_load::load_report;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/progress.pdf", progress_pdf)]
}

async fn progress_pdf(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Response, WebError> {
    let span = query.span(&headers)?;
    let ctx = user.ctx();
    let report = load_report(&state, &ctx, span).await?;
    let screening = state
        .app
        .latest_screening(&ctx)
        .await
        .map_err(from_app)?
        .map(|judged| {
            let taken = judged
                .screening
                .created_at
                .with_timezone(&span.offset)
                .date_naive();
            ScreeningFlags::from_outcome(taken, &judged.outcome)
        });
    let (name, email) = (user.account.display_name.trim(), &user.account.email);
    let who = if name.is_empty() {
        email.clone()
    } else {
        format!("{name} ({email})")
    };
    let extras = Extras {
        who: Some(&who),
        screening: screening.as_ref(),
    };
    let pdf = pdf_report(&report, &extras, &hints::page)
        .map_err(|e| WebError::Internal(format!("progress PDF: {e}")))?;
    let file = format!("knot-progress-{}.pdf", report.last_day.format("%Y-%m-%d"));
    download(pdf, "application/pdf", &file)
}
