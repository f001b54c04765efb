//! The span of days a report covers, and which calendar day a stored time falls on.
//!
//! Records carry UTC times; a person's day is local. The caller gives the UTC offset to count
//! days in (the CLI passes the machine's), so the analyses stay pure and repeatable.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use knot_record::Entry;
use serde::Serialize;

/// The days a report covers: from `since` (or the first record) through `until`, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day counted; `None` starts at the first record.
    pub since: Option<NaiveDate>,
    /// The last day counted, usually today.
    pub until: NaiveDate,
    /// The offset from UTC in which days are counted.
    #[serde(skip)]
    pub offset: FixedOffset,
}

impl Period {
    /// Everything up to and including `until`, with days counted in UTC.
    pub fn until(until: NaiveDate) -> Period {
        Period {
            since: None,
            until,
            offset: utc(),
        }
    }

    /// The local calendar day of a stored time.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.offset).date_naive()
    }

    /// Whether a day lies inside the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        day <= self.until && self.since.is_none_or(|since| day >= since)
    }

    /// The current entries (a correction counts, a deleted entry does not) recorded inside the
    /// period, each with its local day, in the order given.
    pub fn current_entries<'a>(
        self,
        entries: &'a [Entry],
    ) -> impl Iterator<Item = (NaiveDate, &'a Entry)> + 'a {
        entries
            .iter()
            .filter(|e| e.is_current())
            .map(move |e| (self.day_of(e.entry.recorded_at), e))
            .filter(move |(day, _)| self.contains(*day))
    }
}

/// The zero offset.
pub fn utc() -> FixedOffset {
    Utc.fix()
}
