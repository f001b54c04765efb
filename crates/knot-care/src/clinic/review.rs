//! The gates before a visit's hands-on work: the health history reviewed within the year, the
//! health-change question answered today, and general consent in force.
//!
//! Regulated massage therapy in Canada expects the health history to be reviewed at least once a
//! year and the client asked about changes in their health before every treatment
//! (shared/CLINICAL.md, "Record-keeping"). A reported change may touch the screening (a new
//! medicine, a fall, surgery, pregnancy), so it needs the health history brought up to date the
//! same day before treatment goes ahead.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::consent::{Consent, ConsentKind};

/// The answer to "has anything changed in your health since your last visit?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum HealthChange {
    NoChange,
    Changed { details: String },
}

/// Why a visit cannot start yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitBlock {
    /// The health-change question has not been answered for this visit.
    HealthChangeUnanswered,
    /// A change was reported without saying what changed.
    HealthChangeWithoutDetails,
    /// A change was reported and the health history has not been updated since.
    HealthHistoryNotUpdatedAfterChange,
    /// The health history was never reviewed, or not within the year.
    ScreeningReviewDue { last_reviewed: Option<NaiveDate> },
    /// No general consent is in force.
    NoGeneralConsent,
}

impl VisitBlock {
    /// What to tell the therapist.
    pub fn message(&self) -> String {
        match self {
            VisitBlock::HealthChangeUnanswered => {
                "ask whether anything has changed in the client's health since the last visit".into()
            }
            VisitBlock::HealthChangeWithoutDetails => {
                "a change in health was reported: note what changed".into()
            }
            VisitBlock::HealthHistoryNotUpdatedAfterChange => {
                "the client's health changed: update the health history before treatment".into()
            }
            VisitBlock::ScreeningReviewDue { last_reviewed: None } => {
                "the client's health history has never been reviewed: review it first".into()
            }
            VisitBlock::ScreeningReviewDue {
                last_reviewed: Some(date),
            } => format!(
                "the client's health history was last reviewed on {date}; it is reviewed at least yearly"
            ),
            VisitBlock::NoGeneralConsent => {
                "the client has no consent to assessment and treatment in force: take it first".into()
            }
        }
    }
}

/// Whether the yearly review of the health history is due on `today`: never reviewed, or
/// reviewed a year ago or more. A review dated after `today` is a clock or typing mistake and
/// counts as due.
pub fn screening_due(last_reviewed: Option<NaiveDate>, today: NaiveDate) -> bool {
    match last_reviewed {
        None => true,
        Some(date) if date > today => true,
        // 29 February + 12 months is 28 February: the earlier day, so the review is never late.
        Some(date) => date
            .checked_add_months(Months::new(12))
            .is_none_or(|due| today >= due),
    }
}

/// `Ok` when a visit may start at `now`; otherwise every reason it may not, in the order to
/// deal with them. `health_history_updated` is the day the screening was last reviewed or
/// retaken.
pub fn may_start_visit(
    now: DateTime<Utc>,
    health_change: Option<&HealthChange>,
    health_history_updated: Option<NaiveDate>,
    consents: &[Consent],
) -> Result<(), Vec<VisitBlock>> {
    let today = now.date_naive();
    let mut blocks = Vec::new();
    match health_change {
        None => blocks.push(VisitBlock::HealthChangeUnanswered),
        Some(HealthChange::Changed { details }) => {
            if details.trim().is_empty() {
                blocks.push(VisitBlock::HealthChangeWithoutDetails);
            }
            if health_history_updated.is_none_or(|d| d < today) {
                blocks.push(VisitBlock::HealthHistoryNotUpdatedAfterChange);
            }
        }
        Some(HealthChange::NoChange) => {}
    }
    if screening_due(health_history_updated, today) {
        blocks.push(VisitBlock::ScreeningReviewDue {
            last_reviewed: health_history_updated,
        });
    }
    let general = consents
        .iter()
        .any(|c| c.kind == ConsentKind::General && c.in_force_at(now));
    if !general {
        blocks.push(VisitBlock::NoGeneralConsent);
    }
    if blocks.is_empty() {
        Ok(())
    } else {
        Err(blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 10, 0, 0).unwrap()
    }

    fn general() -> Vec<Consent> {
        vec![Consent {
            kind: ConsentKind::General,
            given_at: Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap(),
            withdrawn_at: None,
        }]
    }

    #[test]
    fn the_review_is_due_on_the_anniversary_not_the_day_after() {
        assert!(!screening_due(Some(d(2026, 3, 2)), d(2027, 3, 1)));
        assert!(screening_due(Some(d(2026, 3, 1)), d(2027, 3, 1)));
        assert!(screening_due(None, d(2027, 3, 1)));
    }

    #[test]
    fn a_leap_day_review_is_due_on_the_twenty_eighth() {
        assert!(!screening_due(Some(d(2024, 2, 29)), d(2025, 2, 27)));
        assert!(screening_due(Some(d(2024, 2, 29)), d(2025, 2, 28)));
    }

    #[test]
    fn a_review_dated_in_the_future_counts_as_due() {
        assert!(screening_due(Some(d(2027, 3, 2)), d(2027, 3, 1)));
    }

    #[test]
    fn a_visit_cannot_start_before_the_health_change_question_is_answered() {
        let result = may_start_visit(now(), None, Some(d(2026, 9, 1)), &general());
        assert_eq!(result, Err(vec![VisitBlock::HealthChangeUnanswered]));
        let ok = may_start_visit(
            now(),
            Some(&HealthChange::NoChange),
            Some(d(2026, 9, 1)),
            &general(),
        );
        assert_eq!(ok, Ok(()));
    }

    #[test]
    fn a_reported_change_needs_details_and_the_history_updated_today() {
        let changed = HealthChange::Changed {
            details: " ".into(),
        };
        let blocks =
            may_start_visit(now(), Some(&changed), Some(d(2026, 9, 1)), &general()).unwrap_err();
        assert_eq!(
            blocks,
            [
                VisitBlock::HealthChangeWithoutDetails,
                VisitBlock::HealthHistoryNotUpdatedAfterChange
            ]
        );
        let changed = HealthChange::Changed {
            details: "started warfarin".into(),
        };
        assert_eq!(
            may_start_visit(now(), Some(&changed), Some(d(2027, 3, 1)), &general()),
            Ok(())
        );
    }

    #[test]
    fn a_withdrawn_general_consent_blocks_the_visit() {
        let mut consents = general();
        consents[0].withdrawn_at = Some(now());
        let blocks = may_start_visit(
            now(),
            Some(&HealthChange::NoChange),
            Some(d(2026, 9, 1)),
            &consents,
        )
        .unwrap_err();
        assert_eq!(blocks, [VisitBlock::NoGeneralConsent]);
        assert!(blocks[0].message().contains("consent"));
    }
}
