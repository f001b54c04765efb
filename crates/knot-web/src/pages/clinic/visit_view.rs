//! What the visit page shows of a visit record: choices for its forms (trigger points with the
//! finder's candidates first, sides, techniques, tools, movements, regions), the charted rows
//! with the safety warnings `knot_care::clinic` gives for each, and the history per trigger
//! point. Built from the app's records; rendered by `templates/clinic_visit.html`.

use std::collections::BTreeMap;

use chrono::FixedOffset;
use knot_atlas::Atlas;
use knot_care::clinic as care;
use knot_care::safety::Permission;
use knot_finder::Candidate;
use knot_record::clinic::{Finding, NewFinding, PainMark, Treatment};
use knot_record::{Screening, Side};

use super::super::capitalized;
use super::super::find::LEVELS;
use super::super::signed_in::local_time;
use crate::reference::Reference;

/// One option of a select.
#[derive(Debug, Clone)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// An optgroup.
#[derive(Debug, Clone)]
pub(super) struct ChoiceGroup {
    pub label: String,
    pub options: Vec<Choice>,
}

fn choice(value: &str, label: impl Into<String>, current: &str) -> Choice {
    Choice {
        value: value.to_string(),
        label: label.into(),
        selected: value == current,
    }
}

/// How a trigger point id reads: "Upper trapezius: mid-fibres at the top of the shoulder".
pub(super) fn point_name(atlas: &Atlas, id: &str) -> String {
    let Some(tp) = atlas.trigger_points().iter().find(|tp| tp.id == id) else {
        return id.to_string();
    };
    let muscle = atlas
        .muscle(&tp.muscle_id)
        .map_or(tp.muscle_id.as_str(), |m| m.name.as_str());
    format!("{muscle}: {}", tp.label)
}

/// The trigger point select: the finder's candidates first, then every point of the atlas
/// grouped by muscle (each side-less id once; the side is its own field).
pub(super) fn point_groups(
    atlas: &Atlas,
    candidates: &[CandidateRow],
    current: &str,
) -> Vec<ChoiceGroup> {
    let mut groups = Vec::new();
    if !candidates.is_empty() {
        groups.push(ChoiceGroup {
            label: "Candidates to palpate first".into(),
            options: candidates
                .iter()
                .map(|c| choice(&c.trigger_point, format!("{} ({})", c.name, c.side), ""))
                .collect(),
        });
    }
    for muscle in atlas.muscles() {
        let mut seen = Vec::new();
        let options: Vec<Choice> = atlas
            .trigger_points()
            .iter()
            .filter(|tp| tp.muscle_id == muscle.id)
            .filter(|tp| {
                let first = !seen.contains(&tp.id);
                seen.push(tp.id.clone());
                first
            })
            .map(|tp| choice(&tp.id, capitalized(&tp.label), current))
            .collect();
        if !options.is_empty() {
            groups.push(ChoiceGroup {
                label: muscle.name.clone(),
                options,
            });
        }
    }
    groups
}

/// Left and right, and the midline for points that lie on it.
pub(super) fn sides(current: &str) -> Vec<Choice> {
    [Side::Left, Side::Right, Side::Midline]
        .iter()
        .map(|side| choice(side.word(), capitalized(side.word()), current))
        .collect()
}

/// The techniques `knot_care::clinic` accepts: the atlas vocabulary's and the table's own.
pub(super) fn techniques(atlas: &Atlas, current: &str) -> Vec<Choice> {
    let mut all: Vec<Choice> = atlas
        .vocabulary()
        .techniques
        .iter()
        .map(|t| choice(&t.id, capitalized(&t.name), current))
        .collect();
    all.extend(
        care::CLINIC_TECHNIQUES
            .iter()
            .map(|id| choice(id, capitalized(&id.replace('-', " ")), current)),
    );
    all
}

/// The tools `knot_care::clinic` accepts.
pub(super) fn tools(atlas: &Atlas, current: &str) -> Vec<Choice> {
    let mut all: Vec<Choice> = atlas
        .vocabulary()
        .tools
        .iter()
        .map(|t| choice(&t.id, capitalized(&t.name), current))
        .collect();
    all.extend(
        care::CLINIC_TOOLS
            .iter()
            .map(|id| choice(id, capitalized(id), current)),
    );
    all
}

