//! The clinic's admin pages.

use crate::routes::Route;

pub(super) fn routes() -> Vec<Route> {
    Vec::new()
}
