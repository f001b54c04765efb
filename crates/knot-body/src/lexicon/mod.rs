//! Plain words to regions: "back of my left knee" → `left-back-of-knee`.
//!
//! A term is read in four steps:
//! 1. parenthetical qualifiers are split off ("left jaw joint (TMJ)");
//! 2. side words are taken out ("left", "r", "both"), filler words dropped ("my", "pain in"),
//!    plurals made singular ([`words`]);
//! 3. the remaining words are covered by known phrasings, longest first, *ignoring word order*
//!    ("back of the knee" and "knee, back" are the same phrasing) ([`cover`]);
//! 4. the matched templates become region ids on the side(s) named — both sides when none is.
//!
//! Most terms are exactly one phrasing; [`fast`] answers those with one hash lookup and no
//! allocation, and the full path above reads the rest. Symptom words carry a reading ("tennis
//! elbow: read as …") with its source, and some words are understood but name no place
//! ("everywhere" is widespread pain, "heartburn" is not a muscle's place).
//!
//! Words that match nothing are never dropped silently: a term with no match is reported as not
//! understood (with near matches to suggest), and unknown words next to a match are reported as
//! ignored.

mod cache;
mod cover;
mod data;
mod fast;
mod resolution;
mod suggest;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

pub use resolution::{LexiconError, Reading, Resolution, Unplaced};

use crate::scheme::{Scheme, Side};
use data::{EntryInfo, Phrase};
use words::{is_filler, is_soft, side_word, split_clauses, split_parentheses, tokenize};

const BUILTIN_TOML: &str = include_str!("../../data/lexicon.toml");

/// Parenthesised qualifiers read per term. A real term has one or two ("left wrist (palm side,
/// thumb edge)"); each is read against every clause, so without a bound a long term typed into a
/// web form costs clauses × qualifiers (2 s at 16 KB, minutes at 64 KB; found while fuzzing the
/// lexicon). Qualifiers past this are passed over, their words reported as ignored.
const MAX_QUALIFIERS: usize = 8;

/// The word-to-region lexicon over a scheme.
#[derive(Debug)]
pub struct Lexicon {
    scheme: &'static Scheme,
    phrases: Vec<Phrase>,
    /// Phrasings understood but naming no place, tried only when a term placed nothing.
    unplaced: Vec<Phrase>,
    entries: Vec<EntryInfo>,
    /// Word → indices (ascending) of the phrasings that contain it, so a clause is matched
    /// against the few phrasings its words could complete rather than every one.
    phrases_with_word: fast::FxMap<String, Vec<usize>>,
    /// Template id → its region index on the left and on the right (the same for midline).
    base_regions: fast::FxMap<String, [Option<usize>; 2]>,
    vocabulary: BTreeSet<String>,
    exact: fast::Exact,
}

