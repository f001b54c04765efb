//! The finder's answer written as JSON straight into a byte buffer: the same bytes as
//! `serde_json::to_vec(&result)` (a test holds them equal), several times faster. A cohort study
//! writes hundreds of thousands of answers of about 5 KB each, nearly all of it atlas names and
//! region ids that need no escaping; serde_json looks at every byte of every string one at a
//! time, while [`write_str`] checks a whole string at once and copies it.

use crate::drawing::{TermOutcome, TermReading};
use crate::result::{Candidate, Combination, FindResult, QuestionOut, RedFlag, RedFlagRule};

impl FindResult {
    /// Appends the answer as one line of JSON (no newline) to `out`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"regions\":");
        write_list(out, &self.regions, |out, s| write_str(out, s));
        out.extend_from_slice(b",\"unmatched\":");
        write_list(out, &self.unmatched, |out, s| write_str(out, s));
        out.extend_from_slice(b",\"candidates\":");
        write_list(out, &self.candidates, write_candidate);
        out.extend_from_slice(b",\"combinations\":");
        write_list(out, &self.combinations, write_combination);
        out.extend_from_slice(b",\"questions\":");
        write_list(out, &self.questions, write_question);
        out.extend_from_slice(b",\"terms\":");
        write_list(out, &self.terms, write_term);
        out.extend_from_slice(b",\"red_flags\":");
        write_list(out, &self.red_flags, write_red_flag);
        out.push(b'}');
    }
}

fn write_candidate(out: &mut Vec<u8>, c: &Candidate) {
    out.extend_from_slice(b"{\"rank\":");
    write_usize(out, c.rank);
    out.extend_from_slice(b",\"muscle\":");
    write_str(out, c.muscle);
    out.extend_from_slice(b",\"muscle_id\":");
    write_str(out, c.muscle_id);
    out.extend_from_slice(b",\"trigger_point\":");
    write_str(out, c.trigger_point);
    out.extend_from_slice(b",\"label\":");
    write_str(out, c.label);
    out.extend_from_slice(b",\"side\":");
    write_str(out, c.side.word());
    out.extend_from_slice(b",\"score\":");
    write_f64(out, c.score);
    out.extend_from_slice(b",\"explains\":");
    write_list(out, &c.explains, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"near\":");
    write_list(out, &c.near, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"misses\":");
    write_list(out, &c.misses, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"check\":");
    write_list(out, &c.check, |out, s| write_str(out, s));
    out.push(b'}');
}

fn write_combination(out: &mut Vec<u8>, c: &Combination) {
    out.extend_from_slice(b"{\"trigger_points\":");
    write_list(out, &c.trigger_points, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"muscles\":");
    write_list(out, &c.muscles, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"score\":");
    write_f64(out, c.score);
    out.extend_from_slice(b",\"explains\":");
    write_list(out, &c.explains, |out, s| write_str(out, s));
    out.push(b'}');
}

fn write_question(out: &mut Vec<u8>, q: &QuestionOut) {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &q.id);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &q.text);
    out.extend_from_slice(b",\"separates\":");
    write_list(out, &q.separates, |out, s| write_str(out, s));
    out.extend_from_slice(b",\"gain\":");
    write_f64(out, q.gain);
    out.push(b'}');
}

fn write_term(out: &mut Vec<u8>, t: &TermReading) {
    out.extend_from_slice(b"{\"term\":");
    write_str(out, &t.term);
    out.extend_from_slice(b",\"outcome\":");
    write_str(
        out,
        match t.outcome {
            TermOutcome::Placed => "placed",
            TermOutcome::Widespread => "widespread",
            TermOutcome::NotMusculoskeletal => "not-musculoskeletal",
            TermOutcome::NotUnderstood => "not-understood",
        },
    );
    if let Some(reading) = &t.reading {
        out.extend_from_slice(b",\"reading\":");
        write_str(out, reading);
    }
    if let Some(source) = &t.source {
        out.extend_from_slice(b",\"source\":");
        write_str(out, source);
    }
    out.push(b'}');
}

fn write_red_flag(out: &mut Vec<u8>, f: &RedFlag) {
    out.extend_from_slice(b"{\"symptom\":");
    write_str(out, &f.symptom);
    out.extend_from_slice(b",\"question\":");
    write_str(out, &f.question);
    out.extend_from_slice(b",\"rule\":");
    match &f.rule {
        None => out.extend_from_slice(b"null"),
        Some(rule) => write_rule(out, rule),
    }
    out.push(b'}');
}

fn write_rule(out: &mut Vec<u8>, r: &RedFlagRule) {
    out.extend_from_slice(b"{\"severity\":");
    write_str(out, &r.severity);
    out.extend_from_slice(b",\"title\":");
    write_str(out, &r.title);
    out.extend_from_slice(b",\"message\":");
    write_str(out, &r.message);
    out.extend_from_slice(b",\"hint\":");
    write_str(out, &r.hint);
    out.push(b'}');
}

fn write_list<T>(out: &mut Vec<u8>, items: &[T], write: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// A JSON string. Nearly every string is plain (no quote, backslash or control character) and
/// is copied whole; the rest are escaped by serde_json itself.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if !is_plain(s.as_bytes()) {
        escape_with_serde(out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// True if no byte needs escaping in JSON (a quote, a backslash or a control character),
/// looking at eight bytes at a time.
fn is_plain(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `w` is zero; some byte is below 0x20 (exact for "some", the classic
    // bit tricks).
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH != 0;
    let has_control = |w: u64| w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    let special = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        has_control(w)
            || has_zero(w ^ (ONES * u64::from(b'"')))
            || has_zero(w ^ (ONES * u64::from(b'\\')))
    };
    if bytes.len() < 8 {
        return bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
    }
    // Whole words, then the last eight bytes (overlapping the last whole word) for the rest.
    bytes.chunks_exact(8).all(|chunk| !special(chunk)) && !special(&bytes[bytes.len() - 8..])
}

fn escape_with_serde(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    if serde_json::to_writer(&mut *out, s).is_err() {
        out.extend_from_slice(b"\"\"");
    }
}

fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// A number exactly as serde_json writes it (it prints the shortest form that reads back).
fn write_f64(out: &mut Vec<u8>, x: f64) {
    if serde_json::to_writer(&mut *out, &x).is_err() {
        out.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    fn plain_one_by_one(bytes: &[u8]) -> bool {
        bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
    }

    #[test]
    fn is_plain_agrees_with_a_byte_by_byte_test_for_every_byte_at_every_place() {
        for place in 0..20 {
            for byte in 0..=255u8 {
                let mut bytes = vec![b'a'; 20];
                bytes[place] = byte;
                assert_eq!(
                    is_plain(&bytes),
                    plain_one_by_one(&bytes),
                    "{byte:#x} at {place}"
                );
            }
        }
    }

    #[test]
    fn is_plain_agrees_next_to_high_bytes() {
        for byte in 0..=255u8 {
            let bytes = [0xff, byte, 0x80, 0x21, 0x00, 0xe2, 0x80, 0x94];
            assert_eq!(is_plain(&bytes), plain_one_by_one(&bytes), "{byte:#x}");
            let mut clean = bytes;
            clean[4] = b'x';
            assert_eq!(is_plain(&clean), plain_one_by_one(&clean), "{byte:#x}");
        }
    }
}
