//! The whole analysis in one value: what `knot progress` prints, what `--json` serialises and
//! what the HTML report draws.

use chrono::NaiveDate;
use knot_record::{Entry, Measure, Plan, SessionRecord};
use serde::Serialize;

use crate::adherence::{self, Adherence};
use crate::pain::{self, PainReport};
use crate::period::Period;
use crate::regions::{self, RegionFrequency};
use crate::response::{self, ResponseReport};
use crate::settings::Settings;
use crate::tracked::{self, TrackedReport};

/// What the analyses read: the records as the store returns them. Superseded and deleted
/// entries may be included; only current ones count.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub entries: &'a [Entry],
    pub sessions: &'a [SessionRecord],
    pub plan: Option<&'a Plan>,
}

/// A dated free note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub day: NaiveDate,
    pub text: String,
}

/// Every analysis over one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    /// The first day drawn: `since`, else the first day with any record.
    pub first_day: NaiveDate,
    /// The last day drawn (the period's `until`).
    pub last_day: NaiveDate,
    pub settings: Settings,
    /// Current diary entries inside the period.
    pub entries: usize,
    pub pain: PainReport,
    pub tracked: TrackedReport,
    pub adherence: Adherence,
    pub response: ResponseReport,
    pub regions: RegionFrequency,
    /// The free notes, newest first.
    pub notes: Vec<Note>,
}

impl Report {
    /// Whether nothing was recorded in the period.
    pub fn is_empty(&self) -> bool {
        self.entries == 0 && self.adherence.sessions == 0
    }

    /// Days from the first to the last day drawn, both included.
    pub fn span_days(&self) -> i64 {
        (self.last_day - self.first_day).num_days() + 1
    }
}

/// Runs every analysis.
pub fn analyse(inputs: Inputs<'_>, period: Period, settings: &Settings) -> Report {
    let current: Vec<&Entry> = period
        .current_entries(inputs.entries)
        .map(|(_, e)| e)
        .collect();
    let first_record = current
        .iter()
        .map(|e| period.day_of(e.entry.recorded_at))
        .chain(
            inputs
                .sessions
                .iter()
                .map(|s| period.day_of(s.session.started_at))
                .filter(|day| period.contains(*day)),
        )
        .min();
    let first_day = period
        .since
        .or(first_record)
        .unwrap_or(period.until)
        .min(period.until);
    let mut notes: Vec<Note> = current
        .iter()
        .filter_map(|e| match &e.entry.measure {
            Measure::Note { text } => Some(Note {
                day: period.day_of(e.entry.recorded_at),
                text: text.clone(),
            }),
            _ => None,
        })
        .collect();
    notes.sort_by_key(|note| std::cmp::Reverse(note.day));
    Report {
        period,
        first_day,
        last_day: period.until,
        settings: settings.clone(),
        entries: current.len(),
        pain: pain::analyse(inputs.entries, &period, settings),
        tracked: tracked::analyse(inputs.entries, &period, settings),
        adherence: adherence::analyse(inputs.sessions, inputs.plan, &period, settings),
        response: response::analyse(inputs.sessions, &period),
        regions: regions::analyse(inputs.entries, &period),
        notes,
    }
}
