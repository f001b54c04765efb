//! `knot-progress`: what the diary and sessions say about change over weeks and months.
//!
//! Pure: it takes the records `knot-app` reads from the store (diary entries, guided sessions, the active
//! plan) and a [`Period`], and gives back a [`Report`] — the pain trend with its smoothed line
//! and Farrar's clinically important change, pressure threshold and range of motion against
//! measurement error, functional activities, adherence to the plan, the immediate response per
//! trigger point and technique, and how often each region was marked. From a report it renders
//! plain text ([`text_report`]), SVG charts ([`svg`]) and a self-contained HTML page
//! ([`html_report`]). No clock and no I/O of its own: the same records and period give the same
//! bytes. A [`Span`] says which records a report over some days reads, and [`report_of`] turns
//! them into the report.
//!
//! Only current entries count ([`knot_record::Entry::is_current`]): a corrected entry counts
//! through its correction, a deleted one not at all.

#![forbid(unsafe_code)]

pub mod adherence;
pub mod change;
mod html;
pub mod names;
pub mod pain;
pub mod period;
pub mod regions;
mod report;
pub mod response;
pub mod settings;
pub mod smoothing;
mod span;
pub mod svg;
mod text;
pub mod tracked;
pub mod words;

pub use change::{classify_pain, PainChange, PainClass, Verdict};
pub use html::{html_report, summary_sentences};
pub use knot_body::chart::ChartError;
pub use period::Period;
pub use report::{analyse, Inputs, Note, Report};
pub use settings::Settings;
pub use span::{period_for, report_of, Span};
pub use text::text_report;
pub use words::{Phrase, Worded};
