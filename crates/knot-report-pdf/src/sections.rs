//! The report's sections in the order a physician reads them: who and which period, the
//! headline against the clinically important difference, the pain trend, where it hurt,
//! pressure threshold, range of motion, activities, adherence, the response to treatment, the
//! screening's flags, and the reminder that Knot does not diagnose.

use knot_body::chart::Chart;
use knot_progress::names::capitalised;
use knot_progress::svg::{label, signed};
use knot_progress::tracked::Tracked;
use knot_progress::{words, PainClass, Phrase, Report};

use crate::charts;
use crate::doc::{Doc, INK, MARGIN, MUTED, TEXT_W};
use crate::encode::{fit, Face};
use crate::screening::{meaning, ScreeningFlags};
use crate::Extras;

const BODY: f32 = 9.0;
const SMALL: f32 = 8.0;

/// Every section, top to bottom.
pub fn write(
    doc: &mut Doc,
    report: &Report,
    extras: &Extras<'_>,
    phrase: Phrase<'_>,
    chart: &Chart,
) {
    header(doc, report, extras.who);
    headline(doc, report);
    pain(doc, report);
    where_it_hurt(doc, report, chart);
    tracked(doc, report);
    activities(doc, report);
    adherence(doc, report, phrase);
    response(doc, report);
    screening(doc, extras.screening);
    not_a_diagnosis(doc, report);
}

fn header(doc: &mut Doc, report: &Report, who: Option<&str>) {
    doc.gap(18.0);
    doc.text_at(MARGIN, doc.y, Face::Bold, 18.0, INK, "Progress report");
    doc.text_right(
        MARGIN + TEXT_W,
        doc.y,
        Face::Regular,
        8.0,
        MUTED,
        "Knot · trigger point self-care diary",
    );
    doc.gap(6.0);
    if let Some(who) = who.filter(|w| !w.trim().is_empty()) {
        doc.paragraph(0.0, Face::Bold, 10.0, INK, &format!("Patient: {who}"));
    }
    let line = format!(
        "Period: {} – {} · {} days · {} diary entries · {} treatment sessions",
        report.first_day.format("%b %-d, %Y"),
        report.last_day.format("%b %-d, %Y"),
        report.span_days(),
        report.entries,
        report.adherence.sessions
    );
    doc.paragraph(0.0, Face::Regular, 10.0, INK, &line);
}

/// "Better" / "No clear change" / "Worse" against the clinically important difference.
fn verdict_word(class: PainClass) -> &'static str {
    match class {
        PainClass::ImportantImprovement => "Better: a clinically important improvement",
        PainClass::SlightImprovement => "Slightly better, less than clinically important",
        PainClass::NoClearChange => "No clear change",
        PainClass::SlightWorsening => "Slightly worse, less than clinically important",
        PainClass::ImportantWorsening => "Worse: a clinically important worsening",
    }
}

fn headline(doc: &mut Doc, report: &Report) {
    let s = &report.settings;
    let trend = &report.pain.overall;
    doc.heading("Headline", 40.0);
    match trend.change {
        Some(c) => {
            doc.paragraph(0.0, Face::Bold, 12.0, INK, verdict_word(c.class));
            let percent = c
                .percent
                .map_or(String::new(), |p| format!(", {}%", signed(p, 0)));
            doc.paragraph(
                0.0,
                Face::Regular,
                BODY + 1.0,
                INK,
                &format!(
                    "Pain (0–10) {} at baseline (first {} days with entries), {} recently (last {}): \
                     {} points{percent}. Clinically important change: {} points or {}% (Farrar 2001).",
                    label(c.baseline, 1),
                    s.window_days,
                    label(c.recent, 1),
                    s.window_days,
                    signed(c.points, 1),
                    label(s.pain_important_points, 0),
                    label(s.pain_important_percent, 0)
                ),
            );
        }
        None => doc.paragraph(
            0.0,
            Face::Bold,
            11.0,
            INK,
            &format!(
                "Not enough pain entries to judge change yet: {} days with entries are needed.",
                trend.days_needed
            ),
        ),
    }
}

