//! Who may act for whom: the only place a [`TenantCtx`] is minted.
//!
//! An [`Actor`] is someone the application has authenticated: the local user of the CLI, or a
//! web account whose session cookie checked out. Only this module makes one, from what the
//! store says. [`App::context_for`] is the access check: given an actor and the person it wants
//! to act for, it returns the context every store call needs, or [`AppError::Forbidden`].
//!
//! Today a person acts only on their own records. Clinic mode adds therapists acting for their
//! clients: that rule goes here, and nowhere else.

use chrono::{DateTime, Utc};
use knot_record::{Account, PersonId, Principal, Role, TenantCtx, WebSession};

use crate::error::{AppError, AppResult};
use crate::App;

/// Someone the application has authenticated. Fields are private: an actor comes only from
/// [`App::local_actor`], [`App::signed_in`] or a sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    principal: Principal,
}

impl Actor {
    pub(crate) fn of(principal: Principal) -> Actor {
        Actor { principal }
    }

    /// Who the actor is.
    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// The person whose records are the actor's own.
    pub fn own_person(&self) -> PersonId {
        self.principal.person_id
    }

    /// The context for the actor's own records, which every actor may touch.
    pub fn own_records(&self) -> TenantCtx {
        mint(&self.principal, self.principal.person_id)
    }
}

/// A web account whose session checked out, with the session (for its CSRF token).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub account: Account,
    pub session: WebSession,
}

impl App {
    /// The CLI's local user, created on first use.
    pub async fn local_actor(&self) -> AppResult<Actor> {
        Ok(Actor::of(self.store.local_principal().await?))
    }

    /// The account a live browser session belongs to, if the session exists and has not
    /// expired at `now`.
    pub async fn signed_in(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Option<SignedIn>> {
        let Some(session) = self.store.web_session(token_hash, now).await? else {
            return Ok(None);
        };
        let account = self.store.account_by_id(session.user_id).await?;
        Ok(account.map(|account| SignedIn {
            actor: Actor::of(account.principal()),
            account,
            session,
        }))
    }

    /// The access check: the context for `actor` acting on the records of `person`, or
    /// `Forbidden`.
    pub fn context_for(&self, actor: &Actor, person: PersonId) -> AppResult<TenantCtx> {
        let principal = actor.principal();
        let allowed = match principal.role {
            // A person looks after their own records only.
            Role::Person => person == principal.person_id,
            // Clinic roles act for their own person record until clinic mode says for whom
            // else they may act.
            Role::Therapist | Role::Admin | Role::FrontDesk => person == principal.person_id,
        };
        if allowed {
            Ok(mint(principal, person))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

#[allow(clippy::disallowed_methods)] // the access check itself
fn mint(principal: &Principal, person: PersonId) -> TenantCtx {
    TenantCtx::new(principal, person)
}
