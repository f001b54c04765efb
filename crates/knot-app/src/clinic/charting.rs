//! Charting findings and treatments: each entry is checked by `knot_care::clinic`'s rules
//! (every problem at once, by field) before it is stored, and comes back with the safety
//! warnings for it (endangerment sites, the client's screening cautions), flagged as it is
//! entered. Warnings never refuse an entry: the therapist charts what was done.

use chrono::{DateTime, Utc};
use knot_care::clinic as care;

use knot_record::clinic::{Finding, NewFinding, NewTreatment, Treatment};
use knot_record::{RecordId, TenantCtx};

use crate::clinic::rules;
use crate::error::{AppError, AppResult};
use crate::App;

/// A stored finding with the warnings for it (as JSON: the finding's fields and `warnings`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub warnings: Vec<care::Warning>,
}

/// A stored treatment with the warnings for it (as JSON: the treatment's fields and
/// `warnings`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartedTreatment {
    #[serde(flatten)]
    pub treatment: Treatment,
    pub warnings: Vec<care::Warning>,
}

impl App {
    /// Charts a finding. `Invalid` with every problem, each named by its field
    /// (`trigger_point: …`), when the rules refuse it; `Conflict` once the visit is signed.
    pub async fn record_finding(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewFinding,
    ) -> AppResult<ChartedFinding> {
        care::validate_finding(self.atlas, &rules::new_finding(new, unchecked_time()))
            .map_err(invalid)?;
        let finding = self.store.clinic().add_finding(ctx, visit, new).await?;
        let screening = self.store.latest_screening(ctx).await?;
        let warnings = care::finding_warnings(
            self.atlas,
            screening.as_ref(),
            &rules::new_finding(&finding.finding, finding.recorded_at),
        );
        Ok(ChartedFinding { finding, warnings })
    }

    /// Charts a treatment; as [`App::record_finding`].
    pub async fn record_treatment(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        new: &NewTreatment,
    ) -> AppResult<ChartedTreatment> {
        care::validate_treatment(self.atlas, &rules::new_treatment(new, unchecked_time()))
            .map_err(invalid)?;
        let treatment = self.store.clinic().add_treatment(ctx, visit, new).await?;
        let screening = self.store.latest_screening(ctx).await?;
        let warnings = care::treatment_warnings(
            self.atlas,
            screening.as_ref(),
            &rules::new_treatment(&treatment.treatment, treatment.recorded_at),
        );
        Ok(ChartedTreatment {
            treatment,
            warnings,
        })
    }
}

/// Validation does not look at an entry's time; the store sets it when the entry is stored.
fn unchecked_time() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

/// The rules' problems as the app's refusal, one `field: message` line each.
pub(crate) fn invalid(invalid: care::Invalid) -> AppError {
    AppError::Invalid {
        problems: invalid.problems.iter().map(ToString::to_string).collect(),
        hint: None,
    }
}
