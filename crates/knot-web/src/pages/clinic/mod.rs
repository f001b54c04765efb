//! The clinic's pages (clinic mode), for staff at a desk or on a tablet beside the table. Each
//! page asks the application layer's access check for its context first, exactly as the JSON
//! API does (`App::clinic_ctx`, `App::client_ctx`): an outsider or another clinic's id gets the
//! 404 page, a role without the right gets the 403 page saying what each role may do.
//!
//! - `home`: the clinics one belongs to, starting a clinic, and `/clinic/join?token=…`.
//! - `clients`: the client list and the client record (contact, intake, screening, consent).
//! - `visit`: the visit — drawing, candidates, findings, treatments, note, signing, addenda.
//! - `admin`: staff, invitations, settings and the audit log (view and export).

mod admin;
mod client_form;
mod client_record;
mod client_record_forms;
mod clients;
mod frame;
mod home;
mod visit;
mod visit_forms;
mod visit_view;

use crate::routes::Route;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = home::routes();
    routes.extend(clients::routes());
    routes.extend(visit::routes());
    routes.extend(admin::routes());
    routes
}
