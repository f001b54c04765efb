//! The report in sentences: the summary lines of the text output and the HTML report, and the
//! `<desc>` of each chart, so that what a chart shows can also be read or heard.

use chrono::NaiveDate;
use knot_care::hint::Hint;

use crate::adherence::Adherence;
use crate::change::{PainChange, PainClass, Verdict};
use crate::names::capitalised;
use crate::pain::PainTrend;
use crate::report::Report;
use crate::response::Response;
use crate::settings::Settings;
use crate::svg::{label, signed};
use crate::tracked::{Tracked, TrackedKind};

/// How a front end words a sentence that carries a [`Hint`]: given the sentence and the hint.
pub type Phrase<'a> = &'a dyn Fn(&str, &Hint) -> String;

/// A sentence and, when it points to something to do, that as a [`Hint`] each front end
/// phrases in its own words (a command, a page, an endpoint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    pub hint: Option<Hint>,
}

impl From<String> for Worded {
    fn from(text: String) -> Worded {
        Worded { text, hint: None }
    }
}

impl Worded {
    /// The sentence with its hint phrased by `phrase` (given the sentence and the hint).
    pub fn phrased(&self, phrase: Phrase<'_>) -> String {
        match &self.hint {
            Some(hint) => phrase(&self.text, hint),
            None => self.text.clone(),
        }
    }
}

/// "−3.3 points, −52%".
fn change_figures(change: &PainChange) -> String {
    let points = format!("{} points", signed(change.points, 1));
    match change.percent {
        Some(percent) => format!("{points}, {}%", signed(percent, 0)),
        None => points,
    }
}

/// The thresholds a pain class was judged by, with the source.
fn pain_criterion(class: PainClass, settings: &Settings) -> String {
    let (points, percent) = match class {
        PainClass::ImportantImprovement | PainClass::ImportantWorsening => (
            settings.pain_important_points,
            settings.pain_important_percent,
        ),
        _ => (settings.pain_slight_points, settings.pain_slight_percent),
    };
    let (relation, joiner) = if class == PainClass::NoClearChange {
        ("less than", "and")
    } else {
        ("≥", "or ≥")
    };
    format!(
        "{relation} {} point{} {joiner} {}%, Farrar 2001",
        label(points, 0),
        if points == 1.0 { "" } else { "s" },
        label(percent, 0)
    )
}

/// One sentence on a pain trend: "Pain fell from 6.4 to 3.1 (−3.3 points, −52%), a clinically
/// important improvement (≥ 2 points or ≥ 30%, Farrar 2001)."
pub fn pain_sentence(trend: &PainTrend, subject: &str, settings: &Settings) -> Worded {
    let Some(change) = trend.change else {
        let days = trend.days.len();
        return Worded {
            text: format!(
                "{subject}: not enough entries yet to judge a change ({days} day{} with entries; \
                 {} needed).",
                if days == 1 { "" } else { "s" },
                trend.days_needed
            ),
            hint: Some(Hint::LogPain),
        };
    };
    let verb = match change.points {
        p if p < 0.0 => "fell",
        p if p > 0.0 => "rose",
        _ => "stayed level",
    };
    let movement = if change.points == 0.0 {
        format!("{subject} {verb} at {}", label(change.baseline, 1))
    } else {
        format!(
            "{subject} {verb} from {} to {}",
            label(change.baseline, 1),
            label(change.recent, 1)
        )
    };
    Worded::from(format!(
        "{movement} ({}), {} ({}).",
        change_figures(&change),
        change.class.phrase(),
        pain_criterion(change.class, settings)
    ))
}

/// The verdict on a first-to-latest change, with its yardstick.
fn tracked_verdict(series: &Tracked, settings: &Settings) -> String {
    let Some(verdict) = series.verdict else {
        return "no known measurement error to judge it by".into();
    };
    let yardstick = match (series.kind, series.unit) {
        (TrackedKind::Threshold, _) => format!(
            "MCID {} and MDC {} kg/cm²",
            label(settings.ppt_mcid, 2),
            label(settings.ppt_mdc, 2)
        ),
        (TrackedKind::Motion, "°") => format!(
            "measurement error {}–{}°",
            label(settings.rom_possible_degrees, 0),
            label(settings.rom_clear_degrees, 0)
        ),
        (TrackedKind::Motion, _) => "the movement's measurement error".into(),
        (TrackedKind::Activity, _) => {
            return match verdict {
                Verdict::ClearlyBetter => format!(
                    "a clinically important gain (≥ {} points, Stratford 1995)",
                    label(settings.psfs_single_points, 0)
                ),
                Verdict::ClearlyWorse => "a clinically important loss".into(),
                _ => format!(
                    "less than the {} points that matter for one activity",
                    label(settings.psfs_single_points, 0)
                ),
            }
        }
    };
    format!("{} ({yardstick})", verdict.phrase())
}

