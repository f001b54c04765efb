//! Consent: what the client agreed to, when, and whether it was withdrawn; and which consents a
//! visit's chart lacks.
//!
//! General consent to assessment and treatment comes first and covers everything outside the
//! sensitive areas; each sensitive area needs its own written consent (`sensitive`). A consent
//! is in force from the moment it was given until the moment it was withdrawn: a client may
//! withdraw at any time, mid-visit included, and what is charted from the withdrawal on is not
//! covered. Written consent does not replace asking at each treatment (CMTO: "a signed consent
//! is not valid without ongoing informed consent"); the caller records that verbal check, Knot
//! only checks the written part.

use chrono::{DateTime, Utc};
use knot_atlas::Atlas;
use serde::{Deserialize, Serialize};

use super::error::{Invalid, Problem};
use super::point::ChartSide;
use super::sensitive::{sensitive_areas_of_place, SensitiveArea};

/// What a consent covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Assessment and treatment in general (the intake consent).
    General,
    /// One sensitive area.
    Sensitive(SensitiveArea),
}

impl ConsentKind {
    /// Every kind, general first.
    pub fn all() -> Vec<ConsentKind> {
        std::iter::once(ConsentKind::General)
            .chain(SensitiveArea::all().map(ConsentKind::Sensitive))
            .collect()
    }

    /// The stable text id: `general`, `breast`, `chest-wall`, `upper-inner-thigh`, `buttocks`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::General => "general",
            ConsentKind::Sensitive(area) => area.as_str(),
        }
    }

    /// Reads [`ConsentKind::as_str`].
    pub fn parse(id: &str) -> Option<ConsentKind> {
        ConsentKind::all().into_iter().find(|k| k.as_str() == id)
    }
}

/// One consent as the client gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub kind: ConsentKind,
    pub given_at: DateTime<Utc>,
    /// When the client withdrew it; it is not in force from this moment on.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Consent {
    /// Whether the consent covers something done at `at`: given at or before it, and not
    /// withdrawn at or before it.
    pub fn in_force_at(&self, at: DateTime<Utc>) -> bool {
        self.given_at <= at && self.withdrawn_at.is_none_or(|withdrawn| at < withdrawn)
    }

    /// A withdrawal before the consent was given is a typing or clock mistake.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut problems = Vec::new();
        if let Some(withdrawn) = self.withdrawn_at {
            if withdrawn < self.given_at {
                problems.push(Problem::new(
                    "withdrawn_at",
                    format!(
                        "withdrawn at {withdrawn} but given at {}: a consent is withdrawn after it is given",
                        self.given_at
                    ),
                ));
            }
        }
        Invalid::check(problems)
    }
}

/// Where something was charted: a body region (a pain drawing or a treated area), or a trigger
/// point on a side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Region(String),
    TriggerPoint { id: String, side: ChartSide },
}

/// Hands-on work charted in a visit (a palpation finding or a treatment entry) and its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charted {
    pub at: DateTime<Utc>,
    pub place: Place,
}

/// A consent the chart needed and did not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentGap {
    pub kind: ConsentKind,
    /// The first charted work it did not cover.
    pub first_at: DateTime<Utc>,
    pub place: Place,
    /// When a consent of this kind was withdrawn before that work, if one was.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl ConsentGap {
    /// What to tell the therapist.
    pub fn message(&self) -> String {
        let what = match self.kind {
            ConsentKind::General => "general consent to assessment and treatment".to_string(),
            ConsentKind::Sensitive(area) => format!("written consent for the {}", area.name()),
        };
        match self.withdrawn_at {
            Some(withdrawn) => format!(
                "work charted at {} after the client withdrew {what} at {withdrawn}",
                self.first_at
            ),
            None => format!("work charted at {} without {what}", self.first_at),
        }
    }
}