fn pain(doc: &mut Doc, report: &Report) {
    let s = &report.settings;
    doc.heading("Pain trend", 130.0);
    charts::pain_chart(
        doc,
        &report.pain.overall,
        report.first_day,
        report.last_day,
        s,
    );
    doc.paragraph(
        0.0,
        Face::Regular,
        SMALL,
        MUTED,
        &format!(
            "Dots: daily mean ratings; line: centred {}-day moving average; grey columns: the \
             baseline and recent windows; green band: change smaller than clinically important \
             around baseline, its lower edge the level of a clinically important improvement.",
            s.smoothing_half_width * 2 + 1
        ),
    );
    if report.pain.regions.is_empty() {
        return;
    }
    doc.gap(4.0);
    let rows: Vec<Vec<String>> = report
        .pain
        .regions
        .iter()
        .map(|t| {
            let mut row = vec![
                fit(&capitalised(&t.label), Face::Regular, 9.0, 225.0),
                t.entries.to_string(),
            ];
            match t.change {
                Some(c) => row.extend([
                    label(c.baseline, 1),
                    label(c.recent, 1),
                    format!(
                        "{}{}",
                        signed(c.points, 1),
                        c.percent
                            .map_or(String::new(), |p| format!(" ({}%)", signed(p, 0)))
                    ),
                    short_class(c.class).to_string(),
                ]),
                None => row.extend(["–".into(), "–".into(), "–".into(), "too few days".into()]),
            }
            row
        })
        .collect();
    doc.table(
        &[0.0, -265.0, -310.0, -350.0, -410.0, 420.0],
        &[
            "Pain by region",
            "Entries",
            "Baseline",
            "Recent",
            "Change",
            "Verdict",
        ],
        &rows,
    );
}

/// The verdict for a table cell.
fn short_class(class: PainClass) -> &'static str {
    match class {
        PainClass::ImportantImprovement => "important improvement",
        PainClass::SlightImprovement => "slight improvement",
        PainClass::NoClearChange => "no clear change",
        PainClass::SlightWorsening => "slightly worse",
        PainClass::ImportantWorsening => "important worsening",
    }
}

fn where_it_hurt(doc: &mut Doc, report: &Report, chart: &Chart) {
    if report.regions.regions.is_empty() {
        return;
    }
    doc.heading("Where it hurt", 190.0);
    charts::body_map(doc, chart, &report.regions);
}

fn tracked_rows(series: &[Tracked]) -> Vec<Vec<String>> {
    series
        .iter()
        .filter_map(|t| {
            let (first, latest) = (t.first()?, t.latest()?);
            let places = words::decimals(t);
            Some(vec![
                fit(&capitalised(&t.label), Face::Regular, 9.0, 120.0),
                format!(
                    "{}{} ({})",
                    label(first.value, places),
                    t.unit,
                    first.day.format("%b %-d")
                ),
                format!(
                    "{}{} ({})",
                    label(latest.value, places),
                    t.unit,
                    latest.day.format("%b %-d")
                ),
                format!("{}{}", signed(t.change, places), t.unit),
                t.verdict.map_or("–", |v| v.phrase()).to_string(),
            ])
        })
        .collect()
}

fn tracked(doc: &mut Doc, report: &Report) {
    let s = &report.settings;
    let columns = [0.0, 125.0, 215.0, -362.0, 370.0];
    if !report.tracked.thresholds.is_empty() {
        doc.heading("Pressure pain threshold", 40.0);
        doc.paragraph(
            0.0,
            Face::Regular,
            SMALL,
            MUTED,
            &format!(
                "Algometer pressure at which pressing starts to hurt; higher is less tender. \
                 Minimal detectable change {} kg/cm²; smallest change that matters about {} kg/cm².",
                label(s.ppt_mdc, 2),
                label(s.ppt_mcid, 2)
            ),
        );
        doc.table(
            &columns,
            &[
                "Site",
                "First",
                "Latest",
                "Change",
                "Against measurement error",
            ],
            &tracked_rows(&report.tracked.thresholds),
        );
    }
    if !report.tracked.motion.is_empty() {
        doc.heading("Range of motion", 40.0);
        doc.paragraph(
            0.0,
            Face::Regular,
            SMALL,
            MUTED,
            &format!(
                "Degrees per movement; measurement error for neck movements is about {}–{}°.",
                label(s.rom_possible_degrees, 0),
                label(s.rom_clear_degrees, 0)
            ),
        );
        doc.table(
            &columns,
            &[
                "Movement",
                "First",
                "Latest",
                "Change",
                "Against measurement error",
            ],
            &tracked_rows(&report.tracked.motion),
        );
    }
}

fn activities(doc: &mut Doc, report: &Report) {
    if report.tracked.activities.is_empty() {
        return;
    }
    doc.heading("Activities (Patient-Specific Functional Scale, 0–10)", 40.0);
    if let Some(sentence) = words::activities_sentence(report) {
        doc.paragraph(0.0, Face::Regular, BODY, INK, &sentence);
    }
    let rows: Vec<Vec<String>> = tracked_rows(&report.tracked.activities)
        .into_iter()
        .map(|mut row| {
            row.truncate(4);
            row
        })
        .collect();
    doc.table(
        &[0.0, 125.0, 215.0, -362.0],
        &["Activity", "First", "Latest", "Change"],
        &rows,
    );
}