/// The number of decimals a tracked measure is shown with.
pub fn decimals(series: &Tracked) -> usize {
    match series.kind {
        TrackedKind::Threshold => 2,
        TrackedKind::Motion | TrackedKind::Activity => 0,
    }
}

/// One line on a measure followed first-to-latest: "Neck rotation to the right: 55° → 71°
/// (+16°), better, beyond measurement error (measurement error 5–10°)."
pub fn tracked_sentence(series: &Tracked, settings: &Settings) -> String {
    let decimals = decimals(series);
    let value = |v: f64| format!("{}{}", label(v, decimals), series.unit);
    let (Some(first), Some(latest)) = (series.first(), series.latest()) else {
        return format!("{}: no readings.", capitalised(&series.label));
    };
    if series.readings.len() == 1 {
        return format!(
            "{}: {} on {} (one reading so far).",
            capitalised(&series.label),
            value(first.value),
            first.day.format("%b %-d")
        );
    }
    let change = match series.kind {
        TrackedKind::Motion => format!("{}{}", signed(series.change, decimals), series.unit),
        _ => signed(series.change, decimals),
    };
    format!(
        "{}: {} → {} ({change}), {}.",
        capitalised(&series.label),
        value(first.value),
        value(latest.value),
        tracked_verdict(series, settings)
    )
}

/// The functional-scale summary: mean change over the activities.
pub fn activities_sentence(report: &Report) -> Option<String> {
    let tracked = &report.tracked;
    let mean = tracked.activity_mean_change?;
    let counted = tracked
        .activities
        .iter()
        .filter(|a| a.verdict.is_some())
        .count();
    let verdict = if tracked.activity_mean_important {
        "a clinically important change"
    } else {
        "less than a clinically important change"
    };
    Some(format!(
        "Activities (Patient-Specific Functional Scale): mean change {} points over {counted} \
         activit{}, {verdict} (≥ {} points on average, Stratford 1995).",
        signed(mean, 1),
        if counted == 1 { "y" } else { "ies" },
        label(report.settings.psfs_mean_points, 0)
    ))
}

/// The adherence summary.
pub fn adherence_sentence(adherence: &Adherence) -> Worded {
    if adherence.sessions == 0 {
        return Worded {
            text: "Treatment: no guided sessions recorded in this period.".into(),
            hint: Some(Hint::StartSession),
        };
    }
    let weeks = adherence.weeks.len();
    let mut text = format!(
        "Treatment: {} sitting{} ({} session{}) over {weeks} week{}",
        adherence.sittings,
        plural(adherence.sittings),
        adherence.sessions,
        plural(adherence.sessions),
        plural(weeks)
    );
    if let (Some(share), Some(per_day)) = (adherence.share_of_target, adherence.planned_per_day) {
        text.push_str(&format!(
            ", {}% of what the plan asks for ({per_day} sitting{} a day)",
            label(share * 100.0, 0),
            plural(per_day as usize)
        ));
    }
    text.push_str(&format!(
        "; at best {} day{} in a row, longest break {} day{}.",
        adherence.longest_streak,
        plural(adherence.longest_streak as usize),
        adherence.longest_gap,
        plural(adherence.longest_gap as usize)
    ));
    if adherence.short_holds > 0 {
        text.push_str(&format!(
            " {} hold{} done; {} short hold{} (released before {} counted) left out.",
            adherence.holds_done,
            plural(adherence.holds_done),
            adherence.short_holds,
            plural(adherence.short_holds),
            if adherence.short_holds == 1 {
                "it"
            } else {
                "they"
            }
        ));
    }
    if adherence.stopped > 0 {
        text.push_str(&format!(
            " {} session{} ended by a stop rule.",
            adherence.stopped,
            plural(adherence.stopped)
        ));
    }
    Worded::from(text)
}

