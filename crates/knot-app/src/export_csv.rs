//! A person's diary and guided sessions as two CSV tables, one row per entry or session, with
//! headers a spreadsheet user reads without a manual (the columns are documented in
//! docs/csv-export.md). Times are UTC in RFC 3339; a corrected or deleted entry keeps its row
//! with its status, so the table is the whole history.

use knot_record::{Entry, EntryFilter, Measure, SessionOutcome, SessionRecord, TenantCtx};

use crate::error::AppResult;
use crate::App;

/// The diary table's columns.
pub const DIARY_COLUMNS: [&str; 11] = [
    "Entry",
    "Recorded at (UTC)",
    "Kind",
    "Where",
    "Side",
    "Value",
    "Unit",
    "Note",
    "Status",
    "Corrects entry",
    "Entered at (UTC)",
];

/// The sessions table's columns.
pub const SESSION_COLUMNS: [&str; 15] = [
    "Session",
    "Started at (UTC)",
    "Ended at (UTC)",
    "Muscle",
    "Trigger point",
    "Side",
    "Technique",
    "Tool",
    "Target discomfort (0-10)",
    "Holds done",
    "Seconds of pressure",
    "Pain before (0-10)",
    "Pain after (0-10)",
    "Outcome",
    "Stop reason",
];

/// The two tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvExport {
    pub diary: String,
    pub sessions: String,
}

impl App {
    /// The context's person's whole diary (with its history) and every session, as CSV.
    pub async fn export_csv(&self, ctx: &TenantCtx) -> AppResult<CsvExport> {
        let history = EntryFilter {
            include_history: true,
            ..EntryFilter::default()
        };
        let entries = self.store.entries(ctx, &history).await?;
        let sessions = self.store.sessions(ctx, None).await?;
        Ok(CsvExport {
            diary: crate::csv::table(&DIARY_COLUMNS, entries.iter().map(diary_row)),
            sessions: crate::csv::table(&SESSION_COLUMNS, sessions.iter().map(session_row)),
        })
    }
}

fn diary_row(entry: &Entry) -> Vec<String> {
    let (place, side, value, unit) = match &entry.entry.measure {
        Measure::Pain { score, region } => (
            region.clone().unwrap_or_else(|| "overall".into()),
            String::new(),
            score.to_string(),
            "0-10".into(),
        ),
        Measure::Threshold {
            trigger_point,
            side,
            kg_per_cm2,
        } => (
            trigger_point.clone(),
            side_word(*side).into(),
            kg_per_cm2.to_string(),
            "kg/cm²".into(),
        ),
        Measure::RangeOfMotion { movement, degrees } => (
            movement.clone(),
            String::new(),
            degrees.to_string(),
            if movement.contains("mouth") {
                "mm"
            } else {
                "degrees"
            }
            .into(),
        ),
        Measure::Function { activity, score } => (
            activity.clone(),
            String::new(),
            score.to_string(),
            "0-10".into(),
        ),
        Measure::Note { text } => (String::new(), String::new(), text.clone(), String::new()),
    };
    let status = if entry.deleted_at.is_some() {
        "deleted"
    } else if entry.superseded_by.is_some() {
        "corrected"
    } else {
        "current"
    };
    vec![
        entry.id.to_string(),
        entry.entry.recorded_at.to_rfc3339(),
        entry.entry.measure.kind().into(),
        place,
        side,
        value,
        unit,
        entry.entry.note.clone().unwrap_or_default(),
        status.into(),
        entry.corrects.map(|id| id.to_string()).unwrap_or_default(),
        entry.created_at.to_rfc3339(),
    ]
}

fn session_row(record: &SessionRecord) -> Vec<String> {
    let s = &record.session;
    let score = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
    vec![
        record.id.to_string(),
        s.started_at.to_rfc3339(),
        s.ended_at.to_rfc3339(),
        s.muscle_id.clone(),
        s.trigger_point_id.clone(),
        side_word(s.side).into(),
        s.technique.clone(),
        s.tool.clone(),
        s.target_discomfort.to_string(),
        s.holds_done().to_string(),
        s.pressure_seconds().to_string(),
        score(s.pain_before),
        score(s.pain_after),
        match s.outcome {
            SessionOutcome::Completed => "completed",
            SessionOutcome::Stopped => "stopped",
            SessionOutcome::Quit => "quit",
        }
        .into(),
        s.stop_reason.clone().unwrap_or_default(),
    ]
}

fn side_word(side: knot_record::Side) -> &'static str {
    match side {
        knot_record::Side::Left => "left",
        knot_record::Side::Right => "right",
        knot_record::Side::Midline => "midline",
    }
}
