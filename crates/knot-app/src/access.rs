//! Who may act for whom: the only place a [`TenantCtx`] is minted.
//!
//! An [`Actor`] is someone the application has authenticated: the local user of the CLI, or a
//! web account whose session cookie checked out. Only this module makes one, from what the
//! store says. [`App::context_for`] is the access check: given an actor and the person it wants
//! to act for, it returns the context every store call needs, or [`AppError::Forbidden`].
//!
//! A person acts on their own records. In a clinic, [`App::clinic_ctx`] and
//! [`App::client_ctx`] are the access checks for staff: they look the membership up (someone
//! not on the staff gets `NotFound`, so another clinic's staff learn nothing), consult the one
//! permission table (`crate::clinic::permissions`), check who treats whom, and only then mint a
//! [`ClinicCtx`] or a [`TenantCtx`] for the client.

use chrono::{DateTime, Utc};
use knot_record::{Account, ClinicCtx, ClinicId, PersonId, Principal, Role, TenantCtx, WebSession};

use crate::clinic::permissions::{allows, allows_for_client, ClinicAction};

use crate::error::{AppError, AppResult};
use crate::App;

/// Someone the application has authenticated. Fields are private: an actor comes only from
/// [`App::local_actor`], [`App::signed_in`] or a sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    principal: Principal,
    /// Signed in through the web (not the local operator at the command line): clinic work
    /// then takes two-factor sign-in.
    web: bool,
}

impl Actor {
    pub(crate) fn of(principal: Principal) -> Actor {
        Actor {
            principal,
            web: false,
        }
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

    /// The local operator (whoever runs `knot` on the machine with the database) acting as the
    /// web account registered as `email`: the CLI's admin commands act this way. It grants
    /// nothing of itself: everything the account then does passes the same access checks as
    /// from the web. An unknown address is `Invalid`, naming it.
    pub async fn operator_acting_as(&self, email: &str) -> AppResult<Actor> {
        match self.store.account_by_email(email.trim()).await? {
            Some(account) => Ok(Actor::of(account.principal())),
            None => Err(AppError::invalid(format!(
                "no account is registered as {:?}",
                email.trim()
            ))),
        }
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
            actor: Actor {
                principal: account.principal(),
                web: true,
            },
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

impl App {
    /// The access check for clinic-wide work: `actor` must be on the staff of `clinic`
    /// (otherwise `NotFound`) with a role the permission table lets do `action` (otherwise
    /// `Forbidden`).
    pub async fn clinic_ctx(
        &self,
        actor: &Actor,
        clinic: ClinicId,
        action: ClinicAction,
    ) -> AppResult<ClinicCtx> {
        let user = actor.principal().user_id;
        let Some(member) = self.store.clinic().membership(clinic, user).await? else {
            return Err(AppError::NotFound {
                record: "clinic",
                id: clinic,
            });
        };
        self.staff_second_factor(actor).await?;
        if !allows(member.role, action) {
            return Err(AppError::Forbidden);
        }
        Ok(mint_clinic(clinic, user, member.role))
    }

    /// Clinic staff signed in through the web must have two-factor sign-in on (the local
    /// operator at the command line is not a web sign-in).
    async fn staff_second_factor(&self, actor: &Actor) -> AppResult<()> {
        if actor.web
            && self
                .store
                .two_factor(actor.principal.user_id)
                .await?
                .is_none()
        {
            return Err(AppError::TwoFactorRequired);
        }
        Ok(())
    }

    /// The access check for one client: `actor` must be on the staff of `clinic` and
    /// `person` one of its current clients (otherwise `NotFound`); the permission table, the
    /// clinic's settings and whether the actor treats the client decide the rest
    /// (`Forbidden`).
    pub async fn client_ctx(
        &self,
        actor: &Actor,
        clinic: ClinicId,
        person: PersonId,
        action: ClinicAction,
    ) -> AppResult<TenantCtx> {
        let user = actor.principal().user_id;
        let Some(member) = self.store.clinic().membership(clinic, user).await? else {
            return Err(AppError::NotFound {
                record: "clinic",
                id: clinic,
            });
        };
        self.staff_second_factor(actor).await?;
        let Some(access) = self
            .store
            .clinic()
            .client_access(clinic, user, person)
            .await?
        else {
            return Err(AppError::NotFound {
                record: "client",
                id: person,
            });
        };
        if !allows_for_client(member.role, action, &member.settings, access.treats) {
            return Err(AppError::Forbidden);
        }
        let acting = Principal {
            user_id: user,
            clinic_id: clinic,
            person_id: person,
            role: member.role,
        };
        Ok(mint(&acting, person))
    }
}

#[allow(clippy::disallowed_methods)] // the access check itself
fn mint_clinic(clinic: ClinicId, user: knot_record::UserId, role: Role) -> ClinicCtx {
    ClinicCtx::new(clinic, user, role)
}

#[allow(clippy::disallowed_methods)] // the access check itself
fn mint(principal: &Principal, person: PersonId) -> TenantCtx {
    TenantCtx::new(principal, person)
}
