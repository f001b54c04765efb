//! Checks that a parsed rule table holds together: unique ids, every question a rule names
//! exists and fits the condition, every region id exists in the body scheme, every rule has a
//! source, `modify` rules say how they soften, and the fibromyalgia questions are the 2016
//! scales. Every problem is reported at once, each naming the entry it is about.

use std::collections::{BTreeSet, HashMap};

use knot_body::Scheme;

use super::table::{region_ids, Condition, Question, QuestionKind, Rule, Severity, TableFile};

/// Ids an answers file uses for the body map, so no question may take them.
pub const RESERVED_IDS: &[&str] = &["pain-regions", "local"];

const VERDICT_KEYS: &[&str] = &["clear", "avoid-locally", "modify", "refer", "stop"];

/// Every problem in the table, or nothing.
pub fn validate(file: &TableFile, scheme: &Scheme) -> Vec<String> {
    let mut problems = Vec::new();
    if file.version.trim().is_empty() {
        problems.push("`version` is empty: give the table a version".to_string());
    }
    check_verdicts(file, &mut problems);
    check_ids(file, &mut problems);
    let questions: HashMap<&str, &Question> =
        file.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let groups: BTreeSet<&str> = file.groups.iter().map(|g| g.id.as_str()).collect();
    for question in &file.questions {
        check_question(question, &groups, &mut problems);
    }
    for rule in &file.rules {
        check_rule(rule, &questions, scheme, &mut problems);
    }
    check_catch_all(file, &mut problems);
    check_fibromyalgia(file, &questions, &mut problems);
    check_every_question_used(file, &mut problems);
    problems
}

fn check_verdicts(file: &TableFile, problems: &mut Vec<String>) {
    for key in VERDICT_KEYS {
        match file.verdicts.get(*key) {
            None => problems.push(format!("[verdicts.{key}] is missing")),
            Some(v) if v.headline.trim().is_empty() || v.advice.trim().is_empty() => {
                problems.push(format!("[verdicts.{key}] needs a headline and advice"))
            }
            Some(_) => {}
        }
    }
    for key in file.verdicts.keys() {
        if !VERDICT_KEYS.contains(&key.as_str()) {
            problems.push(format!(
                "[verdicts.{key}] is not a verdict: use {}",
                VERDICT_KEYS.join(", ")
            ));
        }
    }
}

fn check_ids(file: &TableFile, problems: &mut Vec<String>) {
    let kinds: [(&str, Vec<&str>); 3] = [
        ("group", file.groups.iter().map(|g| g.id.as_str()).collect()),
        (
            "question",
            file.questions.iter().map(|q| q.id.as_str()).collect(),
        ),
        (
            "rule",
            file.rules
                .iter()
                .map(|r| r.id.as_str())
                .chain(std::iter::once(file.fibromyalgia.rule_id.as_str()))
                .collect(),
        ),
    ];
    for (kind, ids) in kinds {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !is_good_id(id) {
                problems.push(format!(
                    "{kind} `{id}`: use lowercase letters, digits and hyphens"
                ));
            }
            if !seen.insert(id) {
                problems.push(format!("{kind} `{id}` is defined twice"));
            }
        }
    }
}

fn is_good_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_question(question: &Question, groups: &BTreeSet<&str>, problems: &mut Vec<String>) {
    let id = &question.id;
    if RESERVED_IDS.contains(&id.as_str()) {
        problems.push(format!(
            "question `{id}`: the id is reserved for the body map"
        ));
    }
    if !groups.contains(question.group.as_str()) {
        problems.push(format!(
            "question `{id}` names unknown group `{}`",
            question.group
        ));
    }
    if question.text.trim().is_empty() {
        problems.push(format!("question `{id}` has no text"));
    }
    let numeric = question.min.is_some() || question.max.is_some() || question.unit.is_some();
    match question.kind {
        QuestionKind::Number => match (question.min, question.max) {
            (Some(min), Some(max)) if min <= max => {
                let span = usize::try_from(max - min + 1).unwrap_or(0);
                if !question.labels.is_empty() && question.labels.len() != span {
                    problems.push(format!(
                        "question `{id}` has {} labels for {span} values ({min}-{max})",
                        question.labels.len()
                    ));
                }
            }
            _ => problems.push(format!(
                "question `{id}` is a number: give `min` and `max` with min <= max"
            )),
        },
        _ if numeric || !question.labels.is_empty() => problems.push(format!(
            "question `{id}`: only number questions take min, max, unit or labels"
        )),
        _ => {}
    }
}

fn check_rule(
    rule: &Rule,
    questions: &HashMap<&str, &Question>,
    scheme: &Scheme,
    problems: &mut Vec<String>,
) {
    let id = &rule.id;
    for (field, value) in [
        ("title", &rule.title),
        ("message", &rule.message),
        ("source", &rule.source),
    ] {
        if value.trim().is_empty() {
            problems.push(format!("rule `{id}` has no {field}"));
        }
    }
    if rule.when.is_empty() {
        problems.push(format!("rule `{id}` has no conditions (`when`)"));
    }
    for condition in &rule.when {
        if let Some(problem) = check_condition(condition, questions) {
            problems.push(format!("rule `{id}`: {problem}"));
        }
    }
    let local = rule.when.iter().any(|c| c.any_region.is_some()) || !rule.block_at.is_empty();
    if rule.severity == Severity::AvoidLocally && !local {
        problems.push(format!(
            "rule `{id}` avoids locally, so it needs a regions question (`any_region = true`) or `block_at` to say where"
        ));
    }
    match (&rule.soften, rule.severity) {
        (None, Severity::Modify) => problems.push(format!(
            "rule `{id}` is `modify`: add [rule.soften] with hold_scale and firm_pressure"
        )),
        (Some(_), severity) if severity != Severity::Modify => problems.push(format!(
            "rule `{id}` is `{}`: only `modify` rules take [rule.soften]",
            severity.word()
        )),
        (Some(soften), _) => {
            if !(soften.hold_scale > 0.0 && soften.hold_scale <= 1.0) {
                problems.push(format!(
                    "rule `{id}`: hold_scale must be above 0 and at most 1"
                ));
            }
            for region in region_ids(scheme, &soften.only_at).1 {
                problems.push(format!(
                    "rule `{id}` names unknown region `{region}` in only_at (not in the region scheme)"
                ));
            }
        }
        (None, _) => {}
    }
    check_block_at(rule, scheme, problems);
}

