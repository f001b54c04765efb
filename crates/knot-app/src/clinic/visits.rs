//! A visit: opening it (the health-change question answered first; a warning when the safety
//! screening is missing or over a year old), the pain drawing, range of motion, findings per
//! trigger point and side, treatments one side at a time, the SOAP text, and reading it back
//! with its addenda.

use chrono::{DateTime, Duration, Utc};

use knot_record::clinic::{
    Finding, NewFinding, NewTreatment, NewVisit, PainMark, RomMeasure, SoapText, Treatment, Visit,
    VisitRecord,
};
use knot_record::{RecordId, Side, TenantCtx};
use knot_store::VisitChange;

use crate::error::{AppError, AppResult};
use crate::App;

/// An opened visit, with what the therapist should know first.
#[derive(Debug, Clone)]
pub struct StartedVisit {
    pub visit: Visit,
    /// E.g. "no safety screening on record"; the visit is opened all the same.
    pub warnings: Vec<String>,
}

impl App {
    pub async fn start_visit(
        &self,
        ctx: &TenantCtx,
        new: &NewVisit,
        now: DateTime<Utc>,
    ) -> AppResult<StartedVisit> {
        if new.health_change.trim().is_empty() {
            return Err(AppError::invalid(
                "ask \"any change in your health since your last visit?\" and record the answer \
                 (\"none\" is an answer)",
            ));
        }
        let mut warnings = Vec::new();
        // TODO(clinic-rules): when the screening is due is knot_care::clinic's yearly rule.
        match self.store.latest_screening(ctx).await? {
            None => warnings.push(
                "no safety screening on record: take it with the client before treating".into(),
            ),
            Some(screening) if now - screening.screening.taken_at > Duration::days(365) => warnings
                .push("the safety screening is over a year old: review it with the client".into()),
            Some(_) => {}
        }
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
        let change = VisitChange::RangeOfMotion(measures.to_vec());
        Ok(self
            .store
            .clinic()
            .change_visit(ctx, visit, &change)
            .await?)
    }

    pub async fn record_finding(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewFinding,
    ) -> AppResult<Finding> {
        // TODO(clinic-rules): knot_care::clinic's finding validation and safety flags.
        refuse(self.point_problems(&new.trigger_point_id, new.side))?;
        Ok(self.store.clinic().add_finding(ctx, visit, new).await?)
    }

    pub async fn record_treatment(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewTreatment,
    ) -> AppResult<Treatment> {
        // TODO(clinic-rules): knot_care::clinic's treatment validation and safety flags.
        let mut problems = self.point_problems(&new.trigger_point_id, new.side);
        if new.discomfort > 10 {
            problems.push(format!("discomfort is {}; give 0–10", new.discomfort));
        }
        refuse(problems)?;
        Ok(self.store.clinic().add_treatment(ctx, visit, new).await?)
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

    fn point_problems(&self, trigger_point: &str, side: Side) -> Vec<String> {
        let known = self
            .atlas
            .trigger_points()
            .iter()
            .any(|point| point.id == trigger_point && point.side == side);
        if known {
            Vec::new()
        } else {
            vec![format!(
                "there is no trigger point {trigger_point:?} on the {} side in the atlas; `knot \
                 atlas` lists them",
                side.word()
            )]
        }
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
