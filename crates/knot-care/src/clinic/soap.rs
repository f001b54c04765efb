//! A draft SOAP note from what the visit charted, for the therapist to edit before signing.
//!
//! S: the client's words, the pain drawing and the health-change answer. O: palpation findings
//! and range of motion. A: what the findings are consistent with, and the response to treatment.
//! P: the treatment given, home care and what to reassess. The wording is Knot's own and never a
//! diagnosis: a knot whose referral reproduced pain the client marked (or which lies where they
//! marked pain) is "consistent with an active trigger point", one that is tender or banded but
//! reproduced nothing they marked is "consistent with a latent trigger point" (Travell & Simons'
//! distinction: an active point causes the pain the person recognises). The same input always
//! gives the same text.

use knot_atlas::Atlas;
use serde::{Deserialize, Serialize};

use super::findings::Finding;
use super::point;
use super::review::HealthChange;
use super::rom::RangeOfMotion;
use super::treatment::TreatmentEntry;
use super::wording::{
    entry_label, join_and, motion, muscle_on_side, palpated, region_name, sentence, treated,
};
use crate::measures::movements;

/// A region the client marked, with its intensity 0–10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PainMark {
    pub region: String,
    pub intensity: u8,
}

/// What the visit charted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSummary {
    /// The client's complaint in their words.
    pub complaint: String,
    pub pain: Vec<PainMark>,
    pub health_change: HealthChange,
    pub findings: Vec<Finding>,
    pub range_of_motion: Vec<RangeOfMotion>,
    pub treatments: Vec<TreatmentEntry>,
    /// The response to treatment, overall.
    pub response: String,
    pub home_care: Vec<String>,
}

/// The four sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoapDraft {
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
}

/// Drafts the note. Entries that name no atlas point are written with their ids as given.
pub fn draft_soap(atlas: &Atlas, visit: &VisitSummary) -> SoapDraft {
    SoapDraft {
        subjective: subjective(visit),
        objective: objective(atlas, visit),
        assessment: assessment(atlas, visit),
        plan: plan(atlas, visit),
    }
}

fn subjective(visit: &VisitSummary) -> String {
    let mut lines = Vec::new();
    let complaint = visit.complaint.trim();
    if !complaint.is_empty() {
        lines.push(format!("Client reports: {}", sentence(complaint)));
    }
    let mut marks: Vec<&PainMark> = visit.pain.iter().collect();
    marks.sort_by(|a, b| b.intensity.cmp(&a.intensity).then(a.region.cmp(&b.region)));
    if marks.is_empty() {
        lines.push("No pain drawing recorded.".into());
    } else {
        let marked: Vec<String> = marks
            .iter()
            .map(|m| format!("{} {}/10", region_name(&m.region), m.intensity))
            .collect();
        lines.push(format!("Pain drawing: {}.", marked.join(", ")));
    }
    lines.push(match &visit.health_change {
        HealthChange::NoChange => "Health since last visit: no change reported.".into(),
        HealthChange::Changed { details } => format!(
            "Health since last visit: change reported: {}",
            sentence(details.trim())
        ),
    });
    lines.join("\n")
}

fn objective(atlas: &Atlas, visit: &VisitSummary) -> String {
    let mut lines = Vec::new();
    if visit.findings.is_empty() {
        lines.push("No palpation findings charted.".to_string());
    } else {
        lines.push("Palpation:".to_string());
        for f in &visit.findings {
            lines.push(format!(
                "- {}: {}",
                entry_label(atlas, &f.trigger_point, f.side),
                palpated(f)
            ));
        }
    }
    if !visit.range_of_motion.is_empty() {
        lines.push("Range of motion:".to_string());
        for r in &visit.range_of_motion {
            lines.push(format!("- {}", motion(r)));
        }
    }
    lines.join("\n")
}

fn assessment(atlas: &Atlas, visit: &VisitSummary) -> String {
    let marked: Vec<&str> = visit.pain.iter().map(|m| m.region.as_str()).collect();
    let mut active: Vec<String> = Vec::new();
    let mut latent: Vec<String> = Vec::new();
    let mut explained: Vec<&str> = Vec::new();
    for f in visit.findings.iter().filter(|f| f.tender || f.taut_band) {
        let tp = point::resolve(atlas, &f.trigger_point, f.side).ok();
        let here = tp.map(|tp| tp.location.as_str());
        let reproduced: Vec<&str> = f
            .referred_to
            .iter()
            .map(String::as_str)
            .chain(here)
            .filter(|r| marked.contains(r) && (f.referral_reproduced || Some(*r) == here))
            .collect();
        let name = muscle_on_side(atlas, tp, f);
        let list = if reproduced.is_empty() {
            &mut latent
        } else {
            &mut active
        };
        if !list.contains(&name) {
            list.push(name);
        }
        explained.extend(reproduced);
    }
    let mut lines = Vec::new();
    if !active.is_empty() {
        lines.push(format!(
            "Findings consistent with active trigger points in the {}, reproducing pain the client marked.",
            join_and(&active)
        ));
    }
    if !latent.is_empty() {
        lines.push(format!(
            "Findings consistent with latent trigger points in the {} (tender, without reproducing the client's pain).",
            join_and(&latent)
        ));
    }
    if active.is_empty() && latent.is_empty() {
        lines.push("No trigger point findings this visit.".into());
    }
    let mut unexplained: Vec<&str> = marked
        .into_iter()
        .filter(|r| !explained.contains(r))
        .collect();
    unexplained.sort_unstable();
    unexplained.dedup();
    if !unexplained.is_empty() {
        let names: Vec<String> = unexplained.iter().map(|r| region_name(r)).collect();
        lines.push(format!(
            "Pain marked at the {} was not reproduced by palpation this visit.",
            join_and(&names)
        ));
    }
    let painful: Vec<String> = visit
        .range_of_motion
        .iter()
        .filter(|r| r.painful)
        .map(|r| {
            let known = movements().iter().find(|m| m.id == r.movement);
            known.map_or(r.movement.clone(), |m| m.name.clone())
        })
        .collect();
    if !painful.is_empty() {
        lines.push(format!("Painful movement: {}.", join_and(&painful)));
    }
    let response = visit.response.trim();
    if !response.is_empty() {
        lines.push(format!("Response to treatment: {}", sentence(response)));
    }
    lines.join("\n")
}

