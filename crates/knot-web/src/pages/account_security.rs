//! `/account`: the signed-in person's account — who they are signed in as, the browsers signed
//! in to it (`account_sessions`), the security events of their account (failed sign-ins,
//! lock-outs, refused requests) so they can see whether someone has been trying to get in, and
//! their own activity: the audit log of who read or changed their records, and from where.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::signed_in::{chrome, local_offset, local_time};
use super::Chrome;
use super::{capitalized, render};
use crate::app_error::from_store;
use crate::auth::PageUser;
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

/// The most events the page lists.
const EVENTS_SHOWN: u32 = 50;
/// The most lines of the person's own activity the page lists.
const ACTIVITY_SHOWN: u32 = 50;

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

/// One line of the person's own activity: the audit log of their records.
struct ActivityRow {
    when: String,
    what: String,
    from: String,
    session: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    display_name: String,
    csrf: String,
    events: Vec<EventRow>,
    sessions: Vec<super::account_sessions::SessionRow>,
    /// "1" after one browser was signed out, "all" after every other one.
    ended: String,
    activity: Vec<ActivityRow>,
}

#[derive(Debug, serde::Deserialize)]
struct AccountQuery {
    #[serde(default)]
    ended: String,
}

/// An audit line in words: "read entry 12", "sign-in".
fn activity_words(event: &knot_store::AuditEvent) -> String {
    let record = match event.record.as_str() {
        "account" => String::new(),
        other => match event.record_id {
            Some(id) => format!(" {other} {id}"),
            None => format!(" {other}s"),
        },
    };
    format!("{}{record}", capitalized(&event.action.replace('-', " ")))
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
    QueryParams(query): QueryParams<AccountQuery>,
) -> Result<Response, WebError> {
    let events = state
        .store
        .security_events(&user.ctx(), EVENTS_SHOWN)
        .await
        .map_err(from_store)?;
    let offset = local_offset(&headers);
    let sessions = super::account_sessions::rows(&state, &user, offset).await?;
    let activity = state
        .store
        .audit_log(&user.ctx(), ACTIVITY_SHOWN)
        .await
        .map_err(from_store)?
        .iter()
        .map(|event| ActivityRow {
            when: local_time(event.at, offset),
            what: activity_words(event),
            from: event
                .address
                .clone()
                .unwrap_or_else(|| "this computer (knot)".into()),
            session: event.session.clone().unwrap_or_default(),
        })
        .collect();
    let page = AccountPage {
        chrome: chrome("Your account", "account"),
        email: user.account.email.clone(),
        display_name: user.account.display_name.clone(),
        csrf: user.csrf().to_string(),
        sessions,
        ended: query.ended,
        activity,
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
