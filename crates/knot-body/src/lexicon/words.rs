//! The words of a term: side words, filler words, soft words, one spelling per word, and the
//! splitting of a term into clauses and parenthesised qualifiers. Phrasings and what people type
//! go through the same functions, so the two meet in the middle.

use crate::scheme::Side;

/// Words that carry no place. Dropped from both phrasings and terms.
pub(super) const FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "my",
    "in",
    "on",
    "at",
    "of",
    "to",
    "into",
    "from",
    "and",
    "or",
    "with",
    "pain",
    "pains",
    "painful",
    "hurt",
    "hurts",
    "hurting",
    "ache",
    "aches",
    "aching",
    "achy",
    "sore",
    "soreness",
    "tender",
    "tenderness",
    "tight",
    "tightness",
    "i",
    "have",
    "has",
    "feel",
    "feels",
    "felt",
    "is",
    "it",
    "its",
    "there",
    "very",
    "really",
    "sided",
    "s",
    "me",
    "some",
    "pressure",
    "discomfort",
];

/// Words that may be left over after matching without being worth a warning. "stiff" is soft
/// rather than filler so that "stiff neck" can be a phrasing of its own.
pub(super) const SOFT: &[&str] = &[
    "side", "edge", "part", "spot", "point", "area", "region", "bit", "just", "whole", "entire",
    "all", "over", "across", "along", "near", "around", "inside", "outside", "deep", "upper",
    "lower", "front", "back", "behind", "top", "bottom", "under", "below", "above", "between",
    "down", "stiff", "muscle",
];

pub(super) fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word)
}

pub(super) fn is_soft(word: &str) -> bool {
    SOFT.contains(&word)
}

pub(super) const LEFT: &[Side] = &[Side::Left];
pub(super) const RIGHT: &[Side] = &[Side::Right];
pub(super) const BOTH: &[Side] = &[Side::Left, Side::Right];

/// Side words and what they mean.
pub(super) fn side_word(word: &str) -> Option<&'static [Side]> {
    match word {
        "left" | "l" | "lt" | "lhs" => Some(LEFT),
        "right" | "r" | "rt" | "rhs" => Some(RIGHT),
        "both" | "bilateral" | "bilaterally" | "each" | "either" => Some(BOTH),
        _ => None,
    }
}

pub(super) fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut out = String::with_capacity(w.len() + 1);
            same_as_into(w, &mut out);
            out
        })
        .collect()
}

/// The one spelling of a word that several spellings share, written into `out`: plurals become
/// singular ("temples" = "temple") and some words mean the same place ("thumb edge" = "thumb
/// side").
pub(super) fn same_as_into(word: &str, out: &mut String) {
    match same_as(word) {
        Same::Word(w) => out.push_str(w),
        Same::Prefix(n) => out.push_str(&word[..n]),
        Same::PrefixY(n) => {
            out.push_str(&word[..n]);
            out.push('y');
        }
    }
}

/// The one spelling of a word, said without allocating: a fixed word, or a prefix of the word
/// typed (followed by "y" for "-ies" plurals). The fast path rewrites its buffer in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Same {
    Word(&'static str),
    Prefix(usize),
    PrefixY(usize),
}

pub(super) fn same_as(word: &str) -> Same {
    let irregular = match word {
        "edge" | "border" => Some("side"),
        "outside" | "outermost" | "lateral" => Some("outer"),
        "inside" | "innermost" | "medial" => Some("inner"),
        "feet" => Some("foot"),
        "teeth" => Some("tooth"),
        "calves" => Some("calf"),
        "halves" => Some("half"),
        "stiffness" => Some("stiff"),
        _ => None,
    };
    if let Some(w) = irregular {
        return Same::Word(w);
    }
    let n = word.len();
    if n <= 3 || word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return Same::Prefix(n);
    }
    // "aches", "headaches": the "-ches" rule below would leave "ach".
    if word.ends_with("aches") {
        return Same::Prefix(n - 1);
    }
    if word.ends_with("ies") {
        return Same::PrefixY(n - 3);
    }
    if ["ses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|ending| word.ends_with(ending))
    {
        return Same::Prefix(n - 2);
    }
    Same::Prefix(if word.ends_with('s') { n - 1 } else { n })
}

pub(super) fn strip_parentheses(text: &str) -> String {
    split_parentheses(text).0
}

/// Splits "left wrist (palm side, thumb edge)" into the main text and its qualifiers.
pub(super) fn split_parentheses(text: &str) -> (String, Vec<String>) {
    let mut main = String::new();
    let mut inner = String::new();
    let mut groups = Vec::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(std::mem::take(&mut inner));
                }
            }
            _ if depth > 0 => inner.push(c),
            _ => main.push(c),
        }
    }
    if depth > 0 {
        groups.push(inner);
    }
    let qualifiers = groups
        .iter()
        .flat_map(|g| g.split([',', ';', '/']))
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect();
    (main, qualifiers)
}

/// Splits a term into clauses that each carry their own side: "left knee and right ankle".
/// "left and right temple" and "neck and shoulder" stay whole.
pub(super) fn split_clauses(text: &str) -> Vec<String> {
    let text = text
        .replace("left and right", "both")
        .replace("right and left", "both")
        .replace("both sides", "both");
    let pieces: Vec<&str> = text
        .split([',', ';', '&', '+'])
        .flat_map(|p| p.split(" and "))
        .collect();
    let sided: Vec<bool> = pieces
        .iter()
        .map(|p| tokenize(p).iter().any(|w| side_word(w).is_some()))
        .collect();
    if sided.iter().filter(|s| **s).count() < 2 {
        return vec![text];
    }
    // Clauses without a side of their own take the side of the clause before them.
    let mut clauses: Vec<String> = Vec::new();
    let mut last_side: Option<String> = None;
    for (piece, has_side) in pieces.iter().zip(sided) {
        if has_side {
            last_side = tokenize(piece).into_iter().find(|w| side_word(w).is_some());
            clauses.push(piece.to_string());
        } else if let Some(side) = &last_side {
            clauses.push(format!("{side} {piece}"));
        } else {
            clauses.push(piece.to_string());
        }
    }
    clauses
}
