//! The atlas's types, as written in the data files and as the rest of Knot sees them.
//!
//! A [`Muscle`] carries its self-care and cautions and one or more trigger point *specs*,
//! described once, side-less. The loader turns each spec into one [`TriggerPoint`] per side
//! (or one on the midline), with full region ids, which is what the finder and the JSON dump use.

use serde::{Deserialize, Serialize};

use knot_body::Side;

/// How often a muscle or a trigger point is met in practice: the muscle's band is the finder's
/// prior, each trigger point's band its share of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Prevalence {
    VeryCommon,
    Common,
    Occasional,
    Uncommon,
}

impl Prevalence {
    /// The word used in the data files.
    pub fn word(self) -> &'static str {
        match self {
            Prevalence::VeryCommon => "very common",
            Prevalence::Common => "common",
            Prevalence::Occasional => "occasional",
            Prevalence::Uncommon => "uncommon",
        }
    }
}

/// Self-treatment of a muscle: technique, tools, position and dose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfCare {
    /// False where self-treatment is unsafe or impractical; `Cautions::notes` says why.
    pub self_treat: bool,
    pub technique: Vec<String>,
    pub tools: Vec<String>,
    pub position: String,
    pub how: String,
    /// Seconds per hold of sustained pressure (30–90 s; release earlier when it softens).
    pub hold_seconds: u32,
    /// Holds per trigger point per sitting (at most 2; the plan gives 1 at a knot that lies on
    /// an endangerment site).
    pub holds: u32,
    /// Short deep strokes per trigger point per sitting, in total (one set; Davies: 6–12), where
    /// strokes are used.
    #[serde(default)]
    pub strokes: u32,
    pub sessions_per_day: u32,
    pub stretch: String,
}

/// What to keep away from and when to stop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cautions {
    /// Endangerment-site ids (vocabulary) near the muscle: no firm pressure there.
    pub endangerment: Vec<String>,
    /// Who should not self-treat, or only with a clinician's agreement (prose; the enforced
    /// part is `contraindicated_with`).
    pub avoid_if: Vec<String>,
    /// Screening question ids (`knot-care`'s `data/screening.toml`): a "yes" to any of them
    /// blocks treatment of every trigger point of the muscle. `knot-care` checks the ids.
    #[serde(default)]
    pub contraindicated_with: Vec<String>,
    /// Sensations that mean stop.
    pub stop_if: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

/// A trigger point as written in the data files: one side, region templates without a side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerPointSpec {
    pub id: String,
    pub label: String,
    pub location: String,
    pub press_here: String,
    pub palpation: String,
    pub essential: Vec<String>,
    #[serde(default)]
    pub spillover: Vec<String>,
    #[serde(default)]
    pub crosses_midline: bool,
    pub prevalence: Prevalence,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub aggravating: Vec<String>,
    #[serde(default)]
    pub perpetuating: Vec<String>,
    /// Overrides the muscle's `self_care.self_treat` for this point (e.g. a knot in the femoral
    /// triangle on a muscle that is otherwise self-treatable).
    #[serde(default)]
    pub self_treat: Option<bool>,
    /// Endangerment-site ids (vocabulary) that the knot itself lies on: treatment there is
    /// softened (no firm pressure, a lower discomfort target, one hold).
    #[serde(default)]
    pub at_endangerment: Vec<String>,
    pub source: String,
}

/// A muscle with clinically important trigger points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Muscle {
    pub id: String,
    /// How often the muscle harbours an active trigger point in the surveys (docs/atlas.md,
    /// "Prevalence"); the finder's prior for the muscle, shared among its trigger points.
    pub prevalence: Prevalence,
    /// Standard English name of the literature: "Sternocleidomastoid".
    pub name: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Body part id of the region scheme, for browsing.
    pub part: String,
    pub summary: String,
    pub source: String,
    pub self_care: SelfCare,
    pub cautions: Cautions,
    #[serde(rename = "trigger_point", alias = "trigger_points")]
    pub trigger_points: Vec<TriggerPointSpec>,
}

/// One trigger point on one side of the body, with full region ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerPoint {
    /// The side-less id shared by both sides: `upper-trapezius-1`.
    pub id: String,
    pub muscle_id: String,
    pub side: Side,
    pub label: String,
    /// Region id where the knot is felt.
    pub location: String,
    pub essential: Vec<String>,
    pub spillover: Vec<String>,
    pub crosses_midline: bool,
    pub prevalence: Prevalence,
    pub press_here: String,
    pub palpation: String,
    pub symptoms: Vec<String>,
    pub aggravating: Vec<String>,
    pub perpetuating: Vec<String>,
    /// Whether this point may be self-treated: its own override, else the muscle's.
    pub self_treat: bool,
    /// Endangerment-site ids the knot lies on (softened treatment).
    pub at_endangerment: Vec<String>,
    pub source: String,
}

impl TriggerPoint {
    /// A key unique across sides: `right:upper-trapezius-1`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.side, self.id)
    }
}

/// A word of the shared vocabulary with the question the finder may ask about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub question: String,
    /// For a symptom that may be a red flag in disguise: the screening question (id in
    /// `knot-care`'s table) whose rule applies when the person says yes to it.
    #[serde(default)]
    pub screen: Option<String>,
}

/// A named thing of the vocabulary (technique, tool, endangerment site).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how: String,
}

/// One data file of the atlas: any of its sections may be present.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AtlasFile {
    #[serde(default)]
    pub symptom: Vec<Question>,
    #[serde(default)]
    pub activity: Vec<Question>,
    #[serde(default)]
    pub technique: Vec<Named>,
    #[serde(default)]
    pub tool: Vec<Named>,
    #[serde(default)]
    pub endangerment: Vec<Named>,
    #[serde(default)]
    pub muscle: Vec<Muscle>,
}

/// The shared words of the atlas.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    pub symptoms: Vec<Question>,
    pub activities: Vec<Question>,
    pub techniques: Vec<Named>,
    pub tools: Vec<Named>,
    pub endangerment: Vec<Named>,
}

impl Vocabulary {
    /// The question about a symptom or activity id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.symptoms
            .iter()
            .chain(&self.activities)
            .find(|q| q.id == id)
    }

    /// The readable name of a technique, tool or endangerment site id.
    pub fn name(&self, id: &str) -> Option<&Named> {
        self.techniques
            .iter()
            .chain(&self.tools)
            .chain(&self.endangerment)
            .find(|n| n.id == id)
    }
}
