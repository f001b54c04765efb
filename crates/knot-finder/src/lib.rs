//! `knot-finder`: from a pain drawing to the trigger points most likely behind it.
//!
//! The model is a noisy-OR diagnostic network in the manner of the classic medical
//! decision-support systems (QMR-DT): each trigger point *causes* pain in each region of its
//! essential zone with high probability and of its spillover zone with lower probability; a
//! background "leak" stands for everything else. Given the regions a person marked, Bayes' rule
//! ranks the trigger points ([`rank`]), a small search finds the two or three that best explain
//! the drawing together ([`combine`]), and expected information gain picks the questions that
//! would best separate the leading candidates ([`questions`]). Answers re-weight the candidates.
//!
//! All of it is pure computation over the atlas and the region scheme: no I/O.

pub mod combine;
pub mod drawing;
pub mod evaluate;
mod index;
mod json;
pub mod model;
pub mod questions;
pub mod rank;
mod reference;
pub mod request;
pub mod result;

pub use drawing::{Answer, Drawing, DrawingError, FindRequest, Mark, TermOutcome, TermReading};
pub use model::{Finder, Params};
pub use request::RequestError;
pub use result::{
    Candidate, CandidateSide, Combination, FindResult, QuestionOut, RedFlag, RedFlagRule,
};
