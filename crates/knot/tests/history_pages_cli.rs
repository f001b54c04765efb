//! `knot history --limit N --newest --after CURSOR` on a fresh SQLite file: following the
//! `More:` line (or `"next"` with `--json`) walks every current entry once either way, the last
//! page has no `More:`, and a damaged cursor or a limit out of range exits 2 with what to send.

mod support;

use std::process::Output;

use support::{stderr, TempDb as Diary};

/// The ids in the first column of a `knot history` table.
fn table_ids(stdout: &str) -> Vec<i64> {
    stdout
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next()?.parse().ok())
        .collect()
}

/// The cursor at the end of the `More:` line on stderr, if the output has one.
fn more(out: &Output) -> Option<String> {
    let text = stderr(out);
    let line = text.lines().last()?;
    let command = line.strip_prefix("More: ")?;
    Some(command.split_whitespace().last()?.to_string())
}

fn ids(json: &serde_json::Value) -> Vec<i64> {
    json["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

/// A diary of 11 current entries (one of 12 deleted) and their ids, oldest first.
fn diary() -> (Diary, Vec<i64>) {
    let diary = Diary::new();
    for day in (1..=12).rev() {
        let at = format!("2024-03-{day:02}T08:30");
        diary.ok(&["log", "note", &format!("day {day}"), "--at", &at]);
    }
    let listed = ids(&diary.json(&["history", "--json"]));
    diary.ok(&["history", "delete", &listed[5].to_string()]);
    let current = ids(&diary.json(&["history", "--json"]));
    assert_eq!(current.len(), 11);
    (diary, current)
}

#[test]
fn following_more_walks_every_entry_once_oldest_first() {
    let (diary, current) = diary();
    let (mut walked, mut pages) = (Vec::new(), 0);
    let mut args = vec!["history".to_string(), "--limit".into(), "4".into()];
    loop {
        let out = diary.knot(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        walked.extend(table_ids(&String::from_utf8_lossy(&out.stdout)));
        pages += 1;
        let Some(cursor) = more(&out) else { break };
        assert!(
            stderr(&out).contains("More: knot history --limit 4 --after k1_"),
            "{}",
            stderr(&out)
        );
        args = vec![
            "history".into(),
            "--limit".into(),
            "4".into(),
            "--after".into(),
            cursor,
        ];
        assert!(pages < 20, "the pages never end");
    }
    assert_eq!(walked, current);
    assert_eq!(pages, 3);
}

#[test]
fn json_pages_newest_first_carry_next_until_the_last() {
    let (diary, current) = diary();
    let mut walked = Vec::new();
    let mut after: Option<String> = None;
    for page in 0.. {
        let mut args = vec!["history", "--newest", "--limit", "5", "--json"];
        if let Some(cursor) = &after {
            args.extend(["--after", cursor.as_str()]);
        }
        let out = diary.knot(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).is_empty(),
            "with --json the cursor is in the JSON"
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        walked.extend(ids(&json));
        match json["next"].as_str() {
            Some(next) => after = Some(next.to_string()),
            None => break,
        }
        assert!(page < 20, "the pages never end");
    }
    walked.reverse();
    assert_eq!(walked, current);
    // --newest alone is a page of the default size: the whole of this diary.
    let newest = diary.json(&["history", "--newest", "--json"]);
    assert_eq!(ids(&newest).len(), 11);
    assert_eq!(newest["next"], serde_json::Value::Null);
}

#[test]
fn a_damaged_cursor_or_a_limit_out_of_range_exits_2() {
    let (diary, _) = diary();
    for (args, says) in [
        (
            &["history", "--after", "k1_nope"][..],
            "last word of the `More:` line",
        ),
        (
            &["history", "--newest", "--after", "k1_1_2_3_4"][..],
            "`next` value",
        ),
        (&["history", "--limit", "0"][..], "1 to 500"),
        (&["history", "--limit", "501"][..], "1 to 500"),
        (&["history", "--limit", "many"][..], "--limit"),
        (
            &["history", "--limit", "5", "--since", "2024-03-01"][..],
            "--since",
        ),
        (&["history", "--newest", "--all"][..], "--all"),
    ] {
        let out = diary.knot(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // A cursor past the oldest entry is the end, not an error.
    let out = diary.knot(&["history", "--newest", "--after", "k1_0_0_0"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No entries after this cursor"));
    assert_eq!(more(&out), None);
}
