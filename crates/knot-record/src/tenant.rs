//! Tenancy: who is acting, and on whose records.
//!
//! Every table that holds health data carries a `clinic_id` and a `person_id`, and every store
//! call takes a [`TenantCtx`]. The store puts both ids into each query's `WHERE`, so a caller
//! cannot reach another clinic's or another person's records by naming an id.
//!
//! A [`Principal`] says who someone is (an identity, read from the store). A [`TenantCtx`] says
//! what they may touch right now, and is a permission: its fields are private, and its one
//! constructor is reserved for the application layer's access check (`knot-app`) and the store
//! backends. `clippy.toml` lists [`TenantCtx::new`] as a disallowed method, so a call anywhere
//! else fails the lint unless it says why it is allowed.

use serde::{Deserialize, Serialize};

/// A clinic's id. The personal, single-user setup has one clinic.
pub type ClinicId = i64;
/// An account's id (someone who signs in or runs the CLI).
pub type UserId = i64;
/// The id of the person whose health data a record is.
pub type PersonId = i64;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A person looking after their own pain; sees only their own records.
    Person,
    /// A therapist in a clinic (clinic mode).
    Therapist,
    /// A clinic administrator (clinic mode): staff, settings, audit, exports.
    Admin,
    /// A clinic's front desk (clinic mode): the client list and contact details, never
    /// clinical notes.
    #[serde(rename = "front_desk")]
    FrontDesk,
}

impl Role {
    /// The lower-case word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Person => "person",
            Role::Therapist => "therapist",
            Role::Admin => "admin",
            Role::FrontDesk => "front_desk",
        }
    }

    /// Parses the stored word.
    pub fn parse(word: &str) -> Option<Role> {
        match word {
            "person" => Some(Role::Person),
            "therapist" => Some(Role::Therapist),
            "admin" => Some(Role::Admin),
            "front_desk" => Some(Role::FrontDesk),
            _ => None,
        }
    }
}

/// Who an account is: its user, its clinic, its role and the person record that is its own.
/// Knowing a principal grants nothing; the access check turns it into a [`TenantCtx`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: UserId,
    pub clinic_id: ClinicId,
    /// The person whose records are the account's own.
    pub person_id: PersonId,
    pub role: Role,
}

/// Permission to act, as one user in one clinic, on one person's records.
///
/// Its fields are private, so no one outside this crate can write one out or change one:
///
/// ```compile_fail
/// use knot_record::{Role, TenantCtx};
/// let forged = TenantCtx { clinic_id: 1, user_id: 1, person_id: 2, role: Role::Person };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TenantCtx {
    clinic_id: ClinicId,
    user_id: UserId,
    person_id: PersonId,
    role: Role,
}

impl TenantCtx {
    /// A context for `acting` on the records of `person_id`.
    ///
    /// Reserved: only `knot-app`'s access check (which decides whether `acting` may act for
    /// `person_id`) and the store backends and their tests call it.
    pub fn new(acting: &Principal, person_id: PersonId) -> TenantCtx {
        TenantCtx {
            clinic_id: acting.clinic_id,
            user_id: acting.user_id,
            person_id,
            role: acting.role,
        }
    }

    pub fn clinic_id(&self) -> ClinicId {
        self.clinic_id
    }

    /// The user who acts (and is recorded as the author and in the audit log).
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// The person whose records the calls read and write.
    pub fn person_id(&self) -> PersonId {
        self.person_id
    }

    pub fn role(&self) -> Role {
        self.role
    }
}
