//! A person's own record out of Knot as an HL7 FHIR R4 `Bundle` (`knot-fhir` does the mapping;
//! this reads what it maps, through the store's audited reads). What the store keeps one of —
//! the latest screening, the active home plan — is exported as that one.

use chrono::{DateTime, Utc};
use knot_fhir::{Person, PersonRecord};
use knot_record::{EntryFilter, TenantCtx};

use crate::error::AppResult;
use crate::App;

impl App {
    /// The context's person's diary (current entries and the history behind them), sessions,
    /// latest screening and active plan, as FHIR JSON text. For the person's own records: the
    /// `Patient` is named from their account.
    pub async fn export_fhir(&self, ctx: &TenantCtx, now: DateTime<Utc>) -> AppResult<String> {
        let history = EntryFilter {
            include_history: true,
            ..EntryFilter::default()
        };
        let entries = self.store.entries(ctx, &history).await?;
        let sessions = self.store.sessions(ctx, None).await?;
        let screenings = self
            .store
            .latest_screening(ctx)
            .await?
            .into_iter()
            .collect();
        let plans = self.store.active_plan(ctx).await?.into_iter().collect();
        let account = self.store.account_by_id(ctx.user_id()).await?;
        let person = Person {
            id: ctx.person_id(),
            display_name: account
                .as_ref()
                .map_or_else(|| "You".to_string(), |a| a.display_name.clone()),
            email: account.map(|a| a.email),
        };
        let record = PersonRecord {
            person,
            entries,
            screenings,
            sessions,
            plans,
        };
        Ok(knot_fhir::bundle_text(&record, now))
    }
}