fn adherence(doc: &mut Doc, report: &Report, phrase: Phrase<'_>) {
    let a = &report.adherence;
    if a.sessions == 0 && a.planned_per_day.is_none() {
        return;
    }
    doc.heading("Adherence", 90.0);
    doc.paragraph(
        0.0,
        Face::Regular,
        BODY,
        INK,
        &words::adherence_sentence(a).phrased(phrase),
    );
    doc.gap(4.0);
    charts::adherence_chart(doc, a);
    doc.paragraph(
        0.0,
        Face::Regular,
        SMALL,
        MUTED,
        "Bars: treatment sittings per week; black ticks: the plan's weekly target.",
    );
}

fn response(doc: &mut Doc, report: &Report) {
    let Some(sentence) = words::response_sentence(report) else {
        return;
    };
    doc.heading("Response to treatment", 60.0);
    doc.paragraph(0.0, Face::Regular, BODY, INK, &sentence);
    let r = &report.response;
    let rows = |groups: &[knot_progress::response::Response]| -> Vec<Vec<String>> {
        groups
            .iter()
            .take(6)
            .map(|g| {
                vec![
                    fit(&capitalised(&g.label), Face::Regular, 9.0, 200.0),
                    g.n.to_string(),
                    signed(-g.mean_relief, 1),
                    g.eased.to_string(),
                    g.worsened.to_string(),
                ]
            })
            .collect()
    };
    let columns = [0.0, -250.0, -345.0, -400.0, -470.0];
    if !r.by_trigger_point.is_empty() {
        doc.table(
            &columns,
            &[
                "Trigger point",
                "Sessions",
                "Pain after − before",
                "Eased",
                "Worsened",
            ],
            &rows(&r.by_trigger_point),
        );
    }
    if !r.by_technique.is_empty() {
        doc.table(
            &columns,
            &[
                "Technique and tool",
                "Sessions",
                "Pain after − before",
                "Eased",
                "Worsened",
            ],
            &rows(&r.by_technique),
        );
    }
    doc.paragraph(
        0.0,
        Face::Regular,
        SMALL,
        MUTED,
        "Immediate change only, from sessions with pain rated both before and after.",
    );
}

fn screening(doc: &mut Doc, screening: Option<&ScreeningFlags>) {
    doc.heading("Safety screening", 40.0);
    let Some(s) = screening else {
        doc.paragraph(
            0.0,
            Face::Regular,
            BODY,
            INK,
            "No safety screening on record: the person has not answered Knot's red-flag questions.",
        );
        return;
    };
    doc.paragraph(
        0.0,
        Face::Bold,
        BODY + 1.0,
        INK,
        &format!(
            "Taken {} · outcome: {} · {}",
            s.taken.format("%b %-d, %Y"),
            s.verdict,
            s.headline
        ),
    );
    if !s.advice.is_empty() {
        doc.paragraph(0.0, Face::Regular, BODY, INK, &s.advice);
    }
    if s.flags.is_empty() {
        doc.paragraph(0.0, Face::Regular, BODY, INK, "No flags were raised.");
    }
    for flag in &s.flags {
        doc.bullet(
            BODY,
            INK,
            &format!(
                "{} ({}: {}). {}",
                flag.title,
                flag.severity,
                meaning(&flag.severity),
                flag.message
            ),
        );
    }
    doc.paragraph(
        0.0,
        Face::Regular,
        SMALL,
        MUTED,
        "Flags come from the person's own answers to screening questions for conditions that \
         need medical assessment before self-treatment; they are prompts for the clinician, not \
         findings.",
    );
}

fn not_a_diagnosis(doc: &mut Doc, report: &Report) {
    let s = &report.settings;
    doc.heading("Not a diagnosis", 30.0);
    doc.paragraph(0.0, Face::Regular, BODY, INK, words::NOT_A_DIAGNOSIS);
    doc.gap(3.0);
    doc.paragraph(
        0.0,
        Face::Regular,
        7.0,
        MUTED,
        &format!(
            "Yardsticks: pain, {} points or {}% clinically important (Farrar et al., Pain \
             2001;94:149); pressure pain threshold, MCID {} and MDC {} kg/cm²; range of motion, \
             measurement error {}–{}° (JOSPT 2008;38:640); Patient-Specific Functional Scale, {} \
             points on average (Stratford 1995). Only current diary entries count.",
            label(s.pain_important_points, 0),
            label(s.pain_important_percent, 0),
            label(s.ppt_mcid, 2),
            label(s.ppt_mdc, 2),
            label(s.rom_possible_degrees, 0),
            label(s.rom_clear_degrees, 0),
            label(s.psfs_mean_points, 0)
        ),
    );
}
