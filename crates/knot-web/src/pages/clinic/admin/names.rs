//! How the audit page words a row's record and origin (who and which client come from
//! `App::audit_names`).

use knot_record::AuditEvent;

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