fn plan(atlas: &Atlas, visit: &VisitSummary) -> String {
    let mut lines = Vec::new();
    if visit.treatments.is_empty() {
        lines.push("No hands-on treatment given.".to_string());
    } else {
        lines.push("Treatment given:".to_string());
        for t in &visit.treatments {
            lines.push(format!(
                "- {}: {}",
                entry_label(atlas, &t.trigger_point, t.side),
                treated(atlas, t)
            ));
        }
    }
    let advice: Vec<&str> = visit
        .home_care
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !advice.is_empty() {
        lines.push("Home care:".to_string());
        lines.extend(advice.iter().map(|a| format!("- {}", sentence(a))));
    }
    lines.push("Reassess tenderness, referral and range of motion at the next visit.".into());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinic::findings::tests::finding;
    use crate::clinic::point::ChartSide;
    use crate::clinic::treatment::tests::entry;

    fn visit() -> VisitSummary {
        let mut latent = finding("infraspinatus-upper", ChartSide::Left);
        latent.referral_reproduced = false;
        latent.referred_to.clear();
        latent.pressure_threshold_kpa = None;
        VisitSummary {
            complaint: "Headache at the right temple most afternoons".into(),
            pain: vec![
                PainMark {
                    region: "right-side-of-neck".into(),
                    intensity: 4,
                },
                PainMark {
                    region: "right-temple".into(),
                    intensity: 6,
                },
                PainMark {
                    region: "right-calf".into(),
                    intensity: 4,
                },
            ],
            health_change: HealthChange::Changed {
                details: "new desk job".into(),
            },
            findings: vec![finding("upper-trapezius-1", ChartSide::Right), latent],
            range_of_motion: vec![RangeOfMotion {
                movement: "cervical-rotation-left".into(),
                degrees: 60.0,
                side: Some(ChartSide::Left),
                painful: true,
            }],
            treatments: vec![entry("sustained-compression", Some(60))],
            response: "Headache eased from 6 to 3 by the end".into(),
            home_care: vec![
                "Ball against a wall, upper trapezius, twice a day".into(),
                " ".into(),
            ],
        }
    }

    #[test]
    fn a_full_visit_drafts_the_same_note_every_time() {
        let draft = draft_soap(Atlas::builtin(), &visit());
        assert_eq!(draft, draft_soap(Atlas::builtin(), &visit()));
        insta::assert_snapshot!(format!(
            "S\n{}\n\nO\n{}\n\nA\n{}\n\nP\n{}",
            draft.subjective, draft.objective, draft.assessment, draft.plan
        ));
    }

    #[test]
    fn the_draft_never_diagnoses() {
        let draft = draft_soap(Atlas::builtin(), &visit());
        for text in [
            &draft.subjective,
            &draft.objective,
            &draft.assessment,
            &draft.plan,
        ] {
            assert!(!text.to_lowercase().contains("diagnos"), "{text}");
        }
        assert!(draft
            .assessment
            .contains("consistent with active trigger points in the right upper trapezius"));
    }

    #[test]
    fn a_point_that_reproduces_nothing_the_client_marked_is_latent_not_active() {
        let mut v = visit();
        v.pain = vec![PainMark {
            region: "left-calf".into(),
            intensity: 5,
        }];
        let a = draft_soap(Atlas::builtin(), &v).assessment;
        assert!(!a.contains("active"), "{a}");
        assert!(
            a.contains("latent trigger points in the right upper trapezius and left infraspinatus"),
            "{a}"
        );
        assert!(a.contains("left calf was not reproduced"), "{a}");
    }

    #[test]
    fn pain_is_listed_worst_first_with_ties_in_a_fixed_order() {
        let mut shuffled = visit();
        shuffled.pain.reverse();
        let s = draft_soap(Atlas::builtin(), &shuffled).subjective;
        assert_eq!(s, draft_soap(Atlas::builtin(), &visit()).subjective);
        let temple = s.find("right temple").unwrap();
        assert!(temple < s.find("right calf").unwrap(), "{s}");
    }

    #[test]
    fn an_empty_visit_still_says_what_was_not_done() {
        let v = VisitSummary {
            complaint: String::new(),
            pain: vec![],
            health_change: HealthChange::NoChange,
            findings: vec![],
            range_of_motion: vec![],
            treatments: vec![],
            response: String::new(),
            home_care: vec![],
        };
        let draft = draft_soap(Atlas::builtin(), &v);
        assert!(
            draft.subjective.contains("No pain drawing") && draft.subjective.contains("no change")
        );
        assert_eq!(draft.objective, "No palpation findings charted.");
        assert_eq!(draft.assessment, "No trigger point findings this visit.");
        assert!(draft.plan.starts_with("No hands-on treatment given."));
    }
}