/// What [`Lexicon::place`] found for one term, beside the region indices it wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// At least one region was named.
    pub placed: bool,
    /// Understood, but names no place.
    pub unplaced: Option<Unplaced>,
    /// Readings of symptom words in the term.
    pub readings: Vec<Reading>,
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
        let parsed = data::parse(text, scheme)?;
        let phrases = parsed.phrases;
        let vocabulary = phrases
            .iter()
            .chain(&parsed.unplaced)
            .flat_map(|p| p.words.iter().cloned())
            .collect();
        let mut phrases_with_word: fast::FxMap<String, Vec<usize>> = Default::default();
        let mut base_regions: fast::FxMap<String, [Option<usize>; 2]> = Default::default();
        for (i, phrase) in phrases.iter().enumerate() {
            for word in &phrase.words {
                let list = phrases_with_word.entry(word.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for base in &phrase.bases {
                base_regions.entry(base.clone()).or_insert_with(|| {
                    [
                        scheme.sided(base, Side::Left),
                        scheme.sided(base, Side::Right),
                    ]
                });
            }
        }
        let exact = fast::Exact::build(&phrases, scheme);
        Ok(Lexicon {
            scheme,
            phrases,
            unplaced: parsed.unplaced,
            entries: parsed.entries,
            phrases_with_word,
            base_regions,
            vocabulary,
            exact,
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

    /// Every reading the lexicon holds, for review and tests.
    pub fn readings(&self) -> impl Iterator<Item = &Reading> {
        self.entries.iter().filter_map(|e| e.reading.as_ref())
    }

    /// Reads one term into region indices appended to `regions` (ascending, without repeats
    /// within the term): the path a drawing in words takes. Exactly one phrasing costs one hash
    /// lookup; anything else is read by [`Lexicon::resolve`].
    pub fn place(&self, term: &str, regions: &mut Vec<usize>) -> Placement {
        if let Some(hit) = self.exact.lookup(term) {
            regions.extend_from_slice(hit.regions);
            let entry = &self.entries[self.phrases[hit.phrase].entry];
            return Placement {
                placed: true,
                unplaced: None,
                readings: entry.reading.iter().cloned().collect(),
            };
        }
        cache::place(self, term, regions, |term| {
            let resolution = self.resolve(term);
            let indices = resolution
                .regions
                .iter()
                .filter_map(|id| self.scheme.index_of(id))
                .collect();
            let placement = Placement {
                placed: resolution.understood(),
                unplaced: resolution.unplaced,
                readings: resolution.readings,
            };
            (indices, placement)
        })
    }

    /// Resolves one term ("behind my right eye", "both temples", "left jaw joint (TMJ)").
    pub fn resolve(&self, term: &str) -> Resolution {
        let lowered = term.to_lowercase().replace(['\u{2019}', '\''], "");
        let (main, mut qualifiers) = split_parentheses(&lowered);
        let mut regions = BTreeSet::new();
        let mut ignored = Vec::new();
        let mut used: Vec<usize> = Vec::new();
        if qualifiers.len() > MAX_QUALIFIERS {
            let passed_over = qualifiers.split_off(MAX_QUALIFIERS);
            ignored.extend(passed_over.iter().flat_map(|q| tokenize(q)));
        }
        for clause in split_clauses(&main) {
            let read = self.read_clause(&clause, &qualifiers);
            regions.extend(read.regions);
            ignored.extend(read.ignored);
            used.extend(read.phrases);
        }
        ignored.sort();
        ignored.dedup();
        let mut unplaced = None;
        let mut readings = self.readings_of(used.iter().map(|&i| &self.phrases[i]));
        if regions.is_empty() {
            if let Some(phrase) = self.unplaced_phrase(&main) {
                unplaced = self.entries[phrase.entry].unplaced;
                readings = self.readings_of(std::iter::once(phrase));
                ignored.retain(|w| !phrase.words.contains(w));
            }
        }
        let suggestions = if regions.is_empty() && unplaced.is_none() {
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
            readings,
            unplaced,
        }
    }

    /// The readings the phrasings carry, each once.
    fn readings_of<'a>(&'a self, phrases: impl Iterator<Item = &'a Phrase>) -> Vec<Reading> {
        let mut entries: Vec<usize> = Vec::new();
        for phrase in phrases {
            if self.entries[phrase.entry].reading.is_some() && !entries.contains(&phrase.entry) {
                entries.push(phrase.entry);
            }
        }
        entries
            .into_iter()
            .filter_map(|e| self.entries[e].reading.clone())
            .collect()
    }

    /// The longest phrasing naming no place whose words all appear in the text.
    fn unplaced_phrase(&self, text: &str) -> Option<&Phrase> {
        let (_, words) = self.words_and_sides(text);
        self.unplaced
            .iter()
            .filter(|p| p.words.iter().all(|w| words.contains(w)))
            .max_by_key(|p| p.words.len())
    }

    /// Reads one clause with the qualifiers of its term.
    fn read_clause(&self, clause: &str, qualifiers: &[String]) -> ClauseRead {
        let (sides, words) = self.words_and_sides(clause);
        let main = self.cover(&words);
        let mut ignored = main.ignored;
        let mut phrases = main.phrases;
        let mut refined = Vec::new();
        for qualifier in qualifiers {
            let (_, q_words) = self.words_and_sides(qualifier);
            let mut with_main = q_words.clone();
            with_main.extend(words.iter().cloned());
            let q = self.cover(&with_main);
            let contributed = q_words
                .iter()
                .any(|w| !q.ignored.contains(w) && !is_soft(w));
            if contributed {
                refined.extend(q.phrases);
            } else {
                ignored.extend(q.ignored.into_iter().filter(|w| q_words.contains(w)));
            }
        }
        if !refined.is_empty() {
            phrases = refined;
        }
        let (left, right) = match sides.as_slice() {
            [Side::Left] => (true, false),
            [Side::Right] => (false, true),
            _ => (true, true),
        };
        let mut regions = BTreeSet::new();
        for base in phrases.iter().flat_map(|&i| &self.phrases[i].bases) {
            if let Some([on_left, on_right]) = self.base_regions.get(base.as_str()) {
                regions.extend(on_left.filter(|_| left));
                regions.extend(on_right.filter(|_| right));
            }
        }
        ClauseRead {
            regions,
            ignored,
            phrases,
        }
    }

    /// Side words found, and the remaining place words (fillers dropped, plurals singular).
    fn words_and_sides(&self, text: &str) -> (Vec<Side>, Vec<String>) {
        let mut sides = BTreeSet::new();
        let mut words = Vec::new();
        for word in tokenize(text) {
            if let Some(named) = side_word(&word) {
                sides.extend(named.iter().copied());
            } else if !is_filler(&word) {
                words.push(word);
            }
        }
        (sides.into_iter().collect(), words)
    }
}

/// What one clause named: region indices, the words passed over, the phrasings used.
struct ClauseRead {
    regions: BTreeSet<usize>,
    ignored: Vec<String>,
    phrases: Vec<usize>,
}
