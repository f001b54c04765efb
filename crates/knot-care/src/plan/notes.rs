//! The notes of a plan: what was left out and why, the safety warnings (each said once, naming
//! the points it concerns unless it concerns them all), what the cap changed, and how to do the
//! routine.

use knot_atlas::{Muscle, TriggerPoint};
use knot_record::{PlanItem, Side};

use super::fit::Fitted;

/// Said for a point where firm pressure is not allowed.
pub(crate) const LIGHT_ONLY: &str =
    "Use only light, broad pressure here (a flat hand or the pads of the fingers), never a firm \
     point of pressure.";

/// Said where the atlas's tool was swapped for a light one.
pub(crate) fn tool_swapped(firm: &str, light: &str) -> String {
    fn name(id: &str) -> &str {
        match id {
            "ball-wall" => "a massage ball against a wall (you control the lean)",
            "fingers" => "the fingertips, supported by the other hand",
            "ball-floor" => "a ball on the floor",
            "foam-roller" => "a foam roller",
            "hook-tool" => "a hook-shaped tool",
            "elbow" => "the elbow",
            other => other,
        }
    }
    format!(
        "Use {} instead of {}: firm pressure is off here.",
        name(light),
        name(firm)
    )
}

/// A readable name for a point: "Upper trapezius (upper-trapezius-1, right)".
pub(crate) fn label(muscle: &Muscle, tp: &TriggerPoint) -> String {
    format!("{} ({}, {})", muscle.name, tp.id, tp.side)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    LeftOut,
    Warning,
    Plain,
}

/// Notes gathered while building a plan, each message once with the points it concerns.
#[derive(Debug, Default)]
pub(crate) struct NoteBook {
    entries: Vec<(Kind, String, Vec<String>)>,
}

impl NoteBook {
    pub(crate) fn add(&mut self, label: &str, message: &str) {
        self.push(Kind::Warning, label, message.trim());
    }

    pub(crate) fn add_all(&mut self, label: &str, messages: &[String]) {
        for message in messages {
            self.add(label, message);
        }
    }

    pub(crate) fn left_out_not_self_treatable(&mut self, label: &str, reason: &str) {
        let reason = reason.trim();
        let message = if reason.is_empty() {
            "the atlas does not advise treating this muscle yourself; a massage therapist or \
             physician can assess and treat it."
                .to_string()
        } else {
            format!(
                "the atlas does not advise treating this muscle yourself ({reason}); a massage \
                 therapist or physician can assess and treat it."
            )
        };
        self.push(Kind::LeftOut, label, &message);
    }

    /// A point the atlas leaves to a therapist on a muscle that is otherwise self-treatable.
    pub(crate) fn left_out_therapist_only(&mut self, label: &str) {
        self.push(
            Kind::LeftOut,
            label,
            "therapist only: this knot lies where self-treatment is not safe (see its atlas \
             page); a massage therapist or physician can treat it.",
        );
    }

    /// Points beyond the per-sitting limit.
    pub(crate) fn over_sitting_limit(&mut self, labels: &[String], limit: usize) {
        if labels.is_empty() {
            return;
        }
        let message = format!(
            "Left out to keep each sitting to at most {limit} points: {}. They come last in \
             treatment order; add them once the first points improve.",
            labels.join("; ")
        );
        self.push(Kind::Plain, "", &message);
    }

    pub(crate) fn left_out_blocked(&mut self, label: &str, messages: &[String]) {
        let message = if messages.is_empty() {
            "the safety check advises against treating it.".to_string()
        } else {
            messages.join(" ")
        };
        self.push(Kind::LeftOut, label, &message);
    }

    /// What keeping to the cap changed.
    pub(crate) fn cap_notes<T>(&mut self, fitted: &Fitted<T>, base_times: u32, cap: u32)
    where
        T: Labelled,
    {
        let minutes = cap / 60;
        if fitted.times_per_day < base_times {
            let message = format!(
                "Each point is treated {} a day rather than {base_times} times, to keep pressure \
                 time within the daily cap of {minutes} minutes.",
                times(fitted.times_per_day)
            );
            self.push(Kind::Plain, "", &message);
        }
        if !fitted.dropped.is_empty() {
            let dropped: Vec<&str> = fitted.dropped.iter().map(Labelled::label).collect();
            let message = format!(
                "Left out to stay within the daily cap of {minutes} minutes of pressure: {}. \
                 They come last in treatment order (likely satellites, or furthest from the \
                 trunk) and often ease when the first points do; add them once those improve, \
                 or raise the cap.",
                dropped.join("; ")
            );
            self.push(Kind::Plain, "", &message);
        }
        if fitted.holds_trimmed {
            let message = format!(
                "Fewer or shorter holds than the atlas gives, to stay within the daily cap of \
                 {minutes} minutes."
            );
            self.push(Kind::Plain, "", &message);
        }
    }

