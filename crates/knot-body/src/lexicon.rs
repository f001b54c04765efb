//! Plain words to regions: "back of my left knee" → `left-back-of-knee`.
//!
//! A term is read in four steps:
//! 1. parenthetical qualifiers are split off ("left jaw joint (TMJ)");
//! 2. side words are taken out ("left", "r", "both"), filler words dropped ("my", "pain in"),
//!    plurals made singular;
//! 3. the remaining words are covered by known phrasings, longest first, *ignoring word order*
//!    ("back of the knee" and "knee, back" are the same phrasing);
//! 4. the matched templates become region ids on the side(s) named — both sides when none is.
//!
//! Words that match nothing are never dropped silently: a term with no match is reported as not
//! understood (with near matches to suggest), and unknown words next to a match are reported as
//! ignored.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::scheme::{Scheme, Side};

const BUILTIN_TOML: &str = include_str!("../data/lexicon.toml");

/// Words that carry no place. Dropped from both phrasings and terms.
const FILLERS: &[&str] = &[
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
    "stiff",
    "stiffness",
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

/// Words that may be left over after matching without being worth a warning.
const SOFT: &[&str] = &[
    "side", "edge", "part", "spot", "point", "area", "region", "bit", "just", "whole", "entire",
    "all", "over", "across", "along", "near", "around", "inside", "outside", "deep", "upper",
    "lower", "front", "back", "behind", "top", "bottom", "under", "below", "above", "between",
];

/// Parenthesised qualifiers read per term. A real term has one or two ("left wrist (palm side,
/// thumb edge)"); each is read against every clause, so without a bound a long term typed into a
/// web form costs clauses × qualifiers (2 s at 16 KB, minutes at 64 KB; found while fuzzing the
/// lexicon). Qualifiers past this are passed over, their words reported as ignored.
const MAX_QUALIFIERS: usize = 8;

/// Distinct words compared with every phrasing for suggestions when nothing matched: a typo is
/// among a term's first few words, and each word costs a comparison with each phrasing.
const MAX_SUGGESTION_WORDS: usize = 8;

/// Side words and what they mean.
fn side_word(word: &str) -> Option<&'static [Side]> {
    const LEFT: &[Side] = &[Side::Left];
    const RIGHT: &[Side] = &[Side::Right];
    const BOTH: &[Side] = &[Side::Left, Side::Right];
    match word {
        "left" | "l" | "lt" | "lhs" => Some(LEFT),
        "right" | "r" | "rt" | "rhs" => Some(RIGHT),
        "both" | "bilateral" | "bilaterally" | "each" | "either" => Some(BOTH),
        _ => None,
    }
}

/// What one term resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The term as given.
    pub term: String,
    /// Region ids, in scheme order, without repeats. Empty when nothing was understood.
    pub regions: Vec<String>,
    /// Words that matched nothing and were passed over.
    pub ignored: Vec<String>,
    /// Near matches for words not understood ("tempel" → "temple").
    pub suggestions: Vec<String>,
}

impl Resolution {
    /// True if the term named at least one region.
    pub fn understood(&self) -> bool {
        !self.regions.is_empty()
    }
}

/// A problem with the lexicon data; the tests keep the embedded lexicon valid.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("lexicon.toml is not valid: {0}")]
    Parse(String),
    #[error("lexicon phrasing `{phrase}` names unknown region `{region}`")]
    UnknownRegion { phrase: String, region: String },
    #[error("lexicon phrasing `{0}` is empty once filler words are dropped")]
    EmptyPhrase(String),
    #[error("lexicon phrasings `{0}` and `{1}` read the same but name different regions")]
    Conflict(String, String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    entry: Vec<EntryFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    phrases: Vec<String>,
    regions: Vec<String>,
}

/// One known phrasing: a bag of words and the region templates it names.
#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    words: Vec<String>,
    bases: Vec<String>,
}

/// The word-to-region lexicon over a scheme.
#[derive(Debug)]
pub struct Lexicon {
    scheme: &'static Scheme,
    phrases: Vec<Phrase>,
    /// Word → indices (ascending) of the phrasings that contain it, so a clause is matched
    /// against the few phrasings its words could complete rather than every one.
    phrases_with_word: HashMap<String, Vec<usize>>,
    vocabulary: BTreeSet<String>,
}

