//! What the lexicon answers for one term, and what can be wrong with its data.

use serde::Serialize;

/// What one term resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The term as given.
    pub term: String,
    /// Region ids, in scheme order, without repeats. Empty when nothing was placed.
    pub regions: Vec<String>,
    /// Words that matched nothing and were passed over.
    pub ignored: Vec<String>,
    /// Near matches for words not understood ("tempel" → "temple").
    pub suggestions: Vec<String>,
    /// How symptom words in the term were read ("tennis elbow" → the outer elbow and the back
    /// of the forearm), with their sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// Set when the term was understood but names no place to mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unplaced: Option<Unplaced>,
}

impl Resolution {
    /// True if the term named at least one region.
    pub fn understood(&self) -> bool {
        !self.regions.is_empty()
    }

    /// True if the term was read at all: it named a region, or it is a known word that names
    /// no place (widespread pain, heartburn).
    pub fn recognised(&self) -> bool {
        self.understood() || self.unplaced.is_some()
    }
}

/// How a symptom word is read, as a therapist would hear it, and where that reading comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The phrasing that carried the reading ("tennis elbow").
    pub phrase: String,
    /// "read as pain at the outer elbow and down the back of the forearm".
    pub text: String,
    /// The literature behind the reading.
    pub source: String,
}

/// A term understood but naming no place Knot can mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unplaced {
    /// "everywhere", "my whole body": widespread pain, not a trigger-point pattern.
    Widespread,
    /// "heartburn": a symptom of an organ, not a muscle's place.
    NotMusculoskeletal,
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
    #[error("lexicon entry `{0}` needs regions, or `unplaced` with a reading")]
    NoPlace(String),
    #[error("lexicon entry `{0}` has a reading without a source (or a source without a reading)")]
    ReadingWithoutSource(String),
}
