//! Loading the atlas: parse every data file, check it against the region scheme and the
//! vocabulary, and expand each trigger point into its left and right instances.
//!
//! Validation collects every problem rather than stopping at the first, so that a reviewer who
//! edits a file sees all that is wrong at once.

use std::collections::{BTreeSet, HashSet};

use knot_body::{Scheme, Side};

use crate::model::{AtlasFile, Muscle, TriggerPoint, TriggerPointSpec, Vocabulary};
use crate::{Atlas, AtlasError};

/// The embedded data files, with their names for error messages.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("vocabulary.toml", include_str!("../data/vocabulary.toml")),
    ("head.toml", include_str!("../data/head.toml")),
    ("neck.toml", include_str!("../data/neck.toml")),
    (
        "shoulder-arm.toml",
        include_str!("../data/shoulder-arm.toml"),
    ),
    (
        "forearm-hand.toml",
        include_str!("../data/forearm-hand.toml"),
    ),
    ("trunk.toml", include_str!("../data/trunk.toml")),
    ("hip-thigh.toml", include_str!("../data/hip-thigh.toml")),
    ("leg-foot.toml", include_str!("../data/leg-foot.toml")),
];

const OPPOSITE: &str = "opposite:";
/// The technique whose dose is counted in strokes.
const STROKING: &str = "short-deep-strokes";

/// Parses and validates the given files into an atlas over the scheme.
pub(crate) fn load(files: &[(&str, &str)], scheme: &Scheme) -> Result<Atlas, AtlasError> {
    let mut vocabulary = Vocabulary::default();
    let mut muscles = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        match toml::from_str::<AtlasFile>(text) {
            Ok(file) => {
                vocabulary.symptoms.extend(file.symptom);
                vocabulary.activities.extend(file.activity);
                vocabulary.techniques.extend(file.technique);
                vocabulary.tools.extend(file.tool);
                vocabulary.endangerment.extend(file.endangerment);
                muscles.extend(file.muscle);
            }
            Err(e) => problems.push(format!("{name}: {}", e.message())),
        }
    }
    check_vocabulary(&vocabulary, &mut problems);
    check_unique_muscles(&muscles, &mut problems);
    for muscle in &muscles {
        check_muscle(muscle, scheme, &vocabulary, &mut problems);
    }
    if !problems.is_empty() {
        return Err(AtlasError::Invalid(problems));
    }
    let trigger_points = muscles
        .iter()
        .flat_map(|m| m.trigger_points.iter().map(move |tp| (m, tp)))
        .flat_map(|(m, tp)| expand(m, tp, scheme))
        .collect();
    Ok(Atlas {
        muscles,
        trigger_points,
        vocabulary,
    })
}

fn check_vocabulary(vocabulary: &Vocabulary, problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    let questions = vocabulary
        .symptoms
        .iter()
        .chain(&vocabulary.activities)
        .map(|q| &q.id);
    let named = vocabulary
        .techniques
        .iter()
        .chain(&vocabulary.tools)
        .chain(&vocabulary.endangerment)
        .map(|n| &n.id);
    for id in questions.chain(named) {
        if !seen.insert(id) {
            problems.push(format!("vocabulary id `{id}` is defined twice"));
        }
    }
    for q in vocabulary.symptoms.iter().chain(&vocabulary.activities) {
        if q.screen.as_deref().is_some_and(|s| !is_slug(s)) {
            problems.push(format!(
                "vocabulary `{}`: screen must be a screening question id",
                q.id
            ));
        }
    }
}

fn check_unique_muscles(muscles: &[Muscle], problems: &mut Vec<String>) {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    let mut tp_ids = HashSet::new();
    for m in muscles {
        if !ids.insert(&m.id) {
            problems.push(format!("muscle id `{}` is used twice", m.id));
        }
        if !names.insert(m.name.to_lowercase()) {
            problems.push(format!("muscle name `{}` is used twice", m.name));
        }
        for tp in &m.trigger_points {
            if !tp_ids.insert(&tp.id) {
                problems.push(format!("trigger point id `{}` is used twice", tp.id));
            }
        }
    }
}

fn check_muscle(m: &Muscle, scheme: &Scheme, vocab: &Vocabulary, problems: &mut Vec<String>) {
    let mut problem = |what: String| problems.push(format!("muscle `{}`: {what}", m.id));
    if !is_slug(&m.id) {
        problem("id must be lowercase letters, digits and hyphens".into());
    }
    if m.source.trim().is_empty() {
        problem("has no source".into());
    }
    if !scheme.regions().iter().any(|r| r.part == m.part) {
        problem(format!("unknown body part `{}`", m.part));
    }
    if m.trigger_points.is_empty() {
        problem("has no trigger point".into());
    }
    let care = &m.self_care;
    // The dose of the compression literature and Davies (docs/atlas.md, "Dose").
    let in_range = [
        ("hold_seconds", care.hold_seconds, 10, 90),
        ("holds", care.holds, 1, 2),
        ("strokes", care.strokes, 0, 12),
        ("sessions_per_day", care.sessions_per_day, 1, 6),
    ];
    for (field, value, lo, hi) in in_range {
        if !(lo..=hi).contains(&value) {
            problem(format!("self_care.{field} = {value} is outside {lo}-{hi}"));
        }
    }
    let vocabulary_refs = care
        .technique
        .iter()
        .chain(&care.tools)
        .chain(&m.cautions.endangerment);
    for id in vocabulary_refs {
        if vocab.name(id).is_none() {
            problem(format!("unknown technique, tool or endangerment id `{id}`"));
        }
    }
    if care.technique.iter().any(|t| t == STROKING) && !(6..=12).contains(&care.strokes) {
        problem(format!(
            "self_care.strokes = {} is outside 6-12 (Davies: 6-12 strokes per point per sitting)",
            care.strokes
        ));
    }
    for id in &m.cautions.contraindicated_with {
        if !is_slug(id) {
            problem(format!(
                "cautions.contraindicated_with `{id}` is not a screening question id"
            ));
        }
    }
    for tp in &m.trigger_points {
        for site in &tp.at_endangerment {
            if !m.cautions.endangerment.contains(site) {
                problem(format!(
                    "trigger point `{}`: at_endangerment `{site}` is not in the muscle's \
                     cautions.endangerment; list it there too",
                    tp.id
                ));
            }
        }
        for p in check_trigger_point(tp, scheme, vocab) {
            problem(format!("trigger point `{}`: {p}", tp.id));
        }
    }
}

