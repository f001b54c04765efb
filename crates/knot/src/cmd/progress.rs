//! `knot progress [--since DATE] [--until DATE] [--svg FILE] [--html FILE] [--pdf FILE]
//! [--charts DIR] [--json]`: what the diary and the sessions say about change — a text summary
//! by default, the pain trend chart as SVG, every chart as SVG files, the full report as one
//! HTML file, the one- or two-page PDF for a physician (`knot-report-pdf`, with the latest
//! screening's flags), or the analysis as JSON.
//!
//! Reads through the application layer (`knot_app::App::progress`, the same call as the web);
//! the analysis and rendering are `knot-progress`, pure. Days are counted in the machine's current
//! UTC offset.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, Offset};
use clap::Args;
use knot_progress::{html_report, svg, text_report, Report, Span};
use knot_report_pdf::{pdf_report, Extras, ScreeningFlags};

use crate::cmd::db::{app_failure, block_on, Db};
use crate::cmd::files;
use crate::failure::{bad_input, Failure};
use crate::hints;

/// Arguments of `knot progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// First day to include, YYYY-MM-DD (default: the first record).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Last day to include, YYYY-MM-DD (default: today, or the last record if later).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Write the pain trend chart as SVG to FILE (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Write the full report (charts, tables, summary) as one HTML file.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Write the report for a physician as a one- or two-page PDF (pain trend against the
    /// clinically important change, where it hurt, measures, adherence, response to treatment,
    /// the latest screening's flags).
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Write every chart the report has data for as SVG files into the folder DIR
    /// (pain-trend.svg, where-it-hurt.svg, pressure-threshold.svg, …).
    #[arg(long, value_name = "DIR")]
    charts: Option<PathBuf>,
    /// Print the analysis as JSON instead of the text summary.
    #[arg(long)]
    json: bool,
}

/// Runs `knot progress`.
pub fn run(args: ProgressArgs, db: &Db) -> Result<(), Failure> {
    let now = Local::now();
    let offset = now.offset().fix();
    let since = parse_flag("--since", args.since.as_deref())?;
    let until = parse_flag("--until", args.until.as_deref())?;
    check_outputs(&args)?;
    let span = Span {
        since,
        until,
        offset,
    };
    let (report, screening) = block_on(load(span, now.date_naive(), args.pdf.is_some(), db))?;
    if args.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Other(anyhow::Error::new(e)))?;
        println!("{json}");
    }
    if report.is_empty() {
        let hint = format!(
            "Nothing recorded {}yet, so no report or chart was written. Start with              `knot log pain N` (your pain now, 0–10) once or twice a day; after a week or two,              `knot progress` shows the trend.",
            if since.is_some() || until.is_some() { "in that period " } else { "" }
        );
        // With --json the hint goes to stderr, so that stdout stays valid JSON.
        if args.json {
            eprintln!("{hint}");
        } else {
            println!("{hint}");
        }
        return Ok(());
    }
    if !args.json && args.svg.as_deref() != Some(Path::new("-")) {
        print!("{}", text_report(&report, &hints::with_hint));
    }
    write_files(&args, &report, screening.as_ref())
}

fn parse_flag(flag: &str, text: Option<&str>) -> Result<Option<NaiveDate>, Failure> {
    text.map(|t| parse_date(flag, t)).transpose()
}

/// Refuses output paths that cannot be written, before any work is done.
fn check_outputs(args: &ProgressArgs) -> Result<(), Failure> {
    if args.pdf.as_deref() == Some(Path::new("-")) {
        return Err(bad_input(
            "--pdf needs a file name (a PDF is not for the terminal), e.g. --pdf progress.pdf",
        ));
    }
    for path in [&args.svg, &args.html, &args.pdf].into_iter().flatten() {
        check_writable(path)?;
    }
    match &args.charts {
        Some(dir) if !dir.is_dir() => Err(bad_input(format!(
            "cannot write charts into {}: it is not an existing folder; create it first",
            dir.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes the chart, the chart folder, the HTML report and the PDF the flags ask for.
fn write_files(
    args: &ProgressArgs,
    report: &Report,
    screening: Option<&ScreeningFlags>,
) -> Result<(), Failure> {
    let chart_failure = |e: knot_progress::ChartError| Failure::Other(anyhow::Error::new(e));
    if let Some(path) = &args.svg {
        let chart = svg::pain_chart(
            &report.pain.overall,
            report.first_day,
            report.last_day,
            &report.settings,
            "pain-trend",
        );
        write_output(path, &chart)?;
    }
    if let Some(dir) = &args.charts {
        for (stem, chart) in svg::report_charts(report).map_err(chart_failure)? {
            write_output(&dir.join(format!("{stem}.svg")), &chart)?;
        }
    }
    if let Some(path) = &args.html {
        write_output(
            path,
            &html_report(report, &hints::with_hint_unquoted).map_err(chart_failure)?,
        )?;
    }
    if let Some(path) = &args.pdf {
        let extras = Extras {
            who: None,
            screening,
        };
        let pdf = pdf_report(report, &extras, &hints::with_hint_unquoted).map_err(chart_failure)?;
        files::write_private(path, &pdf)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        bad_input(format!(
            "{flag} {text:?} is not a date: write it as YYYY-MM-DD, e.g. {flag} 2026-09-01"
        ))
    })
}

/// Refuses an output path whose folder does not exist, before any work is done.
fn check_writable(path: &Path) -> Result<(), Failure> {
    if path == Path::new("-") {
        return Ok(());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(bad_input(format!(
            "cannot write {}: it is a folder; give a file name, e.g. {}",
            path.display(),
            path.join("report.html").display()
        )));
    }
    if !folder.is_dir() {
        return Err(bad_input(format!(
            "cannot write {}: the folder {} does not exist; create it or choose another path",
            path.display(),
            folder.display()
        )));
    }
    Ok(())
}

fn write_output(path: &Path, content: &str) -> Result<(), Failure> {
    if path == Path::new("-") {
        print!("{content}");
        return Ok(());
    }
    write_private(path, content).map_err(|e| {
        bad_input(format!(
            "cannot write {}: {e}; check that you may write there, or choose another path",
            path.display()
        ))
    })?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Writes a report readable by its owner alone: it is health data. A file that already exists
/// keeps the owner's choice of permissions.
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

/// Reads the records and analyses them; with `screening`, also the latest screening's flags
/// (the PDF prints them).
async fn load(
    span: Span,
    today: NaiveDate,
    screening: bool,
    db: &Db,
) -> Result<(Report, Option<ScreeningFlags>), Failure> {
    let opened = db.open().await?;
    let report = opened
        .app
        .progress(&opened.ctx, span, today)
        .await
        .map_err(app_failure)?;
    if !screening {
        return Ok((report, None));
    }
    let flags = opened
        .app
        .latest_screening(&opened.ctx)
        .await
        .map_err(app_failure)?
        .map(|judged| {
            let taken = judged
                .screening
                .created_at
                .with_timezone(&span.offset)
                .date_naive();
            ScreeningFlags::from_outcome(taken, &judged.outcome)
        });
    Ok((report, flags))
}
