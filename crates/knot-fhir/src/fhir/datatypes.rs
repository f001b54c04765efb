//! The FHIR R4 datatypes the few resources use (Coding, CodeableConcept, Reference, Quantity,
//! Period, Identifier, Annotation, HumanName, ContactPoint, Extension, Timing), written by hand
//! as serde structs. Only the elements Knot fills are modelled; empty ones are left out of the
//! JSON, as FHIR requires (no empty strings, arrays or objects).

use serde::Serialize;

/// A code from a code system (`http://loinc.org`, a SNOMED CT qualifier, a Knot-local system).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coding {
    pub system: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A coding. The code's whitespace is collapsed to single spaces (FHIR's `code` form); the
    /// display is trimmed and left out when blank.
    pub fn new(system: &str, code: &str, display: Option<&str>) -> Coding {
        Coding {
            system: system.to_string(),
            code: code.split_whitespace().collect::<Vec<_>>().join(" "),
            display: display
                .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|d| !d.is_empty()),
        }
    }
}

/// A concept: codings that name it, and the words a person reads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CodeableConcept {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    /// A concept with one coding and its text.
    pub fn coded(coding: Coding, text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: vec![coding],
            text: Some(text.to_string()),
        }
    }

    /// A concept in words only.
    pub fn text(text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(text.to_string()),
        }
    }
}

/// A reference to another resource of the bundle, by its `fullUrl` (`urn:uuid:…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Reference {
    pub fn to(full_url: &str) -> Reference {
        Reference {
            reference: full_url.to_string(),
            display: None,
        }
    }
}

/// A measured amount with its UCUM unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    /// The unit as a person reads it ("kPa", "°", "mm").
    pub unit: String,
    pub system: String,
    /// The UCUM code ("kPa", "deg", "mm").
    pub code: String,
}

/// A span of time; FHIR dateTime strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// A business identifier: Knot's own id of the record behind a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub system: String,
    pub value: String,
}

/// A note with the time it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl Annotation {
    pub fn new(text: &str) -> Annotation {
        Annotation {
            text: text.to_string(),
            time: None,
        }
    }
}

/// A person's name as one piece of text (Knot keeps a display name, not given and family).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HumanName {
    pub text: String,
}

/// A way to reach someone (here: an e-mail address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactPoint {
    pub system: String,
    pub value: String,
}

/// An extension with an integer value (Questionnaire `minValue`, `maxValue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    pub url: String,
    pub value_integer: i64,
}

/// When something repeats: here, how many times per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timing {
    pub repeat: TimingRepeat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingRepeat {
    pub frequency: u32,
    pub period: u32,
    /// UCUM-like unit of the period: "d" for a day.
    pub period_unit: String,
}
