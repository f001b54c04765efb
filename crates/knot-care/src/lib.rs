//! `knot-care`: what makes self-treatment safe and well dosed.
//!
//! Pure logic, no storage and no terminal: the safety screening (a reviewed rule table of red
//! flags and contraindications, the 2016 fibromyalgia survey criteria), the check of a planned
//! treatment against a screening and the atlas's endangerment sites, the validation of diary
//! measures, the home-routine builder, and the guided-session state machine
//! (`step(state, event) -> state`) that the terminal and the browser both drive; and the rules of
//! a massage therapist's clinical records (`clinic`: consent, findings and treatment entries,
//! SOAP drafts, signing, retention).

#![forbid(unsafe_code)]

pub mod clinic;
pub mod hint;
pub mod measures;
pub mod plan;
pub mod safety;
pub mod screen;
pub mod session;
