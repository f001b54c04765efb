//! The screening rule table as data: the embedded file is valid, the validator catches the
//! mistakes an editor could make, the pregnancy points match the atlas, and docs/screening.md
//! lists exactly the rules of the table.

mod screening_support;

use std::collections::BTreeSet;

use knot_atlas::Atlas;
use knot_body::Scheme;
use knot_care::screen::{QuestionKind, RuleTable, Severity, TableError};
use screening_support::table;

const TOML: &str = include_str!("../data/screening.toml");

fn problems_after(from: &str, to: &str) -> Vec<String> {
    assert!(
        TOML.contains(from),
        "test edit `{from}` not found in the table"
    );
    let edited = TOML.replacen(from, to, 1);
    match RuleTable::parse(&edited, Scheme::builtin()) {
        Err(TableError::Invalid(problems)) => problems,
        Err(other) => panic!("expected validation problems, got {other}"),
        Ok(_) => panic!("the edit `{from}` -> `{to}` was accepted"),
    }
}

fn assert_problem(problems: &[String], needle: &str) {
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "no problem mentions {needle:?}: {problems:#?}"
    );
}

#[test]
fn embedded_table_is_valid() {
    RuleTable::parse(TOML, Scheme::builtin()).expect("screening.toml validates");
}

#[test]
fn table_covers_every_severity_and_the_required_red_flags() {
    let severities: BTreeSet<Severity> = table().rules().iter().map(|r| r.severity).collect();
    assert_eq!(severities.len(), 4);
    for id in [
        "chest-pain",
        "suspected-dvt",
        "fever",
        "saddle-numbness",
        "bladder-bowel",
        "neck-warning-signs",
        "weight-loss",
        "night-pain",
        "major-trauma",
        "worsening-numbness-weakness",
        "over-50-new-back-pain",
        "blood-thinners",
        "pregnancy",
        "osteoporosis",
        "varicose-veins",
        "fracture",
    ] {
        assert!(table().rule(id).is_some(), "rule {id} is missing");
    }
}

#[test]
fn unknown_region_in_a_rule_is_reported_by_name() {
    let problems = problems_after("\"thumb-web\"", "\"thumb-webb\"");
    assert_problem(&problems, "unknown region `thumb-webb`");
}

#[test]
fn unknown_question_in_a_rule_is_reported() {
    let problems = problems_after(
        "{ question = \"weight-loss\", is = \"yes\" }",
        "{ question = \"weightloss\", is = \"yes\" }",
    );
    assert_problem(
        &problems,
        "rule `weight-loss`: unknown question `weightloss`",
    );
}

#[test]
fn a_rule_without_a_source_is_refused() {
    let source = "source = \"AHCPR Clinical Practice Guideline No. 14, 1994 (NBK52120): unexplained weight loss as a red flag for cancer or infection\"";
    let problems = problems_after(source, "source = \"\"");
    assert_problem(&problems, "rule `weight-loss` has no source");
}

#[test]
fn duplicate_ids_are_refused() {
    let problems = problems_after(
        "id = \"night-pain\"\nseverity",
        "id = \"weight-loss\"\nseverity",
    );
    assert_problem(&problems, "rule `weight-loss` is defined twice");
}

#[test]
fn yes_no_rules_may_only_fire_on_yes() {
    let problems = problems_after(
        "{ question = \"fever\", is = \"yes\" }",
        "{ question = \"fever\", is = \"no\" }",
    );
    assert_problem(&problems, "test it with is = \"yes\"");
}

#[test]
fn softening_belongs_to_modify_rules_only() {
    let problems = problems_after(
        "id = \"osteoporosis\"\nseverity = \"modify\"",
        "id = \"osteoporosis\"\nseverity = \"refer\"",
    );
    assert_problem(&problems, "only `modify` rules take [rule.soften]");
}

#[test]
fn number_conditions_must_lie_inside_the_question_range() {
    let problems = problems_after(
        "{ question = \"age\", above = 50 }",
        "{ question = \"age\", above = 120 }",
    );
    assert_problem(&problems, "`age` is a number question");
}

#[test]
fn block_at_must_name_regions_and_not_sit_on_a_stop_rule() {
    let problems = problems_after(
        "block_at = [\"upper-abdomen\", \"lower-abdomen\", \"pubic\", \"groin\"]\n[rule.soften]",
        "block_at = [\"no-such-place\"]\n[rule.soften]",
    );
    assert_problem(&problems, "unknown region `no-such-place` in block_at");
    let problems = problems_after(
        "id = \"fever\"\nseverity = \"stop\"\ntitle = \"Fever or a general infection\"",
        "id = \"fever\"\nseverity = \"stop\"\nblock_at = [\"calf\"]\ntitle = \"Fever or a general infection\"",
    );
    assert_problem(
        &problems,
        "block_at is for refer, modify and avoid-locally rules",
    );
}

#[test]
fn every_question_is_used_by_some_rule() {
    let problems = problems_after(
        "[[question]]\nid = \"age\"",
        "[[question]]\nid = \"unused\"\ngroup = \"about-you\"\nkind = \"yes-no\"\ntext = \"?\"\n\n[[question]]\nid = \"age\"",
    );
    assert_problem(
        &problems,
        "question `unused` is asked but no rule uses its answer",
    );
}

