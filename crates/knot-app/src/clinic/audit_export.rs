//! A clinic's audit log for its admins as people read it and as a file: who each row names
//! (staff by name and e-mail, clients by name) and the whole log as rows, CSV (RFC 4180, with
//! cells a spreadsheet would run as a formula made inert) or JSON. The web's export and
//! `knot audit export` both use it; every page of the log read for it is audited.

use std::collections::HashMap;

use chrono::SecondsFormat;
use knot_record::{AuditEvent, ClinicCtx, PersonId, UserId};
use serde::Serialize;

use super::api_support::MAX_AUDIT_PAGE;
use super::permissions::{allows, ClinicAction};
use crate::error::{AppError, AppResult};
use crate::App;

/// A member of staff (former staff too) as the log names them.
#[derive(Debug, Clone)]
pub struct StaffName {
    pub name: String,
    pub email: String,
}

/// The clinic's staff and clients by id, to name the log's rows.
#[derive(Debug, Default)]
pub struct AuditNames {
    pub staff: HashMap<UserId, StaffName>,
    pub clients: HashMap<PersonId, String>,
}

impl AuditNames {
    /// Who did it: "Name (e-mail)", or the account id of someone never on the staff.
    pub fn who(&self, event: &AuditEvent) -> String {
        match self.staff.get(&event.user_id) {
            Some(person) if person.email.is_empty() => person.name.clone(),
            Some(person) => format!("{} ({})", person.name, person.email),
            None => format!("account {}", event.user_id),
        }
    }

    /// The client the row is about, if any: their name, or their id once the record is gone.
    pub fn client(&self, event: &AuditEvent) -> String {
        match event.person_id {
            Some(id) => self
                .clients
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("client {id}")),
            None => String::new(),
        }
    }
}

/// One row of an exported audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditExportRow {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub user_id: UserId,
    pub who: String,
    pub action: String,
    pub record: String,
    pub record_id: Option<i64>,
    pub client_id: Option<PersonId>,
    pub client: String,
    pub address: Option<String>,
    pub session: Option<String>,
}

/// The CSV header row's names, in column order.
pub const AUDIT_CSV_HEADER: [&str; 11] = [
    "id",
    "at",
    "user_id",
    "who",
    "action",
    "record",
    "record_id",
    "client_id",
    "client",
    "address",
    "session",
];

impl AuditExportRow {
    fn cells(&self) -> [String; 11] {
        let opt = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
        [
            self.id.to_string(),
            self.at.clone(),
            self.user_id.to_string(),
            self.who.clone(),
            self.action.clone(),
            self.record.clone(),
            opt(self.record_id),
            opt(self.client_id),
            self.client.clone(),
            self.address.clone().unwrap_or_default(),
            self.session.clone().unwrap_or_default(),
        ]
    }
}

impl App {
    /// The names the clinic's audit rows refer to: its staff (former staff too) and, for a
    /// role that keeps the client list, its clients. Both reads are audited.
    pub async fn audit_names(&self, ctx: &ClinicCtx) -> AppResult<AuditNames> {
        let staff = self
            .list_staff(ctx)
            .await?
            .into_iter()
            .map(|member| {
                let name = StaffName {
                    name: member.display_name,
                    email: member.email.unwrap_or_default(),
                };
                (member.user_id, name)
            })
            .collect();
        let clients = if allows(ctx.role(), ClinicAction::ViewClients) {
            self.list_clients(ctx)
                .await?
                .into_iter()
                .map(|client| (client.person_id, client.details.display_name))
                .collect()
        } else {
            HashMap::new()
        };
        Ok(AuditNames { staff, clients })
    }

    /// The clinic's whole audit log, newest first, each row with the names it refers to;
    /// only a role that may view the log may.
    pub async fn export_clinic_audit(&self, ctx: &ClinicCtx) -> AppResult<Vec<AuditExportRow>> {
        if !allows(ctx.role(), ClinicAction::ViewAudit) {
            return Err(AppError::Forbidden);
        }
        let names = self.audit_names(ctx).await?;
        let mut events: Vec<AuditEvent> = Vec::new();
        loop {
            let before = events.last().map(|event| event.id);
            let page = self.clinic_audit(ctx, MAX_AUDIT_PAGE, before).await?;
            let full = page.len() == MAX_AUDIT_PAGE as usize;
            events.extend(page);
            if !full {
                break;
            }
        }
        Ok(events
            .iter()
            .map(|event| AuditExportRow {
                id: event.id,
                at: event.at.to_rfc3339_opts(SecondsFormat::Secs, true),
                user_id: event.user_id,
                who: names.who(event),
                action: event.action.clone(),
                record: event.record.clone(),
                record_id: event.record_id,
                client_id: event.person_id,
                client: names.client(event),
                address: event.address.clone(),
                session: event.session.clone(),
            })
            .collect())
    }
}

/// The rows as RFC 4180 CSV: a header row, CRLF line ends (`crate::csv`).
pub fn audit_csv(rows: &[AuditExportRow]) -> String {
    crate::csv::table(&AUDIT_CSV_HEADER, rows.iter().map(|row| row.cells()))
}
