//! `/api/v1/clinic…`: a clinic's staff, clients and visits. Every handler asks the application
//! layer's access check (`App::clinic_ctx`, `App::client_ctx`) for its context first: someone
//! not on the clinic's staff, another clinic's ids and unknown ids all answer 404 (never 403,
//! which would confirm that something exists elsewhere); a member whose role may not do the
//! action gets 403 saying what each role may do.

mod audit;
mod clients;
mod staff;
mod visits;

use knot_app::AppError;

use crate::app_error::from_app;
use crate::routes::Route;
use crate::WebError;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = staff::routes();
    routes.extend(clients::routes());
    routes.extend(visits::routes());
    routes.extend(audit::routes());
    routes
}

/// What each role may do, for a member refused by the permission table.
const ROLES: &str = "your role in this clinic may not do this: the front desk keeps the client \
    list and contact details; therapists keep the clinical records (intake, consent, visits) \
    of the clients they treat and sign their notes; admins run staff, invitations, settings, the \
    audit log, assigning therapists and deleting records after retention";

/// The web error for a refused clinic call.
pub(super) fn refused(error: AppError) -> WebError {
    match error {
        AppError::Forbidden => WebError::Forbidden(ROLES.into()),
        other => from_app(other),
    }
}