impl Lexicon {
    /// The lexicon embedded in the binary, over the built-in scheme.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Lexicon::parse(BUILTIN_TOML, Scheme::builtin())
                .unwrap_or_else(|e| panic!("embedded lexicon.toml is invalid: {e}"))
        })
    }

    /// Parses a lexicon in the format of `data/lexicon.toml`; region names of the scheme are
    /// added as phrasings where the file does not already say the same words.
    pub fn parse(text: &str, scheme: &'static Scheme) -> Result<Lexicon, LexiconError> {
        let file: LexiconFile =
            toml::from_str(text).map_err(|e| LexiconError::Parse(e.message().to_string()))?;
        let mut by_words: HashMap<Vec<String>, usize> = HashMap::new();
        let mut phrases: Vec<Phrase> = Vec::new();
        for entry in &file.entry {
            for base in &entry.regions {
                if scheme.sided(base, Side::Right).is_none() {
                    return Err(LexiconError::UnknownRegion {
                        phrase: entry.phrases.join(" / "),
                        region: base.clone(),
                    });
                }
            }
            for text in &entry.phrases {
                let phrase = phrase_of(text, &entry.regions)?;
                if let Some(&other) = by_words.get(&phrase.words) {
                    if phrases[other].bases != phrase.bases {
                        return Err(LexiconError::Conflict(
                            phrases[other].text.clone(),
                            text.clone(),
                        ));
                    }
                    continue;
                }
                by_words.insert(phrase.words.clone(), phrases.len());
                phrases.push(phrase);
            }
        }
        for base in scheme.bases() {
            let Some(region) = scheme.sided(base, Side::Right).map(|i| scheme.region(i)) else {
                continue;
            };
            let named = strip_parentheses(&region.name.replace(region.side.word(), ""));
            for text in [named, base.replace('-', " ")] {
                if let Ok(phrase) = phrase_of(&text, &[base.to_string()]) {
                    if !by_words.contains_key(&phrase.words) {
                        by_words.insert(phrase.words.clone(), phrases.len());
                        phrases.push(phrase);
                    }
                }
            }
        }
        // Longest phrasings first: "back of the knee" must win over "back" and "knee".
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        let vocabulary = phrases
            .iter()
            .flat_map(|p| p.words.iter().cloned())
            .collect();
        let mut phrases_with_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, phrase) in phrases.iter().enumerate() {
            for word in &phrase.words {
                let list = phrases_with_word.entry(word.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Ok(Lexicon {
            scheme,
            phrases,
            phrases_with_word,
            vocabulary,
        })
    }

    /// The scheme this lexicon names regions of.
    pub fn scheme(&self) -> &'static Scheme {
        self.scheme
    }

    /// Every word the lexicon knows.
    pub fn vocabulary(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.iter().map(String::as_str)
    }

    /// Resolves one term ("behind my right eye", "both temples", "left jaw joint (TMJ)").
    pub fn resolve(&self, term: &str) -> Resolution {
        let lowered = term.to_lowercase().replace(['\u{2019}', '\''], "");
        let (main, mut qualifiers) = split_parentheses(&lowered);
        let mut regions = BTreeSet::new();
        let mut ignored = Vec::new();
        if qualifiers.len() > MAX_QUALIFIERS {
            let passed_over = qualifiers.split_off(MAX_QUALIFIERS);
            ignored.extend(passed_over.iter().flat_map(|q| tokenize(q)));
        }
        for clause in split_clauses(&main) {
            let read = self.read_clause(&clause, &qualifiers);
            regions.extend(read.0);
            ignored.extend(read.1);
        }
        ignored.sort();
        ignored.dedup();
        let suggestions = if regions.is_empty() {
            self.suggest(&lowered)
        } else {
            Vec::new()
        };
        Resolution {
            term: term.to_string(),
            regions: regions
                .into_iter()
                .map(|i| self.scheme.region(i).id.clone())
                .collect(),
            ignored,
            suggestions,
        }
    }

    /// Reads one clause with the qualifiers of its term: region indices and ignored words.
    fn read_clause(&self, clause: &str, qualifiers: &[String]) -> (BTreeSet<usize>, Vec<String>) {
        let (sides, words) = self.words_and_sides(clause);
        let (main_bases, mut ignored) = self.cover(&words);
        let mut bases = main_bases.clone();
        let mut refined = Vec::new();
        for qualifier in qualifiers {
            let (_, q_words) = self.words_and_sides(qualifier);
            let mut with_main = q_words.clone();
            with_main.extend(words.iter().cloned());
            let (q_bases, q_ignored) = self.cover(&with_main);
            let contributed = q_words
                .iter()
                .any(|w| !q_ignored.contains(w) && !SOFT.contains(&w.as_str()));
            if contributed {
                refined.extend(q_bases);
            } else {
                ignored.extend(q_ignored.into_iter().filter(|w| q_words.contains(w)));
            }
        }
        if !refined.is_empty() {
            bases = refined;
        }
        let sides: &[Side] = if sides.is_empty() {
            &[Side::Left, Side::Right]
        } else {
            &sides
        };
        let mut regions = BTreeSet::new();
        for base in &bases {
            for &side in sides {
                if let Some(i) = self.scheme.sided(base, side) {
                    regions.insert(i);
                }
            }
        }
        (regions, ignored)
    }

    /// Side words found, and the remaining place words (fillers dropped, plurals singular).
    fn words_and_sides(&self, text: &str) -> (Vec<Side>, Vec<String>) {
        let mut sides = BTreeSet::new();
        let mut words = Vec::new();
        for word in tokenize(text) {
            if let Some(named) = side_word(&word) {
                sides.extend(named.iter().copied());
            } else if !FILLERS.contains(&word.as_str()) {
                words.push(word);
            }
        }
        (sides.into_iter().collect(), words)
    }

    /// Covers the words with phrasings: each step takes the phrasing that uses the most words,
    /// then the one whose words stand closest together ("side of the back of the neck" reads as
    /// back of the neck). A phrasing of only modifier words ("back", "side") stands alone only
    /// when nothing else matched. Returns the templates named and the words no phrasing used
    /// (soft words left over are not reported).
    fn cover(&self, words: &[String]) -> (Vec<String>, Vec<String>) {
        let mut unused: Vec<Option<&str>> = words.iter().map(|w| Some(w.as_str())).collect();
        // Only phrasings sharing a word with the clause can match; kept in the lexicon's order
        // so ties break exactly as a scan of every phrasing would.
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.phrases_with_word.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut bases = Vec::new();
        loop {
            let matched_any = !bases.is_empty();
            let best = candidates
                .iter()
                .map(|&i| &self.phrases[i])
                .filter(|p| !(matched_any && p.words.iter().all(|w| SOFT.contains(&w.as_str()))))
                // A broad word that only restates a place already named ("back of the thigh,
                // just above the knee" also says "thigh") adds nothing.
                .filter(|p| !p.bases.iter().any(|b| bases.contains(b)))
                .filter_map(|p| positions_of(&unused, &p.words).map(|pos| (p, pos)))
                .min_by_key(|(p, pos)| (std::cmp::Reverse(p.words.len()), span(pos)));
            let Some((phrase, positions)) = best else {
                break;
            };
            for i in positions {
                unused[i] = None;
            }
            bases.extend(phrase.bases.iter().cloned());
        }
        let ignored = unused
            .into_iter()
            .flatten()
            .filter(|w| !SOFT.contains(w))
            .map(str::to_string)
            .collect();
        (bases, ignored)
    }

    /// Known phrasings close to what was typed, best first.
    fn suggest(&self, text: &str) -> Vec<String> {
        let (_, all_words) = self.words_and_sides(text);
        let mut words: Vec<&str> = Vec::new();
        for word in &all_words {
            if words.len() == MAX_SUGGESTION_WORDS {
                break;
            }
            if !words.contains(&word.as_str()) {
                words.push(word);
            }
        }
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for phrase in &self.phrases {
            let score = words
                .iter()
                .flat_map(|w| phrase.words.iter().map(move |p| strsim::jaro_winkler(w, p)))
                .fold(0.0, f64::max);
            if score >= 0.85 {
                scored.push((score, phrase.text.as_str()));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
        let mut out: Vec<String> = Vec::new();
        for (_, text) in scored {
            if !out.iter().any(|o| o == text) {
                out.push(text.to_string());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// Where each word of a phrasing stands among the unused words, if all are there.
fn positions_of(unused: &[Option<&str>], needed: &[String]) -> Option<Vec<usize>> {
    let mut positions: Vec<usize> = Vec::with_capacity(needed.len());
    for word in needed {
        let i = unused
            .iter()
            .enumerate()
            .position(|(i, w)| *w == Some(word.as_str()) && !positions.contains(&i))?;
        positions.push(i);
    }
    Some(positions)
}

fn span(positions: &[usize]) -> usize {
    let lo = positions.iter().min().copied().unwrap_or(0);
    let hi = positions.iter().max().copied().unwrap_or(0);
    hi - lo
}

fn phrase_of(text: &str, bases: &[String]) -> Result<Phrase, LexiconError> {
    let mut words: Vec<String> = tokenize(&text.to_lowercase().replace('\'', ""))
        .into_iter()
        .filter(|w| !FILLERS.contains(&w.as_str()) && side_word(w).is_none())
        .collect();
    if words.is_empty() {
        return Err(LexiconError::EmptyPhrase(text.to_string()));
    }
    words.sort();
    Ok(Phrase {
        text: text.to_string(),
        words,
        bases: bases.to_vec(),
    })
}

fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(same_as)
        .collect()
}

/// The one spelling of a word that several spellings share: plurals become singular
/// ("temples" = "temple") and some words mean the same place ("thumb edge" = "thumb side").
/// Applied alike to phrasings and to what people type, so both meet in the middle.
fn same_as(word: &str) -> String {
    let irregular = match word {
        "edge" | "border" => Some("side"),
        "outside" | "outermost" | "lateral" => Some("outer"),
        "inside" | "innermost" | "medial" => Some("inner"),
        "feet" => Some("foot"),
        "teeth" => Some("tooth"),
        "calves" => Some("calf"),
        "halves" => Some("half"),
        _ => None,
    };
    if let Some(w) = irregular {
        return w.to_string();
    }
    if word.len() <= 3 || word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["ses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

fn strip_parentheses(text: &str) -> String {
    split_parentheses(text).0
}

/// Splits "left wrist (palm side, thumb edge)" into the main text and its qualifiers.
fn split_parentheses(text: &str) -> (String, Vec<String>) {
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
fn split_clauses(text: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// "left neck and right knee and … (qual/qual/…)": every clause read against every
    /// qualifier made this take seconds at 16 KB before qualifiers were bounded.
    fn many_clauses_and_qualifiers(n: usize) -> String {
        let clauses: Vec<String> = (0..n)
            .map(|i| format!("{} neck", if i % 2 == 0 { "left" } else { "right" }))
            .collect();
        let qualifiers: Vec<String> = (0..n).map(|i| format!("qual{i}")).collect();
        format!("{} ({})", clauses.join(" and "), qualifiers.join("/"))
    }

    #[test]
    fn qualifiers_past_the_bound_are_reported_as_ignored() {
        let term = many_clauses_and_qualifiers(MAX_QUALIFIERS + 2);
        let resolution = Lexicon::builtin().resolve(&term);
        assert!(resolution.understood(), "{resolution:?}");
        let last = format!("qual{}", MAX_QUALIFIERS + 1);
        assert!(resolution.ignored.contains(&last), "{resolution:?}");
    }

    #[test]
    fn a_long_term_resolves_in_bounded_time() {
        let lexicon = Lexicon::builtin();
        let long_clauses = many_clauses_and_qualifiers(1500);
        let long_typos = "tempel shoulda nek kneee backk elbo ".repeat(1800);
        for term in [long_clauses, long_typos] {
            let started = std::time::Instant::now();
            lexicon.resolve(&term);
            // Minutes before the bounds, milliseconds after; the margin is for slow machines
            // and unoptimised builds.
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "{} chars took {:?}",
                term.len(),
                started.elapsed()
            );
        }
    }
}