    /// The notes in order: left out, then warnings, then changes for the cap. A warning names
    /// its points unless it concerns every kept point; one that concerns no kept point is
    /// dropped.
    pub(crate) fn render(&self, kept: &[String]) -> Vec<String> {
        let mut notes = Vec::new();
        for wanted in [Kind::LeftOut, Kind::Warning, Kind::Plain] {
            for (kind, message, labels) in self.entries.iter().filter(|e| e.0 == wanted) {
                match kind {
                    Kind::LeftOut => {
                        notes.push(format!("Left out {}: {message}", labels.join("; ")))
                    }
                    Kind::Plain => notes.push(message.clone()),
                    Kind::Warning => {
                        let concerned: Vec<&String> =
                            labels.iter().filter(|l| kept.contains(l)).collect();
                        if concerned.is_empty() {
                            continue;
                        }
                        if concerned.len() == kept.len() {
                            notes.push(message.clone());
                        } else {
                            let names: Vec<&str> = concerned.iter().map(|s| s.as_str()).collect();
                            notes.push(format!("{}: {message}", names.join("; ")));
                        }
                    }
                }
            }
        }
        notes
    }

    fn push(&mut self, kind: Kind, label: &str, message: &str) {
        if message.is_empty() {
            return;
        }
        let entry = self
            .entries
            .iter_mut()
            .find(|(k, m, _)| *k == kind && m == message);
        match entry {
            Some((_, _, labels)) => {
                if !label.is_empty() && !labels.iter().any(|l| l == label) {
                    labels.push(label.to_string());
                }
            }
            None => {
                let labels = if label.is_empty() {
                    vec![]
                } else {
                    vec![label.to_string()]
                };
                self.entries.push((kind, message.to_string(), labels));
            }
        }
    }
}

/// Something with a point label (the elements the cap works on).
pub(crate) trait Labelled {
    fn label(&self) -> &str;
}

impl<M> Labelled for (String, M, PlanItem) {
    fn label(&self) -> &str {
        &self.0
    }
}

/// "once", "twice", "3 times".
fn times(count: u32) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// How to do the routine.
pub(crate) fn routine_notes(items: &[PlanItem], times_per_day: u32) -> Vec<String> {
    let mut notes = Vec::new();
    let side_of = |sitting: u32| {
        items
            .iter()
            .filter(|item| item.sitting == sitting)
            .map(|item| item.side)
            .find(|side| *side != Side::Midline)
    };
    if let (Some(first), Some(second)) = (side_of(1), side_of(2)) {
        if first != second {
            notes.push(format!(
                "One side at a time: odd sittings treat the {} side, even sittings the {} side.",
                first.word(),
                second.word()
            ));
        }
    }
    notes.push(format!(
        "Each point is treated {} a day; space the sittings a few hours apart and keep to the \
         order listed.",
        times(times_per_day)
    ));
    notes.push(
        "Press to a discomfort of about 5-7 out of 10 and ease off above that; stop at once on \
         any sharp, burning, electric or numb feeling, and never press where you feel a pulse."
            .to_string(),
    );
    notes.push(
        "Skip a point that is still sore from yesterday's treatment, and let it rest a day; \
         soreness that lasts, or dark urine after treating many points, means doing much less."
            .to_string(),
    );
    notes.push(
        "Stretch each muscle gently after treating it, as its atlas page describes.".to_string(),
    );
    notes.push(
        "On the reassess date, record pain, pressure thresholds and range of motion again and \
         compare them with your first entries; if nothing has changed after a month, see a \
         physician or a massage therapist."
            .to_string(),
    );
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_for_every_kept_point_is_said_once_without_names() {
        let mut book = NoteBook::default();
        book.add("A", "Screen first.");
        book.add("B", "Screen first.");
        book.add("B", "Near the front of the neck.");
        let notes = book.render(&["A".to_string(), "B".to_string()]);
        assert_eq!(notes, ["Screen first.", "B: Near the front of the neck."]);
    }

    #[test]
    fn warnings_for_points_not_kept_are_dropped_and_left_out_points_named() {
        let mut book = NoteBook::default();
        book.add("C", "Only about C.");
        book.left_out_blocked("D", &["A wound over it.".to_string()]);
        let notes = book.render(&["A".to_string()]);
        assert_eq!(notes, ["Left out D: A wound over it."]);
    }
}
