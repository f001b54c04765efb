//! Tenancy: whose data a store call may touch.
//!
//! Every table that holds health data carries a `clinic_id` and a `person_id`, and every store
//! call takes a [`TenantCtx`]. The store puts both ids into the query's `WHERE`, so a caller
//! cannot read or change another clinic's or another person's records by naming an id.
//! Self-care use is one personal clinic with one user who is also the person; clinics (a later
//! issue) add therapists who act for their clients.

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
    /// A therapist in a clinic (later issue).
    Therapist,
    /// A clinic administrator (later issue).
    Admin,
}

impl Role {
    /// The lower-case word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Person => "person",
            Role::Therapist => "therapist",
            Role::Admin => "admin",
        }
    }

    /// Parses the stored word.
    pub fn parse(word: &str) -> Option<Role> {
        match word {
            "person" => Some(Role::Person),
            "therapist" => Some(Role::Therapist),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Who is acting, in which clinic, on whose records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantCtx {
    pub clinic_id: ClinicId,
    pub user_id: UserId,
    /// The person whose records the calls read and write.
    pub person_id: PersonId,
    pub role: Role,
}
