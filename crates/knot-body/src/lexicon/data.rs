//! Reading `lexicon.toml` into phrasings: each phrasing becomes a sorted bag of words with the
//! region templates it names, the reading it carries (for symptom words) or the reason it names
//! no place (widespread pain, heartburn). Checked as it is read: every region exists, every
//! reading has a source, no two phrasings read the same but mean different places.

use std::collections::HashMap;

use serde::Deserialize;

use super::resolution::{LexiconError, Reading, Unplaced};
use super::words::{is_filler, side_word, strip_parentheses, tokenize};
use crate::scheme::{Scheme, Side};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    entry: Vec<EntryFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    phrases: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    /// How a therapist hears a symptom word: "read as pain at the outer elbow …".
    #[serde(default)]
    reading: Option<String>,
    #[serde(default)]
    source: Option<String>,
    /// For words understood but naming no place: "widespread" or "not-musculoskeletal".
    #[serde(default)]
    unplaced: Option<Unplaced>,
}

impl<'de> Deserialize<'de> for Unplaced {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "widespread" => Ok(Unplaced::Widespread),
            "not-musculoskeletal" => Ok(Unplaced::NotMusculoskeletal),
            other => Err(serde::de::Error::custom(format!(
                "unplaced = {other:?}: expected \"widespread\" or \"not-musculoskeletal\""
            ))),
        }
    }
}

/// What an entry says beyond its regions, shared by all its phrasings.
#[derive(Debug, Clone)]
pub(super) struct EntryInfo {
    pub reading: Option<Reading>,
    pub unplaced: Option<Unplaced>,
}

/// One known phrasing: a bag of words and the region templates it names.
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub text: String,
    /// Sorted, with repeats.
    pub words: Vec<String>,
    pub bases: Vec<String>,
    /// Index into the lexicon's entries.
    pub entry: usize,
}

/// The phrasings of a lexicon file, checked against a scheme.
pub(super) struct Parsed {
    /// Phrasings that name places, longest first.
    pub phrases: Vec<Phrase>,
    /// Phrasings understood but naming no place.
    pub unplaced: Vec<Phrase>,
    pub entries: Vec<EntryInfo>,
}

pub(super) fn parse(text: &str, scheme: &Scheme) -> Result<Parsed, LexiconError> {
    let file: LexiconFile =
        toml::from_str(text).map_err(|e| LexiconError::Parse(e.message().to_string()))?;
    let mut by_words: HashMap<Vec<String>, usize> = HashMap::new();
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut unplaced: Vec<Phrase> = Vec::new();
    let mut entries = Vec::new();
    for entry in &file.entry {
        let info = entry_info(entry, scheme)?;
        let index = entries.len();
        let is_unplaced = info.unplaced.is_some();
        entries.push(info);
        for text in &entry.phrases {
            let phrase = phrase_of(text, &entry.regions, index)?;
            if is_unplaced {
                unplaced.push(phrase);
                continue;
            }
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
    // Region names from regions.toml are phrasings too, where the file says nothing the same.
    let plain = entries.len();
    entries.push(EntryInfo {
        reading: None,
        unplaced: None,
    });
    for base in scheme.bases() {
        let Some(region) = scheme.sided(base, Side::Right).map(|i| scheme.region(i)) else {
            continue;
        };
        let named = strip_parentheses(&region.name.replace(region.side.word(), ""));
        for text in [named, base.replace('-', " ")] {
            if let Ok(phrase) = phrase_of(&text, &[base.to_string()], plain) {
                if !by_words.contains_key(&phrase.words) {
                    by_words.insert(phrase.words.clone(), phrases.len());
                    phrases.push(phrase);
                }
            }
        }
    }
    // Longest phrasings first: "back of the knee" must win over "back" and "knee".
    phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    Ok(Parsed {
        phrases,
        unplaced,
        entries,
    })
}

fn entry_info(entry: &EntryFile, scheme: &Scheme) -> Result<EntryInfo, LexiconError> {
    let name = || entry.phrases.join(" / ");
    for base in &entry.regions {
        if scheme.sided(base, Side::Right).is_none() {
            return Err(LexiconError::UnknownRegion {
                phrase: name(),
                region: base.clone(),
            });
        }
    }
    let reading = match (&entry.reading, &entry.source) {
        (Some(text), Some(source)) if !text.trim().is_empty() && !source.trim().is_empty() => {
            Some(Reading {
                phrase: entry.phrases.first().cloned().unwrap_or_default(),
                text: text.trim().to_string(),
                source: source.trim().to_string(),
            })
        }
        (None, None) => None,
        _ => return Err(LexiconError::ReadingWithoutSource(name())),
    };
    let places = !entry.regions.is_empty() && entry.unplaced.is_none();
    let says_why_not = entry.regions.is_empty() && entry.unplaced.is_some() && reading.is_some();
    if !places && !says_why_not {
        return Err(LexiconError::NoPlace(name()));
    }
    Ok(EntryInfo {
        reading,
        unplaced: entry.unplaced,
    })
}

fn phrase_of(text: &str, bases: &[String], entry: usize) -> Result<Phrase, LexiconError> {
    let mut words: Vec<String> = tokenize(&text.to_lowercase().replace('\'', ""))
        .into_iter()
        .filter(|w| !is_filler(w) && side_word(w).is_none())
        .collect();
    if words.is_empty() {
        return Err(LexiconError::EmptyPhrase(text.to_string()));
    }
    words.sort();
    Ok(Phrase {
        text: text.to_string(),
        words,
        bases: bases.to_vec(),
        entry,
    })
}
