//! What the Diary pages show: the choices offered by the forms (regions, trigger points,
//! movements), each form with its values and problems, and the entries as rows.

use std::sync::OnceLock;

use chrono::FixedOffset;
use knot_care::measures::{describe, movements};
use knot_store::Entry;

use super::diary_form::Submitted;
use super::signed_in::local_time;
use crate::auth::FieldErrors;
use crate::reference::Reference;

/// The trigger points of one muscle, for a grouped list.
#[derive(Debug)]
pub(super) struct PointGroup {
    pub muscle: String,
    /// (trigger point id, "label (sides)").
    pub points: Vec<(String, String)>,
}

/// The fixed choices the forms offer.
#[derive(Debug)]
pub(super) struct Choices {
    pub regions: Vec<(String, String)>,
    pub points: Vec<PointGroup>,
    pub movements: Vec<(String, String)>,
}

/// The choices, built once from the atlas, the region scheme and the movement catalogue.
pub(super) fn choices(reference: &Reference) -> &'static Choices {
    static CHOICES: OnceLock<Choices> = OnceLock::new();
    CHOICES.get_or_init(|| {
        let mut regions: Vec<(String, String)> = reference
            .scheme
            .regions()
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect();
        regions.sort_by(|a, b| a.1.cmp(&b.1));
        let points = reference
            .atlas
            .muscles()
            .iter()
            .filter(|m| !m.trigger_points.is_empty())
            .map(|m| PointGroup {
                muscle: m.name.clone(),
                points: m
                    .trigger_points
                    .iter()
                    .map(|tp| (tp.id.clone(), format!("{}: {}", m.name, tp.label)))
                    .collect(),
            })
            .collect();
        let movements = movements()
            .iter()
            .map(|m| (m.id.clone(), format!("{} ({})", m.name, m.unit.word())))
            .collect();
        Choices {
            regions,
            points,
            movements,
        }
    })
}

/// One form on the page.
#[derive(Debug)]
pub(super) struct FormView {
    pub kind: &'static str,
    pub title: &'static str,
    pub action: String,
    pub submit: &'static str,
    pub submitted: Submitted,
    pub errors: FieldErrors,
}

impl FormView {
    /// An empty form of `kind` posting to `action`.
    pub fn new(kind: &'static str, action: String, correcting: bool) -> FormView {
        let (title, submit) = match kind {
            "pain" => ("Pain", "Log pain"),
            "threshold" => ("Pressure threshold", "Log threshold"),
            "range_of_motion" => ("Range of motion", "Log range"),
            "function" => ("An activity (PSFS)", "Log activity"),
            _ => ("Note", "Save note"),
        };
        FormView {
            kind,
            title,
            action,
            submit: if correcting {
                "Save the correction"
            } else {
                submit
            },
            submitted: Submitted::default(),
            errors: FieldErrors::default(),
        }
    }

    /// The value of a field as last sent (or stored).
    pub fn v(&self, field: &str) -> &str {
        self.submitted.values.get(field).map_or("", String::as_str)
    }

    /// Whether a choice is the one sent.
    pub fn chosen(&self, field: &str, option: &str) -> bool {
        self.v(field) == option
    }

    /// The problem with a field, if any.
    pub fn e(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    /// The element id of a field of this form.
    pub fn id(&self, field: &str) -> String {
        format!("{}-{}", self.kind, field.replace('_', "-"))
    }
}

/// One diary entry as a row.
#[derive(Debug)]
pub(super) struct EntryRow {
    pub id: i64,
    pub when: String,
    pub kind: &'static str,
    pub subject: String,
    pub value: String,
    pub remark: String,
    /// "", "corrected", "deleted"; a correction also says what it replaced.
    pub status: String,
    pub current: bool,
}

/// An entry as a row, in the person's time zone.
pub(super) fn row(entry: &Entry, offset: FixedOffset) -> EntryRow {
    let described = describe(&entry.entry.measure);
    let status = match (entry.deleted_at, entry.superseded_by, entry.corrects) {
        (Some(_), _, _) => "deleted".to_string(),
        (None, Some(by), _) => format!("corrected by #{by}"),
        (None, None, Some(of)) => format!("corrects #{of}"),
        _ => String::new(),
    };
    EntryRow {
        id: entry.id,
        when: local_time(entry.entry.recorded_at, offset),
        kind: described.kind,
        subject: described.subject,
        value: described.value,
        remark: entry.entry.note.clone().unwrap_or_default(),
        status,
        current: entry.is_current(),
    }
}
