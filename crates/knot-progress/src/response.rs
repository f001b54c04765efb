//! Immediate response to treatment: pain before minus pain after a session, per trigger point
//! and per technique with its tool. Only sessions with both ratings count.
//!
//! This is the short-term effect a person feels at the end of a sitting; it says nothing about
//! the weeks-long trend (`pain`), and the person knows which technique they used, so it is a
//! guide to what suits them, not evidence that one technique works better.

use std::collections::BTreeMap;

use knot_record::SessionRecord;
use serde::Serialize;

use crate::names;
use crate::period::Period;
use crate::smoothing::mean;

/// The mean change in pain over a group of sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The group as stored: `upper-trapezius-1:right`, `pressure-release+thumb`.
    pub key: String,
    /// The group in words.
    pub label: String,
    /// Sessions with both a before and an after rating.
    pub n: usize,
    /// Mean of (pain before − pain after): positive means less pain after.
    pub mean_relief: f64,
    /// Sessions after which pain was lower.
    pub eased: usize,
    /// Sessions after which pain was higher.
    pub worsened: usize,
}

/// Immediate response, overall and grouped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseReport {
    pub overall: Option<Response>,
    /// Largest mean relief first.
    pub by_trigger_point: Vec<Response>,
    /// Largest mean relief first.
    pub by_technique: Vec<Response>,
}

#[derive(Default)]
struct Group {
    label: String,
    reliefs: Vec<f64>,
}

fn summarise(key: String, group: Group) -> Option<Response> {
    Some(Response {
        key,
        n: group.reliefs.len(),
        mean_relief: mean(group.reliefs.iter().copied())?,
        eased: group.reliefs.iter().filter(|r| **r > 0.0).count(),
        worsened: group.reliefs.iter().filter(|r| **r < 0.0).count(),
        label: group.label,
    })
}

fn ranked(groups: BTreeMap<String, Group>) -> Vec<Response> {
    let mut out: Vec<Response> = groups
        .into_iter()
        .filter_map(|(key, group)| summarise(key, group))
        .collect();
    out.sort_by(|a, b| {
        b.mean_relief
            .total_cmp(&a.mean_relief)
            .then(b.n.cmp(&a.n))
            .then(a.label.cmp(&b.label))
    });
    out
}

/// Analyses the sessions started inside the period.
pub fn analyse(sessions: &[SessionRecord], period: &Period) -> ResponseReport {
    let mut by_point: BTreeMap<String, Group> = BTreeMap::new();
    let mut by_technique: BTreeMap<String, Group> = BTreeMap::new();
    let mut all = Group {
        label: "All sessions".into(),
        reliefs: Vec::new(),
    };
    for record in sessions {
        let session = &record.session;
        if !period.contains(period.day_of(session.started_at)) {
            continue;
        }
        let (Some(before), Some(after)) = (session.pain_before, session.pain_after) else {
            continue;
        };
        let relief = f64::from(before) - f64::from(after);
        let point_key = format!("{}:{}", session.trigger_point_id, session.side.word());
        let point = by_point.entry(point_key).or_insert_with(|| Group {
            label: names::trigger_point(&session.trigger_point_id, session.side),
            reliefs: Vec::new(),
        });
        point.reliefs.push(relief);
        let technique_key = format!("{}+{}", session.technique, session.tool);
        let technique = by_technique.entry(technique_key).or_insert_with(|| Group {
            label: format!(
                "{} with {}",
                names::capitalised(&names::technique(&session.technique)),
                names::tool(&session.tool)
            ),
            reliefs: Vec::new(),
        });
        technique.reliefs.push(relief);
        all.reliefs.push(relief);
    }
    ResponseReport {
        overall: summarise("all".into(), all),
        by_trigger_point: ranked(by_point),
        by_technique: ranked(by_technique),
    }
}
