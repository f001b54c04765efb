//! A pain drawing: the marked regions, each with an intensity, and which one is worst; plus any
//! answers already given to the finder's questions. Built from region ids or from words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use knot_body::{Lexicon, Scheme, Unplaced};

/// One marked region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Dense region index in the scheme.
    pub region: usize,
    /// Pain intensity 0-10 (5 when not given).
    pub intensity: f64,
    /// True for the region the person calls the worst.
    pub worst: bool,
}

/// An answer to one of the finder's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Yes,
    No,
    Unsure,
}

impl std::str::FromStr for Answer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Answer::Yes),
            "no" | "n" | "false" => Ok(Answer::No),
            "unsure" | "dont-know" | "don't know" | "?" | "maybe" => Ok(Answer::Unsure),
            other => Err(format!("answer {other:?} is not yes, no or unsure")),
        }
    }
}

/// A drawing ready for the finder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawing {
    pub marks: Vec<Mark>,
    /// Terms that named no region (reported back, never dropped).
    pub unmatched: Vec<String>,
    /// Answers by question id.
    pub answers: BTreeMap<String, Answer>,
    /// How each term given in words was read, in the order given.
    pub terms: Vec<TermReading>,
}

/// How one term given in words was read: shown beside the term by every front end, and the
/// `terms` part of the JSON answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermReading {
    pub term: String,
    pub outcome: TermOutcome,
    /// How a symptom word was read ("read as pain at the outer elbow …"), or what to do instead
    /// for a word that names no place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// The literature behind the reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What became of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermOutcome {
    /// It named places, now marked.
    Placed,
    /// Pain everywhere: not a trigger-point pattern. Take the screening (it asks the
    /// fibromyalgia survey questions) and mark the worst places instead.
    Widespread,
    /// A symptom of an organ ("heartburn"), not a place on a muscle.
    NotMusculoskeletal,
    /// No place found; the term is also in `unmatched`.
    NotUnderstood,
}

impl Drawing {
    /// True if no region is marked but a term was understood as naming no place (widespread
    /// pain, an organ's symptom): the answer is that reading, not a refusal.
    pub fn only_unplaced(&self) -> bool {
        self.marks.is_empty()
            && self.terms.iter().any(|t| {
                matches!(
                    t.outcome,
                    TermOutcome::Widespread | TermOutcome::NotMusculoskeletal
                )
            })
    }
}

/// The JSON body of `POST /api/v1/find` and one line of `knot find --batch`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FindRequest {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub regions: Vec<RegionMark>,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// A region id with an optional intensity and worst flag.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionMark {
    pub id: String,
    #[serde(default)]
    pub intensity: Option<f64>,
    #[serde(default)]
    pub worst: bool,
}

/// What is wrong with a drawing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DrawingError {
    #[error("unknown region id {0:?}: `knot regions` lists the ids, or send words in \"terms\"")]
    UnknownRegion(String),
    #[error("intensity {intensity} for {region:?} is outside 0-10")]
    BadIntensity { region: String, intensity: f64 },
    #[error("the drawing names no body region{}", unmatched_note(.0))]
    Empty(Vec<String>),
}

fn unmatched_note(unmatched: &[String]) -> String {
    if unmatched.is_empty() {
        ": mark at least one region".to_string()
    } else {
        format!(" (not understood: {})", unmatched.join(", "))
    }
}

const DEFAULT_INTENSITY: f64 = 5.0;

impl Drawing {
    /// Builds a drawing from a request: region ids are checked, words go through the lexicon.
    /// A request that names no region at all is an error.
    pub fn from_request(request: &FindRequest) -> Result<Drawing, DrawingError> {
        let scheme = Scheme::builtin();
        let mut drawing = Drawing {
            answers: request.answers.clone(),
            ..Drawing::default()
        };
        for mark in &request.regions {
            let region = scheme
                .index_of(&mark.id)
                .ok_or_else(|| DrawingError::UnknownRegion(mark.id.clone()))?;
            let intensity = mark.intensity.unwrap_or(DEFAULT_INTENSITY);
            if !(0.0..=10.0).contains(&intensity) {
                return Err(DrawingError::BadIntensity {
                    region: mark.id.clone(),
                    intensity,
                });
            }
            drawing.add(Mark {
                region,
                intensity,
                worst: mark.worst,
            });
        }
        drawing.add_terms(&request.terms);
        if drawing.marks.is_empty() && !drawing.only_unplaced() {
            return Err(DrawingError::Empty(drawing.unmatched));
        }
        Ok(drawing)
    }

    /// Builds a drawing from words alone; terms that name nothing go to `unmatched`.
    pub fn from_terms(terms: &[String]) -> Drawing {
        let mut drawing = Drawing::default();
        drawing.add_terms(terms);
        drawing
    }

    fn add_terms(&mut self, terms: &[String]) {
        let lexicon = Lexicon::builtin();
        let mut regions = Vec::new();
        for term in terms {
            regions.clear();
            let placement = lexicon.place(term, &mut regions);
            let outcome = match placement.unplaced {
                _ if placement.placed => TermOutcome::Placed,
                Some(Unplaced::Widespread) => TermOutcome::Widespread,
                Some(Unplaced::NotMusculoskeletal) => TermOutcome::NotMusculoskeletal,
                None => TermOutcome::NotUnderstood,
            };
            if outcome == TermOutcome::NotUnderstood {
                self.unmatched.push(term.clone());
            }
            for &region in &regions {
                self.add(Mark {
                    region,
                    intensity: DEFAULT_INTENSITY,
                    worst: false,
                });
            }
            let (reading, source) = join_readings(&placement.readings);
            self.terms.push(TermReading {
                term: term.clone(),
                outcome,
                reading,
                source,
            });
        }
    }

    /// Adds a mark; a region marked twice keeps its stronger intensity.
    pub fn add(&mut self, mark: Mark) {
        match self.marks.iter_mut().find(|m| m.region == mark.region) {
            Some(existing) => {
                existing.intensity = existing.intensity.max(mark.intensity);
                existing.worst |= mark.worst;
            }
            None => self.marks.push(mark),
        }
    }

    /// The same drawing on the other side of the body.
    pub fn mirrored(&self, scheme: &Scheme) -> Drawing {
        let marks = self
            .marks
            .iter()
            .map(|m| Mark {
                region: scheme.mirror(m.region),
                ..*m
            })
            .collect();
        Drawing {
            marks,
            unmatched: self.unmatched.clone(),
            answers: BTreeMap::new(),
            terms: self.terms.clone(),
        }
    }

    /// True if the region is marked.
    pub fn is_marked(&self, region: usize) -> bool {
        self.marks.iter().any(|m| m.region == region)
    }
}

/// One reading and one source for a term, however many symptom words it held.
fn join_readings(readings: &[knot_body::Reading]) -> (Option<String>, Option<String>) {
    match readings {
        [] => (None, None),
        [one] => (Some(one.text.clone()), Some(one.source.clone())),
        many => {
            let text = many
                .iter()
                .map(|r| format!("{}: {}", r.phrase, r.text))
                .collect::<Vec<_>>()
                .join("; ");
            let source = many
                .iter()
                .map(|r| r.source.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            (Some(text), Some(source))
        }
    }
}