/// `block_at` names regions, and only on a rule that does not already block everywhere.
fn check_block_at(rule: &Rule, scheme: &Scheme, problems: &mut Vec<String>) {
    let id = &rule.id;
    for region in region_ids(scheme, &rule.block_at).1 {
        problems.push(format!(
            "rule `{id}` names unknown region `{region}` in block_at (not a region id or template of the scheme)"
        ));
    }
    if !rule.block_at.is_empty() && rule.severity == Severity::Stop {
        problems.push(format!(
            "rule `{id}` is `stop`, which blocks everywhere: block_at is for refer, modify and avoid-locally rules"
        ));
    }
}

fn check_condition(condition: &Condition, questions: &HashMap<&str, &Question>) -> Option<String> {
    let Some(question) = questions.get(condition.question.as_str()) else {
        return Some(format!("unknown question `{}`", condition.question));
    };
    let tests = [
        condition.is.is_some(),
        condition.above.is_some(),
        condition.below.is_some(),
        condition.any_region.is_some(),
    ];
    if tests.iter().filter(|t| **t).count() != 1 {
        return Some(format!(
            "the condition on `{}` needs exactly one of is, above, below, any_region",
            question.id
        ));
    }
    match question.kind {
        QuestionKind::YesNo if condition.is.as_deref() == Some("yes") => None,
        QuestionKind::YesNo => Some(format!(
            "`{}` is a yes/no question: test it with is = \"yes\" (yes is always the answer that raises concern)",
            question.id
        )),
        QuestionKind::Number => {
            let threshold = condition.above.or(condition.below);
            let lowest = if condition.below.is_some() { 1 } else { 0 };
            match (threshold, question.min, question.max) {
                (Some(t), Some(min), Some(max)) if t >= min + lowest && t < max + lowest => None,
                _ => Some(format!(
                    "`{}` is a number question: test it with above (or below) = a value inside its min-max range",
                    question.id
                )),
            }
        }
        QuestionKind::Regions if condition.any_region == Some(true) => None,
        QuestionKind::Regions => Some(format!(
            "`{}` is a regions question: test it with any_region = true",
            question.id
        )),
    }
}

fn check_catch_all(file: &TableFile, problems: &mut Vec<String>) {
    let rule = file.rules.iter().find(|r| r.id == file.local_catch_all);
    match rule {
        Some(rule) if rule.severity == Severity::AvoidLocally && rule.when.len() == 1 => {}
        _ => problems.push(format!(
            "local_catch_all `{}` must name an avoid-locally rule with one regions condition",
            file.local_catch_all
        )),
    }
}

fn check_fibromyalgia(
    file: &TableFile,
    questions: &HashMap<&str, &Question>,
    problems: &mut Vec<String>,
) {
    let spec = &file.fibromyalgia;
    let scale = |id: &String| {
        questions
            .get(id.as_str())
            .is_some_and(|q| q.kind == QuestionKind::Number && q.min == Some(0) && q.max == Some(3))
    };
    let yes_no = |id: &String| {
        questions
            .get(id.as_str())
            .is_some_and(|q| q.kind == QuestionKind::YesNo)
    };
    if spec.severity_questions.len() != 3 || !spec.severity_questions.iter().all(scale) {
        problems.push(
            "fibromyalgia.severity_questions must name the three 0-3 number questions (fatigue, unrefreshed, thinking)".into(),
        );
    }
    if spec.symptom_questions.len() != 3 || !spec.symptom_questions.iter().all(yes_no) {
        problems.push(
            "fibromyalgia.symptom_questions must name the three yes/no questions (headaches, lower abdomen, depression)".into(),
        );
    }
    if !yes_no(&spec.duration_question) {
        problems.push("fibromyalgia.duration_question must name a yes/no question".into());
    }
    if spec.source.trim().is_empty() || spec.message.trim().is_empty() {
        problems.push("fibromyalgia needs a message and a source".into());
    }
    if !(spec.soften.hold_scale > 0.0 && spec.soften.hold_scale <= 1.0) {
        problems.push("fibromyalgia.soften.hold_scale must be above 0 and at most 1".into());
    }
}

fn check_every_question_used(file: &TableFile, problems: &mut Vec<String>) {
    let spec = &file.fibromyalgia;
    let used: BTreeSet<&str> = file
        .rules
        .iter()
        .flat_map(|r| r.when.iter().map(|c| c.question.as_str()))
        .chain(spec.severity_questions.iter().map(String::as_str))
        .chain(spec.symptom_questions.iter().map(String::as_str))
        .chain(std::iter::once(spec.duration_question.as_str()))
        .collect();
    for question in &file.questions {
        if !used.contains(question.id.as_str()) {
            problems.push(format!(
                "question `{}` is asked but no rule uses its answer",
                question.id
            ));
        }
    }
    for group in &file.groups {
        if !file.questions.iter().any(|q| q.group == group.id) {
            problems.push(format!("group `{}` has no questions", group.id));
        }
    }
}
