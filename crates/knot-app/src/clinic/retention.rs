//! Deleting a client's record, which the clinic's retention period forbids until it is over:
//! a deletion before then is refused with the date and the reason.

use chrono::{DateTime, NaiveDate, Utc};

use knot_record::clinic::RetentionFacts;
use knot_record::TenantCtx;

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// Deletes the client's record if its retention period is over at `now`; otherwise
    /// `Conflict` saying until when it must be kept, and why.
    pub async fn delete_client(&self, ctx: &TenantCtx, now: DateTime<Utc>) -> AppResult<()> {
        let facts = self.store.clinic().retention_facts(ctx).await?;
        if let Err(why) = may_delete(&facts, now.date_naive()) {
            return Err(AppError::Conflict(format!(
                "the record cannot be deleted yet: {why}"
            )));
        }
        Ok(self.store.clinic().delete_client(ctx, now).await?)
    }
}

/// Whether the record may be deleted on `today`, by `knot_care::clinic::may_delete`; the
/// clinic's `minor_until_age` is the age of majority plus the retention period.
fn may_delete(facts: &RetentionFacts, today: NaiveDate) -> Result<(), String> {
    let years = facts.settings.retention_years;
    let settings = knot_care::clinic::RetentionSettings {
        years_after_last_visit: years,
        age_of_majority: facts.settings.minor_until_age.saturating_sub(years),
    };
    let last = facts.last_visit_at.unwrap_or(facts.created_at).date_naive();
    knot_care::clinic::may_delete(today, last, facts.birth_date, &settings)
}
