//! How `knot screen` shows a screening: the verdict and what to do, each finding with where it
//! applies and its source, and the widespread-pain result, wrapped to 80 columns; or the list
//! of questions for `--questions`.

use std::fmt::Write;

use chrono::{DateTime, Local, Utc};
use knot_body::Scheme;
use knot_care::screen::{Finding, RuleTable, ScreeningOutcome, Severity};

use crate::cmd::screen_ask::hint;
use crate::cmd::wrap::para;

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
