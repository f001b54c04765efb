//! The human output of `knot find`: a short ranked table with reasons, for an 80-column
//! terminal.

use std::fmt::Write;

use knot_body::Scheme;
use knot_finder::FindResult;

/// Shown candidates in the table (the JSON has more).
const SHOWN: usize = 6;

pub fn render(result: &FindResult, terms: &[String]) -> String {
    let scheme = Scheme::builtin();
    let name = |id: &str| {
        scheme
            .get(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let names = |ids: &[&str]| ids.iter().map(|id| name(id)).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    for flag in &result.red_flags {
        if let Some(rule) = &flag.rule {
            let _ = writeln!(out, "Warning: {}", wrap(&rule.title, 9));
            let _ = writeln!(out, "  {}", wrap(&rule.message, 2));
            let _ = writeln!(
                out,
                "  Take the safety screening (`knot screen`) before you treat.\n"
            );
        }
    }
    let _ = writeln!(out, "Marked: {}", wrap(&names(&result.regions), 8));
    if !result.unmatched.is_empty() {
        let _ = writeln!(out, "Not understood: {}", result.unmatched.join(", "));
    }
    for term in result.terms.iter().filter(|t| t.reading.is_some()) {
        let reading = term.reading.as_deref().unwrap_or_default();
        let _ = writeln!(out, "{:?}: {}", term.term, wrap(reading, 4));
        if let Some(source) = &term.source {
            let _ = writeln!(out, "    source: {}", wrap(source, 12));
        }
    }
    if result.candidates.is_empty() && result.regions.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing to rank: say where it hurts most, e.g. `knot find \"right temple\"`.{}",
            if result
                .terms
                .iter()
                .any(|t| t.outcome == knot_finder::TermOutcome::Widespread)
            {
                " `knot screen` asks the fibromyalgia survey questions."
            } else {
                ""
            }
        );
        return out;
    }
    let _ = writeln!(
        out,
        "\n #  LIKELY SOURCE                            SIDE         CHANCE"
    );
    for c in result.candidates.iter().take(SHOWN) {
        let title = format!("{} — {}", c.muscle, c.label);
        let title: String = if title.chars().count() > 40 {
            title.chars().take(39).collect::<String>() + "…"
        } else {
            title
        };
        let _ = writeln!(
            out,
            "{:>2}  {:<40} {:<11} {:>5.0}%",
            c.rank,
            title,
            c.side.words(),
            c.score * 100.0
        );
        if !c.explains.is_empty() {
            let _ = writeln!(out, "    explains: {}", wrap(&names(&c.explains), 14));
        }
        if !c.near.is_empty() {
            let _ = writeln!(out, "    near: {}", wrap(&names(&c.near), 10));
        }
        if !c.misses.is_empty() {
            let _ = writeln!(out, "    usually also: {}", wrap(&names(&c.misses), 18));
        }
    }
    if !result.combinations.is_empty() {
        let _ = writeln!(out, "\nTogether:");
        for combo in &result.combinations {
            let line = format!(
                "{} ({:.0}%)",
                combo.muscles.join(" + "),
                combo.score * 100.0
            );
            let _ = writeln!(out, "  {}", wrap(&line, 2));
        }
    }
    if !result.questions.is_empty() {
        let _ = writeln!(out, "\nQuestions that would settle it:");
        for q in &result.questions {
            let _ = writeln!(out, "  {}", wrap(&q.text, 2));
            let _ = writeln!(out, "    [{}]", q.id);
        }
        let example = result
            .questions
            .first()
            .map_or(String::new(), |q| q.id.clone());
        let quoted: Vec<String> = terms.iter().map(|t| format!("{t:?}")).collect();
        let _ = writeln!(
            out,
            "  Answer with: {}",
            wrap(
                &format!("knot find {} --answer {example}=yes", quoted.join(" ")),
                15
            )
        );
    }
    let _ = writeln!(
        out,
        "\nKnot suggests likely sources of pain and why; it does not diagnose. Press to\nconfirm, and see a clinician for severe, new or unexplained pain."
    );
    out
}

/// Wraps text to 80 columns, indenting continuation lines.
fn wrap(text: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut column = indent;
    for word in text.split(' ') {
        let len = word.chars().count();
        if column + len + 1 > 80 && column > indent {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else if !out.is_empty() {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out
}