/// The movements of the diary's catalogue (a movement outside it is typed in the other box).
pub(super) fn movements(current: &str) -> Vec<Choice> {
    knot_care::measures::movements()
        .iter()
        .map(|m| {
            choice(
                &m.id,
                format!("{} ({})", movement_name(&m.name), m.unit.word()),
                current,
            )
        })
        .collect()
}

/// A catalogue movement's name without its side placeholder (the side is its own field).
pub(super) fn movement_name(name: &str) -> String {
    capitalized(&name.replace("{side}", "side"))
}

/// Every region of the body chart, for the referral select and the drawing without script.
pub(super) fn regions(reference: &Reference, current: &[String]) -> Vec<Choice> {
    reference
        .scheme
        .regions()
        .iter()
        .map(|r| Choice {
            value: r.id.clone(),
            label: capitalized(reference.region_name(&r.id)),
            selected: current.contains(&r.id),
        })
        .collect()
}

/// The drawing's regions for the select used without script: each marked one keeps its level.
pub(super) fn drawing_choices(reference: &Reference, levels: &BTreeMap<String, u8>) -> Vec<Choice> {
    reference
        .scheme
        .regions()
        .iter()
        .map(|r| {
            let level = levels.get(&r.id).copied();
            Choice {
                value: format!("{}:{}", r.id, level.unwrap_or(2)),
                label: capitalized(reference.region_name(&r.id)),
                selected: level.is_some(),
            }
        })
        .collect()
}

/// The chart level (1–3) of a stored intensity (0–10): the nearest of mild 3, moderate 6,
/// strong 9.
pub(super) fn level_of(intensity: u8) -> u8 {
    match intensity {
        0..=4 => 1,
        5..=7 => 2,
        _ => 3,
    }
}

/// The intensity a chart level stands for.
pub(super) fn intensity_of(level: u8) -> u8 {
    LEVELS
        .iter()
        .find(|(n, _, _)| *n == level)
        .map_or(6, |(_, _, i)| *i as u8)
}

/// One region of a drawing as listed.
#[derive(Debug, Clone)]
pub(super) struct MarkView {
    pub name: String,
    pub intensity: u8,
}

pub(super) fn marks(reference: &Reference, drawing: &[PainMark]) -> Vec<MarkView> {
    drawing
        .iter()
        .map(|m| MarkView {
            name: capitalized(reference.region_name(&m.region)),
            intensity: m.intensity,
        })
        .collect()
}

/// One of the finder's candidates.
#[derive(Debug, Clone)]
pub(super) struct CandidateRow {
    pub trigger_point: String,
    pub name: String,
    pub side: &'static str,
    /// The side to preselect in the findings form ("" for either side).
    pub side_value: &'static str,
    pub score: String,
    pub explains: String,
    pub press_here: String,
}

pub(super) fn candidate(reference: &Reference, c: &Candidate) -> CandidateRow {
    let press_here = reference
        .atlas
        .trigger_points()
        .iter()
        .find(|tp| tp.id == c.trigger_point)
        .map(|tp| tp.press_here.clone())
        .unwrap_or_default();
    let side_value = match c.side.word() {
        "either" => "",
        word => word,
    };
    CandidateRow {
        trigger_point: c.trigger_point.to_string(),
        name: format!("{}: {}", c.muscle, c.label),
        side: c.side.words(),
        side_value,
        score: format!("{:.0}%", c.score * 100.0),
        explains: reference.region_names(&c.explains).join(", "),
        press_here,
    }
}

/// A safety warning as shown.
#[derive(Debug, Clone)]
pub(super) struct WarningView {
    /// `blocked`, `softened` or `warned`, for the badge.
    pub level: &'static str,
    pub message: String,
}

fn warnings(found: Vec<care::Warning>) -> Vec<WarningView> {
    found
        .into_iter()
        .map(|w| WarningView {
            level: match w.level {
                Permission::Blocked => "blocked",
                Permission::Softened => "softened",
                _ => "warned",
            },
            message: w.message,
        })
        .collect()
}

/// A charted finding.
#[derive(Debug, Clone)]
pub(super) struct FindingRow {
    pub id: i64,
    pub point: String,
    pub side: &'static str,
    pub signs: String,
    pub referral: String,
    pub ppt: String,
    pub note: String,
    pub warnings: Vec<WarningView>,
}

