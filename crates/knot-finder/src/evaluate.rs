//! Measuring the finder against a validation set of literature pain patterns, and against the
//! plain region-list lookup that today's charts and apps amount to.
//!
//! A case lists the muscles the literature gives for a pain pattern, the most characteristic
//! first. A ranking is judged at the muscle level (the best trigger point of each muscle
//! stands for it): is the characteristic muscle 1st, in the top 3, and what share of the listed
//! muscles is in the top 8.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::drawing::Drawing;
use crate::model::Finder;

/// One validation drawing.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Case {
    pub id: String,
    pub terms: Vec<String>,
    pub muscles: Vec<String>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub pair: bool,
}

/// The three figures for one ranking method over a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub cases: usize,
    pub first: usize,
    pub top3: usize,
    /// Listed muscles found in the top 8, and listed muscles in all.
    pub listed_in_top8: usize,
    pub listed: usize,
}

impl Figures {
    pub fn first_rate(&self) -> f64 {
        ratio(self.first, self.cases)
    }
    pub fn top3_rate(&self) -> f64 {
        ratio(self.top3, self.cases)
    }
    pub fn top8_share(&self) -> f64 {
        ratio(self.listed_in_top8, self.listed)
    }

    fn add(&mut self, ranked: &[String], case: &Case) {
        self.cases += 1;
        let position = |m: &String| ranked.iter().position(|r| r == m);
        if let Some(first) = case.muscles.first() {
            match position(first) {
                Some(0) => {
                    self.first += 1;
                    self.top3 += 1;
                }
                Some(p) if p < 3 => self.top3 += 1,
                _ => {}
            }
        }
        self.listed += case.muscles.len();
        self.listed_in_top8 += case
            .muscles
            .iter()
            .filter(|m| position(m).is_some_and(|p| p < 8))
            .count();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Muscle ids in ranked order, each once, from a finder ranking: a muscle's probability is the
/// sum of its trigger points' marginals (either side), since the priors are per muscle and a
/// muscle's trigger points share its prior.
pub fn knot_ranking(finder: &Finder, drawing: &Drawing) -> Vec<String> {
    let mut muscles: Vec<(usize, f64, usize)> = Vec::new();
    for (position, &(node, p)) in finder.rank(drawing).order.iter().enumerate() {
        let muscle = finder.nodes[node].muscle;
        match muscles.iter_mut().find(|(m, _, _)| *m == muscle) {
            Some(entry) => entry.1 += p,
            None => muscles.push((muscle, p, position)),
        }
    }
    muscles.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    let all = finder.atlas.muscles();
    muscles
        .into_iter()
        .map(|(m, _, _)| all[m].id.clone())
        .collect()
}

/// The plain region-list lookup: each trigger point scores the marked regions in its zones,
/// essential counted twice; ties keep atlas order.
pub fn lookup_ranking(finder: &Finder, drawing: &Drawing) -> Vec<String> {
    let scheme = finder.scheme;
    let mut scored: Vec<(usize, usize)> = finder
        .atlas
        .trigger_points()
        .iter()
        .enumerate()
        .map(|(i, tp)| {
            let marked = |id: &String| scheme.index_of(id).is_some_and(|r| drawing.is_marked(r));
            let count = 2 * tp.essential.iter().filter(|id| marked(id)).count()
                + tp.spillover.iter().filter(|id| marked(id)).count();
            (count, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let tps = finder.atlas.trigger_points();
    dedupe(scored.into_iter().map(|(_, i)| tps[i].muscle_id.clone()))
}

fn dedupe(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.filter(|id| seen.insert(id.clone())).collect()
}

/// Results of both methods over a validation set, and the cases Knot misses (top 3).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub knot: Figures,
    pub lookup: Figures,
    pub knot_misses: Vec<String>,
}

/// Evaluates both methods on every case.
pub fn evaluate(finder: &Finder, cases: &[Case]) -> Report {
    let mut report = Report::default();
    for case in cases {
        let drawing = Drawing::from_terms(&case.terms);
        let knot = knot_ranking(finder, &drawing);
        report.knot.add(&knot, case);
        report.lookup.add(&lookup_ranking(finder, &drawing), case);
        let first = case.muscles.first();
        if !knot.iter().take(3).any(|m| Some(m) == first) {
            let top: Vec<&str> = knot.iter().take(3).map(String::as_str).collect();
            report.knot_misses.push(format!(
                "{}: want {:?}, got {top:?}",
                case.id,
                first.map_or("", |s| s)
            ));
        }
    }
    report
}
