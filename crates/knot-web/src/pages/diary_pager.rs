//! The Diary page's current entries, 60 to a page, newest first: which page the query string
//! asks for (`after=` a cursor for older entries, `before=` one for newer), and the plain
//! "Older entries" / "Newer entries" links to the pages on either side.

use knot_app::{AppError, DiaryPageRequest, EntryPage, PageCursor, PageOrder};
use knot_record::{Entry, TenantCtx};

use crate::app_error::from_app_page;
use crate::extract::given;
use crate::{AppState, WebError};

/// The entries on one page.
const PER_PAGE: u32 = 60;

/// Where a page of the list starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Start {
    /// The newest entries.
    #[default]
    Newest,
    /// The entries older than this cursor.
    Older(String),
    /// The entries newer than this cursor.
    Newer(String),
}

impl Start {
    /// The start the query's `after` and `before` ask for (an empty value counts as none).
    pub fn of(after: Option<&str>, before: Option<&str>) -> Result<Start, WebError> {
        match (given(after), given(before)) {
            (None, None) => Ok(Start::Newest),
            (Some(after), None) => Ok(Start::Older(after.to_string())),
            (None, Some(before)) => Ok(Start::Newer(before.to_string())),
            (Some(_), Some(_)) => Err(damaged_link()),
        }
    }
}

/// The links to the neighbouring pages, where there are any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Pager {
    pub newer: Option<String>,
    pub older: Option<String>,
}

/// The page's entries, newest first, and the links beside it.
pub(super) async fn page(
    state: &AppState,
    ctx: &TenantCtx,
    start: &Start,
) -> Result<(Vec<Entry>, Pager), WebError> {
    match start {
        Start::Newest => newest(state, ctx).await,
        Start::Older(cursor) => {
            let page = read(state, ctx, PageOrder::Newest, cursor).await?;
            // Entries deleted since the link was made can leave nothing past it: point back
            // to the newest rather than to a page that would be empty again.
            let newer = Some(
                page.entries
                    .first()
                    .map_or_else(|| "/diary".into(), newer_than),
            );
            let older = page.next.map(|next| format!("/diary?after={next}"));
            Ok((page.entries, Pager { newer, older }))
        }
        Start::Newer(cursor) => {
            let page = read(state, ctx, PageOrder::Oldest, cursor).await?;
            if page.next.is_none() {
                // Reached the newest entries: show the first page whole, as the Diary opens,
                // rather than the few left over at the top.
                return newest(state, ctx).await;
            }
            let mut entries = page.entries;
            entries.reverse();
            let pager = Pager {
                newer: entries.first().map(newer_than),
                older: entries.last().map(older_than),
            };
            Ok((entries, pager))
        }
    }
}

/// The first page: the newest entries.
async fn newest(state: &AppState, ctx: &TenantCtx) -> Result<(Vec<Entry>, Pager), WebError> {
    let request = DiaryPageRequest {
        limit: PER_PAGE,
        order: PageOrder::Newest,
        after: None,
    };
    let page = state
        .app
        .diary_page(ctx, &request)
        .await
        .map_err(from_app_page)?;
    let older = page.next.map(|next| format!("/diary?after={next}"));
    Ok((page.entries, Pager { newer: None, older }))
}

/// A page after `cursor` in `order`; a cursor that is not one Knot made is a damaged link.
async fn read(
    state: &AppState,
    ctx: &TenantCtx,
    order: PageOrder,
    cursor: &str,
) -> Result<EntryPage, WebError> {
    let request = DiaryPageRequest {
        limit: PER_PAGE,
        order,
        after: Some(cursor.to_string()),
    };
    state
        .app
        .diary_page(ctx, &request)
        .await
        .map_err(|error| match error {
            AppError::Invalid { .. } => damaged_link(),
            other => from_app_page(other),
        })
}

/// The link to the entries newer than `entry`.
fn newer_than(entry: &Entry) -> String {
    format!("/diary?before={}", PageCursor::after(entry))
}

/// The link to the entries older than `entry`.
fn older_than(entry: &Entry) -> String {
    format!("/diary?after={}", PageCursor::after(entry))
}

/// The refusal of a link to older or newer entries that the page did not make.
fn damaged_link() -> WebError {
    WebError::BadRequest(
        "this link to older or newer diary entries is damaged: it is not one the Diary page \
         made. Open the Diary from the menu to start again from your newest entries"
            .into(),
    )
}
