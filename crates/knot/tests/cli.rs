//! The `knot` binary end to end: output, exit codes, and messages for bad input.

use std::process::{Command, Output};

fn knot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(args)
        .output()
        .expect("knot runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn regions_json_lists_every_region_with_neighbours() {
    let out = knot(&["regions", "--json"]);
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("array");
    assert!(rows.len() >= 150);
    assert!(rows
        .iter()
        .all(|r| r["neighbours"].as_array().is_some_and(|n| !n.is_empty())));
}

#[test]
fn resolve_shows_regions_and_refuses_words_it_cannot_place() {
    let ok = knot(&["regions", "resolve", "back of the left knee"]);
    assert!(ok.status.success());
    assert!(stdout(&ok).contains("left-back-of-knee"));
    let bad = knot(&["regions", "resolve", "left tempel"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("did you mean \"temple\""),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn body_writes_an_svg_with_the_marked_region_filled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("chart.svg");
    let out = knot(&[
        "body",
        "--svg",
        path.to_str().expect("path"),
        "--mark",
        "right temple",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&path).expect("svg written");
    let tag = svg
        .split("id=\"region-right-temple\"")
        .nth(1)
        .expect("temple drawn");
    assert!(tag[..tag.find('>').expect("tag end")].contains("marked"));
    let bad = knot(&[
        "body",
        "--svg",
        path.to_str().expect("path"),
        "--mark",
        "xyzzy",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn atlas_json_has_the_promised_counts() {
    let out = knot(&["atlas", "--json"]);
    assert!(out.status.success());
    let atlas: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(atlas["muscles"].as_array().expect("muscles").len() >= 110);
    assert!(
        atlas["trigger_points"]
            .as_array()
            .expect("trigger points")
            .len()
            >= 400
    );
}

#[test]
fn show_prints_a_page_and_suggests_near_names() {
    let out = knot(&["show", "infraspinatus"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("INFRASPINATUS"));
    assert!(
        stdout(&out).lines().all(|l| l.chars().count() <= 80),
        "wider than 80 columns"
    );
    let bad = knot(&["show", "infraspinatis"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("Infraspinatus"));
}

#[test]
fn find_json_follows_the_contract() {
    let out = knot(&[
        "find",
        "--json",
        "right temple",
        "side of the right neck",
        "blorp",
    ]);
    assert!(out.status.success());
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "regions",
        "unmatched",
        "candidates",
        "combinations",
        "questions",
    ] {
        assert!(result.get(key).is_some(), "missing {key}");
    }
    assert_eq!(result["unmatched"][0], "blorp");
    let first = &result["candidates"][0];
    for key in [
        "rank",
        "muscle",
        "muscle_id",
        "trigger_point",
        "side",
        "score",
        "explains",
        "misses",
    ] {
        assert!(first.get(key).is_some(), "candidate missing {key}");
    }
}

#[test]
fn find_with_nothing_understood_exits_2() {
    let out = knot(&["find", "blorp"]);
    assert_eq!(out.status.code(), Some(2));
    let out = knot(&["find", "left shin", "--answer", "nonsense=yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no question has the id"));
}

#[test]
fn find_shows_how_a_symptom_word_was_read() {
    let out = knot(&["find", "tennis", "elbow"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("read as pain at the outer elbow"), "{text}");
    assert!(text.contains("source: Simons"), "{text}");
}

#[test]
fn find_answers_widespread_pain_with_the_screening_not_a_ranking() {
    let out = knot(&["find", "my whole body"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("not a trigger-point pattern"), "{text}");
    assert!(text.contains("knot screen"), "{text}");
    let out = knot(&["find", "--json", "heartburn"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(result["terms"][0]["outcome"], "not-musculoskeletal");
    assert_eq!(result["candidates"], serde_json::json!([]));
}

#[test]
fn find_batch_writes_one_result_per_line_in_order_and_flags_bad_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("drawings.jsonl");
    let lines = [
        r#"{"terms": ["left buttock", "left calf"]}"#,
        "not json",
        r#"{"regions": [{"id": "right-temple", "intensity": 7}]}"#,
    ];
    std::fs::write(&path, lines.join("\n")).expect("write");
    let out = knot(&["find", "--batch", path.to_str().expect("path")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad line makes the exit code 2"
    );
    let results: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["regions"][0], "left-buttock-upper");
    assert_eq!(results[1]["line"], 2);
    assert_eq!(results[2]["regions"][0], "right-temple");
}

#[test]
fn find_reads_unquoted_words_as_one_description() {
    let out = knot(&[
        "find", "--json", "right", "temple,", "back", "of", "the", "right", "neck",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        result["regions"],
        serde_json::json!(["right-temple", "right-back-of-neck"])
    );
    assert_eq!(result["unmatched"], serde_json::json!([]));
}

#[test]
fn find_keeps_region_ids_given_as_separate_arguments() {
    let out = knot(&["find", "--json", "right-temple", "left-calf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        result["regions"],
        serde_json::json!(["right-temple", "left-calf"])
    );
}

#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["atlas", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("knot runs");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The pipe's read end is dropped here, as `head` would.
    let out = child.wait_with_output().expect("knot ends");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