/// The consents `charted` work lacks, one gap per kind (its first uncovered entry), general
/// first then the sensitive areas in [`SensitiveArea::all`] order. Every entry needs general
/// consent; an entry in a sensitive area also needs that area's. An unknown region or trigger
/// point is refused rather than taken as outside the sensitive areas.
pub fn consent_gaps(
    atlas: &Atlas,
    charted: &[Charted],
    consents: &[Consent],
) -> Result<Vec<ConsentGap>, Invalid> {
    let mut needs: Vec<(ConsentKind, &Charted)> = Vec::new();
    let mut problems = Vec::new();
    for entry in charted {
        needs.push((ConsentKind::General, entry));
        match sensitive_areas_of_place(atlas, &entry.place) {
            Ok(areas) => needs.extend(
                areas
                    .into_iter()
                    .map(|a| (ConsentKind::Sensitive(a), entry)),
            ),
            Err(problem) => problems.push(problem),
        }
    }
    Invalid::check(problems)?;
    let mut gaps: Vec<ConsentGap> = Vec::new();
    for (kind, entry) in needs {
        let covered = consents
            .iter()
            .any(|c| c.kind == kind && c.in_force_at(entry.at));
        if covered {
            continue;
        }
        let withdrawn_at = consents
            .iter()
            .filter(|c| c.kind == kind)
            .filter_map(|c| c.withdrawn_at)
            .filter(|&w| w <= entry.at)
            .max();
        let gap = ConsentGap {
            kind,
            first_at: entry.at,
            place: entry.place.clone(),
            withdrawn_at,
        };
        match gaps.iter_mut().find(|g| g.kind == kind) {
            Some(earlier) if earlier.first_at <= gap.first_at => {}
            Some(later) => *later = gap,
            None => gaps.push(gap),
        }
    }
    gaps.sort_by_key(|g| g.kind);
    Ok(gaps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, hour, minute, 0).unwrap()
    }

    fn consent(
        kind: ConsentKind,
        given: DateTime<Utc>,
        withdrawn: Option<DateTime<Utc>>,
    ) -> Consent {
        Consent {
            kind,
            given_at: given,
            withdrawn_at: withdrawn,
        }
    }

    fn region(id: &str, when: DateTime<Utc>) -> Charted {
        Charted {
            at: when,
            place: Place::Region(id.into()),
        }
    }

    fn point(id: &str, side: ChartSide, when: DateTime<Utc>) -> Charted {
        Charted {
            at: when,
            place: Place::TriggerPoint {
                id: id.into(),
                side,
            },
        }
    }

    fn kinds(gaps: &[ConsentGap]) -> Vec<ConsentKind> {
        gaps.iter().map(|g| g.kind).collect()
    }

    const BUTTOCKS: ConsentKind = ConsentKind::Sensitive(SensitiveArea::Buttocks);

    #[test]
    fn text_ids_match_the_brief() {
        let ids: Vec<&str> = ConsentKind::all().iter().map(|k| k.as_str()).collect();
        assert_eq!(
            ids,
            [
                "general",
                "breast",
                "chest-wall",
                "upper-inner-thigh",
                "buttocks"
            ]
        );
        assert_eq!(
            ConsentKind::parse("chest-wall"),
            Some(ConsentKind::Sensitive(SensitiveArea::ChestWall))
        );
        assert_eq!(ConsentKind::parse("Chest wall"), None);
    }

    #[test]
    fn any_treatment_without_general_consent_is_a_gap() {
        let gaps = consent_gaps(Atlas::builtin(), &[region("right-calf", at(10, 0))], &[]).unwrap();
        assert_eq!(kinds(&gaps), [ConsentKind::General]);
    }

    #[test]
    fn a_gluteal_point_needs_buttocks_consent_beside_the_general_one() {
        let consents = [consent(ConsentKind::General, at(9, 0), None)];
        let charted = [point("gluteus-medius-1", ChartSide::Left, at(10, 0))];
        let gaps = consent_gaps(Atlas::builtin(), &charted, &consents).unwrap();
        assert_eq!(kinds(&gaps), [BUTTOCKS]);
        let with_buttocks = [consents[0].clone(), consent(BUTTOCKS, at(9, 5), None)];
        assert_eq!(
            consent_gaps(Atlas::builtin(), &charted, &with_buttocks).unwrap(),
            []
        );
    }

    #[test]
    fn a_withdrawal_mid_visit_uncovers_only_what_comes_after_it() {
        let consents = [
            consent(ConsentKind::General, at(9, 0), None),
            consent(BUTTOCKS, at(9, 0), Some(at(10, 30))),
        ];
        let before = [region("left-buttock-upper", at(10, 29))];
        assert_eq!(
            consent_gaps(Atlas::builtin(), &before, &consents).unwrap(),
            []
        );
        let after = [
            region("left-buttock-upper", at(10, 29)),
            region("left-buttock-lower", at(10, 45)),
            region("right-buttock-lower", at(10, 40)),
        ];
        let gaps = consent_gaps(Atlas::builtin(), &after, &consents).unwrap();
        assert_eq!(kinds(&gaps), [BUTTOCKS]);
        assert_eq!(gaps[0].first_at, at(10, 40), "the earliest uncovered entry");
        assert_eq!(gaps[0].withdrawn_at, Some(at(10, 30)));
        assert!(
            gaps[0].message().contains("withdrew"),
            "{}",
            gaps[0].message()
        );
    }

    #[test]
    fn consent_is_not_in_force_at_the_instant_it_is_withdrawn_but_is_at_the_instant_given() {
        let c = consent(BUTTOCKS, at(9, 0), Some(at(10, 0)));
        assert!(c.in_force_at(at(9, 0)));
        assert!(!c.in_force_at(at(10, 0)));
        assert!(!c.in_force_at(at(8, 59)));
    }

    #[test]
    fn consent_given_again_after_a_withdrawal_covers_later_work() {
        let consents = [
            consent(ConsentKind::General, at(9, 0), None),
            consent(BUTTOCKS, at(9, 0), Some(at(10, 0))),
            consent(BUTTOCKS, at(10, 15), None),
        ];
        let charted = [region("right-sit-bone", at(10, 20))];
        assert_eq!(
            consent_gaps(Atlas::builtin(), &charted, &consents).unwrap(),
            []
        );
        let between = [region("right-sit-bone", at(10, 5))];
        let gaps = consent_gaps(Atlas::builtin(), &between, &consents).unwrap();
        assert_eq!(kinds(&gaps), [BUTTOCKS]);
    }

    #[test]
    fn consent_for_one_area_does_not_cover_another() {
        let consents = [
            consent(ConsentKind::General, at(9, 0), None),
            consent(
                ConsentKind::Sensitive(SensitiveArea::ChestWall),
                at(9, 0),
                None,
            ),
        ];
        let gaps = consent_gaps(
            Atlas::builtin(),
            &[region("left-chest", at(10, 0))],
            &consents,
        )
        .unwrap();
        assert_eq!(
            kinds(&gaps),
            [ConsentKind::Sensitive(SensitiveArea::Breast)]
        );
    }

    #[test]
    fn an_unknown_place_is_refused_rather_than_passed() {
        let charted = [
            region("left-bosom", at(10, 0)),
            point("gluteus-medius-1", ChartSide::Bilateral, at(10, 0)),
        ];
        let error = consent_gaps(Atlas::builtin(), &charted, &[]).unwrap_err();
        assert_eq!(error.problems.len(), 2, "{error}");
    }

    #[test]
    fn a_withdrawal_before_the_consent_was_given_is_invalid() {
        assert!(consent(BUTTOCKS, at(10, 0), Some(at(9, 0)))
            .validate()
            .is_err());
        assert!(consent(BUTTOCKS, at(10, 0), Some(at(10, 0)))
            .validate()
            .is_ok());
    }
}
