//! `knot plan` end to end on a fresh SQLite file: a plan is built from confirmed points,
//! printed, saved and shown again; bad points and caps exit 2 and save nothing.

mod support;

use support::{stderr, TempDb as Home};

#[test]
fn a_plan_is_built_saved_and_shown_again() {
    let home = Home::new();
    home.screen_calmly();
    assert!(home.ok(&["plan", "--show"]).contains("No home plan yet"));
    let printed = home.ok(&[
        "plan",
        "--tp",
        "temporalis-1:right",
        "--tp",
        "upper-trapezius-1:right",
        "--tp",
        "levator-scapulae-upper:left",
        "--cap-minutes",
        "30",
    ]);
    assert!(printed.contains("Sitting 1 — right side"), "{printed}");
    assert!(printed.contains("Sitting 2 — left side"), "{printed}");
    assert!(
        printed.contains("Pressure time:") && printed.contains("(cap 30 min)"),
        "{printed}"
    );
    assert!(printed.contains("Reassess on"), "{printed}");
    let trapezius = printed.find("upper-trapezius-1").expect("trapezius listed");
    let temporalis = printed.find("temporalis-1").expect("temporalis listed");
    assert!(
        trapezius < temporalis,
        "the key point should come first:\n{printed}"
    );

    let shown = home.json(&["plan", "--show", "--json"]);
    assert!(shown["id"].as_i64().is_some());
    assert_eq!(shown["daily_pressure_cap_seconds"], 1800);
    let daily = shown["daily_pressure_seconds"].as_u64().expect("seconds");
    assert!(daily > 0 && daily <= 1800);
    let items = shown["items"].as_array().expect("items");
    for item in items {
        let sitting = item["sitting"].as_u64().expect("sitting");
        let side = item["side"].as_str().expect("side");
        let expected = if sitting % 2 == 1 { "right" } else { "left" };
        assert_eq!(side, expected, "sitting {sitting} mixes sides");
    }
    assert!(home.ok(&["plan", "--show"]).contains("Home routine (plan"));
}

#[test]
fn a_new_plan_replaces_the_active_one_and_a_dry_run_saves_nothing() {
    let home = Home::new();
    home.screen_calmly();
    home.ok(&["plan", "--tp", "upper-trapezius-1:right"]);
    let first = home.json(&["plan", "--show", "--json"])["id"].clone();
    let dry = home.json(&[
        "plan",
        "--muscle",
        "levator scapulae",
        "--side",
        "left",
        "--dry-run",
        "--json",
    ]);
    assert!(dry["id"].is_null());
    assert_eq!(home.json(&["plan", "--show", "--json"])["id"], first);
    home.ok(&["plan", "--muscle", "levator scapulae", "--side", "left"]);
    let active = home.json(&["plan", "--show", "--json"]);
    assert_ne!(active["id"], first);
    let ids: Vec<&str> = active["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["trigger_point_id"].as_str())
        .collect();
    assert!(
        ids.iter().all(|id| id.starts_with("levator-scapulae")),
        "{ids:?}"
    );
}

#[test]
fn without_a_screening_a_plan_is_shown_but_not_saved() {
    let home = Home::new();
    let refused = home.knot(&["plan", "--tp", "upper-trapezius-1:right"]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(message.contains("`knot screen`"), "{message}");
    assert!(home.ok(&["plan", "--show"]).contains("No home plan yet"));
    let dry = home.ok(&["plan", "--tp", "upper-trapezius-1:right", "--dry-run"]);
    assert!(dry.contains("upper-trapezius-1"), "{dry}");
    assert!(home.ok(&["plan", "--show"]).contains("No home plan yet"));
}

#[test]
fn bad_points_sides_and_caps_exit_2_and_save_nothing() {
    let home = Home::new();
    home.screen_calmly();
    let cases: [(&[&str], &str); 6] = [
        (
            &["plan", "--tp", "upper-trapezis-1:right"],
            "upper-trapezius-1",
        ),
        (&["plan", "--tp", "upper-trapezius-1"], "needs a side"),
        (&["plan", "--muscle", "upper trapezius"], "--side"),
        (
            &["plan", "--muscle", "upper trapezoid", "--side", "right"],
            "Upper trapezius",
        ),
        (
            &[
                "plan",
                "--tp",
                "upper-trapezius-1:right",
                "--cap-minutes",
                "90",
            ],
            "5–60",
        ),
        (&["plan"], "--tp"),
    ];
    for (args, expected) in cases {
        let out = home.knot(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(home.ok(&["plan", "--show"]).contains("No home plan yet"));
}

#[test]
fn points_not_for_self_treatment_are_left_out_with_a_note() {
    let home = Home::new();
    home.screen_calmly();
    let printed = home.ok(&[
        "plan",
        "--tp",
        "scalene-anterior-1:right",
        "--tp",
        "upper-trapezius-1:right",
    ]);
    assert!(
        printed.contains("Left out Scalenus anterior (scalene-anterior-1, right)"),
        "{printed}"
    );
    let alone = home.knot(&["plan", "--tp", "scalene-anterior-1:right"]);
    assert_eq!(alone.status.code(), Some(2));
    assert!(
        stderr(&alone).contains("nothing is left to treat"),
        "{}",
        stderr(&alone)
    );
}
