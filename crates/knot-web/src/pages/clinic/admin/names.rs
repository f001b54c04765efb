//! Who and which client an audit row names, as people read them: a member of staff by name
//! (or e-mail), a client by name; the ids the log keeps otherwise.

use std::collections::HashMap;

use knot_app::ClinicAction;
use knot_record::{AuditEvent, ClinicCtx, PersonId, UserId};

use super::super::frame::refused;
use crate::{AppState, WebError};

/// A staff member as the log names them.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub name: String,
    pub email: String,
}

/// The clinic's staff (former staff too) and clients by id.
#[derive(Debug, Default)]
pub(super) struct Names {
    pub staff: HashMap<UserId, Person>,
    pub clients: HashMap<PersonId, String>,
}

impl Names {
    /// Reads the staff and the client list (both reads are audited, like any other).
    pub async fn load(state: &AppState, ctx: &ClinicCtx) -> Result<Names, WebError> {
        let staff = state
            .app
            .list_staff(ctx)
            .await
            .map_err(refused)?
            .into_iter()
            .map(|member| {
                let person = Person {
                    name: member.display_name,
                    email: member.email.unwrap_or_default(),
                };
                (member.user_id, person)
            })
            .collect();
        // The client list is the front desk's; a role without it sees client ids.
        let clients =
            if knot_app::clinic::permissions::allows(ctx.role(), ClinicAction::ViewClients) {
                state
                    .app
                    .list_clients(ctx)
                    .await
                    .map_err(refused)?
                    .into_iter()
                    .map(|client| (client.person_id, client.details.display_name))
                    .collect()
            } else {
                HashMap::new()
            };
        Ok(Names { staff, clients })
    }

    /// Who did it: "Name (e-mail)", or the account id when they are not on the staff list.
    pub fn who(&self, event: &AuditEvent) -> String {
        match self.staff.get(&event.user_id) {
            Some(person) if person.email.is_empty() => person.name.clone(),
            Some(person) => format!("{} ({})", person.name, person.email),
            None => format!("account {}", event.user_id),
        }
    }

    /// The client the row is about, if any: their name, or their id once deleted.
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

/// What the row is about: "visit 12", "staff".
pub(super) fn record(event: &AuditEvent) -> String {
    match event.record_id {
        Some(id) => format!("{} {id}", event.record),
        None => event.record.clone(),
    }
}

/// Where it came from: the address and browser session, or the command line.
pub(super) fn origin(event: &AuditEvent) -> String {
    match (&event.address, &event.session) {
        (Some(address), Some(session)) => format!("{address}, session {session}"),
        (Some(address), None) => address.clone(),
        (None, Some(session)) => format!("session {session}"),
        (None, None) => "not recorded (the command line)".into(),
    }
}
