//! The clinic's client list (`GET /clinic/{clinic}`, with a search over name, e-mail and
//! phone) and its "Add a client" form (`POST /clinic/{clinic}/clients`, then to the new
//! record). The record itself and its forms are in `client_record` and `client_record_forms`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use knot_app::ClinicAction;
use knot_record::clinic::Client;
use knot_record::ClinicId;
use serde::Deserialize;

use super::super::signed_in::see_other;
use super::super::{render, Chrome};
use super::client_form::ContactForm;
use super::frame::{chrome, clinic_page, ClinicBar, Tab};
use super::{client_record, client_record_forms};
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    let mut routes = vec![
        Route::get("/clinic/{clinic}", list_page),
        Route::post("/clinic/{clinic}/clients", add_client),
    ];
    routes.extend(client_record::routes());
    routes.extend(client_record_forms::routes());
    routes
}

/// One row of the list.
#[derive(Debug)]
struct ClientRow {
    href: String,
    name: String,
    birth_date: String,
    phone: String,
    email: String,
}

#[derive(Template)]
#[template(path = "clinic_clients.html")]
struct ListPage {
    chrome: Chrome,
    bar: ClinicBar,
    csrf: String,
    q: String,
    total: usize,
    rows: Vec<ClientRow>,
    may_add: bool,
    contact: ContactForm,
}

#[derive(Debug, Deserialize)]
struct Search {
    q: Option<String>,
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PathParam(clinic): PathParam<ClinicId>,
    QueryParams(search): QueryParams<Search>,
) -> Result<Response, WebError> {
    let q = search.q.unwrap_or_default().trim().to_string();
    let page = list(&state, &user, clinic, q, ContactForm::default()).await?;
    Ok(render(&page)?.into_response())
}

async fn list(
    state: &AppState,
    user: &SignedIn,
    clinic: ClinicId,
    q: String,
    contact: ContactForm,
) -> Result<ListPage, WebError> {
    let (ctx, bar) =
        clinic_page(state, user, clinic, ClinicAction::ViewClients, Tab::Clients).await?;
    let clients = state
        .app
        .list_clients(&ctx)
        .await
        .map_err(super::frame::refused)?;
    let total = clients.len();
    let needle = q.to_lowercase();
    let rows = clients
        .iter()
        .filter(|client| needle.is_empty() || matches(client, &needle))
        .map(|client| row(&bar, client))
        .collect();
    Ok(ListPage {
        chrome: chrome(format!("Clients · {}", bar.clinic_name)),
        may_add: knot_app::clinic::permissions::allows(bar.role, ClinicAction::EditContact),
        csrf: user.csrf().to_string(),
        bar,
        q,
        total,
        rows,
        contact,
    })
}

/// Whether the lower-cased `needle` is in the client's name, e-mail or phone number.
fn matches(client: &Client, needle: &str) -> bool {
    let details = &client.details;
    [
        Some(&details.display_name),
        details.email.as_ref(),
        details.phone.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| text.to_lowercase().contains(needle))
}

fn row(bar: &ClinicBar, client: &Client) -> ClientRow {
    let details = &client.details;
    ClientRow {
        href: format!("{}/clients/{}", bar.base(), client.person_id),
        name: details.display_name.clone(),
        birth_date: details
            .birth_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        phone: details.phone.clone().unwrap_or_default(),
        email: details.email.clone().unwrap_or_default(),
    }
}

async fn add_client(
    State(state): State<AppState>,
    PathParam(clinic): PathParam<ClinicId>,
    form: UserForm,
) -> Result<Response, WebError> {
    let (ctx, _) = clinic_page(
        &state,
        &form.user,
        clinic,
        ClinicAction::EditContact,
        Tab::Clients,
    )
    .await?;
    let mut contact = ContactForm::from_form(&form);
    if let Some(details) = contact.details() {
        match state.app.add_client(&ctx, &details).await {
            Ok(client) => {
                return Ok(see_other(&format!(
                    "/clinic/{clinic}/clients/{}",
                    client.person_id
                )))
            }
            Err(error) => contact.refusal(error)?,
        }
    }
    let mut page = list(&state, &form.user, clinic, String::new(), contact).await?;
    page.chrome = chrome(format!(
        "Add a client: check the form · {}",
        page.bar.clinic_name
    ));
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
