//! A visit: opening it (the health-change question answered first; warnings for what
//! `knot_care::clinic::may_start_visit` says must come before hands-on work), the pain drawing,
//! range of motion, the SOAP text, and reading it back with its addenda. Findings and
//! treatments are charted in [`super::charting`].

use chrono::{DateTime, Utc};
use knot_care::clinic::{self as care, VisitBlock};

use knot_record::clinic::{NewVisit, PainMark, RomMeasure, SoapText, Visit, VisitRecord};
use knot_record::{RecordId, TenantCtx};
use knot_store::VisitChange;

use crate::clinic::rules;
use crate::error::{AppError, AppResult};
use crate::App;

/// An opened visit, with what the therapist should know first.
#[derive(Debug, Clone)]
pub struct StartedVisit {
    pub visit: Visit,
    /// What must be dealt with before hands-on work (the health history due for its yearly
    /// review or not updated after a reported change, no general consent in force); the visit
    /// is opened all the same, since taking the history or the consent is part of it, and
    /// signing still waits for consent.
    pub warnings: Vec<String>,
}

/// Whether a reason the rules give keeps the visit from being opened at all: only an unanswered
/// or empty health-change question, which is asked before everything else. The others gate the
/// hands-on work, which the therapist does after opening the visit.
fn blocks_opening(block: &VisitBlock) -> bool {
    matches!(
        block,
        VisitBlock::HealthChangeUnanswered | VisitBlock::HealthChangeWithoutDetails
    )
}

impl App {
    pub async fn start_visit(
        &self,
        ctx: &TenantCtx,
        new: &NewVisit,
        now: DateTime<Utc>,
    ) -> AppResult<StartedVisit> {
        let health_change = rules::health_change(&new.health_change);
        let updated = self
            .store
            .latest_screening(ctx)
            .await?
            .map(|screening| screening.screening.taken_at.date_naive());
        let consents = rules::consents(&self.store.clinic().consents(ctx).await?);
        let blocks = care::may_start_visit(now, health_change.as_ref(), updated, &consents)
            .err()
            .unwrap_or_default();
        let (refusals, warnings): (Vec<_>, Vec<_>) = blocks.into_iter().partition(blocks_opening);
        if !refusals.is_empty() {
            return Err(AppError::Invalid {
                problems: refusals
                    .iter()
                    .map(|block| format!("health_change: {}", block.message()))
                    .collect(),
                hint: None,
            });
        }
        let warnings = warnings
            .iter()
            .map(|block| format!("before treating: {}", block.message()))
            .collect();
        let visit = self.store.clinic().start_visit(ctx, new).await?;
        Ok(StartedVisit { visit, warnings })
    }

    pub async fn save_pain_drawing(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        drawing: &[PainMark],
    ) -> AppResult<Visit> {
        let mut problems = Vec::new();
        for mark in drawing {
            if knot_body::Scheme::builtin().get(&mark.region).is_none() {
                problems.push(format!(
                    "{:?} is not a body region; `knot regions` lists them",
                    mark.region
                ));
            }
            if mark.intensity > 10 {
                problems.push(format!(
                    "the intensity at {} is {}; give 0–10",
                    mark.region, mark.intensity
                ));
            }
        }
        refuse(problems)?;
        let change = VisitChange::PainDrawing(drawing.to_vec());
        Ok(self
            .store
            .clinic()
            .change_visit(ctx, visit, &change)
            .await?)
    }

    pub async fn save_range_of_motion(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        measures: &[RomMeasure],
    ) -> AppResult<Visit> {
        let mut problems = Vec::new();
        for (i, measure) in rules::range_of_motion(measures).iter().enumerate() {
            if let Err(invalid) = care::validate_rom(measure) {
                problems.extend(
                    invalid
                        .problems
                        .iter()
                        .map(|p| format!("range_of_motion[{i}].{}: {}", p.field, p.message)),
                );
            }
        }
        refuse(problems)?;
        let change = VisitChange::RangeOfMotion(measures.to_vec());
        Ok(self
            .store
            .clinic()
            .change_visit(ctx, visit, &change)
            .await?)
    }

    /// Replaces the note's text (before signing).
    pub async fn set_soap(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        soap: &SoapText,
    ) -> AppResult<Visit> {
        let change = VisitChange::Soap(soap.clone());
        Ok(self
            .store
            .clinic()
            .change_visit(ctx, visit, &change)
            .await?)
    }

    /// The visit with its findings, treatments and addenda (the signed original stays as
    /// signed; addenda follow it).
    pub async fn read_visit(&self, ctx: &TenantCtx, visit: RecordId) -> AppResult<VisitRecord> {
        Ok(self.store.clinic().visit(ctx, visit).await?)
    }
}

fn refuse(problems: Vec<String>) -> AppResult<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid {
            problems,
            hint: None,
        })
    }
}
