//! How `knot screen` shows a screening: the verdict and what to do, each finding with where it
//! applies and its source, and the widespread-pain result, wrapped to 80 columns; or the list
//! of questions for `--questions`.

use std::fmt::Write;

use chrono::{DateTime, Local, Utc};
use knot_body::Scheme;
use knot_care::screen::{Finding, RuleTable, ScreeningOutcome, Severity};

use crate::cmd::screen_ask::hint;

const WIDTH: usize = 80;

/// The outcome as a readable page, ending with `footer` (whether and where it was stored).
pub fn outcome_text(outcome: &ScreeningOutcome, taken_at: DateTime<Utc>, footer: &str) -> String {
    let mut out = String::new();
    let when = taken_at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
    let _ = writeln!(
        out,
        "Safety screening of {when} (rules {})\n",
        outcome.rules_version
    );
    let _ = writeln!(out, "{}", outcome.headline.to_uppercase());
    para(&mut out, "", &outcome.advice);
    if !outcome.findings.is_empty() {
        out.push_str("\nWhat your answers raised, most serious first:\n");
        for finding in &outcome.findings {
            finding_text(&mut out, finding);
        }
    }
    if !outcome.unanswered.is_empty() {
        para(
            &mut out,
            "\n",
            &format!(
                "Not answered: {}. Take the screening again to answer them.",
                outcome.unanswered.join(", ")
            ),
        );
    }
    out.push('\n');
    out.push_str("Widespread pain (2016 survey criteria):\n");
    para(&mut out, "  ", &outcome.fibromyalgia.summary);
    out.push('\n');
    para(
        &mut out,
        "",
        "Knot does not diagnose. If a symptom is severe or getting worse, call your local emergency number.",
    );
    para(&mut out, "", footer);
    out
}

fn finding_text(out: &mut String, finding: &Finding) {
    let label = match finding.severity {
        Severity::Stop => "STOP",
        Severity::Refer => "SEE A PHYSICIAN",
        Severity::Modify => "GENTLY",
        Severity::AvoidLocally => "KEEP OFF",
    };
    let mut title = finding.title.clone();
    if !finding.regions.is_empty() {
        title.push_str(": ");
        title.push_str(&region_names(&finding.regions));
    }
    para(out, &format!("\n  {label}: "), &title);
    para(out, "    ", &finding.message);
    para(out, "    Source: ", &finding.source);
}

/// Region names, comma-separated.
pub fn region_names(ids: &[String]) -> String {
    let scheme = Scheme::builtin();
    ids.iter()
        .map(|id| scheme.get(id).map_or(id.as_str(), |r| r.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The questions of the table with their ids and the answers they take.
pub fn questions_text(table: &RuleTable) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Screening questions (rules {}). Answer with --answer ID=VALUE, or an --answers file.",
        table.version()
    );
    for group in table.groups() {
        let _ = write!(out, "\n{}", group.title);
        match group.ask_when_wpi_at_least {
            Some(n) => {
                let _ = writeln!(out, " (asked when pain covers {n} or more body areas)");
            }
            None => out.push('\n'),
        }
        for question in table.questions().iter().filter(|q| q.group == group.id) {
            para(
                &mut out,
                &format!("  {:<28}", question.id),
                &format!("{} {}", question.text, hint(question)),
            );
        }
    }
    out.push_str("\nAlso: --pain-regions \"where it hurt in the past week\", --local \"a place to keep off\".\n");
    out
}

/// Appends `text` wrapped to the width, the first line after `label`, the rest indented to it.
/// A label starting with a newline puts a blank line first.
fn para(out: &mut String, label: &str, text: &str) {
    let (lead, label) = match label.strip_prefix('\n') {
        Some(rest) => ("\n", rest),
        None => ("", label),
    };
    out.push_str(lead);
    let indent = " ".repeat(label.chars().count().min(WIDTH / 2));
    let mut line = label.to_string();
    let mut fresh = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !fresh && line.chars().count() + 1 + len > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            fresh = true;
        }
        if !fresh {
            line.push(' ');
        }
        line.push_str(word);
        fresh = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_at_the_width_and_indent_under_the_label() {
        let mut out = String::new();
        para(&mut out, "    Source: ", &"word ".repeat(40));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[1].starts_with("            word"));
    }
}
