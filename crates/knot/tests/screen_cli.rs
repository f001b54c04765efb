//! `knot screen` end to end on a temporary SQLite file: answers from flags, files and piped
//! stdin; the verdict in text and JSON; `--show`; and bad input that exits 2 and stores nothing.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod support;

use knot_care::screen::{QuestionKind, RuleTable};
use support::calm_flags;

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        Db {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn url(&self) -> String {
        format!("sqlite:{}", self.dir.path().join("k.db").display())
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `knot --db … screen ARGS` with `stdin` piped in.
    fn screen(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
            .args(["--db", &self.url(), "screen"])
            .args(args)
            .env_remove("KNOT_DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("knot runs");
        // The command may exit before reading everything (bad input); ignore a broken pipe.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes());
        child.wait_with_output().expect("knot finishes")
    }

    /// The latest screening as `--show --json` prints it.
    fn latest(&self) -> serde_json::Value {
        let out = self.screen(&["--show", "--json"], "");
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("json")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn args(flags: &[String]) -> Vec<&str> {
    flags.iter().map(String::as_str).collect()
}

#[test]
fn questions_lists_every_id_with_the_answers_it_takes() {
    let db = Db::new();
    let out = db.screen(&["--questions"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for question in RuleTable::builtin().questions() {
        assert!(text.contains(&question.id), "{} missing", question.id);
    }
    assert!(text.contains("[0-120 years]"));
}

#[test]
fn calm_answers_are_clear_stored_and_shown_again() {
    let db = Db::new();
    let out = db.screen(&args(&calm_flags(&[])), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("NOTHING IN YOUR ANSWERS STANDS IN THE WAY"),
        "{text}"
    );
    assert!(text.contains("Saved as screening"));
    let latest = db.latest();
    assert_eq!(latest["outcome"]["verdict"], "clear");
    assert_eq!(latest["answers"]["age"], "42");
    assert_eq!(latest["rules_version"], RuleTable::builtin().version());
}

#[test]
fn a_red_flag_prints_what_to_do_and_the_source_and_json_has_the_verdict() {
    let db = Db::new();
    let mut flags = calm_flags(&[("fever", "y"), ("blood-thinners", "yes")]);
    flags.push("--json".into());
    let out = db.screen(&args(&flags), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["outcome"]["verdict"], "stop");
    let findings = report["outcome"]["findings"].as_array().expect("findings");
    assert_eq!(findings[0]["rule_id"], "fever");
    assert_eq!(findings[1]["severity"], "modify");
    assert!(findings[0]["source"]
        .as_str()
        .expect("source")
        .contains("AHCPR"));
    assert!(report["id"].is_i64());

    let text = db.screen(&["--show"], "");
    let text = stdout(&text);
    assert!(
        text.contains("DO NOT TREAT. GET MEDICAL HELP NOW."),
        "{text}"
    );
    assert!(text.contains("Source: AHCPR"));
}

#[test]
fn local_places_become_a_keep_off_finding_with_their_names() {
    let db = Db::new();
    let mut flags = calm_flags(&[("varicose-veins", "left calf")]);
    flags.extend(["--local".to_string(), "right shin".to_string()]);
    let out = db.screen(&args(&flags), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("KEEP OFF: Varicose veins: left calf"),
        "{text}"
    );
    assert!(text.contains("right shin"));
    let latest = db.latest();
    let local = latest["local_regions"].as_array().expect("local");
    assert!(local.contains(&"left-calf".into()) && local.contains(&"right-shin".into()));
}

#[test]
fn an_unknown_question_exits_2_naming_the_valid_ids_and_stores_nothing() {
    let db = Db::new();
    let mut flags = calm_flags(&[]);
    flags.extend(["--answer".to_string(), "feverish=no".to_string()]);
    let out = db.screen(&args(&flags), "");
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("unknown question `feverish`"), "{message}");
    assert!(message.contains("chest-pain") && message.contains("Nothing was stored"));
    assert!(db.latest().is_null());
}

#[test]
fn an_out_of_range_number_exits_2_with_the_range() {
    let db = Db::new();
    let out = db.screen(&args(&calm_flags(&[("age", "200")])), "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 0 to 120"), "{}", stderr(&out));
    assert!(db.latest().is_null());
}

#[test]
fn an_unknown_place_exits_2_with_a_suggestion() {
    let db = Db::new();
    let out = db.screen(&args(&calm_flags(&[("open-wound", "left tempel")])), "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

#[test]
fn unanswered_questions_are_listed() {
    let db = Db::new();
    let out = db.screen(&["--answer", "fever=no"], "");
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("not answered") && message.contains("chest-pain"),
        "{message}"
    );
}

#[test]
fn widespread_pain_brings_in_the_symptom_questions() {
    let db = Db::new();
    let pain =
        "neck, upper back, low back, both shoulders, both upper arms, both hips, both calves";
    let mut flags = calm_flags(&[]);
    flags.extend(["--pain-regions".to_string(), pain.to_string()]);
    let missing = db.screen(&args(&flags), "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("sss-fatigue"),
        "{}",
        stderr(&missing)
    );

    for (id, value) in [
        ("sss-fatigue", "3"),
        ("sss-unrefreshed", "2"),
        ("sss-thinking", "0"),
        ("sss-headaches", "no"),
        ("sss-lower-abdomen", "no"),
        ("sss-depression", "no"),
        ("widespread-three-months", "yes"),
    ] {
        flags.extend(["--answer".to_string(), format!("{id}={value}")]);
    }
    let out = db.screen(&args(&flags), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("This meets the 2016 survey criteria"),
        "{text}"
    );
    assert!(text.contains("a physician should assess"));
    assert!(!text.to_lowercase().contains("you have fibromyalgia"));
}

#[test]
fn answers_file_in_toml_or_json_is_read() {
    let db = Db::new();
    let table = RuleTable::builtin();
    let mut toml = String::new();
    let mut json = serde_json::Map::new();
    for question in table.questions_to_ask(&[]) {
        let (t, j): (String, serde_json::Value) = match question.kind {
            QuestionKind::YesNo => ("false".into(), false.into()),
            QuestionKind::Number => ("60".into(), 60.into()),
            QuestionKind::Regions => ("[]".into(), serde_json::json!([])),
        };
        if !["new-pain", "back-pain"].contains(&question.id.as_str()) {
            toml.push_str(&format!("{} = {t}\n", question.id));
        }
        json.insert(question.id.clone(), j);
    }
    toml.push_str("new-pain = true\nback-pain = \"yes\"\nlocal = [\"left calf\"]\n");
    std::fs::write(db.path("a.toml"), &toml).expect("write");
    let path = db.path("a.toml");
    let out = db.screen(&["--answers", path.to_str().expect("path"), "--json"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["outcome"]["verdict"], "refer");
    assert_eq!(
        report["outcome"]["findings"][0]["rule_id"],
        "over-50-new-back-pain"
    );

    std::fs::write(
        db.path("a.json"),
        serde_json::to_string(&json).expect("json"),
    )
    .expect("write");
    let path = db.path("a.json");
    let out = db.screen(
        &[
            "--answers",
            path.to_str().expect("path"),
            "--answer",
            "age=30",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.latest()["answers"]["age"], "30");
}

#[test]
fn a_broken_answers_file_exits_2() {
    let db = Db::new();
    std::fs::write(db.path("bad.toml"), "fever = = no").expect("write");
    let path = db.path("bad.toml");
    let out = db.screen(&["--answers", path.to_str().expect("path")], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid TOML"), "{}", stderr(&out));
}

/// Lines answering every question calmly, after the pain line.
fn piped_lines(first_local_answer: &str) -> String {
    let mut lines = vec!["right shoulder".to_string()];
    let mut local_done = false;
    for question in RuleTable::builtin().questions_to_ask(&[]) {
        lines.push(match question.kind {
            QuestionKind::YesNo => "n".into(),
            QuestionKind::Number => "35".into(),
            QuestionKind::Regions if !local_done => {
                local_done = true;
                first_local_answer.to_string()
            }
            QuestionKind::Regions => "none".into(),
        });
    }
    lines.join("\n") + "\n"
}

#[test]
fn piped_answers_are_asked_line_by_line_and_stored() {
    let db = Db::new();
    let out = db.screen(&[], &piped_lines("yes\nleft forearm"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Do you have chest pain"));
    assert!(stdout(&out).contains("KEEP OFF"));
    let latest = db.latest();
    let pain = latest["pain_regions"].as_array().expect("regions");
    assert!(!pain.is_empty());
    assert!(pain
        .iter()
        .all(|r| r.as_str().is_some_and(|r| r.starts_with("right-"))));
    let local = latest["local_regions"].as_array().expect("local");
    assert!(!local.is_empty());
    assert!(local
        .iter()
        .all(|r| r.as_str().is_some_and(|r| r.starts_with("left-forearm"))));
    assert_eq!(latest["outcome"]["verdict"], "avoid-locally");
}

#[test]
fn a_bad_piped_answer_exits_2_and_stores_nothing() {
    let db = Db::new();
    let lines = piped_lines("none").replacen("\nn\n", "\nperhaps\n", 1);
    let out = db.screen(&[], &lines);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not yes or no"),
        "{}",
        stderr(&out)
    );
    assert!(db.latest().is_null());
}

#[test]
fn show_without_a_screening_says_how_to_take_one() {
    let db = Db::new();
    let out = db.screen(&["--show"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("knot screen"));
}
