//! `knot-report-pdf`: the progress report as a PDF a physician can read in two minutes.
//!
//! Pure: it takes a [`knot_progress::Report`] (and, when the person has taken one, the latest
//! safety screening's flags) and gives back the bytes of a one- or two-page A4 PDF — who and
//! which period, the headline against the clinically important difference, the pain trend,
//! where it hurt, pressure threshold, range of motion, adherence, the immediate response to
//! treatment, the screening's flags, and the standing line that Knot does not diagnose. Text
//! uses the standard Helvetica fonts (nothing embedded), charts are vector paths, and there is
//! no clock: the same report gives the same bytes.

#![forbid(unsafe_code)]

mod charts;
mod doc;
mod encode;
mod screening;
mod sections;

use knot_body::chart::Chart;
use knot_progress::{ChartError, Phrase, Report};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};

pub use screening::{Flag, ScreeningFlags};

use doc::{Doc, PAGE_H, PAGE_W};

/// What the report prints beside the analysis.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Whom the report is about (a name or e-mail address), printed under the title.
    pub who: Option<&'a str>,
    /// The latest safety screening, or `None` when the person has not taken one.
    pub screening: Option<&'a ScreeningFlags>,
}

/// The report as PDF bytes. `phrase` words the hints the summary sentences carry, as each
/// front end does for its text.
pub fn pdf_report(
    report: &Report,
    extras: &Extras<'_>,
    phrase: Phrase<'_>,
) -> Result<Vec<u8>, ChartError> {
    let chart = Chart::builtin()?;
    let mut doc = Doc::new();
    sections::write(&mut doc, report, extras, phrase, &chart);
    let footer = format!(
        "Knot progress report · {} – {} · Knot does not diagnose",
        report.first_day.format("%b %-d, %Y"),
        report.last_day.format("%b %-d, %Y")
    );
    Ok(assemble(doc.finish(&footer), &title(report)))
}

/// The document title, also the PDF's Title entry.
fn title(report: &Report) -> String {
    format!(
        "Knot progress report, {} to {}",
        report.first_day.format("%Y-%m-%d"),
        report.last_day.format("%Y-%m-%d")
    )
}

/// Writes the catalog, page tree, fonts and each page's content stream.
fn assemble(pages: Vec<pdf_writer::Content>, title: &str) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first_page = 6;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Knot"));
    for (content, &id) in pages.into_iter().zip(&page_ids) {
        let content_id = Ref::new(id.get() + 1);
        let mut page = pdf.page(id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), regular);
        fonts.pair(Name(b"F2"), bold);
        fonts.finish();
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}