fn check_trigger_point(tp: &TriggerPointSpec, scheme: &Scheme, vocab: &Vocabulary) -> Vec<String> {
    let mut problems = Vec::new();
    for (field, text) in [
        ("press_here", &tp.press_here),
        ("palpation", &tp.palpation),
        ("source", &tp.source),
    ] {
        if text.trim().is_empty() {
            problems.push(format!("{field} is empty"));
        }
    }
    // The finder asks "Press firmly on <press_here> …".
    if tp.press_here.starts_with("on ") {
        problems.push(
            "press_here starts with \"on\"; write the place itself (the finder asks \"Press firmly on …\")"
                .into(),
        );
    }
    if tp.essential.is_empty() {
        problems.push("essential zone is empty".into());
    }
    if tp.location.starts_with(OPPOSITE) || scheme.sided(&tp.location, Side::Right).is_none() {
        problems.push(format!("location `{}` is not a region id", tp.location));
    }
    for zone in tp.essential.iter().chain(&tp.spillover) {
        let base = zone.strip_prefix(OPPOSITE).unwrap_or(zone);
        if scheme.sided(base, Side::Right).is_none() {
            problems.push(format!(
                "zone `{zone}` is not a region id (write it without a side)"
            ));
        }
        if zone.starts_with(OPPOSITE) && !tp.crosses_midline {
            problems.push(format!(
                "zone `{zone}` crosses the midline: set crosses_midline = true"
            ));
        }
    }
    let essential: BTreeSet<&String> = tp.essential.iter().collect();
    for zone in tp.spillover.iter().filter(|z| essential.contains(z)) {
        problems.push(format!(
            "`{zone}` is in both the essential and the spillover zone"
        ));
    }
    for site in &tp.at_endangerment {
        if !vocab.endangerment.iter().any(|e| &e.id == site) {
            let known: Vec<&str> = vocab.endangerment.iter().map(|e| e.id.as_str()).collect();
            problems.push(format!(
                "at_endangerment `{site}` is not an endangerment site (known: {})",
                known.join(", ")
            ));
        }
    }
    for id in tp.symptoms.iter().chain(&tp.aggravating) {
        if vocab.question(id).is_none() {
            problems.push(format!("unknown symptom or activity id `{id}`"));
        }
    }
    problems
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// One instance per side for a trigger point that touches any lateral region, else one on the
/// midline.
fn expand(m: &Muscle, tp: &TriggerPointSpec, scheme: &Scheme) -> Vec<TriggerPoint> {
    let lateral = std::iter::once(&tp.location)
        .chain(&tp.essential)
        .chain(&tp.spillover)
        .any(|z| scheme.is_lateral(z.strip_prefix(OPPOSITE).unwrap_or(z)));
    let sides: &[Side] = if lateral {
        &[Side::Right, Side::Left]
    } else {
        &[Side::Midline]
    };
    sides
        .iter()
        .map(|&side| TriggerPoint {
            id: tp.id.clone(),
            muscle_id: m.id.clone(),
            side,
            label: tp.label.clone(),
            location: region_id(scheme, &tp.location, side),
            essential: zone_ids(scheme, &tp.essential, side),
            spillover: zone_ids(scheme, &tp.spillover, side),
            crosses_midline: tp.crosses_midline,
            prevalence: tp.prevalence,
            press_here: tp.press_here.clone(),
            palpation: tp.palpation.clone(),
            symptoms: tp.symptoms.clone(),
            aggravating: tp.aggravating.clone(),
            perpetuating: tp.perpetuating.clone(),
            self_treat: tp.self_treat.unwrap_or(m.self_care.self_treat),
            at_endangerment: tp.at_endangerment.clone(),
            source: tp.source.clone(),
        })
        .collect()
}

/// Full region ids for zone references on a side, without repeats, in scheme order.
fn zone_ids(scheme: &Scheme, zones: &[String], side: Side) -> Vec<String> {
    let mut indices: Vec<usize> = zones
        .iter()
        .filter_map(|z| match z.strip_prefix(OPPOSITE) {
            Some(base) => scheme.sided(base, side.mirror()),
            None => scheme.sided(z, side),
        })
        .collect();
    indices.sort_unstable();
    indices.dedup();
    indices
        .into_iter()
        .map(|i| scheme.region(i).id.clone())
        .collect()
}

fn region_id(scheme: &Scheme, base: &str, side: Side) -> String {
    scheme
        .sided(base, side)
        .map(|i| scheme.region(i).id.clone())
        .unwrap_or_default()
}
