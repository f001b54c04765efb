//! The clinic's admin pages: staff and invitations with the clinic's settings ([`staff`],
//! [`settings`]), and the audit log, viewed a page at a time ([`audit`]) or downloaded whole
//! as CSV or JSON ([`export`]).

mod audit;
mod export;
mod names;
mod settings;
mod staff;

use crate::routes::Route;

pub(super) fn routes() -> Vec<Route> {
    let mut routes = staff::routes();
    routes.extend(settings::routes());
    routes.extend(audit::routes());
    routes.extend(export::routes());
    routes
}
