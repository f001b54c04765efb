//! Keyset pagination of the diary: a page request (how many, which way, after which cursor),
//! the page it answers, and the opaque cursor that marks where a page ended.
//!
//! A cursor is `k1_<seconds>_<nanoseconds>_<id>`: the recorded time and id of the last entry
//! shown, the same key the `entries_by_person` index is ordered by, so the next page starts
//! with an index seek however deep it is, instead of skipping rows as `OFFSET` would.

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{StoreError, StoreResult};
use knot_record::{Entry, RecordId};

/// The most entries one page holds.
pub const MAX_PAGE: u32 = 500;

/// Which end of the diary a page starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageOrder {
    /// Oldest first (the order of [`crate::Store::entries`]).
    #[default]
    Oldest,
    /// Newest first.
    Newest,
}

/// Where a page ends: the recorded time and id of its last entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCursor {
    pub recorded_at: DateTime<Utc>,
    pub id: RecordId,
}

impl PageCursor {
    /// The cursor just after `entry`.
    pub fn after(entry: &Entry) -> PageCursor {
        PageCursor {
            recorded_at: entry.entry.recorded_at,
            id: entry.id,
        }
    }

    /// Reads a cursor a previous page gave; anything else is `Invalid` with what to do.
    pub fn parse(text: &str) -> StoreResult<PageCursor> {
        let bad = || {
            StoreError::Invalid(format!(
                "the page cursor {text:?} is not one Knot gave out; pass the `next` value of the \
                 previous page unchanged, or leave it out to start at the first page"
            ))
        };
        let mut parts = text.split('_');
        if parts.next() != Some("k1") {
            return Err(bad());
        }
        let mut number = || parts.next().and_then(|part| part.parse::<i64>().ok());
        let (secs, nanos, id) = (number(), number(), number());
        let (Some(secs), Some(nanos), Some(id)) = (secs, nanos, id) else {
            return Err(bad());
        };
        if parts.next().is_some() || id < 0 {
            return Err(bad());
        }
        let nanos = u32::try_from(nanos).map_err(|_| bad())?;
        let recorded_at = DateTime::from_timestamp(secs, nanos).ok_or_else(bad)?;
        // No entry can be recorded outside the years the store keeps, so no page ends there;
        // refused here, such a time would come back as a date problem the reader never sent.
        if !(0..=9999).contains(&recorded_at.year()) {
            return Err(bad());
        }
        Ok(PageCursor { recorded_at, id })
    }
}

impl std::fmt::Display for PageCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "k1_{}_{}_{}",
            self.recorded_at.timestamp(),
            self.recorded_at.timestamp_subsec_nanos(),
            self.id
        )
    }
}

/// One page to read: up to `limit` current entries (1–[`MAX_PAGE`]) in `order`, after
/// `after` (from the start when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    pub order: PageOrder,
    pub after: Option<PageCursor>,
}

impl PageRequest {
    /// Refuses a limit outside 1–[`MAX_PAGE`].
    pub fn check(&self) -> StoreResult<()> {
        if self.limit == 0 || self.limit > MAX_PAGE {
            return Err(StoreError::Invalid(format!(
                "a page holds 1 to {MAX_PAGE} entries, not {}; ask for a limit in that range",
                self.limit
            )));
        }
        Ok(())
    }
}

/// A page of the diary and the cursor of the next one (`None` on the last page).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPage {
    pub entries: Vec<Entry>,
    pub next: Option<PageCursor>,
}

impl EntryPage {
    /// The page from `rows`, read with one row more than `limit` to tell whether more follow.
    pub fn from_rows(mut rows: Vec<Entry>, limit: u32) -> EntryPage {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = if more {
            rows.last().map(PageCursor::after)
        } else {
            None
        };
        EntryPage {
            entries: rows,
            next,
        }
    }
}

/// The keyset condition and order for `request`, on columns `recorded_at` and `id`, with
/// the cursor's time and id bound as parameters `$3` and `$4` when there is a cursor.
pub fn keyset_sql(request: &PageRequest) -> (&'static str, &'static str) {
    match (request.order, request.after.is_some()) {
        (PageOrder::Oldest, true) => (
            " AND (recorded_at, id) > ($3, $4)",
            " ORDER BY recorded_at, id",
        ),
        (PageOrder::Oldest, false) => ("", " ORDER BY recorded_at, id"),
        (PageOrder::Newest, true) => (
            " AND (recorded_at, id) < ($3, $4)",
            " ORDER BY recorded_at DESC, id DESC",
        ),
        (PageOrder::Newest, false) => ("", " ORDER BY recorded_at DESC, id DESC"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn cursor_round_trips_through_text() {
        let at =
            Utc.with_ymd_and_hms(2025, 3, 1, 8, 30, 0).unwrap() + chrono::Duration::nanoseconds(7);
        let cursor = PageCursor {
            recorded_at: at,
            id: 42,
        };
        let text = cursor.to_string();
        assert_eq!(text, format!("k1_{}_7_42", at.timestamp()));
        assert_eq!(PageCursor::parse(&text).unwrap(), cursor);
    }

    #[test]
    fn malformed_cursors_are_invalid() {
        for text in [
            "",
            "k1",
            "k2_1_2_3",
            "k1_1_2",
            "k1_1_2_3_4",
            "k1_a_2_3",
            "k1_1_-2_3",
            "k1_1_2000000000_3",
            "k1_1_2_-3",
            "k1_99999999999999_0_1",
            "k1_999999999999_0_1",
            "k1_-99999999999_0_1",
        ] {
            assert!(
                matches!(PageCursor::parse(text), Err(StoreError::Invalid(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn limits_outside_one_to_max_are_refused() {
        let request = |limit| PageRequest {
            limit,
            order: PageOrder::Oldest,
            after: None,
        };
        assert!(request(0).check().is_err());
        assert!(request(MAX_PAGE + 1).check().is_err());
        assert!(request(1).check().is_ok() && request(MAX_PAGE).check().is_ok());
    }
}