/// The signs found, in words: "tender, taut band, referral reproduced".
fn signs(f: &NewFinding) -> String {
    let signs: Vec<&str> = [
        (f.tender, "tender"),
        (f.taut_band, "taut band"),
        (f.referral_reproduced, "referral reproduced"),
        (f.twitch, "local twitch response"),
        (f.jump_sign, "jump sign"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, word)| *word)
    .collect();
    if signs.is_empty() {
        "nothing found".into()
    } else {
        signs.join(", ")
    }
}

pub(super) fn finding_row(
    reference: &Reference,
    screening: Option<&Screening>,
    stored: &Finding,
) -> FindingRow {
    let f = &stored.finding;
    let rules = knot_app::clinic::new_finding(f, stored.recorded_at);
    FindingRow {
        id: stored.id,
        point: point_name(reference.atlas, &f.trigger_point_id),
        side: f.side.word(),
        signs: signs(f),
        referral: reference.region_names(&f.referral_regions).join(", "),
        ppt: f.ppt_kpa.map(|k| format!("{k} kPa")).unwrap_or_default(),
        note: f.note.clone().unwrap_or_default(),
        warnings: warnings(care::finding_warnings(reference.atlas, screening, &rules)),
    }
}

/// A charted treatment.
#[derive(Debug, Clone)]
pub(super) struct TreatmentRow {
    pub id: i64,
    pub point: String,
    pub side: &'static str,
    pub technique: String,
    pub tool: String,
    pub discomfort: u8,
    pub hold: u32,
    pub passes: u32,
    pub response: String,
    pub warnings: Vec<WarningView>,
}

/// A vocabulary id's readable name (the id for the table's own words).
fn named(atlas: &Atlas, id: &str) -> String {
    atlas
        .vocabulary()
        .name(id)
        .map_or_else(|| id.replace('-', " "), |n| n.name.clone())
}

pub(super) fn treatment_row(
    reference: &Reference,
    screening: Option<&Screening>,
    stored: &Treatment,
) -> TreatmentRow {
    let t = &stored.treatment;
    let rules = knot_app::clinic::new_treatment(t, stored.recorded_at);
    TreatmentRow {
        id: stored.id,
        point: point_name(reference.atlas, &t.trigger_point_id),
        side: t.side.word(),
        technique: named(reference.atlas, &t.technique),
        tool: named(reference.atlas, &t.tool),
        discomfort: t.discomfort,
        hold: t.hold_seconds,
        passes: t.passes,
        response: t.response.clone(),
        warnings: warnings(care::treatment_warnings(reference.atlas, screening, &rules)),
    }
}

/// One trigger point and side across the client's visits.
#[derive(Debug, Clone)]
pub(super) struct HistoryRow {
    pub point: String,
    pub side: &'static str,
    pub visits: Vec<HistoryVisit>,
}

#[derive(Debug, Clone)]
pub(super) struct HistoryVisit {
    pub date: String,
    pub this_visit: bool,
    pub found: String,
    pub treated: String,
}

pub(super) fn history(
    reference: &Reference,
    points: &[knot_app::clinic::PointHistory],
    this_visit: i64,
    offset: FixedOffset,
) -> Vec<HistoryRow> {
    points
        .iter()
        .map(|p| HistoryRow {
            point: point_name(reference.atlas, &p.trigger_point_id),
            side: p.side.word(),
            visits: p
                .visits
                .iter()
                .map(|v| HistoryVisit {
                    date: local_time(v.started_at, offset),
                    this_visit: v.visit_id == this_visit,
                    found: v.findings.iter().map(signs).collect::<Vec<_>>().join("; "),
                    treated: v
                        .treatments
                        .iter()
                        .map(|t| {
                            let response = if t.response.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", t.response)
                            };
                            format!(
                                "{}, discomfort {}/10{response}",
                                named(reference.atlas, &t.technique),
                                t.discomfort
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_intensities_round_trip() {
        for level in 1..=3 {
            assert_eq!(level_of(intensity_of(level)), level);
        }
        assert_eq!(level_of(0), 1);
        assert_eq!(level_of(10), 3);
    }
}
