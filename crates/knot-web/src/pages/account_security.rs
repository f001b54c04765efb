//! `/account`: the signed-in person's account — who they are signed in as, and the security
//! events of their account (failed sign-ins, lock-outs, refused requests), newest first, so
//! they can see whether someone has been trying to get in.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::render;
use super::signed_in::{chrome, local_offset, local_time};
use super::Chrome;
use crate::app_error::from_store;
use crate::auth::PageUser;
use crate::routes::Route;
use crate::{AppState, WebError};

/// The most events the page lists.
const EVENTS_SHOWN: u32 = 50;

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/account", account_page)]
}

/// One event as the page shows it.
struct EventRow {
    when: String,
    what: &'static str,
    client: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    display_name: String,
    events: Vec<EventRow>,
}

/// What a kind of event is called on the page.
fn kind_label(kind: knot_store::SecurityEventKind) -> &'static str {
    use knot_store::SecurityEventKind as Kind;
    match kind {
        Kind::SignInFailed => "Failed sign-in",
        Kind::LockedOut => "Sign-in paused",
        Kind::SignUpLimited => "Sign-ups paused",
        Kind::CsrfRefused => "Request refused",
    }
}

async fn account_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageUser(user): PageUser,
) -> Result<Response, WebError> {
    let events = state
        .store
        .security_events(&user.ctx(), EVENTS_SHOWN)
        .await
        .map_err(from_store)?;
    let offset = local_offset(&headers);
    let page = AccountPage {
        chrome: chrome("Your account", "account"),
        email: user.account.email.clone(),
        display_name: user.account.display_name.clone(),
        events: events
            .into_iter()
            .map(|event| EventRow {
                when: local_time(event.at, offset),
                what: kind_label(event.kind),
                client: event.client.unwrap_or_else(|| "unknown".to_string()),
                detail: event.detail,
            })
            .collect(),
    };
    Ok(render(&page)?.into_response())
}