/// The immediate-response summary.
pub fn response_sentence(report: &Report) -> Option<String> {
    let overall = report.response.overall.as_ref()?;
    let direction = if overall.mean_relief >= 0.0 {
        "lower"
    } else {
        "higher"
    };
    let mut text = format!(
        "Right after a session, pain was on average {} point{} {direction} than before \
         (n\u{a0}=\u{a0}{}; eased after {}, worse after {}).",
        label(overall.mean_relief.abs(), 1),
        if (overall.mean_relief.abs() - 1.0).abs() < 0.05 {
            ""
        } else {
            "s"
        },
        overall.n,
        overall.eased,
        overall.worsened
    );
    if let Some(best) = report.response.by_trigger_point.first() {
        if report.response.by_trigger_point.len() > 1 {
            text.push_str(&format!(
                " Largest for {}: {}.",
                best.label,
                relief_phrase(best)
            ));
        }
    }
    Some(text)
}

/// "2.0 points lower on average (n = 40)".
pub fn relief_phrase(group: &Response) -> String {
    let direction = if group.mean_relief >= 0.0 {
        "lower"
    } else {
        "higher"
    };
    format!(
        "{} points {direction} on average (n\u{a0}=\u{a0}{})",
        label(group.mean_relief.abs(), 1),
        group.n
    )
}

/// Where pain was most often marked.
pub fn regions_sentence(report: &Report) -> Option<String> {
    let regions = &report.regions;
    let top: Vec<String> = regions
        .regions
        .iter()
        .take(4)
        .map(|r| format!("{} ({} days)", r.name, r.days))
        .collect();
    (!top.is_empty()).then(|| {
        format!(
            "Most often marked, out of {} diary days: {}.",
            regions.diary_days,
            top.join(", ")
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The reminder every report carries.
pub const NOT_A_DIAGNOSIS: &str = "Knot shows what you recorded; it does not diagnose. \
If pain is not improving after a few weeks, gets worse, or comes with new symptoms (numbness, \
weakness, fever, night pain), see a physician.";

/// Describes the pain chart for screen readers.
pub fn pain_chart_desc(trend: &PainTrend, first: NaiveDate, last: NaiveDate) -> String {
    let mut text = format!(
        "Daily mean pain on a 0 to 10 scale from {} to {}: {} days with entries, with a smoothed \
         line.",
        first.format("%b %-d, %Y"),
        last.format("%b %-d, %Y"),
        trend.days.len()
    );
    if let Some(change) = trend.change {
        text.push_str(&format!(
            " Baseline {}, recent {} ({}), {}.",
            label(change.baseline, 1),
            label(change.recent, 1),
            change_figures(&change),
            change.class.phrase()
        ));
    }
    text
}

/// Describes a line chart for screen readers.
pub fn tracked_desc(title: &str, series: &[Tracked]) -> String {
    let parts: Vec<String> = series
        .iter()
        .filter_map(|s| {
            let (first, latest) = (s.first()?, s.latest()?);
            Some(format!(
                "{}: from {}{unit} to {}{unit}",
                s.label,
                label(first.value, decimals(s)),
                label(latest.value, decimals(s)),
                unit = s.unit
            ))
        })
        .collect();
    format!("{title} over time. {}.", parts.join("; "))
}

/// Describes the adherence chart for screen readers.
pub fn adherence_desc(adherence: &Adherence) -> String {
    let weeks: Vec<String> = adherence
        .weeks
        .iter()
        .map(|w| match w.target {
            Some(t) => format!("{}: {} of {t}", w.start.format("%b %-d"), w.sittings),
            None => format!("{}: {}", w.start.format("%b %-d"), w.sittings),
        })
        .collect();
    format!("Sittings per week. {}.", weeks.join("; "))
}

/// Describes a response chart for screen readers.
pub fn response_desc(title: &str, groups: &[Response]) -> String {
    let parts: Vec<String> = groups
        .iter()
        .map(|g| {
            format!(
                "{}: {} points (n\u{a0}=\u{a0}{})",
                g.label,
                signed(g.mean_relief, 1),
                g.n
            )
        })
        .collect();
    format!(
        "{title}: mean pain before minus after. {}.",
        parts.join("; ")
    )
}
