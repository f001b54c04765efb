//! The diary as a plain-text table: id, date, kind, value, what it is about, note, and with
//! `--all` the status of corrected and deleted entries.

use knot_care::measures::describe;
use knot_record::Entry;

use crate::cmd::log_measure::local_time;

/// The widest a free-text column gets before it is cut with "…".
const TEXT_WIDTH: usize = 40;

/// What to say when there is nothing to list.
pub fn empty_message(filtered: bool) -> &'static str {
    if filtered {
        "No entries match. `knot history` without filters lists them all."
    } else {
        "No diary entries yet. Record one with `knot log pain 5` (see `knot log --help`)."
    }
}

/// The table, one line per entry, with a status column when `with_status`.
pub fn render(entries: &[Entry], with_status: bool) -> String {
    let mut header = vec!["ID", "WHEN", "KIND", "VALUE", "ABOUT", "NOTE"];
    if with_status {
        header.push("STATUS");
    }
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    rows.extend(entries.iter().map(|entry| row(entry, with_status)));
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn row(entry: &Entry, with_status: bool) -> Vec<String> {
    let shown = describe(&entry.entry.measure);
    let (value, about) = if shown.kind == "note" {
        (String::new(), shown.value)
    } else {
        (shown.value, shown.subject)
    };
    let mut cells = vec![
        entry.id.to_string(),
        local_time(entry.entry.recorded_at),
        shown.kind.to_string(),
        value,
        cut(&about),
        cut(entry.entry.note.as_deref().unwrap_or("")),
    ];
    if with_status {
        cells.push(status(entry));
    }
    cells
}

/// "current", "corrects #3", "corrected by #7", "deleted".
fn status(entry: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some(newer) = entry.superseded_by {
        parts.push(format!("corrected by #{newer}"));
    }
    if entry.deleted_at.is_some() {
        parts.push("deleted".to_string());
    }
    if parts.is_empty() {
        parts.push("current".to_string());
    }
    if let Some(older) = entry.corrects {
        parts.push(format!("corrects #{older}"));
    }
    parts.join(", ")
}

/// One line of at most [`TEXT_WIDTH`] characters.
fn cut(text: &str) -> String {
    let single: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if single.chars().count() <= TEXT_WIDTH {
        single
    } else {
        let kept: String = single.chars().take(TEXT_WIDTH - 1).collect();
        format!("{kept}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use knot_record::{Measure, NewEntry};

    fn entry(id: i64, measure: Measure) -> Entry {
        Entry {
            id,
            person_id: 1,
            created_by: 1,
            created_at: Utc::now(),
            corrects: None,
            superseded_by: None,
            deleted_at: None,
            entry: NewEntry {
                recorded_at: Utc::now(),
                measure,
                note: Some("x".repeat(60)),
            },
        }
    }

    #[test]
    fn long_text_is_cut_and_columns_line_up() {
        let entries = [
            entry(
                1,
                Measure::Pain {
                    score: 6,
                    region: None,
                },
            ),
            entry(
                22,
                Measure::Note {
                    text: "slept badly".into(),
                },
            ),
        ];
        let table = render(&entries, false);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].contains('…'));
        let kind_column = lines[0].find("KIND").unwrap();
        assert_eq!(&lines[1][kind_column..kind_column + 4], "pain");
    }

    #[test]
    fn status_names_corrections_and_deletions() {
        let mut corrected = entry(
            3,
            Measure::Pain {
                score: 6,
                region: None,
            },
        );
        corrected.superseded_by = Some(7);
        let mut correction = entry(
            7,
            Measure::Pain {
                score: 5,
                region: None,
            },
        );
        correction.corrects = Some(3);
        assert_eq!(status(&corrected), "corrected by #7");
        assert_eq!(status(&correction), "current, corrects #3");
    }
}
