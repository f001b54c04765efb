//! Evaluation: a screening's answers run through the rule table. Each rule whose conditions
//! all hold becomes a finding; the widespread-pain criteria may add one more; the verdict is
//! the most serious finding. Stored answers are read leniently, so a screening from an older
//! table or another client is judged on what can be read, and the rest is listed as unanswered.

use std::collections::{BTreeSet, HashMap};

use knot_body::Scheme;
use knot_record::NewScreening;

use super::answers::{stored_answer, Answer};
use super::fibromyalgia::{assess, FibromyalgiaStatus};
use super::outcome::{Finding, ScreeningOutcome, Verdict};
use super::table::{region_ids, Condition, QuestionKind, Rule, Severity};
use super::RuleTable;

/// Evaluates `screening` against `table`.
pub(crate) fn evaluate(table: &RuleTable, screening: &NewScreening) -> ScreeningOutcome {
    let scheme = Scheme::builtin();
    let answers = read_stored(table, screening, scheme);
    let mut findings: Vec<Finding> = table
        .rules()
        .iter()
        .filter(|rule| rule.when.iter().all(|c| holds(c, &answers)))
        .map(|rule| finding(rule, &answers, scheme))
        .collect();
    attach_unclaimed_local(table, screening, scheme, &mut findings);
    let spec = table.fibromyalgia();
    let fibromyalgia = assess(spec, &screening.pain_regions, &answers);
    if fibromyalgia.status == FibromyalgiaStatus::Met {
        findings.push(Finding {
            rule_id: spec.rule_id.clone(),
            severity: spec.severity,
            title: spec.title.clone(),
            message: spec.message.clone(),
            source: spec.source.clone(),
            regions: Vec::new(),
            softening: Some(spec.soften),
            only_at: Vec::new(),
            block_at: Vec::new(),
        });
    }
    // Stable: table order is kept within a severity.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let verdict = Verdict::of(findings.iter().map(|f| f.severity).max());
    let text = table.verdict_text(verdict);
    ScreeningOutcome {
        rules_version: table.version().to_string(),
        verdict,
        headline: text.headline,
        advice: text.advice,
        findings,
        fibromyalgia,
        unanswered: unanswered(table, screening, &answers),
    }
}

/// The stored answers that can be read, by question id (the first answer wins).
fn read_stored<'a>(
    table: &'a RuleTable,
    screening: &NewScreening,
    scheme: &Scheme,
) -> HashMap<&'a str, Answer> {
    let mut answers = HashMap::new();
    for (id, raw) in &screening.answers {
        let Some(question) = table.question(id) else {
            continue;
        };
        if answers.contains_key(question.id.as_str()) {
            continue;
        }
        if let Some(answer) = stored_answer(question, raw, scheme) {
            answers.insert(question.id.as_str(), answer);
        }
    }
    answers
}

fn holds(condition: &Condition, answers: &HashMap<&str, Answer>) -> bool {
    match answers.get(condition.question.as_str()) {
        Some(Answer::YesNo(value)) => condition.is.as_deref() == Some("yes") && *value,
        Some(Answer::Number(n)) => {
            condition.above.is_some_and(|above| *n > above)
                || condition.below.is_some_and(|below| *n < below)
        }
        Some(Answer::Regions(ids)) => condition.any_region == Some(true) && !ids.is_empty(),
        None => false,
    }
}

fn finding(rule: &Rule, answers: &HashMap<&str, Answer>, scheme: &Scheme) -> Finding {
    let block_at = region_ids(scheme, &rule.block_at).0;
    let mut regions = if rule.severity == Severity::AvoidLocally {
        let mut ids: Vec<String> = Vec::new();
        for condition in &rule.when {
            if let Some(Answer::Regions(named)) = answers.get(condition.question.as_str()) {
                ids.extend(
                    named
                        .iter()
                        .filter(|id| !ids.contains(id))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
        }
        ids
    } else {
        Vec::new()
    };
    if rule.severity == Severity::AvoidLocally {
        // A fixed-region avoid-locally rule keeps off its regions like named ones.
        regions.extend(
            block_at
                .iter()
                .filter(|id| !regions.contains(id))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    Finding {
        rule_id: rule.id.clone(),
        severity: rule.severity,
        title: rule.title.clone(),
        message: rule.message.clone(),
        source: rule.source.clone(),
        regions,
        softening: rule.soften.as_ref().map(|s| s.softening()),
        only_at: rule
            .soften
            .as_ref()
            .map(|s| region_ids(scheme, &s.only_at).0)
            .unwrap_or_default(),
        block_at,
    }
}

/// Places in `local_regions` that no avoid-locally finding covers go to the catch-all rule, so
/// a region a client stored only there is still kept off.
fn attach_unclaimed_local(
    table: &RuleTable,
    screening: &NewScreening,
    scheme: &Scheme,
    findings: &mut Vec<Finding>,
) {
    let claimed: BTreeSet<&str> = findings
        .iter()
        .flat_map(|f| f.regions.iter().map(String::as_str))
        .collect();
    let unclaimed: Vec<String> = screening
        .local_regions
        .iter()
        .filter(|id| scheme.get(id).is_some() && !claimed.contains(id.as_str()))
        .cloned()
        .collect();
    if unclaimed.is_empty() {
        return;
    }
    let Some(rule) = table.rules().iter().find(|r| {
        r.severity == Severity::AvoidLocally
            && table.catch_all_question() == r.when.first().map(|c| c.question.as_str())
    }) else {
        return;
    };
    match findings.iter_mut().find(|f| f.rule_id == rule.id) {
        Some(existing) => existing.regions.extend(unclaimed),
        None => {
            let mut added = finding(rule, &HashMap::new(), scheme);
            added.regions = unclaimed;
            findings.push(added);
        }
    }
}

/// Questions that apply to this screening but have no usable answer. Regions questions count
/// as answered "none" when absent.
fn unanswered(
    table: &RuleTable,
    screening: &NewScreening,
    answers: &HashMap<&str, Answer>,
) -> Vec<String> {
    table
        .questions_to_ask(&screening.pain_regions)
        .into_iter()
        .filter(|q| q.kind != QuestionKind::Regions && !answers.contains_key(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect()
}
