//! A4 pages filled from the top: a cursor that text and charts advance, a new page when the
//! next block does not fit, and the page furniture (running footer with page numbers).

use pdf_writer::{Content, Name, Str};

use crate::encode::{width, win_ansi, wrap, Face};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 46.0;
/// The width text and charts may use.
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Where the running footer sits; the body stops above it.
const FOOTER_Y: f32 = 28.0;
const BOTTOM: f32 = 50.0;

/// Colours as RGB fractions.
pub type Rgb = (f32, f32, f32);
pub const INK: Rgb = (0.12, 0.16, 0.2);
pub const MUTED: Rgb = (0.32, 0.38, 0.43);
pub const RULE: Rgb = (0.8, 0.82, 0.85);

/// The pages so far and where the next block starts.
pub struct Doc {
    pages: Vec<Content>,
    /// Distance of the next block's top from the page's bottom edge.
    pub y: f32,
}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Doc")
            .field("pages", &self.pages.len())
            .field("y", &self.y)
            .finish()
    }
}

fn font_name(face: Face) -> Name<'static> {
    match face {
        Face::Regular => Name(b"F1"),
        Face::Bold => Name(b"F2"),
    }
}

impl Doc {
    pub fn new() -> Doc {
        Doc {
            pages: vec![Content::new()],
            y: PAGE_H - MARGIN,
        }
    }

    /// The page being drawn on.
    pub fn page(&mut self) -> &mut Content {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Content::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    /// One line of text with its baseline at (`x`, `y`).
    pub fn text_at(&mut self, x: f32, y: f32, face: Face, size: f32, colour: Rgb, text: &str) {
        draw_text(self.page(), x, y, face, size, colour, text);
    }

    /// One line of text right-aligned at `right`.
    pub fn text_right(
        &mut self,
        right: f32,
        y: f32,
        face: Face,
        size: f32,
        colour: Rgb,
        text: &str,
    ) {
        let x = right - width(text, face, size);
        self.text_at(x, y, face, size, colour, text);
    }

    /// A wrapped paragraph from `x` (indented from the margin) across the rest of the width.
    pub fn paragraph(&mut self, indent: f32, face: Face, size: f32, colour: Rgb, text: &str) {
        let leading = size * 1.3;
        for line in wrap(text, face, size, TEXT_W - indent) {
            self.room(leading);
            self.y -= size;
            self.text_at(MARGIN + indent, self.y, face, size, colour, &line);
            self.y -= leading - size;
        }
    }

    /// A bulleted paragraph.
    pub fn bullet(&mut self, size: f32, colour: Rgb, text: &str) {
        self.room(size * 1.3);
        let top = self.y;
        self.text_at(MARGIN + 2.0, top - size, Face::Regular, size, colour, "•");
        self.paragraph(10.0, Face::Regular, size, colour, text);
    }

    /// A section heading with a rule under it; keeps at least `keep` points of what follows on
    /// the same page.
    pub fn heading(&mut self, text: &str, keep: f32) {
        self.room(28.0 + keep);
        self.y -= 10.0;
        self.y -= 12.0;
        self.text_at(MARGIN, self.y, Face::Bold, 12.0, INK, text);
        self.y -= 4.0;
        self.hline(MARGIN, MARGIN + TEXT_W, self.y, RULE, 0.6);
        self.y -= 6.0;
    }

    /// Vertical space.
    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, colour: Rgb, width: f32) {
        let page = self.page();
        page.save_state();
        page.set_stroke_rgb(colour.0, colour.1, colour.2);
        page.set_line_width(width);
        page.move_to(x0, y);
        page.line_to(x1, y);
        page.stroke();
        page.restore_state();
    }

    /// A table: a bold header row and rows of cells at the given column x offsets (from the
    /// margin); a cell whose offset is negative is right-aligned at that distance's absolute.
    pub fn table(&mut self, columns: &[f32], header: &[&str], rows: &[Vec<String>]) {
        let size = 9.0;
        let row_h = 13.0;
        self.room(row_h * 2.0);
        self.row(
            columns,
            Face::Bold,
            size,
            header.iter().map(|s| s.to_string()),
        );
        self.hline(MARGIN, MARGIN + TEXT_W, self.y + 3.0, RULE, 0.5);
        for row in rows {
            self.room(row_h);
            self.row(columns, Face::Regular, size, row.iter().cloned());
        }
        self.gap(4.0);
    }

    fn row(&mut self, columns: &[f32], face: Face, size: f32, cells: impl Iterator<Item = String>) {
        self.y -= 13.0;
        let y = self.y + 3.0;
        for (cell, &at) in cells.zip(columns) {
            if at < 0.0 {
                self.text_right(MARGIN - at, y, face, size, INK, &cell);
            } else {
                self.text_at(MARGIN + at, y, face, size, INK, &cell);
            }
        }
    }

    /// The pages, each with the running footer ("… · page 1 of 2").
    pub fn finish(mut self, footer: &str) -> Vec<Content> {
        let total = self.pages.len();
        for (n, page) in self.pages.iter_mut().enumerate() {
            draw_text(page, MARGIN, FOOTER_Y, Face::Regular, 7.5, MUTED, footer);
            let number = format!("page {} of {total}", n + 1);
            let x = MARGIN + TEXT_W - width(&number, Face::Regular, 7.5);
            draw_text(page, x, FOOTER_Y, Face::Regular, 7.5, MUTED, &number);
        }
        self.pages
    }
}

fn draw_text(page: &mut Content, x: f32, y: f32, face: Face, size: f32, colour: Rgb, text: &str) {
    let bytes = win_ansi(text);
    page.begin_text();
    page.set_fill_rgb(colour.0, colour.1, colour.2);
    page.set_font(font_name(face), size);
    page.next_line(x, y);
    page.show(Str(&bytes));
    page.end_text();
}
