//! Guided treatment sessions: starting one (the safety policy decides whether it may start) and
//! recording one as it ended, whoever ran it — the terminal, the browser, or an API client that
//! ran it itself.

use chrono::{DateTime, Utc};
use knot_atlas::TriggerPoint;
use knot_care::safety::{check_treatment, Permission};
use knot_care::session::{Prescription, SessionSpec, SpecRequest, Target};
use knot_record::{NewSession, PlanItem, RecordId, Screening, SessionRecord, TenantCtx};

use crate::error::{AppError, AppResult, Guarded};
use crate::session_check::{session_problems, tidied};
use crate::App;

impl App {
    /// The session to run on `trigger_point` at the atlas's dose. Refused without a screening
    /// on record, or when the screening rules this treatment out.
    pub async fn start_session(
        &self,
        ctx: &TenantCtx,
        trigger_point: &TriggerPoint,
        target: Target,
    ) -> AppResult<SessionSpec> {
        let screening = self.required_screening(ctx, Guarded::Session).await?;
        SessionSpec::unplanned(self.atlas, Some(&screening), trigger_point, target)
            .map_err(AppError::Session)
    }

    /// The session for one item of the person's plan `plan_id`, at the plan's dose.
    pub async fn start_plan_item(
        &self,
        ctx: &TenantCtx,
        plan_id: RecordId,
        item: &PlanItem,
        target: Target,
    ) -> AppResult<SessionSpec> {
        let screening = self.required_screening(ctx, Guarded::Session).await?;
        let trigger_point = self
            .atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == item.trigger_point_id && tp.side == item.side)
            .ok_or_else(|| {
                AppError::invalid(format!(
                    "the atlas no longer has {} ({}); rebuild the plan",
                    item.trigger_point_id,
                    item.side.word()
                ))
            })?;
        let check = check_treatment(self.atlas, Some(&screening), trigger_point);
        SessionSpec::build(SpecRequest {
            atlas: self.atlas,
            trigger_point,
            check: &check,
            target,
            prescription: Some(Prescription::from_plan_item(item)),
            plan_id: Some(plan_id),
        })
        .map_err(AppError::Session)
    }

    /// Stores a session as it ended. Every value must be one a real session can have; a
    /// screening must be on record, and must not rule the treatment out.
    pub async fn record_session(
        &self,
        ctx: &TenantCtx,
        session: NewSession,
    ) -> AppResult<SessionRecord> {
        let session = self.checked_session(ctx, session).await?;
        Ok(self.store.add_session(ctx, &session).await?)
    }

    /// A session as it will be stored, once it has passed the checks every front end's
    /// sessions pass: plausible values, a screening on record, a treatment it allows.
    pub(crate) async fn checked_session(
        &self,
        ctx: &TenantCtx,
        session: NewSession,
    ) -> AppResult<NewSession> {
        let problems = session_problems(self.atlas, &session, Utc::now());
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                problems,
                hint: None,
            });
        }
        let session = tidied(session);
        let screening = self.required_screening(ctx, Guarded::Session).await?;
        let point = self
            .atlas
            .trigger_points_of(&session.muscle_id)
            .find(|tp| tp.id == session.trigger_point_id && tp.side == session.side)
            .ok_or_else(|| AppError::invalid("no such trigger point on that side"))?;
        let check = check_treatment(self.atlas, Some(&screening), point);
        if check.permission == Permission::Blocked {
            return Err(AppError::Blocked {
                reasons: check.messages,
            });
        }
        Ok(session)
    }

    /// Sessions started at or after `since`, oldest first.
    pub async fn sessions(
        &self,
        ctx: &TenantCtx,
        since: Option<DateTime<Utc>>,
    ) -> AppResult<Vec<SessionRecord>> {
        Ok(self.store.sessions(ctx, since).await?)
    }

    /// The latest screening, or the safety policy's refusal.
    pub(crate) async fn required_screening(
        &self,
        ctx: &TenantCtx,
        guarded: Guarded,
    ) -> AppResult<Screening> {
        self.store
            .latest_screening(ctx)
            .await?
            .ok_or(AppError::NeedsScreening { guarded })
    }
}
