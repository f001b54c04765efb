//! `GET /clinic/{clinic}/audit`: the clinic's audit log for its admins, newest first, 100 rows
//! a page (`before` = the last row's id for the next), narrowed to one member of staff or one
//! client if asked, with the state of the log's hash chain and the export buttons.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use knot_app::ClinicAction;
use knot_record::{ClinicId, PersonId, RecordId, UserId};
use serde::Deserialize;

use super::super::super::signed_in::{local_offset, local_time};
use super::super::super::{render, Chrome};
use super::super::frame::{chrome, clinic_page, refused, ClinicBar, Tab};
use super::names;
use crate::auth::PageUser;
use crate::extract::{given, PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

/// Rows read for one page (before the filters narrow it).
const PAGE: u32 = 100;

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/clinic/{clinic}/audit", audit_page)]
}

#[derive(Debug, Deserialize)]
struct AuditQuery {
    before: Option<String>,
    who: Option<String>,
    client: Option<String>,
}

struct Row {
    when: String,
    who: String,
    action: String,
    record: String,
    client: String,
    origin: String,
}

/// An option of a filter's select.
struct Choice {
    value: i64,
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "clinic_audit.html")]
struct AuditPage {
    chrome: Chrome,
    bar: ClinicBar,
    rows: Vec<Row>,
    chain_whole: bool,
    chain: String,
    staff: Vec<Choice>,
    clients: Vec<Choice>,
    filtered: bool,
    older: Option<String>,
    newest: Option<String>,
}

/// An optional id from the query ("" counts as none); a damaged one is the person's to fix.
fn id(value: Option<&str>, what: &str) -> Result<Option<i64>, WebError> {
    given(value)
        .map(|text| {
            text.parse::<i64>().map_err(|_| {
                WebError::BadRequest(format!(
                    "{what} in this address is not an id; go back to the audit log and choose \
                     again"
                ))
            })
        })
        .transpose()
}

async fn audit_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    PathParam(clinic): PathParam<ClinicId>,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<Response, WebError> {
    let before: Option<RecordId> = id(query.before.as_deref(), "the page")?;
    let who: Option<UserId> = id(query.who.as_deref(), "the member of staff")?;
    let client: Option<PersonId> = id(query.client.as_deref(), "the client")?;
    let (ctx, bar) =
        clinic_page(&state, &user, clinic, ClinicAction::ViewAudit, Tab::Audit).await?;
    let chain = state.app.verify_clinic_audit(&ctx).await.map_err(refused)?;
    let names = state.app.audit_names(&ctx).await.map_err(refused)?;
    let events = state
        .app
        .clinic_audit(&ctx, PAGE, before)
        .await
        .map_err(refused)?;
    let offset = local_offset(&headers);
    let rows = events
        .iter()
        .filter(|event| who.is_none_or(|who| event.user_id == who))
        .filter(|event| client.is_none_or(|client| event.person_id == Some(client)))
        .map(|event| Row {
            when: local_time(event.at, offset),
            who: names.who(event),
            action: event.action.clone(),
            record: names::record(event),
            client: names.client(event),
            origin: names::origin(event),
        })
        .collect();
    let filters = format!(
        "{}{}",
        who.map(|id| format!("&who={id}")).unwrap_or_default(),
        client.map(|id| format!("&client={id}")).unwrap_or_default()
    );
    let base = format!("/clinic/{clinic}/audit");
    let older = (events.len() == PAGE as usize)
        .then(|| {
            events
                .last()
                .map(|last| format!("{base}?before={}{filters}", last.id))
        })
        .flatten();
    let newest = before.map(|_| format!("{base}?{}", filters.trim_start_matches('&')));
    let mut staff: Vec<Choice> = names
        .staff
        .iter()
        .map(|(id, person)| Choice {
            value: *id,
            label: person.name.clone(),
            chosen: who == Some(*id),
        })
        .collect();
    staff.sort_by(|a, b| a.label.cmp(&b.label));
    let mut clients: Vec<Choice> = names
        .clients
        .iter()
        .map(|(id, name)| Choice {
            value: *id,
            label: name.clone(),
            chosen: client == Some(*id),
        })
        .collect();
    clients.sort_by(|a, b| a.label.cmp(&b.label));
    let page = AuditPage {
        chrome: chrome(format!("Audit log · {}", bar.clinic_name)),
        chain_whole: chain.is_whole(),
        chain: match &chain.broken {
            None => format!(
                "The log's hash chain is whole: {} rows checked, none removed or altered.",
                chain.rows
            ),
            Some(broken) => format!(
                "The log's hash chain is broken at {broken}. Rows were removed or changed \
                 outside Knot: keep a copy of the database as it is and run `knot audit verify` \
                 on the server."
            ),
        },
        staff,
        clients,
        filtered: who.is_some() || client.is_some(),
        older,
        newest,
        rows,
        bar,
    };
    Ok(render(&page)?.into_response())
}