#[test]
fn fibromyalgia_scales_are_checked() {
    let problems = problems_after(
        "severity_questions = [\"sss-fatigue\", \"sss-unrefreshed\", \"sss-thinking\"]",
        "severity_questions = [\"sss-fatigue\", \"sss-unrefreshed\", \"sss-headaches\"]",
    );
    assert_problem(&problems, "fibromyalgia.severity_questions");
}

#[test]
fn yes_no_questions_are_worded_with_a_question_mark_and_region_questions_ask_where() {
    for question in table().questions() {
        assert!(
            question.text.ends_with('?'),
            "{}: {}",
            question.id,
            question.text
        );
        if question.kind == QuestionKind::Regions {
            assert!(
                question.text.contains("where"),
                "{} should ask where",
                question.id
            );
        }
    }
}

#[test]
fn pregnancy_points_cover_the_atlas_trigger_points_at_those_places() {
    let rule = table().rule("pregnancy").expect("pregnancy rule");
    let written = &rule.soften.as_ref().expect("softening").only_at;
    let only_at = knot_care::screen::region_ids(Scheme::builtin(), written).0;
    let atlas = Atlas::builtin();
    for id in ["upper-trapezius-1", "adductor-pollicis-1"] {
        let points: Vec<_> = atlas
            .trigger_points()
            .iter()
            .filter(|tp| tp.id == id)
            .collect();
        assert_eq!(points.len(), 2, "{id} has a left and a right");
        for tp in points {
            assert!(only_at.contains(&tp.location), "{} not covered", tp.key());
        }
    }
}

#[test]
fn messages_never_diagnose() {
    let texts = table()
        .rules()
        .iter()
        .map(|r| r.message.as_str())
        .chain(std::iter::once(table().fibromyalgia().message.as_str()));
    for text in texts {
        let lower = text.to_lowercase();
        for banned in ["you have fibromyalgia", "you have cancer", "diagnos"] {
            assert!(!lower.contains(banned), "{text:?} says {banned:?}");
        }
    }
}

/// The rule list of docs/screening.md, as this table renders it.
fn rendered_rule_list() -> String {
    let mut out = String::new();
    for severity in [
        Severity::Stop,
        Severity::Refer,
        Severity::Modify,
        Severity::AvoidLocally,
    ] {
        out.push_str(&format!("\n### {}\n\n", severity.word()));
        out.push_str("| rule | asked as | what Knot says | source |\n|---|---|---|---|\n");
        for rule in table().rules().iter().filter(|r| r.severity == severity) {
            let asked: Vec<String> = rule
                .when
                .iter()
                .map(|c| match (&c.is, c.above, c.below) {
                    (Some(is), _, _) => format!("`{}` = {is}", c.question),
                    (None, Some(above), _) => format!("`{}` > {above}", c.question),
                    (None, None, Some(below)) => format!("`{}` < {below}", c.question),
                    _ => format!("`{}` names a place", c.question),
                })
                .collect();
            let softening = rule.soften.as_ref().map_or(String::new(), |s| {
                let firm = if s.firm_pressure {
                    "firm pressure allowed"
                } else {
                    "no firm pressure"
                };
                let at = if s.only_at.is_empty() {
                    String::new()
                } else {
                    format!("; only at {}", s.only_at.join(", "))
                };
                format!(" *(holds × {}, {firm}{at})*", s.hold_scale)
            });
            let blocks = if rule.block_at.is_empty() {
                String::new()
            } else {
                format!(" *(blocks at {}, both sides)*", rule.block_at.join(", "))
            };
            out.push_str(&format!(
                "| `{}` {} | {} | {}{softening}{blocks} | {} |\n",
                rule.id,
                rule.title,
                asked.join(" and "),
                rule.message,
                rule.source
            ));
        }
    }
    let fibro = table().fibromyalgia();
    out.push_str(&format!(
        "\n### widespread pain ({})\n\n`{}`: {} Source: {}\n",
        fibro.severity.word(),
        fibro.rule_id,
        fibro.message,
        fibro.source
    ));
    out
}

#[test]
fn docs_list_every_rule_of_the_table() {
    const BEGIN: &str =
        "<!-- rules:begin (generated by crates/knot-care/tests/screening_table.rs) -->";
    const END: &str = "<!-- rules:end -->";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/screening.md");
    let doc = std::fs::read_to_string(path).expect("docs/screening.md exists");
    let (head, rest) = doc.split_once(BEGIN).expect("begin marker");
    let (_, tail) = rest.split_once(END).expect("end marker");
    let expected = format!("{head}{BEGIN}\n{}\n{END}{tail}", rendered_rule_list());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).expect("write docs");
        return;
    }
    assert!(
        doc == expected,
        "docs/screening.md is out of date with screening.toml: run \
         `UPDATE_DOCS=1 cargo test -p knot-care --test screening_table` and review the diff"
    );
}
