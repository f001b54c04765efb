//! The safety screening: store a completed one (judged with the current rule table), and read
//! the latest with its outcome. The answers are built from each front end's input by
//! `knot_care::screen`; what they mean is decided there.

use knot_care::screen::{RuleTable, ScreeningOutcome};
use knot_record::{NewScreening, Screening, TenantCtx};

use crate::error::AppResult;
use crate::App;

/// A stored screening with what its answers mean under the current rules.
#[derive(Debug, Clone)]
pub struct JudgedScreening {
    pub screening: Screening,
    pub outcome: ScreeningOutcome,
}

impl App {
    /// Stores a completed screening; it is the latest from now on.
    pub async fn save_screening(
        &self,
        ctx: &TenantCtx,
        new: &NewScreening,
    ) -> AppResult<JudgedScreening> {
        let screening = self.store.add_screening(ctx, new).await?;
        Ok(judged(screening))
    }

    /// The latest screening and its outcome, if the person has taken one.
    pub async fn latest_screening(&self, ctx: &TenantCtx) -> AppResult<Option<JudgedScreening>> {
        Ok(self.store.latest_screening(ctx).await?.map(judged))
    }
}

fn judged(screening: Screening) -> JudgedScreening {
    let outcome = RuleTable::builtin().evaluate(&screening.screening);
    JudgedScreening { screening, outcome }
}
