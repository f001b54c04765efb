//! The PDF report rendered from a made-up diary, read back with poppler's `pdftotext`.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

#[path = "../../knot-progress/tests/fixture/mod.rs"]
mod fixture;

use std::path::{Path, PathBuf};
use std::process::Command;

use fixture::{plan, ten_weeks};
use knot_report_pdf::{pdf_report, Extras, Flag, ScreeningFlags};

fn no_hints(text: &str, _: &knot_care::hint::Hint) -> String {
    text.to_string()
}

/// The text poppler reads from `pdf`; `None` (test skipped) without poppler-utils outside CI.
fn pdftotext(pdf: &[u8], name: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(name);
    std::fs::write(&file, pdf).unwrap();
    match Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext is needed to read the PDF back ({e}): apt-get install poppler-utils")
        }
        Err(e) => {
            eprintln!("skipped: pdftotext is not installed ({e}); apt-get install poppler-utils");
            None
        }
    }
}

fn pages(file: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(file).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn flags() -> ScreeningFlags {
    ScreeningFlags {
        taken: fixture::day(2),
        verdict: "refer".into(),
        headline: "See a physician before treating yourself.".into(),
        advice: "One answer needs a physician's assessment first.".into(),
        flags: vec![Flag {
            severity: "refer".into(),
            title: "Night pain that wakes you".into(),
            message: "Pain that wakes you at night should be assessed by a physician.".into(),
        }],
    }
}

#[test]
fn the_report_reads_back_with_headline_period_sections_and_the_reminder() {
    let plan = plan(0, 1);
    let report = ten_weeks().report(69, Some(&plan));
    let screening = flags();
    let extras = Extras {
        who: Some("Ada Example"),
        screening: Some(&screening),
    };
    let pdf = pdf_report(&report, &extras, &no_hints).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // No clock: the same report gives the same bytes.
    assert_eq!(pdf, pdf_report(&report, &extras, &no_hints).unwrap());
    let Some(text) = pdftotext(&pdf, "report.pdf") else {
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Progress report",
        "Patient: Ada Example",
        &format!(
            "{} – {}",
            report.first_day.format("%b %-d, %Y"),
            report.last_day.format("%b %-d, %Y")
        ),
        "Better: a clinically important improvement",
        "Headline",
        "Pain trend",
        "Where it hurt",
        "Pressure pain threshold",
        "Range of motion",
        "Adherence",
        "Response to treatment",
        "Safety screening",
        "Night pain that wakes you",
        "see a physician before self-treatment",
        "Not a diagnosis",
        "it does not diagnose",
        "kg/cm²",
        "clinically important improvement at",
    ] {
        assert!(
            flat.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // A threshold value as the table prints it.
    let site = &report.tracked.thresholds[0];
    let latest = site.latest().unwrap();
    let value = format!("{:.*}", knot_progress::words::decimals(site), latest.value);
    assert!(flat.contains(&value), "{value} missing from:\n{text}");
    // Sections in reading order.
    let at = |s: &str| flat.find(s).unwrap();
    assert!(at("Headline") < at("Pain trend"));
    assert!(at("Pain trend") < at("Where it hurt"));
    assert!(at("Where it hurt") < flat.rfind("Pressure pain threshold").unwrap());
    assert!(at("Adherence") < at("Response to treatment"));
    assert!(at("Response to treatment") < at("Safety screening"));
    assert!(at("Safety screening") < at("it does not diagnose"));
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report.pdf");
    let n = pages(&file);
    assert!((1..=2).contains(&n), "{n} pages");
}

#[test]
fn a_report_without_a_screening_says_so_and_a_short_diary_says_too_few_days() {
    let mut diary = fixture::Diary::default();
    diary.pain(0, 6);
    diary.pain(1, 5);
    let report = diary.report(1, None);
    let pdf = pdf_report(&report, &Extras::default(), &no_hints).unwrap();
    let Some(text) = pdftotext(&pdf, "short.pdf") else {
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Not enough pain entries to judge change yet"),
        "{text}"
    );
    assert!(flat.contains("No safety screening on record"), "{text}");
    assert!(!flat.contains("Patient:"), "{text}");
}
