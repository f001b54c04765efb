//! Text for the standard Helvetica fonts: Unicode to WinAnsiEncoding bytes, and the advance
//! widths that line wrapping needs (the fonts are not embedded, so their metrics live here).

/// Helvetica's advance widths (1/1000 em) for the printable ASCII range, from Adobe's AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
    556, // '0'..'?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, // '@'..'O'
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
    556, // 'P'..'_'
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556,
    556, // '`'..'o'
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
];

/// Helvetica-Bold's advance widths for the same range.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, //
];

/// The two faces the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// The text in WinAnsiEncoding. Characters WinAnsi lacks are spelled out ("≥" → ">=") or, when
/// there is no fair spelling, replaced by "?", so nothing is silently dropped.
pub fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        match c {
            ' '..='~' => out.push(code as u8),
            '\u{a0}'..='\u{ff}' => out.push(code as u8),
            '€' => out.push(0x80),
            '‚' => out.push(0x82),
            '„' => out.push(0x84),
            '…' => out.push(0x85),
            '‘' => out.push(0x91),
            '’' => out.push(0x92),
            '“' => out.push(0x93),
            '”' => out.push(0x94),
            '•' => out.push(0x95),
            '–' => out.push(0x96),
            '—' => out.push(0x97),
            '™' => out.push(0x99),
            '\t' | '\n' | '\r' | '\u{2009}' | '\u{202f}' => out.push(b' '),
            '−' | '‐' | '‑' => out.push(b'-'),
            '≥' => out.extend_from_slice(b">="),
            '≤' => out.extend_from_slice(b"<="),
            '→' => out.extend_from_slice(b"->"),
            '←' => out.extend_from_slice(b"<-"),
            '≈' => out.extend_from_slice(b"~"),
            _ => out.push(b'?'),
        }
    }
    out
}

/// The width of `text` in points at `size`.
pub fn width(text: &str, face: Face, size: f32) -> f32 {
    let table = match face {
        Face::Regular => &HELVETICA,
        Face::Bold => &HELVETICA_BOLD,
    };
    let units: u32 = win_ansi(text)
        .iter()
        .map(|&b| match b {
            32..=126 => u32::from(table[usize::from(b - 32)]),
            0x96 => 556,
            0x97 | 0x85 => 1000,
            0xb7 => 278,
            0xb0 => 400,
            0xb2 | 0xb3 => 333,
            _ => 556,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// `text` cut with "…" so that it is no wider than `max` points.
pub fn fit(text: &str, face: Face, size: f32, max: f32) -> String {
    if width(text, face, size) <= max {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && width(&format!("{cut}…"), face, size) > max {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// Splits `text` into lines no wider than `max` points, at spaces (a word wider than a whole
/// line stands alone on its line).
pub fn wrap(text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(&candidate, face, size) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_ansi_keeps_dashes_and_superscripts_and_spells_out_the_rest() {
        assert_eq!(win_ansi("3–5 kg/cm²"), b"3\x965 kg/cm\xb2");
        assert_eq!(win_ansi("≥ 2 · −1"), b">= 2 \xb7 -1");
        assert_eq!(win_ansi("✓"), b"?");
    }

    #[test]
    fn wrapping_keeps_every_word_and_stays_within_the_width() {
        let text = "Knot shows what you recorded; it does not diagnose, and a long sentence wraps.";
        let lines = wrap(text, Face::Regular, 10.0, 120.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(width(line, Face::Regular, 10.0) <= 120.0, "{line}");
        }
    }
}
