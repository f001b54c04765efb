//! Who on a clinic's staff may do what: one table, role × action, deny by default. The access
//! check (`crate::access`) consults it, then narrows clinical actions to the clients a
//! therapist treats.
//!
//! - **front desk**: the client list and contact details (add, edit); never clinical data.
//! - **therapist**: contact and clinical records of the clients they treat — or of every
//!   client when the clinic sets `therapists_see_all`; writes visits, signs, adds addenda.
//! - **admin**: staff, invitations, settings, the audit log, exports, assigning therapists and
//!   deleting (after retention). An admin holds one role in a clinic, and running the clinic is
//!   not treating its clients, so an admin reads or writes clinical records only where the
//!   clinic sets `admins_see_clinical` (then for every client, as a clinic lead would).

use knot_record::clinic::ClinicSettings;
use knot_record::Role;

/// Something a member of staff asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClinicAction {
    /// See the client list (names and contact details).
    ViewClients,
    /// Read one client's contact and demographic details.
    ViewContact,
    /// Add a client, or change contact details.
    EditContact,
    /// Read health history, medications, screening, consent, visits and history.
    ViewClinical,
    /// Record intake, screening, consent, visits, findings, treatments, the note.
    WriteClinical,
    /// Sign a visit's note.
    SignVisit,
    /// Add an addendum to a signed visit.
    AddAddendum,
    /// Decide who treats a client.
    AssignTherapist,
    InviteStaff,
    /// List and remove staff.
    ManageStaff,
    EditSettings,
    ViewAudit,
    ExportClinic,
    /// Delete a client's record (only once its retention period is over).
    DeleteClient,
}

impl ClinicAction {
    /// Every action, for tests and documentation.
    pub const ALL: [ClinicAction; 14] = [
        ClinicAction::ViewClients,
        ClinicAction::ViewContact,
        ClinicAction::EditContact,
        ClinicAction::ViewClinical,
        ClinicAction::WriteClinical,
        ClinicAction::SignVisit,
        ClinicAction::AddAddendum,
        ClinicAction::AssignTherapist,
        ClinicAction::InviteStaff,
        ClinicAction::ManageStaff,
        ClinicAction::EditSettings,
        ClinicAction::ViewAudit,
        ClinicAction::ExportClinic,
        ClinicAction::DeleteClient,
    ];

    /// Whether the action reads or writes a client's clinical data.
    pub fn is_clinical(self) -> bool {
        matches!(
            self,
            ClinicAction::ViewClinical
                | ClinicAction::WriteClinical
                | ClinicAction::SignVisit
                | ClinicAction::AddAddendum
        )
    }
}

/// The table: whether `role` may do `action` at all (before the clinic's settings and who
/// treats whom narrow or widen it). Anything not listed is refused.
pub fn allows(role: Role, action: ClinicAction) -> bool {
    use ClinicAction::*;
    match role {
        Role::FrontDesk => matches!(action, ViewClients | ViewContact | EditContact),
        Role::Therapist => matches!(
            action,
            ViewClients
                | ViewContact
                | EditContact
                | ViewClinical
                | WriteClinical
                | SignVisit
                | AddAddendum
        ),
        Role::Admin => matches!(
            action,
            ViewClients
                | ViewContact
                | EditContact
                | AssignTherapist
                | InviteStaff
                | ManageStaff
                | EditSettings
                | ViewAudit
                | ExportClinic
                | DeleteClient
        ),
        // A self-care account holds no role in a practice.
        Role::Person => false,
    }
}

/// Whether `role` may do `action` for one client, given the clinic's settings and whether the
/// staff member treats that client.
pub fn allows_for_client(
    role: Role,
    action: ClinicAction,
    settings: &ClinicSettings,
    treats: bool,
) -> bool {
    match role {
        Role::Admin if action.is_clinical() => settings.admins_see_clinical,
        // A therapist works with the clients they treat, contact details included.
        Role::Therapist => allows(role, action) && (treats || settings.therapists_see_all),
        _ => allows(role, action),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ClinicAction::*;

    #[test]
    fn the_table_is_pinned_for_every_role_and_action() {
        let expected: &[(Role, &[ClinicAction])] = &[
            (Role::FrontDesk, &[ViewClients, ViewContact, EditContact]),
            (
                Role::Therapist,
                &[
                    ViewClients,
                    ViewContact,
                    EditContact,
                    ViewClinical,
                    WriteClinical,
                    SignVisit,
                    AddAddendum,
                ],
            ),
            (
                Role::Admin,
                &[
                    ViewClients,
                    ViewContact,
                    EditContact,
                    AssignTherapist,
                    InviteStaff,
                    ManageStaff,
                    EditSettings,
                    ViewAudit,
                    ExportClinic,
                    DeleteClient,
                ],
            ),
            (Role::Person, &[]),
        ];
        for (role, allowed) in expected {
            for action in ClinicAction::ALL {
                assert_eq!(
                    allows(*role, action),
                    allowed.contains(&action),
                    "{role:?} × {action:?}"
                );
            }
        }
    }

    #[test]
    fn front_desk_never_gets_clinical_actions_whatever_the_settings() {
        let open = ClinicSettings {
            therapists_see_all: true,
            admins_see_clinical: true,
            ..ClinicSettings::default()
        };
        for action in ClinicAction::ALL.into_iter().filter(|a| a.is_clinical()) {
            assert!(!allows_for_client(Role::FrontDesk, action, &open, true));
        }
    }

    #[test]
    fn therapists_reach_only_clients_they_treat_unless_the_clinic_says_all() {
        let closed = ClinicSettings::default();
        let open = ClinicSettings {
            therapists_see_all: true,
            ..closed
        };
        assert!(allows_for_client(
            Role::Therapist,
            ViewClinical,
            &closed,
            true
        ));
        assert!(!allows_for_client(
            Role::Therapist,
            ViewClinical,
            &closed,
            false
        ));
        assert!(!allows_for_client(
            Role::Therapist,
            ViewContact,
            &closed,
            false
        ));
        assert!(allows_for_client(
            Role::Therapist,
            ViewClinical,
            &open,
            false
        ));
    }

    #[test]
    fn admins_read_clinical_records_only_where_the_clinic_says_so() {
        let closed = ClinicSettings::default();
        let open = ClinicSettings {
            admins_see_clinical: true,
            ..closed
        };
        assert!(!allows_for_client(Role::Admin, ViewClinical, &closed, true));
        assert!(allows_for_client(Role::Admin, ViewClinical, &open, false));
        assert!(allows_for_client(Role::Admin, DeleteClient, &closed, false));
    }
}
