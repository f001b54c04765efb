//! The readable terminal page of one muscle for `knot show`, wrapped to 80 columns.

use std::fmt::Write;

use knot_atlas::{Atlas, Muscle, TriggerPoint};
use knot_body::Scheme;

use super::wrap::para;

/// The whole page as text.
pub fn render(atlas: &Atlas, muscle: &Muscle, points: &[&TriggerPoint]) -> String {
    let mut out = String::new();
    let scheme = Scheme::builtin();
    let names = |ids: &[String]| -> String {
        let named: Vec<&str> = ids
            .iter()
            .filter_map(|id| scheme.get(id))
            .map(|r| r.name.as_str())
            .collect();
        if named.is_empty() {
            "—".to_string()
        } else {
            named.join(", ")
        }
    };
    let _ = writeln!(out, "{}", muscle.name.to_uppercase());
    if !muscle.synonyms.is_empty() {
        para(
            &mut out,
            "",
            &format!("also: {}", muscle.synonyms.join(", ")),
        );
    }
    para(&mut out, "", &muscle.summary);
    for (n, tp) in points.iter().enumerate() {
        let heading = format!("{} ({}, {})", tp.label, tp.side, tp.prevalence.word());
        para(&mut out, &format!("\nTRIGGER POINT {} — ", n + 1), &heading);
        para(
            &mut out,
            "  where:      ",
            &names(std::slice::from_ref(&tp.location)),
        );
        para(&mut out, "  press:      ", &tp.press_here);
        para(&mut out, "  feel for:   ", &tp.palpation);
        para(&mut out, "  pain felt:  ", &names(&tp.essential));
        if !tp.spillover.is_empty() {
            para(&mut out, "  sometimes:  ", &names(&tp.spillover));
        }
        let questions: Vec<&str> = tp
            .symptoms
            .iter()
            .chain(&tp.aggravating)
            .filter_map(|id| atlas.vocabulary().question(id))
            .map(|q| q.question.as_str())
            .collect();
        if !questions.is_empty() {
            let side = tp.side.word();
            let asked: Vec<String> = questions
                .iter()
                .map(|q| q.replace("{side}", side))
                .collect();
            para(&mut out, "  check:      ", &asked.join(" "));
        }
        if !tp.perpetuating.is_empty() {
            para(&mut out, "  kept going: ", &tp.perpetuating.join("; "));
        }
        para(&mut out, "  source:     ", &tp.source);
    }
    let care = &muscle.self_care;
    let _ = writeln!(
        out,
        "\nSELF-CARE{}",
        if care.self_treat {
            ""
        } else {
            " — leave this one to a therapist"
        }
    );
    let vocab = atlas.vocabulary();
    let named = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| vocab.name(id).map_or(id.as_str(), |n| n.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    para(&mut out, "  technique:  ", &named(&care.technique));
    para(&mut out, "  tools:      ", &named(&care.tools));
    para(&mut out, "  position:   ", &care.position);
    para(&mut out, "  how:        ", &care.how);
    let strokes = if care.strokes > 0 {
        format!(", or {} short strokes", care.strokes)
    } else {
        String::new()
    };
    let dose = format!(
        "{} holds of about {} s per trigger point{strokes}; up to {} times a day. Aim for a \
         discomfort of 5-7 out of 10, never more.",
        care.holds, care.hold_seconds, care.sessions_per_day
    );
    para(&mut out, "  dose:       ", &dose);
    para(&mut out, "  stretch:    ", &care.stretch);
    let cautions = &muscle.cautions;
    let _ = writeln!(out, "\nCAUTIONS");
    if !cautions.endangerment.is_empty() {
        para(
            &mut out,
            "  no firm pressure on: ",
            &named(&cautions.endangerment),
        );
    }
    for line in &cautions.avoid_if {
        para(&mut out, "  not if:     ", line);
    }
    para(&mut out, "  stop if:    ", &cautions.stop_if.join("; "));
    if !cautions.notes.is_empty() {
        para(&mut out, "  note:       ", &cautions.notes);
    }
    para(&mut out, "\nsource: ", &muscle.source);
    para(&mut out, "\n", "Knot suggests likely sources of pain; it does not diagnose. See a clinician for pain that is severe, new, or comes with other symptoms.");
    out
}
