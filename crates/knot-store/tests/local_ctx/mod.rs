//! The local user's context for the store's own tests, which may mint one (everywhere else only
//! the application layer's access check does). Each test crate uses what it needs of it.

#![allow(dead_code)]

use knot_store::{Store, StoreResult, TenantCtx};

/// `personal_context()` on any store: the local user acting on their own records.
pub trait LocalContext {
    async fn personal_context(&self) -> StoreResult<TenantCtx>;
}

impl<S: Store + ?Sized> LocalContext for S {
    async fn personal_context(&self) -> StoreResult<TenantCtx> {
        let local = self.local_principal().await?;
        #[allow(clippy::disallowed_methods)] // the store's own tests
        Ok(TenantCtx::new(&local, local.person_id))
    }
}

/// `ctx()` on an account: the account acting on its own records.
pub trait OwnContext {
    fn ctx(&self) -> TenantCtx;
}

impl OwnContext for knot_store::Account {
    fn ctx(&self) -> TenantCtx {
        #[allow(clippy::disallowed_methods)] // the store's own tests
        TenantCtx::new(&self.principal(), self.person_id)
    }
}

/// A clinic-wide context for `user` with `role` in `clinic` (the store's own tests; the
/// application's access check decides this everywhere else).
pub fn clinic_ctx(
    clinic: knot_store::ClinicId,
    user: knot_store::UserId,
    role: knot_store::Role,
) -> knot_store::ClinicCtx {
    #[allow(clippy::disallowed_methods)] // the store's own tests
    knot_store::ClinicCtx::new(clinic, user, role)
}

/// A context for the staff member of `ctx` acting on the clinic's client `person`.
pub fn client_ctx(ctx: &knot_store::ClinicCtx, person: knot_store::PersonId) -> TenantCtx {
    let acting = knot_store::Principal {
        user_id: ctx.user_id(),
        clinic_id: ctx.clinic_id(),
        person_id: person,
        role: ctx.role(),
    };
    #[allow(clippy::disallowed_methods)] // the store's own tests
    TenantCtx::new(&acting, person)
}
