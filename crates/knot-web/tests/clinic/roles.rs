//! The callers of the role matrices (`clinic_roles.rs` over the API, `clinic_page_roles.rs`
//! over the pages): four members of clinic A, two staff of clinic B, an account in no clinic and
//! nobody signed in, with what each group may expect.

use super::Clinic;
use crate::signed_in::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Admin,
    Treating,
    NotTreating,
    FrontDesk,
    OtherAdmin,
    OtherTherapist,
    NoClinic,
    Anonymous,
}

use Who::*;

pub const ALL: [Who; 8] = [
    Admin,
    Treating,
    NotTreating,
    FrontDesk,
    OtherAdmin,
    OtherTherapist,
    NoClinic,
    Anonymous,
];
pub const STAFF: &[Who] = &[Admin, Treating, NotTreating, FrontDesk];
pub const CONTACT: &[Who] = &[Admin, Treating, FrontDesk];
pub const CLINICAL: &[Who] = &[Treating];
pub const ADMIN: &[Who] = &[Admin];

impl Who {
    /// Whether the caller is on clinic A's staff (a refusal is then 403, not 404).
    pub fn is_member(self) -> bool {
        STAFF.contains(&self)
    }

    /// The caller's session: A's members, B's staff, the account in no clinic, or none.
    pub fn session<'a>(
        self,
        a: &'a Clinic,
        b: &'a Clinic,
        nobody: &'a Session,
    ) -> Option<&'a Session> {
        match self {
            Admin => Some(&a.admin),
            Treating => Some(&a.treating),
            NotTreating => Some(&a.not_treating),
            FrontDesk => Some(&a.front_desk),
            OtherAdmin => Some(&b.admin),
            OtherTherapist => Some(&b.treating),
            NoClinic => Some(nobody),
            Anonymous => None,
        }
    }

    /// What the caller must never see: the other clinic's names and addresses (both clinics',
    /// for an account in neither).
    pub fn foreign(self, a: &Clinic, b: &Clinic) -> Vec<String> {
        let names = |c: &Clinic| -> Vec<String> {
            [c.name.clone(), c.client_name.clone()]
                .into_iter()
                .chain(c.emails.clone())
                .collect()
        };
        match self {
            OtherAdmin | OtherTherapist => names(a),
            NoClinic | Anonymous => [names(a), names(b)].concat(),
            _ => names(b),
        }
    }
}
