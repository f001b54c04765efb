//! The diary: log entries (several places at once stand or fall together), correct and delete
//! them, list them or read them a page at a time. Every entry is checked here with the same rules whichever front end built it:
//! the measure on its scale and known to the atlas, text in one Unicode form without controls
//! that reorder it, and a time that is neither in the future nor before 1900.

use chrono::{DateTime, Utc};
use knot_care::measures::{check_when, earliest_day, remark, validate, MeasureError, OutOfBounds};
use knot_record::{Entry, EntryFilter, NewEntry, RecordId, TenantCtx};
use knot_store::{EntryPage, PageCursor, PageOrder, PageRequest};

use crate::error::{AppError, AppResult};
use crate::text::{free_text, measure_text};
use crate::App;

/// The kinds of entry a list can be narrowed to.
pub const ENTRY_KINDS: &[&str] = &["pain", "threshold", "range_of_motion", "function", "note"];

/// How many entries a page holds when a front end asks for a page without saying how many.
pub const DEFAULT_PAGE: u32 = 100;

/// A page of the diary as a front end received the request: the cursor is still the text a
/// previous page gave out, so every front end refuses a damaged one in the same words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryPageRequest {
    /// 1 to [`knot_store::MAX_PAGE`] entries.
    pub limit: u32,
    pub order: PageOrder,
    /// The `next` of the previous page; `None` starts at the first page.
    pub after: Option<String>,
}

impl App {
    /// Stores entries in one transaction: all or none. Each is checked first; the first
    /// problem refuses the lot.
    pub async fn log_entries(
        &self,
        ctx: &TenantCtx,
        entries: Vec<NewEntry>,
    ) -> AppResult<Vec<Entry>> {
        if entries.is_empty() {
            return Err(AppError::invalid("there is nothing to log"));
        }
        let now = Utc::now();
        let checked = entries
            .into_iter()
            .map(|entry| self.checked_entry(entry, now))
            .collect::<AppResult<Vec<_>>>()?;
        Ok(self.store.add_entries(ctx, &checked).await?)
    }

    /// Stores `new` as the correction of entry `id`; the original is kept, superseded. A
    /// correction keeps the kind of what it corrects (a pain score is not corrected into a note).
    pub async fn correct_entry(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        new: NewEntry,
    ) -> AppResult<Entry> {
        let checked = self.checked_entry(new, Utc::now())?;
        let original = self.store.entry(ctx, id).await?;
        let (was, now) = (original.entry.measure.kind(), checked.measure.kind());
        if was != now {
            return Err(AppError::invalid(format!(
                "entry {id} is a {} entry; a correction must keep its kind, so delete it and log a new \
                 {} entry instead",
                was.replace('_', " "),
                now.replace('_', " ")
            )));
        }
        Ok(self.store.correct_entry(ctx, id, &checked).await?)
    }

    /// Marks entry `id` deleted.
    pub async fn delete_entry(&self, ctx: &TenantCtx, id: RecordId) -> AppResult<Entry> {
        Ok(self.store.delete_entry(ctx, id).await?)
    }

    /// One entry, whatever its state.
    pub async fn entry(&self, ctx: &TenantCtx, id: RecordId) -> AppResult<Entry> {
        Ok(self.store.entry(ctx, id).await?)
    }

    /// Entries in the order they were recorded.
    pub async fn entries(&self, ctx: &TenantCtx, filter: &EntryFilter) -> AppResult<Vec<Entry>> {
        if let Some(kind) = filter.kind.as_deref().filter(|k| !ENTRY_KINDS.contains(k)) {
            return Err(AppError::invalid(format!(
                "{kind:?} is not a kind of entry; use one of {}",
                ENTRY_KINDS.join(", ")
            )));
        }
        Ok(self.store.entries(ctx, filter).await?)
    }

    /// One page of the current entries, `limit` of them in `order` after the cursor. A limit out
    /// of range and a cursor Knot did not give out are refused together, each saying what to
    /// send instead.
    pub async fn diary_page(
        &self,
        ctx: &TenantCtx,
        request: &DiaryPageRequest,
    ) -> AppResult<EntryPage> {
        let mut problems = Vec::new();
        let after = match request.after.as_deref().map(PageCursor::parse).transpose() {
            Ok(after) => after,
            Err(refused) => {
                problems.push(refused.to_string());
                None
            }
        };
        let request = PageRequest {
            limit: request.limit,
            order: request.order,
            after,
        };
        if let Err(refused) = request.check() {
            problems.insert(0, refused.to_string());
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                problems,
                hint: None,
            });
        }
        Ok(self.store.entries_page(ctx, &request).await?)
    }

    /// The entry as it is stored, or why it cannot be.
    fn checked_entry(&self, new: NewEntry, now: DateTime<Utc>) -> AppResult<NewEntry> {
        let measure = measure_text(new.measure).map_err(|(field, problem)| {
            AppError::invalid(problem.describe(&format!("measure.{field}")))
        })?;
        validate(self.atlas, &measure).map_err(measure_refusal)?;
        let note = match new.note.as_deref() {
            None => None,
            Some(text) => {
                let note = remark(text).map_err(measure_refusal)?;
                Some(free_text(&note).map_err(|p| AppError::invalid(p.describe("the note")))?)
            }
        };
        check_time("recorded_at", new.recorded_at, now).map_err(AppError::invalid)?;
        Ok(NewEntry {
            recorded_at: new.recorded_at,
            measure,
            note,
        })
    }
}

/// A refused measure, with where to look for what is accepted.
pub(crate) fn measure_refusal(error: MeasureError) -> AppError {
    AppError::Invalid {
        problems: vec![error.to_string()],
        hint: error.hint(),
    }
}

/// The one time rule for records, in words: not in the future, not before 1900.
pub(crate) fn check_time(what: &str, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    match check_when(at, now) {
        Ok(()) => Ok(()),
        Err(OutOfBounds::Future) => Err(format!(
            "{what} is in the future; a record is of something that has happened"
        )),
        Err(OutOfBounds::TooEarly) => Err(format!(
            "{what} is before {}; check the year",
            earliest_day()
        )),
    }
}
