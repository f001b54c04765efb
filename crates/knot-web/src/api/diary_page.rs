//! `GET /api/v1/diary` a page at a time: `limit`, `order` and `after` in the query string ask
//! for one page of the current entries, answered with the `next` cursor to continue from. A
//! paging value that cannot be used is a 400 that says what to send instead.

use knot_app::{AppError, DiaryPageRequest, EntryPage, PageOrder, DEFAULT_PAGE, MAX_PAGE};
use knot_record::TenantCtx;

use crate::app_error::from_app;
use crate::extract::given;
use crate::{AppState, WebError};

/// The paging values of the query string, as sent.
#[derive(Debug, Default)]
pub(super) struct PagingQuery<'a> {
    pub limit: Option<&'a str>,
    pub order: Option<&'a str>,
    pub after: Option<&'a str>,
}

impl PagingQuery<'_> {
    /// The page asked for, or `None` when no paging value is given (the whole list). A value
    /// sent empty counts as left out, as an empty date does.
    pub fn request(&self) -> Result<Option<DiaryPageRequest>, WebError> {
        let (limit, order, after) = (given(self.limit), given(self.order), given(self.after));
        if limit.is_none() && order.is_none() && after.is_none() {
            return Ok(None);
        }
        let limit = match limit {
            None => DEFAULT_PAGE,
            Some(text) => text.parse().map_err(|_| {
                WebError::BadRequest(format!(
                    "limit={text:?} is not a number of entries; send a whole number from 1 to \
                     {MAX_PAGE}, e.g. limit={DEFAULT_PAGE} (the default)"
                ))
            })?,
        };
        let order = match order {
            None | Some("oldest") => PageOrder::Oldest,
            Some("newest") => PageOrder::Newest,
            Some(other) => {
                return Err(WebError::BadRequest(format!(
                    "order={other:?} is not an order of pages; send order=oldest (the default) \
                     or order=newest"
                )))
            }
        };
        Ok(Some(DiaryPageRequest {
            limit,
            order,
            after: after.map(str::to_string),
        }))
    }
}

/// The page, or why it cannot be read.
pub(super) async fn read(
    state: &AppState,
    ctx: &TenantCtx,
    request: &DiaryPageRequest,
) -> Result<EntryPage, WebError> {
    state.app.diary_page(ctx, request).await.map_err(refused)
}

/// The application refuses only the limit and the cursor here: both came in the query string,
/// and a client cannot build a cursor of its own, so a bad one is a malformed request (400)
/// rather than a value out of its range (422).
fn refused(error: AppError) -> WebError {
    match from_app(error) {
        WebError::Unprocessable(message) => WebError::BadRequest(message),
        other => other,
    }
}

/// The refusal of a filter given with a paging value.
pub(super) fn filtered_page() -> WebError {
    WebError::BadRequest(
        "since, until, kind and history cannot be given with limit, order or after: a page \
         holds every current entry in order; leave out the filters to read pages, or the paging \
         values to read the whole filtered list"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(limit: &'a str, order: &'a str, after: &'a str) -> PagingQuery<'a> {
        PagingQuery {
            limit: Some(limit),
            order: Some(order),
            after: Some(after),
        }
    }

    #[test]
    fn no_paging_value_asks_for_the_whole_list() {
        assert_eq!(PagingQuery::default().request(), Ok(None));
        assert_eq!(query("", " ", "").request(), Ok(None));
    }

    #[test]
    fn paging_values_are_read_with_defaults_for_the_rest() {
        let page = query("", "newest", "").request().unwrap().unwrap();
        assert_eq!(
            page,
            DiaryPageRequest {
                limit: DEFAULT_PAGE,
                order: PageOrder::Newest,
                after: None
            }
        );
        let page = query("7", "", "k1_1_0_2").request().unwrap().unwrap();
        assert_eq!((page.limit, page.order), (7, PageOrder::Oldest));
        assert_eq!(page.after.as_deref(), Some("k1_1_0_2"));
    }

    #[test]
    fn unreadable_values_say_what_to_send() {
        let limit = query("ten", "", "").request().unwrap_err();
        assert!(limit.to_string().contains("from 1 to 500"), "{limit}");
        let order = query("", "latest", "").request().unwrap_err();
        assert!(order.to_string().contains("order=newest"), "{order}");
        assert!(matches!(limit, WebError::BadRequest(_)));
        assert!(matches!(order, WebError::BadRequest(_)));
    }
}
