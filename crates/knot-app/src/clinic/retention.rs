//! Deleting a client's record, which the clinic's retention period forbids until it is over:
//! a deletion before then is refused with the date and the reason.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use knot_record::clinic::RetentionFacts;
use knot_record::TenantCtx;

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// Deletes the client's record if its retention period is over at `now`; otherwise
    /// `Conflict` saying until when it must be kept, and why.
    pub async fn delete_client(&self, ctx: &TenantCtx, now: DateTime<Utc>) -> AppResult<()> {
        let facts = self.store.clinic().retention_facts(ctx).await?;
        let (until, why) = keep_until(&facts);
        if now.date_naive() < until {
            return Err(AppError::Conflict(format!(
                "the record must be kept until {until} ({why}); it cannot be deleted before then"
            )));
        }
        Ok(self.store.clinic().delete_client(ctx, now).await?)
    }
}

/// Until when a record is kept, and why.
///
/// TODO(clinic-rules): replace with `knot_care::clinic`'s retention dates; this stand-in keeps
/// a record `retention_years` after the last visit (or after it was opened, without visits),
/// and a minor's until `minor_until_age`, whichever is later.
fn keep_until(facts: &RetentionFacts) -> (NaiveDate, String) {
    let years = facts.settings.retention_years;
    let last = facts.last_visit_at.unwrap_or(facts.created_at).date_naive();
    let after_last = add_years(last, years);
    let mut answer = (
        after_last,
        format!("{years} years after the last visit, the clinic's retention period"),
    );
    if let Some(birth) = facts.birth_date {
        let age = facts.settings.minor_until_age;
        let grown = add_years(birth, age);
        if grown > answer.0 {
            answer = (grown, format!("records of minors are kept until age {age}"));
        }
    }
    answer
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date
        .year()
        .saturating_add(i32::try_from(years).unwrap_or(i32::MAX));
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}
