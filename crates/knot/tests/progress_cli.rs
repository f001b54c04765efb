//! `knot demo seed` and `knot progress` end to end, on a fresh SQLite file per test.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A temporary database and a way to run `knot` against it.
struct Diary {
    dir: TempDir,
}

impl Diary {
    fn new() -> Diary {
        Diary {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn knot(&self, args: &[&str]) -> Output {
        let db = format!("sqlite:{}", self.path("k.db").display());
        Command::new(env!("CARGO_BIN_EXE_knot"))
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("KNOT_DATABASE_URL")
            .output()
            .expect("knot runs")
    }

    /// A diary seeded with the demo, ending on a fixed day.
    fn seeded() -> Diary {
        let diary = Diary::new();
        let out = diary.knot(&["demo", "seed", "--end", "2026-11-20"]);
        assert!(out.status.success(), "{}", stderr(&out));
        diary
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("output file")
}

#[test]
fn progress_on_the_demo_diary_reports_a_clinically_important_improvement() {
    let diary = Diary::seeded();
    let out = diary.knot(&["progress", "--until", "2026-11-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Progress from Aug 29, 2026 to Nov 20, 2026 (84 days)"),
        "{text}"
    );
    assert!(text.contains("Pain fell from"), "{text}");
    assert!(
        text.contains("a clinically important improvement"),
        "{text}"
    );
    assert!(text.contains("Upper trapezius 1, right"), "{text}");
    assert!(text.contains("Neck rotation to the right"), "{text}");
    assert!(text.contains("1 session ended by a stop rule"), "{text}");
    assert!(text.contains("does not diagnose"), "{text}");
}

#[test]
fn progress_html_writes_one_self_contained_file_with_charts() {
    let diary = Diary::seeded();
    let report = diary.path("report.html");
    let out = diary.knot(&[
        "progress",
        "--until",
        "2026-11-20",
        "--html",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&report);
    assert!(html.contains("<svg"));
    assert!(html.matches("<svg").count() >= 6);
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    assert!(html.contains("Farrar 2001"));
    assert!(html.contains("Not a diagnosis."));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a report of health data is its owner's alone");
    }
}

#[test]
fn progress_svg_writes_the_pain_trend_to_a_file_or_standard_output() {
    let diary = Diary::seeded();
    let chart = diary.path("pain.svg");
    let out = diary.knot(&["progress", "--svg", chart.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = read(&chart);
    assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
    assert!(svg.contains("Pain over time"));
    let piped = diary.knot(&["progress", "--svg", "-"]);
    assert!(piped.status.success());
    assert!(
        stdout(&piped).starts_with("<svg"),
        "only the chart goes to stdout"
    );
}

#[test]
fn progress_json_carries_the_classification() {
    let diary = Diary::seeded();
    let out = diary.knot(&["progress", "--until", "2026-11-20", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let change = &json["pain"]["overall"]["change"];
    assert_eq!(change["class"], "important_improvement");
    assert!(change["baseline"].as_f64().unwrap() > change["recent"].as_f64().unwrap() + 2.0);
    assert_eq!(json["adherence"]["planned_per_day"], 1);
}

#[test]
fn since_limits_the_report_to_the_later_days() {
    let diary = Diary::seeded();
    let out = diary.knot(&["progress", "--since", "2026-10-01", "--until", "2026-11-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Progress from Oct 1, 2026 to Nov 20, 2026 (51 days)"));
}

#[test]
fn bad_dates_are_refused_naming_the_format() {
    let diary = Diary::new();
    for args in [
        ["progress", "--since", "2026-13-01"],
        ["progress", "--until", "yesterday"],
    ] {
        let out = diary.knot(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    }
}

#[test]
fn since_after_until_is_refused() {
    let out = Diary::new().knot(&["progress", "--since", "2026-11-02", "--until", "2026-11-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("since 2026-11-02 is after until 2026-11-01"));
}

#[test]
fn an_output_path_that_cannot_be_written_is_refused_with_the_path() {
    let diary = Diary::seeded();
    let missing = diary.path("no-such-folder").join("report.html");
    let out = diary.knot(&["progress", "--html", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(missing.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
    let folder = diary.path("");
    let out = diary.knot(&["progress", "--svg", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));
}

#[test]
fn an_empty_diary_says_how_to_start() {
    let out = Diary::new().knot(&["progress"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("knot log pain N"), "{}", stdout(&out));
}

#[test]
fn seeding_a_database_with_entries_needs_force() {
    let diary = Diary::seeded();
    let again = diary.knot(&["demo", "seed", "--end", "2026-11-20"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = diary.knot(&["demo", "seed", "--end", "2026-11-20", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
}

#[test]
fn bad_seed_options_are_refused() {
    let diary = Diary::new();
    let bad_end = diary.knot(&["demo", "seed", "--end", "20/11/2026"]);
    assert_eq!(bad_end.status.code(), Some(2));
    assert!(stderr(&bad_end).contains("YYYY-MM-DD"));
    let future = diary.knot(&["demo", "seed", "--end", "2999-01-01"]);
    assert_eq!(future.status.code(), Some(2));
    assert!(stderr(&future).contains("in the future"));
    let weeks = diary.knot(&["demo", "seed", "--weeks", "0"]);
    assert_eq!(weeks.status.code(), Some(2));
    // Nothing was written by the refused runs.
    assert!(diary.knot(&["progress"]).status.success());
    assert!(stdout(&diary.knot(&["progress"])).contains("Nothing recorded"));
}

#[test]
fn the_same_seed_and_end_give_the_same_report() {
    let (a, b) = (Diary::seeded(), Diary::seeded());
    let args = ["progress", "--until", "2026-11-20", "--json"];
    assert_eq!(stdout(&a.knot(&args)), stdout(&b.knot(&args)));
    let other = Diary::new();
    other.knot(&["demo", "seed", "--end", "2026-11-20", "--seed", "7"]);
    assert_ne!(stdout(&a.knot(&args)), stdout(&other.knot(&args)));
}

#[test]
fn charts_writes_every_chart_with_data_into_a_folder() {
    let diary = Diary::seeded();
    let folder = diary.path("charts");
    std::fs::create_dir(&folder).unwrap();
    let out = diary.knot(&["progress", "--charts", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for stem in [
        "pain-trend",
        "where-it-hurt",
        "pressure-threshold",
        "range-of-motion",
        "adherence",
        "response-technique",
    ] {
        let svg = read(&folder.join(format!("{stem}.svg")));
        assert!(svg.contains("<svg") && svg.contains("<title"), "{stem}");
    }
    let missing = diary.path("nowhere");
    let refused = diary.knot(&["progress", "--charts", missing.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains(missing.to_str().unwrap()));
}

#[test]
fn json_of_an_empty_diary_is_still_json() {
    let out = Diary::new().knot(&["progress", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["entries"], 0);
    assert!(stderr(&out).contains("knot log pain N"));
}

/// The text poppler reads from a PDF; `None` (test skipped) without poppler-utils outside CI.
fn pdftotext(file: &Path) -> Option<String> {
    match Command::new("pdftotext").arg(file).arg("-").output() {
        Ok(out) => {
            assert!(out.status.success(), "{}", stderr(&out));
            Some(stdout(&out))
        }
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext is needed to read the PDF back ({e}): apt-get install poppler-utils")
        }
        Err(e) => {
            eprintln!("skipped: pdftotext is not installed ({e})");
            None
        }
    }
}

#[test]
fn progress_pdf_writes_a_private_pdf_with_the_pain_trend() {
    let diary = Diary::new();
    let out = diary.knot(&["demo", "seed", "--weeks", "8", "--end", "2026-11-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = diary.path("report.pdf");
    let out = diary.knot(&["progress", "--pdf", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let Some(text) = pdftotext(&file) else {
        return;
    };
    for expected in [
        "Progress report",
        "Pain trend",
        "Safety screening",
        "does not diagnose",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn progress_pdf_to_standard_output_is_refused() {
    let diary = Diary::seeded();
    let out = diary.knot(&["progress", "--pdf", "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--pdf needs a file name"),
        "{}",
        stderr(&out)
    );
}
