//! The words of one line of a SOAP draft: a palpation finding, a movement, a treatment entry, a
//! charted point or region, and the small joins between them.

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Scheme;

use super::findings::Finding;
use super::point::{self, ChartSide};
use super::rom::RangeOfMotion;
use super::treatment::TreatmentEntry;
use crate::measures::movements;

pub(super) fn palpated(f: &Finding) -> String {
    let referral = f.referral_reproduced.then(|| {
        let to: Vec<String> = f.referred_to.iter().map(|r| region_name(r)).collect();
        if to.is_empty() {
            "referral reproduced".to_string()
        } else {
            format!("referral reproduced to the {}", to.join(", "))
        }
    });
    let signs: Vec<String> = [
        f.tender.then(|| "tender".to_string()),
        f.taut_band.then(|| "taut band".to_string()),
        referral,
        f.local_twitch.then(|| "local twitch response".to_string()),
        f.jump_sign.then(|| "jump sign".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut text = if signs.is_empty() {
        "no tenderness, taut band or referral found".to_string()
    } else {
        signs.join(", ")
    };
    if let Some(kpa) = f.pressure_threshold_kpa {
        text.push_str(&format!("; pressure pain threshold {kpa:.0} kPa"));
    }
    let note = f.note.trim();
    if note.is_empty() {
        text.push('.');
    } else {
        text.push_str(&format!(". {}", sentence(note)));
    }
    text
}

pub(super) fn motion(r: &RangeOfMotion) -> String {
    let known = movements().iter().find(|m| m.id == r.movement);
    let name = known.map_or(r.movement.as_str(), |m| m.name.as_str());
    let unit = known.map_or("°", |m| m.unit.suffix());
    // A catalogue movement names its side in its id and name.
    let side = match (known, r.side) {
        (Some(_), _) | (None, None | Some(ChartSide::Midline)) => String::new(),
        (None, Some(side)) => format!(" ({})", side.as_str()),
    };
    let pain = if r.painful { ", painful" } else { "" };
    format!("{name}{side}: {}{unit}{pain}.", trim_number(r.degrees))
}

pub(super) fn treated(atlas: &Atlas, t: &TreatmentEntry) -> String {
    let vocabulary = atlas.vocabulary();
    let name = |id: &str| {
        vocabulary
            .name(id)
            .map_or_else(|| id.replace('-', " "), |n| n.name.clone())
    };
    let mut text = format!("{} with the {}", name(&t.technique), name(&t.tool));
    match (t.passes, t.hold_seconds) {
        (Some(p), Some(h)) => text.push_str(&format!(", {p} × {h} s")),
        (None, Some(h)) => text.push_str(&format!(", {h} s")),
        (Some(p), None) => text.push_str(&format!(", {p} passes")),
        (None, None) => {}
    }
    if let Some(d) = t.discomfort {
        text.push_str(&format!(", discomfort {d}/10"));
    }
    let response = t.response.trim();
    if response.is_empty() {
        text.push('.');
    } else {
        text.push_str(&format!("; {}", sentence(response)));
    }
    text
}

pub(super) fn entry_label(atlas: &Atlas, id: &str, side: ChartSide) -> String {
    point::resolve(atlas, id, side).map_or_else(
        |_| format!("{id} ({})", side.as_str()),
        |tp| point::label(atlas, tp),
    )
}

pub(super) fn muscle_on_side(atlas: &Atlas, tp: Option<&TriggerPoint>, f: &Finding) -> String {
    let Some(tp) = tp else {
        return format!("{} {}", f.side.as_str(), f.trigger_point);
    };
    let muscle = atlas
        .muscle(&tp.muscle_id)
        .map_or(tp.muscle_id.clone(), |m| m.name.to_lowercase());
    match tp.side {
        knot_body::Side::Midline => muscle,
        side => format!("{side} {muscle}"),
    }
}

pub(super) fn region_name(id: &str) -> String {
    Scheme::builtin()
        .get(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// Ends the text with a full stop unless it already ends a sentence.
pub(super) fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
